// The door's wire types (ADR 0005), named from the generated API types; the
// local forms only make required what the door always sends.
import type {
  ConflictScanView,
  ConflictView,
  DoorPackResponse,
  PackTicket as ApiPackTicket,
  ScanResponse,
  SyncRequest as ApiSyncRequest,
  SyncResponse as ApiSyncResponse,
  SyncResultView,
  SyncScanRequest,
} from "../api/types";
import type { components } from "../api/schema";

export type DoorMode = components["schemas"]["ScanModeName"];
export type RejectReason = components["schemas"]["ReasonName"];

/** `GET /api/v1/events/{id}/door/pack[?since=cursor]`: `full: false` lists only tickets changed since. */
export type DoorPack = DoorPackResponse;
export type PackEvent = DoorPack["event"];
export type PackKey = DoorPack["keys"][number];
export type PackRules = DoorPack["rules"];
/** A ticket as the door holds it (no e-mail, note, link key or code); `status` is `active` or `revoked`. */
export type PackTicket = ApiPackTicket;

/** One offline scan as uploaded (mode, gate and reason always written out). */
export type SyncScan = SyncScanRequest & {
  mode: DoorMode;
  gate: string | null;
  offline_reason: RejectReason | null;
};

/** `POST /api/v1/events/{id}/door/sync`, with the app's version (shown per device on the dashboard). */
export type SyncRequest = ApiSyncRequest;
export type SyncResponse = ApiSyncResponse;
/** `result`: `admitted`, `rejected` or `conflict`. */
export type SyncResult = SyncResultView;
/** One side of a conflict: an admission, where, when and by whom. */
export type ConflictSide = ConflictScanView;
/** Reported to the device whose admission is `second`. */
export type DoorConflict = ConflictView;

/** `POST /api/v1/events/{id}/scan`, with the device that made it. */
export type ScanBody = components["schemas"]["ScanRequest"] & {
  mode: DoorMode;
  scan_id: string;
  gate: string | null;
  device_id: string;
};

/**
 * `POST /api/v1/events/{id}/door/admit`: a person let in by name, from the
 * door's search (no code); answered like a scan.
 */
export type AdmitBody = components["schemas"]["AdmitRequest"] & {
  mode: DoorMode;
  scan_id: string;
  gate: string | null;
};

export type { ScanResponse };
