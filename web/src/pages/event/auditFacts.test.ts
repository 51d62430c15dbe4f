import { describe, expect, it } from "vitest";
import { translate, type Lang, type MessageKey } from "../../i18n";
import { chainProblemText, detailRows } from "./auditFacts";
import { deviceNames } from "./deviceFacts";
import type { Device } from "../../api/types";

const t = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
const devices = deviceNames([{ id: "0190aaaa-1111-2222-3333-444444444444", name: "North phone" } as Device]);
const scan = {
  result: "rejected",
  reason: "already_used",
  gate: "North",
  scan_id: "0190bbbb-1111-2222-3333-444444444444",
  mode: "check_in",
  device_id: "0190aaaa-1111-2222-3333-444444444444",
  offline: true,
  scanned_at: "2026-06-15T18:00:00Z",
  manual: null,
};

describe("audit details", () => {
  it("names the details and their known values in French", () => {
    const rows = detailRows(scan, t("fr"), "fr", devices, "Europe/Paris");
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ["résultat", "Refusé"],
      ["motif", "Déjà utilisé"],
      ["porte", "North"],
      ["scan", "0190bbbb"],
      ["mode", "Contrôle d’entrée"],
      ["appareil de contrôle", "North phone"],
      ["décidé hors ligne", "Oui"],
      ["scanné le", "15 juin 2026, 20:00"],
    ]);
    expect(rows.find((r) => r.key === "scan_id")?.id).toBe(scan.scan_id);
  });

  it("formats numbers and keeps what it does not know as it is", () => {
    const rows = detailRows({ count: 12000, role: "manager", cosmic: "rays", conflict: "x" }, t("en"), "en", devices, "UTC");
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ["count", "12,000"],
      ["role", "Manager"],
      ["cosmic", "rays"],
      ["conflict", "x"],
    ]);
    expect(detailRows({ result: "conflict", reason: "scan_id_reused" }, t("en"), "en", devices, "UTC").map((r) => r.value)).toEqual([
      "Admitted at the door, refused by the server",
      "Scan already recorded elsewhere",
    ]);
    expect(detailRows(null, t("en"), "en", devices, "UTC")).toEqual([]);
  });
});

describe("the tamper check's problem", () => {
  it("is said in the person's language, or not at all", () => {
    expect(chainProblemText("seal 1204 is missing", t("en"))).toBe("Seal 1,204 is missing.");
    expect(chainProblemText("12 entries expected, 11 found", t("fr"))).toBe("12 entrées attendues, 11 trouvées.");
    expect(chainProblemText("an entry was altered", t("fr"))).toBe("Une entrée a été modifiée.");
    expect(chainProblemText("the seal does not follow its predecessor", t("en"))).toBe("A seal does not follow the one before it.");
    expect(chainProblemText("something new", t("fr"))).toBeNull();
    expect(chainProblemText(null, t("fr"))).toBeNull();
  });
});
