#!/usr/bin/env node
// Browser benchmark of the offline door (web/bench/README.md).
//
//   npm run bench:door                 # both parts, a table
//   npm run bench:door -- --json       # the same as JSON on stdout
//   npm run bench:door -- --only door  # only the in-page figures (no server)
//   npm run bench:door -- --only shell # only the scanner's first load
//
// Part "door": builds web/bench/door.html with Vite into a temporary
// directory, serves it from 127.0.0.1 (cross-origin isolated, so
// performance.now() has 5 µs resolution), opens it in headless Chromium on a
// fresh on-disk profile with a phone viewport, and runs the page's benchmark
// (the real modules of src/door on a 100,000-ticket pack).
//
// Part "shell": builds the real app into a temporary directory, starts the
// existing debug server binary on a random port and a temporary data
// directory, makes an event with 1,000 tickets through the API, signs in in a
// fresh browser profile and records what the first load of /scan/{eventId}
// transfers (app shell apart from API calls), with the CDP Network domain.
//
// Everything is bounded (--timeout-ms, default 240 s for both parts) and
// cleaned up; when the door part runs out of time, what it measured is printed.
/* global window, document -- functions passed to page.evaluate run in the browser */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { request as apiRequest } from "playwright-core";
import { runningNow } from "../e2e/lib.mjs";
import { checkChromium, chromiumVersion, launchChromiumProfile, startServer } from "../e2e/harness.mjs";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

// ---- options -----------------------------------------------------------------

function parseArgs(argv) {
  const opts = {
    json: false,
    only: null,
    dist: null,
    tickets: 100_000,
    codes: 2_000,
    nobleCodes: 2_000,
    replaceTickets: 4_000,
    loadRepeats: 2,
    shellTickets: 1_000,
    timeoutMs: 240_000,
    seed: 20261129,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--json") opts.json = true;
    else if (a === "--only") opts.only = value();
    else if (a === "--dist") opts.dist = resolve(value());
    else if (a === "--tickets") opts.tickets = Number(value());
    else if (a === "--codes") opts.codes = Number(value());
    else if (a === "--noble-codes") opts.nobleCodes = Number(value());
    else if (a === "--replace-tickets") opts.replaceTickets = Number(value());
    else if (a === "--load-repeats") opts.loadRepeats = Number(value());
    else if (a === "--shell-tickets") opts.shellTickets = Number(value());
    else if (a === "--timeout-ms") opts.timeoutMs = Number(value());
    else if (a === "--seed") opts.seed = Number(value());
    else if (a === "-h" || a === "--help") {
      console.log("usage: node scripts/bench-door.mjs [--json] [--only door|shell] [--dist DIR] [--tickets N] [--codes N]");
      console.log("       [--noble-codes N] [--replace-tickets N] [--load-repeats N] [--shell-tickets N] [--timeout-ms MS] [--seed N]");
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (opts.only && !["door", "shell"].includes(opts.only)) throw new Error("--only takes door or shell");
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = (...args) => (opts.json ? console.error : console.log)(...args);
const info = (...args) => console.error("bench:", ...args);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const started = Date.now();

// ---- resources to release ------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), "qre-bench-"));
const contexts = new Set();
const httpServers = new Set();
let server = null;
let cleaning = null;

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    for (const c of [...contexts]) await c.close().catch(() => {});
    for (const s of [...httpServers]) await new Promise((r) => s.close(r));
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

const watchdog = setTimeout(async () => {
  console.error(`bench: overall timeout (${secs(opts.timeoutMs)})`);
  await cleanup();
  process.exit(2);
}, opts.timeoutMs);
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${secs(ms)}`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A fresh on-disk profile (a non-persistent context would keep IndexedDB in memory). */
async function launchProfile(name, contextOptions = {}) {
  const context = await launchChromiumProfile(join(tmp, name), { ...PHONE, ...contextOptions });
  contexts.add(context);
  context.on("close", () => contexts.delete(context));
  return context;
}

// ---- part 1: the door in the page --------------------------------------------

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

/** A static server for one folder on 127.0.0.1, cross-origin isolated. */
function serveDir(root) {
  const s = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(root, path === "/" ? "door.html" : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cache-Control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  httpServers.add(s);
  return new Promise((ok) => s.listen(0, "127.0.0.1", () => ok(`http://127.0.0.1:${s.address().port}`)));
}

async function doorPart() {
  const { build } = await import("vite");
  const outDir = join(tmp, "bench-page");
  const t0 = Date.now();
  await build({
    root: join(WEB, "bench"),
    configFile: false,
    logLevel: "warn",
    base: "./",
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: join(WEB, "bench", "door.html") } },
  });
  info(`bench page built in ${secs(Date.now() - t0)}`);
  const url = await serveDir(outDir);
  const context = await launchProfile("profile-door");
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`${url}/door.html`);
  await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", null, { timeout: 15_000 });
  let shown = 0;
  const poll = setInterval(async () => {
    const p = await page.evaluate(() => window.__doorBench.progress()?.sections ?? []).catch(() => []);
    for (const sec of p.slice(shown)) info(`  page: ${sec.name} (at ${secs(sec.atMs)})`);
    shown = Math.max(shown, p.length);
  }, 2_000);
  const t1 = Date.now();
  try {
    return await withTimeout(
      page.evaluate(
        (o) => window.__doorBench.run(o),
        {
          tickets: opts.tickets,
          codes: opts.codes,
          represented: 0.1,
          forged: 20,
          nobleCodes: opts.nobleCodes,
          replaceTickets: opts.replaceTickets,
          loadRepeats: opts.loadRepeats,
          seed: opts.seed,
        },
      ),
      // Leave time for cleanup, and for the shell part when it follows.
      Math.max(10_000, opts.timeoutMs - (Date.now() - started) - (opts.only === "door" ? 15_000 : 60_000)),
      "door benchmark",
    ).then((result) => {
      info(`door benchmark ran in ${secs(Date.now() - t1)}`);
      return { ...result, browserErrors: errors };
    });
  } catch (e) {
    // Out of time: what was measured so far, marked incomplete.
    const partial = await page.evaluate(() => window.__doorBench.progress()).catch(() => null);
    if (!partial) throw e;
    info(`${e.message}; reporting what was measured`);
    return { env: {}, notes: [`INCOMPLETE: ${e.message}`], ...partial, browserErrors: errors, incomplete: true };
  } finally {
    clearInterval(poll);
    await context.close();
  }
}

// ---- part 2: the scanner's first load ---------------------------------------

async function buildApp() {
  if (opts.dist) {
    if (!existsSync(join(opts.dist, "index.html"))) throw new Error(`${opts.dist}/index.html missing`);
    return opts.dist;
  }
  const { build } = await import("vite");
  const outDir = join(tmp, "dist");
  const t0 = Date.now();
  // "error": the React Router "use client" directive warnings of every build are noise here.
  await build({ root: WEB, logLevel: "error", build: { outDir, emptyOutDir: true } });
  info(`app built in ${secs(Date.now() - t0)}`);
  return outDir;
}

/** What a URL of the app is, for the tally. */
function kind(url, type) {
  const path = new URL(url).pathname;
  if (path.startsWith("/api/")) return "api";
  if (path === "/sw.js") return "worker";
  if (type === "Document" || path.endsWith(".html")) return "html";
  if (path.endsWith(".webmanifest")) return "manifest";
  if (/\.(woff2?|ttf|otf)$/.test(path)) return "font";
  if (path.endsWith(".css")) return "css";
  if (path.endsWith(".js") || path.endsWith(".mjs")) return "js";
  if (/\.(png|svg|ico|webp)$/.test(path)) return "icon";
  return "other";
}
const COMPRESSIBLE = new Set(["html", "js", "css", "worker", "manifest"]);

async function shellPart() {
  const webDir = await buildApp();
  const t0 = Date.now();
  // The debug binary as it is: this benchmark does not build it.
  server = startServer({
    webDir,
    dataDir: join(tmp, "server"),
    startMs: 30_000,
    onExit: (code, signal, tail) => info(`server exited (code ${code}, signal ${signal}):\n${tail.slice(-50).join("\n")}`),
  });
  const base = await server.url;
  info(`server at ${base} in ${secs(Date.now() - t0)}`);

  // An account, an event running now and its tickets, through the API.
  const email = `bench-${Date.now()}@example.org`;
  const password = "bench door passphrase 2026";
  const api = await apiRequest.newContext({ baseURL: base });
  const call = async (path, body, csrf) => {
    const res = await api.post(path, { data: body, headers: csrf ? { "X-CSRF-Token": csrf } : {} });
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  const csrf = (await call("/api/v1/auth/register", { email, password, name: "Bench Door" })).csrf_token;
  const event = await call("/api/v1/events", runningNow({ name: "Bench Arena" }), csrf);
  const t1 = Date.now();
  const issued = await call(`/api/v1/events/${event.id}/tickets/batch`, { count: opts.shellTickets }, csrf);
  info(`${issued.issued} tickets issued in ${secs(Date.now() - t1)}`);
  await api.dispose();

  // A fresh profile (empty HTTP cache, no service worker), signed in through the API.
  const context = await launchProfile("profile-shell");
  const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { email, password } });
  if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  const cookies = await context.cookies(base);
  if (!cookies.length) throw new Error("login set no cookie in the browser profile");

  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const reqs = new Map();
  const acceptEncoding = {};
  cdp.on("Network.requestWillBeSent", (e) => {
    reqs.set(e.requestId, { url: e.request.url, type: e.type, method: e.request.method, started: e.timestamp });
  });
  cdp.on("Network.requestWillBeSentExtraInfo", (e) => {
    const h = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]));
    acceptEncoding[h["accept-encoding"] ?? "(none)"] = (acceptEncoding[h["accept-encoding"] ?? "(none)"] ?? 0) + 1;
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = reqs.get(e.requestId);
    if (!r) return;
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(r, {
      status: e.response.status,
      encoding: h["content-encoding"] ?? "",
      mime: e.response.mimeType,
      fromServiceWorker: e.response.fromServiceWorker,
      fromCache: e.response.fromDiskCache || e.response.fromPrefetchCache,
    });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, finished: true });
  });
  cdp.on("Network.loadingFailed", (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { failed: e.errorText, finished: true });
  });
  // The service worker's own fetches (its install precaches the shell) are
  // not in the page's CDP session: take them from Playwright's context events.
  const swDone = [];
  context.on("requestfinished", (req) => {
    if (!req.serviceWorker()) return;
    swDone.push(
      (async () => {
        const res = await req.response();
        const sizes = await req.sizes();
        const h = res ? await res.allHeaders() : {};
        return {
          url: req.url(),
          status: res?.status(),
          encoding: h["content-encoding"] ?? "",
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        };
      })(),
    );
  });
  // The pack's decoded size.
  let packDecoded = null;
  page.on("response", async (res) => {
    if (/\/door\/pack(\?|$)/.test(res.url())) packDecoded = (await res.body().catch(() => Buffer.alloc(0))).length;
  });

  const tNav = Date.now();
  await page.goto(`${base}/scan/${event.id}`);
  // The pack is in: the door names the event.
  await page.getByText("Bench Arena").first().waitFor({ timeout: 30_000 });
  const packReadyMs = Date.now() - tNav;
  // The service worker installed (the shell precached) and active.
  await withTimeout(page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), 30_000, "service worker");
  // Quiet for a second: nothing more on the wire.
  for (let quiet = 0; quiet < 10; ) {
    const open = [...reqs.values()].filter((r) => !r.finished).length;
    quiet = open ? 0 : quiet + 1;
    await new Promise((r) => setTimeout(r, 100));
  }
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return nav ? { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd } : null;
  });
  const sw = await Promise.all(swDone);
  await context.close();

  const pageRows = [...reqs.values()].map((r) => ({ ...r, kind: kind(r.url, r.type), by: "page" }));
  const swRows = sw.map((r) => ({ ...r, kind: kind(r.url, ""), by: "service worker" }));
  const tally = (rows) => {
    const out = {};
    for (const r of rows) {
      const t = (out[r.kind] ??= { requests: 0, bytes: 0, encodings: {} });
      t.requests++;
      t.bytes += r.bytes ?? 0;
      t.encodings[r.encoding || "none"] = (t.encodings[r.encoding || "none"] ?? 0) + 1;
    }
    return out;
  };
  const shellOf = (rows) => rows.filter((r) => r.kind !== "api");
  const sum = (rows) => rows.reduce((a, r) => a + (r.bytes ?? 0), 0);
  const notBrotli = [...pageRows, ...swRows].filter((r) => COMPRESSIBLE.has(r.kind) && r.status === 200 && r.encoding !== "br");
  const svgNotBrotli = [...pageRows, ...swRows].filter((r) => r.url.endsWith(".svg") && r.status === 200 && r.encoding !== "br");
  const pack = pageRows.filter((r) => /\/door\/pack(\?|$)/.test(r.url));
  // The body a server that negotiates the build's precompressed siblings sends: the `.br` file.
  const brBody = (r) => {
    const file = join(webDir, r.kind === "html" && !new URL(r.url).pathname.endsWith(".html") ? "/index.html" : new URL(r.url).pathname);
    if (existsSync(`${file}.br`)) return statSync(`${file}.br`).size;
    return existsSync(file) ? statSync(file).size : 0;
  };
  const fetched = (rows) => rows.filter((r) => (r.bytes ?? 0) > 0 && r.status === 200);
  return {
    tickets: opts.shellTickets,
    acceptEncoding,
    packReadyMs,
    timing,
    page: {
      shell: { requests: shellOf(pageRows).length, bytes: sum(shellOf(pageRows)), byKind: tally(shellOf(pageRows)) },
      api: { requests: pageRows.length - shellOf(pageRows).length, bytes: sum(pageRows.filter((r) => r.kind === "api")) },
    },
    serviceWorker: {
      requests: swRows.length,
      fromHttpCache: swRows.filter((r) => !r.bytes).length,
      bytes: sum(swRows),
      byKind: tally(swRows),
    },
    brBodies: {
      page: fetched(shellOf(pageRows)).reduce((a, r) => a + brBody(r), 0),
      serviceWorker: fetched(swRows).reduce((a, r) => a + brBody(r), 0),
    },
    pack: pack.map((r) => ({ url: new URL(r.url).pathname + new URL(r.url).search, bytes: r.bytes, encoding: r.encoding, decoded: packDecoded })),
    notBrotli: [...notBrotli, ...svgNotBrotli].map((r) => `${r.by} ${new URL(r.url).pathname} (${r.encoding || "none"})`),
    failed: pageRows.filter((r) => r.failed).map((r) => `${r.url}: ${r.failed}`),
    requests: [...pageRows, ...swRows].map((r) => ({
      by: r.by,
      kind: r.kind,
      path: new URL(r.url).pathname + new URL(r.url).search,
      status: r.status,
      encoding: r.encoding,
      bytes: r.bytes,
      fromServiceWorker: r.fromServiceWorker,
    })),
  };
}

// ---- report -----------------------------------------------------------------------

const fmt = (v) => (v === undefined || Number.isNaN(v) ? "–" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

function printDoor(door) {
  log(`\nOffline door in the page (${opts.tickets} tickets, ${opts.codes} codes; times in ms)`);
  if (door.env.userAgent) {
    log(`  ${door.env.userAgent}`);
    log(`  cross-origin isolated: ${door.env.crossOriginIsolated}, cores: ${door.env.hardwareConcurrency}, pack JSON ${kb(door.env.packJsonBytes)}, ${door.env.codes} codes signed in ${door.env.signCodesMs} ms`);
    log(`  mix: ${JSON.stringify(door.env.mix)}`);
  }
  const w = Math.max(...door.rows.map((r) => r.name.length));
  const head = `  ${"".padEnd(w)}  ${"n".padStart(5)}  ${"median".padStart(8)}  ${"p95".padStart(8)}  ${"p99".padStart(8)}  ${"max".padStart(8)}`;
  let section = "";
  for (const r of [...door.rows].sort((a, b) => a.section.localeCompare(b.section))) {
    if (r.section !== section) {
      section = r.section;
      log(`\n${section}`);
      log(head);
    }
    const one = r.n === 1;
    log(
      `  ${r.name.padEnd(w)}  ${String(r.n).padStart(5)}  ${fmt(r.median).padStart(8)}  ${(one ? "" : fmt(r.p95)).padStart(8)}  ${(one ? "" : fmt(r.p99)).padStart(8)}  ${(one ? "" : fmt(r.max)).padStart(8)}`,
    );
  }
  log("\nchecks");
  for (const c of door.checks) log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name} (${c.detail})`);
  for (const n of door.notes) log(`  note: ${n}`);
  log(`  timeline: ${door.sections.map((x) => `${x.name} @ ${secs(x.atMs)}`).join(", ")}`);
  if (door.browserErrors.length) log(`  browser errors: ${door.browserErrors.join(" | ")}`);
}

function printShell(shell) {
  log(`\nScanner first load, empty cache, signed in (/scan/{id}, ${shell.tickets} tickets)`);
  log(`  pack ready (event name shown) ${shellReady(shell)}; DOMContentLoaded ${fmt(shell.timing?.domContentLoaded)} ms, load ${fmt(shell.timing?.load)} ms`);
  log(`  ${"".padEnd(26)}  ${"requests".padStart(8)}  ${"bytes".padStart(12)}  encodings`);
  const line = (name, t) => log(`  ${name.padEnd(26)}  ${String(t.requests).padStart(8)}  ${String(t.bytes).padStart(12)}  ${t.encodings ? JSON.stringify(t.encodings) : ""}`);
  line("app shell, page", shell.page.shell);
  for (const [k, t] of Object.entries(shell.page.shell.byKind)) line(`  ${k}`, t);
  line("API calls, page", shell.page.api);
  for (const p of shell.pack) log(`    pack ${p.url}: ${p.bytes} bytes on the wire (${p.encoding || "no encoding"}), ${p.decoded ?? "?"} bytes decoded`);
  line("service worker precache", shell.serviceWorker);
  log(`    (${shell.serviceWorker.fromHttpCache} of them answered by the HTTP cache, 0 bytes)`);
  for (const [k, t] of Object.entries(shell.serviceWorker.byKind)) line(`  ${k}`, t);
  log(`  total on the wire: ${shell.page.shell.bytes + shell.page.api.bytes + shell.serviceWorker.bytes} bytes in ${shell.page.shell.requests + shell.page.api.requests + shell.serviceWorker.requests} requests`);
  log(
    `  bodies as the build's .br files (what a server negotiating br sends, headers excluded): page shell ${shell.brBodies.page} bytes, service worker ${shell.brBodies.serviceWorker} bytes`,
  );
  log(`  browser sent Accept-Encoding: ${Object.keys(shell.acceptEncoding).join(" | ")}`);
  if (shell.notBrotli.length) {
    log(`  brotli: FAIL, ${shell.notBrotli.length} html/js/css/svg/manifest/worker responses without content-encoding: br, e.g.`);
    for (const r of shell.notBrotli.slice(0, 4)) log(`    ${r}`);
  } else {
    log("  brotli: ok, every html/js/css/svg/manifest/worker response carries content-encoding: br");
  }
  if (shell.failed.length) log(`  failed: ${shell.failed.join(", ")}`);
}
const shellReady = (s) => `${s.packReadyMs} ms after navigation`;

// ---- main ---------------------------------------------------------------------------

let exitCode = 0;
const out = { command: `node scripts/bench-door.mjs ${process.argv.slice(2).join(" ")}`.trim(), chromium: chromiumVersion(), date: new Date().toISOString(), loadavgStart: loadavg().map((x) => x.toFixed(2)) };
try {
  checkChromium();
  log(`${out.chromium}; load average at start ${out.loadavgStart.join(" ")}`);
  if (opts.only !== "shell") {
    out.door = await doorPart();
    if (out.door.incomplete || out.door.checks.some((c) => !c.ok)) exitCode = 1;
    if (!opts.json) printDoor(out.door);
  }
  if (opts.only !== "door") {
    out.shell = await shellPart();
    if (out.shell.notBrotli.length || out.shell.failed.length) exitCode = 1;
    if (!opts.json) printShell(out.shell);
  }
} catch (e) {
  console.error(`bench: ${e?.stack ?? e}`);
  exitCode = 1;
}
await cleanup();
clearTimeout(watchdog);
out.loadavgEnd = loadavg().map((x) => x.toFixed(2));
log(`load average at end ${out.loadavgEnd.join(" ")}`);
if (opts.json) console.log(JSON.stringify(out, null, 2));
process.exit(exitCode);
