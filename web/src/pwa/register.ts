// Registers the service worker (/sw.js) of a production build, once the page
// has loaded so that precaching never competes with the first paint.

/** Registers /sw.js in production builds where the browser supports it. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((e: unknown) => {
      // The app works without it; only the offline reload is lost.
      console.warn("service worker not registered", e);
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

const RELOADED_AT = "qre.staleReloadAt";
const RELOAD_GAP_MS = 10_000;

/**
 * A page opened before a new version was installed may ask for a lazily
 * loaded file that no longer exists: reload (the new shell comes with its own
 * files) instead of showing a broken page — at most once in ten seconds, so
 * that a file missing for another reason cannot loop.
 */
export function reloadOnStaleChunks(): void {
  window.addEventListener("vite:preloadError", (event) => {
    const now = Date.now();
    let last: number;
    try {
      last = Number(sessionStorage.getItem(RELOADED_AT)) || 0;
      sessionStorage.setItem(RELOADED_AT, String(now));
    } catch {
      return; // no storage, no loop guard: let the error show
    }
    if (now - last < RELOAD_GAP_MS) return;
    event.preventDefault();
    location.reload();
  });
}
