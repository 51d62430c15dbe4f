import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { ProblemCode } from "../api/types";
import { detectLang, translate, type Lang } from "./index";
import { en, fr } from "./messages";
import { describeError, fieldMessages } from "./errors";

const t = (lang: Lang) => (key: keyof typeof en, vars?: Record<string, string | number>) => translate(lang, key, vars);

const err = (status: number, code: ProblemCode, extra: object = {}, retry: number | null = null) =>
  new ApiError(status, { type: "t", title: "T", status, detail: "server detail", code, request_id: "req-9", ...extra }, retry);

describe("error mapping", () => {
  it("speaks the person's language", () => {
    expect(describeError(err(401, "invalid_credentials"), t("en"))).toBe("Wrong e-mail or password.");
    expect(describeError(err(401, "invalid_credentials"), t("fr"))).toBe("Adresse e-mail ou mot de passe incorrect.");
  });

  it("fills in retry delays and request ids", () => {
    expect(describeError(err(429, "rate_limited", {}, 42), t("en"))).toContain("42 s");
    expect(describeError(err(500, "internal"), t("fr"))).toContain("req-9");
  });

  it("never shows the server's English text, and handles network errors", () => {
    expect(describeError(err(409, "brand_new_code" as ProblemCode), t("fr"))).toBe("Le serveur a refusé cette demande (erreur 409).");
    expect(describeError(err(400, "malformed_body"), t("fr"))).toBe("La requête n’a pas pu être lue.");
    expect(describeError(new ApiError(0, null), t("en"))).toMatch(/cannot be reached/);
    expect(describeError(new Error("x"), t("en"))).toMatch(/went wrong/);
  });

  it("maps field errors next to their fields", () => {
    const e = err(422, "validation_failed", {
      errors: [
        { field: "email", code: "taken", message: "an account already uses this address" },
        { field: "name", code: "strange_code", message: "raw message" },
      ],
    });
    expect(fieldMessages(e, t("fr")).email).toBe("Déjà utilisée par un autre compte.");
    expect(fieldMessages(e, t("fr")).name).not.toBe("raw message");
  });

  it("has a sentence for every field code the server sends", () => {
    const codes = ["required", "invalid", "invalid_email", "invalid_timezone", "too_long", "out_of_range", "before_start", "before_from", "duplicate", "too_many", "taken"];
    const errors = codes.map((code) => ({ field: code, code, message: "english" }));
    const out = fieldMessages(err(422, "validation_failed", { errors }), t("fr"));
    for (const code of codes) expect(out[code], code).not.toBe("english");
    expect(new Set(Object.values(out)).size).toBeGreaterThan(codes.length - 3);
  });
});

describe("languages", () => {
  it("detects from the browser and honours the stored choice", () => {
    expect(detectLang(["fr-CA", "en"], null)).toBe("fr");
    expect(detectLang(["de", "en-US"], null)).toBe("en");
    expect(detectLang(["de"], null)).toBe("en");
    expect(detectLang(["fr"], "en")).toBe("en");
  });

  it("has every English key in French", () => {
    for (const key of Object.keys(en)) expect(fr[key as keyof typeof en], key).toBeTruthy();
  });
});
