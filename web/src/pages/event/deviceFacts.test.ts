import { describe, expect, it } from "vitest";
import type { Device } from "../../api/devices";
import { countdown, deviceNames, expired, sortDevices } from "./deviceFacts";

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
});
