// The offline-first door for one event: keeps the pack (IndexedDB, then a
// full download on open and a delta every few seconds), answers each scan
// online when the server answers within 1.5 s and locally otherwise (the
// decision stored before it is shown), and uploads the queue in order when
// the server answers again. React reads it through `subscribe`/`getStatus`.
import type { ScanResponse } from "../api/types";
import { reachedServer, transient, type DoorHttp } from "./api";
import { decide, normalizeCode } from "./decide";
import { DoorError } from "./errors";
import { decisionPack, mergePack, ticketFromAnswer, withTickets, type LocalPack } from "./pack";
import {
  addConflicts,
  applyResults,
  offlineResponse,
  queuedScan,
  queuedUses,
  SYNC_CHUNK,
  toSyncScan,
  type QueuedScan,
} from "./queue";
import { randomUuid } from "./ids";
import type { DoorStore } from "./store";
import type { DoorConflict, DoorMode, PackEvent } from "./types";

export { DoorError };
import { verifySignature, type Verify } from "./verify";

/** A scan with no online answer within this time is decided on the device. */
export const ONLINE_WAIT_MS = 1500;
/** Pack delta and upload, while online. */
export const REFRESH_MS = 5000;
/** A request left running after the local decision is given up after this. */
const LATE_ANSWER_MS = 30_000;
/** Longest code kept in the queue (a real one has 167 characters). */
const MAX_QUEUED_CODE = 512;

export interface DoorStatus {
  /** Null until a pack is loaded from the device or downloaded. */
  pack: { event: PackEvent; tickets: number; fetchedAt: number } | null;
  /** The stored pack is being read, or the first download is on its way. */
  loading: boolean;
  /** The last download's failure, when it was not a network one (rights, event gone…). */
  packError: unknown;
  /** The browser is online and the server answered the last request. */
  online: boolean;
  /** Scans decided here, waiting to be uploaded. */
  pending: number;
  uploading: boolean;
  /** An upload refused as a whole: uploads wait for `retryUpload`. */
  syncError: unknown;
  /** Conflicts the server reported for this device's admissions, not yet dismissed. */
  conflicts: DoorConflict[];
  /** IndexedDB could not be used. */
  storageError: unknown;
}

export interface DoorAnswer {
  source: "online" | "offline";
  response: ScanResponse;
  /** Offline: a genuine code of this event whose ticket is not in the pack (issued after it). */
  unlisted: boolean;
}

export interface ScanRequest {
  code: string;
  scanId: string;
  mode: DoorMode;
  gate: string | null;
}

export interface EngineDeps {
  eventId: string;
  store: DoorStore;
  http: DoorHttp;
  verify?: Verify;
  now?: () => number;
  /** The browser's idea of connectivity. */
  navigatorOnline?: () => boolean;
  onlineWaitMs?: number;
}

const sleep = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

type Outcome = { ok: true; response: ScanResponse } | { ok: false; error: unknown };

export class DoorEngine {
  private pack: LocalPack | null = null;
  private queue: QueuedScan[] = [];
  private status: DoorStatus = {
    pack: null,
    loading: true,
    packError: null,
    online: true,
    pending: 0,
    uploading: false,
    syncError: null,
    conflicts: [],
    storageError: null,
  };
  private readonly listeners = new Set<() => void>();
  private reachable: boolean | null = null;
  /** Downloads and uploads run one at a time (a delta must follow an upload's local counts). */
  private chain: Promise<void> = Promise.resolve();
  /** Local decisions run one at a time (each sees the queue of the one before). */
  private local: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private deviceId: Promise<string> | null = null;
  private readonly inFlight = new Map<string, Promise<DoorAnswer>>();
  private readonly eventId: string;
  private readonly verify: Verify;
  private readonly now: () => number;
  private readonly navigatorOnline: () => boolean;
  private readonly onlineWait: number;

  constructor(private readonly deps: EngineDeps) {
    this.eventId = deps.eventId;
    this.verify = deps.verify ?? verifySignature;
    this.now = deps.now ?? Date.now;
    this.navigatorOnline = deps.navigatorOnline ?? (() => navigator.onLine);
    this.onlineWait = deps.onlineWaitMs ?? ONLINE_WAIT_MS;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): DoorStatus => this.status;

  private update(change: Partial<DoorStatus>) {
    const next = { ...this.status, ...change };
    next.online = this.navigatorOnline() && this.reachable !== false;
    next.pending = this.queue.length;
    if (this.pack) {
      const { event, fetchedAt } = this.pack.meta;
      const { pack } = this.status;
      if (!pack || pack.event !== event || pack.fetchedAt !== fetchedAt || pack.tickets !== this.pack.tickets.size) {
        next.pack = { event, fetchedAt, tickets: this.pack.tickets.size };
      }
    }
    this.status = next;
    for (const l of this.listeners) l();
  }

  private reached(ok: boolean) {
    if (this.reachable !== ok) {
      this.reachable = ok;
      this.update({});
    }
  }

  private onNetworkChange = () => {
    if (this.navigatorOnline()) this.reachable = null;
    this.update({});
    if (this.navigatorOnline()) this.tick();
  };

  /** Loads what the device holds, then downloads the full pack and uploads the queue. */
  async start(): Promise<void> {
    this.stop();
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onNetworkChange);
      window.addEventListener("offline", this.onNetworkChange);
    }
    this.timer = setInterval(() => void this.tick(), REFRESH_MS);
    try {
      const [stored, queue] = await Promise.all([this.deps.store.loadPack(this.eventId), this.deps.store.loadQueue(this.eventId)]);
      if (stored) this.pack = { meta: stored.meta, tickets: new Map(stored.tickets.map((t) => [t.id, t])) };
      this.queue = queue;
      this.update({});
    } catch (e) {
      this.update({ storageError: e });
    }
    await this.serial(async () => {
      await this.refreshNow(true);
      await this.drainNow();
    });
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onNetworkChange);
      window.removeEventListener("offline", this.onNetworkChange);
    }
  }

  /** A delta download then an upload, when the browser is online. */
  tick(): Promise<void> {
    if (!this.navigatorOnline()) return Promise.resolve();
    return this.serial(async () => {
      await this.refreshNow(false);
      await this.drainNow();
    });
  }

  /** This device's id (a stable one from the store; for this page only when the store fails). */
  private device(): Promise<string> {
    return (this.deviceId ??= this.deps.store.deviceId().catch(() => randomUuid()));
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => {});
    return run;
  }

  private async refreshNow(full: boolean): Promise<void> {
    const since = full || !this.pack ? null : this.pack.meta.cursor;
    try {
      const res = await this.deps.http.pack(this.eventId, since);
      this.reached(true);
      const { pack, changed } = mergePack(this.pack, res, this.now());
      try {
        await this.deps.store.savePack(pack.meta, changed, res.full);
      } catch (e) {
        this.status = { ...this.status, storageError: e };
      }
      this.pack = pack;
      this.update({ loading: false, packError: null });
    } catch (e) {
      if (transient(e)) this.reached(reachedServer(e));
      this.update({ loading: false, packError: transient(e) ? this.status.packError : e });
    }
  }

  private async drainNow(): Promise<void> {
    if (!this.queue.length || this.status.syncError || !this.navigatorOnline()) return;
    this.update({ uploading: true });
    try {
      const deviceId = await this.device();
      while (this.queue.length && this.navigatorOnline()) {
        const sent = this.queue.slice(0, SYNC_CHUNK);
        let res;
        try {
          const body = { device_id: deviceId, pending: this.queue.length, scans: sent.map(toSyncScan) };
          res = await this.deps.http.sync(this.eventId, body);
          this.reached(true);
        } catch (e) {
          if (transient(e)) this.reached(reachedServer(e));
          else this.update({ syncError: e });
          return;
        }
        const { done, changed } = applyResults(this.pack?.tickets ?? new Map(), sent, res.results);
        await this.deps.store.settle(this.eventId, done, changed);
        const settled = new Set(done);
        this.queue = this.queue.filter((q) => !settled.has(q.scan_id));
        if (this.pack) this.pack = { ...this.pack, tickets: withTickets(this.pack.tickets, changed) };
        this.update({ conflicts: addConflicts(this.status.conflicts, res.conflicts ?? []) });
        // No result for anything sent: try again on the next round rather than loop.
        if (!done.length) return;
      }
    } catch (e) {
      this.update({ storageError: e });
    } finally {
      this.update({ uploading: false });
    }
  }

  /** Uploads again after an upload was refused as a whole. */
  retryUpload(): Promise<void> {
    this.update({ syncError: null });
    return this.serial(() => this.drainNow());
  }

  dismissConflict(id: string): void {
    this.update({ conflicts: this.status.conflicts.filter((c) => c.id !== id) });
  }

  /**
   * Answers a scan: the server's answer within the wait, else the device's
   * own (stored first). The same scan id asked again while in flight gets
   * the same answer.
   */
  scan(req: ScanRequest): Promise<DoorAnswer> {
    let answer = this.inFlight.get(req.scanId);
    if (!answer) {
      answer = this.answer(req).finally(() => this.inFlight.delete(req.scanId));
      this.inFlight.set(req.scanId, answer);
    }
    return answer;
  }

  private async answer(req: ScanRequest): Promise<DoorAnswer> {
    const code = normalizeCode(req.code);
    const scannedAt = new Date(this.now()).toISOString();
    if (!this.navigatorOnline() || this.reachable === false) return this.decideHere(req, code, scannedAt);

    const ctrl = new AbortController();
    const giveUp = setTimeout(() => ctrl.abort(), LATE_ANSWER_MS);
    const body = { code, mode: req.mode, scan_id: req.scanId, gate: req.gate, device_id: await this.device() };
    const online: Promise<Outcome> = this.deps.http
      .scan(this.eventId, body, ctrl.signal)
      .then((response): Outcome => ({ ok: true, response }), (error: unknown): Outcome => ({ ok: false, error }))
      .finally(() => clearTimeout(giveUp));
    const first = await Promise.race([online, sleep(this.onlineWait)]);
    if (first?.ok) {
      this.reached(true);
      await this.applyAnswer(first.response);
      return { source: "online", response: first.response, unlisted: false };
    }
    if (first && !transient(first.error)) {
      this.reached(true);
      throw first.error;
    }
    this.reached(first ? reachedServer(first.error) : false);
    const answer = await this.decideHere(req, code, scannedAt);
    if (!first) {
      // The request goes on: if it is answered after all, the server counted
      // this scan; the queued copy still uploads, as a replay.
      void online.then((late) => (late.ok ? this.lateAnswer(req.scanId, late.response) : undefined));
    }
    return answer;
  }

  private async applyAnswer(response: ScanResponse) {
    if (!this.pack) return;
    const changed = ticketFromAnswer(this.pack.tickets, response);
    if (!changed) return;
    this.pack = { ...this.pack, tickets: withTickets(this.pack.tickets, [changed]) };
    this.update({});
    await this.deps.store.putTickets(this.eventId, [changed]).catch(() => {});
  }

  private async lateAnswer(scanId: string, response: ScanResponse) {
    this.reached(true);
    this.queue = this.queue.map((q) => (q.scan_id === scanId ? { ...q, confirmed: true } : q));
    await this.deps.store.confirm(this.eventId, scanId).catch(() => {});
    await this.applyAnswer(response);
  }

  private decideHere(req: ScanRequest, code: string, scannedAt: string): Promise<DoorAnswer> {
    const run = this.local.then(async (): Promise<DoorAnswer> => {
      const pack = this.pack;
      if (!pack) throw new DoorError("no_pack");
      const decision = await decide(decisionPack(pack), code, this.now(), (id) => queuedUses(this.queue, id), req.mode, this.verify);
      const response = offlineResponse(decision, req.scanId, this.queue, req.mode);
      const item = queuedScan(decision, {
        scan_id: req.scanId,
        code: code.slice(0, MAX_QUEUED_CODE),
        mode: req.mode,
        gate: req.gate,
        scanned_at: scannedAt,
      });
      try {
        await this.deps.store.enqueue(this.eventId, item);
      } catch {
        throw new DoorError("storage");
      }
      this.queue = [...this.queue, item];
      this.update({});
      return { source: "offline", response, unlisted: decision.ticketId !== null && decision.ticket === null };
    });
    this.local = run.catch(() => {});
    return run;
  }
}
