// The door's wire types: the offline pack, the upload of offline scans and
// its answer (ADR 0005). Hand-written until the OpenAPI document carries the
// door routes; then these become aliases of the generated schema types.
import type { ScanResponse } from "../api/types";

export type DoorMode = "check_in" | "verify";

export type RejectReason = "invalid_code" | "wrong_event" | "revoked" | "not_yet_valid" | "expired" | "already_used";

export interface PackEvent {
  id: string;
  name: string;
  starts_at: string;
  ends_at: string;
  timezone: string;
}

export interface PackKey {
  /** 8 hex characters. */
  kid: string;
  /** 32 bytes, base64url. */
  public_key: string;
}

export interface PackRules {
  clock_skew_secs: number;
}

/** A ticket as the door holds it (no e-mail, note, link key or code). */
export interface PackTicket {
  id: string;
  /** `active` or `revoked`. */
  status: string;
  uses: number;
  max_uses: number;
  valid_from: string;
  valid_until: string;
  category: string;
  holder_name: string;
}

/** `GET /api/v1/events/{id}/door/pack[?since=cursor]`. */
export interface DoorPack {
  event: PackEvent;
  keys: PackKey[];
  rules: PackRules;
  tickets: PackTicket[];
  /** Opaque: handed back as `since`. */
  cursor: string | number;
  /** True: the complete list; false: only tickets changed since `since`. */
  full: boolean;
  generated_at: string;
}

/** One offline scan as uploaded. */
export interface SyncScan {
  scan_id: string;
  code: string;
  mode: DoorMode;
  gate: string | null;
  /** Device time, RFC 3339. */
  scanned_at: string;
  offline_result: "admitted" | "rejected";
  offline_reason: RejectReason | null;
}

/** `POST /api/v1/events/{id}/door/sync`. */
export interface SyncRequest {
  device_id?: string;
  /** Scans still waiting on the device, this request's included. */
  pending?: number;
  scans: SyncScan[];
}

export interface SyncResult {
  scan_id: string;
  result: "admitted" | "rejected" | "conflict";
  reason?: string | null;
  replayed: boolean;
  ticket_id?: string | null;
}

/** One side of a conflict: an admission, where, when and by whom. */
export interface ConflictSide {
  scan_id: string;
  gate?: string | null;
  device_id?: string | null;
  user_id?: string | null;
  scanned_at: string;
  received_at: string;
  offline: boolean;
}

export interface DoorConflict {
  id: string;
  ticket_id: string;
  holder_name: string;
  category: string;
  reason: string;
  detected_at: string;
  first?: ConflictSide | null;
  second?: ConflictSide | null;
}

export interface SyncResponse {
  results: SyncResult[];
  conflicts: DoorConflict[];
}

/** `POST /api/v1/events/{id}/scan`, with the device that made it. */
export interface ScanBody {
  code: string;
  mode: DoorMode;
  scan_id: string;
  gate: string | null;
  device_id: string;
}

export type { ScanResponse };
