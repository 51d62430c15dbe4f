// The door's endpoints, one typed function each.
import { api, ApiError, type Api } from "../api/client";
import type { AdmitBody, DoorPack, ScanBody, ScanResponse, SyncRequest, SyncResponse } from "./types";

export interface DoorHttp {
  /** The full pack, or the tickets changed since `since`. */
  pack(eventId: string, since: string | null, signal?: AbortSignal): Promise<DoorPack>;
  scan(eventId: string, body: ScanBody, signal?: AbortSignal): Promise<ScanResponse>;
  /** A ticket chosen by name (no code): the same answer as a scan. */
  admit(eventId: string, body: AdmitBody, signal?: AbortSignal): Promise<ScanResponse>;
  sync(eventId: string, body: SyncRequest, signal?: AbortSignal): Promise<SyncResponse>;
}

const base = (eventId: string) => `/api/v1/events/${encodeURIComponent(eventId)}`;

/** The door's endpoints through `client`: a person's session, or a door device's. */
export function doorHttpFor(client: Api): DoorHttp {
  return {
    pack: (eventId, since, signal) =>
      client.json<DoorPack>(
        `${base(eventId)}/door/pack${since === null ? "" : `?since=${encodeURIComponent(since)}`}`,
        { signal },
      ),
    scan: (eventId, body, signal) => client.json<ScanResponse>(`${base(eventId)}/scan`, { method: "POST", body, signal }),
    admit: (eventId, body, signal) => client.json<ScanResponse>(`${base(eventId)}/door/admit`, { method: "POST", body, signal }),
    sync: (eventId, body, signal) => client.json<SyncResponse>(`${base(eventId)}/door/sync`, { method: "POST", body, signal }),
  };
}

/** The door of a signed-in staff member. */
export const doorHttp: DoorHttp = doorHttpFor(api);

/**
 * Failures that mean "no usable answer now": no network, a timeout, server
 * trouble or throttling. The door then decides itself (scans) or tries again
 * later (downloads, uploads). Anything else is an answer about the request.
 */
export function transient(e: unknown): boolean {
  if ((e as Error)?.name === "AbortError") return true;
  return e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);
}

/**
 * A pack delta refused for its cursor (the server answers 422 for a cursor it
 * does not take; 400 as documented): the device downloads the full pack.
 */
export function staleCursor(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 422 || e.status === 400);
}

/** Whether a failure still proves the server was reached. */
export function reachedServer(e: unknown): boolean {
  return e instanceof ApiError && e.status !== 0;
}
