// The app on this machine, for the end-to-end run (e2e/run.mjs) and the
// browser benchmark (scripts/bench-door.mjs): the qr-event debug server on a
// data directory of the caller's and a random loopback port, and Debian's
// Chromium with the flags this machine needs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

// ---- Chromium -------------------------------------------------------------------

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// As root, without network beyond loopback: no sandbox, no GPU, no calls home.
const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function checkChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install chromium)`);
}

export function chromiumVersion() {
  const out = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" });
  return (out.stdout || "").trim() || "unknown";
}

const launchOptions = (extraArgs = []) => ({ executablePath: CHROMIUM, headless: true, args: [...BROWSER_ARGS, ...extraArgs] });

/** A headless browser; `extraArgs` come after this machine's flags. */
export function launchChromium(extraArgs = []) {
  return chromium.launch(launchOptions(extraArgs));
}

/** A browser on an on-disk profile in `dir` (a non-persistent context keeps IndexedDB in memory). */
export function launchChromiumProfile(dir, contextOptions = {}) {
  return chromium.launchPersistentContext(dir, { ...launchOptions(), ...contextOptions });
}

// ---- the qr-event server ----------------------------------------------------------

/** The debug binary; with `build`, `cargo build` makes it when it is missing. */
function serverBinary(build) {
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "qr-event", "target");
  const bin = join(target, "debug", "qr-event");
  if (existsSync(bin)) return bin;
  if (!build) throw new Error(`${bin} missing (cargo build -p qr-event-server)`);
  console.log(`${bin} missing, building it (cargo build -p qr-event-server)`);
  const built = spawnSync("cargo", ["build", "-p", "qr-event-server"], {
    cwd: REPO,
    stdio: "inherit",
    env: { ...process.env, CARGO_TARGET_DIR: target },
  });
  if (built.status !== 0 || !existsSync(bin)) throw new Error("cargo build -p qr-event-server failed");
  return bin;
}

function serverEnv() {
  // A clean embedded setup: no database or cache URLs, no settings from the caller.
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith("QR_EVENT_") || k === "DATABASE_URL" || k === "REDIS_URL") continue;
    env[k] = v;
  }
  return { ...env, QR_EVENT_LOG_FORMAT: "json", QR_EVENT_LOG_LEVEL: "warn" };
}

/**
 * Starts `qr-event serve` on 127.0.0.1 and a port the system picks, with its
 * data in `dataDir` (also its working directory, so no ./qr-event.toml is
 * picked up) and the web app from `webDir`. Returns at once:
 * - `url`: a promise of the server's address, rejected if it exits or is
 *   not up within `startMs`;
 * - `tail`: its last 200 output lines (JSON logs);
 * - `stop()`: SIGTERM, SIGKILL after 5 s, resolved once it has exited.
 * `onLine(line)` sees every output line; `onExit(code, signal, tail)` is
 * told when the server exits before `stop()`. `bind` replaces the random
 * port (for a public URL known in advance); `args` are more flags (e.g. SMTP).
 */
export function startServer({ webDir, dataDir, build = false, startMs = 60_000, bind = "127.0.0.1:0", args: extra = [], onLine, onExit }) {
  const bin = serverBinary(build);
  mkdirSync(dataDir, { recursive: true });
  const args = ["serve", "--data-dir", join(dataDir, "data"), "--bind", bind, "--web-dir", webDir, ...extra];
  const child = spawn(bin, args, { cwd: dataDir, env: serverEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const tail = [];
  let stopping = null;
  const keep = (line) => {
    tail.push(line);
    if (tail.length > 200) tail.shift();
    onLine?.(line);
  };
  createInterface({ input: child.stderr }).on("line", keep);
  const url = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${startMs / 1000} s`)), startMs);
    // Keep reading stdout as long as it runs, or the server would block on a full pipe.
    createInterface({ input: child.stdout }).on("line", (line) => {
      keep(line);
      const at = line.indexOf("running at ");
      if (at >= 0) {
        clearTimeout(timer);
        resolveUrl(line.slice(at + "running at ".length).trim().replace(/\/+$/, ""));
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!stopping) onExit?.(code, signal, tail);
      reject(new Error(`server exited early (code ${code}, signal ${signal})`));
    });
  });
  // Whoever awaits `url` hears of a failed start; a later exit goes to onExit.
  url.catch(() => {});
  function stop() {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  }
  return { url, tail, stop };
}
