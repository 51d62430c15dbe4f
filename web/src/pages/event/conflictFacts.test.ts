import { describe, expect, it } from "vitest";
import type { Conflict, ConflictScan } from "../../api/door";
import { translate, type Lang, type T } from "../../i18n";
import { conflictFacts, delayText, formatDateTime, mergeConflicts } from "./conflictFacts";

const tr = (lang: Lang): T => (key, vars) => translate(lang, key, vars);
const en = tr("en");

const scan = (over: Partial<ConflictScan> = {}): ConflictScan => ({
  scan_id: "0190c0de-0000-7000-8000-000000000001",
  gate: "North",
  device_id: "5f1c2a3b-1111-4222-8333-444455556666",
  user_id: "9a8b7c6d-aaaa-4bbb-8ccc-dddddddddddd",
  scanned_at: "2026-07-14T18:04:09Z",
  received_at: "2026-07-14T18:16:30Z",
  offline: true,
  ...over,
});

const staff = new Map([["9a8b7c6d-aaaa-4bbb-8ccc-dddddddddddd", "Ada"]]);
const names = (id: string) => staff.get(id);

const conflict = (over: Partial<Conflict> = {}): Conflict => ({
  id: "c1",
  ticket_id: "t1",
  holder_name: "Emmy Noether",
  category: "VIP",
  reason: "already_used",
  detected_at: "2026-07-14T18:16:31Z",
  first: scan({ gate: "South", offline: false, scanned_at: "2026-07-14T18:01:00Z", received_at: "2026-07-14T18:01:00Z" }),
  second: scan(),
  ...over,
});

describe("formatDateTime", () => {
  it("shows the instant in the event's zone, with seconds", () => {
    expect(formatDateTime("2026-07-14T18:04:09Z", "Europe/Paris", "en")).toBe("14 Jul 2026, 20:04:09");
    expect(formatDateTime("2026-07-14T18:04:09Z", "America/New_York", "fr")).toBe("14 juil. 2026, 14:04:09");
  });

  it("falls back to UTC for a zone the browser does not know, and to nothing for a bad time", () => {
    expect(formatDateTime("2026-07-14T18:04:09Z", "Mars/Olympus", "en")).toBe("14 Jul 2026, 18:04:09");
    expect(formatDateTime("yesterday", "UTC", "en")).toBe("");
  });
});

describe("delayText", () => {
  it("says how long a scan waited to reach the server", () => {
    expect(delayText("2026-07-14T18:00:00Z", "2026-07-14T18:12:59Z", en)).toBe("12 min later");
    expect(delayText("2026-07-14T18:00:00Z", "2026-07-14T20:05:00Z", en)).toBe("2 h 05 min later");
    expect(delayText("2026-07-14T18:00:00Z", "2026-07-14T20:05:00Z", tr("fr"))).toBe("2 h 05 min plus tard");
  });

  it("says nothing under a minute, with a device clock ahead, or for bad times", () => {
    expect(delayText("2026-07-14T18:00:00Z", "2026-07-14T18:00:59Z", en)).toBeNull();
    expect(delayText("2026-07-14T18:05:00Z", "2026-07-14T18:00:00Z", en)).toBeNull();
    expect(delayText("?", "2026-07-14T18:00:00Z", en)).toBeNull();
  });
});

describe("conflictFacts", () => {
  it("shows both admissions of a ticket used twice, in the event's zone", () => {
    const f = conflictFacts(conflict(), "Europe/Paris", "en", en, names);
    expect(f).toMatchObject({ holder: "Emmy Noether", category: "VIP", reason: "Already used", firstMissing: false });
    expect(f.first).toMatchObject({ heading: "First admission", gate: "South", offline: false, delay: null, scannedAt: "14 Jul 2026, 20:01:00" });
    expect(f.second).toEqual({
      heading: "Second admission",
      gate: "North",
      device: "5f1c2a3b",
      deviceId: "5f1c2a3b-1111-4222-8333-444455556666",
      deviceNamed: false,
      staff: "Ada",
      scannedAt: "14 Jul 2026, 20:04:09",
      receivedAt: "14 Jul 2026, 20:16:30",
      delay: "12 min later",
      offline: true,
    });
  });

  it("names what the door did not send", () => {
    const f = conflictFacts(conflict({ category: "", second: scan({ gate: " ", device_id: null }) }), "UTC", "en", en);
    expect(f.category).toBe("No category");
    expect(f.second).toMatchObject({ gate: "(no gate name)", device: "Unknown device", deviceId: null, staff: "9a8b7c6d" });
    const absent = conflictFacts(conflict({ second: { ...scan(), gate: undefined, device_id: undefined } }), "UTC", "en", en);
    expect(absent.second).toMatchObject({ gate: "(no gate name)", device: "Unknown device", deviceId: null });
    const nobody = conflictFacts(conflict({ second: scan({ user_id: null }) }), "UTC", "fr", tr("fr"), names);
    expect(nobody.second.staff).toBe("Inconnu");
  });

  it("names enrolled door devices, which scan without an account", () => {
    const devices = (id: string) => (id === "5f1c2a3b-1111-4222-8333-444455556666" ? "Gate A phone" : undefined);
    const f = conflictFacts(conflict({ second: scan({ user_id: null }) }), "UTC", "en", en, names, devices);
    expect(f.second).toMatchObject({ device: "Gate A phone", deviceNamed: true, staff: "Door device (no account)" });
    expect(f.first).toMatchObject({ device: "Gate A phone", staff: "Ada" });
    const other = conflictFacts(conflict({ second: scan({ device_id: "0000aaaa-0000-4000-8000-000000000000", user_id: null }) }), "UTC", "fr", tr("fr"), names, devices);
    expect(other.second).toMatchObject({ device: "0000aaaa", deviceNamed: false, staff: "Inconnu" });
  });

  it("marks a missing earlier admission of a ticket used twice", () => {
    const f = conflictFacts(conflict({ first: null }), "UTC", "en", en);
    expect(f.first).toBeNull();
    expect(f.firstMissing).toBe(true);
    expect(f.second.heading).toBe("Second admission");
  });

  it("shows a single admission for a revoked, expired or early ticket", () => {
    const f = conflictFacts(conflict({ reason: "revoked", first: null }), "UTC", "fr", tr("fr"));
    expect(f).toMatchObject({ reason: "Révoqué", first: null, firstMissing: false });
    expect(f.second.heading).toBe("Entrée");
    expect(f.second.offline).toBe(true);
  });
});

describe("mergeConflicts", () => {
  const c = (id: string) => conflict({ id });

  it("puts a refreshed first page on top of what was shown, without duplicates, in the server's order", () => {
    const shown = [c("5"), c("4"), c("3"), c("2"), c("1")];
    const latest = [c("7"), c("6"), c("5")];
    expect(mergeConflicts(latest, shown).map((x) => x.id)).toEqual(["7", "6", "5", "4", "3", "2", "1"]);
  });

  it("appends an older page after the shown items", () => {
    expect(mergeConflicts([c("3"), c("2")], [c("2"), c("1")]).map((x) => x.id)).toEqual(["3", "2", "1"]);
  });

  it("takes the fresh copy of an item on both lists", () => {
    const fresh = conflict({ id: "2", holder_name: "Renamed" });
    expect(mergeConflicts([fresh], [c("2")])[0].holder_name).toBe("Renamed");
  });
});
