// What the door holds for one event, in memory and in IndexedDB together:
// the pack and the queue of offline decisions. Each change is written to the
// store and kept in memory; the pure rules live in pack.ts and queue.ts.
import type { ScanResponse } from "../api/types";
import { mergePack, ticketFromAnswer, type LocalPack } from "./pack";
import { applyResults, Queue, type QueuedScan } from "./queue";
import type { DoorStore } from "./store";
import type { DoorPack, PackTicket, SyncResult } from "./types";

export class DoorData {
  pack: LocalPack | null = null;
  /** The queue, indexed: counts and per-ticket figures without a walk of it. */
  readonly queue = new Queue();
  /** A pack write failed: the store may hold less than memory, so the next download stores the whole pack. */
  private storeBehind = false;

  constructor(
    private readonly store: DoorStore,
    private readonly eventId: string,
  ) {}

  /** Writes tickets over the pack's, in place (a door holds up to 100,000: no copies per scan). */
  private write(changed: readonly PackTicket[]) {
    const tickets = this.pack?.tickets as Map<string, PackTicket> | undefined;
    for (const t of changed) tickets?.set(t.id, t);
  }

  /** Reads what the device holds for the event. */
  async load(): Promise<void> {
    const [stored, queue] = await Promise.all([this.store.loadPack(this.eventId), this.store.loadQueue(this.eventId)]);
    if (stored) {
      const tickets = new Map<string, PackTicket>();
      for (const t of stored.tickets) tickets.set(t.id, t);
      this.pack = { meta: stored.meta, tickets };
    }
    this.queue.clear();
    for (const q of queue) this.queue.add(q);
  }

  /** Scans that still go up, in order, at most `limit`. */
  uploadable(limit?: number): QueuedScan[] {
    return this.queue.uploadable(limit);
  }

  /** Takes a download; the memory copy is updated even when storing fails (then this throws). */
  async takePack(res: DoorPack, fetchedAt: number): Promise<void> {
    const { pack, changed } = mergePack(this.pack, res, fetchedAt);
    this.pack = pack;
    // After a failed write the stored pack may miss what its cursor says it has: store it whole.
    const whole = res.full || this.storeBehind;
    this.storeBehind = true;
    await this.store.savePack(pack.meta, whole && !res.full ? [...pack.tickets.values()] : changed, whole);
    this.storeBehind = false;
  }

  /** Takes the server's figures for the ticket of an online answer (in memory before the first await). */
  async takeAnswer(response: ScanResponse): Promise<void> {
    const changed = this.pack && ticketFromAnswer(this.pack.tickets, response);
    if (!changed) return;
    this.write([changed]);
    await this.store.putTickets(this.eventId, [changed]);
  }

  /** Stores a local decision; it is in the queue once stored. */
  async enqueue(item: QueuedScan): Promise<void> {
    await this.store.enqueue(this.eventId, item);
    this.queue.add(item);
  }

  /** The server answered this queued scan online after all. */
  async confirm(scanId: string): Promise<void> {
    this.queue.confirm(scanId);
    await this.store.confirm(this.eventId, scanId);
  }

  /** Applies an upload's results; returns how many scans they settled. */
  async settle(sent: readonly QueuedScan[], results: readonly SyncResult[]): Promise<number> {
    const { done, changed } = applyResults(this.pack?.tickets ?? new Map(), sent, results);
    await this.store.settle(this.eventId, done, changed);
    this.queue.remove(done);
    this.write(changed);
    return done.length;
  }

  /** Drops what memory holds (the store was wiped). */
  forget(): void {
    this.pack = null;
    this.queue.clear();
  }

  /** Keeps scans the server refused (scan id → error code) out of uploads. */
  async setAside(refused: ReadonlyMap<string, string>): Promise<void> {
    await this.store.setAside(this.eventId, refused);
    this.queue.setAsideScans(refused);
  }
}
