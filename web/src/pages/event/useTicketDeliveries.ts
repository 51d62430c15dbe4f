// The latest e-mail of each of some tickets, from filtered deliveries
// requests (100 ids each), asked again every few seconds while one of them
// is still on its way, so "queued" turns into "sent" on screen by itself.
import { useCallback, useEffect, useState } from "react";
import { ticketDeliveries, type DeliveryView } from "../../api/delivery";
import { anyPending, chunkIds, latestByTicket } from "./mailFacts";

interface Loaded {
  key: string;
  latest: Map<string, DeliveryView>;
  error: unknown;
}

export interface TicketDeliveries {
  /** Ticket id → its newest delivery; tickets never sent are absent. */
  latest: Map<string, DeliveryView>;
  /** The answer for the current ids has arrived. */
  ready: boolean;
  error: unknown;
  reload: () => void;
}

const NONE = new Map<string, DeliveryView>();

/** Deliveries of `ticketIds` (nothing is asked while null). */
export function useTicketDeliveries(eventId: string, ticketIds: readonly string[] | null, pollMs = 2000): TicketDeliveries {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const ids = ticketIds === null ? null : chunkIds(ticketIds).map((chunk) => chunk.join(","));
  const key = ids === null ? null : `${version} ${eventId} ${ids.join(" ")}`;

  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    const chunks = key.split(" ").slice(2).filter(Boolean).map((chunk) => chunk.split(","));
    Promise.all(chunks.map((chunk) => ticketDeliveries(eventId, chunk, ctl.signal))).then(
      (lists) => setLoaded({ key, latest: latestByTicket(lists.flatMap((l) => l.items)), error: null }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setLoaded((prev) => ({ key, latest: prev?.latest ?? NONE, error }));
      },
    );
    return () => ctl.abort();
  }, [eventId, key]);

  const current = loaded !== null && loaded.key === key;
  const pending = current && loaded.error === null && anyPending(loaded.latest.values());
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setVersion((v) => v + 1), pollMs);
    return () => clearTimeout(timer);
  }, [pending, loaded, pollMs]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return {
    latest: loaded?.latest ?? NONE,
    ready: current,
    error: current ? loaded.error : null,
    reload,
  };
}
