import { describe, expect, it } from "vitest";
import type { DeliveryView } from "../../api/delivery";
import { anyPending, chunkIds, latestByTicket, mailState } from "./mailFacts";

const delivery = (over: Partial<DeliveryView>): DeliveryView => ({
  id: "00000000-0000-7000-8000-000000000001",
  ticket_id: "t1",
  status: "queued",
  attempts: 0,
  next_attempt_at: null,
  last_error: null,
  created_at: "2026-11-30T10:00:00Z",
  sent_at: null,
  ...over,
});

describe("mail state", () => {
  it("says not sent without a delivery, or no address without an e-mail", () => {
    expect(mailState(null)).toEqual({ kind: "unsent" });
    expect(mailState(undefined, false)).toEqual({ kind: "no_address" });
  });

  it("maps queued and sending to queued, with the last failure of a retry", () => {
    expect(mailState(delivery({ status: "queued" }))).toEqual({ kind: "queued", retry: null });
    expect(mailState(delivery({ status: "sending", attempts: 1 }))).toEqual({ kind: "queued", retry: null });
    expect(mailState(delivery({ status: "queued", attempts: 2, last_error: "421 try later" }))).toEqual({
      kind: "queued",
      retry: "421 try later",
    });
  });

  it("keeps the time of a sent message and the reason of a failed one", () => {
    expect(mailState(delivery({ status: "sent", sent_at: "2026-11-30T10:01:00Z" }))).toEqual({
      kind: "sent",
      at: "2026-11-30T10:01:00Z",
    });
    expect(mailState(delivery({ status: "failed", last_error: "550 no such user" }))).toEqual({
      kind: "failed",
      reason: "550 no such user",
    });
    expect(mailState(delivery({ status: "failed" }))).toEqual({ kind: "failed", reason: "" });
  });

  it("shows a state it does not know as the server spells it", () => {
    expect(mailState(delivery({ status: "bounced" }))).toEqual({ kind: "other", status: "bounced" });
  });
});

describe("latest delivery per ticket", () => {
  it("takes the newest per ticket, whatever the order", () => {
    const old = delivery({ id: "a", ticket_id: "t1", status: "sent", created_at: "2026-11-30T10:00:00Z" });
    const renewed = delivery({ id: "b", ticket_id: "t1", status: "queued", created_at: "2026-11-30T11:00:00Z" });
    const other = delivery({ id: "c", ticket_id: "t2", status: "failed" });
    const latest = latestByTicket([old, other, renewed]);
    expect(latest.get("t1")).toBe(renewed);
    expect(latest.get("t2")).toBe(other);
    expect(latest.size).toBe(2);
  });

  it("breaks a tie on time with the later id", () => {
    const first = delivery({ id: "0190-a", status: "sent" });
    const second = delivery({ id: "0190-b", status: "failed" });
    expect(latestByTicket([first, second]).get("t1")).toBe(second);
    expect(latestByTicket([second, first]).get("t1")).toBe(second);
  });

  it("knows when something is still on its way", () => {
    expect(anyPending([delivery({ status: "sent" }), delivery({ status: "failed" })])).toBe(false);
    expect(anyPending([delivery({ status: "sent" }), delivery({ status: "sending" })])).toBe(true);
    expect(anyPending([])).toBe(false);
  });
});

describe("ticket ids per request", () => {
  it("splits into groups of at most 100, without repeats", () => {
    const ids = Array.from({ length: 230 }, (_, i) => `t${i}`);
    const chunks = chunkIds([...ids, "t0", "t5"]);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 30]);
    expect(chunks.flat()).toEqual(ids);
    expect(chunkIds([])).toEqual([]);
  });
});
