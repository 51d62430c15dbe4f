// Dates and numbers in the person's language, times in the event's zone.
import type { Lang } from "../i18n";
import { isTimeZone } from "./time";

const DEFAULT_LOCALE: Record<Lang, string> = { en: "en-GB", fr: "fr-FR" };
let preferred: readonly string[] = [];
const chosen = new Map<Lang, string>();

/**
 * The browser's language preferences (`navigator.languages`), given once at
 * start-up: a browser set to en-US or fr-CA formats dates and numbers its
 * own way in that language.
 */
export function preferLocales(tags: readonly string[]): void {
  preferred = [...tags];
  chosen.clear();
}

/**
 * The one place a language becomes a locale for Intl: the first preferred
 * tag of that language when it names a region this browser supports
 * ("en-US"), else en-GB or fr-FR.
 */
export function localeOf(lang: Lang): string {
  let locale = chosen.get(lang);
  if (locale === undefined) {
    locale = DEFAULT_LOCALE[lang];
    const tag = preferred.find((p) => p.toLowerCase().split("-")[0] === lang);
    if (tag && tag.includes("-")) {
      try {
        const [canonical] = Intl.getCanonicalLocales(tag);
        if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) locale = canonical;
      } catch {
        /* not a language tag: the default */
      }
    }
    chosen.set(lang, locale);
  }
  return locale;
}

/** A zone Intl can use: the event's own, or UTC if this browser does not know it. */
export function safeZone(timeZone: string | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : "UTC";
}

/** "12 Mar 2026, 18:00 – 23:30" (dates once when they are the same day); `full` names the weekday. */
export function formatRange(
  startIso: string,
  endIso: string,
  timeZone: string,
  lang: Lang,
  dateStyle: "medium" | "full" = "medium",
): string {
  const f = new Intl.DateTimeFormat(localeOf(lang), { dateStyle, timeStyle: "short", timeZone: safeZone(timeZone) });
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return "";
  try {
    return f.formatRange(start, end);
  } catch {
    return `${f.format(start)} – ${f.format(end)}`;
  }
}

/** A time of day ("18:04" or "18:04:09") in a zone. */
export function formatClock(iso: string | number, timeZone: string, lang: Lang, seconds = false): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    hour: "2-digit",
    minute: "2-digit",
    second: seconds ? "2-digit" : undefined,
    hourCycle: "h23",
    timeZone: safeZone(timeZone),
  }).format(new Date(iso));
}

/** A date and time ("12 Mar 2026, 18:00"): in `timeZone` (UTC if unknown here), or the device's own when none is given. */
export function formatDateTime(iso: string, timeZone: string | undefined, lang: Lang): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone === undefined ? undefined : safeZone(timeZone),
  }).format(at);
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang)).format(n);
}

/** The plural category of `n` in `lang` ("one", "other", …). */
export function pluralOf(n: number, lang: Lang): Intl.LDMLPluralRule {
  return new Intl.PluralRules(localeOf(lang)).select(n);
}

/** `part` as a percentage of `whole`, one decimal, 0 when there is no whole. */
export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.round((part / whole) * 1000) / 10;
}

export function formatPercent(value: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
}

/** The first block of a UUID, enough to tell entries apart on screen. */
export const shortId = (id: string) => id.split("-")[0] ?? id;

export type ElapsedUnit = "second" | "minute" | "hour" | "day";

/** A span in its largest whole unit: 95 s → 1 minute, 3 h 50 → 3 hours (never negative). */
export function elapsed(ms: number): { value: number; unit: ElapsedUnit } {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return { value: s, unit: "second" };
  if (s < 3600) return { value: Math.floor(s / 60), unit: "minute" };
  if (s < 86400) return { value: Math.floor(s / 3600), unit: "hour" };
  return { value: Math.floor(s / 86400), unit: "day" };
}

/** "3 minutes" / "3 minutes" (a span, for "not seen for 3 minutes"). */
export function formatSpan(ms: number, lang: Lang): string {
  const { value, unit } = elapsed(ms);
  return new Intl.NumberFormat(localeOf(lang), { style: "unit", unit, unitDisplay: "long" }).format(value);
}

/** Below this, "just now" rather than a count of seconds. */
export const JUST_NOW_MS = 10_000;

/**
 * "3 min ago" / "il y a 3 min" from `iso` to `now`; `justNow` under ten
 * seconds (a clock a little ahead of the server's counts as just now too).
 */
export function formatAgo(iso: string, now: number, lang: Lang, justNow: string): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return "";
  if (ms < JUST_NOW_MS) return justNow;
  const { value, unit } = elapsed(ms);
  return new Intl.RelativeTimeFormat(localeOf(lang), { numeric: "always", style: "short" }).format(-value, unit);
}
