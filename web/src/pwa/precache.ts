// What the service worker precaches, and the build version that names its
// cache. Build-time code (used by the Vite plugin in vite.config.ts), kept
// free of IO so that it can be tested.

/** A file of the build, by its path inside dist/, with a digest of its bytes. */
export interface BuiltFile {
  name: string;
  digest: string;
}

/** What the service worker receives: its cache version and the URLs to precache. */
export interface PrecacheManifest {
  version: string;
  files: string[];
}

/** The service worker's own file, never precached (the browser updates it itself). */
export const SW_FILE = "sw.js";

// Compressed siblings, source maps and dot files are never requested by URL.
const SKIPPED = [/\.(br|gz|map)$/, /(^|\/)\./];

/** Whether a built file belongs in the precache. */
export function isPrecached(name: string): boolean {
  return name !== SW_FILE && !SKIPPED.some((re) => re.test(name));
}

/** Site-absolute URLs of the precached files, sorted (the shell `/index.html` included). */
export function precacheUrls(names: Iterable<string>): string[] {
  const urls = new Set<string>();
  for (const name of names) {
    const clean = name.replace(/\\/g, "/").replace(/^\/+/, "");
    if (isPrecached(clean)) urls.add(`/${clean}`);
  }
  return [...urls].sort();
}

/**
 * The manifest of a build. `hash` digests a string (SHA-256 hex at build
 * time); the version changes exactly when a precached file's name or bytes do,
 * so an unchanged rebuild does not make every phone download the app again.
 */
export function precacheManifest(files: BuiltFile[], hash: (text: string) => string): PrecacheManifest {
  const kept = files
    .map((f) => ({ ...f, name: f.name.replace(/\\/g, "/").replace(/^\/+/, "") }))
    .filter((f) => isPrecached(f.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const version = hash(kept.map((f) => `${f.name}:${f.digest}`).join("\n")).slice(0, 16);
  return { version, files: precacheUrls(kept.map((f) => f.name)) };
}

/** The marked line of the service worker source that carries its manifest. */
const MARKER = /^const MANIFEST = .*; \/\/ @precache$/m;

/** The service worker source with `manifest` in place of its development one. */
export function injectManifest(source: string, manifest: PrecacheManifest): string {
  if (!MARKER.test(source)) throw new Error("service worker source has no `const MANIFEST = …; // @precache` line");
  // A function replacement: `$` in the JSON must not be read as a pattern.
  return source.replace(MARKER, () => `const MANIFEST = ${JSON.stringify(manifest)}; // @precache`);
}
