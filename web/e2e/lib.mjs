// What the specs share: setting up their data through the API from inside a
// page (same origin, the page's cookies: its context is signed in as the
// account it registers), the phone they open the door pages on, and waiting
// for the service worker.
/* global window, document -- functions passed to page.evaluate run in the browser */

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const HOUR = 3600_000;

/** Opens the sign-in page and lets the app's own session check (me → refresh, both 401) finish first: it would race the calls that follow. */
export async function openBlank(page, baseUrl) {
  const checked = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/refresh"));
  await page.goto(`${baseUrl}/login`);
  await checked;
}

/** A JSON API call from inside the page: its cookies, and the CSRF token from its cookie. */
export function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie
        .split("; ")
        .find((c) => c.split("=")[0].endsWith("qre_csrf"))
        ?.split("=")[1];
      const res = await fetch(path, {
        method,
        headers: {
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...(csrf ? { "X-CSRF-Token": decodeURIComponent(csrf) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    { method, path, body },
  );
}

/** Registers a new account (a fresh e-mail starting with `prefix`) on the sign-in page: the page's context is then signed in as it. */
export async function register(page, baseUrl, { name, prefix, password = "e2e passphrase 2026" }) {
  await openBlank(page, baseUrl);
  const email = `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.org`;
  await api(page, "POST", "/api/v1/auth/register", { email, password, name });
  return { email, password };
}

/** The fields of an event running now: it began an hour ago and ends in six hours, in Paris. */
export function runningNow(fields) {
  const now = Date.now();
  return {
    starts_at: new Date(now - HOUR).toISOString(),
    ends_at: new Date(now + 6 * HOUR).toISOString(),
    timezone: "Europe/Paris",
    ...fields,
  };
}

/** Creates an event running now (see runningNow), owned by the signed-in account. */
export function createEvent(page, fields) {
  return api(page, "POST", "/api/v1/events", runningNow(fields));
}

export function issueTicket(page, eventId, ticket) {
  return api(page, "POST", `/api/v1/events/${eventId}/tickets`, ticket);
}

export function revokeTicket(page, eventId, ticketId) {
  return api(page, "POST", `/api/v1/events/${eventId}/tickets/${ticketId}/revoke`);
}

/**
 * Waits until the service worker is activated: it then serves the next page
 * load, the offline reload included. (Whether it controls this very page does
 * not matter, and is not certain: a page loaded by a full navigation while the
 * worker was installing may miss its clients.claim() until the next load.)
 */
export async function swActivated(page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    window.__qreSw = reg.active;
  });
  await page.waitForFunction(() => window.__qreSw?.state === "activated", null, { timeout: 15_000 });
}
