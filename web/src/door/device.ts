// A phone enrolled as a door device: the link's token, what the phone keeps
// of its enrolment (which device, which event: not ticket data) so that the
// door opens offline too, and what it forgets once signed out.
import type { DeviceSession } from "../api/devices";
import { wipeDoorEvent } from "./store";

/** What the phone keeps of its enrolment, per event (the session itself lives in HttpOnly cookies). */
export type StoredDevice = Pick<DeviceSession, "device" | "event">;

/** The app's version, sent with every upload (package version and build commit). */
export const APP_VERSION: string = typeof __APP_VERSION__ === "string" ? __APP_VERSION__ : "dev";

// Tokens are URL-safe; anything else in a fragment is not one (a pasted link may carry a newline or quotes).
const TOKEN = /^[A-Za-z0-9._~-]{8,512}$/;

/** The one-time token of an enrolment link (`/door/enrol#<token>`), from `location.hash`; null when there is none. */
export function enrolToken(hash: string): string | null {
  let raw = hash.startsWith("#") ? hash.slice(1) : hash;
  // Older links or hand-made ones: `#token=…`.
  if (raw.startsWith("token=")) raw = raw.slice("token=".length);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  raw = raw.trim();
  return TOKEN.test(raw) ? raw : null;
}

type Place = Pick<Location, "hash" | "pathname" | "search">;
type Past = Pick<History, "replaceState" | "state">;

/**
 * Reads the enrolment link's token once per page load and removes it from
 * the address bar right away (it must not linger in the history, a bookmark
 * or a screenshot); asked again (a second render), it answers the same.
 */
export function tokenTaker(): (loc?: Place, history?: Past) => string | null {
  let taken: { token: string | null } | null = null;
  return (loc = window.location, history = window.history) => {
    if (taken === null || loc.hash) {
      taken = { token: enrolToken(loc.hash) };
      if (loc.hash) history.replaceState(history.state, "", loc.pathname + loc.search);
    }
    return taken.token;
  };
}

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem">;

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const deviceKey = (eventId: string) => `qre.door.device.${eventId}`;

export function saveDevice(s: StoredDevice, storage: Storage | null = local()): void {
  try {
    storage?.setItem(deviceKey(s.device.event_id), JSON.stringify({ device: s.device, event: s.event }));
  } catch {
    /* private mode: the phone asks the server each time */
  }
}

/** The enrolment this phone keeps for `eventId`, if any. */
export function loadDevice(eventId: string, storage: Storage | null = local()): StoredDevice | null {
  try {
    const raw = JSON.parse(storage?.getItem(deviceKey(eventId)) ?? "null") as Partial<StoredDevice> | null;
    const d = raw?.device;
    const e = raw?.event;
    if (!d || !e || d.event_id !== eventId || e.id !== eventId || typeof d.id !== "string") return null;
    if (typeof d.name !== "string" || typeof d.gate !== "string" || (d.mode !== "check_in" && d.mode !== "verify")) return null;
    return { device: d, event: e };
  } catch {
    return null;
  }
}

/** Forgets the enrolment and the door's small notes for `eventId` (device, counts, gate). */
export function forgetDevice(eventId: string, storage: Storage | null = local()): void {
  for (const key of [deviceKey(eventId), `qre.door.counts.${eventId}`, `qre.door.gate.${eventId}`]) {
    try {
      storage?.removeItem(key);
    } catch {
      /* nothing kept */
    }
  }
}

/**
 * Everything of the event, once the door is signed out: the IndexedDB pack
 * and queue (`wipe`) and the notes in localStorage.
 */
export async function forgetDoorEvent(
  eventId: string,
  wipe: (eventId: string) => Promise<void> = wipeDoorEvent,
  storage: Storage | null = local(),
): Promise<void> {
  forgetDevice(eventId, storage);
  await wipe(eventId);
}
