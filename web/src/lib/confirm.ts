// An action asked for, confirmed in a dialog, then run: what it applies to,
// whether it is running, and why it failed (shown in the dialog, which stays
// open so that the person can try again or cancel).
import { useCallback, useState } from "react";

export interface Confirming<T> {
  /** What the open dialog is about; null when closed. */
  target: T | null;
  busy: boolean;
  error: unknown;
}

export const CLOSED: Confirming<never> = { target: null, busy: false, error: null };

type Update<T> = (update: (state: Confirming<T>) => Confirming<T>) => void;

/** Runs `act` on `target`: busy meanwhile, closed when it succeeds, still open with the error when it fails. */
export async function runConfirmed<T>(target: T | null, act: (target: T) => Promise<void>, update: Update<T>): Promise<void> {
  if (target === null) return;
  // A dialog closed meanwhile (cancelled, or opened on something else) is left as it is.
  update((s) => (s.target === target ? { ...s, busy: true, error: null } : s));
  try {
    await act(target);
    update((s) => (s.target === target ? CLOSED : s));
  } catch (error) {
    update((s) => (s.target === target ? { ...s, busy: false, error } : s));
  }
}

export interface ConfirmAction<T> extends Confirming<T> {
  ask: (target: T) => void;
  cancel: () => void;
  /** Runs the confirmed action on the target (see `runConfirmed`). */
  run: (act: (target: T) => Promise<void>) => Promise<void>;
}

export function useConfirmAction<T>(): ConfirmAction<T> {
  const [state, setState] = useState<Confirming<T>>(CLOSED);
  const ask = useCallback((target: T) => setState({ target, busy: false, error: null }), []);
  const cancel = useCallback(() => setState(CLOSED), []);
  const run = (act: (target: T) => Promise<void>) => runConfirmed(state.target, act, setState);
  return { ...state, ask, cancel, run };
}
