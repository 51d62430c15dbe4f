// What changes with the page: the tab's title, and where the keyboard and
// the screen reader are after moving to another page (the page's heading,
// as a new document would start there, instead of a body left behind).
import { useEffect, useRef } from "react";
import { useLocation } from "react-router-dom";
import { useI18n } from "../i18n";

type Part = string | null | undefined | false;

/** "Live – Concert – QR Event": the most specific part first, as browsers cut long titles. */
export function pageTitle(parts: readonly Part[]): string {
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(" – ");
}

/** Sets the tab's title to `parts` then the app's name; `null` while the page does not know its title yet. */
export function usePageTitle(parts: readonly Part[] | null): void {
  const { t } = useI18n();
  const title = parts === null ? null : pageTitle([...parts, t("app.name")]);
  useEffect(() => {
    if (title !== null) document.title = title;
  }, [title]);
}

/** The event a dashboard section belongs to (`/events/{id}/{section}…`). */
const sectionOf = (path: string) => /^\/events\/([^/]+)\/[^/]/.exec(path)?.[1] ?? null;

/**
 * Which heading gets the focus after moving from `from` to `to`: the page's
 * `h1`, or the section's `h2` when only the section of the same event
 * changed (the event's heading and tabs stay). None on the door, whose code
 * field keeps the focus for the next handheld scan, nor when the path is the
 * same (filters in the query string).
 */
export function focusTarget(from: string, to: string): "main h1" | "main h2" | null {
  if (from === to || to.startsWith("/scan/")) return null;
  const event = sectionOf(to);
  return event !== null && event === sectionOf(from) ? "main h2" : "main h1";
}

/**
 * Focuses the first element matching `selector` once it is on the page
 * (pages load their code and data first), again if it is replaced (a
 * loading heading by the loaded one), and stops as soon as the person or
 * the page (an autofocused field) puts the focus elsewhere than where it
 * was (the link followed may stay on the page). Returns a stop.
 */
export function focusWhenShown(selector: string, timeoutMs = 5000): () => void {
  const ours = new WeakSet<Element>();
  const before = document.activeElement;
  const step = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active !== before && !ours.has(active)) return stop();
    const heading = document.querySelector<HTMLElement>(selector);
    if (!heading || heading === active) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    ours.add(heading);
    heading.focus();
  };
  const observer = new MutationObserver(step);
  const timer = window.setTimeout(() => stop(), timeoutMs);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  step();
  return stop;
}

/** Moves the focus to the new page's heading after each navigation (not on the first load). */
export function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const from = previous.current;
    previous.current = pathname;
    if (from === null) return;
    const target = focusTarget(from, pathname);
    return target ? focusWhenShown(target) : undefined;
  }, [pathname]);
}
