import { describe, expect, it } from "vitest";
import type { Device } from "../../api/devices";
import { countdown, deviceAlerts, deviceNames, expired, sortDevices, trackWaiting } from "./deviceFacts";

const device = (over: Partial<Device>): Device => ({
  id: "d",
  event_id: "e",
  name: "Phone",
  gate: "North",
  mode: "check_in",
  status: "active",
  created_at: "2026-11-30T10:00:00Z",
  expires_at: "2026-12-01T10:00:00Z",
  enrol_expires_at: null,
  enrolled_at: null,
  last_seen_at: null,
  app_version: null,
  scans_today: 0,
  pending_scans: null,
  revoked_at: null,
  ...over,
});

describe("device facts", () => {
  it("counts down to the link's expiry", () => {
    const now = Date.parse("2026-11-30T10:00:00Z");
    expect(countdown("2026-11-30T10:15:00Z", now)).toBe("15:00");
    expect(countdown("2026-11-30T10:00:09.200Z", now)).toBe("0:10");
    expect(countdown("2026-11-30T11:02:03Z", now)).toBe("1:02:03");
    expect(countdown("2026-11-30T09:00:00Z", now)).toBe("0:00");
    expect(countdown("not a date", now)).toBe("0:00");
    expect(expired("2026-11-30T10:00:00Z", now)).toBe(true);
    expect(expired("2026-11-30T10:00:01Z", now)).toBe(false);
  });

  it("lists working devices first, then by name", () => {
    const list = sortDevices([
      device({ id: "1", name: "Zed", status: "revoked" }),
      device({ id: "2", name: "Bob", status: "pending" }),
      device({ id: "3", name: "Amy", status: "active" }),
      device({ id: "4", name: "Al", status: "expired" }),
      device({ id: "5", name: "Cy", status: "active" }),
    ]);
    expect(list.map((d) => d.id)).toEqual(["3", "5", "2", "4", "1"]);
  });

  it("names devices by id when the list knows them", () => {
    const names = deviceNames([device({ id: "a", name: "Gate A phone" })]);
    expect(names("a")).toBe("Gate A phone");
    expect(names("b")).toBeUndefined();
    expect(deviceNames(undefined)("a")).toBeUndefined();
  });

  it("marks a working device not seen for more than 2 minutes", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    const seen = (iso: string, over: Partial<Device> = {}) => deviceAlerts(device({ last_seen_at: iso, ...over }), now);
    expect(seen("2026-11-30T11:58:00Z")).toEqual([]);
    expect(seen("2026-11-30T11:57:59Z")).toEqual([{ kind: "unseen", forMs: 121_000 }]);
    // Never called since its enrolment: the enrolment counts as heard from.
    expect(deviceAlerts(device({ enrolled_at: "2026-11-30T11:50:00Z" }), now)).toEqual([{ kind: "unseen", forMs: 600_000 }]);
    // Devices that are not working are not expected to call.
    for (const status of ["pending", "revoked", "expired"]) expect(seen("2026-11-30T10:00:00Z", { status })).toEqual([]);
  });

  it("marks uploads waiting for more than 5 minutes, timed across polls", () => {
    const t0 = Date.parse("2026-11-30T12:00:00Z");
    const fresh = device({ id: "a", last_seen_at: "2026-11-30T12:00:00Z", pending_scans: 4 });
    const idle = device({ id: "b", last_seen_at: "2026-11-30T12:00:00Z", pending_scans: 0 });
    let since = trackWaiting(new Map(), [fresh, idle], t0);
    expect([...since]).toEqual([["a", t0]]);
    // Still waiting 5 minutes and a second later, the device calling all along.
    const later = t0 + 301_000;
    const still = { ...fresh, last_seen_at: new Date(later).toISOString(), pending_scans: 2 };
    since = trackWaiting(since, [still, idle], later);
    expect(since.get("a")).toBe(t0);
    expect(deviceAlerts(still, later, since.get("a"))).toEqual([{ kind: "waiting", forMs: 301_000 }]);
    expect(deviceAlerts(still, t0 + 299_000, since.get("a"))).toEqual([]);
    // Uploaded: the wait ends.
    since = trackWaiting(since, [{ ...still, pending_scans: 0 }], later + 5_000);
    expect(since.size).toBe(0);
    // A page opened late: the count was reported at the last call, so the wait is at least that old.
    const quiet = device({ id: "c", last_seen_at: "2026-11-30T11:50:00Z", pending_scans: 3 });
    const first = trackWaiting(new Map(), [quiet], t0);
    expect(first.get("c")).toBe(Date.parse("2026-11-30T11:50:00Z"));
    expect(deviceAlerts(quiet, t0, first.get("c")).map((a) => a.kind)).toEqual(["unseen", "waiting"]);
  });
});
