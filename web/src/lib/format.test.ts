import { describe, expect, it } from "vitest";
import { formatClock, formatPercent, formatRange, percent, safeZone, shortId } from "./format";

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
});
