// The Live figures pushed by the server: GET …/live is a text/event-stream of
// `stats` events, each a StatsResponse, the first at once and then at most one
// a second while the figures change. EventSource reconnects by itself when a
// stream ends; the follower adds what it cannot do:
// - renew an expired session: a stream the browser gave up on (a 401 closes it
//   for good) or one that keeps failing is followed by one GET …/stats through
//   the API client, which refreshes the session as every request does (and
//   sends the person to sign in when it cannot), then by a new stream;
// - poll GET …/stats where streams do not get through (no EventSource, or
//   streams failing while the API answers, e.g. a proxy holding events back),
//   trying a stream again now and then;
// - close the stream when the tab stays hidden, and open one when it shows.
// No React and no browser here: useLiveStats.ts wraps it for the Live tab.
import type { StatsResponse } from "../api/types";

/** How the figures arrive: `live` pushed, `polling` asked every few seconds. */
export type LiveMode = "idle" | "connecting" | "live" | "reconnecting" | "polling";

export interface LiveSnapshot {
  mode: LiveMode;
  /** The latest figures, kept through reconnections and pauses. */
  value: StatsResponse | null;
  /** The last failed request, until figures arrive again. */
  error: unknown;
  /** When the latest figures arrived (epoch ms). */
  updatedAt: number | null;
}

export const IDLE: LiveSnapshot = { mode: "idle", value: null, error: null, updatedAt: null };

/** What the follower uses of an EventSource. */
export interface StreamSource {
  readonly readyState: number;
  addEventListener(type: "stats" | "error", listener: (event: MessageEvent | Event) => void): void;
  close(): void;
}

/** EventSource.CLOSED: the browser will not reconnect by itself. */
export const CLOSED = 2;

export const LIVE_TIMING = {
  /** Between two polls. */
  pollMs: 5_000,
  /** Errors in a row (the browser reconnecting each time) before a stream is given up. */
  errorsInRow: 3,
  /** A stream that brings no figures this long after opening or after an error is given up. */
  firstEventMs: 10_000,
  /** Streams given up in a row while the API answers, before polling instead. */
  streamFailures: 2,
  /** While polling, a stream is tried again after this long. */
  retryStreamMs: 5 * 60_000,
  /** A tab hidden this long closes its stream (polling stops at once). */
  hiddenCloseMs: 60_000,
  /** First wait before a new stream; doubled on each failure in a row, up to the cap. */
  backoffMs: 1_000,
  maxBackoffMs: 30_000,
};

export type LiveTiming = typeof LIVE_TIMING;

/**
 * The wait before opening stream number `attempt` + 1 after `attempt` failures
 * in a row: doubling from `backoffMs` up to `maxBackoffMs`, spread by ±25 %
 * (`random` in [0, 1)) so that tabs cut off together do not come back together.
 */
export function reopenDelay(attempt: number, random: number, timing: LiveTiming = LIVE_TIMING): number {
  const base = Math.min(timing.backoffMs * 2 ** Math.max(0, attempt - 1), timing.maxBackoffMs);
  return Math.round(base * (0.75 + 0.5 * random));
}

/** The figures of a `stats` event, or null when its data is not a StatsResponse. */
export function parseStats(data: unknown): StatsResponse | null {
  if (typeof data !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const numbers = ["issued", "active", "revoked", "admitted", "unique_in", "conflicts"].every((k) => typeof v[k] === "number");
  const lists = ["rejected", "per_gate", "per_minute"].every((k) => Array.isArray(v[k]));
  return numbers && lists && typeof v.generated_at === "string" ? (value as StatsResponse) : null;
}

export interface FollowerOptions {
  /** The stream: GET …/live?minutes=…. */
  url: string;
  /** One GET …/stats through the API client (which renews an expired session). */
  fetchStats: (signal: AbortSignal) => Promise<StatsResponse>;
  /** Opens a stream; null where there is no EventSource. */
  open: ((url: string) => StreamSource) | null;
  onChange: (snapshot: LiveSnapshot) => void;
  /** Figures already shown (e.g. before a pause), kept until new ones arrive. */
  seed?: LiveSnapshot | null;
  timing?: Partial<LiveTiming>;
  now?: () => number;
  random?: () => number;
}

type Timer = "watch" | "step" | "retry" | "hidden";
type Outcome = { value: StatsResponse } | { error: unknown };

/** Follows one event's figures: start(), stop(), setVisible(). */
export class LiveFollower {
  private snap: LiveSnapshot;
  private readonly timing: LiveTiming;
  private readonly timers = new Map<Timer, ReturnType<typeof setTimeout>>();
  private source: StreamSource | null = null;
  private request: AbortController | null = null;
  private running = false;
  private visible = true;
  /** Stopped because the tab was hidden: showing it starts again. */
  private asleep = false;
  /** Streams failed here: start by polling. */
  private fellBack = false;
  private errors = 0;
  /** Streams given up in a row, whatever the reason (for the backoff). */
  private attempts = 0;
  /** Of those, the ones given up while the API answered (for the fallback). */
  private streamFailures = 0;

  constructor(private readonly opts: FollowerOptions) {
    this.timing = { ...LIVE_TIMING, ...opts.timing };
    this.snap = { ...(opts.seed ?? IDLE), mode: "idle", error: null };
  }

  get snapshot(): LiveSnapshot {
    return this.snap;
  }

  /** Follows the figures (from the next time the tab shows, when it is hidden). */
  start(): void {
    if (this.running || this.asleep) return;
    if (!this.visible) {
      this.asleep = true;
      return;
    }
    this.running = true;
    this.errors = 0;
    this.attempts = 0;
    this.streamFailures = 0;
    if (this.opts.open && !this.fellBack) this.connect();
    else this.poll();
  }

  /** Closes the stream, stops polling; the figures stay. */
  stop(): void {
    this.running = false;
    this.asleep = false;
    this.halt();
    this.cancel("retry");
    this.cancel("hidden");
    this.set({ mode: "idle" });
  }

  /** The tab shows or hides: a hidden tab stops polling at once and closes its stream after a while. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) {
      this.cancel("hidden");
      if (this.asleep) {
        this.asleep = false;
        this.start();
      }
      return;
    }
    if (!this.running) return;
    const sleep = () => {
      this.stop();
      this.asleep = true;
    };
    if (this.snap.mode === "polling") sleep();
    else this.after("hidden", this.timing.hiddenCloseMs, sleep);
  }

  // ---- the stream ----------------------------------------------------------

  private connect(): void {
    this.halt();
    let source: StreamSource;
    try {
      source = this.opts.open!(this.opts.url);
    } catch {
      this.fellBack = true;
      this.poll();
      return;
    }
    this.source = source;
    source.addEventListener("stats", (e) => this.onStats(source, e));
    source.addEventListener("error", () => this.onError(source));
    this.set({ mode: this.attempts > 0 ? "reconnecting" : "connecting" });
    this.after("watch", this.timing.firstEventMs, () => void this.giveUp());
  }

  private onStats(source: StreamSource, event: MessageEvent | Event): void {
    if (source !== this.source) return;
    const value = parseStats((event as MessageEvent).data);
    if (!value) return;
    this.cancel("watch");
    this.errors = 0;
    this.attempts = 0;
    this.streamFailures = 0;
    this.fellBack = false;
    this.set({ mode: "live", value, error: null, updatedAt: this.now() });
  }

  private onError(source: StreamSource): void {
    if (source !== this.source) return;
    this.errors += 1;
    if (source.readyState === CLOSED || this.errors >= this.timing.errorsInRow) {
      void this.giveUp();
      return;
    }
    // The browser reconnects by itself (a stream ends after ten minutes).
    this.set({ mode: "reconnecting" });
    this.after("watch", this.timing.firstEventMs, () => void this.giveUp());
  }

  /** The stream failed for good: ask once through the API client, then open another or poll. */
  private async giveUp(): Promise<void> {
    this.halt();
    this.errors = 0;
    this.attempts += 1;
    this.set({ mode: "reconnecting" });
    const outcome = await this.fetchOnce();
    if (!outcome) return;
    if ("value" in outcome) {
      this.set({ value: outcome.value, error: null, updatedAt: this.now() });
      this.streamFailures += 1;
      if (this.streamFailures >= this.timing.streamFailures) {
        this.fellBack = true;
        this.poll(false);
        return;
      }
    } else {
      // The server does not answer either (or refuses): not the stream's fault.
      this.set({ error: outcome.error });
    }
    this.after("step", reopenDelay(this.attempts, this.random(), this.timing), () => this.connect());
  }

  // ---- polling -------------------------------------------------------------

  /** Polls from now on, asking at once unless figures just arrived. */
  private poll(now = true): void {
    this.halt();
    this.set({ mode: "polling" });
    if (this.opts.open) {
      // One failure of the retried stream brings polling back.
      this.after("retry", this.timing.retryStreamMs, () => {
        this.streamFailures = this.timing.streamFailures - 1;
        this.connect();
      });
    }
    if (now) void this.tick();
    else this.after("step", this.timing.pollMs, () => void this.tick());
  }

  private async tick(): Promise<void> {
    const outcome = await this.fetchOnce();
    if (!outcome) return;
    if ("value" in outcome) this.set({ value: outcome.value, error: null, updatedAt: this.now() });
    else this.set({ error: outcome.error });
    this.after("step", this.timing.pollMs, () => void this.tick());
  }

  // ---- plumbing ------------------------------------------------------------

  /** One GET …/stats; null when it was cancelled (stopped, or overtaken). */
  private async fetchOnce(): Promise<Outcome | null> {
    this.request?.abort();
    const ctl = new AbortController();
    this.request = ctl;
    let outcome: Outcome;
    try {
      outcome = { value: await this.opts.fetchStats(ctl.signal) };
    } catch (error) {
      outcome = { error };
    }
    if (this.request === ctl) this.request = null;
    return ctl.signal.aborted || !this.running ? null : outcome;
  }

  /** Ends what is under way: the stream, its watch, a pending step, a request. */
  private halt(): void {
    this.source?.close();
    this.source = null;
    this.cancel("watch");
    this.cancel("step");
    this.request?.abort();
    this.request = null;
  }

  private after(name: Timer, ms: number, fn: () => void): void {
    this.cancel(name);
    this.timers.set(
      name,
      setTimeout(() => {
        this.timers.delete(name);
        fn();
      }, ms),
    );
  }

  private cancel(name: Timer): void {
    const timer = this.timers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(name);
  }

  private set(patch: Partial<LiveSnapshot>): void {
    const next = { ...this.snap, ...patch };
    const keys = Object.keys(next) as (keyof LiveSnapshot)[];
    if (keys.every((k) => next[k] === this.snap[k])) return;
    this.snap = next;
    this.opts.onChange(next);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private random(): number {
    return (this.opts.random ?? Math.random)();
  }
}
