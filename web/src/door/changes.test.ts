import { afterEach, describe, expect, it, vi } from "vitest";
import { DoorChanges, REOPEN_MS, type ChangeSource } from "./changes";
import { DoorEngine, PUSHED_REFRESH_MS, REFRESH_MS } from "./engine";
import { FakeHttp, freshStore, world } from "./testing/fakes";

/** A door stream the test drives. */
class FakeSource implements ChangeSource {
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((e: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (e: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: "ready" | "changed" | "error", readyState = type === "error" ? 0 : 1) {
    this.readyState = readyState;
    for (const l of this.listeners.get(type) ?? []) l(new Event(type));
  }
}

function opener() {
  const opened: FakeSource[] = [];
  const open = (url: string) => {
    const source = new FakeSource(url);
    opened.push(source);
    return source;
  };
  return { opened, open };
}

afterEach(() => vi.useRealTimers());

/** Lets IndexedDB (real immediates, not faked) finish what the engine started. */
async function settle() {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("door changes", () => {
  it("follows the event's door stream and reopens one the browser gave up on", () => {
    vi.useFakeTimers();
    const { opened, open } = opener();
    const seen: string[] = [];
    const changes = new DoorChanges("ev 1", open, {
      changed: () => seen.push("changed"),
      live: (live) => seen.push(live ? "live" : "down"),
    });
    changes.start();
    expect(opened[0].url).toBe("/api/v1/events/ev%201/door/live");
    opened[0].emit("ready");
    opened[0].emit("changed");
    // The browser reconnects by itself: nothing to do but say the stream is down.
    opened[0].emit("error");
    expect(opened).toHaveLength(1);
    opened[0].emit("ready");
    // Given up (a 401, a 404): opened again later.
    opened[0].emit("error", 2);
    expect(seen).toEqual(["live", "changed", "down", "live", "down"]);
    vi.advanceTimersByTime(REOPEN_MS - 1);
    expect(opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(opened).toHaveLength(2);
    // Back online with a live stream: nothing to do; with none: one now, not later.
    changes.wake();
    expect(opened).toHaveLength(2);
    opened[1].emit("error", 2);
    changes.wake();
    expect(opened).toHaveLength(3);
    vi.advanceTimersByTime(REOPEN_MS * 2);
    expect(opened).toHaveLength(3);
    changes.stop();
    expect(opened[2].closed).toBe(true);
    vi.advanceTimersByTime(REOPEN_MS * 2);
    expect(opened).toHaveLength(3);
  });

  it("fetches the delta when told, and asks less often while the stream is live", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "setTimeout", "clearTimeout", "Date"] });
    const w = world();
    const http = new FakeHttp(w.pack());
    const { store } = freshStore();
    const { opened, open } = opener();
    const engine = new DoorEngine({
      eventId: w.eventId,
      store,
      http,
      navigatorOnline: () => true,
      now: () => Date.now(),
      openChanges: open,
    });
    await engine.start();
    expect(http.packCalls).toHaveLength(1);
    const source = opened[0];
    source.emit("ready");

    // Live and nothing due: the timer's rounds ask nothing.
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
    expect(http.packCalls).toHaveLength(1);
    // A change is fetched at once.
    source.emit("changed");
    await settle();
    expect(http.packCalls).toHaveLength(2);
    // Still refreshed now and then, in case an announcement was lost.
    await vi.advanceTimersByTimeAsync(PUSHED_REFRESH_MS + REFRESH_MS);
    await settle();
    expect(http.packCalls).toHaveLength(3);

    // The stream drops: the engine checks at once, then asks every REFRESH_MS again.
    source.emit("error");
    await settle();
    expect(http.packCalls).toHaveLength(4);
    for (const calls of [5, 6]) {
      await vi.advanceTimersByTimeAsync(REFRESH_MS);
      await settle();
      expect(http.packCalls).toHaveLength(calls);
    }
    engine.stop();
    expect(source.closed).toBe(true);
  });
});
