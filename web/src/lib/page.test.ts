import { describe, expect, it } from "vitest";
import { focusTarget, pageTitle } from "./page";

describe("pageTitle", () => {
  it("joins the known parts, most specific first", () => {
    expect(pageTitle(["Live", "Concert", "QR Event"])).toBe("Live – Concert – QR Event");
    expect(pageTitle([undefined, "Concert", false, " ", null, "QR Event"])).toBe("Concert – QR Event");
  });
});

describe("focusTarget", () => {
  it("focuses the page's heading after moving to another page", () => {
    expect(focusTarget("/", "/events/e1")).toBe("main h1");
    expect(focusTarget("/events/e1", "/events/e1/tickets")).toBe("main h1");
    expect(focusTarget("/events/e1/tickets", "/events/e2/tickets")).toBe("main h1");
    expect(focusTarget("/events/e1/tickets", "/")).toBe("main h1");
    expect(focusTarget("/login", "/events/new")).toBe("main h1");
  });

  it("focuses the section's heading when only the section changes", () => {
    expect(focusTarget("/events/e1/tickets", "/events/e1/staff")).toBe("main h2");
    expect(focusTarget("/events/e1/tickets", "/events/e1/tickets/t1")).toBe("main h2");
  });

  it("leaves the focus alone on the door and when only the query changes", () => {
    expect(focusTarget("/events/e1/tickets", "/scan/e1")).toBeNull();
    expect(focusTarget("/events/e1/audit", "/events/e1/audit")).toBeNull();
  });
});
