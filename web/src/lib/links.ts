// One-time links sent to people (an invitation to an event's staff, the
// confirmation of an e-mail address): `/invite#<token>`, `/verify-email#<token>`.
// The token travels in the fragment, so it never reaches the server's logs
// or a Referer header; the page takes it out of the address bar at once and
// keeps it in sessionStorage (this tab only) until it is used, so that a
// person who must sign in or register first can still accept afterwards.
// Also: where a page sends someone after signing in ("return to").

// Tokens are URL-safe; anything else in a fragment is not one (a pasted link may carry a newline or quotes).
const TOKEN = /^[A-Za-z0-9._~-]{8,512}$/;

/** The token of a link's fragment (`#<token>`, or `#token=<token>`); null when there is none. */
export function fragmentToken(hash: string): string | null {
  let raw = hash.startsWith("#") ? hash.slice(1) : hash;
  if (raw.startsWith("token=")) raw = raw.slice("token=".length);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  raw = raw.trim();
  return TOKEN.test(raw) ? raw : null;
}

type Place = Pick<Location, "hash" | "pathname" | "search">;
type Past = Pick<History, "replaceState" | "state">;
type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function session(): Store | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** sessionStorage keys of the links' tokens. */
export const INVITE_TOKEN_KEY = "qre.invite.token";
export const VERIFY_TOKEN_KEY = "qre.verify.token";

/**
 * The token of the link this page was opened with. A fragment is removed
 * from the address bar at once (it must not linger in the history, a
 * bookmark or a screenshot) and its token kept under `key`; without a
 * fragment, the token kept earlier in this tab (the person went to sign in
 * and came back). A fragment that holds no token also forgets the kept one:
 * the newest link wins.
 */
export function takeLinkToken(key: string, loc: Place = window.location, history: Past = window.history, storage: Store | null = session()): string | null {
  if (loc.hash) {
    const token = fragmentToken(loc.hash);
    history.replaceState(history.state, "", loc.pathname + loc.search);
    try {
      if (token) storage?.setItem(key, token);
      else storage?.removeItem(key);
    } catch {
      /* private mode: the token lasts as long as this page */
    }
    return token;
  }
  try {
    const kept = storage?.getItem(key) ?? null;
    return kept && TOKEN.test(kept) ? kept : null;
  } catch {
    return null;
  }
}

/** Forgets a kept token (used, or refused by the server). */
export function forgetLinkToken(key: string, storage: Store | null = session()): void {
  try {
    storage?.removeItem(key);
  } catch {
    /* nothing kept */
  }
}

/**
 * A link the server gave, ready to pass on: a path (`/invite#…`, when the
 * server does not know its public address) is put on this site's origin; an
 * absolute link is kept as it is.
 */
export function absoluteLink(url: string, origin: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return origin.replace(/\/+$/, "") + url;
  return url;
}

/**
 * Only a path on this site may be a post-sign-in destination: not another
 * site (`//host`, `/\host`, which browsers read as `//host`), not a scheme,
 * nothing with control characters.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  return next;
}

/** The sign-in or registration page that comes back to `next` afterwards. */
export function signInPath(mode: "login" | "register", next: string): string {
  const back = safeNext(next);
  return `/${mode}${back === "/" ? "" : `?next=${encodeURIComponent(back)}`}`;
}

const DAY_MS = 86_400_000;

/** How many days a link works, from its creation to its expiry (at least 1). */
export function linkDays(createdIso: string, expiresIso: string): number {
  const ms = Date.parse(expiresIso) - Date.parse(createdIso);
  return Number.isFinite(ms) ? Math.max(1, Math.round(ms / DAY_MS)) : 1;
}

/** A Retry-After wait for a sentence: seconds under two minutes, else whole minutes (rounded up). */
export function waitFor(seconds: number | null | undefined): { n: number; unit: "s" | "min" } {
  const s = seconds && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
  return s < 120 ? { n: s, unit: "s" } : { n: Math.ceil(s / 60), unit: "min" };
}
