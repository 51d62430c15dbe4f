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
