// What the conflicts list shows of each conflict, as plain text: pure, so
// that the wording and the time-zone handling are tested without a browser.
import type { Conflict, ConflictScan } from "../../api/door";
import type { Lang, MessageKey, T } from "../../i18n";
import { localeOf, safeZone, shortId } from "../../lib/format";
import { reasonText } from "../../lib/reasons";
import type { DeviceNames } from "./deviceFacts";

/** One admission of a conflict, ready to show. */
export interface ScanFacts {
  heading: string;
  gate: string;
  device: string;
  /** The full device id, for a tooltip; null when the door sent none. */
  deviceId: string | null;
  /** `device` is an enrolled door device's name (not a short id). */
  deviceNamed: boolean;
  staff: string;
  scannedAt: string;
  receivedAt: string;
  /** How long the scan waited before reaching the server ("12 min later"), when a minute or more. */
  delay: string | null;
  offline: boolean;
}

/** A conflict, ready to show: its two sides in time order (the first may be missing). */
export interface ConflictFacts {
  id: string;
  ticketId: string;
  holder: string;
  category: string;
  reason: string;
  detectedAt: string;
  first: ScanFacts | null;
  second: ScanFacts;
  /** `already_used` without the earlier admission on record. */
  firstMissing: boolean;
}

/** A date and time with seconds ("12 Mar 2026, 18:04:09") in the event's zone. */
export function formatDateTime(iso: string, timeZone: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: "medium",
    timeStyle: "medium",
    hourCycle: "h23",
    timeZone: safeZone(timeZone),
  }).format(date);
}

/** "12 min later", "2 h 05 min later"; null under a minute (or with the device clock ahead). */
export function delayText(fromIso: string, toIso: string, t: T): string | null {
  const minutes = Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  if (!(minutes >= 1)) return null;
  if (minutes < 60) return t("dash.conflicts.delayMinutes", { n: minutes });
  return t("dash.conflicts.delayHours", { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, "0") });
}

/** The name of a staff member by user id, when the caller knows it (the event's staff list). */
export type StaffNames = (userId: string) => string | undefined;

interface Context {
  timeZone: string;
  lang: Lang;
  t: T;
  names: StaffNames;
  devices: DeviceNames;
}

function scanFacts(scan: ConflictScan, heading: MessageKey, { timeZone, lang, t, names, devices }: Context): ScanFacts {
  const deviceName = scan.device_id ? devices(scan.device_id)?.trim() : undefined;
  let staff: string;
  if (scan.user_id) staff = names(scan.user_id)?.trim() || shortId(scan.user_id);
  // An enrolled door device scans without an account.
  else staff = deviceName ? t("dash.conflicts.deviceStaff") : t("dash.conflicts.unknownStaff");
  return {
    heading: t(heading),
    gate: scan.gate?.trim() || t("dash.live.noGate"),
    device: deviceName || (scan.device_id ? shortId(scan.device_id) : t("dash.conflicts.unknownDevice")),
    deviceId: scan.device_id ?? null,
    deviceNamed: Boolean(deviceName),
    staff,
    scannedAt: formatDateTime(scan.scanned_at, timeZone, lang),
    receivedAt: formatDateTime(scan.received_at, timeZone, lang),
    delay: delayText(scan.scanned_at, scan.received_at, t),
    offline: scan.offline,
  };
}

/**
 * Everything the list shows of one conflict, in the person's language and
 * the event's zone; staff and door devices by name when `names` and
 * `devices` know them.
 */
export function conflictFacts(
  c: Conflict,
  timeZone: string,
  lang: Lang,
  t: T,
  names: StaffNames = () => undefined,
  devices: DeviceNames = () => undefined,
): ConflictFacts {
  const ctx = { timeZone, lang, t, names, devices };
  // Two admissions side by side when the ticket was let in twice (the earlier one may be unknown).
  const twice = c.reason === "already_used" || Boolean(c.first);
  return {
    id: c.id,
    ticketId: c.ticket_id,
    holder: c.holder_name,
    category: c.category?.trim() || t("dash.conflicts.noCategory"),
    reason: reasonText(c.reason, t),
    detectedAt: formatDateTime(c.detected_at, timeZone, lang),
    first: c.first ? scanFacts(c.first, "dash.conflicts.first", ctx) : null,
    second: scanFacts(c.second, twice ? "dash.conflicts.second" : "dash.conflicts.admission", ctx),
    firstMissing: c.reason === "already_used" && !c.first,
  };
}

/**
 * The list after a refresh of its first page: the server's newest items in
 * its order, then the older ones already loaded that are not among them.
 * Conflicts are never deleted, so this is the server's order throughout.
 */
export function mergeConflicts(latest: Conflict[], known: Conflict[]): Conflict[] {
  const ids = new Set(latest.map((c) => c.id));
  return [...latest, ...known.filter((c) => !ids.has(c.id))];
}
