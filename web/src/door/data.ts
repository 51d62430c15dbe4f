// What the door holds for one event, in memory and in IndexedDB together:
// the pack and the queue of offline decisions. Each change is written to the
// store and kept in memory; the pure rules live in pack.ts and queue.ts.
import type { ScanResponse } from "../api/types";
import { mergePack, ticketFromAnswer, type LocalPack } from "./pack";
import { applyResults, uploadable, type QueuedScan } from "./queue";
import type { DoorStore } from "./store";
import type { DoorPack, PackTicket, SyncResult } from "./types";

export class DoorData {
  pack: LocalPack | null = null;
  queue: QueuedScan[] = [];

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
    if (stored) this.pack = { meta: stored.meta, tickets: new Map(stored.tickets.map((t) => [t.id, t])) };
    this.queue = queue;
  }

  /** Scans that still go up, in order. */
  uploadable(): QueuedScan[] {
    return uploadable(this.queue);
  }

  /** Takes a download; the memory copy is updated even when storing fails (then this throws). */
  async takePack(res: DoorPack, fetchedAt: number): Promise<void> {
    const { pack, changed } = mergePack(this.pack, res, fetchedAt);
    this.pack = pack;
    await this.store.savePack(pack.meta, changed, res.full);
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
    this.queue = [...this.queue, item];
  }

  /** The server answered this queued scan online after all. */
  async confirm(scanId: string): Promise<void> {
    this.queue = this.queue.map((q) => (q.scan_id === scanId ? { ...q, confirmed: true } : q));
    await this.store.confirm(this.eventId, scanId);
  }

  /** Applies an upload's results; returns how many scans they settled. */
  async settle(sent: readonly QueuedScan[], results: readonly SyncResult[]): Promise<number> {
    const { done, changed } = applyResults(this.pack?.tickets ?? new Map(), sent, results);
    await this.store.settle(this.eventId, done, changed);
    const settled = new Set(done);
    this.queue = this.queue.filter((q) => !settled.has(q.scan_id));
    this.write(changed);
    return done.length;
  }

  /** Keeps scans the server refused (scan id → error code) out of uploads. */
  async setAside(refused: ReadonlyMap<string, string>): Promise<void> {
    await this.store.setAside(this.eventId, refused);
    this.queue = this.queue.map((q) => (refused.has(q.scan_id) ? { ...q, refused: refused.get(q.scan_id) } : q));
  }
}
