// What the Door devices section shows, as plain values: pure, so that the
// countdown, the ordering and the names are tested without a browser.
import { deviceStatus, type Device, type DeviceStatus } from "../../api/devices";
import type { Tone } from "../../components/ui";

/** "14:05" until a deadline (minutes:seconds, hours first past an hour); "0:00" once past. */
export function countdown(untilIso: string, now: number): string {
  const left = Math.max(0, Math.ceil((Date.parse(untilIso) - now) / 1000));
  if (!Number.isFinite(left)) return "0:00";
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = String(left % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export function expired(untilIso: string, now: number): boolean {
  return !(Date.parse(untilIso) > now);
}

const TONE: Record<DeviceStatus, Tone> = { active: "ok", pending: "warn", revoked: "bad", expired: "muted" };

/** The badge colour of a device's status (a status this UI does not know is muted). */
export function statusTone(d: Pick<Device, "status">): Tone {
  const s = deviceStatus(d);
  return s ? TONE[s] : "muted";
}

const ORDER: Record<DeviceStatus, number> = { active: 0, pending: 1, expired: 2, revoked: 3 };
const rank = (d: Device) => {
  const s = deviceStatus(d);
  return s ? ORDER[s] : 4;
};

/** Working devices first (active, then waiting for enrolment), then by name. */
export function sortDevices(items: readonly Device[]): Device[] {
  return [...items].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Whether the organizer can still act on a device (new link, revoke). */
export const live = (d: Device) => d.status === "active" || d.status === "pending";

/** A device's name by its id, when the event's device list knows it. */
export type DeviceNames = (deviceId: string) => string | undefined;

export function deviceNames(items: readonly Device[] | undefined): DeviceNames {
  const byId = new Map((items ?? []).map((d) => [d.id, d.name]));
  return (id) => byId.get(id);
}

/** An active device not heard from for this long is marked on the Live view. */
export const UNSEEN_AFTER_MS = 2 * 60_000;
/** Scans waiting on a device for this long are marked on the Live view. */
export const WAITING_AFTER_MS = 5 * 60_000;

/** When the device was last heard from: its last request, else its enrolment. */
export function lastHeard(d: Pick<Device, "last_seen_at" | "enrolled_at">): number | null {
  const at = Date.parse(d.last_seen_at ?? d.enrolled_at ?? "");
  return Number.isFinite(at) ? at : null;
}

/**
 * Since when each device has had scans waiting to upload, kept across polls
 * (the server only gives the count at the device's last upload). The count
 * was reported at or before the device's last request, so the wait began no
 * later than that: a page opened late still sees an old wait. A device with
 * nothing waiting leaves the map.
 */
export function trackWaiting(prev: ReadonlyMap<string, number>, devices: readonly Device[], now: number): Map<string, number> {
  const next = new Map<string, number>();
  for (const d of devices) {
    if (!(d.pending_scans && d.pending_scans > 0)) continue;
    const reported = lastHeard(d) ?? now;
    next.set(d.id, Math.min(prev.get(d.id) ?? now, reported, now));
  }
  return next;
}

export type DeviceAlert = { kind: "unseen" | "waiting"; forMs: number };

/**
 * What is wrong with a working device, for the Live view: not seen for more
 * than 2 minutes, scans waiting to upload for more than 5. Devices that are
 * not active (not enrolled yet, revoked, expired) are not expected to call.
 */
export function deviceAlerts(d: Device, now: number, waitingSince?: number): DeviceAlert[] {
  if (d.status !== "active") return [];
  const alerts: DeviceAlert[] = [];
  const heard = lastHeard(d);
  if (heard !== null && now - heard > UNSEEN_AFTER_MS) alerts.push({ kind: "unseen", forMs: now - heard });
  if (d.pending_scans && d.pending_scans > 0 && waitingSince !== undefined && now - waitingSince > WAITING_AFTER_MS) {
    alerts.push({ kind: "waiting", forMs: now - waitingSince });
  }
  return alerts;
}
