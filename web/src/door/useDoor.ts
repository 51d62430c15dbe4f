// The door engine of one event for React: made once per event, started while
// the page shows it, its status read as an external store.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { doorHttp } from "./api";
import { DoorEngine, type DoorStatus } from "./engine";
import { openDoorStore } from "./store";

export function useDoor(eventId: string): { engine: DoorEngine; status: DoorStatus } {
  // Nothing opens or fetches until start(): safe to make during render.
  const engine = useMemo(() => new DoorEngine({ eventId, store: openDoorStore(), http: doorHttp }), [eventId]);
  useEffect(() => {
    void engine.start();
    return () => engine.stop();
  }, [engine]);
  const status = useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
  return { engine, status };
}
