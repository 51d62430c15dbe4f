// Language choice (from the browser, switchable, remembered) and lookup.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { formatDateTime, formatNumber } from "../lib/format";
import { en, fr, type MessageKey, type Messages } from "./messages";

export type Lang = "en" | "fr";
export const LANGS: Lang[] = ["en", "fr"];
const CATALOG: Record<Lang, Messages> = { en, fr };
const STORAGE_KEY = "qre.lang";

/** The first supported language among the browser's preferences. */
export function detectLang(preferred: readonly string[], stored: string | null): Lang {
  if (stored === "en" || stored === "fr") return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "fr" || base === "en") return base;
  }
  return "en";
}

export type Vars = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders; numbers are written the language's way ("12,000", "12 000"). */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = CATALOG[lang][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === "number" ? formatNumber(value, lang) : value;
  });
}

export type T = (key: MessageKey, vars?: Vars) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Takes `lang` for this page unless the person chose a language on this device. */
  suggestLang: (lang: Lang) => void;
  t: T;
  /** Formats a date-time in the person's language and the given zone (the device's when none; UTC when unknown here). */
  dateTime: (iso: string, timeZone?: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Lang }) {
  const [lang, setLangState] = useState<Lang>(
    () => initial ?? detectLang(typeof navigator === "undefined" ? [] : navigator.languages, readStored()),
  );
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);
  const suggestLang = useCallback((next: Lang) => {
    if (readStored() === null) setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    return {
      lang,
      setLang,
      suggestLang,
      t: (key, vars) => translate(lang, key, vars),
      dateTime: (iso, timeZone) => formatDateTime(iso, timeZone, lang),
    };
  }, [lang, setLang, suggestLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t("lang.label")}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t("lang.label")}>
        <option value="en">English</option>
        <option value="fr">Français</option>
      </select>
    </label>
  );
}

export type { MessageKey };
