import { describe, expect, it } from "vitest";
import type { ScanResponse } from "../../api/types";
import {
  ANSWER_MS,
  REFUSAL_MIN_MS,
  REFUSAL_MS,
  answerDuration,
  initialState,
  reduce,
  type Answer,
  type ScannerEvent,
  type ScannerState,
} from "./scannerMachine";

const CODE = "QRE1:AAAA";
const OTHER = "QRE1:BBBB";
const THIRD = "QRE1:CCCC";

function response(scanId: string, result: "admitted" | "rejected", reason: string | null = null): ScanResponse {
  return { result, reason, scan_id: scanId, replayed: false, ticket: null };
}

const ok = (scanId: string, offline = false): Answer => ({ kind: "admitted", response: response(scanId, "admitted"), offline });
const no = (scanId: string, offline = false): Answer => ({
  kind: "refused",
  response: response(scanId, "rejected", "revoked"),
  offline,
});

function run(state: ScannerState, ...events: ScannerEvent[]): ScannerState {
  return events.reduce(reduce, state);
}

const ready = () => run(initialState(), { type: "start" });
const read = (code: string, scanId: string, now = 0): ScannerEvent => ({ type: "code-read", code, scanId, now });
const answer = (scanId: string, a: Answer, now = 0): ScannerEvent => ({ type: "answer", scanId, answer: a, now });

describe("scanner machine", () => {
  it("starts idle and ignores codes until started", () => {
    const s = run(initialState(), read(CODE, "s1"));
    expect(s.phase).toBe("idle");
    expect(s.pending).toBeNull();
    expect(run(s, { type: "start" }).phase).toBe("ready");
  });

  it("sends a read code, tidied, with its scan id and start time, and shows the answer", () => {
    let s = run(ready(), read(` qre1:a aaa\n`, "s1", 5));
    expect(s.phase).toBe("sending");
    expect(s.pending).toEqual({ code: CODE, scanId: "s1", sentAt: 5 });
    s = run(s, answer("s1", ok("s1"), 100));
    expect(s.phase).toBe("answer");
    expect(s.answer?.kind).toBe("admitted");
    expect(s.held).toBe(false);
    expect(s.counts).toEqual({ admitted: 1, refused: 0 });
    expect(s.pending).toBeNull();
  });

  it("counts refusals, offline ones too, and not errors", () => {
    const s = run(ready(), read(CODE, "s1"), answer("s1", no("s1", true)));
    expect(s.answer).toMatchObject({ kind: "refused", offline: true });
    expect(s.counts).toEqual({ admitted: 0, refused: 1 });
    const e = run(ready(), read(CODE, "s1"), answer("s1", { kind: "error", error: new Error("x") }));
    expect(e.answer?.kind).toBe("error");
    expect(e.held).toBe(true);
    expect(e.counts).toEqual({ admitted: 0, refused: 0 });
  });

  it("ignores empty codes and the same code while it is in flight or waiting", () => {
    expect(run(ready(), read("   ", "s1")).phase).toBe("ready");
    const s = run(ready(), read(CODE, "s1"), read(CODE, "s2"), read(OTHER, "s3"), read(OTHER.toLowerCase(), "s4"));
    expect(s.pending?.scanId).toBe("s1");
    expect(s.waiting).toEqual([{ code: OTHER, scanId: "s3" }]);
  });

  it("lets the same code be scanned again once answered (a deliberate re-scan)", () => {
    const s = run(ready(), read(CODE, "s1"), answer("s1", ok("s1")), read(CODE, "s2", 10));
    expect(s.pending).toMatchObject({ code: CODE, scanId: "s2" });
  });

  it("a green answer gives way to the next scan at once", () => {
    const s = run(ready(), read(CODE, "s1"), answer("s1", ok("s1"), 100), read(OTHER, "s2", 200));
    expect(s.phase).toBe("sending");
    expect(s.pending).toEqual({ code: OTHER, scanId: "s2", sentAt: 200 });
  });

  it("keeps every scan read while one is in flight, in order, and sends them in turn", () => {
    let s = run(ready(), read(CODE, "s1"), read(OTHER, "s2"), read(THIRD, "s3"));
    expect(s.waiting.map((w) => w.scanId)).toEqual(["s2", "s3"]);
    s = run(s, answer("s1", ok("s1"), 100));
    expect(s.pending).toEqual({ code: OTHER, scanId: "s2", sentAt: 100 });
    expect(s.waiting.map((w) => w.scanId)).toEqual(["s3"]);
    s = run(s, answer("s2", ok("s2"), 150));
    expect(s.pending?.scanId).toBe("s3");
    expect(s.waiting).toEqual([]);
    expect(s.counts.admitted).toBe(2);
  });

  it("a refusal is not replaced by the next scan before it has been seen", () => {
    let s = run(ready(), read(CODE, "s1"), answer("s1", no("s1"), 100), read(OTHER, "s2", 200));
    expect(s.phase).toBe("answer");
    expect(s.answer?.kind).toBe("refused");
    expect(s.held).toBe(true);
    expect(s.waiting).toEqual([{ code: OTHER, scanId: "s2" }]);
    // Its own full-time timer does not clear it while a scan waits.
    expect(run(s, { type: "timeout", seq: s.answerSeq })).toBe(s);
    // A stale hold-over timer does nothing.
    expect(run(s, { type: "hold-over", seq: s.answerSeq - 1, now: 5000 })).toBe(s);
    s = run(s, { type: "hold-over", seq: s.answerSeq, now: 100 + REFUSAL_MIN_MS });
    expect(s.phase).toBe("sending");
    expect(s.pending).toEqual({ code: OTHER, scanId: "s2", sentAt: 100 + REFUSAL_MIN_MS });
    expect(s.held).toBe(false);
  });

  it("a tap on a refusal lets the waiting scan go at once", () => {
    const held = run(ready(), read(CODE, "s1"), answer("s1", no("s1")), read(OTHER, "s2", 200));
    const s = run(held, { type: "seen", now: 300 });
    expect(s.phase).toBe("sending");
    expect(s.pending?.scanId).toBe("s2");
  });

  it("a refusal seen, with nothing waiting, can be replaced; it leaves on a tap or after its time", () => {
    let s = run(ready(), read(CODE, "s1"), answer("s1", no("s1"), 100));
    s = run(s, { type: "hold-over", seq: s.answerSeq, now: 100 + REFUSAL_MIN_MS });
    expect(s).toMatchObject({ phase: "answer", held: false });
    expect(run(s, read(OTHER, "s2", 3500)).phase).toBe("sending");
    expect(run(s, { type: "timeout", seq: s.answerSeq }).phase).toBe("ready");
    expect(run(s, { type: "seen", now: 3200 })).toMatchObject({ phase: "ready", answer: null });
    expect(REFUSAL_MS).toBeGreaterThan(REFUSAL_MIN_MS);
    expect(answerDuration(no("x"))).toBe(REFUSAL_MS);
    expect(answerDuration(ok("x"))).toBe(ANSWER_MS);
  });

  it("returns to ready when an answer times out, but not on a stale timer", () => {
    let s = run(ready(), read(CODE, "s1"), answer("s1", ok("s1")));
    const seq = s.answerSeq;
    s = run(s, read(OTHER, "s2"), answer("s2", ok("s2")));
    expect(run(s, { type: "timeout", seq }).phase).toBe("answer");
    expect(run(s, { type: "timeout", seq: s.answerSeq }).phase).toBe("ready");
  });

  it("ignores answers to scans it is not waiting for", () => {
    const s = run(ready(), read(CODE, "s1"));
    expect(run(s, answer("other", ok("other")))).toBe(s);
  });

  it("stop goes idle and forgets waiting scans; counts stay", () => {
    const s = run(ready(), read(CODE, "s1"), answer("s1", ok("s1")), read(OTHER, "s2"), read(THIRD, "s3"), { type: "stop" });
    expect(s).toMatchObject({ phase: "idle", pending: null, waiting: [], answer: null });
    expect(s.counts.admitted).toBe(1);
    expect(run(initialState(), { type: "seen", now: 0 }).phase).toBe("idle");
  });

  it("keeps counts it was started with", () => {
    expect(initialState({ admitted: 5, refused: 2 }).counts).toEqual({ admitted: 5, refused: 2 });
  });

  it("a ticket let in by name waits its turn like a scan, and a double tap counts once", () => {
    const admit = (ticketId: string, scanId: string): ScannerEvent => ({ type: "admit", ticketId, scanId, now: 0 });
    expect(run(initialState(), admit("t1", "a1")).pending).toBeNull();
    let s = run(ready(), admit("t1", "a1"));
    expect(s).toMatchObject({ phase: "sending", pending: { ticketId: "t1", scanId: "a1", code: "" } });
    s = run(s, admit("t1", "a2"), read(CODE, "s1"), admit("t2", "a3"));
    expect(s.waiting.map((w) => w.scanId)).toEqual(["s1", "a3"]);
    // Its answer is a door answer: counted, held when red.
    s = run(s, answer("a1", no("a1")));
    expect(s).toMatchObject({ phase: "answer", held: true, counts: { admitted: 0, refused: 1 } });
    s = run(s, { type: "seen", now: 1 });
    expect(s.pending).toMatchObject({ code: CODE, scanId: "s1" });
  });
});
