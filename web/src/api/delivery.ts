// Tickets by e-mail: the organiser queues tickets; the server sends them in
// the background and reports each one's state in the deliveries list.
import { eventPath } from "../lib/query";
import { api } from "./client";
import type { DeliveryList, DeliveryView, SendReport } from "./types";

export type { DeliveryList, DeliveryView, SendReport };

/** The event's deliveries, or only those of `ticketIds` (at most 100, repeated `ticket_id`). */
export function deliveriesPath(eventId: string, ticketIds?: readonly string[]): string {
  const query = new URLSearchParams();
  for (const id of ticketIds ?? []) query.append("ticket_id", id);
  const text = query.toString();
  return eventPath(eventId, `/deliveries${text ? `?${text}` : ""}`);
}

/** The deliveries of these tickets (at most 100), newest first. */
export function ticketDeliveries(eventId: string, ticketIds: readonly string[], signal?: AbortSignal): Promise<DeliveryList> {
  return api.json<DeliveryList>(deliveriesPath(eventId, ticketIds), { signal });
}

/** Queues one ticket (409 `mail_not_configured` without SMTP). */
export function sendTicket(eventId: string, ticketId: string): Promise<SendReport> {
  return api.json<SendReport>(eventPath(eventId, `/tickets/${encodeURIComponent(ticketId)}/send`), { method: "POST" });
}

/** Queues every active ticket not yet sent for its current link. */
export function sendUnsent(eventId: string): Promise<SendReport> {
  return api.json<SendReport>(eventPath(eventId, "/tickets/send"), { method: "POST", body: { unsent: true } });
}
