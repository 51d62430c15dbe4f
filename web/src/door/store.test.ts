import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import type { PackMeta } from "./pack";
import type { QueuedScan } from "./queue";
import { openDoorStore, wipeDoorEvent } from "./store";
import { ticket } from "./testing/fakes";

const meta = (eventId: string, cursor = "1"): PackMeta => ({
  eventId,
  event: { id: eventId, name: "Gala", starts_at: "", ends_at: "", timezone: "UTC" },
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
});
