// Where a ticket's e-mail stands, from the deliveries the server lists
// (newest first): pure functions, so the Tickets list and the ticket page
// say the same thing.
import type { DeliveryView } from "../../api/delivery";

/** The most ticket ids one deliveries request may name (the server's limit). */
export const MAX_TICKET_FILTER = 100;

export type MailState =
  | { kind: "no_address" }
  | { kind: "unsent" }
  /** Waiting, or being handed to the SMTP server; `retry` is the last failure before a retry. */
  | { kind: "queued"; retry: string | null }
  | { kind: "sent"; at: string | null }
  | { kind: "failed"; reason: string }
  /** A state this UI does not know yet: shown as the server spells it. */
  | { kind: "other"; status: string };

/** The newest delivery of each ticket (the list comes newest first). */
export function latestByTicket(items: readonly DeliveryView[]): Map<string, DeliveryView> {
  const latest = new Map<string, DeliveryView>();
  for (const d of items) {
    const seen = latest.get(d.ticket_id);
    if (!seen || newer(d, seen)) latest.set(d.ticket_id, d);
  }
  return latest;
}

function newer(a: DeliveryView, b: DeliveryView): boolean {
  const at = Date.parse(a.created_at) - Date.parse(b.created_at);
  return at > 0 || (at === 0 && a.id > b.id);
}

/** A ticket's e-mail state from its latest delivery (none: not sent). */
export function mailState(latest: DeliveryView | null | undefined, hasAddress = true): MailState {
  if (!latest) return hasAddress ? { kind: "unsent" } : { kind: "no_address" };
  switch (latest.status) {
    case "queued":
    case "sending":
      return { kind: "queued", retry: latest.attempts > 0 ? (latest.last_error ?? null) : null };
    case "sent":
      return { kind: "sent", at: latest.sent_at ?? null };
    case "failed":
      return { kind: "failed", reason: latest.last_error ?? "" };
    default:
      return { kind: "other", status: latest.status };
  }
}

/** Some delivery is still on its way: worth asking again shortly. */
export function anyPending(latest: Iterable<DeliveryView>): boolean {
  for (const d of latest) if (d.status === "queued" || d.status === "sending") return true;
  return false;
}

/** Ids in groups the server takes in one request, without repeats. */
export function chunkIds(ids: readonly string[], size = MAX_TICKET_FILTER): string[][] {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size));
  return chunks;
}
