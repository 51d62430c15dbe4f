// What the door remembers on this device in localStorage: the gate per
// event, camera and sound.
import { useEffect, useState } from "react";
import type { Prefs } from "./DoorTools";

const gateKey = (eventId: string) => `qre.door.gate.${eventId}`;
const PREFS_KEY = "qre.door.prefs";

function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function save(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: remembered for this page only */
  }
}

export const loadGate = (eventId: string): string | null => load(gateKey(eventId));
export const saveGate = (eventId: string, gate: string): void => save(gateKey(eventId), gate);

export function usePrefs(): [Prefs, (pref: keyof Prefs) => void] {
  const [prefs, setPrefs] = useState<Prefs>(() => {
    const raw = load(PREFS_KEY) ?? "";
    return { camera: !raw.includes("camera-off"), sound: !raw.includes("sound-off") };
  });
  useEffect(() => {
    save(PREFS_KEY, `${prefs.camera ? "" : "camera-off "}${prefs.sound ? "" : "sound-off"}`);
  }, [prefs]);
  return [prefs, (pref) => setPrefs((p) => ({ ...p, [pref]: !p[pref] }))];
}
