// The door's IndexedDB: per event, the pack (its meta and one record per
// ticket, so a delta writes only what changed) and the queue of offline
// decisions in scan order; and this device's stable random id. Every write
// resolves when its transaction has committed.
import { randomUuid } from "./ids";
import type { PackMeta } from "./pack";
import type { QueuedScan } from "./queue";
import type { PackTicket } from "./types";

const DB_NAME = "qre-door";
const VERSION = 1;
const META = "meta";
const PACKS = "packs";
const TICKETS = "tickets";
const QUEUE = "queue";

type Stored<T> = T & { event_id: string };
type StoredScan = Stored<QueuedScan> & { seq?: number };

export interface DoorStore {
  /** This device's id, made once and kept. */
  deviceId(): Promise<string>;
  loadPack(eventId: string): Promise<{ meta: PackMeta; tickets: PackTicket[] } | null>;
  /** Writes the meta and the tickets; `full` drops the event's other tickets first. */
  savePack(meta: PackMeta, tickets: readonly PackTicket[], full: boolean): Promise<void>;
  putTickets(eventId: string, tickets: readonly PackTicket[]): Promise<void>;
  /** The event's queue, oldest first. */
  loadQueue(eventId: string): Promise<QueuedScan[]>;
  enqueue(eventId: string, scan: QueuedScan): Promise<void>;
  /** Marks a queued scan as answered online too. */
  confirm(eventId: string, scanId: string): Promise<void>;
  /** Marks queued scans as refused by the server (scan id → error code): kept, not uploaded. */
  setAside(eventId: string, refused: ReadonlyMap<string, string>): Promise<void>;
  /** Removes answered scans and stores the tickets they changed, in one transaction. */
  settle(eventId: string, scanIds: readonly string[], tickets: readonly PackTicket[]): Promise<void>;
  /** Forgets everything of the event: pack, tickets, queue. */
  wipeEvent(eventId: string): Promise<void>;
  close(): void;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    const fail = (e?: Event) =>
      reject((e?.target as IDBRequest | null)?.error ?? tx.error ?? new DOMException("Transaction aborted", "AbortError"));
    tx.onerror = fail;
    tx.onabort = fail;
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    db.createObjectStore(META);
    db.createObjectStore(PACKS, { keyPath: "eventId" });
    db.createObjectStore(TICKETS, { keyPath: ["event_id", "id"] }).createIndex("event", "event_id");
    const queue = db.createObjectStore(QUEUE, { keyPath: "seq", autoIncrement: true });
    queue.createIndex("event", "event_id");
    queue.createIndex("scan", ["event_id", "scan_id"], { unique: true });
  };
  return request(req);
}

/** Deletes every record of `index` equal to `key`, then calls `then` (in the same transaction). */
function deleteAll(index: IDBIndex, key: IDBValidKey, then?: () => void): void {
  const cursor = index.openCursor(key);
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (c) {
      c.delete();
      c.continue();
    } else {
      then?.();
    }
  };
}

function strip<T extends object>(record: Stored<T> & { seq?: number }): T {
  const copy: Record<string, unknown> = { ...record };
  delete copy.event_id;
  delete copy.seq;
  return copy as T;
}

/** The door's store; the database opens on first use. */
export function openDoorStore(factory: IDBFactory | undefined = globalThis.indexedDB): DoorStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= factory ? open(factory) : Promise.reject(new DOMException("No IndexedDB", "NotSupportedError")));
  async function tx(stores: string[], mode: IDBTransactionMode, work: (t: IDBTransaction) => void): Promise<void> {
    const t = (await db()).transaction(stores, mode);
    const finished = done(t);
    work(t);
    await finished;
  }
  function patch(eventId: string, changes: ReadonlyMap<string, Partial<QueuedScan>>): Promise<void> {
    return tx([QUEUE], "readwrite", (t) => {
      const byScan = t.objectStore(QUEUE).index("scan");
      for (const [scanId, change] of changes) {
        const get = byScan.openCursor([eventId, scanId]);
        get.onsuccess = () => get.result?.update({ ...get.result.value, ...change });
      }
    });
  }
  async function read<T>(store: string, get: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return request(get((await db()).transaction(store, "readonly").objectStore(store)));
  }

  return {
    async deviceId() {
      const found = await read(META, (s) => s.get("device_id") as IDBRequest<string | undefined>);
      if (found) return found;
      let id = randomUuid();
      await tx([META], "readwrite", (t) => {
        // Two tabs may race: the first id written wins.
        const s = t.objectStore(META);
        const get = s.get("device_id");
        get.onsuccess = () => {
          if (get.result) id = get.result as string;
          else s.put(id, "device_id");
        };
      });
      return id;
    },
    async loadPack(eventId) {
      const meta = await read(PACKS, (s) => s.get(eventId) as IDBRequest<PackMeta | undefined>);
      if (!meta) return null;
      const tickets = await read(TICKETS, (s) => s.index("event").getAll(eventId) as IDBRequest<Stored<PackTicket>[]>);
      return { meta, tickets: tickets.map((t) => strip<PackTicket>(t)) };
    },
    savePack(meta, tickets, full) {
      return tx([PACKS, TICKETS], "readwrite", (t) => {
        const store = t.objectStore(TICKETS);
        const write = () => {
          for (const ticket of tickets) store.put({ ...ticket, event_id: meta.eventId });
        };
        // A cursor's steps queue after requests already made: the puts wait for its end.
        if (full) deleteAll(store.index("event"), meta.eventId, write);
        else write();
        t.objectStore(PACKS).put(meta);
      });
    },
    putTickets(eventId, tickets) {
      return tx([TICKETS], "readwrite", (t) => {
        const store = t.objectStore(TICKETS);
        for (const ticket of tickets) store.put({ ...ticket, event_id: eventId });
      });
    },
    async loadQueue(eventId) {
      const rows = await read(QUEUE, (s) => s.index("event").getAll(eventId) as IDBRequest<StoredScan[]>);
      return rows.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).map((r) => strip<QueuedScan>(r));
    },
    enqueue(eventId, scan) {
      return tx([QUEUE], "readwrite", (t) => {
        t.objectStore(QUEUE).add({ ...scan, event_id: eventId });
      });
    },
    confirm(eventId, scanId) {
      return patch(eventId, new Map([[scanId, { confirmed: true }]]));
    },
    setAside(eventId, refused) {
      return patch(eventId, new Map([...refused].map(([id, code]) => [id, { refused: code }])));
    },
    settle(eventId, scanIds, tickets) {
      return tx([QUEUE, TICKETS], "readwrite", (t) => {
        const byScan = t.objectStore(QUEUE).index("scan");
        for (const id of scanIds) deleteAll(byScan, [eventId, id]);
        const store = t.objectStore(TICKETS);
        for (const ticket of tickets) store.put({ ...ticket, event_id: eventId });
      });
    },
    wipeEvent(eventId) {
      return tx([PACKS, TICKETS, QUEUE], "readwrite", (t) => {
        t.objectStore(PACKS).delete(eventId);
        deleteAll(t.objectStore(TICKETS).index("event"), eventId);
        deleteAll(t.objectStore(QUEUE).index("event"), eventId);
      });
    },
    close() {
      void opened?.then((d) => d.close()).catch(() => {});
    },
  };
}

/** Forgets everything the door keeps for `eventId` on this device (a revoked device). */
export async function wipeDoorEvent(eventId: string, factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  const store = openDoorStore(factory);
  try {
    await store.wipeEvent(eventId);
  } finally {
    store.close();
  }
}
