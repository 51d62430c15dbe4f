import { describe, expect, it } from "vitest";
import type { ScanResponse } from "../../api/types";
import { toAnswer } from "./useScanner";

const res = (result: string, reason: string | null): ScanResponse => ({ result, reason, scan_id: "s", replayed: false, ticket: null });

describe("door answers on the scanner", () => {
  it("maps the engine's answer: admitted, or refused with its reason, online or not", () => {
    expect(toAnswer({ source: "online", response: res("admitted", null), unlisted: false })).toEqual({
      kind: "admitted",
      response: res("admitted", null),
      offline: false,
      unlisted: false,
    });
    expect(toAnswer({ source: "online", response: res("rejected", "already_used"), unlisted: false })).toMatchObject({
      kind: "refused",
      offline: false,
      response: { reason: "already_used" },
    });
    expect(toAnswer({ source: "offline", response: res("rejected", "revoked"), unlisted: true })).toMatchObject({
      kind: "refused",
      offline: true,
      unlisted: true,
    });
  });
});
