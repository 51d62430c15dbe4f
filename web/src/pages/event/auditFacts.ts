// What the Audit section shows of an entry's details and of the tamper
// check, in the person's language: the server records codes and English
// sentences for its logs, never for the page.
import type { Lang, T } from "../../i18n";
import { isMessageKey } from "../../i18n/messages";
import { formatDateTime, formatNumber, shortId } from "../../lib/format";
import { reasonText, roleText } from "../../lib/reasons";
import type { DeviceNames } from "./deviceFacts";

/** One detail ready to show; `id` is set when the value stands for an id (shown short, whole on hover). */
export interface DetailRow {
  key: string;
  label: string;
  value: string;
  id?: string;
}

const REASONS = new Set(["reason", "offline_reason"]);
const RESULTS = new Set(["result", "offline_result"]);
const ROLES = new Set(["role", "previous_role", "invited_role"]);
const TIMES = new Set(["scanned_at", "expires_at"]);
const IDS = new Set(["scan_id", "conflict_id", "delivery_id", "invitation_id", "replaced_by"]);

function coded(prefix: string, value: string, t: T): string {
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? t(key) : value;
}

function valueText(key: string, value: string, t: T, lang: Lang, timeZone: string): string {
  if (REASONS.has(key)) return reasonText(value, t);
  if (RESULTS.has(key)) return coded("dash.audit.result.", value, t);
  if (ROLES.has(key)) return roleText(value, t);
  if (key === "mode") return coded("dash.devices.mode.", value, t);
  if (TIMES.has(key)) return formatDateTime(value, timeZone, lang) || value;
  return value;
}

/** The entry's details, empty ones left out, keys and known values translated. */
export function detailRows(
  details: Record<string, unknown> | null | undefined,
  t: T,
  lang: Lang,
  devices: DeviceNames,
  timeZone: string,
): DetailRow[] {
  const rows: DetailRow[] = [];
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === null || value === undefined || value === "") continue;
    const label = coded("dash.audit.detail.", key, t);
    let row: DetailRow;
    if (typeof value === "boolean") row = { key, label, value: t(value ? "common.yes" : "common.no") };
    else if (typeof value === "number") row = { key, label, value: formatNumber(value, lang) };
    else if (typeof value !== "string") row = { key, label, value: JSON.stringify(value) };
    else if (key === "device_id") row = { key, label, value: devices(value) ?? shortId(value), id: value };
    else if (IDS.has(key)) row = { key, label, value: shortId(value), id: value };
    else row = { key, label, value: valueText(key, value, t, lang, timeZone) };
    rows.push(row);
  }
  return rows;
}

/**
 * What the tamper check found wrong, from the server's sentence; null for a
 * sentence this UI does not know (the broken chain is said anyway).
 */
export function chainProblemText(problem: string | null | undefined, t: T): string | null {
  if (!problem) return null;
  let m = /^seal (\d+) is missing$/.exec(problem);
  if (m) return t("dash.audit.problem.missing", { seq: Number(m[1]) });
  m = /^(\d+) entries expected, (\d+) found$/.exec(problem);
  if (m) return t("dash.audit.problem.count", { expected: Number(m[1]), found: Number(m[2]) });
  if (problem === "the seal does not follow its predecessor") return t("dash.audit.problem.order");
  if (problem === "an entry was altered") return t("dash.audit.problem.altered");
  return null;
}
