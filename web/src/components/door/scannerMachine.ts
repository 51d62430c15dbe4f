// The door scanner's logic as a pure state machine: what happens when a code
// is read, an answer comes back, the person taps, or a timer fires. The page
// runs the side effects (the scan, timers, sound) from the state; this file
// only decides, so every rule here is unit-tested.
//
// Rules: one scan in flight at a time, the others wait in order and are
// always shown as waiting; a green answer gives way to the next scan at once;
// a red one (refused, or not processed) stays until it has been seen: tapped,
// or shown for REFUSAL_MIN_MS.
import type { ScanResponse } from "../../api/types";
import { normalizeCode } from "../../door/decide";

/** How long an admitted answer stays on screen when nothing else comes. */
export const ANSWER_MS = 2500;
/** A red answer cannot be replaced by the next scan before this, unless tapped. */
export const REFUSAL_MIN_MS = 3000;
/** How long a red answer stays on screen when nothing else comes. */
export const REFUSAL_MS = 6000;

export type Phase = "idle" | "ready" | "sending" | "answer";

/**
 * One physical scan: the code and the id that makes it idempotent; or a
 * ticket chosen by name (`ticketId`, no code), which waits its turn the same
 * way and gets the same kind of answer.
 */
export interface Scan {
  code: string;
  scanId: string;
  ticketId?: string;
}

export type Answer =
  | {
      kind: "admitted" | "refused";
      response: ScanResponse;
      /** Decided on this device (no answer from the server in time). */
      offline: boolean;
      /** Offline: a genuine code whose ticket is not in the device's list (issued after it). */
      unlisted?: boolean;
    }
  /** The scan could not be processed (rights, no ticket list on the device…): not a door answer. */
  | { kind: "error"; error: unknown };

export interface Counts {
  admitted: number;
  refused: number;
}

export interface ScannerState {
  phase: Phase;
  /** The scan being decided, and when it started. */
  pending: (Scan & { sentAt: number }) | null;
  /** Scans read meanwhile, oldest first: each is sent in turn. */
  waiting: Scan[];
  answer: Answer | null;
  /** Increases with every answer, so that a stale timer cannot clear a newer one. */
  answerSeq: number;
  /** The answer shown is red and has not been seen yet: nothing replaces it. */
  held: boolean;
  counts: Counts;
}

export type ScannerEvent =
  | { type: "start" }
  | { type: "stop" }
  | { type: "code-read"; code: string; scanId: string; now: number }
  /** The volunteer confirmed letting in a ticket found by name. */
  | { type: "admit"; ticketId: string; scanId: string; now: number }
  | { type: "answer"; scanId: string; answer: Answer; now: number }
  /** The person tapped the answer (or Next). */
  | { type: "seen"; now: number }
  /** The answer `seq` has been shown REFUSAL_MIN_MS. */
  | { type: "hold-over"; seq: number; now: number }
  /** The answer `seq` has been shown its full time. */
  | { type: "timeout"; seq: number };

export function initialState(counts: Counts = { admitted: 0, refused: 0 }): ScannerState {
  return { phase: "idle", pending: null, waiting: [], answer: null, answerSeq: 0, held: false, counts };
}

/** Whether this code is already being decided or waiting (the same scan read again). */
export function isDuplicate(state: ScannerState, code: string): boolean {
  return state.pending?.code === code || state.waiting.some((w) => w.code === code);
}

/** Whether this ticket, found by name, is already being decided or waiting (a double tap). */
export function isDuplicateTicket(state: ScannerState, ticketId: string): boolean {
  return state.pending?.ticketId === ticketId || state.waiting.some((w) => w.ticketId === ticketId);
}

/** A new scan or admission joins the line; it goes at once when nothing holds the screen. */
function enqueue(state: ScannerState, scan: Scan, now: number): ScannerState {
  const queued = { ...state, waiting: [...state.waiting, scan] };
  if (state.phase === "ready" || (state.phase === "answer" && !state.held)) return next(queued, now);
  return queued;
}

/** How long the current answer stays when nothing replaces it. */
export function answerDuration(answer: Answer): number {
  return answer.kind === "admitted" ? ANSWER_MS : REFUSAL_MS;
}

/** Sends the next waiting scan, if any; the answer on screen stays until the next one comes. */
function next(state: ScannerState, now: number): ScannerState {
  const [first, ...rest] = state.waiting;
  if (!first) return state;
  return { ...state, phase: "sending", pending: { ...first, sentAt: now }, waiting: rest, held: false };
}

export function reduce(state: ScannerState, event: ScannerEvent): ScannerState {
  switch (event.type) {
    case "start":
      return state.phase === "idle" ? { ...state, phase: "ready" } : state;
    case "stop":
      return { ...initialState(state.counts), answerSeq: state.answerSeq };
    case "code-read": {
      const code = normalizeCode(event.code);
      if (state.phase === "idle" || !code || isDuplicate(state, code)) return state;
      return enqueue(state, { code, scanId: event.scanId }, event.now);
    }
    case "admit":
      if (state.phase === "idle" || !event.ticketId || isDuplicateTicket(state, event.ticketId)) return state;
      return enqueue(state, { code: "", ticketId: event.ticketId, scanId: event.scanId }, event.now);
    case "answer": {
      if (!state.pending || state.pending.scanId !== event.scanId) return state;
      const counts = { ...state.counts };
      if (event.answer.kind === "admitted") counts.admitted += 1;
      if (event.answer.kind === "refused") counts.refused += 1;
      const held = event.answer.kind !== "admitted";
      const answered: ScannerState = {
        ...state,
        phase: "answer",
        pending: null,
        answer: event.answer,
        answerSeq: state.answerSeq + 1,
        held,
        counts,
      };
      return held ? answered : next(answered, event.now);
    }
    case "seen":
      if (state.phase !== "answer") return state;
      if (state.waiting.length) return next(state, event.now);
      return { ...state, phase: "ready", answer: null, held: false };
    case "hold-over":
      if (state.phase !== "answer" || event.seq !== state.answerSeq || !state.held) return state;
      return next({ ...state, held: false }, event.now);
    case "timeout":
      if (state.phase !== "answer" || event.seq !== state.answerSeq) return state;
      return state.held || state.waiting.length ? state : { ...state, phase: "ready", answer: null };
  }
}
