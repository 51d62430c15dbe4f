// The attendee's ticket kept on their own device, so that the page still shows
// it at a door whose network is down. The API's answers are `no-store` and the
// service worker never caches them: the page keeps its own copy, here.
import type { PublicTicketResponse } from "../api/types";

/** A ticket as last seen online, with its QR code as an image URL (data:, allowed by the CSP). */
export interface SavedTicket {
  ticket: PublicTicketResponse;
  qr: string | null;
  savedAt: string;
}

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const keyOf = (accessKey: string) => `qre.ticket.${accessKey}`;

/** The storage of this page, or null where there is none (private mode, tests). */
export function pageStorage(): Store | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** The saved copy of a ticket, or null when there is none (or it is unreadable). */
export function loadTicket(store: Store | null, accessKey: string): SavedTicket | null {
  try {
    const raw = store?.getItem(keyOf(accessKey));
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<SavedTicket>;
    const t = saved.ticket;
    if (!t || typeof t.event_name !== "string" || typeof t.holder_name !== "string" || typeof saved.savedAt !== "string") return null;
    return { ticket: t, qr: typeof saved.qr === "string" && saved.qr.startsWith("data:image/svg+xml") ? saved.qr : null, savedAt: saved.savedAt };
  } catch {
    return null;
  }
}

/** Keeps a copy; a full or missing storage only means no copy. */
export function saveTicket(store: Store | null, accessKey: string, saved: SavedTicket): void {
  try {
    store?.setItem(keyOf(accessKey), JSON.stringify(saved));
  } catch {
    /* quota or private mode: the page works online as before */
  }
}

/** Drops the copy of a ticket the server no longer knows. */
export function forgetTicket(store: Store | null, accessKey: string): void {
  try {
    store?.removeItem(keyOf(accessKey));
  } catch {
    /* nothing kept, nothing to drop */
  }
}

/** An SVG document as an image URL. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
