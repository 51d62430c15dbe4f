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
