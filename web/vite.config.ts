import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Plugin, ResolvedConfig } from "vite";
import { defineConfig } from "vitest/config";
import { compress, isCompressible } from "./src/pwa/compress";
import { injectManifest, precacheManifest, SW_FILE, type BuiltFile } from "./src/pwa/precache";

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Every file under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split("\\").join("/"));
}

/**
 * Writes dist/sw.js: src/pwa/sw.js with the list of every emitted file (the
 * bundle and public/) and a version digested from their bytes.
 */
function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "qre:service-worker",
    apply: "build",
    enforce: "post",
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const built: BuiltFile[] = Object.values(bundle).map((out) => ({
        name: out.fileName,
        digest: sha256(out.type === "chunk" ? out.code : out.source),
      }));
      for (const name of filesUnder(config.publicDir)) {
        built.push({ name, digest: sha256(readFileSync(join(config.publicDir, name))) });
      }
      const manifest = precacheManifest(built, sha256);
      if (!manifest.files.includes("/index.html")) this.error("the build emitted no index.html to precache");
      const source = readFileSync(resolve(config.root, "src/pwa/sw.js"), "utf8");
      this.emitFile({ type: "asset", fileName: SW_FILE, source: injectManifest(source, manifest) });
    },
  };
}

/** Writes `.br` and `.gz` beside every text file of dist/, for the server to negotiate. */
function precompress(): Plugin {
  let outDir = "";
  let config: ResolvedConfig;
  return {
    name: "qre:precompress",
    apply: "build",
    enforce: "post",
    configResolved(resolved) {
      config = resolved;
      outDir = resolve(resolved.root, resolved.build.outDir);
    },
    closeBundle() {
      const names = filesUnder(outDir).filter(isCompressible);
      for (const name of names) {
        const path = join(outDir, name);
        const { br, gz } = compress(readFileSync(path));
        writeFileSync(`${path}.br`, br);
        writeFileSync(`${path}.gz`, gz);
      }
      config.logger.info(`precompressed ${names.length} files in ${relative(config.root, outDir) || "."} (brotli, gzip)`);
    },
  };
}

/** "0.1.0+1a2b3c4": the package's version and the commit built, when git can tell. */
function appVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return commit ? `${version}+${commit}` : version;
  } catch {
    return version;
  }
}

// Served by the qr-event binary under a strict CSP: no inline script or
// style, so no module-preload polyfill (it is an inline script).
export default defineConfig({
  oxc: { jsx: { runtime: "automatic" } },
  plugins: [serviceWorker(), precompress()],
  // Door devices report it with every upload; the dashboard shows it per device.
  define: { __APP_VERSION__: JSON.stringify(appVersion()) },
  build: {
    outDir: "dist",
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    setupFiles: ["src/i18n/testSetup.ts"],
    // Some pure tests are CPU-bound (a year of hours through four time zones):
    // on a 2-core machine busy compiling they need more than the default 5 s.
    testTimeout: 30_000,
  },
});
