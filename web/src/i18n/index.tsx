// Language choice (from the browser, switchable, remembered) and lookup.
// Only the catalogue of the language shown is downloaded (catalog.ts): a
// switch keeps the current texts until the other catalogue has arrived.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { formatDateTime, formatNumber } from "../lib/format";
import { catalogues, type Lang } from "./catalog";
import { en, type MessageKey } from "./messages";

export type { Lang };
export const LANGS: Lang[] = ["en", "fr"];
/** Each language's name in itself, as the language select shows it. */
const LANG_NAMES: Record<Lang, string> = { en: "English", fr: "Français" };
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

/**
 * Looks a key up and fills `{name}` placeholders; numbers are written the
 * language's way ("12,000", "12 000"). English while the language's
 * catalogue is not loaded (the provider waits for it: see `I18nProvider`).
 */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = catalogues.get(lang)?.[key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === "number" ? formatNumber(value, lang) : value;
  });
}

export type T = (key: MessageKey, vars?: Vars) => string;

interface I18n {
  /** The language of the texts shown. */
  lang: Lang;
  /** The language asked for while its catalogue is on its way, else null. */
  loading: Lang | null;
  /** A language whose catalogue could not be fetched (offline), else null. */
  failed: Lang | null;
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
  // `wanted` is the language asked for; `lang` the one shown, which follows
  // once its catalogue is at hand (null at first until then: nothing is
  // rendered rather than English texts replaced a moment later by French).
  const [wanted, setWanted] = useState<Lang>(
    () => initial ?? detectLang(typeof navigator === "undefined" ? [] : navigator.languages, readStored()),
  );
  const [lang, setShown] = useState<Lang | null>(() => (catalogues.get(wanted) ? wanted : null));
  const [failed, setFailed] = useState<Lang | null>(null);
  const setLang = useCallback((next: Lang) => {
    setWanted(next);
    setFailed(null);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);
  const suggestLang = useCallback((next: Lang) => {
    if (readStored() === null) setWanted(next);
  }, []);
  useEffect(() => {
    if (wanted === lang) return;
    let current = true;
    catalogues.load(wanted).then(
      () => {
        if (!current) return;
        setShown(wanted);
        setFailed(null);
      },
      () => {
        if (!current) return;
        // Offline before this catalogue was ever fetched: stay in (or fall
        // back to) a language at hand, and say so; the stored choice is kept.
        const fallback = lang ?? "en";
        setShown(fallback);
        setWanted(fallback);
        setFailed(wanted);
      },
    );
    return () => {
      current = false;
    };
  }, [wanted, lang]);
  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n | null>(() => {
    if (!lang) return null;
    return {
      lang,
      loading: wanted === lang ? null : wanted,
      failed,
      setLang,
      suggestLang,
      t: (key, vars) => translate(lang, key, vars),
      dateTime: (iso, timeZone) => formatDateTime(iso, timeZone, lang),
    };
  }, [lang, wanted, failed, setLang, suggestLang]);
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

export function LanguageSwitch() {
  const { lang, loading, failed, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t("lang.label")}</span>
      <select value={loading ?? lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t("lang.label")}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANG_NAMES[l]}
          </option>
        ))}
      </select>
      {failed && (
        <span className="lang-switch-error" role="alert">
          {t("lang.unavailable", { language: LANG_NAMES[failed] })}
        </span>
      )}
    </label>
  );
}

export type { MessageKey };
