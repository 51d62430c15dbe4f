// The Live tab's figures, pushed by the server over EventSource, polled when
// streams do not get through (see liveStream.ts). Stopped while `running` is
// false; a tab hidden for a while closes its stream.
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { StatsResponse } from "../api/types";
import { IDLE, LiveFollower, type LiveSnapshot } from "./liveStream";
import { buildQuery, eventPath } from "./query";

const isHidden = () => typeof document !== "undefined" && document.visibilityState === "hidden";

/** The latest figures of an event over its last `minutes`, and how they arrive. */
export function useLiveStats(eventId: string, minutes: number, running: boolean): LiveSnapshot & { hidden: boolean } {
  const key = `${eventId} ${minutes}`;
  const [state, setState] = useState<{ key: string; snap: LiveSnapshot }>({ key, snap: IDLE });
  const [hidden, setHidden] = useState(isHidden);
  // What the last follower showed: a resumed one keeps showing it until new figures arrive.
  const latest = useRef(state);

  useEffect(() => {
    if (!running) return;
    const query = buildQuery({ minutes });
    const follower = new LiveFollower({
      url: eventPath(eventId, `/live${query}`),
      fetchStats: (signal) => api.json<StatsResponse>(eventPath(eventId, `/stats${query}`), { signal }),
      open: typeof EventSource === "function" ? (url) => new EventSource(url) : null,
      seed: latest.current.key === key ? latest.current.snap : null,
      onChange: (snap) => {
        latest.current = { key, snap };
        setState(latest.current);
      },
    });
    const onVisibility = () => {
      setHidden(isHidden());
      follower.setVisible(!isHidden());
    };
    follower.setVisible(!isHidden());
    follower.start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      follower.stop();
    };
  }, [eventId, minutes, running, key]);

  const snap = state.key === key ? state.snap : IDLE;
  return { ...snap, hidden };
}
