// Runs the scanner state machine: sends scans, retries them with the same
// scan id, clears answers after a while, remembers this device's counts.
import { useCallback, useEffect, useReducer, useSyncExternalStore } from "react";
import { api, ApiError } from "../../api/client";
import type { ScanResponse } from "../../api/types";
import { ANSWER_MS, initialState, reduce, retryDelay, type Counts, type ScannerState } from "./scannerMachine";

/** A request with no answer after this long is treated as a network failure (and retried). */
const REQUEST_TIMEOUT_MS = 8000;

const countsKey = (eventId: string) => `qre.door.counts.${eventId}`;

function loadCounts(eventId: string): Counts {
  try {
    const raw = JSON.parse(localStorage.getItem(countsKey(eventId)) ?? "null") as Partial<Counts> | null;
    return { admitted: Number(raw?.admitted) || 0, refused: Number(raw?.refused) || 0 };
  } catch {
    return { admitted: 0, refused: 0 };
  }
}

/** A fresh UUID per physical scan (randomUUID needs a secure context; the fallback does not). */
export function newScanId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Failures worth retrying with the same scan id: no answer, server trouble, throttling. */
function retryable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);
}

function subscribeOnline(notify: () => void) {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
}

/** The browser's own idea of connectivity. */
export function useNavigatorOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

export interface Scanner {
  state: ScannerState;
  /** False when the browser is offline or the last request failed. */
  online: boolean;
  /** No more automatic retries for the pending scan. */
  gaveUp: boolean;
  read: (code: string) => void;
  start: () => void;
  retry: () => void;
  reset: () => void;
}

export function useScanner(eventId: string, gate: string): Scanner {
  const [state, dispatch] = useReducer(reduce, eventId, (id) => initialState(loadCounts(id)));
  const navigatorOnline = useNavigatorOnline();
  const pending = state.phase === "sending" ? state.pending : null;

  // Send the pending scan; a retry is the same scan id with attempt + 1.
  useEffect(() => {
    if (!pending) return;
    const { code, scanId } = pending;
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = window.setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, REQUEST_TIMEOUT_MS);
    api
      .json<ScanResponse>(`/api/v1/events/${encodeURIComponent(eventId)}/scan`, {
        method: "POST",
        body: { code, mode: "check_in", scan_id: scanId, gate: gate || null },
        signal: ctrl.signal,
      })
      .then((response) => dispatch({ type: "answer", scanId, response, now: Date.now() }))
      .catch((e: unknown) => {
        if ((e as Error)?.name === "AbortError" && !timedOut) return;
        if (timedOut || retryable(e)) {
          const reachable = e instanceof ApiError && e.status !== 0;
          dispatch({ type: "network-error", scanId, reachable });
        } else {
          dispatch({ type: "failed", scanId, error: e, now: Date.now() });
        }
      })
      .finally(() => window.clearTimeout(timer));
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [pending, eventId, gate]);

  // Offline: try again after a growing pause, or as soon as the network is back.
  const offlineScan = state.phase === "offline" ? state.pending : null;
  const delay = offlineScan ? retryDelay(offlineScan.attempt) : null;
  useEffect(() => {
    if (!offlineScan) return;
    const timer = delay === null ? 0 : window.setTimeout(() => dispatch({ type: "retry" }), delay);
    const back = () => dispatch({ type: "retry" });
    window.addEventListener("online", back);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("online", back);
    };
  }, [offlineScan, delay]);

  // An answer stays a moment, then the scanner is ready again.
  useEffect(() => {
    if (state.phase !== "answer") return;
    const seq = state.answerSeq;
    const timer = window.setTimeout(() => dispatch({ type: "timeout", seq }), ANSWER_MS);
    return () => window.clearTimeout(timer);
  }, [state.phase, state.answerSeq]);

  useEffect(() => {
    try {
      localStorage.setItem(countsKey(eventId), JSON.stringify(state.counts));
    } catch {
      /* private mode: counts last for this page */
    }
  }, [eventId, state.counts]);

  const read = useCallback(
    (code: string) => dispatch({ type: "code-read", code, scanId: newScanId(), now: Date.now() }),
    [],
  );
  const start = useCallback(() => dispatch({ type: "start" }), []);
  const retry = useCallback(() => dispatch({ type: "retry" }), []);
  const reset = useCallback(() => dispatch({ type: "reset" }), []);

  return {
    state,
    online: navigatorOnline && state.reachable !== false,
    gaveUp: state.phase === "offline" && delay === null,
    read,
    start,
    retry,
    reset,
  };
}
