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
export type LayoutName = S["LayoutName"];
export type LocaleName = S["LocaleName"];
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}
export type BatchResult = S["BatchResult"];
export type MinuteCount = S["MinuteCount"];
export type LabelCount = S["LabelCount"];
export type ImportRowError = S["ImportRowError"];
/** The stable code of a problem (`Problem.code`): a closed enumeration of the API contract. */
export type ProblemCode = S["ProblemCode"];
/** The stable code of one invalid field (`ProblemField.code`, `ImportRowError.code`). */
export type FieldCode = S["FieldCode"];

/** A door device as the organizer sees it; `status` is `pending`, `active`, `revoked` or `expired`. */
export type Device = S["DeviceView"];
/** `POST /api/v1/events/{id}/devices` body. */
export type NewDevice = S["CreateDeviceRequest"];
/** A device with a fresh one-time enrolment link. */
export type DeviceEnrolment = S["DeviceEnrolmentView"];
/** What an enrolled phone knows of itself: `POST /devices/enrol`, `GET /devices/me`, `POST /devices/refresh`. */
export type DeviceSession = S["DeviceSessionView"];
export type DoorDevice = S["DoorDeviceView"];
/** `GET /api/v1/events/{id}/door/search?q=`. */
export type DoorSearchResponse = S["DoorSearchResponse"];
export type DoorSearchHit = S["DoorSearchHit"];

/** A staff invitation; `status` is `pending`, `accepted`, `revoked` or `expired`. */
export type Invitation = S["InvitationView"];
/** `POST /api/v1/events/{id}/members` (202): the new invitation and its one-time link, shown once. */
export type Invited = S["InvitedView"];
/** `GET /api/v1/events/{id}/invitations`. */
export type InvitationList = S["InvitationList"];
/** `POST /api/v1/invitations/accept`: the event and the caller's role on it now. */
export type Accepted = S["AcceptedView"];
/** `POST …/tickets/send` and `…/tickets/{ticket_id}/send`: what was queued for e-mail. */
export type SendReport = S["SendReport"];
/** One ticket e-mail and where it stands. */
export type DeliveryView = S["DeliveryView"];
/** `GET /api/v1/events/{id}/deliveries`. */
export type DeliveryList = S["DeliveryList"];
