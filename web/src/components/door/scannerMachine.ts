// The door scanner's logic as a pure state machine: what happens when a code
// is read, an answer or a network failure comes back, or a timer fires. The
// page runs the side effects (POST, timers, sound) from the state; this file
// only decides, so every rule here is unit-tested.
import type { ScanResponse } from "../../api/types";

/** How long an answer stays on screen before the scanner is ready again. */
export const ANSWER_MS = 2500;
/** The same code read again within this time after its answer is the same physical scan. */
export const DUPLICATE_MS = 2000;
/** Automatic attempts for one scan before waiting for the person to retry. */
export const MAX_ATTEMPTS = 4;

export type Phase = "idle" | "ready" | "sending" | "answer" | "offline";

/** One physical scan: the code and the id that makes its retries idempotent. */
export interface Scan {
  code: string;
  scanId: string;
  /** Requests sent so far for this scan (1 while the first one is in flight). */
  attempt: number;
}

export type Answer =
  | { kind: "admitted" | "refused"; response: ScanResponse }
  /** The server refused the request itself (rights, event gone…): not a door answer. */
  | { kind: "error"; error: unknown };

export interface Counts {
  admitted: number;
  refused: number;
}

export interface ScannerState {
  phase: Phase;
  /** The scan being sent or retried (sending, offline). */
  pending: Scan | null;
  /** A different code read while sending: sent as soon as the answer arrives. */
  queued: Omit<Scan, "attempt"> | null;
  answer: Answer | null;
  /** Increases with every answer, so that a stale timer cannot clear a newer one. */
  answerSeq: number;
  /** The last answered code and when its answer came, for duplicate suppression. */
  last: { code: string; at: number } | null;
  counts: Counts;
  /** Outcome of the last request: true reached the server, false failed, null none yet. */
  reachable: boolean | null;
}

export type ScannerEvent =
  | { type: "start" }
  | { type: "stop" }
  | { type: "code-read"; code: string; scanId: string; now: number }
  | { type: "answer"; scanId: string; response: ScanResponse; now: number }
  | { type: "failed"; scanId: string; error: unknown; now: number }
  /** No answer: the network failed, or the server was unavailable (`reachable`) or throttled. */
  | { type: "network-error"; scanId: string; reachable?: boolean }
  | { type: "retry" }
  | { type: "timeout"; seq: number }
  | { type: "reset" };

export function initialState(counts: Counts = { admitted: 0, refused: 0 }): ScannerState {
  return { phase: "idle", pending: null, queued: null, answer: null, answerSeq: 0, last: null, counts, reachable: null };
}

/** Whether the scanner would send this code now (not a re-read of the same scan). */
export function isDuplicate(state: ScannerState, code: string, now: number): boolean {
  if (state.pending?.code === code || state.queued?.code === code) return true;
  return state.last !== null && state.last.code === code && now - state.last.at < DUPLICATE_MS;
}

/** Wait before automatic attempt `attempt + 1`, or null when the scanner should stop trying. */
export function retryDelay(attempt: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return 500 * 2 ** (attempt - 1);
}

function send(state: ScannerState, scan: Omit<Scan, "attempt">): ScannerState {
  return { ...state, phase: "sending", pending: { ...scan, attempt: 1 }, queued: null };
}

function answered(state: ScannerState, answer: Answer, code: string, now: number): ScannerState {
  const counts = { ...state.counts };
  if (answer.kind === "admitted") counts.admitted += 1;
  if (answer.kind === "refused") counts.refused += 1;
  const next: ScannerState = {
    ...state,
    phase: "answer",
    pending: null,
    answer,
    answerSeq: state.answerSeq + 1,
    last: { code, at: now },
    counts,
    reachable: true,
  };
  // The next code is already waiting: the answer gives way at once.
  return state.queued ? send(next, state.queued) : next;
}

export function reduce(state: ScannerState, event: ScannerEvent): ScannerState {
  switch (event.type) {
    case "start":
      return state.phase === "idle" ? { ...state, phase: "ready" } : state;
    case "stop":
      return { ...state, phase: "idle", pending: null, queued: null, answer: null };
    case "code-read": {
      const code = event.code.trim();
      if (!code || isDuplicate(state, code, event.now)) return state;
      if (state.phase === "ready" || state.phase === "answer") return send(state, { code, scanId: event.scanId });
      // One code may wait behind the one in flight; while offline, the person decides.
      if (state.phase === "sending") return { ...state, queued: { code, scanId: event.scanId } };
      return state;
    }
    case "answer": {
      if (!state.pending || state.pending.scanId !== event.scanId) return state;
      const kind = event.response.result === "admitted" ? "admitted" : "refused";
      return answered(state, { kind, response: event.response }, state.pending.code, event.now);
    }
    case "failed": {
      if (!state.pending || state.pending.scanId !== event.scanId) return state;
      return answered(state, { kind: "error", error: event.error }, state.pending.code, event.now);
    }
    case "network-error": {
      if (!state.pending || state.pending.scanId !== event.scanId) return state;
      // A queued code would be sent to the same dead network; drop it.
      return { ...state, phase: "offline", queued: null, reachable: event.reachable ?? false };
    }
    case "retry": {
      if (state.phase !== "offline" || !state.pending) return state;
      // Same scan id: if the first attempt did reach the server, this gets its answer.
      return { ...state, phase: "sending", pending: { ...state.pending, attempt: state.pending.attempt + 1 } };
    }
    case "timeout":
      return state.phase === "answer" && event.seq === state.answerSeq ? { ...state, phase: "ready", answer: null } : state;
    case "reset":
      if (state.phase === "idle") return state;
      return { ...state, phase: "ready", pending: null, queued: null, answer: null };
  }
}
