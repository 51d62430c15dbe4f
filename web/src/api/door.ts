// The door conflicts endpoint (ADR 0005): its types, generated from the
// server's OpenAPI document, and its path.
import { buildQuery, eventPath } from "../lib/query";
import type { ConflictScanView, ConflictView, Page } from "./types";

/** An admission the server would have refused; `first` is the earlier one for `already_used`. */
export type Conflict = ConflictView;
/** One side of a conflict: an admission as a door recorded it. */
export type ConflictScan = ConflictScanView;
export type ConflictPage = Page<Conflict>;

/** `GET /api/v1/events/{id}/door/conflicts`: newest first, keyset-paginated. */
export function conflictsPath(eventId: string, limit?: number): string {
  return eventPath(eventId, `/door/conflicts${buildQuery({ limit })}`);
}
