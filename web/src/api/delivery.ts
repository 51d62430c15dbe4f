// Tickets by e-mail: the organiser queues tickets; the server sends them in
// the background and reports each one's state in the deliveries list.
import { eventPath } from "../lib/query";
import { api } from "./client";
import type { DeliveryList, DeliveryView, SendReport } from "./types";

export type { DeliveryList, DeliveryView, SendReport };

/** The states this UI knows (a newer one shows as it is). */
export const DELIVERY_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function deliveryStatus(d: Pick<DeliveryView, "status">): DeliveryStatus | null {
  return (DELIVERY_STATUSES as readonly string[]).includes(d.status) ? (d.status as DeliveryStatus) : null;
}

export function deliveriesPath(eventId: string): string {
  return eventPath(eventId, "/deliveries");
}

/** Queues one ticket (409 `mail_not_configured` without SMTP). */
export function sendTicket(eventId: string, ticketId: string): Promise<SendReport> {
  return api.json<SendReport>(eventPath(eventId, `/tickets/${encodeURIComponent(ticketId)}/send`), { method: "POST" });
}

/** Queues every active ticket not yet sent for its current link. */
export function sendUnsent(eventId: string): Promise<SendReport> {
  return api.json<SendReport>(eventPath(eventId, "/tickets/send"), { method: "POST", body: { unsent: true } });
}
