import { describe, expect, it } from "vitest";
import { translate, type Lang, type MessageKey } from "../i18n";
import { actionText, canAssign, canManage, countText, reasonText } from "./reasons";

const t = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

describe("texts for codes", () => {
  it("names refusals and actions, falling back to the code", () => {
    expect(reasonText("already_used", t("fr"))).toBe("Déjà utilisé");
    expect(reasonText("cosmic_rays", t("en"))).toBe("cosmic_rays");
    expect(actionText("ticket.revoked", t("en"))).toBe("Ticket revoked");
    expect(actionText("auth.login", t("en"))).toBe("auth.login");
  });
});

describe("countText", () => {
  it("picks the singular by each language's rules", () => {
    expect(countText(t("en"), "en", "dash.tickets.count", 1)).toBe("1 ticket shown.");
    expect(countText(t("en"), "en", "dash.tickets.count", 0)).toBe("0 tickets shown.");
    expect(countText(t("fr"), "fr", "dash.tickets.count", 0)).toBe("0 billet affiché.");
    expect(countText(t("fr"), "fr", "dash.tickets.count", 2)).toBe("2 billets affichés.");
  });

  it("formats large numbers", () => {
    expect(countText(t("en"), "en", "dash.issue.issuedMany", 12000)).toBe("12,000 tickets issued.");
  });
});

describe("canAssign", () => {
  it("mirrors the server's rule", () => {
    expect(canAssign("owner", "owner")).toBe(true);
    expect(canAssign("manager", "scanner")).toBe(true);
    expect(canAssign("manager", "manager")).toBe(false);
    expect(canAssign("scanner", "scanner")).toBe(false);
  });
});

describe("canManage", () => {
  it("is owners and managers, not scanners nor roles this UI does not know", () => {
    expect(["owner", "manager", "scanner", "auditor"].map(canManage)).toEqual([true, true, false, false]);
  });
});
