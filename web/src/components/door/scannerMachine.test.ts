import { describe, expect, it } from "vitest";
import type { ScanResponse } from "../../api/types";
import {
  ANSWER_MS,
  DUPLICATE_MS,
  MAX_ATTEMPTS,
  initialState,
  reduce,
  retryDelay,
  type ScannerEvent,
  type ScannerState,
} from "./scannerMachine";

const CODE = "QRE1:AAAA";
const OTHER = "QRE1:BBBB";

function response(scanId: string, result: "admitted" | "rejected", reason: string | null = null): ScanResponse {
  return { result, reason, scan_id: scanId, replayed: false, ticket: null };
}

function run(state: ScannerState, ...events: ScannerEvent[]): ScannerState {
  return events.reduce(reduce, state);
}

const ready = () => run(initialState(), { type: "start" });
const read = (code: string, scanId: string, now: number): ScannerEvent => ({ type: "code-read", code, scanId, now });

describe("scanner machine", () => {
  it("starts idle and ignores codes until started", () => {
    const s = run(initialState(), read(CODE, "s1", 0));
    expect(s.phase).toBe("idle");
    expect(s.pending).toBeNull();
    expect(run(s, { type: "start" }).phase).toBe("ready");
  });

  it("sends a read code with its scan id and shows the answer", () => {
    let s = run(ready(), read(` ${CODE}\n`, "s1", 0));
    expect(s.phase).toBe("sending");
    expect(s.pending).toEqual({ code: CODE, scanId: "s1", attempt: 1 });
    s = run(s, { type: "answer", scanId: "s1", response: response("s1", "admitted"), now: 100 });
    expect(s.phase).toBe("answer");
    expect(s.answer?.kind).toBe("admitted");
    expect(s.counts).toEqual({ admitted: 1, refused: 0 });
    expect(s.reachable).toBe(true);
    expect(s.pending).toBeNull();
  });

  it("counts refusals", () => {
    const s = run(ready(), read(CODE, "s1", 0), {
      type: "answer",
      scanId: "s1",
      response: response("s1", "rejected", "revoked"),
      now: 10,
    });
    expect(s.answer?.kind).toBe("refused");
    expect(s.counts).toEqual({ admitted: 0, refused: 1 });
  });

  it("ignores empty codes", () => {
    expect(run(ready(), read("   ", "s1", 0)).phase).toBe("ready");
  });

  it("ignores the same code re-read while it is in flight", () => {
    const s = run(ready(), read(CODE, "s1", 0), read(CODE, "s2", 50));
    expect(s.pending?.scanId).toBe("s1");
    expect(s.queued).toBeNull();
  });

  it("suppresses the same code within the duplicate window after its answer", () => {
    const answered = run(ready(), read(CODE, "s1", 0), {
      type: "answer",
      scanId: "s1",
      response: response("s1", "admitted"),
      now: 1000,
    });
    const again = run(answered, read(CODE, "s2", 1000 + DUPLICATE_MS - 1));
    expect(again).toBe(answered);
    const later = run(answered, read(CODE, "s3", 1000 + DUPLICATE_MS));
    expect(later.phase).toBe("sending");
    expect(later.pending?.scanId).toBe("s3");
  });

  it("suppresses duplicates after the answer has gone too", () => {
    const s = run(
      ready(),
      read(CODE, "s1", 0),
      { type: "answer", scanId: "s1", response: response("s1", "admitted"), now: 100 },
      { type: "timeout", seq: 1 },
    );
    expect(s.phase).toBe("ready");
    expect(run(s, read(CODE, "s2", 500))).toBe(s);
  });

  it("takes a different code at once, even while an answer is shown", () => {
    const s = run(
      ready(),
      read(CODE, "s1", 0),
      { type: "answer", scanId: "s1", response: response("s1", "admitted"), now: 100 },
      read(OTHER, "s2", 200),
    );
    expect(s.phase).toBe("sending");
    expect(s.pending?.code).toBe(OTHER);
    expect(s.answer?.kind).toBe("admitted");
  });

  it("queues one different code read while sending, and sends it after the answer", () => {
    let s = run(ready(), read(CODE, "s1", 0), read(OTHER, "s2", 10));
    expect(s.queued).toEqual({ code: OTHER, scanId: "s2" });
    s = run(s, { type: "answer", scanId: "s1", response: response("s1", "admitted"), now: 100 });
    expect(s.phase).toBe("sending");
    expect(s.pending).toEqual({ code: OTHER, scanId: "s2", attempt: 1 });
    expect(s.queued).toBeNull();
    expect(s.counts.admitted).toBe(1);
  });

  it("returns to ready when the answer times out, but not on a stale timer", () => {
    let s = run(ready(), read(CODE, "s1", 0), {
      type: "answer",
      scanId: "s1",
      response: response("s1", "admitted"),
      now: 100,
    });
    const seq = s.answerSeq;
    s = run(s, read(OTHER, "s2", 200), { type: "answer", scanId: "s2", response: response("s2", "admitted"), now: 300 });
    expect(run(s, { type: "timeout", seq }).phase).toBe("answer");
    expect(run(s, { type: "timeout", seq: s.answerSeq }).phase).toBe("ready");
    expect(ANSWER_MS).toBeGreaterThan(DUPLICATE_MS);
  });

  it("ignores answers to scans it is not waiting for", () => {
    const s = run(ready(), read(CODE, "s1", 0));
    expect(run(s, { type: "answer", scanId: "other", response: response("other", "admitted"), now: 5 })).toBe(s);
    expect(run(s, { type: "network-error", scanId: "other" })).toBe(s);
  });

  it("goes offline on a network error and retries with the same scan id", () => {
    let s = run(ready(), read(CODE, "s1", 0), { type: "network-error", scanId: "s1" });
    expect(s.phase).toBe("offline");
    expect(s.reachable).toBe(false);
    s = run(s, { type: "retry" });
    expect(s.phase).toBe("sending");
    expect(s.pending).toEqual({ code: CODE, scanId: "s1", attempt: 2 });
    s = run(s, { type: "network-error", scanId: "s1" }, { type: "retry" });
    expect(s.pending).toEqual({ code: CODE, scanId: "s1", attempt: 3 });
    s = run(s, { type: "answer", scanId: "s1", response: response("s1", "admitted"), now: 9000 });
    expect(s.phase).toBe("answer");
    expect(s.reachable).toBe(true);
    expect(s.counts.admitted).toBe(1);
  });

  it("records a server that answered but was unavailable as reachable", () => {
    const s = run(ready(), read(CODE, "s1", 0), { type: "network-error", scanId: "s1", reachable: true });
    expect(s.phase).toBe("offline");
    expect(s.reachable).toBe(true);
  });

  it("ignores other codes while offline, and drops the queued one", () => {
    let s = run(ready(), read(CODE, "s1", 0), read(OTHER, "s2", 10), { type: "network-error", scanId: "s1" });
    expect(s.queued).toBeNull();
    s = run(s, read(OTHER, "s3", 20));
    expect(s.phase).toBe("offline");
    expect(s.pending?.scanId).toBe("s1");
  });

  it("backs off between automatic retries, then leaves it to the person", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS + 1 }, (_, i) => retryDelay(i + 1));
    expect(delays.slice(0, MAX_ATTEMPTS - 1)).toEqual([500, 1000, 2000]);
    expect(delays[MAX_ATTEMPTS - 1]).toBeNull();
    expect(delays[MAX_ATTEMPTS]).toBeNull();
  });

  it("skipping an offline scan returns to ready", () => {
    const s = run(ready(), read(CODE, "s1", 0), { type: "network-error", scanId: "s1" }, { type: "reset" });
    expect(s.phase).toBe("ready");
    expect(s.pending).toBeNull();
    // The skipped scan never got an answer: the same code may be tried again at once.
    expect(run(s, read(CODE, "s2", 30)).phase).toBe("sending");
  });

  it("shows request failures as an error answer without counting them", () => {
    const s = run(ready(), read(CODE, "s1", 0), { type: "failed", scanId: "s1", error: new Error("x"), now: 10 });
    expect(s.phase).toBe("answer");
    expect(s.answer?.kind).toBe("error");
    expect(s.counts).toEqual({ admitted: 0, refused: 0 });
  });

  it("reset clears an answer at once; stop goes idle", () => {
    const answered = run(ready(), read(CODE, "s1", 0), {
      type: "answer",
      scanId: "s1",
      response: response("s1", "admitted"),
      now: 10,
    });
    expect(run(answered, { type: "reset" }).phase).toBe("ready");
    expect(run(answered, { type: "reset" }).answer).toBeNull();
    expect(run(answered, { type: "stop" }).phase).toBe("idle");
    expect(run(initialState(), { type: "reset" }).phase).toBe("idle");
  });

  it("keeps counts it was started with", () => {
    const s = initialState({ admitted: 5, refused: 2 });
    expect(s.counts).toEqual({ admitted: 5, refused: 2 });
  });
});
