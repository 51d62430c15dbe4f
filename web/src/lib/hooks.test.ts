import { describe, expect, it } from "vitest";
import { resourceView } from "./hooks";

const ticketA = { id: "a" };
const loadedA = { path: "/tickets/a", key: "0 /tickets/a", data: ticketA, error: null };

describe("resourceView", () => {
  it("shows an answer only for the path it was asked for", () => {
    expect(resourceView(loadedA, "/tickets/a", "0 /tickets/a")).toEqual({ data: ticketA, error: null, loading: false });
    // Another ticket opened: the first one's answer is not shown as the second.
    expect(resourceView(loadedA, "/tickets/b", "0 /tickets/b")).toEqual({ data: null, error: null, loading: true });
    expect(resourceView(loadedA, null, null)).toEqual({ data: null, error: null, loading: false });
  });

  it("keeps the last answer on screen while the same path is asked again", () => {
    expect(resourceView(loadedA, "/tickets/a", "1 /tickets/a")).toEqual({ data: ticketA, error: null, loading: true });
  });

  it("shows the error of the current request only", () => {
    const failed = { ...loadedA, key: "1 /tickets/a", error: new Error("down") };
    expect(resourceView(failed, "/tickets/a", "1 /tickets/a").error).toBe(failed.error);
    expect(resourceView(failed, "/tickets/a", "2 /tickets/a").error).toBeNull();
    expect(resourceView(failed, "/tickets/b", "0 /tickets/b")).toEqual({ data: null, error: null, loading: true });
  });
});
