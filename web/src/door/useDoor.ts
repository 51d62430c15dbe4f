// The door engine of one event for React: made once per event (and device),
// started while the page shows it, its status read as an external store.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { doorHttp, type DoorHttp } from "./api";
import { DoorEngine, type DoorStatus } from "./engine";
import { openDoorStore } from "./store";

export interface DoorOptions {
  /** The endpoints through a door device's session; a person's by default. */
  http?: DoorHttp;
  /** An enrolled door device's id (see EngineDeps.deviceId). */
  deviceId?: string;
  appVersion?: string;
}

export function useDoor(eventId: string, { http = doorHttp, deviceId, appVersion }: DoorOptions = {}): { engine: DoorEngine; status: DoorStatus } {
  // Nothing opens or fetches until start(): safe to make during render.
  const engine = useMemo(
    () => new DoorEngine({ eventId, store: openDoorStore(), http, deviceId, appVersion }),
    [eventId, http, deviceId, appVersion],
  );
  useEffect(() => {
    void engine.start();
    return () => engine.stop();
  }, [engine]);
  const status = useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
  return { engine, status };
}
