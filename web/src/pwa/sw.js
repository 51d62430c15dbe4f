/* global self, caches */
// The service worker (/sw.js): once opened, the app opens again with no
// network (the door scanner and the attendee's ticket above all).
//
// - Install: precache the shell (/index.html) and every file of the build,
//   listed below by the build (vite.config.ts); then take over at once.
// - Activate: delete the caches of older builds.
// - Page loads: network first; after NAVIGATION_TIMEOUT_MS without an answer,
//   or offline, or a 5xx from a proxy, the cached shell.
// - /assets/* (hashed, immutable): cache first.
// - /api/* and the probes: never touched, never cached (the door keeps its
//   data in IndexedDB; API answers are `no-store`).
//
// Plain JavaScript, no import: the build only rewrites the MANIFEST line.
const MANIFEST = { "version": "dev", "files": ["/index.html"] }; // @precache

const PREFIX = "qre-shell-";
const CACHE = PREFIX + MANIFEST.version;
const SHELL = "/index.html";
const NAVIGATION_TIMEOUT_MS = 3000;
const PRECACHED = new Set(MANIFEST.files);

/** Paths the service worker leaves to the network: the API and the server's probes. */
function networkOnly(path) {
  return path === "/api" || path.startsWith("/api/") || path === "/healthz" || path === "/readyz" || path === "/metrics";
}

/** An app route (the server answers index.html): no dot in the path, as the server decides. */
function isAppRoute(path) {
  return !path.includes(".");
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(MANIFEST.files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || networkOnly(url.pathname)) return;
  if (request.mode === "navigate" && isAppRoute(url.pathname)) {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request, event));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(request, null));
  }
});

/** The cached shell: this build's, else any build's still around. */
async function cachedShell() {
  const cache = await caches.open(CACHE);
  return (await cache.match(SHELL)) || (await caches.match(SHELL));
}

/** Network first, bounded in time; the cached shell when the network fails or is slow. */
async function navigate(request) {
  const network = fetch(request);
  // Answered by the shell after a timeout, the late network answer is dropped.
  network.catch(() => undefined);
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS);
  });
  try {
    const response = await Promise.race([network, timeout]);
    if (response && response.status < 500) return response;
  } catch {
    // offline: the shell below
  } finally {
    clearTimeout(timer);
  }
  const shell = await cachedShell();
  return shell || network;
}

/** From any cache of this app, else the network; `event` given: keep what came (hashed files never change). */
async function cacheFirst(request, event) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (event && response.ok) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
  }
  return response;
}
