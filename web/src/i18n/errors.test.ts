import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { ProblemCode } from "../api/types";
import { detectLang, LANGS, translate, type Lang } from "./index";
import { describeError, fieldMessages, fieldText, otherFieldMessages } from "./errors";
import { fr } from "./fr";
import { en } from "./messages";

const t = (lang: Lang) => (key: keyof typeof en, vars?: Record<string, string | number>) => translate(lang, key, vars);

const err = (status: number, code: ProblemCode, extra: object = {}, retry: number | null = null) =>
  new ApiError(status, { type: "t", title: "T", status, detail: "server detail", code, request_id: "req-9", ...extra }, retry);

describe("error mapping", () => {
  it("speaks the person's language", () => {
    expect(describeError(err(401, "invalid_credentials"), t("en"))).toBe("Wrong e-mail or password.");
    expect(describeError(err(401, "invalid_credentials"), t("fr"))).toBe("Adresse e-mail ou mot de passe incorrect.");
  });

  it("fills in waits and request ids", () => {
    expect(describeError(err(429, "rate_limited", {}, 42), t("en"))).toBe("Too many attempts. Try again in 42\u00a0s.");
    expect(describeError(err(429, "rate_limited", {}, 600), t("fr"))).toBe("Trop de tentatives. Réessayez dans 10\u00a0min.");
    expect(describeError(err(429, "quota_exceeded", {}, 20_000), t("en"))).toContain("Try again in 6\u00a0h.");
    expect(describeError(err(429, "quota_exceeded"), t("fr"))).toContain("Réessayez dans 60\u00a0s.");
    expect(describeError(err(500, "internal"), t("fr"))).toContain("req-9");
  });

  it("never shows the server's English text, and handles network errors", () => {
    expect(describeError(err(409, "brand_new_code" as ProblemCode), t("fr"))).toBe("Le serveur a refusé cette demande (erreur 409).");
    expect(describeError(err(503, "brand_new_code" as ProblemCode), t("en"))).toBe("Something went wrong (error 503).");
    expect(describeError(new ApiError(502, null), t("en"))).toBe("Something went wrong (error 502).");
    expect(describeError(err(400, "malformed_body"), t("fr"))).toMatch(/^Les données envoyées/);
    expect(describeError(new ApiError(0, null), t("en"))).toMatch(/cannot be reached/);
    expect(describeError(new Error("x"), t("en"))).toMatch(/went wrong/);
  });

  it("maps field errors next to their fields, under the form's names", () => {
    const e = err(422, "validation_failed", {
      errors: [
        { field: "email", code: "taken", message: "an account already uses this address" },
        { field: "name", code: "strange_code", message: "raw message" },
        { field: "ends_at", code: "before_start", message: "must be after starts_at" },
      ],
    });
    expect(fieldMessages(e, t("fr")).email).toBe("Déjà utilisée par un autre compte.");
    expect(fieldMessages(e, t("fr")).name).toBe("Non valide.");
    expect(fieldMessages(e, t("en"), { ends_at: "end" })).toEqual({
      email: "Already used by another account.",
      name: "Not valid.",
      end: "Must be after the start.",
    });
    expect(otherFieldMessages(e, t("fr"), ["email", "ends_at"])).toEqual(["name: Non valide."]);
    expect(fieldMessages(new Error("x"), t("en"))).toEqual({});
  });

  it("names the problems of CSV lines", () => {
    expect(fieldText("invalid_timezone", t("fr"))).toBe("Fuseau horaire inconnu.");
    expect(fieldText("column_count", t("en"))).toBe("Wrong number of cells on this line.");
    expect(fieldText("brand_new", t("en"))).toBe("Not valid.");
    expect(fieldText("constructor", t("en"))).toBe("Not valid.");
  });
});

// The contract: every code the OpenAPI document lists has a text of its own
// in both languages, and none of them is the server's English description.
interface CodeSchema {
  enum: string[];
  "x-enum-descriptions": Record<string, string>;
}
const openapi = JSON.parse(readFileSync(join(__dirname, "../../openapi.json"), "utf8")) as {
  components: { schemas: Record<string, CodeSchema> };
};
const schema = (name: string) => openapi.components.schemas[name];
const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

function checkTexts(code: string, texts: Record<Lang, string>, description: string, fallbacks: string[]) {
  expect(description, `${code} has no description in the OpenAPI document`).toBeTruthy();
  for (const lang of LANGS) {
    const text = texts[lang];
    expect(text.trim(), `${code} (${lang})`).not.toBe("");
    expect(text, `${code} (${lang}) has an unfilled placeholder`).not.toMatch(/[{}]/);
    expect(plain(text), `${code} (${lang}) is the server's description`).not.toBe(plain(description));
    expect(plain(text), `${code} (${lang}) quotes the server's description`).not.toContain(plain(description));
    expect(fallbacks, `${code} (${lang}) falls back to the generic text`).not.toContain(text);
  }
  expect(texts.fr, `${code}: French and English are the same`).not.toBe(texts.en);
}

describe("the API's error codes", () => {
  it("lists them in the OpenAPI document, with descriptions", () => {
    expect(schema("ProblemCode").enum.length).toBeGreaterThan(20);
    expect(schema("FieldCode").enum.length).toBeGreaterThan(20);
  });

  it("has a French and an English sentence for every problem code", () => {
    const { enum: codes, "x-enum-descriptions": descriptions } = schema("ProblemCode");
    for (const code of codes) {
      const problem = err(code === "internal" ? 500 : 400, code as ProblemCode, {}, 30);
      const texts = { en: describeError(problem, t("en")), fr: describeError(problem, t("fr")) };
      const fallbacks = LANGS.flatMap((lang) => [translate(lang, "errors.refused", { status: 400 }), translate(lang, "errors.unknown", { status: 500 })]);
      checkTexts(code, texts, descriptions[code] ?? "", fallbacks);
    }
  });

  it("has a French and an English sentence for every field code", () => {
    const { enum: codes, "x-enum-descriptions": descriptions } = schema("FieldCode");
    const errors = codes.map((code) => ({ field: code, code, message: descriptions[code] }));
    const problem = err(422, "validation_failed", { errors });
    const byLang = { en: fieldMessages(problem, t("en")), fr: fieldMessages(problem, t("fr")) };
    for (const code of codes) {
      const fallbacks = code === "invalid" ? [] : LANGS.map((lang) => translate(lang, "field.invalid"));
      checkTexts(code, { en: byLang.en[code], fr: byLang.fr[code] }, descriptions[code] ?? "", fallbacks);
    }
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
