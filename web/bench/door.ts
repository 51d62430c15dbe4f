// The offline door's costs in a real browser, with the real modules of
// src/door: storing and reloading a 100,000-ticket pack in IndexedDB, the
// decision per scan (WebCrypto and the noble fallback), and the decision
// plus its write to the IndexedDB queue, which the door awaits before it
// shows an offline answer. Driven by scripts/bench-door.mjs, which calls
// `window.__doorBench.run(options)` and prints what it returns.
import { base32Encode, parseCode } from "../src/door/code";
import { decide, type Decision } from "../src/door/decide";
import { DoorEngine } from "../src/door/engine";
import { decisionPack, type LocalPack, type PackMeta } from "../src/door/pack";
import { offlineResponse, Queue, queuedScan, type QueuedFigures } from "../src/door/queue";
import { openDoorStore } from "../src/door/store";
import type { DoorPack, PackTicket } from "../src/door/types";
import { createVerifier, type Verify } from "../src/door/verify";

export interface BenchOptions {
  tickets: number;
  codes: number;
  /** Share of the mix that presents a code already admitted (0.1). */
  represented: number;
  forged: number;
  nobleCodes: number;
  /** Size of the pack a full download replaces (the cursor delete is slow: kept smaller). */
  replaceTickets: number;
  loadRepeats: number;
  seed: number;
}

export interface Row {
  section: string;
  name: string;
  n: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface BenchResult {
  env: Record<string, unknown>;
  rows: Row[];
  checks: { name: string; ok: boolean; detail: string }[];
  notes: string[];
  sections: { name: string; atMs: number }[];
  totalMs: number;
}

export interface BenchProgress {
  rows: Row[];
  checks: BenchResult["checks"];
  sections: BenchResult["sections"];
}

let progress: BenchProgress | null = null;

const DB_NAME = "qre-door";
const DOMAIN = new TextEncoder().encode("qr-event/ticket/v1\0");

/** Nearest-rank percentile of sorted samples. */
function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(section: string, name: string, samples: number[]): Row {
  const s = [...samples].sort((a, b) => a - b);
  return {
    section,
    name,
    n: s.length,
    median: pct(s, 50),
    p95: pct(s, 95),
    p99: pct(s, 99),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/** A small deterministic PRNG (mulberry32), so the mix is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidBytes(id: string): Uint8Array {
  return Uint8Array.from(id.replace(/-/g, "").match(/../g) ?? [], (b) => parseInt(b, 16));
}

function base64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A code as the server makes it (docs/qr-code-format.md), signed with WebCrypto. */
async function makeCode(secret: CryptoKey, kid: Uint8Array, eventId: string, ticketId: string): Promise<string> {
  const head = new Uint8Array(37);
  head[0] = 1;
  head.set(uuidBytes(eventId), 1);
  head.set(uuidBytes(ticketId), 17);
  head.set(kid, 33);
  const message = new Uint8Array(DOMAIN.length + head.length);
  message.set(DOMAIN);
  message.set(head, DOMAIN.length);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, secret, message));
  const payload = new Uint8Array(101);
  payload.set(head);
  payload.set(signature, 37);
  return `QRE1:${base32Encode(payload)}`;
}

async function keyPair(): Promise<{ secret: CryptoKey; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { secret: pair.privateKey, publicKey: base64Url(raw) };
}

const now = () => performance.now();

function deleteDb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function txDone(t: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

/** One scan of the mix: the code shown and what the door must answer. */
interface Presented {
  code: string;
  expect: "admitted" | "already_used" | "invalid_code";
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const started = now();
  const rows: Row[] = [];
  const checks: BenchResult["checks"] = [];
  const notes: string[] = [];
  const sections: { name: string; atMs: number }[] = [];
  // Readable while the run goes on, so a driver that gives up can still print what was measured.
  progress = { rows, checks, sections };
  const status = (text: string) => {
    sections.push({ name: text, atMs: Math.round(performance.now() - started) });
    const el = document.getElementById("status");
    if (el) el.textContent = text;
  };
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const random = rng(opts.seed);

  await deleteDb();

  // ---- the event, its key, the pack and the codes -------------------------
  status("keys and pack");
  const eventId = crypto.randomUUID();
  const kid = crypto.getRandomValues(new Uint8Array(4));
  const key = await keyPair();
  // A forger who knows the key id but not the secret key.
  const forger = await keyPair();
  const t = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const categories = ["General", "VIP", "Press", "Crew"];
  const tickets: PackTicket[] = [];
  for (let i = 0; i < opts.tickets; i++) {
    tickets.push({
      id: crypto.randomUUID(),
      status: "active",
      uses: 0,
      max_uses: 1,
      valid_from: iso(t - 3600_000),
      valid_until: iso(t + 6 * 3600_000),
      category: categories[i % categories.length],
      holder_name: `Guest ${i + 1}`,
    });
  }
  const meta: PackMeta = {
    eventId,
    event: { id: eventId, name: "Bench Arena", starts_at: iso(t - 3600_000), ends_at: iso(t + 6 * 3600_000), timezone: "Europe/Paris", venue: "" },
    keys: [{ kid: hex(kid), public_key: key.publicKey }],
    rules: { clock_skew_secs: 60, names: true },
    cursor: "1",
    generatedAt: iso(t),
    fetchedAt: t,
  };
  const packJson = JSON.stringify({ ...meta, tickets });
  const local: LocalPack = { meta, tickets: new Map(tickets.map((x) => [x.id, x])) };
  const pack = decisionPack(local);

  status("signing codes");
  // Codes for `codes` distinct tickets spread over the pack.
  const step = Math.max(1, Math.floor(opts.tickets / opts.codes));
  const signStart = now();
  const codes: string[] = [];
  const codeTicket = new Map<string, string>();
  for (let i = 0; i < opts.codes; i++) {
    const id = tickets[(i * step) % tickets.length].id;
    const code = await makeCode(key.secret, kid, eventId, id);
    codes.push(code);
    codeTicket.set(code, id);
  }
  const forgedCodes: string[] = [];
  for (let i = 0; i < opts.forged; i++) {
    forgedCodes.push(await makeCode(forger.secret, kid, eventId, tickets[(i * 7919) % tickets.length].id));
  }
  const signMs = now() - signStart;

  // The mix: every code once, in order, with `represented` of the scans
  // being a code already admitted earlier, and the forged codes, spread out.
  const fresh = codes.slice(0, Math.round(opts.codes * (1 - opts.represented)) - opts.forged);
  const mix: Presented[] = fresh.map((code) => ({ code, expect: "admitted" }));
  const again = opts.codes - fresh.length - opts.forged;
  for (let i = 0; i < again; i++) {
    // Insert a re-presentation after the first presentation of the code.
    const at = 1 + Math.floor(random() * (mix.length - 1));
    const earlier = mix.slice(0, at).filter((p) => p.expect === "admitted");
    const pick = earlier[Math.floor(random() * earlier.length)];
    mix.splice(at, 0, { code: pick.code, expect: "already_used" });
  }
  for (const code of forgedCodes) mix.splice(Math.floor(random() * mix.length), 0, { code, expect: "invalid_code" });
  const expected = (kind: Presented["expect"]) => mix.filter((p) => p.expect === kind).length;

  const env: Record<string, unknown> = {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    tickets: opts.tickets,
    codes: opts.codes,
    mix: { scans: mix.length, admitted: expected("admitted"), already_used: expected("already_used"), forged: expected("invalid_code") },
    packJsonBytes: new TextEncoder().encode(packJson).length,
    signCodesMs: Math.round(signMs),
    storageEstimate: await navigator.storage?.estimate?.().catch(() => null),
  };

  const store = openDoorStore();
  await store.deviceId(); // opens the database: not part of the figures
  let t0 = now();

  // ---- b. decide() alone ----------------------------------------------------
  status("decide (WebCrypto)");
  const web = createVerifier();
  t0 = now();
  await decide(pack, codes[0], Date.now(), 0, "check_in", web);
  rows.push(summarize("b. decide() alone", "first scan, cold verifier (key import)", [now() - t0]));
  for (let i = 0; i < Math.min(100, codes.length); i++) await decide(pack, codes[i], Date.now(), 0, "check_in", web);

  const distinct: number[] = [];
  let admittedDistinct = 0;
  for (const code of codes) {
    const at = Date.now();
    t0 = now();
    const d = await decide(pack, code, at, 0, "check_in", web);
    distinct.push(now() - t0);
    if (d.result === "admitted") admittedDistinct++;
  }
  rows.push(summarize("b. decide() alone", `${codes.length} distinct genuine codes (WebCrypto)`, distinct));
  check("every genuine code admitted", admittedDistinct === codes.length, `${admittedDistinct} of ${codes.length}`);

  const runMix = async (verify: Verify) => {
    const used = new Map<string, number>();
    const all: number[] = [];
    const by: Record<string, number[]> = { admitted: [], already_used: [], invalid_code: [] };
    let wrong = 0;
    for (const p of mix) {
      const at = Date.now();
      t0 = now();
      const d: Decision = await decide(pack, p.code, at, (id) => used.get(id) ?? 0, "check_in", verify);
      const ms = now() - t0;
      all.push(ms);
      const got = d.result === "admitted" ? "admitted" : (d.reason ?? "");
      (by[got] ??= []).push(ms);
      if (got !== p.expect) wrong++;
      if (d.result === "admitted" && d.ticketId) used.set(d.ticketId, (used.get(d.ticketId) ?? 0) + 1);
    }
    return { all, by, wrong };
  };
  const mixed = await runMix(web);
  rows.push(summarize("b. decide() alone", `mix of ${mix.length}: all`, mixed.all));
  rows.push(summarize("b. decide() alone", `  mix: admitted`, mixed.by.admitted));
  rows.push(summarize("b. decide() alone", `  mix: already_used (re-presented)`, mixed.by.already_used));
  rows.push(summarize("b. decide() alone", `  mix: invalid_code (forged signature)`, mixed.by.invalid_code));
  check("mix answered as expected (WebCrypto)", mixed.wrong === 0, `${mixed.wrong} unexpected answers`);

  {
    // The signature check alone, for reference: WebCrypto verify on a pre-imported key.
    const imported = await crypto.subtle.importKey(
      "raw",
      Uint8Array.from(atob(key.publicKey.replace(/-/g, "+").replace(/_/g, "/") + "="), (c) => c.charCodeAt(0)),
      { name: "Ed25519" },
      false,
      ["verify"],
    );
    const parsed = codes.map((c) => parseCode(c)!);
    const v: number[] = [];
    for (const p of parsed) {
      t0 = now();
      await crypto.subtle.verify({ name: "Ed25519" }, imported, p.signature as BufferSource, p.message as BufferSource);
      v.push(now() - t0);
    }
    rows.push(summarize("b. decide() alone", `  reference: crypto.subtle.verify only`, v));
    const parse: number[] = [];
    for (const c of codes) {
      t0 = now();
      parseCode(c);
      parse.push(now() - t0);
    }
    rows.push(summarize("b. decide() alone", `  reference: parseCode only`, parse));
  }

  // ---- d. the noble fallback ---------------------------------------------------
  status("decide (noble)");
  {
    const noble = createVerifier("noble");
    t0 = now();
    await decide(pack, codes[0], Date.now(), 0, "check_in", noble);
    rows.push(summarize("d. decide() with noble", "first scan, cold (module load + key)", [now() - t0]));
    for (let i = 0; i < 20; i++) await decide(pack, codes[i], Date.now(), 0, "check_in", noble);
    const ms: number[] = [];
    let ok = 0;
    const n = Math.min(opts.nobleCodes, codes.length);
    for (let i = 0; i < n; i++) {
      t0 = now();
      const d = await decide(pack, codes[i], Date.now(), 0, "check_in", noble);
      ms.push(now() - t0);
      if (d.result === "admitted") ok++;
    }
    rows.push(summarize("d. decide() with noble", `${n} distinct genuine codes (@noble/ed25519)`, ms));
    check("noble admits every genuine code", ok === n, `${ok} of ${n}`);
    const forgedMs: number[] = [];
    let refused = 0;
    for (const code of forgedCodes) {
      t0 = now();
      const d = await decide(pack, code, Date.now(), 0, "check_in", noble);
      forgedMs.push(now() - t0);
      if (d.reason === "invalid_code") refused++;
    }
    rows.push(summarize("d. decide() with noble", `  forged signatures`, forgedMs));
    check("noble refuses every forged code", refused === forgedCodes.length, `${refused} of ${forgedCodes.length}`);
  }

  // ---- a. the pack in IndexedDB -------------------------------------------
  const A = "a. pack in IndexedDB";
  status("savePack");
  t0 = now();
  await store.savePack(meta, tickets, true);
  rows.push(summarize(A, `savePack, ${opts.tickets} tickets, empty store (first download)`, [now() - t0]));

  status("loadPack");
  const loadSamples: number[] = [];
  const mapSamples: number[] = [];
  let loaded = 0;
  for (let i = 0; i < opts.loadRepeats; i++) {
    const s = openDoorStore();
    await s.deviceId();
    t0 = now();
    const got = await s.loadPack(eventId);
    const t1 = now();
    const map = new Map((got?.tickets ?? []).map((x) => [x.id, x]));
    mapSamples.push(now() - t0);
    loadSamples.push(t1 - t0);
    loaded = map.size;
    s.close();
  }
  rows.push(summarize(A, `loadPack, ${opts.tickets} tickets (reload offline)`, loadSamples));
  rows.push(summarize(A, `loadPack + Map by id (DoorData.load)`, mapSamples));
  check("loadPack returns every ticket", loaded === opts.tickets, `${loaded} of ${opts.tickets}`);
  // ---- c. decide + the queue write the door awaits --------------------------
  status("decide + enqueue");
  {
    // What DoorEngine.decideHere does for each local decision (engine.ts),
    // with the store's own enqueue awaited: the offline answer's latency.
    const queue = new Queue();
    const total: number[] = [];
    const decidePart: number[] = [];
    const writePart: number[] = [];
    let wrong = 0;
    for (const p of mix) {
      const scanId = crypto.randomUUID();
      const scannedAt = new Date().toISOString();
      t0 = now();
      let queued: QueuedFigures | undefined;
      const d = await decide(pack, p.code, Date.parse(scannedAt), (id) => (queued = queue.figures(id)).uses, "check_in", web);
      offlineResponse(d, scanId, queued, "check_in");
      const item = queuedScan(d, { scan_id: scanId, code: p.code, mode: "check_in", gate: "North", scanned_at: scannedAt });
      const t1 = now();
      await store.enqueue(eventId, item);
      queue.add(item);
      const t2 = now();
      total.push(t2 - t0);
      decidePart.push(t1 - t0);
      writePart.push(t2 - t1);
      if ((d.result === "admitted" ? "admitted" : d.reason) !== p.expect) wrong++;
    }
    rows.push(summarize("c. decide + enqueue", `decide + store.enqueue, mix of ${mix.length} (goal <= 5 ms)`, total));
    rows.push(summarize("c. decide + enqueue", `  of which: decide + queue bookkeeping`, decidePart));
    rows.push(summarize("c. decide + enqueue", `  of which: store.enqueue (IndexedDB commit)`, writePart));
    const tail = Math.min(200, total.length);
    rows.push(summarize("c. decide + enqueue", `  first ${tail} scans (short queue)`, total.slice(0, tail)));
    rows.push(summarize("c. decide + enqueue", `  last ${tail} scans (queue of ~${mix.length})`, total.slice(-tail)));
    check("mix answered as expected (decide + enqueue)", wrong === 0, `${wrong} unexpected answers`);
    const stored = await store.loadQueue(eventId);
    check("every decision stored in the queue", stored.length === mix.length, `${stored.length} of ${mix.length}`);

    // An upload's results: the answered scans leave the queue, 1,000 at a time.
    status("settle");
    const settle: number[] = [];
    const all = queue.items();
    for (let i = 0; i < all.length; i += 1000) {
      const ids = all.slice(i, i + 1000).map((x) => x.scan_id);
      t0 = now();
      await store.settle(eventId, ids, []);
      settle.push(now() - t0);
    }
    rows.push(summarize("c. decide + enqueue", `store.settle of 1,000 uploaded scans (per sync chunk)`, settle));
    const left = await store.loadQueue(eventId);
    check("settle empties the queue", left.length === 0, `${left.length} left`);
  }

  status("engine offline");
  {
    // The real DoorEngine, offline: start() reads the pack and queue back
    // (the reload), then scan() decides, stores and answers.
    const engineStore = openDoorStore();
    const http = {
      pack: () => Promise.reject(new DOMException("offline", "AbortError")),
      scan: () => Promise.reject(new DOMException("offline", "AbortError")),
      admit: () => Promise.reject(new DOMException("offline", "AbortError")),
      sync: () => Promise.reject(new DOMException("offline", "AbortError")),
    };
    const engine = new DoorEngine({ eventId, store: engineStore, http, verify: createVerifier(), navigatorOnline: () => false });
    t0 = now();
    await engine.start();
    rows.push(summarize("c. decide + enqueue", `DoorEngine.start() offline: pack + queue from IndexedDB`, [now() - t0]));
    check("engine holds the pack", engine.getStatus().pack?.tickets === opts.tickets, `${engine.getStatus().pack?.tickets}`);
    const total: number[] = [];
    let wrong = 0;
    for (const p of mix) {
      t0 = now();
      const answer = await engine.scan({ code: p.code, scanId: crypto.randomUUID(), mode: "check_in", gate: "North" });
      total.push(now() - t0);
      const r = answer.response;
      if ((r.result === "admitted" ? "admitted" : r.reason) !== p.expect || answer.source !== "offline") wrong++;
    }
    engine.stop();
    rows.push(summarize("c. decide + enqueue", `DoorEngine.scan() offline, mix of ${mix.length} (what the door awaits)`, total));
    const tail = Math.min(200, total.length);
    rows.push(summarize("c. decide + enqueue", `  last ${tail} scans (queue of ~${mix.length})`, total.slice(-tail)));
    check("engine answered the mix as expected", wrong === 0, `${wrong} unexpected answers`);
    check("engine counts every decision as pending", engine.getStatus().pending === mix.length, `${engine.getStatus().pending}`);

    // An upload's results as DoorData.settle stores them: the scans leave the
    // queue and each admitted ticket's use goes into its page.
    const queued = await engineStore.loadQueue(eventId);
    const settle: number[] = [];
    for (let i = 0; i < queued.length; i += 1000) {
      const sent = queued.slice(i, i + 1000);
      const changed = sent.filter((q) => q.offline_result === "admitted" && q.ticket_id).map((q) => ({ ...local.tickets.get(q.ticket_id!)!, uses: 1 }));
      t0 = now();
      await engineStore.settle(eventId, sent.map((q) => q.scan_id), changed);
      settle.push(now() - t0);
    }
    rows.push(summarize("c. decide + enqueue", `store.settle of 1,000 scans with their tickets' uses (DoorData.settle)`, settle));
    const settled = await engineStore.loadPack(eventId);
    const used = settled?.tickets.filter((x) => x.uses === 1).length ?? 0;
    check("settle stores the admitted uses", used === expected("admitted"), `${used} of ${expected("admitted")}`);
    engineStore.close();
  }

  status("engine start online");
  {
    // The real DoorEngine with a pack on the device and the server answering:
    // start() reads the pack and asks only the delta since its cursor.
    const engineStore = openDoorStore();
    const stored = (await engineStore.loadPack(eventId))!.meta;
    const asked: (string | null)[] = [];
    const delta: DoorPack = {
      event: meta.event,
      keys: meta.keys,
      rules: meta.rules,
      tickets: [],
      cursor: String(Number(stored.cursor) + 1),
      full: false,
      generated_at: iso(Date.now()),
    };
    const http = {
      pack: async (_id: string, since: string | null) => {
        asked.push(since);
        return delta;
      },
      scan: () => Promise.reject(new DOMException("offline", "AbortError")),
      admit: () => Promise.reject(new DOMException("offline", "AbortError")),
      sync: () => Promise.reject(new DOMException("offline", "AbortError")),
    };
    const engine = new DoorEngine({ eventId, store: engineStore, http, verify: createVerifier(), navigatorOnline: () => true });
    t0 = now();
    await engine.start();
    engine.stop();
    rows.push(summarize("c. decide + enqueue", `DoorEngine.start() online with a stored pack: pack + queue + delta`, [now() - t0]));
    check("engine start asks a delta from the stored cursor", asked.length === 1 && asked[0] === stored.cursor, JSON.stringify(asked));
    engineStore.close();
  }

  // Deltas over the stored pack: each rewrites the pages its tickets fall in.
  // After the per-scan figures: their writes leave the database busy for a while.
  status("savePack delta");
  let cursor = 1;
  for (const k of [1, 100, 1000]) {
    const ms: number[] = [];
    for (let r = 0; r < (k === 1 ? 20 : 3); r++) {
      const changed: PackTicket[] = [];
      for (let i = 0; i < k; i++) {
        const x = tickets[Math.floor(random() * tickets.length)];
        changed.push({ ...x, holder_name: `${x.holder_name}.` });
      }
      cursor++;
      t0 = now();
      await store.savePack({ ...meta, cursor: String(cursor) }, changed, false);
      ms.push(now() - t0);
    }
    rows.push(summarize(A, `savePack delta of ${k} over the ${opts.tickets} (full=false)`, ms));
  }
  {
    const after = await store.loadPack(eventId);
    check("deltas keep every ticket and the last cursor", after?.tickets.length === opts.tickets && after.meta.cursor === String(cursor), `${after?.tickets.length}, cursor ${after?.meta.cursor}`);
  }

  status("durability");
  {
    // The queue write under each IndexedDB durability hint, same record shape.
    const db = await openRaw();
    for (const durability of ["default", "relaxed", "strict"] as IDBTransactionDurability[]) {
      const ms: number[] = [];
      for (let i = 0; i < 300; i++) {
        const item = queuedScan(
          { result: "admitted", reason: null, ticketId: tickets[i].id, ticket: tickets[i] },
          { scan_id: crypto.randomUUID(), code: codes[i % codes.length], mode: "check_in", gate: "North", scanned_at: new Date().toISOString() },
        );
        t0 = now();
        const tx = db.transaction(["queue"], "readwrite", { durability });
        const finished = txDone(tx);
        tx.objectStore("queue").add({ ...item, event_id: "durability-probe" });
        await finished;
        ms.push(now() - t0);
      }
      rows.push(summarize("c. decide + enqueue", `  reference: queue add, durability "${durability}"`, ms));
    }
    db.close();
  }

  // A full download over a stored pack (first download of another event, a
  // cursor the server refuses): the new pages go in transactions of ~1,000
  // tickets, then one switch deletes the old ones by key range. A scan every
  // 50 ms meanwhile: its queue write must not wait behind the pack.
  const replaceWithScans = async (m: PackMeta, list: PackTicket[]) => {
    t0 = now();
    let saved = false;
    const saving = store.savePack(m, list, true).then(() => {
      saved = true;
      return now() - t0;
    });
    const during: number[] = [];
    while (!saved && during.length < 400) {
      await new Promise((r) => setTimeout(r, 50));
      if (saved) break;
      const x = tickets[during.length % tickets.length];
      const item = queuedScan(
        { result: "admitted", reason: null, ticketId: x.id, ticket: x },
        { scan_id: crypto.randomUUID(), code: codes[0], mode: "check_in", gate: "North", scanned_at: new Date().toISOString() },
      );
      const s0 = now();
      await store.enqueue("concurrency-probe", item);
      during.push(now() - s0);
    }
    return { ms: await saving, during };
  };
  status("savePack replace");
  {
    const n = Math.min(opts.replaceTickets, tickets.length);
    const otherId = crypto.randomUUID();
    const otherMeta: PackMeta = { ...meta, eventId: otherId, event: { ...meta.event, id: otherId } };
    const other = tickets.slice(0, n);
    t0 = now();
    await store.savePack(otherMeta, other, true);
    rows.push(summarize(A, `savePack, ${n} tickets, new event (same store)`, [now() - t0]));
    const small = await replaceWithScans(otherMeta, other);
    rows.push(summarize(A, `savePack full=true over the same ${n}`, [small.ms]));
    if (small.during.length) rows.push(summarize("c. decide + enqueue", `store.enqueue while that savePack of ${n} runs`, small.during));
    const big = await replaceWithScans({ ...meta, cursor: "full" }, tickets);
    rows.push(summarize(A, `savePack full=true over the same ${opts.tickets} (no cursor, or refused)`, [big.ms]));
    if (big.during.length) rows.push(summarize("c. decide + enqueue", `store.enqueue while that savePack of ${opts.tickets} runs`, big.during));
    const replaced = await store.loadPack(eventId);
    check("a full pack replaces the stored one whole", replaced?.tickets.length === opts.tickets && replaced.meta.cursor === "full", `${replaced?.tickets.length}`);
    await store.wipeEvent("concurrency-probe");
  }

  // Reference: the same tickets as records of 1,000 (100 puts instead of 100,000).
  status("chunked reference");
  {
    const name = "qre-bench-chunks";
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore("chunks", { keyPath: ["event_id", "n"] });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    t0 = now();
    const tx = db.transaction(["chunks"], "readwrite");
    const finished = txDone(tx);
    for (let i = 0, n = 0; i < tickets.length; i += 1000, n++) {
      tx.objectStore("chunks").put({ event_id: eventId, n, tickets: tickets.slice(i, i + 1000) });
    }
    await finished;
    rows.push(summarize(A, `  reference: the ${opts.tickets} as records of 1,000, put`, [now() - t0]));
    const reads: number[] = [];
    for (let i = 0; i < opts.loadRepeats; i++) {
      t0 = now();
      const all = await new Promise<{ tickets: PackTicket[] }[]>((resolve, reject) => {
        const req = db.transaction("chunks", "readonly").objectStore("chunks").getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      new Map(all.flatMap((c) => c.tickets).map((x) => [x.id, x]));
      reads.push(now() - t0);
    }
    rows.push(summarize(A, `  reference: records of 1,000, getAll + Map`, reads));
    db.close();
    indexedDB.deleteDatabase(name);
  }

  store.close();
  if (!env.crossOriginIsolated) notes.push("page not cross-origin isolated: performance.now() is coarsened to 100 µs");
  env.storageEstimateAfter = await navigator.storage?.estimate?.().catch(() => null);
  status("done");
  return { env, rows, checks, notes, sections, totalMs: now() - started };
}

declare global {
  interface Window {
    __doorBench: { run: (opts: BenchOptions) => Promise<BenchResult>; progress: () => BenchProgress | null };
  }
}

window.__doorBench = { run, progress: () => progress };
document.getElementById("status")!.textContent = "ready";
