import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import type { StatsResponse } from "../api/types";
import { CLOSED, LIVE_TIMING, LiveFollower, parseStats, reopenDelay, type LiveSnapshot, type StreamSource } from "./liveStream";

const stats = (unique_in: number): StatsResponse => ({
  issued: 10,
  active: 9,
  revoked: 1,
  admitted: unique_in,
  unique_in,
  rejected: [],
  per_gate: [],
  per_minute: [],
  conflicts: 0,
  generated_at: "2026-11-30T10:00:00Z",
});

/** An EventSource as the follower sees it, driven by the test. */
class FakeSource implements StreamSource {
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent | Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (e: MessageEvent | Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = CLOSED;
  }
  emit(type: string, data?: string): void {
    for (const l of this.listeners.get(type) ?? []) l(data === undefined ? new Event(type) : new MessageEvent(type, { data }));
  }
  push(value: StatsResponse): void {
    this.readyState = 1;
    this.emit("stats", JSON.stringify(value));
  }
  /** The connection dropped: the browser will try again (or not, when `closed`). */
  fail(closed = false): void {
    this.readyState = closed ? CLOSED : 0;
    this.emit("error");
  }
}

function setup({ eventSource = true, answers = [] as (StatsResponse | Error)[] } = {}) {
  const sources: FakeSource[] = [];
  const polls: number[] = [];
  const seen: LiveSnapshot[] = [];
  const queue = [...answers];
  const follower = new LiveFollower({
    url: "/api/v1/events/e1/live?minutes=120",
    fetchStats: async () => {
      polls.push(Date.now());
      const next = queue.length > 1 ? queue.shift()! : queue[0];
      if (!next) throw new ApiError(0, null);
      if (next instanceof Error) throw next;
      return next;
    },
    open: eventSource
      ? (url) => {
          const s = new FakeSource(url);
          sources.push(s);
          return s;
        }
      : null,
    onChange: (s) => seen.push(s),
    random: () => 0.5,
  });
  const last = () => sources[sources.length - 1];
  const modes = () => seen.map((s) => s.mode).filter((m, i, all) => m !== all[i - 1]);
  return { follower, sources, polls, seen, last, modes };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("parseStats", () => {
  it("reads a StatsResponse and nothing else", () => {
    expect(parseStats(JSON.stringify(stats(3)))?.unique_in).toBe(3);
    expect(parseStats("not json")).toBeNull();
    expect(parseStats("null")).toBeNull();
    expect(parseStats(JSON.stringify({ ...stats(3), unique_in: "3" }))).toBeNull();
    expect(parseStats(JSON.stringify({ ...stats(3), per_minute: undefined }))).toBeNull();
    expect(parseStats(undefined)).toBeNull();
  });
});

describe("reopenDelay", () => {
  it("doubles up to a cap, spread by a quarter either way", () => {
    expect([1, 2, 3, 4, 10].map((n) => reopenDelay(n, 0.5))).toEqual([1_000, 2_000, 4_000, 8_000, 30_000]);
    expect(reopenDelay(1, 0)).toBe(750);
    expect(reopenDelay(1, 0.999)).toBe(1_250);
  });
});

describe("LiveFollower", () => {
  it("opens the stream, shows each stats event, ignores other events and bad data", () => {
    const { follower, sources, last, polls, modes } = setup();
    follower.start();
    expect(sources).toHaveLength(1);
    expect(last().url).toBe("/api/v1/events/e1/live?minutes=120");
    expect(follower.snapshot.mode).toBe("connecting");
    last().push(stats(1));
    expect(follower.snapshot).toMatchObject({ mode: "live", value: { unique_in: 1 }, updatedAt: Date.now() });
    last().emit("message", JSON.stringify(stats(7)));
    last().emit("stats", "{oops");
    expect(follower.snapshot.value?.unique_in).toBe(1);
    vi.advanceTimersByTime(60_000);
    last().push(stats(2));
    expect(follower.snapshot.value?.unique_in).toBe(2);
    expect(polls).toEqual([]);
    expect(modes()).toEqual(["connecting", "live"]);
  });

  it("lets the browser reconnect after a stream ends, and stays on the stream", () => {
    const { follower, sources, last, polls, modes } = setup();
    follower.start();
    last().push(stats(1));
    last().fail();
    expect(follower.snapshot.mode).toBe("reconnecting");
    vi.advanceTimersByTime(2_000);
    last().push(stats(2));
    expect(follower.snapshot).toMatchObject({ mode: "live", value: { unique_in: 2 } });
    expect(sources).toHaveLength(1);
    expect(polls).toEqual([]);
    expect(modes()).toEqual(["connecting", "live", "reconnecting", "live"]);
  });

  it("after a closed stream, asks through the API client (which refreshes the session) and opens a new one", async () => {
    const { follower, sources, last, polls } = setup({ answers: [stats(4)] });
    follower.start();
    last().push(stats(1));
    last().fail(true); // a 401: EventSource gives up
    expect(follower.snapshot.mode).toBe("reconnecting");
    expect(sources[0].closed).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(1);
    expect(follower.snapshot.value?.unique_in).toBe(4);
    await vi.advanceTimersByTimeAsync(999);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);
    last().push(stats(5));
    expect(follower.snapshot).toMatchObject({ mode: "live", value: { unique_in: 5 } });
  });

  it("gives a stream up after errors in a row without figures", async () => {
    const { follower, sources, last, polls } = setup({ answers: [stats(4)] });
    follower.start();
    for (let i = 0; i < LIVE_TIMING.errorsInRow - 1; i++) last().fail();
    expect(sources[0].closed).toBe(false);
    last().fail();
    expect(sources[0].closed).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(1);
  });

  it("gives a stream up when it brings no figures (a proxy holding events back)", async () => {
    const { follower, sources, polls } = setup({ answers: [stats(4)] });
    follower.start();
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.firstEventMs - 1);
    expect(sources[0].closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources[0].closed).toBe(true);
    expect(polls).toHaveLength(1);
  });

  it("polls instead when streams keep failing while the API answers, and tries a stream again later", async () => {
    const { follower, sources, last, polls, modes } = setup({ answers: [stats(4)] });
    follower.start();
    last().fail(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(2);
    last().fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.snapshot.mode).toBe("polling");
    expect(polls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.pollMs * 3);
    expect(polls).toHaveLength(5);
    expect(sources).toHaveLength(2);
    // Later, a stream again; it works this time: polling stops.
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.retryStreamMs - LIVE_TIMING.pollMs * 3);
    expect(sources).toHaveLength(3);
    last().push(stats(6));
    const before = polls.length;
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.pollMs * 4);
    expect(polls).toHaveLength(before);
    expect(follower.snapshot).toMatchObject({ mode: "live", value: { unique_in: 6 } });
    expect(modes()).toEqual(["connecting", "reconnecting", "polling", "reconnecting", "live"]);
  });

  it("goes back to polling after one failure of the retried stream", async () => {
    const { follower, sources, last } = setup({ answers: [stats(4)] });
    follower.start();
    last().fail(true);
    await vi.advanceTimersByTimeAsync(1_000);
    last().fail(true);
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.retryStreamMs);
    expect(sources).toHaveLength(3);
    last().fail(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.snapshot.mode).toBe("polling");
  });

  it("keeps trying streams, waiting longer each time, while the server does not answer", async () => {
    const down = new ApiError(0, null);
    const { follower, sources, last, polls } = setup({ answers: [down] });
    follower.start();
    last().push(stats(1));
    for (const [i, wait] of [1_000, 2_000, 4_000, 8_000].entries()) {
      last().fail(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(follower.snapshot).toMatchObject({ mode: "reconnecting", error: down, value: { unique_in: 1 } });
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(sources).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sources).toHaveLength(i + 2);
    }
    expect(polls).toHaveLength(4);
    expect(follower.snapshot.mode).not.toBe("polling");
    // Back: the figures arrive and the error goes.
    last().push(stats(2));
    expect(follower.snapshot).toMatchObject({ mode: "live", error: null, value: { unique_in: 2 } });
  });

  it("polls from the start where there is no EventSource", async () => {
    const { follower, polls, sources } = setup({ eventSource: false, answers: [stats(3)] });
    follower.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.snapshot).toMatchObject({ mode: "polling", value: { unique_in: 3 } });
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.retryStreamMs);
    expect(sources).toHaveLength(0);
    expect(polls).toHaveLength(1 + LIVE_TIMING.retryStreamMs / LIVE_TIMING.pollMs);
  });

  it("keeps polling through errors and shows them until figures come back", async () => {
    const boom = new ApiError(503, null);
    const { follower } = setup({ eventSource: false, answers: [stats(3), boom, stats(4)] });
    follower.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.pollMs);
    expect(follower.snapshot).toMatchObject({ mode: "polling", error: boom, value: { unique_in: 3 } });
    await vi.advanceTimersByTimeAsync(LIVE_TIMING.pollMs);
    expect(follower.snapshot).toMatchObject({ error: null, value: { unique_in: 4 } });
  });

  it("closes the stream when the tab stays hidden, and opens one when it shows", () => {
    const { follower, sources, last } = setup();
    follower.start();
    last().push(stats(1));
    follower.setVisible(false);
    vi.advanceTimersByTime(LIVE_TIMING.hiddenCloseMs - 1);
    follower.setVisible(true);
    follower.setVisible(false);
    expect(sources[0].closed).toBe(false);
    vi.advanceTimersByTime(LIVE_TIMING.hiddenCloseMs);
    expect(sources[0].closed).toBe(true);
    expect(follower.snapshot).toMatchObject({ mode: "idle", value: { unique_in: 1 } });
    vi.advanceTimersByTime(3_600_000);
    expect(sources).toHaveLength(1);
    follower.setVisible(true);
    expect(sources).toHaveLength(2);
    expect(follower.snapshot.mode).toBe("connecting");
  });

  it("stops polling at once in a hidden tab, and polls again when it shows", async () => {
    const { follower, polls } = setup({ eventSource: false, answers: [stats(3)] });
    follower.start();
    await vi.advanceTimersByTimeAsync(0);
    follower.setVisible(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls).toHaveLength(1);
    follower.setVisible(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(2);
  });

  it("waits for the tab to show when started hidden", () => {
    const { follower, sources } = setup();
    follower.setVisible(false);
    follower.start();
    expect(sources).toHaveLength(0);
    follower.setVisible(true);
    expect(sources).toHaveLength(1);
  });

  it("stops everything, keeping the figures, and ignores what arrives after", async () => {
    const { follower, sources, last, polls, seen } = setup({ answers: [stats(4)] });
    follower.start();
    last().push(stats(1));
    last().fail(true); // a request to the API is under way
    follower.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(follower.snapshot).toMatchObject({ mode: "idle", value: { unique_in: 1 } });
    expect(sources).toHaveLength(1);
    expect(polls).toHaveLength(1);
    const count = seen.length;
    sources[0].push(stats(9));
    expect(seen).toHaveLength(count);
  });

  it("starts from the figures it is given, until new ones arrive", () => {
    const seed: LiveSnapshot = { mode: "live", value: stats(8), error: null, updatedAt: 1 };
    const follower = new LiveFollower({ url: "/x", fetchStats: async () => stats(0), open: (url) => new FakeSource(url), onChange: () => {}, seed });
    follower.start();
    expect(follower.snapshot).toMatchObject({ mode: "connecting", value: { unique_in: 8 }, updatedAt: 1 });
  });
});
