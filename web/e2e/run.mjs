#!/usr/bin/env node
// End-to-end test runner: starts the real qr-event binary on a fresh data
// directory, drives Debian's Chromium with playwright-core, and runs every
// e2e/*.spec.mjs in alphabetical order against it. Any failed spec, console
// error, uncaught page error or Content Security Policy violation fails the
// run. Usage: `npm run e2e` (after `npm run build`), or
// `node e2e/run.mjs door` to run only the specs whose file name contains "door".
// Screenshots go to e2e/artifacts/screenshots (ignored by git), or with
// E2E_UPDATE_SCREENSHOTS=1 (`npm run screenshots`) to docs/screenshots.
//
// A spec is a module whose default export (or `run` export) is
// `async (ctx) => {}`; it may instead export `tests = [{ name, run }]`.
// ctx: baseUrl, browser, newPage({ locale, extraArgs, browser, ...contextOptions }),
// screenshot(page, name), launchWithCamera(videoFile), expectConsoleError(pattern),
// state (shared between specs), log(...), artifacts (folder for generated files).
/* global window, document -- functions passed to page.evaluate run in the browser */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CHROMIUM, checkChromium, launchChromium, startServer } from "./harness.mjs";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPO = resolve(WEB, "..");
const E2E = join(WEB, "e2e");
const ARTIFACTS = join(E2E, "artifacts");
// Screenshots land in the ignored artifacts folder, so a test run leaves the
// working tree clean; `npm run screenshots` (E2E_UPDATE_SCREENSHOTS=1)
// writes them to docs/screenshots, the ones the README shows.
const UPDATE_SCREENSHOTS = process.env.E2E_UPDATE_SCREENSHOTS === "1";
const SCREENSHOTS = UPDATE_SCREENSHOTS ? join(REPO, "docs", "screenshots") : join(ARTIFACTS, "screenshots");
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 5 * 60_000;
// The anonymous session probe answers 401 by design: every page but the
// attendee's ticket (/t/…) asks "who am I?" once, also the sign-in page a
// spec opens before registering; Chromium logs that as a failed resource.
const ALWAYS_ALLOWED = [/status of 401 .*\/api\/v1\/auth\/(me|refresh)\b/];

const started = Date.now();
const problems = []; // { spec, message }
const results = []; // { name, ok, ms, error }
const browsers = new Set();
const pages = new Set();
let server = null;
let dataDir = null;
let current = "(setup)";
let allowed = [];
let cleaning = null;

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (...args) => console.log(...args);

function problem(message) {
  problems.push({ spec: current, message });
  log(`  ! [${current}] ${message}`);
}

// ---- server ---------------------------------------------------------------

function startE2eServer() {
  dataDir = mkdtempSync(join(tmpdir(), "qre-e2e-"));
  server = startServer({
    webDir: join(WEB, "dist"),
    dataDir,
    build: true,
    onLine: (line) => /"level":"ERROR"/.test(line) && problem(`server error log: ${line.slice(0, 400)}`),
    onExit: (code, signal, tail) => {
      problem(`server exited (code ${code}, signal ${signal})`);
      log(tail.slice(-30).join("\n"));
    },
  });
  return server.url;
}

// ---- browser ---------------------------------------------------------------

async function launch(extraArgs = []) {
  const browser = await launchChromium(extraArgs);
  browsers.add(browser);
  browser.on("disconnected", () => browsers.delete(browser));
  return browser;
}

function isAllowed(text) {
  return [...ALWAYS_ALLOWED, ...allowed].some((re) => re.test(text));
}

/** Watches a context: console errors, page errors, CSP violations (also after navigations). */
async function instrument(context) {
  await context.exposeBinding("__qreCspViolation", (_source, v) => {
    problem(`CSP violation: ${v.directive} blocked ${v.blocked || "(inline)"} in ${v.source}:${v.line} ${v.sample ?? ""}`);
  });
  // Injected by the driver (not subject to the page's CSP): reports violations.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      const v = {
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      };
      window.__cspViolations.push(v);
      window.__qreCspViolation?.(v);
    });
  });
  context.on("console", (msg) => {
    const text = msg.text();
    const where = msg.location()?.url ?? "";
    if (text.includes("Content Security Policy")) {
      problem(`CSP (console): ${text}`);
    } else if (msg.type() === "error" && !isAllowed(`${text} ${where}`)) {
      problem(`console error: ${text}${where ? ` (${where})` : ""}`);
    }
  });
  context.on("weberror", (err) => problem(`page error: ${err.error().stack || err.error().message}`));
  context.on("page", (page) => {
    pages.add(page);
    page.on("close", () => pages.delete(page));
    page.on("crash", () => problem(`page crashed: ${page.url()}`));
  });
}

/** Violations recorded in the pages still open (the binding reports them as they happen too). */
async function collectCsp() {
  for (const page of pages) {
    const found = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    for (const v of found) log(`  csp in ${page.url()}: ${JSON.stringify(v)}`);
  }
}

/** What the open pages showed when a spec failed: e2e/artifacts/failure-*.png. */
async function failureShots(file) {
  let i = 0;
  for (const page of pages) {
    const path = join(ARTIFACTS, `failure-${file.replace(/\.spec\.mjs$/, "")}-${++i}.png`);
    const ok = await page.screenshot({ path, fullPage: true }).then(() => true, () => false);
    log(`  page ${i}: ${page.url()}${ok ? ` → ${path}` : ""}`);
  }
}

// ---- specs -------------------------------------------------------------------

function makeCtx(baseUrl, browser) {
  const state = {};
  return {
    baseUrl,
    browser,
    state,
    artifacts: ARTIFACTS,
    log: (...args) => log(`  [${current}]`, ...args),
    async newPage({ locale = "en-US", extraArgs, browser: which, ...contextOptions } = {}) {
      const target = which ?? (extraArgs?.length ? await launch(extraArgs) : browser);
      const context = await target.newContext({ locale, ...contextOptions });
      await instrument(context);
      context.setDefaultTimeout(15_000);
      return context.newPage();
    },
    async screenshot(page, name, options = {}) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, animations: "disabled", ...options });
      log(`  [${current}] screenshot ${relative(REPO, path)}`);
      return path;
    },
    launchWithCamera(videoFile) {
      return launch([
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        `--use-file-for-fake-video-capture=${videoFile}`,
      ]);
    },
    /** Console errors matching `pattern` are expected in the current spec (e.g. a 404 it provokes). */
    expectConsoleError(pattern) {
      allowed.push(pattern instanceof RegExp ? pattern : new RegExp(pattern));
    },
  };
}

async function runSpec(file, ctx) {
  const mod = await import(pathToFileURL(join(E2E, file)).href);
  const fn = typeof mod.default === "function" ? mod.default : mod.run;
  const list = Array.isArray(mod.tests) ? mod.tests : Array.isArray(mod.default) ? mod.default : null;
  if (typeof fn === "function") return fn(ctx);
  if (!list) throw new Error(`${file} exports no default function, run() or tests[]`);
  for (const test of list) {
    ctx.log(`- ${test.name}`);
    await (test.run ?? test.fn)(ctx);
  }
}

async function main() {
  if (!existsSync(join(WEB, "dist", "index.html"))) {
    throw new Error("web/dist is missing: run `npm run build` first");
  }
  checkChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  const filters = process.argv.slice(2);
  const specs = readdirSync(E2E)
    .filter((f) => f.endsWith(".spec.mjs"))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (specs.length === 0) throw new Error("no e2e/*.spec.mjs to run");

  const baseUrl = await startE2eServer();
  log(`e2e: server at ${baseUrl}, data in ${dataDir}`);
  const browser = await launch();
  log(`e2e: ${CHROMIUM} ${browser.version()}`);
  log(`e2e: screenshots to ${relative(REPO, SCREENSHOTS)}${UPDATE_SCREENSHOTS ? "" : " (E2E_UPDATE_SCREENSHOTS=1 writes docs/screenshots)"}`);
  const ctx = makeCtx(baseUrl, browser);

  for (const file of specs) {
    current = file;
    allowed = [];
    const before = problems.length;
    const t0 = Date.now();
    log(`\n▶ ${file}`);
    let error = null;
    try {
      await runSpec(file, ctx);
    } catch (e) {
      error = e;
      log(`  ✗ ${e?.stack ?? e}`);
      await failureShots(file);
    }
    await collectCsp();
    // Close this spec's browsers and contexts so the next starts clean.
    for (const b of [...browsers]) {
      if (b === browser) {
        for (const c of b.contexts()) await c.close().catch(() => {});
      } else {
        await b.close().catch(() => {});
      }
    }
    const ok = !error && problems.length === before;
    results.push({ name: file, ok, ms: Date.now() - t0, error: error?.message ?? (ok ? null : "console/page/CSP problems") });
  }
}

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    for (const b of [...browsers]) await b.close().catch(() => {});
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

function summary(extra) {
  log("\ne2e summary");
  for (const r of results) log(`  ${r.ok ? "✓" : "✗"} ${r.name} (${secs(r.ms)})${r.ok ? "" : `: ${r.error}`}`);
  if (problems.length) {
    log("  problems:");
    for (const p of problems) log(`   - [${p.spec}] ${p.message}`);
  }
  if (extra) log(`  ${extra}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed + (extra ? 1 : 0);
  log(`  total ${secs(Date.now() - started)}`);
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 && problems.length === 0;
}

const watchdog = setTimeout(async () => {
  log(`\ne2e: overall timeout (${secs(TOTAL_TIMEOUT_MS)}) in ${current}`);
  await cleanup();
  summary(`timed out in ${current}`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

// A promise a spec forgot to await must not kill the run before cleanup.
process.on("unhandledRejection", (e) => problem(`unhandled rejection: ${e?.stack ?? e}`));

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

let fatal = null;
try {
  await main();
} catch (e) {
  fatal = e?.message ?? String(e);
  log(`e2e: ${e?.stack ?? e}`);
}
await cleanup();
clearTimeout(watchdog);
process.exit(summary(fatal) ? 0 : 1);
