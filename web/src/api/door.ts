// The door conflicts endpoint (ADR 0005), typed by hand until the server's
// route lands in openapi.json and `npm run gen:api` generates these types:
// then this file keeps only the path helper and the names below point at
// `components["schemas"]`.
import { buildQuery, eventPath } from "../lib/query";
import type { StatsResponse } from "./types";

/** Why the server would have refused an admission a door made offline. */
export type ConflictReason = "already_used" | "revoked" | "expired" | "not_yet_valid";

/** One side of a conflict: an admission as a door recorded it. */
export interface ConflictScan {
  scan_id: string;
  gate: string | null;
  device_id: string | null;
  user_id: string | null;
  user_name: string | null;
  /** When the door scanned (the device's clock, RFC 3339). */
  scanned_at: string;
  /** When the scan reached the server (RFC 3339). */
  received_at: string;
  /** Decided by the door alone, without the server. */
  offline: boolean;
}

/** An admission the server would have refused; `first` is the earlier one for `already_used`. */
export interface Conflict {
  id: string;
  ticket_id: string;
  holder_name: string;
  category: string | null;
  reason: ConflictReason;
  detected_at: string;
  first: ConflictScan | null;
  second: ConflictScan;
}

export interface ConflictPage {
  items: Conflict[];
  next_cursor: string | null;
}

/** The live figures, with the count of door conflicts (absent from servers before ADR 0005). */
export type LiveStats = StatsResponse & { conflicts?: number };

/** `GET /api/v1/events/{id}/door/conflicts`: newest first, keyset-paginated. */
export function conflictsPath(eventId: string, limit?: number): string {
  return eventPath(eventId, `/door/conflicts${buildQuery({ limit })}`);
}
