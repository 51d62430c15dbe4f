import { describe, expect, it } from "vitest";
import type { ScanResponse } from "../api/types";
import { addUses, mergePack, ticketFromAnswer, unlistedTicket } from "./pack";
import {
  addConflicts,
  applyResults,
  chunk,
  offlineResponse,
  Queue,
  queuedScan,
  refusedScans,
  toSyncScan,
  type QueuedScan,
} from "./queue";
import { ticket, world } from "./testing/fakes";
import type { DoorConflict } from "./types";

const q = (scan_id: string, ticket_id: string | null, over: Partial<QueuedScan> = {}): QueuedScan => ({
  scan_id,
  code: "QRE1:X",
  mode: "check_in",
  gate: "North",
  scanned_at: "2026-06-01T12:00:00Z",
  offline_result: "admitted",
  offline_reason: null,
  ticket_id,
  ...over,
});

describe("pack merge", () => {
  const w = world();

  it("a full pack replaces, a delta overwrites by id and keeps the rest", () => {
    const first = mergePack(null, w.pack(), 1000);
    expect(first.pack.tickets.size).toBe(3);
    expect(first.pack.meta).toMatchObject({ eventId: w.eventId, cursor: "c10", fetchedAt: 1000 });
    const changed = ticket(w.ids[0], { uses: 1 });
    const extra = ticket("new");
    const delta = mergePack(first.pack, w.pack({ full: false, tickets: [changed, extra], cursor: "c11" }), 2000);
    expect(delta.pack.tickets.size).toBe(4);
    expect(delta.pack.tickets.get(w.ids[0])?.uses).toBe(1);
    expect(delta.changed).toEqual([changed, extra]);
    expect(delta.pack.meta.cursor).toBe("c11");
    // A delta writes into the held map (no copy of 100,000 tickets); the others are kept as they were.
    expect(delta.pack.tickets).toBe(first.pack.tickets);
    expect(delta.pack.tickets.get(w.ids[1])).toBe(w.tickets[1]);
    const full = mergePack(delta.pack, w.pack({ tickets: [extra] }), 3000);
    expect([...full.pack.tickets.keys()]).toEqual(["new"]);
    expect(full.pack.tickets).not.toBe(delta.pack.tickets);
  });

  it("takes the server's figures from an online answer", () => {
    const tickets = new Map([[w.ids[0], ticket(w.ids[0])]]);
    const res = (result: string, reason: string | null, uses: number): ScanResponse => ({
      result,
      reason,
      scan_id: "s",
      replayed: false,
      ticket: { ...ticket(w.ids[0]), holder_name: ticket(w.ids[0]).holder_name ?? "", uses, first_used_at: null, first_gate: null },
    });
    expect(ticketFromAnswer(tickets, res("admitted", null, 1))?.uses).toBe(1);
    expect(ticketFromAnswer(tickets, res("admitted", null, 0))).toBeNull();
    expect(ticketFromAnswer(tickets, res("rejected", "revoked", 0))?.status).toBe("revoked");
    expect(ticketFromAnswer(new Map(), res("admitted", null, 1))).toMatchObject({ id: w.ids[0], status: "active", uses: 1 });
    expect(ticketFromAnswer(tickets, { ...res("rejected", "invalid_code", 0), ticket: null })).toBeNull();
  });

  it("adds uses, creating tickets missing from the pack", () => {
    const tickets = new Map([["a", ticket("a", { uses: 1, max_uses: 3 })]]);
    expect(addUses(tickets, ["a", "a", "b"])).toEqual([ticket("a", { uses: 3, max_uses: 3 }), unlistedTicket("b", 1)]);
  });
});

describe("offline queue", () => {
  it("counts queued check-in admissions not yet known to the server, per ticket", () => {
    const queue = new Queue([
      q("1", "a"),
      q("2", "a", { mode: "verify" }),
      q("3", "a", { offline_result: "rejected", offline_reason: "already_used" }),
      q("4", "a", { confirmed: true }),
      q("5", "b"),
      q("6", "a"),
    ]);
    expect(queue.queuedUses("a")).toBe(2);
    expect(queue.queuedUses("b")).toBe(1);
    expect(queue.queuedUses("c")).toBe(0);
    // The first admission counts even once confirmed (the answer names it).
    expect(queue.figures("a")).toEqual({ uses: 2, first: q("1", "a") });
    expect(queue.figures("c")).toEqual({ uses: 0, first: undefined });
  });

  it("keeps its figures as scans are added, confirmed, set aside and removed", () => {
    const queue = new Queue();
    queue.add(q("1", "a", { gate: "South" }));
    queue.add(q("2", "a"));
    queue.add(q("3", null, { offline_result: "rejected", offline_reason: "invalid_code" }));
    queue.add(q("4", "b"));
    expect([queue.size, queue.pending, queue.setAside, queue.queuedUses("a")]).toEqual([4, 4, 0, 2]);
    queue.confirm("1");
    expect(queue.queuedUses("a")).toBe(1);
    expect(queue.figures("a").first).toEqual(q("1", "a", { gate: "South", confirmed: true }));
    expect(queue.get("1")?.confirmed).toBe(true);
    queue.confirm("1");
    expect(queue.queuedUses("a")).toBe(1);
    queue.setAsideScans(new Map([["2", "out_of_range"], ["unknown", "x"]]));
    // Set aside, still a use here: the person went in.
    expect([queue.pending, queue.setAside, queue.queuedUses("a")]).toEqual([3, 1, 1]);
    expect(queue.uploadable().map((x) => x.scan_id)).toEqual(["1", "3", "4"]);
    expect(queue.uploadable(2).map((x) => x.scan_id)).toEqual(["1", "3"]);
    expect(queue.items().map((x) => x.scan_id)).toEqual(["1", "2", "3", "4"]);
    queue.remove(["1", "4", "unknown"]);
    expect(queue.figures("a")).toEqual({ uses: 1, first: q("2", "a", { refused: "out_of_range" }) });
    expect(queue.figures("b").uses).toBe(0);
    expect([queue.size, queue.pending, queue.setAside]).toEqual([2, 1, 1]);
    queue.remove(["2"]);
    expect([queue.size, queue.pending, queue.setAside, queue.queuedUses("a")]).toEqual([1, 1, 0, 0]);
    queue.clear();
    expect([queue.size, queue.pending]).toEqual([0, 0]);
  });

  it("uploads without its local fields, in chunks of 1000", () => {
    const item = q("1", "a", { confirmed: true });
    expect(toSyncScan(item)).toEqual({
      scan_id: "1",
      code: "QRE1:X",
      mode: "check_in",
      gate: "North",
      scanned_at: "2026-06-01T12:00:00Z",
      offline_result: "admitted",
      offline_reason: null,
    });
    expect(chunk(Array.from({ length: 2001 }, (_, i) => i)).map((c) => c.length)).toEqual([1000, 1000, 1]);
    expect(chunk([])).toEqual([]);
  });

  it("applies results: answered scans leave, admitted and conflicting check-ins count a use", () => {
    const tickets = new Map([
      ["a", ticket("a")],
      ["b", ticket("b", { max_uses: 2 })],
    ]);
    const sent = [
      q("1", "a"),
      q("2", "b"),
      q("3", "b", { confirmed: true }),
      q("4", "a", { mode: "verify" }),
      q("5", null, { offline_result: "rejected", offline_reason: "invalid_code" }),
      q("6", "c"),
      q("7", "a"),
    ];
    const { done, changed } = applyResults(tickets, sent, [
      { scan_id: "1", result: "admitted", reason: null, replayed: false, ticket_id: "a" },
      { scan_id: "2", result: "conflict", reason: "already_used", replayed: false, ticket_id: "b" },
      { scan_id: "3", result: "admitted", reason: null, replayed: true, ticket_id: "b" },
      { scan_id: "4", result: "admitted", reason: null, replayed: false, ticket_id: "a" },
      { scan_id: "5", result: "rejected", reason: "invalid_code", replayed: false, ticket_id: null },
      { scan_id: "6", result: "admitted", reason: null, replayed: false },
      { scan_id: "unknown", result: "admitted", reason: null, replayed: false, ticket_id: "a" },
    ]);
    expect(done).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(changed).toEqual([ticket("a", { uses: 1 }), ticket("b", { max_uses: 2, uses: 1 }), unlistedTicket("c", 1)]);
  });

  it("finds the scans a 422 names, and keeps them out of uploads", () => {
    const sent = [q("a", null), q("b", null), q("c", null)];
    const field = (f: string, code = "out_of_range") => ({ field: f, code });
    expect([...refusedScans(sent, [field("scans/2/scanned_at"), field("scans/0/gate", "too_long")])]).toEqual([
      ["c", "out_of_range"],
      ["a", "too_long"],
    ]);
    expect(refusedScans(sent, [field("scans/1/scanned_at"), field("scans")]).size).toBe(0);
    expect(refusedScans(sent, [field("scans/7/scanned_at")]).size).toBe(0);
    expect(refusedScans(sent, undefined).size).toBe(0);
    expect(new Queue([q("a", null), q("b", null, { refused: "out_of_range" })]).uploadable().map((x) => x.scan_id)).toEqual(["a"]);
  });

  it("keeps conflict notices once each", () => {
    const c = (id: string) => ({ id }) as DoorConflict;
    expect(addConflicts([c("1")], [c("1"), c("2"), c("2")]).map((x) => x.id)).toEqual(["1", "2"]);
  });

  it("answers a local decision like the server would", () => {
    const t = ticket("a", { uses: 1, max_uses: 3 });
    const queue = new Queue([q("1", "a", { scanned_at: "2026-06-01T11:00:00Z", gate: "South" })]).figures("a");
    const admitted = offlineResponse({ result: "admitted", reason: null, ticketId: "a", ticket: t }, "s9", queue, "check_in");
    expect(admitted).toMatchObject({ result: "admitted", reason: null, scan_id: "s9", replayed: false });
    expect(admitted.ticket).toMatchObject({ id: "a", uses: 3, max_uses: 3, first_used_at: null });
    const verify = offlineResponse({ result: "admitted", reason: null, ticketId: "a", ticket: t }, "s9", queue, "verify");
    expect(verify.ticket?.uses).toBe(2);
    const used = offlineResponse({ result: "rejected", reason: "already_used", ticketId: "a", ticket: t }, "s9", queue, "check_in");
    expect(used.ticket).toMatchObject({ first_used_at: "2026-06-01T11:00:00Z", first_gate: "South" });
    const unlisted = offlineResponse({ result: "admitted", reason: null, ticketId: "z", ticket: null }, "s9", undefined, "check_in");
    expect(unlisted.ticket).toBeNull();
    const item = queuedScan({ result: "rejected", reason: "revoked", ticketId: "a", ticket: t }, {
      scan_id: "s9",
      code: "C",
      mode: "check_in",
      gate: null,
      scanned_at: "2026-06-01T12:00:00Z",
    });
    expect(item).toMatchObject({ offline_result: "rejected", offline_reason: "revoked", ticket_id: "a" });
  });
});
