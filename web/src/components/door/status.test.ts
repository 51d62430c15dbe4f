import { describe, expect, it } from "vitest";
import type { DoorConflict } from "../../door/types";
import { translate, type Lang, type MessageKey, type Vars } from "../../i18n";
import { ago, conflictText } from "./status";

const tFor = (lang: Lang) => (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
const side = (gate: string | null) => ({
  scan_id: "s",
  gate,
  device_id: "d",
  user_id: "u",
  scanned_at: "2026-06-01T12:00:00Z",
  received_at: "2026-06-01T12:05:00Z",
  offline: true,
});
const conflict = (over: Partial<DoorConflict> = {}): DoorConflict => ({
  id: "c1",
  ticket_id: "t1",
  holder_name: "Emmy Noether",
  category: "VIP",
  reason: "already_used",
  detected_at: "2026-06-01T12:05:00Z",
  first: side("North"),
  second: side("South"),
  ...over,
});

describe("door status texts", () => {
  it("says how long ago the list was updated", () => {
    const en = tFor("en");
    expect(ago(en, 1200)).toBe("just now");
    expect(ago(en, 12_400)).toBe("12 s ago");
    expect(ago(en, 185_000)).toBe("3 min ago");
    expect(ago(en, 2 * 3600_000 + 5)).toBe("2 h ago");
    expect(ago(tFor("fr"), 12_000)).toBe("il y a 12 s");
    expect(ago(en, -50)).toBe("just now");
  });

  it("names the other gate of a double admission", () => {
    expect(conflictText(conflict(), tFor("en"))).toBe(
      "Ticket of Emmy Noether was also admitted at gate North — conflict recorded.",
    );
    expect(conflictText(conflict({ first: side(null) }), tFor("en"))).toBe(
      "Ticket of Emmy Noether was also admitted at another door — conflict recorded.",
    );
    expect(conflictText(conflict(), tFor("fr"))).toBe(
      "Le billet de Emmy Noether a aussi été admis à l’entrée North — conflit enregistré.",
    );
  });

  it("explains the other conflicts", () => {
    expect(conflictText(conflict({ reason: "revoked", holder_name: "" }), tFor("en"))).toBe(
      "Ticket of #t1 had been cancelled when it was admitted offline — conflict recorded.",
    );
    expect(conflictText(conflict({ reason: "expired" }), tFor("en"))).toMatch(/had expired/);
    expect(conflictText(conflict({ reason: "not_yet_valid" }), tFor("en"))).toMatch(/not valid yet/);
    expect(conflictText(conflict({ reason: "strange" }), tFor("en"))).toMatch(/\(strange\)/);
  });
});
