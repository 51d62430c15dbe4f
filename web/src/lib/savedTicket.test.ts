import { describe, expect, it } from "vitest";
import type { PublicTicketResponse } from "../api/types";
import { forgetTicket, loadTicket, saveTicket, svgDataUrl, type SavedTicket } from "./savedTicket";

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const ticket: PublicTicketResponse = {
  event_name: "Spring Gala",
  holder_name: "Camille Durand",
  category: "VIP",
  status: "active",
  starts_at: "2026-05-01T18:00:00Z",
  ends_at: "2026-05-01T23:00:00Z",
  valid_from: "2026-05-01T16:00:00Z",
  valid_until: "2026-05-02T01:00:00Z",
  timezone: "Europe/Paris",
  venue: "Salle Pleyel",
  wallets: { apple: false, google: false },
};
const saved: SavedTicket = { ticket, qr: svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"/>'), savedAt: "2026-04-30T10:00:00Z" };

describe("saved ticket", () => {
  it("round-trips per access key", () => {
    const store = memory();
    saveTicket(store, "key-1", saved);
    expect(loadTicket(store, "key-1")).toEqual(saved);
    expect(loadTicket(store, "key-2")).toBeNull();
    forgetTicket(store, "key-1");
    expect(loadTicket(store, "key-1")).toBeNull();
  });

  it("ignores unreadable copies and a QR that is not an SVG data URL", () => {
    const store = memory();
    store.setItem("qre.ticket.bad", "{not json");
    expect(loadTicket(store, "bad")).toBeNull();
    store.setItem("qre.ticket.odd", JSON.stringify({ ticket: { event_name: 1 }, savedAt: "x" }));
    expect(loadTicket(store, "odd")).toBeNull();
    store.setItem("qre.ticket.js", JSON.stringify({ ...saved, qr: "javascript:alert(1)" }));
    expect(loadTicket(store, "js")?.qr).toBeNull();
  });

  it("survives a storage that refuses to work", () => {
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(() => saveTicket(broken, "k", saved)).not.toThrow();
    expect(loadTicket(broken, "k")).toBeNull();
    expect(() => forgetTicket(broken, "k")).not.toThrow();
    expect(loadTicket(null, "k")).toBeNull();
  });

  it("encodes an SVG as an image URL", () => {
    expect(svgDataUrl('<svg a="1"/>')).toBe("data:image/svg+xml;charset=utf-8,%3Csvg%20a%3D%221%22%2F%3E");
  });
});
