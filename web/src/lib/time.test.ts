import { describe, expect, it } from "vitest";
import { isTimeZone, offsetAt, timeZoneList, utcToZonedLocal, zonedLocalToUtc } from "./time";

describe("zonedLocalToUtc", () => {
  it("reads a wall time in the given zone, not the browser's", () => {
    expect(zonedLocalToUtc("2026-06-15T20:00", "Europe/Paris")).toBe("2026-06-15T18:00:00Z");
    expect(zonedLocalToUtc("2026-01-15T20:00", "Europe/Paris")).toBe("2026-01-15T19:00:00Z");
    expect(zonedLocalToUtc("2026-01-15T20:00", "America/New_York")).toBe("2026-01-16T01:00:00Z");
    expect(zonedLocalToUtc("2026-01-15T20:00", "UTC")).toBe("2026-01-15T20:00:00Z");
    expect(zonedLocalToUtc("2026-01-15T09:30", "Asia/Kolkata")).toBe("2026-01-15T04:00:00Z");
    expect(zonedLocalToUtc("2026-07-01T00:00", "Australia/Lord_Howe")).toBe("2026-06-30T13:30:00Z");
  });

  it("accepts seconds and crosses the date line", () => {
    expect(zonedLocalToUtc("2026-03-01T00:00:30", "Pacific/Auckland")).toBe("2026-02-28T11:00:30Z");
    expect(zonedLocalToUtc("2026-12-31T23:59", "Pacific/Kiritimati")).toBe("2026-12-31T09:59:00Z");
  });

  it("moves a time skipped by spring-forward ahead by the gap", () => {
    // Paris, 29 March 2026: 02:00 CET jumps to 03:00 CEST.
    expect(zonedLocalToUtc("2026-03-29T02:30", "Europe/Paris")).toBe("2026-03-29T01:30:00Z");
    expect(utcToZonedLocal("2026-03-29T01:30:00Z", "Europe/Paris")).toBe("2026-03-29T03:30");
    expect(zonedLocalToUtc("2026-03-29T01:59", "Europe/Paris")).toBe("2026-03-29T00:59:00Z");
    expect(zonedLocalToUtc("2026-03-29T03:00", "Europe/Paris")).toBe("2026-03-29T01:00:00Z");
    // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT.
    expect(zonedLocalToUtc("2026-03-08T02:15", "America/New_York")).toBe("2026-03-08T07:15:00Z");
  });

  it("takes the first occurrence of a time repeated by fall-back", () => {
    // Paris, 25 October 2026: 03:00 CEST goes back to 02:00 CET.
    expect(zonedLocalToUtc("2026-10-25T02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00Z");
    expect(zonedLocalToUtc("2026-10-25T03:00", "Europe/Paris")).toBe("2026-10-25T02:00:00Z");
    expect(zonedLocalToUtc("2026-10-25T01:59", "Europe/Paris")).toBe("2026-10-24T23:59:00Z");
    // New York, 1 November 2026: 01:00–02:00 happens twice.
    expect(zonedLocalToUtc("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00Z");
  });

  it("round-trips every hour through a DST year", () => {
    for (const zone of ["Europe/Paris", "America/Santiago", "Australia/Sydney", "UTC"]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 60 * 60_000) {
        const iso = new Date(t).toISOString().replace(".000Z", "Z");
        const local = utcToZonedLocal(iso, zone);
        const back = zonedLocalToUtc(local, zone);
        // A repeated hour maps to its first occurrence: same wall time either way.
        expect(utcToZonedLocal(back!, zone), `${zone} ${iso}`).toBe(local);
        if (offsetAt(t - 3_600_000, zone) === offsetAt(t, zone)) expect(back).toBe(iso);
      }
    }
  });

  it("refuses malformed and impossible input", () => {
    expect(zonedLocalToUtc("", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-02-30T10:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-13-01T10:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-01-01 10:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-01-01T24:00", "UTC")).toBeNull();
  });
});

describe("utcToZonedLocal", () => {
  it("formats for datetime-local inputs", () => {
    expect(utcToZonedLocal("2026-06-15T18:00:00Z", "Europe/Paris")).toBe("2026-06-15T20:00");
    expect(utcToZonedLocal("2026-06-15T18:00:00+00:00", "America/Los_Angeles")).toBe("2026-06-15T11:00");
    expect(utcToZonedLocal("2026-01-01T00:00:00Z", "Asia/Tokyo")).toBe("2026-01-01T09:00");
    expect(utcToZonedLocal("2026-01-01T00:00:00Z", "UTC")).toBe("2026-01-01T00:00");
    expect(utcToZonedLocal("nonsense", "UTC")).toBe("");
  });
});

describe("zone list", () => {
  it("always holds UTC and the extras, sorted and unique", () => {
    const list = timeZoneList("Europe/Paris", "Etc/GMT+5", "UTC");
    expect(list).toContain("UTC");
    expect(list).toContain("Etc/GMT+5");
    expect(new Set(list).size).toBe(list.length);
    expect([...list].sort((a, b) => a.localeCompare(b))).toEqual(list);
  });

  it("knows real zones from made-up ones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
