import { describe, expect, it } from "vitest";
import type { Api } from "../api/client";
import { doorHttpFor } from "./api";

function recorder() {
  const calls: { path: string; init: unknown }[] = [];
  const client = {
    json: (path: string, init: unknown) => {
      calls.push({ path, init });
      return Promise.resolve({ result: "admitted" });
    },
  } as unknown as Api;
  return { calls, client };
}

describe("door endpoints", () => {
  it("lets a person in by name: POST door/admit with the ticket, mode, a scan id and the gate", async () => {
    const { calls, client } = recorder();
    const body = { ticket_id: "t-1", mode: "check_in" as const, scan_id: "s-1", gate: "North" };
    const ctl = new AbortController();
    await expect(doorHttpFor(client).admit("ev/1", body, ctl.signal)).resolves.toEqual({ result: "admitted" });
    expect(calls).toEqual([{ path: "/api/v1/events/ev%2F1/door/admit", init: { method: "POST", body, signal: ctl.signal } }]);
  });
});
