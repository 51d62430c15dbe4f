// The offline pack held in memory, and its pure updates: a full or delta
// download, an online answer, the results of an upload. The engine stores
// what these return; tests run them without IndexedDB.
import type { ScanResponse } from "../api/types";
import type { DecisionPack } from "./decide";
import type { DoorPack, PackEvent, PackKey, PackRules, PackTicket } from "./types";

/** Everything of the pack but its tickets. */
export interface PackMeta {
  eventId: string;
  event: PackEvent;
  keys: PackKey[];
  rules: PackRules;
  cursor: string;
  /** Server time of the last download. */
  generatedAt: string;
  /** Device time (ms) of the last download. */
  fetchedAt: number;
}

export interface LocalPack {
  meta: PackMeta;
  tickets: ReadonlyMap<string, PackTicket>;
}

/** A genuine code of the event missing from the pack: issued after it, one use, no window. */
export function unlistedTicket(id: string, uses: number): PackTicket {
  return {
    id,
    status: "active",
    uses,
    max_uses: 1,
    valid_from: "0001-01-01T00:00:00Z",
    valid_until: "9999-12-31T23:59:59Z",
    category: "",
    holder_name: "",
  };
}

/**
 * The pack after a download: a full one replaces the tickets, a delta
 * (`full: false`) overwrites those it lists in `current`'s own map (a door
 * holds up to 100,000 tickets: no copy per delta). Keys, rules and event
 * always come whole. `changed` are the tickets to store.
 */
export function mergePack(
  current: LocalPack | null,
  res: DoorPack,
  fetchedAt: number,
): { pack: LocalPack; changed: PackTicket[] } {
  const tickets = (res.full || !current ? new Map<string, PackTicket>() : current.tickets) as Map<string, PackTicket>;
  for (const t of res.tickets) tickets.set(t.id, t);
  const meta: PackMeta = {
    eventId: res.event.id,
    event: res.event,
    keys: res.keys,
    rules: res.rules,
    cursor: res.cursor,
    generatedAt: res.generated_at,
    fetchedAt,
  };
  return { pack: { meta, tickets }, changed: res.tickets };
}

/** The pack as the decision reads it. */
export function decisionPack(pack: LocalPack): DecisionPack {
  return {
    eventId: pack.meta.eventId,
    keys: pack.meta.keys,
    clockSkewSecs: pack.meta.rules.clock_skew_secs,
    ticket: (id) => pack.tickets.get(id),
  };
}

/**
 * The pack's ticket after the server answered a scan online, or null when
 * nothing changed. The answer's figures are the server's own: they replace
 * the local ones (a check-in admitted has already counted its use).
 */
export function ticketFromAnswer(
  tickets: ReadonlyMap<string, PackTicket>,
  res: ScanResponse,
): PackTicket | null {
  const t = res.ticket;
  if (!t) return null;
  const before = tickets.get(t.id);
  const status = res.reason === "revoked" ? "revoked" : (before?.status ?? "active");
  const next: PackTicket = {
    id: t.id,
    status,
    uses: t.uses,
    max_uses: t.max_uses,
    valid_from: t.valid_from,
    valid_until: t.valid_until,
    category: t.category,
    holder_name: t.holder_name,
  };
  const same = before && (Object.keys(next) as (keyof PackTicket)[]).every((k) => before[k] === next[k]);
  return same ? null : next;
}

/** Applies one more use to each ticket named (a sync result), creating unlisted ones. */
export function addUses(
  tickets: ReadonlyMap<string, PackTicket>,
  ticketIds: readonly string[],
): PackTicket[] {
  const changed = new Map<string, PackTicket>();
  for (const id of ticketIds) {
    const before = changed.get(id) ?? tickets.get(id);
    changed.set(id, before ? { ...before, uses: before.uses + 1 } : unlistedTicket(id, 1));
  }
  return [...changed.values()];
}
