import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PackMeta } from "./pack";
import type { QueuedScan } from "./queue";
import { bucketOf, openDoorStore, pageBits, wipeDoorEvent } from "./store";
import { ticket } from "./testing/fakes";
import type { PackTicket } from "./types";

const meta = (eventId: string, cursor = "1"): PackMeta => ({
  eventId,
  event: { id: eventId, name: "Gala", starts_at: "", ends_at: "", timezone: "UTC", venue: "" },
  keys: [],
  rules: { clock_skew_secs: 60, names: true },
  cursor,
  generatedAt: "2026-06-01T12:00:00Z",
  fetchedAt: 1,
});

const scan = (scan_id: string, ticket_id: string | null = null): QueuedScan => ({
  scan_id,
  code: "QRE1:X",
  mode: "check_in",
  gate: "North",
  scanned_at: "2026-06-01T12:00:00Z",
  offline_result: "admitted",
  offline_reason: null,
  ticket_id,
});

const ids = (tickets: readonly PackTicket[] | undefined) => (tickets ?? []).map((t) => t.id).sort();
const many = (n: number, prefix = "t") => Array.from({ length: n }, (_, i) => ticket(`${prefix}${i}`));

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The raw database, as the store left it. */
async function raw(factory: IDBFactory) {
  const db = await req(factory.open("qre-door"));
  const all = async <T>(store: string) => req(db.transaction(store).objectStore(store).getAll() as IDBRequest<T[]>);
  const keys = async (store: string) => req(db.transaction(store).objectStore(store).getAllKeys());
  return { db, all, keys };
}

/** Page keys written through IDBObjectStore.put while `work` runs. */
async function pagePuts(work: () => Promise<unknown>): Promise<IDBValidKey[]> {
  const put = vi.spyOn(IDBObjectStore.prototype, "put");
  try {
    await work();
    return put.mock.calls.filter((c) => Array.isArray(c[1])).map((c) => c[1] as IDBValidKey);
  } finally {
    put.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("door store (IndexedDB)", () => {
  it("keeps a stable device id", async () => {
    const factory = new IDBFactory();
    const a = openDoorStore(factory);
    const id = await a.deviceId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await a.deviceId()).toBe(id);
    a.close();
    expect(await openDoorStore(factory).deviceId()).toBe(id);
  });

  it("stores packs per event; a full pack replaces the tickets, a delta overwrites some", async () => {
    const s = openDoorStore(new IDBFactory());
    expect(await s.loadPack("e1")).toBeNull();
    await s.savePack(meta("e1"), [ticket("a"), ticket("b")], true);
    await s.savePack(meta("e2"), [ticket("z")], true);
    await s.savePack(meta("e1", "2"), [ticket("b", { uses: 1 }), ticket("c")], false);
    let e1 = await s.loadPack("e1");
    expect(e1?.meta.cursor).toBe("2");
    expect(e1?.tickets.map((t) => [t.id, t.uses])).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 0],
    ]);
    expect(e1?.tickets[0]).toEqual(ticket("a"));
    await s.savePack(meta("e1", "3"), [ticket("c", { uses: 1 })], true);
    e1 = await s.loadPack("e1");
    expect(e1?.tickets.map((t) => t.id)).toEqual(["c"]);
    expect((await s.loadPack("e2"))?.tickets.map((t) => t.id)).toEqual(["z"]);
  });

  it("queues scans in order, confirms and settles them", async () => {
    const s = openDoorStore(new IDBFactory());
    await s.savePack(meta("e1"), [ticket("t1")], true);
    for (const id of ["s1", "s2", "s3"]) await s.enqueue("e1", scan(id, "t1"));
    await s.enqueue("e2", scan("s1"));
    await expect(s.enqueue("e1", scan("s1"))).rejects.toBeTruthy();
    expect((await s.loadQueue("e1")).map((q) => q.scan_id)).toEqual(["s1", "s2", "s3"]);
    await s.confirm("e1", "s2");
    expect((await s.loadQueue("e1"))[1]).toEqual({ ...scan("s2", "t1"), confirmed: true });
    await s.setAside("e1", new Map([["s3", "out_of_range"]]));
    expect((await s.loadQueue("e1"))[2]).toEqual({ ...scan("s3", "t1"), refused: "out_of_range" });
    expect((await s.loadQueue("e2"))[0].refused).toBeUndefined();
    await s.settle("e1", ["s1", "s3"], [ticket("t1", { uses: 2 })]);
    expect((await s.loadQueue("e1")).map((q) => q.scan_id)).toEqual(["s2"]);
    expect((await s.loadPack("e1"))?.tickets[0].uses).toBe(2);
    expect((await s.loadQueue("e2")).length).toBe(1);
  });

  it("wipes one event entirely", async () => {
    const factory = new IDBFactory();
    const s = openDoorStore(factory);
    await s.savePack(meta("e1"), [ticket("a")], true);
    await s.savePack(meta("e2"), [ticket("b")], true);
    await s.enqueue("e1", scan("s1"));
    await s.enqueue("e2", scan("s2"));
    const device = await s.deviceId();
    await wipeDoorEvent("e1", factory);
    expect(await s.loadPack("e1")).toBeNull();
    expect(await s.loadQueue("e1")).toEqual([]);
    expect((await s.loadPack("e2"))?.tickets.length).toBe(1);
    expect((await s.loadQueue("e2")).length).toBe(1);
    expect(await s.deviceId()).toBe(device);
  });

  it("spreads tickets over pages by a stable hash of their id", () => {
    expect(pageBits(0)).toBe(0);
    expect(pageBits(128)).toBe(0);
    expect(pageBits(129)).toBe(1);
    expect(pageBits(100_000)).toBe(10);
    expect(pageBits(10_000_000)).toBe(16);
    const counts = new Array(1024).fill(0);
    for (let i = 0; i < 100_000; i++) counts[bucketOf(crypto.randomUUID(), 10)]++;
    // About 98 a page, none far off (time-ordered ids spread alike: the whole id is hashed).
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(160);
    expect(bucketOf("0190f7c2-0000-7000-8000-000000000001", 10)).toBe(bucketOf("0190f7c2-0000-7000-8000-000000000001", 10));
    expect(bucketOf("anything", 0)).toBe(0);
  });

  it("a delta rewrites only the pages its tickets fall in and keeps every other ticket", async () => {
    const factory = new IDBFactory();
    const s = openDoorStore(factory, { pageTickets: 4, txTickets: 10 });
    const tickets = many(60);
    await s.savePack(meta("e1"), tickets, true);
    const { all, db } = await raw(factory);
    const pages = await all<PackTicket[]>("pages");
    // 60 tickets at ~4 a page: 16 pages (4 bits), in 6+ transactions of about 10 tickets.
    expect(pages.length).toBe(16);
    expect(pages.flat().length).toBe(60);
    db.close();

    const changed = [ticket("t7", { uses: 1 }), ticket("t42", { status: "revoked" }), ticket("new")];
    const puts = await pagePuts(() => s.savePack(meta("e1", "2"), changed, false));
    const touched = new Set(changed.map((t) => bucketOf(t.id, 4)));
    expect(puts.map((k) => (k as [string, number, number])[2]).sort()).toEqual([...touched].sort());

    const e1 = await s.loadPack("e1");
    expect(e1?.meta.cursor).toBe("2");
    expect(e1?.tickets.length).toBe(61);
    const byId = new Map(e1?.tickets.map((t) => [t.id, t]));
    expect(byId.get("t7")?.uses).toBe(1);
    expect(byId.get("t42")?.status).toBe("revoked");
    expect(byId.get("new")).toEqual(ticket("new"));
    for (const t of tickets) if (t.id !== "t7" && t.id !== "t42") expect(byId.get(t.id)).toEqual(t);

    // An online answer's ticket: one page.
    const one = await pagePuts(() => s.putTickets("e1", [ticket("t3", { uses: 1 })]));
    expect(one.length).toBe(1);
    expect((await s.loadPack("e1"))?.tickets.find((t) => t.id === "t3")?.uses).toBe(1);
  });

  it("a full pack replaces the event's pages by key range, and leaves other events alone", async () => {
    const factory = new IDBFactory();
    const s = openDoorStore(factory, { pageTickets: 4, txTickets: 10 });
    await s.savePack(meta("e1"), many(60), true);
    await s.savePack(meta("e2"), many(5, "z"), true);
    await s.savePack(meta("e1", "9"), many(9, "n"), true);
    expect(ids((await s.loadPack("e1"))?.tickets)).toEqual(ids(many(9, "n")));
    expect((await s.loadPack("e1"))?.meta.cursor).toBe("9");
    expect(ids((await s.loadPack("e2"))?.tickets)).toEqual(ids(many(5, "z")));
    // Nothing of the first generation is left: only the pages the 9 and the 5 fall in.
    const { keys, db } = await raw(factory);
    const pageKeys = (await keys("pages")) as [string, number, number][];
    const pagesOf = (n: number, prefix: string) => new Set(many(n, prefix).map((t) => bucketOf(t.id, pageBits(n, 4)))).size;
    expect(new Set(pageKeys.filter((k) => k[0] === "e1").map((k) => k[1])).size).toBe(1);
    expect(pageKeys.length).toBe(pagesOf(9, "n") + pagesOf(5, "z"));
    db.close();
    // A delta without a stored pack writes nothing.
    await s.savePack(meta("e3"), [ticket("x")], false);
    expect(await s.loadPack("e3")).toBeNull();
  });

  it("keeps the previous pack whole when a full pack is cut short, and cleans up on the next", async () => {
    const factory = new IDBFactory();
    const s = openDoorStore(factory, { pageTickets: 4, txTickets: 10 });
    await s.savePack(meta("e1", "1"), many(30), true);
    // A put that fails after a few pages (a full disk): that batch's transaction aborts.
    let puts = 0;
    const original = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, value, key) {
      if (this.name === "pages" && ++puts > 12) throw new DOMException("disk full", "QuotaExceededError");
      return original.call(this, value, key);
    });
    await expect(s.savePack(meta("e1", "2"), many(40, "n"), true)).rejects.toBeInstanceOf(DOMException);
    expect(puts).toBeGreaterThan(12);
    spy.mockRestore();
    const kept = await s.loadPack("e1");
    expect(kept?.meta.cursor).toBe("1");
    expect(ids(kept?.tickets)).toEqual(ids(many(30)));

    await s.savePack(meta("e1", "3"), many(40, "n"), true);
    expect(ids((await s.loadPack("e1"))?.tickets)).toEqual(ids(many(40, "n")));
    const { all, db } = await raw(factory);
    expect((await all<PackTicket[]>("pages")).flat().length).toBe(40);
    db.close();
  });

  it("a wipe in the middle of a full pack (another tab) wins", async () => {
    const factory = new IDBFactory();
    const s = openDoorStore(factory, { pageTickets: 4, txTickets: 8 });
    await s.savePack(meta("e1", "1"), many(20), true);
    let wiping: Promise<void> | null = null;
    let puts = 0;
    const original = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, value, key) {
      // Once the new pages have started, another store wipes the event.
      if (this.name === "pages" && !puts++) wiping = wipeDoorEvent("e1", factory);
      return original.call(this, value, key);
    });
    await s.savePack(meta("e1", "2"), many(40, "n"), true);
    await wiping;
    vi.restoreAllMocks();
    // The pack stopped at the wipe: not all of its 16 pages were written, and none is left.
    expect(puts).toBeGreaterThan(0);
    expect(puts).toBeLessThan(new Set(many(40, "n").map((t) => bucketOf(t.id, pageBits(40, 4)))).size);
    expect(await s.loadPack("e1")).toBeNull();
    const { keys, db } = await raw(factory);
    expect(await keys("pages")).toEqual([]);
    db.close();
  });

  it("settles by key: answered scans go, others stay, uses are stored; also scans another tab queued", async () => {
    const factory = new IDBFactory();
    const s = openDoorStore(factory);
    await s.savePack(meta("e1"), [ticket("t1"), ticket("t2")], true);
    for (let i = 0; i < 10; i++) await s.enqueue("e1", scan(`s${i}`, "t1"));
    await s.enqueue("e2", scan("s3"));
    await s.settle("e1", ["s0", "s1", "s2", "s4", "s5", "s9", "unknown"], [ticket("t1", { uses: 1 })]);
    expect((await s.loadQueue("e1")).map((q) => q.scan_id)).toEqual(["s3", "s6", "s7", "s8"]);
    expect((await s.loadQueue("e2")).map((q) => q.scan_id)).toEqual(["s3"]);
    expect((await s.loadPack("e1"))?.tickets.map((t) => [t.id, t.uses])).toEqual([
      ["t1", 1],
      ["t2", 0],
    ]);
    // Another store (a reload, another tab) that never read these scans.
    const other = openDoorStore(factory);
    await other.confirm("e1", "s6");
    await other.settle("e1", ["s3", "s7"], []);
    expect(await s.loadQueue("e1")).toEqual([{ ...scan("s6", "t1"), confirmed: true }, scan("s8", "t1")]);
  });
});

describe("door store upgrade from version 1", () => {
  /** A version-1 database as the previous release left it: one record per ticket. */
  async function version1(factory: IDBFactory) {
    const open = factory.open("qre-door", 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore("meta");
      db.createObjectStore("packs", { keyPath: "eventId" });
      db.createObjectStore("tickets", { keyPath: ["event_id", "id"] }).createIndex("event", "event_id");
      const queue = db.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
      queue.createIndex("event", "event_id");
      queue.createIndex("scan", ["event_id", "scan_id"], { unique: true });
    };
    const db = await req(open);
    const t = db.transaction(["meta", "packs", "tickets", "queue"], "readwrite");
    t.objectStore("meta").put("device-1", "device_id");
    t.objectStore("packs").put(meta("e1", "old"));
    for (const x of [ticket("a"), ticket("b")]) t.objectStore("tickets").put({ ...x, event_id: "e1" });
    for (const q of [scan("s1", "a"), { ...scan("s2", "b"), confirmed: true }, scan("s3", "a")]) {
      t.objectStore("queue").add({ ...q, event_id: "e1" });
    }
    t.objectStore("queue").add({ ...scan("s9"), event_id: "e2", refused: "out_of_range" });
    await new Promise((resolve) => (t.oncomplete = resolve));
    db.close();
  }

  it("keeps the queue and the device id, and drops the old pack (downloaded again)", async () => {
    const factory = new IDBFactory();
    await version1(factory);
    const s = openDoorStore(factory);
    expect(await s.loadQueue("e1")).toEqual([scan("s1", "a"), { ...scan("s2", "b"), confirmed: true }, scan("s3", "a")]);
    expect(await s.loadQueue("e2")).toEqual([{ ...scan("s9"), refused: "out_of_range" }]);
    expect(await s.deviceId()).toBe("device-1");
    // No cursor outlives its tickets: no pack, so the engine downloads it whole.
    expect(await s.loadPack("e1")).toBeNull();
    const { db } = await raw(factory);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(["meta", "packs", "pages", "queue"]);
    db.close();

    // The old entries work like new ones: queued after them, settled by key.
    await s.enqueue("e1", scan("s4", "a"));
    await s.settle("e1", ["s1", "s2"], []);
    await s.setAside("e1", new Map([["s3", "too_old"]]));
    expect((await s.loadQueue("e1")).map((q) => [q.scan_id, q.refused])).toEqual([
      ["s3", "too_old"],
      ["s4", undefined],
    ]);
    await s.savePack(meta("e1", "new"), [ticket("a")], true);
    expect((await s.loadPack("e1"))?.meta.cursor).toBe("new");
    s.close();
    // Opened again at version 2: nothing changes.
    const again = openDoorStore(factory);
    expect((await again.loadQueue("e1")).length).toBe(2);
    expect((await again.loadPack("e1"))?.tickets.length).toBe(1);
  });
});
