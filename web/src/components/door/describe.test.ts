import { describe, expect, it } from "vitest";
import type { ScanResponse } from "../../api/types";
import { ApiError } from "../../api/client";
import { translate, type Lang, type MessageKey, type Vars } from "../../i18n";
import { DoorError } from "../../door/errors";
import { describeAnswer } from "./describe";

const tFor = (lang: Lang) => (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
const dateTime = (iso: string, zone?: string) =>
  new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: zone }).format(new Date(iso));

const ticket = {
  id: "t1",
  holder_name: "Camille Durand",
  category: "VIP",
  uses: 1,
  max_uses: 1,
  first_used_at: "2026-05-01T18:05:00Z",
  first_gate: "North",
  valid_from: "2026-05-01T16:00:00Z",
  valid_until: "2026-05-02T02:00:00Z",
};

function res(result: string, reason: string | null, t: ScanResponse["ticket"] = ticket): ScanResponse {
  return { result, reason, ticket: t, scan_id: "s", replayed: false };
}

describe("door answer texts", () => {
  it("verify mode: valid, not admitted, and says no entry was counted", () => {
    const a = describeAnswer({ kind: "admitted", response: res("admitted", null), offline: false }, tFor("fr"), dateTime, "UTC", "verify");
    expect(a).toMatchObject({ tone: "ok", headline: "VALIDE", details: ["Vérifié seulement : aucune entrée n’a été comptée."] });
    expect(a.announcement).toBe("VALIDE, Camille Durand, VIP. Vérifié seulement : aucune entrée n’a été comptée.");
  });

  it("admitted: name and category, uses for re-entry tickets", () => {
    const a = describeAnswer({ kind: "admitted", response: res("admitted", null), offline: false }, tFor("en"), dateTime, "Europe/Paris");
    expect(a).toMatchObject({ tone: "ok", headline: "ADMITTED", holder: "Camille Durand", category: "VIP", details: [] });
    expect(a.announcement).toBe("Admitted: Camille Durand, VIP.");
    const multi = describeAnswer(
      { kind: "admitted", response: res("admitted", null, { ...ticket, uses: 2, max_uses: 3 }), offline: false },
      tFor("en"),
      dateTime,
      "UTC",
    );
    expect(multi.details).toEqual(["Entry 2 of 3"]);
  });

  it("already used: when, in the event's zone, and at which gate", () => {
    const a = describeAnswer({ kind: "refused", response: res("rejected", "already_used"), offline: false }, tFor("en"), dateTime, "Europe/Paris");
    expect(a.tone).toBe("bad");
    expect(a.headline).toBe("REFUSED");
    expect(a.reason).toBe("Already used");
    expect(a.details).toEqual(["First used on 20:05 at gate North."]);
    expect(a.announcement).toContain("Refused: Already used.");
    const reentry = describeAnswer(
      { kind: "refused", response: res("rejected", "already_used", { ...ticket, uses: 3, max_uses: 3 }), offline: false },
      tFor("en"),
      dateTime,
      "Europe/Paris",
    );
    expect(reentry.details).toEqual(["First used on 20:05 at gate North.", "All 3 entries used."]);
  });

  it("speaks French", () => {
    const a = describeAnswer({ kind: "refused", response: res("rejected", "revoked"), offline: false }, tFor("fr"), dateTime, "UTC");
    expect(a.headline).toBe("REFUSÉ");
    expect(a.reason).toBe("Billet annulé");
    expect(a.details).toEqual(["L’organisateur a annulé ce billet."]);
  });

  it("explains every refusal reason", () => {
    for (const reason of ["revoked", "expired", "not_yet_valid", "wrong_event", "invalid_code"]) {
      const a = describeAnswer({ kind: "refused", response: res("rejected", reason), offline: false }, tFor("en"), dateTime, "UTC");
      expect(a.reason).not.toMatch(/door\./);
      expect(a.details.length).toBe(1);
    }
    const unknown = describeAnswer({ kind: "refused", response: res("rejected", "cosmic_rays", null), offline: false }, tFor("en"), dateTime, "UTC");
    expect(unknown.reason).toBe("Refused (cosmic_rays)");
  });

  it("a ticket without a category is announced without a dangling comma", () => {
    const noCategory = { ...ticket, category: "" };
    const en = describeAnswer({ kind: "admitted", response: res("admitted", null, noCategory), offline: false }, tFor("en"), dateTime, "UTC");
    expect(en.category).toBeNull();
    expect(en.announcement).toBe("Admitted: Camille Durand.");
    const fr = describeAnswer({ kind: "admitted", response: res("admitted", null, noCategory), offline: false }, tFor("fr"), dateTime, "UTC");
    expect(fr.announcement).toBe("Admis : Camille Durand.");
    const bare = describeAnswer({ kind: "admitted", response: res("admitted", null, null), offline: false }, tFor("en"), dateTime, "UTC");
    expect(bare.announcement).toBe("Admitted.");
    expect(bare.holder).toBeNull();
  });

  it("says when the device decided offline, and when the ticket is newer than its list", () => {
    const a = describeAnswer(
      { kind: "admitted", response: res("admitted", null, null), offline: true, unlisted: true },
      tFor("en"),
      dateTime,
      "UTC",
    );
    expect(a.offline).toBe(true);
    expect(a.announcement).toBe("Admitted. Offline decision.");
    expect(a.details).toEqual(["Ticket issued after this device’s list was downloaded: one entry allowed."]);
    const r = describeAnswer({ kind: "refused", response: res("rejected", "revoked"), offline: true }, tFor("fr"), dateTime, "UTC");
    expect(r.announcement).toBe("Refusé : Billet annulé. L’organisateur a annulé ce billet. Décision hors ligne.");
  });

  it("explains a scan the device could not decide", () => {
    const a = describeAnswer({ kind: "error", error: new DoorError("no_pack") }, tFor("en"), dateTime, "UTC");
    expect(a.reason).toMatch(/no ticket list for this event yet/);
  });

  it("a request error is not a door answer", () => {
    const a = describeAnswer({ kind: "error", error: new ApiError(403, null) }, tFor("en"), dateTime, "UTC");
    expect(a.tone).toBe("bad");
    expect(a.headline).toBe("Scan not processed");
  });

  it("a name kept off door devices: the category and a muted note, never undefined", () => {
    const nameless: ScanResponse["ticket"] = { ...ticket, holder_name: undefined };
    delete nameless?.holder_name;
    for (const [kind, result, reason] of [
      ["admitted", "admitted", null],
      ["refused", "rejected", "already_used"],
    ] as const) {
      const a = describeAnswer({ kind, response: res(result, reason, nameless), offline: false }, tFor("en"), dateTime, "UTC");
      expect(a).toMatchObject({ holder: null, nameHidden: true, category: "VIP" });
      expect(a.announcement).not.toMatch(/undefined|null/);
    }
    const fr = describeAnswer({ kind: "admitted", response: res("admitted", null, { ...nameless, holder_name: null }), offline: false }, tFor("fr"), dateTime, "UTC");
    expect(fr).toMatchObject({ nameHidden: true, announcement: "Admis : VIP." });
    // A ticket issued without a name is not a name withheld; no ticket at all says nothing of names.
    const empty = describeAnswer({ kind: "admitted", response: res("admitted", null, { ...ticket, holder_name: "" }), offline: false }, tFor("en"), dateTime, "UTC");
    expect(empty).toMatchObject({ holder: null, nameHidden: false });
    const invalid = describeAnswer({ kind: "refused", response: res("rejected", "invalid_code", null), offline: false }, tFor("en"), dateTime, "UTC");
    expect(invalid.nameHidden).toBe(false);
  });
});
