// Runs the scanner state machine against the door engine: decides the
// pending scan (online or on the device), keeps answers up for their time,
// and remembers this device's counts.
import { useCallback, useEffect, useReducer } from "react";
import type { DoorAnswer, DoorEngine } from "../../door/engine";
import type { DoorMode } from "../../door/types";
import { randomUuid } from "../../door/ids";
import { answerDuration, initialState, reduce, REFUSAL_MIN_MS, type Answer, type Counts, type ScannerState } from "./scannerMachine";

const countsKey = (eventId: string) => `qre.door.counts.${eventId}`;

function loadCounts(eventId: string): Counts {
  try {
    const raw = JSON.parse(localStorage.getItem(countsKey(eventId)) ?? "null") as Partial<Counts> | null;
    return { admitted: Number(raw?.admitted) || 0, refused: Number(raw?.refused) || 0 };
  } catch {
    return { admitted: 0, refused: 0 };
  }
}

/** The door engine's answer as the scanner shows it: admitted, or refused with the server's (or device's) reason. */
export function toAnswer(a: DoorAnswer): Answer {
  const kind = a.response.result === "admitted" ? "admitted" : "refused";
  return { kind, response: a.response, offline: a.source === "offline", unlisted: a.unlisted };
}

export interface Scanner {
  state: ScannerState;
  read: (code: string) => void;
  /** Lets in (or checks) a ticket found by name, once the volunteer confirmed who the person is. */
  admit: (ticketId: string) => void;
  start: () => void;
  /** The person has seen the answer (tap, Next). */
  seen: () => void;
}

export function useScanner(engine: DoorEngine, eventId: string, gate: string, mode: DoorMode = "check_in"): Scanner {
  const [state, dispatch] = useReducer(reduce, eventId, (id) => initialState(loadCounts(id)));
  const pending = state.pending;

  useEffect(() => {
    if (!pending) return;
    const { code, scanId, ticketId } = pending;
    let live = true;
    const asked = ticketId
      ? engine.admit({ ticketId, scanId, mode, gate: gate || null })
      : engine.scan({ code, scanId, mode, gate: gate || null });
    asked.then(
      (a) => {
        if (live) dispatch({ type: "answer", scanId, answer: toAnswer(a), now: Date.now() });
      },
      (error: unknown) => {
        if (live) dispatch({ type: "answer", scanId, answer: { kind: "error", error }, now: Date.now() });
      },
    );
    return () => {
      live = false;
    };
  }, [pending, engine, gate, mode]);

  // An answer stays its time; a red one is held until seen or REFUSAL_MIN_MS.
  const seq = state.answerSeq;
  const shown = state.phase === "answer" ? state.answer : null;
  const duration = shown ? answerDuration(shown) : null;
  useEffect(() => {
    if (duration === null) return;
    const timer = window.setTimeout(() => dispatch({ type: "timeout", seq }), duration);
    return () => window.clearTimeout(timer);
  }, [seq, duration]);
  const held = state.phase === "answer" && state.held;
  useEffect(() => {
    if (!held) return;
    const timer = window.setTimeout(() => dispatch({ type: "hold-over", seq, now: Date.now() }), REFUSAL_MIN_MS);
    return () => window.clearTimeout(timer);
  }, [seq, held]);

  useEffect(() => {
    try {
      localStorage.setItem(countsKey(eventId), JSON.stringify(state.counts));
    } catch {
      /* private mode: counts last for this page */
    }
  }, [eventId, state.counts]);

  const read = useCallback(
    (code: string) => dispatch({ type: "code-read", code, scanId: randomUuid(), now: Date.now() }),
    [],
  );
  const admit = useCallback(
    (ticketId: string) => dispatch({ type: "admit", ticketId, scanId: randomUuid(), now: Date.now() }),
    [],
  );
  const start = useCallback(() => dispatch({ type: "start" }), []);
  const seen = useCallback(() => dispatch({ type: "seen", now: Date.now() }), []);

  return { state, read, admit, start, seen };
}
