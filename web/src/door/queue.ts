// The queue of offline decisions, as pure functions: what it owes the
// decision (queued uses), what it uploads, and what an upload's results
// remove and change.
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

/** Scans that still go up, in order. */
export function uploadable(queue: readonly QueuedScan[]): QueuedScan[] {
  return queue.filter((q) => !q.refused);
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

/** Admissions of `ticketId` decided here and not yet known to the server. */
export function queuedUses(queue: readonly QueuedScan[], ticketId: string): number {
  let n = 0;
  for (const q of queue) {
    if (q.ticket_id === ticketId && q.mode === "check_in" && q.offline_result === "admitted" && !q.confirmed) n++;
  }
  return n;
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
 * admission this device made of it, if any.
 */
export function offlineResponse(
  decision: Decision,
  scanId: string,
  queue: readonly QueuedScan[],
  mode: SyncScan["mode"],
): ScanResponse {
  const t = decision.ticket;
  const id = decision.ticketId;
  const mine = id ? queue.filter((q) => q.ticket_id === id && q.offline_result === "admitted" && q.mode === "check_in") : [];
  const extra = id ? queuedUses(queue, id) : 0;
  const counted = decision.result === "admitted" && mode === "check_in" ? 1 : 0;
  const first = decision.reason === "already_used" ? mine[0] : undefined;
  return {
    result: decision.result,
    reason: decision.reason,
    scan_id: scanId,
    replayed: false,
    ticket:
      t && id
        ? {
            id,
            holder_name: t.holder_name ?? "",
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
