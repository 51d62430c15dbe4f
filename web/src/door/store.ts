// The door's IndexedDB: per event, the pack and the queue of offline
// decisions in scan order; and this device's stable random id. Every write
// resolves when its transaction(s) have committed.
//
// Version 2 keeps the pack's tickets in pages, not one record each: a page
// holds the tickets whose id hashes to one bucket, and the number of buckets
// is chosen with each full pack so that a page holds about 64–128 tickets
// (a 100,000-ticket pack is 1,024 records; a delta of k tickets rewrites at
// most k pages). Pages are keyed [event, generation, bucket]:
// - a full pack is written under a new generation, in transactions of about
//   `txTickets` tickets (a queue write never waits long behind them), and
//   switched to in one small transaction; until then the previous pack stays
//   whole; its pages are then deleted by key ranges, a few hundred at a time
//   (pages of no current generation, left by a write cut short, go with the
//   next full pack);
// - a delta, an online answer or an upload's uses rewrite the pages they fall
//   in (read, merge by id, write), in transactions of a few pages;
// - each of these transactions first checks that the pack it extends is still
//   the stored one, so a wipe (or a newer full pack) in between stops it.
// The pack's meta (with its cursor) is written last: a write cut short leaves
// the previous cursor, from which the next delta brings the tickets again.
//
// The queue keeps its version-1 object store (records keyed by an increasing
// number, in scan order, never dropped by an upgrade); the store remembers
// each scan's key, so confirming, setting aside and settling address records
// by key, and settling deletes key ranges.
import { randomUuid } from "./ids";
import type { PackMeta } from "./pack";
import type { QueuedScan } from "./queue";
import type { PackTicket } from "./types";

const DB_NAME = "qre-door";
const VERSION = 2;
const META = "meta";
const PACKS = "packs";
const PAGES = "pages";
const QUEUE = "queue";
/** Version 1's store of one record per ticket. */
const V1_TICKETS = "tickets";

/** Average tickets per page the bucket count aims at (a page holds up to twice as many, on average). */
const PAGE_TICKETS = 128;
/** Tickets written (or rewritten) per pack transaction. */
const TX_TICKETS = 1000;
/** At most 65,536 pages per event. */
const MAX_BITS = 16;
/** Pages of a replaced pack deleted per transaction (one range delete of 1,024 pages held queue writes ~0.1 s). */
const DELETE_PAGES = 64;

type Stored<T> = T & { event_id: string };
type StoredScan = Stored<QueuedScan> & { seq: number };
type PageKey = [string, number, number];

/** The `packs` record of an event. */
interface PackRecord {
  eventId: string;
  /** Null while the event's first full pack is being written. */
  meta: PackMeta | null;
  /** The generation of the pages that make the pack (0: none). */
  gen: number;
  /** The pages are the first `bits` bits of the ids' hash. */
  bits: number;
  /** The generation a full pack is being written under. */
  next?: number;
}

export interface DoorStore {
  /** This device's id, made once and kept. */
  deviceId(): Promise<string>;
  loadPack(eventId: string): Promise<{ meta: PackMeta; tickets: PackTicket[] } | null>;
  /**
   * Writes the meta and the tickets: `full` replaces the event's tickets (the
   * stored pack is whole until the new one is), otherwise they overwrite
   * those of the stored pack by id (nothing is written when none is stored).
   */
  savePack(meta: PackMeta, tickets: readonly PackTicket[], full: boolean): Promise<void>;
  /** Overwrites tickets of the stored pack by id (nothing when none is stored). */
  putTickets(eventId: string, tickets: readonly PackTicket[]): Promise<void>;
  /** The event's queue, oldest first. */
  loadQueue(eventId: string): Promise<QueuedScan[]>;
  /** Adds a scan to the queue, in a transaction of its own. */
  enqueue(eventId: string, scan: QueuedScan): Promise<void>;
  /** Marks a queued scan as answered online too. */
  confirm(eventId: string, scanId: string): Promise<void>;
  /** Marks queued scans as refused by the server (scan id → error code): kept, not uploaded. */
  setAside(eventId: string, refused: ReadonlyMap<string, string>): Promise<void>;
  /**
   * Stores the tickets answered scans changed, then removes the scans (one
   * transaction). In that order: cut short in between, a use is counted
   * twice on the device (it refuses, never admits, one more) until the next
   * delta, never forgotten.
   */
  settle(eventId: string, scanIds: readonly string[], tickets: readonly PackTicket[]): Promise<void>;
  /** Forgets everything of the event: pack, tickets, queue. */
  wipeEvent(eventId: string): Promise<void>;
  close(): void;
}

/** Sizes, for tests and measurements. */
export interface StoreOptions {
  /** Average tickets per page aimed at (128). */
  pageTickets?: number;
  /** Tickets per pack transaction (1,000). */
  txTickets?: number;
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

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(META);
    const queue = db.createObjectStore(QUEUE, { keyPath: "seq", autoIncrement: true });
    queue.createIndex("event", "event_id");
    queue.createIndex("scan", ["event_id", "scan_id"], { unique: true });
  }
  if (oldVersion < 2) {
    // Version 1 kept a record per ticket: its packs are dropped (downloaded
    // again) with their metas, so no cursor outlives its tickets. The queue
    // and the device id stay as they are.
    for (const name of [PACKS, V1_TICKETS]) {
      if (db.objectStoreNames.contains(name)) db.deleteObjectStore(name);
    }
    db.createObjectStore(PACKS, { keyPath: "eventId" });
    db.createObjectStore(PAGES);
  }
}

/** A stable hash of a ticket id (FNV-1a, then murmur3's finalizer), so any id spreads evenly. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The page of a ticket id among 2^bits. */
export function bucketOf(id: string, bits: number): number {
  return bits <= 0 ? 0 : hash(id) >>> (32 - bits);
}

/** How many hash bits split `count` tickets into pages of about `perPage` (at most, on average). */
export function pageBits(count: number, perPage: number = PAGE_TICKETS): number {
  return count <= perPage ? 0 : Math.min(MAX_BITS, Math.ceil(Math.log2(count / perPage)));
}

function byBucket(tickets: readonly PackTicket[], bits: number): Map<number, PackTicket[]> {
  const out = new Map<number, PackTicket[]>();
  for (const t of tickets) {
    const b = bucketOf(t.id, bits);
    const page = out.get(b);
    if (page) page.push(t);
    else out.set(b, [t]);
  }
  return out;
}

/** Groups pages into batches of about `budget` tickets, or of `maxPages` pages. */
function batches<T>(pages: Map<number, T[]>, budget: number, maxPages = Infinity): [number, T[]][][] {
  const out: [number, T[]][][] = [];
  let batch: [number, T[]][] = [];
  let size = 0;
  for (const entry of pages) {
    batch.push(entry);
    size += entry[1].length;
    if (size >= budget || batch.length >= maxPages) {
      out.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length) out.push(batch);
  return out;
}

const pageKey = (eventId: string, gen: number, bucket: number): PageKey => [eventId, gen, bucket];
/** Every page of the event. */
const eventPages = (eventId: string) => IDBKeyRange.bound([eventId], [eventId, []]);
/** The pages of one generation. */
const generationPages = (eventId: string, gen: number) => IDBKeyRange.bound([eventId, gen], [eventId, gen, []]);

/** Deletes every page of the event but those of the generations in `keep` (key ranges between them). */
function dropGenerationsBut(pages: IDBObjectStore, eventId: string, keep: number[]): void {
  let from: IDBValidKey = [eventId];
  for (const g of [...keep].sort((a, b) => a - b)) {
    pages.delete(IDBKeyRange.bound(from, [eventId, g], false, true));
    from = [eventId, g, []];
  }
  pages.delete(IDBKeyRange.bound(from, [eventId, []]));
}

/** A page with `changed` written over it by id (its order kept, new tickets last). */
function mergePage(page: readonly PackTicket[] | undefined, changed: readonly PackTicket[]): PackTicket[] {
  if (!page?.length) return [...changed];
  const at = new Map<string, number>();
  const out = [...page];
  out.forEach((t, i) => at.set(t.id, i));
  for (const t of changed) {
    const i = at.get(t.id);
    if (i === undefined) at.set(t.id, out.push(t) - 1);
    else out[i] = t;
  }
  return out;
}

/** Numeric keys as the fewest ranges of consecutive values. */
function keyRanges(keys: number[]): IDBKeyRange[] {
  const sorted = [...keys].sort((a, b) => a - b);
  const out: IDBKeyRange[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(IDBKeyRange.bound(sorted[i], sorted[j]));
    i = j + 1;
  }
  return out;
}

/** The scan of a queue record, built field by field (spread + delete would leave a slow dictionary-mode object). */
function toQueued(r: StoredScan): QueuedScan {
  const scan: QueuedScan = {
    scan_id: r.scan_id,
    code: r.code,
    mode: r.mode,
    gate: r.gate,
    scanned_at: r.scanned_at,
    offline_result: r.offline_result,
    offline_reason: r.offline_reason,
    ticket_id: r.ticket_id,
  };
  if (r.confirmed !== undefined) scan.confirmed = r.confirmed;
  if (r.refused !== undefined) scan.refused = r.refused;
  return scan;
}

/** The door's store; the database opens on first use. */
export function openDoorStore(factory: IDBFactory | undefined = globalThis.indexedDB, options: StoreOptions = {}): DoorStore {
  const perPage = options.pageTickets ?? PAGE_TICKETS;
  const txTickets = options.txTickets ?? TX_TICKETS;
  /** Pages rewritten per transaction by a merge (each is read and written whole). */
  const txPages = Math.max(1, Math.round(txTickets / perPage));
  let opened: Promise<IDBDatabase> | null = null;
  /** Queue record keys by event and scan id, as read or written through this store. */
  const keys = new Map<string, Map<string, number>>();
  /** Pack writes of this store run one after another (a full pack takes several transactions). */
  let packWrites: Promise<unknown> = Promise.resolve();

  function open(f: IDBFactory): Promise<IDBDatabase> {
    const req = f.open(DB_NAME, VERSION);
    req.onupgradeneeded = (e) => upgrade(req.result, e.oldVersion);
    return request(req).then((d) => {
      // Let a newer version's upgrade (another tab) proceed; this store then reopens, or fails.
      d.onversionchange = () => {
        d.close();
        opened = null;
      };
      return d;
    });
  }
  const db = () =>
    (opened ??= factory ? open(factory) : Promise.reject(new DOMException("No IndexedDB", "NotSupportedError")));
  async function tx(stores: string[], mode: IDBTransactionMode, work: (t: IDBTransaction) => void): Promise<void> {
    const t = (await db()).transaction(stores, mode);
    const finished = done(t);
    work(t);
    await finished;
  }
  async function read<T>(store: string, get: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return request(get((await db()).transaction(store, "readonly").objectStore(store)));
  }
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = packWrites.then(work, work);
    packWrites = run.catch(() => {});
    return run;
  }
  const keysOf = (eventId: string) => {
    let m = keys.get(eventId);
    if (!m) keys.set(eventId, (m = new Map()));
    return m;
  };

  /** Calls `each` with the record key of every scan named, in transaction `t` (looked up when unknown). */
  function withKeys(t: IDBTransaction, eventId: string, scanIds: Iterable<string>, each: (key: number, scanId: string) => void) {
    const known = keysOf(eventId);
    const byScan = t.objectStore(QUEUE).index("scan");
    for (const id of scanIds) {
      const key = known.get(id);
      if (key !== undefined) {
        each(key, id);
        continue;
      }
      const get = byScan.getKey([eventId, id]);
      get.onsuccess = () => {
        if (get.result !== undefined) each(get.result as number, id);
      };
    }
  }

  function patch(eventId: string, changes: ReadonlyMap<string, Partial<QueuedScan>>): Promise<void> {
    return tx([QUEUE], "readwrite", (t) => {
      const store = t.objectStore(QUEUE);
      withKeys(t, eventId, changes.keys(), (key, id) => {
        const get = store.get(key);
        get.onsuccess = () => {
          if (get.result) store.put({ ...(get.result as StoredScan), ...changes.get(id) });
        };
      });
    });
  }

  async function readRecord(eventId: string): Promise<PackRecord | undefined> {
    return read(PACKS, (s) => s.get(eventId) as IDBRequest<PackRecord | undefined>);
  }

  /**
   * Runs `work` on the pages store in a transaction that first reads the
   * event's record; `work` gets the record and decides whether to write.
   */
  function withRecord(eventId: string, work: (rec: PackRecord | undefined, pages: IDBObjectStore, packs: IDBObjectStore) => void) {
    return tx([PACKS, PAGES], "readwrite", (t) => {
      const packs = t.objectStore(PACKS);
      const get = packs.get(eventId);
      get.onsuccess = () => work(get.result as PackRecord | undefined, t.objectStore(PAGES), packs);
    });
  }

  /** A full pack: a new generation of pages, then the switch; stops when a wipe or a newer full pack comes in between. */
  async function replace(meta: PackMeta, tickets: readonly PackTicket[]): Promise<void> {
    const eventId = meta.eventId;
    const bits = pageBits(tickets.length, perPage);
    let gen = 0;
    await withRecord(eventId, (rec, pages, packs) => {
      const current = rec ?? { eventId, meta: null, gen: 0, bits: 0 };
      gen = Math.max(current.gen, current.next ?? 0) + 1;
      // Pages of a full pack never finished, or of one replaced but not yet deleted, go now.
      dropGenerationsBut(pages, eventId, [current.gen]);
      packs.put({ ...current, next: gen });
    });
    let current = true;
    for (const batch of batches(byBucket(tickets, bits), txTickets)) {
      await withRecord(eventId, (rec, pages) => {
        current = rec?.next === gen;
        if (current) for (const [b, page] of batch) pages.put(page, pageKey(eventId, gen, b));
      });
      if (!current) return;
    }
    let previous: PackRecord | undefined;
    await withRecord(eventId, (rec, _pages, packs) => {
      if (rec?.next !== gen) return;
      previous = rec;
      packs.put({ eventId, meta, gen, bits } satisfies PackRecord);
    });
    // The replaced pack's pages, a few at a time so that queue writes get their turn.
    const old = previous;
    if (!old?.gen) return;
    for (let b = 0; b < 2 ** old.bits; b += DELETE_PAGES) {
      await tx([PAGES], "readwrite", (t) => {
        t.objectStore(PAGES).delete(IDBKeyRange.bound([eventId, old.gen, b], [eventId, old.gen, b + DELETE_PAGES], false, true));
      });
    }
  }

  /** Tickets over the stored pack's, by id, then `meta` when given; stops when the stored pack changes meanwhile. */
  async function merge(eventId: string, tickets: readonly PackTicket[], meta?: PackMeta): Promise<void> {
    const first = await readRecord(eventId);
    if (!first?.meta) return;
    const { gen, bits } = first;
    const todo = batches(byBucket(tickets, bits), Infinity, txPages);
    if (!todo.length) todo.push([]);
    for (const [i, batch] of todo.entries()) {
      let current = true;
      await withRecord(eventId, (rec, pages, packs) => {
        current = !!rec?.meta && rec.gen === gen;
        if (!current) return;
        for (const [b, changed] of batch) {
          const key = pageKey(eventId, gen, b);
          const get = pages.get(key);
          get.onsuccess = () => pages.put(mergePage(get.result as PackTicket[] | undefined, changed), key);
        }
        if (meta && i === todo.length - 1) packs.put({ ...rec!, meta });
      });
      if (!current) return;
    }
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
      let out: { meta: PackMeta; tickets: PackTicket[] } | null = null;
      // The record and its pages in one transaction: a switch to a new pack cannot come in between.
      await tx([PACKS, PAGES], "readonly", (t) => {
        const get = t.objectStore(PACKS).get(eventId);
        get.onsuccess = () => {
          const rec = get.result as PackRecord | undefined;
          const meta = rec?.meta;
          if (!rec || !meta) return;
          const pages = t.objectStore(PAGES).getAll(generationPages(eventId, rec.gen));
          pages.onsuccess = () => {
            const tickets: PackTicket[] = [];
            for (const page of pages.result as PackTicket[][]) for (const ticket of page) tickets.push(ticket);
            out = { meta, tickets };
          };
        };
      });
      return out;
    },
    savePack(meta, tickets, full) {
      return exclusive(() => (full ? replace(meta, tickets) : merge(meta.eventId, tickets, meta)));
    },
    putTickets(eventId, tickets) {
      return exclusive(() => merge(eventId, tickets));
    },
    async loadQueue(eventId) {
      const rows = await read(QUEUE, (s) => s.index("event").getAll(eventId) as IDBRequest<StoredScan[]>);
      // Index order is the key's, then the record's: scan order.
      const known = keysOf(eventId);
      for (const r of rows) known.set(r.scan_id, r.seq);
      return rows.map(toQueued);
    },
    async enqueue(eventId, scan) {
      let key: number | undefined;
      await tx([QUEUE], "readwrite", (t) => {
        const add = t.objectStore(QUEUE).add({ ...scan, event_id: eventId });
        add.onsuccess = () => (key = add.result as number);
      });
      if (key !== undefined) keysOf(eventId).set(scan.scan_id, key);
    },
    confirm(eventId, scanId) {
      return patch(eventId, new Map([[scanId, { confirmed: true }]]));
    },
    setAside(eventId, refused) {
      return patch(eventId, new Map([...refused].map(([id, code]) => [id, { refused: code }])));
    },
    settle(eventId, scanIds, tickets) {
      return exclusive(async () => {
        if (tickets.length) await merge(eventId, tickets);
        const known = keysOf(eventId);
        await tx([QUEUE], "readwrite", (t) => {
          const store = t.objectStore(QUEUE);
          const found: number[] = [];
          const unknown: string[] = [];
          for (const id of scanIds) {
            const key = known.get(id);
            if (key === undefined) unknown.push(id);
            else found.push(key);
          }
          // Scans uploaded in order are consecutive records: usually one range.
          for (const range of keyRanges(found)) store.delete(range);
          withKeys(t, eventId, unknown, (key) => store.delete(key));
        });
        for (const id of scanIds) known.delete(id);
      });
    },
    wipeEvent(eventId) {
      return exclusive(async () => {
        await tx([PACKS, PAGES, QUEUE], "readwrite", (t) => {
          t.objectStore(PACKS).delete(eventId);
          t.objectStore(PAGES).delete(eventPages(eventId));
          const queue = t.objectStore(QUEUE);
          const all = queue.index("event").getAllKeys(eventId);
          all.onsuccess = () => {
            for (const range of keyRanges(all.result as number[])) queue.delete(range);
          };
        });
        keys.delete(eventId);
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
