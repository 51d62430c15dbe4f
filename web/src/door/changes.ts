// Word from the server that something changed at this event's door: GET
// …/door/live is a text/event-stream with one `ready` event, then a `changed`
// event (at most one every 5 s) whenever a ticket is issued, revoked or
// admitted, or a device revoked, on any instance. The door fetches its pack
// delta at once instead of asking every few seconds; while the stream is
// live, the engine's periodic refresh slows down (see PUSHED_REFRESH_MS).
// EventSource reconnects by itself after a dropped connection; a stream the
// browser gave up on (401, 404: it will not retry) is opened again after a
// while, and in between the engine asks as before.
/** What the door uses of an EventSource. */
export interface ChangeSource {
  readonly readyState: number;
  addEventListener(type: "ready" | "changed" | "error", listener: (event: Event) => void): void;
  close(): void;
}

export type OpenChanges = (url: string) => ChangeSource;

/** The browser's EventSource, where there is one. */
export const browserChanges: OpenChanges | null =
  typeof EventSource === "undefined" ? null : (url) => new EventSource(url);

/** EventSource.CLOSED: the browser will not reconnect by itself. */
const CLOSED = 2;
/** A stream the browser gave up on is opened again after this long. */
export const REOPEN_MS = 60_000;

export interface ChangeHandlers {
  /** Something changed at the door: fetch the delta. */
  changed: () => void;
  /** The stream came up (true) or dropped (false). */
  live: (live: boolean) => void;
}

/** Follows one event's door stream until stopped. */
export class DoorChanges {
  private source: ChangeSource | null = null;
  private reopen: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  live = false;

  constructor(
    private readonly eventId: string,
    private readonly open: OpenChanges,
    private readonly on: ChangeHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reopen);
    this.reopen = undefined;
    this.source?.close();
    this.source = null;
    this.setLive(false);
  }

  /** The network is back: a stream the browser gave up on is opened now rather than later. */
  wake(): void {
    if (this.stopped || this.source) return;
    clearTimeout(this.reopen);
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    const source = this.open(`/api/v1/events/${encodeURIComponent(this.eventId)}/door/live`);
    this.source = source;
    source.addEventListener("ready", () => {
      if (this.source === source) this.setLive(true);
    });
    source.addEventListener("changed", () => {
      if (this.source === source) this.on.changed();
    });
    source.addEventListener("error", () => {
      if (this.source !== source) return;
      this.setLive(false);
      if (source.readyState !== CLOSED) return;
      source.close();
      this.source = null;
      this.reopen = setTimeout(() => this.connect(), REOPEN_MS);
    });
  }

  private setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    this.on.live(live);
  }
}
