// The queue of offline decisions: its in-memory index (what it owes each
// ticket's decision, what it uploads, kept up to date as it changes), and
// pure functions for what an upload's results remove and change.
import type { ScanResponse } from "../api/types";
import type { Decision } from "./decide";
import { addUses } from "./pack";
import type { DoorConflict, PackTicket, SyncResult, SyncScan } from "./types";

/** Most scans in one upload (the server's limit). */
export const SYNC_CHUNK = 1000;

/** A decision made on this device, waiting to be uploaded. */
export interface QueuedScan extends SyncScan {
  /** The ticket a genuine code of this event names (null for refused codes). */
  ticket_id: string | null;
  /**
   * The online request for this scan answered after all, once the local
   * decision was made: the server has counted it, so it no longer adds a
   * queued use. It is still uploaded (the server answers it as a replay).
   */
  confirmed?: boolean;
  /**
   * The server refused this scan in an upload (e.g. a device clock more than
   * an hour ahead): kept on the device, no longer uploaded. The field error's code.
   */
  refused?: string;
}


/**
 * The scans of an upload that a 422 names field by field (`scans/3/scanned_at`),
 * with the error's code; empty when the problem is not about single scans.
 */
export function refusedScans(
  sent: readonly QueuedScan[],
  errors: readonly { field: string; code: string }[] | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of errors ?? []) {
    const m = /^scans\/(\d+)\//.exec(e.field);
    const q = m ? sent[Number(m[1])] : undefined;
    if (!q) return new Map();
    if (!out.has(q.scan_id)) out.set(q.scan_id, e.code);
  }
  return out;
}

/** What the queue holds for one ticket, as the decision and its answer read it. */
export interface QueuedFigures {
  /** Admissions (check-ins) of the ticket decided here and not yet known to the server. */
  uses: number;
  /** The first admission of the ticket this device made that is still in the queue. */
  first: QueuedScan | undefined;
}

const NONE: QueuedFigures = { uses: 0, first: undefined };

/** A check-in this device admitted: it owes the ticket a use until the server knows it. */
const isAdmission = (q: QueuedScan): q is QueuedScan & { ticket_id: string } =>
  q.ticket_id !== null && q.mode === "check_in" && q.offline_result === "admitted";

/** Admissions of one ticket in queue order, and how many are not yet confirmed. */
interface TicketEntry {
  admissions: QueuedScan[];
  unconfirmed: number;
}

/**
 * The queue in memory, in scan order, with what each scan needs kept up to
 * date as it changes: queued uses and first admission per ticket, and the
 * counts of scans to upload and set aside. Every per-scan question is O(1)
 * (or O(admissions of that ticket)) instead of a walk of the whole queue.
 */
export class Queue {
  /** By scan id, in insertion (scan) order; a changed entry keeps its place. */
  private readonly entries = new Map<string, QueuedScan>();
  private readonly byTicket = new Map<string, TicketEntry>();
  private refusedCount = 0;

  constructor(items: Iterable<QueuedScan> = []) {
    for (const q of items) this.add(q);
  }

  /** Every scan held, uploadable or set aside. */
  get size(): number {
    return this.entries.size;
  }

  /** Scans still to upload. */
  get pending(): number {
    return this.entries.size - this.refusedCount;
  }

  /** Scans the server refused in an upload, kept on the device. */
  get setAside(): number {
    return this.refusedCount;
  }

  get(scanId: string): QueuedScan | undefined {
    return this.entries.get(scanId);
  }

  /** The whole queue, oldest first. */
  items(): QueuedScan[] {
    return [...this.entries.values()];
  }

  /** Scans that still go up, oldest first, at most `limit`. */
  uploadable(limit = Infinity): QueuedScan[] {
    const out: QueuedScan[] = [];
    for (const q of this.entries.values()) {
      if (out.length >= limit) break;
      if (!q.refused) out.push(q);
    }
    return out;
  }

  /** Admissions of `ticketId` decided here and not yet known to the server. */
  queuedUses(ticketId: string): number {
    return this.byTicket.get(ticketId)?.unconfirmed ?? 0;
  }

  figures(ticketId: string): QueuedFigures {
    const t = this.byTicket.get(ticketId);
    return t ? { uses: t.unconfirmed, first: t.admissions[0] } : NONE;
  }

  /** Empties the queue. */
  clear(): void {
    this.entries.clear();
    this.byTicket.clear();
    this.refusedCount = 0;
  }

  /** Appends a scan (a scan id already held is replaced and moves to the end). */
  add(q: QueuedScan): void {
    if (this.entries.has(q.scan_id)) this.remove([q.scan_id]);
    this.entries.set(q.scan_id, q);
    if (q.refused) this.refusedCount++;
    if (!isAdmission(q)) return;
    let t = this.byTicket.get(q.ticket_id);
    if (!t) this.byTicket.set(q.ticket_id, (t = { admissions: [], unconfirmed: 0 }));
    t.admissions.push(q);
    if (!q.confirmed) t.unconfirmed++;
  }

  /** Changes a held scan in place (confirmed, set aside). */
  private change(scanId: string, patch: Partial<QueuedScan>): void {
    const before = this.entries.get(scanId);
    if (!before) return;
    const after = { ...before, ...patch };
    this.entries.set(scanId, after);
    this.refusedCount += (after.refused ? 1 : 0) - (before.refused ? 1 : 0);
    const t = isAdmission(before) ? this.byTicket.get(before.ticket_id) : undefined;
    if (!t) return;
    const at = t.admissions.indexOf(before);
    if (at >= 0) t.admissions[at] = after;
    t.unconfirmed += (before.confirmed ? 1 : 0) - (after.confirmed ? 1 : 0);
  }

  /** The server answered this scan online after all: it no longer adds a queued use. */
  confirm(scanId: string): void {
    this.change(scanId, { confirmed: true });
  }

  /** Keeps scans the server refused (scan id → error code) out of uploads. */
  setAsideScans(refused: ReadonlyMap<string, string>): void {
    for (const [scanId, code] of refused) this.change(scanId, { refused: code });
  }

  /** Removes answered scans. */
  remove(scanIds: Iterable<string>): void {
    for (const id of scanIds) {
      const q = this.entries.get(id);
      if (!q) continue;
      this.entries.delete(id);
      if (q.refused) this.refusedCount--;
      if (!isAdmission(q)) continue;
      const t = this.byTicket.get(q.ticket_id);
      if (!t) continue;
      t.admissions = t.admissions.filter((x) => x !== q);
      if (!q.confirmed) t.unconfirmed--;
      if (!t.admissions.length) this.byTicket.delete(q.ticket_id);
    }
  }
}

/** The queue entry for a local decision. */
export function queuedScan(
  decision: Decision,
  scan: { scan_id: string; code: string; mode: SyncScan["mode"]; gate: string | null; scanned_at: string },
): QueuedScan {
  return {
    ...scan,
    offline_result: decision.result,
    offline_reason: decision.reason,
    ticket_id: decision.ticketId,
  };
}

/** The upload form of a queued scan (the ticket id and confirmation stay local). */
export function toSyncScan(q: QueuedScan): SyncScan {
  const { scan_id, code, mode, gate, scanned_at, offline_result, offline_reason } = q;
  return { scan_id, code, mode, gate, scanned_at, offline_result, offline_reason };
}

export function chunk<T>(items: readonly T[], size: number = SYNC_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What an upload's results do: the scans answered leave the queue, and each
 * check-in the server admitted or recorded as a conflict counts one use
 * locally until the next pack delta brings the server's figure (a scan whose
 * online answer already set the figure adds nothing).
 */
export function applyResults(
  tickets: ReadonlyMap<string, PackTicket>,
  sent: readonly QueuedScan[],
  results: readonly SyncResult[],
): { done: string[]; changed: PackTicket[] } {
  const byId = new Map(sent.map((q) => [q.scan_id, q]));
  const done: string[] = [];
  const used: string[] = [];
  for (const r of results) {
    const q = byId.get(r.scan_id);
    if (!q) continue;
    byId.delete(r.scan_id);
    done.push(q.scan_id);
    const ticketId = r.ticket_id ?? q.ticket_id;
    if ((r.result === "admitted" || r.result === "conflict") && q.mode === "check_in" && !q.confirmed && ticketId) {
      used.push(ticketId);
    }
  }
  return { done, changed: addUses(tickets, used) };
}

/** Conflict notices, newest last, without repeats. */
export function addConflicts(shown: readonly DoorConflict[], arrived: readonly DoorConflict[]): DoorConflict[] {
  const ids = new Set(shown.map((c) => c.id));
  return [...shown, ...arrived.filter((c) => !ids.has(c.id) && ids.add(c.id))];
}

/**
 * The answer shown for a local decision, in the shape of the server's: the
 * pack's ticket with the uses counted here, and for `already_used` the first
 * admission this device made of it, if any (`queued`: the queue's figures
 * for the ticket, read with the decision).
 */
export function offlineResponse(
  decision: Decision,
  scanId: string,
  queued: QueuedFigures | undefined,
  mode: SyncScan["mode"],
): ScanResponse {
  const t = decision.ticket;
  const id = decision.ticketId;
  const extra = id ? (queued?.uses ?? 0) : 0;
  const counted = decision.result === "admitted" && mode === "check_in" ? 1 : 0;
  const first = decision.reason === "already_used" && id ? queued?.first : undefined;
  return {
    result: decision.result,
    reason: decision.reason,
    scan_id: scanId,
    replayed: false,
    ticket:
      t && id
        ? {
            id,
            // A pack without names (the event keeps them off door devices) answers without one.
            ...(t.holder_name == null ? {} : { holder_name: t.holder_name }),
            category: t.category,
            uses: t.uses + extra + counted,
            max_uses: t.max_uses,
            valid_from: t.valid_from,
            valid_until: t.valid_until,
            first_used_at: first?.scanned_at ?? null,
            first_gate: first?.gate ?? null,
          }
        : null,
  };
}
