import { afterEach, describe, expect, it } from "vitest";
import { translate } from "../i18n";
import {
  elapsed,
  formatAgo,
  formatClock,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRange,
  formatSpan,
  localeOf,
  percent,
  preferLocales,
  safeZone,
  shortId,
} from "./format";

describe("format", () => {
  it("shows ranges in the event's zone", () => {
    const r = formatRange("2026-06-15T18:00:00Z", "2026-06-15T21:30:00Z", "Europe/Paris", "en");
    expect(r).toContain("20:00");
    expect(r).toContain("23:30");
    expect(r).toContain("2026");
    expect(formatRange("x", "y", "UTC", "en")).toBe("");
  });

  it("falls back to UTC for zones the browser does not know", () => {
    expect(safeZone("Nowhere/Atlantis")).toBe("UTC");
    expect(safeZone("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(formatClock("2026-06-15T18:04:09Z", "Nowhere/Atlantis", "fr", true)).toBe("18:04:09");
  });

  it("computes percentages safely", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(5, 0)).toBe(0);
    expect(percent(7, 7)).toBe(100);
    expect(formatPercent(33.3, "en")).toBe("33.3%");
  });

  it("shortens ids", () => {
    expect(shortId("0190a1b2-aaaa-bbbb-cccc-123456789abc")).toBe("0190a1b2");
  });

  it("says how long ago, in the largest whole unit", () => {
    expect(elapsed(95_000)).toEqual({ value: 1, unit: "minute" });
    expect(elapsed(-5_000)).toEqual({ value: 0, unit: "second" });
    expect(elapsed(3 * 3600_000 + 50 * 60_000)).toEqual({ value: 3, unit: "hour" });
    expect(elapsed(49 * 3600_000)).toEqual({ value: 2, unit: "day" });
    const now = Date.parse("2026-11-30T12:00:00Z");
    expect(formatAgo("2026-11-30T11:59:55Z", now, "en", "just now")).toBe("just now");
    expect(formatAgo("2026-11-30T12:00:03Z", now, "en", "just now")).toBe("just now");
    expect(formatAgo("2026-11-30T11:57:00Z", now, "en", "just now")).toBe("3 min ago");
    // French puts a no-break space before the unit.
    expect(formatAgo("2026-11-30T11:57:00Z", now, "fr", "à l’instant").replace(/\s/g, " ")).toBe("il y a 3 min");
    expect(formatAgo("nope", now, "en", "just now")).toBe("");
    expect(formatSpan(185_000, "en")).toBe("3 minutes");
    expect(formatSpan(2 * 3600_000, "fr").replace(/\s/g, " ")).toBe("2 heures");
  });
});

describe("localeOf", () => {
  afterEach(() => preferLocales([]));

  it("takes the browser's own variant of the language, else en-GB / fr-FR", () => {
    expect([localeOf("en"), localeOf("fr")]).toEqual(["en-GB", "fr-FR"]);
    preferLocales(["de-DE", "en-us", "fr-CA"]);
    expect([localeOf("en"), localeOf("fr")]).toEqual(["en-US", "fr-CA"]);
    expect(formatDateTime("2026-06-15T18:00:00Z", "UTC", "en")).toBe("Jun 15, 2026, 6:00 PM");
    preferLocales(["en", "en-US", "not a tag"]);
    expect(localeOf("en")).toBe("en-GB");
    preferLocales(["fr-not-a-tag-at-all!"]);
    expect(localeOf("fr")).toBe("fr-FR");
  });

  it("formats date-times with the zone check, and bad dates as nothing", () => {
    expect(formatDateTime("2026-06-15T18:00:00Z", "Europe/Paris", "en")).toBe("15 Jun 2026, 20:00");
    expect(formatDateTime("2026-06-15T18:00:00Z", "Nowhere/Atlantis", "en")).toBe("15 Jun 2026, 18:00");
    expect(formatDateTime("soon", "UTC", "fr")).toBe("");
  });

  it("writes the numbers of every text the language's way", () => {
    expect(formatNumber(12000, "fr").replace(/\s/g, " ")).toBe("12 000");
    expect(translate("en", "door.counts.admitted", { count: 12000 })).toContain("12,000");
    expect(translate("fr", "door.counts.admitted", { count: 12000 }).replace(/\s/g, " ")).toContain("12 000");
    expect(translate("en", "errors.unknown", { status: "?" })).toBe("Something went wrong (error ?).");
  });
});
