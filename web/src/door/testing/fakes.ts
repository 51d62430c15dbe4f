// A fake server for the door engine's tests: a pack of a few tickets signed
// with a test key, and scripted answers. Tests only.
// The globals (IDBKeyRange, which the store's key ranges use); each test still opens its own factory.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import type { ScanResponse } from "../../api/types";
import type { DoorHttp } from "../api";
import { openDoorStore } from "../store";
import type { AdmitBody, DoorPack, PackTicket, ScanBody, SyncRequest, SyncResponse } from "../types";
import { makeCode, testKey, uuid } from "./codes";

export function ticket(id: string, over: Partial<PackTicket> = {}): PackTicket {
  return {
    id,
    status: "active",
    uses: 0,
    max_uses: 1,
    valid_from: "2020-01-01T00:00:00Z",
    valid_until: "2099-01-01T00:00:00Z",
    category: "VIP",
    holder_name: "Emmy Noether",
    ...over,
  };
}

export function world() {
  const key = testKey("0badcafe");
  const eventId = uuid();
  const ids = [uuid(), uuid(), uuid()];
  const tickets = ids.map((id) => ticket(id));
  const code = (id: string) => makeCode(key, eventId, id);
  const pack = (over: Partial<DoorPack> = {}): DoorPack => ({
    event: { id: eventId, name: "Gala", starts_at: "2026-06-01T10:00:00Z", ends_at: "2026-06-01T18:00:00Z", timezone: "UTC", venue: "Hall" },
    keys: [{ kid: key.kid, public_key: key.public_key }],
    rules: { clock_skew_secs: 60, names: true },
    tickets,
    cursor: "c10",
    full: true,
    generated_at: "2026-06-01T12:00:00Z",
    ...over,
  });
  return { key, eventId, ids, tickets, code, pack };
}

type Handler<A, R> = (a: A) => Promise<R> | R;

/** Scripted endpoints that record their calls. */
export class FakeHttp implements DoorHttp {
  packCalls: (string | null)[] = [];
  scanCalls: ScanBody[] = [];
  syncCalls: SyncRequest[] = [];
  admitCalls: AdmitBody[] = [];
  onPack: Handler<string | null, DoorPack>;
  onScan: Handler<ScanBody, ScanResponse> = () => {
    throw new Error("no scan handler");
  };
  onAdmit: Handler<AdmitBody, ScanResponse> = () => {
    throw new Error("no admit handler");
  };
  onSync: Handler<SyncRequest, SyncResponse> = (req) => ({
    results: req.scans.map((s) => ({
      scan_id: s.scan_id,
      result: s.offline_result,
      reason: s.offline_reason,
      replayed: false,
      ticket_id: null,
    })),
    conflicts: [],
  });

  constructor(pack: DoorPack) {
    this.onPack = () => pack;
  }

  async pack(_eventId: string, since: string | null) {
    this.packCalls.push(since);
    return this.onPack(since);
  }
  async scan(_eventId: string, body: ScanBody) {
    this.scanCalls.push(body);
    return this.onScan(body);
  }
  async admit(_eventId: string, body: AdmitBody) {
    this.admitCalls.push(body);
    return this.onAdmit(body);
  }
  async sync(_eventId: string, body: SyncRequest) {
    this.syncCalls.push(JSON.parse(JSON.stringify(body)) as SyncRequest);
    return this.onSync(body);
  }
}

/** A fresh, empty IndexedDB and a store on it. */
export function freshStore() {
  const factory = new IDBFactory();
  return { factory, store: openDoorStore(factory) };
}

/** A promise that never settles (a request with no answer). */
export const never = <T>() => new Promise<T>(() => {});
