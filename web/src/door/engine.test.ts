import { describe, expect, it } from "vitest";
import type { ScanResponse } from "../api/types";
import { ApiError } from "../api/client";
import { CONFLICT_CHECK_MS, DoorEngine, DoorError, type EngineDeps } from "./engine";
import { openDoorStore, wipeDoorEvent } from "./store";
import { FakeHttp, freshStore, never, ticket, world } from "./testing/fakes";
import type { DoorPack, SyncRequest } from "./types";

const admittedAnswer = (scanId: string, t = ticket("x")): ScanResponse => ({
  result: "admitted",
  reason: null,
  scan_id: scanId,
  replayed: false,
  ticket: { ...t, holder_name: t.holder_name ?? "", uses: t.uses + 1, first_used_at: null, first_gate: null },
});

function setup(over: Partial<EngineDeps> = {}, pack?: (w: ReturnType<typeof world>) => DoorPack) {
  const w = world();
  const http = new FakeHttp(pack ? pack(w) : w.pack());
  const { store, factory } = freshStore();
  let online = true;
  const engine = new DoorEngine({
    eventId: w.eventId,
    store,
    http,
    navigatorOnline: () => online,
    onlineWaitMs: 40,
    ...over,
  });
  const setOnline = (v: boolean) => {
    online = v;
  };
  return { w, http, store, factory, engine, setOnline };
}

const scan = (code: string, scanId: string, mode: "check_in" | "verify" = "check_in") => ({ code, scanId, mode, gate: "North" });

describe("door engine", () => {
  it("downloads the pack on start and keeps it on the device", async () => {
    const { w, http, engine, factory, store } = setup();
    expect(engine.getStatus().loading).toBe(true);
    await engine.start();
    engine.stop();
    expect(http.packCalls).toEqual([null]);
    const status = engine.getStatus();
    expect(status).toMatchObject({ loading: false, online: true, pending: 0 });
    expect(status.pack).toMatchObject({ tickets: 3, event: { name: "Gala" } });
    store.close();
    // Later, offline: the pack is read back from IndexedDB and decides alone.
    const http2 = new FakeHttp(w.pack());
    http2.onPack = () => Promise.reject(new ApiError(0, null));
    const offline = new DoorEngine({ eventId: w.eventId, store: openDoorStore(factory), http: http2, navigatorOnline: () => false });
    await offline.start();
    offline.stop();
    expect(offline.getStatus().pack?.tickets).toBe(3);
    const answer = await offline.scan(scan(`  ${w.code(w.ids[0]).toLowerCase()} `, "s1"));
    expect(answer).toMatchObject({ source: "offline", unlisted: false, response: { result: "admitted", scan_id: "s1" } });
    expect(answer.response.ticket?.holder_name).toBe("Emmy Noether");
    expect(http2.scanCalls).toEqual([]);
    // With a pack on the device, the start asks only what changed since it.
    expect(http2.packCalls).toEqual(["c10"]);
  });

  it("decides with the stored pack at once on start, and asks a delta from its cursor", async () => {
    const { w, engine, factory, store } = setup();
    await engine.start();
    engine.stop();
    store.close();
    const http = new FakeHttp(w.pack());
    let answerPack: (p: DoorPack) => void = () => {};
    http.onPack = () => new Promise((resolve) => (answerPack = resolve));
    http.onScan = () => Promise.reject(new ApiError(0, null));
    const again = new DoorEngine({ eventId: w.eventId, store: openDoorStore(factory), http, navigatorOnline: () => true, onlineWaitMs: 40 });
    const started = again.start();
    await new Promise<void>((resolve) => {
      const off = again.subscribe(() => again.getStatus().pack && (off(), resolve()));
    });
    // The stored pack shows and decides; the delta has not answered.
    expect(again.getStatus().pack?.tickets).toBe(3);
    const answer = await again.scan(scan(w.code(w.ids[0]), "s1"));
    expect(answer).toMatchObject({ source: "offline", response: { result: "admitted" } });
    expect(http.packCalls).toEqual(["c10"]);
    answerPack(w.pack({ full: false, cursor: "c11", tickets: [ticket(w.ids[1], { status: "revoked" }), ticket("late")] }));
    await started;
    again.stop();
    // The delta overwrote one ticket, added one and kept the rest, in memory and on the device.
    expect(again.getStatus().pack?.tickets).toBe(4);
    const stored = await openDoorStore(factory).loadPack(w.eventId);
    expect(stored?.meta.cursor).toBe("c11");
    expect(stored?.tickets.map((t) => [t.id, t.status]).sort()).toEqual(
      [[w.ids[0], "active"], [w.ids[1], "revoked"], [w.ids[2], "active"], ["late", "active"]].sort(),
    );
  });

  it("downloads the full pack when the server refuses the stored cursor", async () => {
    const { w, http, engine, factory, store } = setup();
    await engine.start();
    engine.stop();
    store.close();
    const fresh = [ticket(w.ids[2]), ticket("issued-since")];
    http.packCalls = [];
    http.onPack = (since) => {
      if (since !== null) throw new ApiError(422, null);
      return w.pack({ tickets: fresh, cursor: "c99" });
    };
    const again = new DoorEngine({ eventId: w.eventId, store: openDoorStore(factory), http, navigatorOnline: () => true });
    await again.start();
    again.stop();
    expect(http.packCalls).toEqual(["c10", null]);
    expect(again.getStatus()).toMatchObject({ packError: null, pack: { tickets: 2 } });
    // The full pack replaced the stored tickets.
    const stored = await openDoorStore(factory).loadPack(w.eventId);
    expect(stored?.meta.cursor).toBe("c99");
    expect(stored?.tickets.map((t) => t.id).sort()).toEqual([w.ids[2], "issued-since"].sort());
  });

  it("stores the whole pack with the next delta after a pack write failed", async () => {
    const { w, http, factory } = setup();
    const real = openDoorStore(factory);
    let failNext = true;
    const store = {
      ...real,
      savePack: (...args: Parameters<typeof real.savePack>) => {
        if (!failNext) return real.savePack(...args);
        failNext = false;
        return Promise.reject(new DOMException("disk full", "QuotaExceededError"));
      },
    };
    const engine = new DoorEngine({ eventId: w.eventId, store, http, navigatorOnline: () => true });
    await engine.start();
    expect(engine.getStatus().storageError).toBeTruthy();
    expect(await real.loadPack(w.eventId)).toBeNull();
    http.onPack = () => w.pack({ full: false, cursor: "c11", tickets: [] });
    await engine.tick();
    engine.stop();
    const stored = await real.loadPack(w.eventId);
    expect(stored?.meta.cursor).toBe("c11");
    expect(stored?.tickets.length).toBe(3);
  });

  it("asks the server first and takes its figures", async () => {
    const { w, http, engine } = setup();
    await engine.start();
    http.onScan = (body) => admittedAnswer(body.scan_id, ticket(w.ids[0]));
    const answer = await engine.scan(scan(w.code(w.ids[0]), "s1"));
    expect(answer.source).toBe("online");
    expect(http.scanCalls[0]).toMatchObject({ code: w.code(w.ids[0]), mode: "check_in", scan_id: "s1", gate: "North" });
    expect(http.scanCalls[0].device_id).toMatch(/^[0-9a-f-]{36}$/);
    // The server counted the use: offline now, the same ticket is already used.
    http.onScan = () => Promise.reject(new ApiError(0, null));
    const again = await engine.scan(scan(w.code(w.ids[0]), "s2"));
    expect(again).toMatchObject({ source: "offline", response: { result: "rejected", reason: "already_used" } });
    expect(engine.getStatus()).toMatchObject({ online: false, pending: 1 });
    engine.stop();
  });

  it("decides locally when the server is slow, stores the decision first, and notes a late answer", async () => {
    const { w, http, engine, store } = setup();
    await engine.start();
    let answerLate: (r: ScanResponse) => void = () => {};
    http.onScan = () => new Promise((resolve) => (answerLate = resolve));
    const answer = await engine.scan(scan(w.code(w.ids[0]), "s1"));
    expect(answer).toMatchObject({ source: "offline", response: { result: "admitted" } });
    const queued = await store.loadQueue(w.eventId);
    expect(queued).toMatchObject([{ scan_id: "s1", offline_result: "admitted", ticket_id: w.ids[0], gate: "North" }]);
    expect(Date.parse(queued[0].scanned_at)).toBeGreaterThan(0);
    // Known offline now: the next scan is decided at once, without a request.
    const used = await engine.scan(scan(w.code(w.ids[0]), "s2"));
    expect(used.response).toMatchObject({ reason: "already_used", ticket: { first_gate: "North" } });
    expect(http.scanCalls.length).toBe(1);
    answerLate(admittedAnswer("s1", ticket(w.ids[0])));
    await new Promise((r) => setTimeout(r, 10));
    expect((await store.loadQueue(w.eventId))[0].confirmed).toBe(true);
    expect(engine.getStatus().online).toBe(true);
    engine.stop();
  });

  it("lets a person in by name through the server, and takes its figures", async () => {
    const { w, http, engine } = setup();
    await engine.start();
    http.onAdmit = (body) => admittedAnswer(body.scan_id, ticket(w.ids[0]));
    const answer = await engine.admit({ ticketId: w.ids[0], scanId: "a1", mode: "check_in", gate: "North" });
    expect(answer).toMatchObject({ source: "online", unlisted: false, response: { result: "admitted", scan_id: "a1" } });
    expect(http.admitCalls).toEqual([{ ticket_id: w.ids[0], mode: "check_in", scan_id: "a1", gate: "North" }]);
    // The use counts on the device too: offline now, the ticket's code is already used.
    http.onScan = () => Promise.reject(new ApiError(0, null));
    await new Promise((r) => setTimeout(r, 10));
    const again = await engine.scan(scan(w.code(w.ids[0]), "s2"));
    expect(again).toMatchObject({ source: "offline", response: { result: "rejected", reason: "already_used" } });
    engine.stop();
  });

  it("never decides a by-name admission on the device: a failure is shown, nothing is queued", async () => {
    const { w, http, engine } = setup();
    await engine.start();
    http.onAdmit = () => Promise.reject(new ApiError(0, null));
    await expect(engine.admit({ ticketId: w.ids[0], scanId: "a1", mode: "check_in", gate: null })).rejects.toMatchObject({ status: 0 });
    expect(engine.getStatus()).toMatchObject({ pending: 0, online: false });
    http.onAdmit = () => Promise.reject(new ApiError(403, null));
    await expect(engine.admit({ ticketId: w.ids[0], scanId: "a2", mode: "verify", gate: null })).rejects.toMatchObject({ status: 403 });
    expect(engine.getStatus()).toMatchObject({ pending: 0, online: true });
    engine.stop();
  });

  it("answers offline without a name when the pack carries none", async () => {
    const { w, http, engine } = setup({}, (w) => w.pack({ tickets: w.ids.map((id) => ticket(id, { holder_name: undefined })) }));
    await engine.start();
    http.onScan = () => Promise.reject(new ApiError(0, null));
    const answer = await engine.scan(scan(w.code(w.ids[1]), "s1"));
    expect(answer.source).toBe("offline");
    expect(answer.response.ticket).toMatchObject({ id: w.ids[1], category: "VIP" });
    expect(answer.response.ticket).not.toHaveProperty("holder_name");
    engine.stop();
  });

  it("shows a refusal of the request itself as an error, not a door answer", async () => {
    const { w, http, engine } = setup();
    await engine.start();
    http.onScan = () => Promise.reject(new ApiError(403, null));
    await expect(engine.scan(scan(w.code(w.ids[0]), "s1"))).rejects.toMatchObject({ status: 403 });
    expect(engine.getStatus().pending).toBe(0);
    engine.stop();
  });

  it("cannot decide offline without a pack", async () => {
    const { w, http, engine, setOnline } = setup();
    http.onPack = () => Promise.reject(new ApiError(0, null));
    setOnline(false);
    await engine.start();
    await expect(engine.scan(scan(w.code(w.ids[0]), "s1"))).rejects.toBeInstanceOf(DoorError);
    expect(engine.getStatus()).toMatchObject({ pack: null, loading: false, online: false });
    engine.stop();
  });

  it("uploads the queue in order when online, applies results and reports conflicts", async () => {
    const { w, http, engine, store, setOnline } = setup();
    await engine.start();
    setOnline(false);
    await engine.scan(scan(w.code(w.ids[0]), "s1"));
    await engine.scan(scan("garbage", "s2"));
    await engine.scan(scan(w.code(w.ids[1]), "s3"));
    expect(engine.getStatus().pending).toBe(3);
    const conflict = {
      id: "c1",
      ticket_id: w.ids[1],
      holder_name: "Emmy Noether",
      category: "VIP",
      reason: "already_used",
      detected_at: "2026-06-01T12:00:00Z",
      first: null,
      second: { scan_id: "s3", gate: "North", offline: true, scanned_at: "2026-06-01T12:00:00Z", received_at: "2026-06-01T12:05:00Z" },
    };
    http.onSync = (req: SyncRequest) => ({
      results: req.scans.map((s) => ({
        scan_id: s.scan_id,
        result: s.scan_id === "s3" ? "conflict" : s.offline_result,
        reason: s.offline_reason,
        replayed: false,
        ticket_id: null,
      })),
      conflicts: [conflict],
    });
    setOnline(true);
    await engine.tick();
    expect(http.syncCalls.length).toBe(1);
    const sent = http.syncCalls[0];
    // Nothing waits on the device besides these three.
    expect(sent.pending).toBe(0);
    expect(sent.device_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.scans.map((s) => [s.scan_id, s.offline_result, s.offline_reason])).toEqual([
      ["s1", "admitted", null],
      ["s2", "rejected", "invalid_code"],
      ["s3", "admitted", null],
    ]);
    expect(sent.scans[0]).not.toHaveProperty("ticket_id");
    expect(engine.getStatus()).toMatchObject({ pending: 0, uploading: false, conflicts: [conflict] });
    expect(await store.loadQueue(w.eventId)).toEqual([]);
    const stored = await store.loadPack(w.eventId);
    expect(stored?.tickets.find((t) => t.id === w.ids[1])?.uses).toBe(1);
    engine.dismissConflict("c1");
    expect(engine.getStatus().conflicts).toEqual([]);
    engine.stop();
  });

  it("keeps unanswered scans and stops on an upload refused as a whole", async () => {
    const { w, http, engine, setOnline } = setup();
    await engine.start();
    setOnline(false);
    await engine.scan(scan(w.code(w.ids[0]), "s1"));
    await engine.scan(scan(w.code(w.ids[1]), "s2"));
    setOnline(true);
    http.onSync = (req) => ({
      results: [{ scan_id: req.scans[0].scan_id, result: "admitted", reason: null, replayed: false }],
      conflicts: [],
    });
    await engine.tick();
    // One answered per request: the rest goes in the next round, one request each.
    expect(engine.getStatus().pending).toBe(0);
    expect(http.syncCalls.map((c) => c.scans.length)).toEqual([2, 1]);

    setOnline(false);
    await engine.scan(scan(w.code(w.ids[2]), "s3"));
    setOnline(true);
    http.onSync = () => Promise.reject(new ApiError(422, null));
    await engine.tick();
    await engine.tick();
    expect(http.syncCalls.length).toBe(3);
    expect(engine.getStatus()).toMatchObject({ pending: 1, syncError: { status: 422 } });
    http.onSync = (req) => ({
      results: req.scans.map((s) => ({ scan_id: s.scan_id, result: "admitted", reason: null, replayed: false })),
      conflicts: [],
    });
    await engine.retryUpload();
    expect(engine.getStatus()).toMatchObject({ pending: 0, syncError: null });

    // Server trouble or no network: kept for later.
    setOnline(false);
    await engine.scan(scan("x", "s4"));
    setOnline(true);
    http.onSync = () => Promise.reject(new ApiError(503, null));
    await engine.tick();
    expect(engine.getStatus()).toMatchObject({ pending: 1, syncError: null, online: true });
    http.onSync = () => Promise.reject(new ApiError(0, null));
    await engine.tick();
    expect(engine.getStatus()).toMatchObject({ pending: 1, syncError: null, online: false });
    engine.stop();
  });

  it("uploads at most 1000 scans per request", async () => {
    const { http, engine, setOnline } = setup();
    await engine.start();
    setOnline(false);
    for (let i = 0; i < 1001; i++) await engine.scan(scan("x", `s${i}`));
    setOnline(true);
    await engine.tick();
    expect(http.syncCalls.map((c) => [c.scans.length, c.pending])).toEqual([
      [1000, 1],
      [1, 0],
    ]);
    expect(engine.getStatus().pending).toBe(0);
    engine.stop();
  }, 20_000);

  it("refreshes by delta from the last cursor", async () => {
    const { w, http, engine } = setup();
    await engine.start();
    http.onPack = (since) => w.pack({ full: false, cursor: "c11", tickets: since === "c10" ? [ticket(w.ids[0], { status: "revoked" })] : [] });
    await engine.tick();
    expect(http.packCalls).toEqual([null, "c10"]);
    engine.stop();
    http.onScan = () => never();
    const answer = await engine.scan(scan(w.code(w.ids[0]), "s1"));
    expect(answer.response.reason).toBe("revoked");
  });

  it("asks now and then whether a conflict names this door, with nothing queued", async () => {
    let clock = 1_000_000;
    const { w, http, engine } = setup({ now: () => clock });
    await engine.start();
    await engine.tick();
    expect(http.syncCalls).toEqual([]); // no scan yet: nothing to be told
    http.onScan = (body) => ({
      result: "admitted",
      reason: null,
      scan_id: body.scan_id ?? "",
      replayed: false,
      ticket: { ...ticket(w.ids[0]), holder_name: "A", uses: 1, first_used_at: null, first_gate: null },
    });
    await engine.scan(scan(w.code(w.ids[0]), "s1"));
    const conflict = {
      id: "c1",
      ticket_id: w.ids[0],
      holder_name: "A",
      category: "",
      reason: "already_used",
      detected_at: "2026-06-01T12:00:00Z",
      first: null,
      second: { scan_id: "s1", gate: "North", device_id: null, user_id: null, scanned_at: "2026-06-01T12:00:00Z", received_at: "2026-06-01T12:00:00Z", offline: false },
    };
    http.onSync = () => ({ results: [], conflicts: [conflict] });
    await engine.tick();
    expect(http.syncCalls.map((c) => c.scans.length)).toEqual([0]);
    expect(engine.getStatus().conflicts.map((c) => c.id)).toEqual(["c1"]);
    await engine.tick();
    expect(http.syncCalls).toHaveLength(1); // not again within the interval
    clock += CONFLICT_CHECK_MS;
    await engine.tick();
    expect(http.syncCalls).toHaveLength(2);
    engine.stop();
  });

  it("sets aside scans an upload refuses one by one, and uploads the others", async () => {
    const { w, http, engine, store, factory, setOnline } = setup();
    await engine.start();
    setOnline(false);
    for (const [i, id] of w.ids.entries()) await engine.scan(scan(w.code(id), `s${i}`));
    setOnline(true);
    const problem = (field: string) => ({
      code: "validation_failed" as const,
      detail: "x",
      status: 422,
      title: "x",
      type: "x",
      errors: [{ field, code: "out_of_range" as const, message: "m" }],
    });
    http.onSync = (req) => {
      const bad = req.scans.findIndex((s) => s.scan_id === "s1");
      if (bad >= 0) throw new ApiError(422, problem(`scans/${bad}/scanned_at`));
      return {
        results: req.scans.map((s) => ({ scan_id: s.scan_id, result: "admitted", reason: null, replayed: false })),
        conflicts: [],
      };
    };
    await engine.tick();
    expect(http.syncCalls.map((c) => c.scans.map((s) => s.scan_id))).toEqual([
      ["s0", "s1", "s2"],
      ["s0", "s2"],
    ]);
    expect(engine.getStatus()).toMatchObject({ pending: 0, setAside: 1, syncError: null });
    expect(await store.loadQueue(w.eventId)).toMatchObject([{ scan_id: "s1", refused: "out_of_range" }]);
    // Still counted as a use here: the person went in.
    setOnline(false);
    const again = await engine.scan(scan(w.code(w.ids[1]), "s9"));
    expect(again.response.reason).toBe("already_used");
    engine.stop();
    // Kept across a reload.
    const reloaded = new DoorEngine({ eventId: w.eventId, store: openDoorStore(factory), http, navigatorOnline: () => false });
    await reloaded.start();
    reloaded.stop();
    expect(reloaded.getStatus()).toMatchObject({ setAside: 1, pending: 1 });

    // A 422 about the whole request stops uploads.
    http.onSync = () => Promise.reject(new ApiError(422, problem("scans")));
    setOnline(true);
    await engine.tick();
    expect(engine.getStatus()).toMatchObject({ pending: 1, syncError: { status: 422 } });
  });

  it("answers the same scan id once while it is in flight", async () => {
    const { w, http, engine, store } = setup();
    await engine.start();
    http.onScan = () => never();
    const [a, b] = await Promise.all([engine.scan(scan(w.code(w.ids[0]), "s1")), engine.scan(scan(w.code(w.ids[0]), "s1"))]);
    expect(a).toBe(b);
    expect(http.scanCalls.length).toBe(1);
    expect((await store.loadQueue(w.eventId)).length).toBe(1);
    engine.stop();
  });

  it("reports an enrolled device's own id and the app version in scans and uploads", async () => {
    const { w, http, engine, setOnline } = setup({ deviceId: "dev-42", appVersion: "web 1.2.3" });
    await engine.start();
    http.onScan = (b) => admittedAnswer(b.scan_id);
    await engine.scan(scan(w.code(w.ids[0]), "s1"));
    expect(http.scanCalls[0].device_id).toBe("dev-42");
    setOnline(false);
    await engine.scan(scan(w.code(w.ids[1]), "s2"));
    setOnline(true);
    await engine.tick();
    expect(http.syncCalls[0]).toMatchObject({ device_id: "dev-42", app_version: "web 1.2.3", pending: 0 });
    expect(http.syncCalls[0].scans.length).toBe(1);
    engine.stop();
  });

  it("signed out: one last upload, then the event's pack and queue are gone from the device and from memory", async () => {
    const { w, http, engine, factory, setOnline } = setup();
    await engine.start();
    setOnline(false);
    await engine.scan(scan(w.code(w.ids[0]), "s1"));
    await engine.scan(scan(w.code(w.ids[1]), "s2"));
    expect(engine.getStatus().pending).toBe(2);
    setOnline(true);
    const revoked = new ApiError(401, { type: "x", title: "x", status: 401, detail: "x", code: "device_revoked" });
    http.onSync = () => Promise.reject(revoked);
    const wiped: string[] = [];
    const wipe = async (eventId: string) => {
      wiped.push(eventId);
      await wipeDoorEvent(eventId, factory);
    };
    const done = engine.signOut(wipe);
    // Asked again (every refused request says so): the same sign-out.
    expect(engine.signOut(wipe)).toBe(done);
    await done;
    expect(wiped).toEqual([w.eventId]);
    expect(http.syncCalls.length).toBe(1);
    expect(http.syncCalls[0].scans.map((x) => x.scan_id)).toEqual(["s1", "s2"]);
    expect(engine.getStatus()).toMatchObject({ signedOut: true, pack: null, pending: 0 });
    const check = openDoorStore(factory);
    expect(await check.loadPack(w.eventId)).toBeNull();
    expect(await check.loadQueue(w.eventId)).toEqual([]);
    check.close();
    // Nothing more: no scans, no downloads.
    await expect(engine.scan(scan(w.code(w.ids[2]), "s3"))).rejects.toMatchObject({ code: "signed_out" });
    const packs = http.packCalls.length;
    await engine.tick();
    await engine.start();
    expect(http.packCalls.length).toBe(packs);
  });

  it("keeps nothing of a download that lands after the sign-out", async () => {
    const { w, http, engine, factory } = setup();
    let answer: (p: DoorPack) => void = () => {};
    http.onPack = () => new Promise((resolve) => (answer = resolve));
    const started = engine.start();
    await new Promise((r) => setTimeout(r, 10));
    const done = engine.signOut((id) => wipeDoorEvent(id, factory));
    answer(w.pack());
    await Promise.all([started, done]);
    const check = openDoorStore(factory);
    expect(await check.loadPack(w.eventId)).toBeNull();
    check.close();
    expect(engine.getStatus().pack).toBeNull();
  });
});
