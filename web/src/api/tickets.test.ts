import { afterEach, describe, expect, it, vi } from "vitest";
import { newAttendeeLink, reissueTicket, revokeTicket } from "./tickets";

afterEach(() => vi.unstubAllGlobals());

describe("ticket lifecycle endpoints", () => {
  it("POSTs to the ticket's action and answers the ticket", async () => {
    const calls: [string, string | undefined][] = [];
    vi.stubGlobal("fetch", (input: string, init: RequestInit) => {
      calls.push([input, init.method]);
      return Promise.resolve(new Response(JSON.stringify({ id: "t/1" }), { status: 200, headers: { "content-type": "application/json" } }));
    });
    await expect(revokeTicket("e1", "t/1")).resolves.toEqual({ id: "t/1" });
    await reissueTicket("e1", "t1");
    await newAttendeeLink("e1", "t1");
    expect(calls).toEqual([
      ["/api/v1/events/e1/tickets/t%2F1/revoke", "POST"],
      ["/api/v1/events/e1/tickets/t1/reissue", "POST"],
      ["/api/v1/events/e1/tickets/t1/access-key", "POST"],
    ]);
  });
});
