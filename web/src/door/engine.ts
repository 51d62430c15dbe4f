// The offline-first door for one event: keeps the pack (IndexedDB: the
// stored one decides at once; then a delta from its cursor on open and every
// few seconds, a full download only when none is stored or the server no
// longer takes the cursor), answers each scan
// online when the server answers within 1.5 s and locally otherwise (the
// decision stored before it is shown), and uploads the queue in order when
// the server answers again. While the server's door stream is live
// (changes.ts), a change is fetched as soon as it is announced and the
// periodic refresh slows down. React reads it through `subscribe`/`getStatus`.
import { ApiError } from "../api/client";
import type { ScanResponse } from "../api/types";
import { reachedServer, staleCursor, transient, type DoorHttp } from "./api";
import { browserChanges, DoorChanges, type OpenChanges } from "./changes";
import { DoorData } from "./data";
import { decide, normalizeCode } from "./decide";
import { DoorError } from "./errors";
import { randomUuid } from "./ids";
import { decisionPack } from "./pack";
import {
  addConflicts,
  offlineResponse,
  queuedScan,
  refusedScans,
  SYNC_CHUNK,
  toSyncScan,
  type QueuedFigures,
  type QueuedScan,
} from "./queue";
import type { DoorStore } from "./store";
import type { DoorConflict, DoorMode, DoorPack, PackEvent, SyncRequest, SyncResponse } from "./types";
import { verifySignature, type Verify } from "./verify";

export { DoorError };

/** A scan with no online answer within this time is decided on the device. */
export const ONLINE_WAIT_MS = 1500;
/** Pack delta and upload, while online. */
export const REFRESH_MS = 5000;
/** While the door stream announces changes, the pack is still refreshed this often. */
export const PUSHED_REFRESH_MS = 60_000;
/**
 * With nothing to upload, how often the device still asks the server whether
 * a conflict now names one of its earlier admissions (an empty upload): the
 * door that made the later admission is told even when its own queue is
 * empty.
 */
export const CONFLICT_CHECK_MS = 30_000;
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
  /** Scans the server refused in an upload (their time out of range): kept on the device, not sent. */
  setAside: number;
  uploading: boolean;
  /** An upload refused as a whole: uploads wait for `retryUpload`. */
  syncError: unknown;
  /** Conflicts the server reported for this device's admissions, not yet dismissed. */
  conflicts: DoorConflict[];
  /** IndexedDB could not be used. */
  storageError: unknown;
  /** The door was signed out and its data for the event wiped (see `signOut`). */
  signedOut: boolean;
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

/** A ticket chosen from the door's name search: the person has no code to show. */
export interface AdmitRequest {
  ticketId: string;
  scanId: string;
  mode: DoorMode;
  gate: string | null;
}

/** A manual admission with no answer within this time is given up (it is never decided offline). */
export const ADMIT_WAIT_MS = 10_000;

export interface EngineDeps {
  eventId: string;
  store: DoorStore;
  http: DoorHttp;
  verify?: Verify;
  now?: () => number;
  /** The browser's idea of connectivity. */
  navigatorOnline?: () => boolean;
  onlineWaitMs?: number;
  /**
   * The id this door reports in scans and uploads. An enrolled door device
   * gives its own (the server's, so the dashboard names it); otherwise a
   * stable one is made and kept on the device.
   */
  deviceId?: string;
  /** The app's version, sent with every upload (the dashboard shows it per device). */
  appVersion?: string;
  /** Opens the door stream; null: no stream, the engine asks every REFRESH_MS. */
  openChanges?: OpenChanges | null;
}

const sleep = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

type Outcome = { ok: true; response: ScanResponse } | { ok: false; error: unknown };

export class DoorEngine {
  private readonly data: DoorData;
  private status: DoorStatus = {
    pack: null,
    loading: true,
    packError: null,
    online: true,
    pending: 0,
    setAside: 0,
    uploading: false,
    syncError: null,
    conflicts: [],
    storageError: null,
    signedOut: false,
  };
  private readonly listeners = new Set<() => void>();
  private reachable: boolean | null = null;
  /** Downloads and uploads run one at a time (a delta must follow an upload's local counts). */
  private chain: Promise<void> = Promise.resolve();
  /** Local decisions run one at a time (each sees the queue of the one before). */
  private local: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private changes: DoorChanges | null = null;
  /** When the pack was last refreshed (device time). */
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private deviceId: Promise<string> | null = null;
  /** When the server last answered an upload of this device (device time). */
  private lastUpload = Number.NEGATIVE_INFINITY;
  /** Set by the first scan: a door that scanned may be named by a conflict later. */
  private scanned = false;
  private readonly inFlight = new Map<string, Promise<DoorAnswer>>();
  private readonly eventId: string;
  private readonly verify: Verify;
  private readonly now: () => number;
  private readonly navigatorOnline: () => boolean;
  private readonly onlineWait: number;
  /** Signed out: no more downloads, uploads or stored decisions. */
  private closed: Promise<void> | null = null;

  constructor(private readonly deps: EngineDeps) {
    this.eventId = deps.eventId;
    this.data = new DoorData(deps.store, deps.eventId);
    this.verify = deps.verify ?? verifySignature;
    this.now = deps.now ?? Date.now;
    this.navigatorOnline = deps.navigatorOnline ?? (() => navigator.onLine);
    this.onlineWait = deps.onlineWaitMs ?? ONLINE_WAIT_MS;
    if (deps.deviceId) this.deviceId = Promise.resolve(deps.deviceId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): DoorStatus => this.status;

  private update(change: Partial<DoorStatus>) {
    const next = { ...this.status, ...change };
    next.online = this.navigatorOnline() && this.reachable !== false;
    next.pending = this.data.queue.pending;
    next.setAside = this.data.queue.setAside;
    const held = this.data.pack;
    if (held) {
      const { event, fetchedAt } = held.meta;
      const { pack } = this.status;
      if (!pack || pack.event !== event || pack.fetchedAt !== fetchedAt || pack.tickets !== held.tickets.size) {
        next.pack = { event, fetchedAt, tickets: held.tickets.size };
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
    if (this.navigatorOnline()) {
      this.changes?.wake();
      this.tick();
    }
  };

  /**
   * Loads what the device holds (a stored pack decides from then on), then
   * refreshes the pack (a delta from the stored cursor, else the full pack)
   * and uploads the queue.
   */
  async start(): Promise<void> {
    this.stop();
    if (this.closed) return;
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onNetworkChange);
      window.addEventListener("offline", this.onNetworkChange);
    }
    this.timer = setInterval(() => void this.periodic(), REFRESH_MS);
    const open = this.deps.openChanges === undefined ? browserChanges : this.deps.openChanges;
    if (open) {
      this.changes = new DoorChanges(this.eventId, open, {
        changed: () => void this.tick(),
        // A dropped stream may mean the server is gone: find out now.
        live: (live) => live || void this.tick(),
      });
      this.changes.start();
    }
    // Offline decisions must survive storage pressure: ask the browser to keep them.
    void globalThis.navigator?.storage?.persist?.().catch(() => false);
    try {
      await this.data.load();
      this.update({});
    } catch (e) {
      this.update({ storageError: e });
    }
    await this.serial(async () => {
      await this.refreshNow();
      await this.drainNow();
    });
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.changes?.stop();
    this.changes = null;
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onNetworkChange);
      window.removeEventListener("offline", this.onNetworkChange);
    }
  }

  /**
   * The timer's round: a tick, unless the door stream is live and nothing is
   * due (no upload waiting, the pack refreshed lately, no conflict check due).
   */
  private periodic(): Promise<void> {
    const now = this.now();
    const quiet =
      this.changes?.live === true &&
      !this.data.queue.pending &&
      now - this.lastRefresh < PUSHED_REFRESH_MS &&
      (!this.scanned || now - this.lastUpload < CONFLICT_CHECK_MS);
    return quiet ? Promise.resolve() : this.tick();
  }

  /** A delta download then an upload, when the browser is online. */
  tick(): Promise<void> {
    if (!this.navigatorOnline() || this.closed) return Promise.resolve();
    return this.serial(async () => {
      await this.refreshNow();
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

  /** A delta from the held pack's cursor; the full pack when none is held or the cursor is refused. */
  private async refreshNow(): Promise<void> {
    if (this.closed) return;
    let since = this.data.pack?.meta.cursor ?? null;
    let res: DoorPack | undefined;
    while (!res) {
      try {
        res = await this.deps.http.pack(this.eventId, since);
        this.reached(true);
      } catch (e) {
        if (since !== null && staleCursor(e)) {
          since = null;
          continue;
        }
        if (transient(e)) this.reached(reachedServer(e));
        this.update({ loading: false, packError: transient(e) ? this.status.packError : e });
        return;
      }
    }
    // Signed out while the download was on its way: nothing of it is kept.
    if (this.closed) return;
    let storageError = this.status.storageError;
    this.lastRefresh = this.now();
    await this.data.takePack(res, this.now()).catch((e: unknown) => (storageError = e));
    this.update({ loading: false, packError: null, storageError });
  }

  private async drainNow(): Promise<void> {
    const queue = this.data.queue;
    if (this.status.syncError || !this.navigatorOnline()) return;
    if (!queue.pending) return this.askConflicts();
    this.update({ uploading: true });
    try {
      const deviceId = await this.device();
      while (queue.pending && this.navigatorOnline()) {
        const sent = this.data.uploadable(SYNC_CHUNK);
        // What still waits on the device besides this upload (the dashboard shows it per device).
        const pending = Math.max(0, queue.pending - sent.length);
        let res: SyncResponse;
        try {
          res = await this.deps.http.sync(this.eventId, this.syncBody(deviceId, pending, sent.map(toSyncScan)));
          this.reached(true);
          this.lastUpload = this.now();
        } catch (e) {
          if (!transient(e) && (await this.setAside(sent, e))) continue;
          if (transient(e)) this.reached(reachedServer(e));
          else this.update({ syncError: e });
          return;
        }
        if (this.closed) return;
        const settled = await this.data.settle(sent, res.results);
        this.update({ conflicts: addConflicts(this.status.conflicts, res.conflicts ?? []) });
        // No result for anything sent: try again on the next round rather than loop.
        if (!settled) return;
      }
    } catch (e) {
      this.update({ storageError: e });
    } finally {
      this.update({ uploading: false });
    }
  }

  private syncBody(deviceId: string, pending: number, scans: SyncRequest["scans"]): SyncRequest {
    const body: SyncRequest = { device_id: deviceId, pending, scans };
    return this.deps.appVersion ? { ...body, app_version: this.deps.appVersion } : body;
  }

  /**
   * This door was signed out for good (a revoked or expired device, or one
   * enrolled again on another phone): one last upload (it may well be
   * refused: the server already has what was uploaded before), then the
   * event's pack and queue are wiped from the device and from memory. The
   * engine does nothing more afterwards. Called again, it answers the same
   * promise.
   */
  signOut(wipe: (eventId: string) => Promise<void>): Promise<void> {
    if (this.closed) return this.closed;
    this.stop();
    const last = this.navigatorOnline() ? () => this.drainNow() : async () => {};
    // The last upload runs in the chain, after whatever download or upload is running.
    const finished = this.serial(async () => {
      await last().catch(() => {});
    });
    this.closed = finished.then(async () => {
      // Local decisions in progress finish before the wipe; none starts after it.
      await this.local.catch(() => {});
      await wipe(this.eventId);
      this.data.forget();
      this.update({ pack: null, pending: 0, setAside: 0, conflicts: [], uploading: false, signedOut: true });
    });
    return this.closed;
  }

  /** An empty upload now and then, so that conflicts reach this door with nothing queued. */
  private async askConflicts(): Promise<void> {
    if (!this.scanned || this.now() - this.lastUpload < CONFLICT_CHECK_MS) return;
    try {
      const res = await this.deps.http.sync(this.eventId, this.syncBody(await this.device(), 0, []));
      this.reached(true);
      this.lastUpload = this.now();
      if (res.conflicts?.length) this.update({ conflicts: addConflicts(this.status.conflicts, res.conflicts) });
    } catch (e) {
      if (transient(e)) this.reached(reachedServer(e));
    }
  }

  /**
   * A 422 that names single scans (a device clock far ahead, a scan older
   * than the server takes): those are kept on the device but no longer sent,
   * so the others can go. False when the problem is not about single scans.
   */
  private async setAside(sent: QueuedScan[], e: unknown): Promise<boolean> {
    if (!(e instanceof ApiError) || e.status !== 422) return false;
    const refused = refusedScans(sent, e.problem?.errors);
    if (!refused.size) return false;
    await this.data.setAside(refused);
    this.update({});
    return true;
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
    if (this.closed) return Promise.reject(new DoorError("signed_out"));
    this.scanned = true;
    let answer = this.inFlight.get(req.scanId);
    if (!answer) {
      answer = this.answer(req).finally(() => this.inFlight.delete(req.scanId));
      this.inFlight.set(req.scanId, answer);
    }
    return answer;
  }

  /**
   * Lets a person in by name (or checks their ticket, in verify mode): the
   * server decides with the rules of a scan and answers like one. Online
   * only: with no answer, the failure is thrown (the door shows it as not
   * processed) and nothing is queued.
   */
  async admit(req: AdmitRequest): Promise<DoorAnswer> {
    if (this.closed) throw new DoorError("signed_out");
    this.scanned = true;
    const ctrl = new AbortController();
    const giveUp = setTimeout(() => ctrl.abort(), ADMIT_WAIT_MS);
    let response: ScanResponse;
    try {
      response = await this.deps.http.admit(
        this.eventId,
        { ticket_id: req.ticketId, mode: req.mode, scan_id: req.scanId, gate: req.gate },
        ctrl.signal,
      );
    } catch (e) {
      this.reached(transient(e) ? reachedServer(e) : true);
      throw e;
    } finally {
      clearTimeout(giveUp);
    }
    this.reached(true);
    // The ticket's new figures, so that a later offline scan of its code knows.
    void this.applyAnswer(response);
    return { source: "online", response, unlisted: false };
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
      // In memory at once; the answer does not wait for the write.
      void this.applyAnswer(first.response);
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
    await this.data.takeAnswer(response).catch(() => {});
    this.update({});
  }

  private async lateAnswer(scanId: string, response: ScanResponse) {
    this.reached(true);
    await this.data.confirm(scanId).catch(() => {});
    await this.applyAnswer(response);
  }

  private decideHere(req: ScanRequest, code: string, scannedAt: string): Promise<DoorAnswer> {
    const run = this.local.then(async (): Promise<DoorAnswer> => {
      const pack = this.data.pack;
      if (!pack) throw new DoorError("no_pack");
      const queue = this.data.queue;
      // Decided at the scan's time, the time the server judges it at when it is uploaded.
      const at = Date.parse(scannedAt);
      // The queue's figures are read with the pack's ticket, in the same step of decide().
      let queued: QueuedFigures | undefined;
      const uses = (id: string) => (queued = queue.figures(id)).uses;
      const decision = await decide(decisionPack(pack), code, at, uses, req.mode, this.verify);
      const response = offlineResponse(decision, req.scanId, queued, req.mode);
      const item = queuedScan(decision, {
        scan_id: req.scanId,
        code: code.slice(0, MAX_QUEUED_CODE),
        mode: req.mode,
        gate: req.gate,
        scanned_at: scannedAt,
      });
      if (this.closed) throw new DoorError("signed_out");
      try {
        await this.data.enqueue(item);
      } catch {
        throw new DoorError("storage");
      }
      this.update({});
      return { source: "offline", response, unlisted: decision.ticketId !== null && decision.ticket === null };
    });
    this.local = run.catch(() => {});
    return run;
  }
}
