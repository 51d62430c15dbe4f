import { describe, expect, it } from "vitest";
import { buildQuery, eventPath, withCursor } from "./query";

describe("buildQuery", () => {
  it("leaves out empty values and false flags", () => {
    expect(buildQuery({ q: "", status: undefined, used: null, include_archived: false })).toBe("");
    expect(buildQuery({ limit: 20, q: "ada", include_archived: true })).toBe("?limit=20&q=ada&include_archived=true");
  });

  it("encodes and trims", () => {
    expect(buildQuery({ q: "  Ada & Bob ", from: "2026-01-01T00:00:00Z" })).toBe(
      "?q=Ada+%26+Bob&from=2026-01-01T00%3A00%3A00Z",
    );
    expect(buildQuery({ q: "   " })).toBe("");
  });

  it("keeps zero", () => {
    expect(buildQuery({ minutes: 0 })).toBe("?minutes=0");
  });
});

describe("withCursor", () => {
  it("appends with the right separator", () => {
    expect(withCursor("/api/v1/events", null)).toBe("/api/v1/events");
    expect(withCursor("/api/v1/events", "a+b/c")).toBe("/api/v1/events?cursor=a%2Bb%2Fc");
    expect(withCursor("/api/v1/events?q=x", "abc")).toBe("/api/v1/events?q=x&cursor=abc");
  });
});

describe("eventPath", () => {
  it("encodes the id", () => {
    expect(eventPath("a/b", "/tickets")).toBe("/api/v1/events/a%2Fb/tickets");
  });
});
