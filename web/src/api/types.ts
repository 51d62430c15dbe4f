// Short names for the API's types (generated from the OpenAPI document).
import type { components } from "./schema";

type S = components["schemas"];
export type SessionView = S["SessionView"];
export type UserView = S["UserView"];
export type EventView = S["EventView"];
export type MemberView = S["MemberView"];
export type RoleName = S["RoleName"];
export type TicketResponse = S["TicketResponse"];
export type ScanResponse = S["ScanResponse"];
export type StatsResponse = S["StatsResponse"];
export type DoorPackResponse = S["DoorPackResponse"];
export type PackTicket = S["PackTicket"];
export type SyncRequest = S["SyncRequest"];
export type SyncScanRequest = S["SyncScanRequest"];
export type SyncResponse = S["SyncResponse"];
export type SyncResultView = S["SyncResultView"];
export type ConflictView = S["ConflictView"];
export type ConflictScanView = S["ConflictScanView"];
export type ImportResult = S["ImportResult"];
export type AuditEntryView = S["AuditEntryView"];
export type ChainStatus = S["ChainStatus"];
export type PublicTicketResponse = S["PublicTicketResponse"];
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}
export type BatchResult = S["BatchResult"];
export type MinuteCount = S["MinuteCount"];
export type LabelCount = S["LabelCount"];
export type ImportRowError = S["ImportRowError"];

// Door devices. Written by hand from the server's contract until its OpenAPI
// document has them (then these become aliases like the ones above).
/** A door device as the organiser sees it. */
export interface Device {
  id: string;
  event_id: string;
  name: string;
  gate: string;
  mode: "check_in" | "verify";
  status: "pending" | "active" | "revoked" | "expired";
  created_at: string;
  expires_at: string;
  enrol_expires_at: string | null;
  enrolled_at: string | null;
  last_seen_at: string | null;
  app_version: string | null;
  scans_today: number;
  pending_scans: number | null;
  revoked_at: string | null;
}
/** `POST /api/v1/events/{id}/devices` body. */
export interface NewDevice {
  name: string;
  gate: string;
  mode: Device["mode"];
  expires_at?: string;
}
/** A device with a fresh one-time enrolment link. */
export interface DeviceEnrolment {
  device: Device;
  enrol_url: string;
  enrol_token: string;
  enrol_expires_at: string;
}
/** What an enrolled phone knows of itself: `POST /devices/enrol`, `GET /devices/me`, `POST /devices/refresh`. */
export interface DeviceSession {
  device: { id: string; name: string; event_id: string; gate: string; mode: Device["mode"]; expires_at: string };
  event: { id: string; name: string; starts_at: string; ends_at: string; venue: string; timezone: string };
  csrf_token: string;
}
/** `GET /api/v1/events/{id}/door/search?q=`. */
export interface DoorSearchResponse {
  items: {
    ticket_id: string;
    holder_name: string | null;
    category: string;
    status: string;
    uses: number;
    max_uses: number;
  }[];
}
