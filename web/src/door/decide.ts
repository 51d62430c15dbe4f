// The door decision without the server (ADR 0005), the same function as the
// server's `qr_event_service::door::decide`, checked against the shared
// vectors (docs/door-decision-vectors.json):
//   1. strict parse, key id in the pack, Ed25519 signature → invalid_code
//   2. the pack's event → wrong_event
//   3. the pack's ticket (missing: issued after the pack, one use, no window)
//   4. revoked, not_yet_valid (valid_from > now + skew), expired (valid_until <= now - skew)
//   5. already_used when uses + queued uses >= max_uses, else admitted.
import { parseCode } from "./code";
import type { DoorMode, PackKey, PackTicket, RejectReason } from "./types";
import { verifySignature, type Verify } from "./verify";

export { normalizeCode } from "./code";

/** What the decision needs of the pack. */
export interface DecisionPack {
  eventId: string;
  keys: readonly PackKey[];
  clockSkewSecs: number;
  ticket: (id: string) => PackTicket | undefined;
}

export interface Decision {
  result: "admitted" | "rejected";
  reason: RejectReason | null;
  /** The ticket the code names, once the code is genuine and of this event. */
  ticketId: string | null;
  /** The pack's ticket, or null when the pack does not have it (yet). */
  ticket: PackTicket | null;
}

const refuse = (reason: RejectReason, ticketId: string | null = null, ticket: PackTicket | null = null): Decision => ({
  result: "rejected",
  reason,
  ticketId,
  ticket,
});

/**
 * Decides on `code` at `now`. `queuedUses` are admissions of this ticket not
 * yet in the pack (this device's queue): a number, or a lookup by ticket id.
 * `mode` does not change the answer: verify is judged like check-in and only
 * the caller decides whether it consumes a use.
 */
export async function decide(
  pack: DecisionPack,
  code: string,
  now: Date | number,
  queuedUses: number | ((ticketId: string) => number),
  mode: DoorMode = "check_in",
  verify: Verify = verifySignature,
): Promise<Decision> {
  void mode;
  const parsed = parseCode(code);
  if (!parsed) return refuse("invalid_code");
  const key = pack.keys.find((k) => k.kid === parsed.kid);
  if (!key || !(await verify(key, parsed.signature, parsed.message))) return refuse("invalid_code");
  if (parsed.eventId !== pack.eventId.toLowerCase()) return refuse("wrong_event");

  const ticket = pack.ticket(parsed.ticketId) ?? null;
  const extra = typeof queuedUses === "function" ? queuedUses(parsed.ticketId) : queuedUses;
  const reason = ticket ? judge(ticket, typeof now === "number" ? now : now.getTime(), pack.clockSkewSecs, extra) : extra >= 1 ? "already_used" : null;
  if (reason) return refuse(reason, parsed.ticketId, ticket);
  return { result: "admitted", reason: null, ticketId: parsed.ticketId, ticket };
}

/** The rules on a known ticket's state, in the server's order. */
export function judge(ticket: PackTicket, now: number, skewSecs: number, queuedUses: number): RejectReason | null {
  const skew = skewSecs * 1000;
  if (ticket.status === "revoked") return "revoked";
  if (Date.parse(ticket.valid_from) > now + skew) return "not_yet_valid";
  if (Date.parse(ticket.valid_until) <= now - skew) return "expired";
  if (ticket.uses + queuedUses >= ticket.max_uses) return "already_used";
  return null;
}
