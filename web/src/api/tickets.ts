// A ticket's lifecycle, as the organiser changes it: revoke, reissue (a new
// code, the old one revoked), a new attendee link (the old one stops working).
import { eventPath } from "../lib/query";
import { api } from "./client";
import type { TicketResponse } from "./types";

const ticketPath = (eventId: string, ticketId: string, action: string) =>
  eventPath(eventId, `/tickets/${encodeURIComponent(ticketId)}/${action}`);

/** `POST …/tickets/{ticket_id}/revoke`: its code answers `revoked` from now on. */
export function revokeTicket(eventId: string, ticketId: string): Promise<TicketResponse> {
  return api.json<TicketResponse>(ticketPath(eventId, ticketId, "revoke"), { method: "POST" });
}

/** `POST …/tickets/{ticket_id}/reissue`: the new ticket (this one is revoked and points to it). */
export function reissueTicket(eventId: string, ticketId: string): Promise<TicketResponse> {
  return api.json<TicketResponse>(ticketPath(eventId, ticketId, "reissue"), { method: "POST" });
}

/** `POST …/tickets/{ticket_id}/access-key`: a new attendee link. */
export function newAttendeeLink(eventId: string, ticketId: string): Promise<TicketResponse> {
  return api.json<TicketResponse>(ticketPath(eventId, ticketId, "access-key"), { method: "POST" });
}
