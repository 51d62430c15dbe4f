import { describe, expect, it } from "vitest";
import { CLOSED, runConfirmed, type Confirming } from "./confirm";

function holder<T>(target: T) {
  let state: Confirming<T> = { target, busy: false, error: null };
  const seen: Confirming<T>[] = [];
  return {
    update: (fn: (s: Confirming<T>) => Confirming<T>) => {
      state = fn(state);
      seen.push(state);
    },
    get state() {
      return state;
    },
    seen,
    cancel: () => (state = CLOSED),
  };
}

describe("runConfirmed", () => {
  it("is busy while the action runs, then closes", async () => {
    const h = holder("ticket-1");
    const done: string[] = [];
    await runConfirmed(h.state.target, async (t) => void done.push(t), h.update);
    expect(done).toEqual(["ticket-1"]);
    expect(h.seen[0]).toEqual({ target: "ticket-1", busy: true, error: null });
    expect(h.state).toEqual(CLOSED);
  });

  it("stays open with the error when the action fails", async () => {
    const h = holder("ticket-1");
    const refused = new Error("refused");
    await runConfirmed(h.state.target, () => Promise.reject(refused), h.update);
    expect(h.state).toEqual({ target: "ticket-1", busy: false, error: refused });
  });

  it("does nothing without a target, and leaves a dialog closed meanwhile closed", async () => {
    const h = holder<string | null>(null);
    let ran = false;
    await runConfirmed(null, async () => void (ran = true), h.update);
    expect(ran).toBe(false);
    const g = holder("ticket-1");
    await runConfirmed(g.state.target, async () => void g.cancel(), g.update);
    expect(g.state).toEqual(CLOSED);
    await runConfirmed("ticket-1", () => Promise.reject(new Error("late")), g.update);
    expect(g.state).toEqual(CLOSED);
  });
});
