// Lists that follow the server (door devices, conflicts): GET now, then again
// every few seconds. Polling keeps them simple and proxy-proof (the Live
// figures are pushed instead, see liveStream.ts); it stops while the browser
// tab is hidden and while the caller pauses it.
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";

/** GETs `path` now and every `interval` ms while the page is visible and `running`. */
export function usePolling<V>(
  path: string,
  interval: number,
  running: boolean,
): { value: V | null; error: unknown; hidden: boolean; refresh: () => void } {
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ value: V | null; error: unknown }>({ value: null, error: null });
  const [hidden, setHidden] = useState(() => typeof document !== "undefined" && document.visibilityState === "hidden");

  useEffect(() => {
    if (!running) return;
    let timer: number | undefined;
    let ctl: AbortController | null = null;
    let stopped = false;
    const tick = async () => {
      window.clearTimeout(timer);
      if (stopped || document.visibilityState === "hidden") return;
      ctl = new AbortController();
      const signal = ctl.signal;
      try {
        const value = await api.json<V>(path, { signal });
        setState({ value, error: null });
      } catch (error) {
        if (signal.aborted) return;
        setState((prev) => ({ value: prev.value, error }));
      }
      if (!stopped && document.visibilityState === "visible") timer = window.setTimeout(() => void tick(), interval);
    };
    const onVisibility = () => {
      const isHidden = document.visibilityState === "hidden";
      setHidden(isHidden);
      window.clearTimeout(timer);
      ctl?.abort();
      if (!isHidden) void tick();
    };
    document.addEventListener("visibilitychange", onVisibility);
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      ctl?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [path, interval, running, round]);

  // After a change made here: ask now rather than at the next tick.
  const refresh = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, hidden, refresh };
}
