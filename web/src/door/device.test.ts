import { describe, expect, it, vi } from "vitest";
import { absoluteEnrolUrl } from "../api/devices";
import { enrolToken, forgetDoorEvent, loadDevice, saveDevice, tokenTaker, type StoredDevice } from "./device";

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const stored = (eventId = "ev1"): StoredDevice => ({
  device: { id: "dev1", name: "Phone 1", event_id: eventId, gate: "North", mode: "check_in", expires_at: "2026-12-01T00:00:00Z" },
  event: { id: eventId, name: "Gala", starts_at: "2026-11-30T18:00:00Z", ends_at: "2026-11-30T23:00:00Z", venue: "Hall", timezone: "Europe/Paris" },
});

describe("enrolToken", () => {
  it("reads the token of the link's fragment", () => {
    expect(enrolToken("#qre1.AbC-_~9xyz012")).toBe("qre1.AbC-_~9xyz012");
    expect(enrolToken("qre1AbCdefgh")).toBe("qre1AbCdefgh");
    expect(enrolToken("#token=abcdefgh12")).toBe("abcdefgh12");
    expect(enrolToken("#%20abcdefgh12%0A")).toBe("abcdefgh12");
  });

  it("refuses what is not a token", () => {
    expect(enrolToken("")).toBeNull();
    expect(enrolToken("#")).toBeNull();
    expect(enrolToken("#short")).toBeNull();
    expect(enrolToken("#has space inside")).toBeNull();
    expect(enrolToken("#<script>alert(1)</script>")).toBeNull();
    expect(enrolToken("#%E0%A4%A")).toBeNull();
  });
});

describe("tokenTaker", () => {
  it("takes the token once and clears the fragment from the address bar at once", () => {
    const loc = { hash: "#qre1abcdefgh", pathname: "/door/enrol", search: "?lang=fr" };
    const replaced: string[] = [];
    const history = {
      state: { idx: 0 },
      replaceState: (_state: unknown, _title: string, url?: string | URL | null) => {
        replaced.push(String(url));
        loc.hash = "";
      },
    };
    const take = tokenTaker();
    expect(take(loc, history)).toBe("qre1abcdefgh");
    expect(replaced).toEqual(["/door/enrol?lang=fr"]);
    expect(loc.hash).toBe("");
    // A second render reads the same token, and the bar is left alone.
    expect(take(loc, history)).toBe("qre1abcdefgh");
    expect(replaced.length).toBe(1);
  });

  it("answers null for a link without a token", () => {
    const take = tokenTaker();
    const history = { state: null, replaceState: vi.fn() };
    expect(take({ hash: "", pathname: "/door/enrol", search: "" }, history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});

describe("absoluteEnrolUrl", () => {
  it("puts a path on this origin and keeps an absolute link", () => {
    expect(absoluteEnrolUrl("/door/enrol#tok", "https://door.example.org")).toBe("https://door.example.org/door/enrol#tok");
    expect(absoluteEnrolUrl("/door/enrol#tok", "http://127.0.0.1:8080/")).toBe("http://127.0.0.1:8080/door/enrol#tok");
    expect(absoluteEnrolUrl("https://tickets.example.org/door/enrol#tok", "http://x")).toBe("https://tickets.example.org/door/enrol#tok");
    expect(absoluteEnrolUrl("//evil.example/door", "https://a.example")).toBe("//evil.example/door");
  });
});

describe("the enrolment kept on the phone", () => {
  it("is kept per event, and only for the event it names", () => {
    const storage = new MemoryStorage();
    saveDevice(stored("ev1"), storage);
    expect(loadDevice("ev1", storage)).toEqual(stored("ev1"));
    expect(loadDevice("ev2", storage)).toBeNull();
    storage.setItem("qre.door.device.ev3", JSON.stringify(stored("ev1")));
    expect(loadDevice("ev3", storage)).toBeNull();
    storage.setItem("qre.door.device.ev4", "{not json");
    expect(loadDevice("ev4", storage)).toBeNull();
  });

  it("is forgotten with the event's door data when the phone is signed out", async () => {
    const storage = new MemoryStorage();
    saveDevice(stored("ev1"), storage);
    saveDevice(stored("ev2"), storage);
    storage.setItem("qre.door.counts.ev1", '{"admitted":3}');
    storage.setItem("qre.door.gate.ev1", "North");
    const wipe = vi.fn((eventId: string) => Promise.resolve(void eventId));
    await forgetDoorEvent("ev1", wipe, storage);
    expect(wipe).toHaveBeenCalledWith("ev1");
    expect(loadDevice("ev1", storage)).toBeNull();
    expect([...storage.map.keys()]).toEqual(["qre.door.device.ev2"]);
  });
});
