import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { injectManifest, isPrecached, precacheManifest, precacheUrls } from "./precache";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("precacheUrls", () => {
  it("lists every built file as a sorted site-absolute URL, without the worker and compressed siblings", () => {
    const urls = precacheUrls([
      "index.html",
      "assets/index-abc.js",
      "assets/index-abc.js.br",
      "assets/index-abc.js.gz",
      "assets/index-abc.js.map",
      "sw.js",
      "manifest.webmanifest",
      "assets\\door-def.js",
      ".DS_Store",
      "icon-192.png",
    ]);
    expect(urls).toEqual(["/assets/door-def.js", "/assets/index-abc.js", "/icon-192.png", "/index.html", "/manifest.webmanifest"]);
  });

  it("keeps a file once however it was named", () => {
    expect(precacheUrls(["index.html", "/index.html"])).toEqual(["/index.html"]);
  });

  it("tells what is precached", () => {
    expect(isPrecached("assets/a.css")).toBe(true);
    expect(isPrecached("sw.js")).toBe(false);
    expect(isPrecached("assets/sw.js")).toBe(true);
    expect(isPrecached("assets/.hidden")).toBe(false);
  });
});

describe("precacheManifest", () => {
  const files = [
    { name: "index.html", digest: "1" },
    { name: "assets/a.js", digest: "2" },
    { name: "sw.js", digest: "3" },
  ];

  it("does not depend on the order files were emitted in", () => {
    expect(precacheManifest(files, sha256)).toEqual(precacheManifest([...files].reverse(), sha256));
  });

  it("changes version when a precached file's bytes change, not when the worker's do", () => {
    const changed = (name: string, digest: string) => files.map((f) => (f.name === name ? { ...f, digest } : f));
    const base = precacheManifest(files, sha256).version;
    expect(precacheManifest(changed("index.html", "9"), sha256).version).not.toBe(base);
    expect(precacheManifest(changed("assets/a.js", "9"), sha256).version).not.toBe(base);
    expect(precacheManifest(changed("sw.js", "9"), sha256).version).toBe(base);
  });

  it("lists the precached files and a 16-character version", () => {
    const m = precacheManifest(files, sha256);
    expect(m.files).toEqual(["/assets/a.js", "/index.html"]);
    expect(m.version).toHaveLength(16);
  });
});

describe("injectManifest", () => {
  const source = 'const A = 1;\nconst MANIFEST = { "version": "dev", "files": [] }; // @precache\nconst B = 2;\n';

  it("replaces only the marked line", () => {
    const out = injectManifest(source, { version: "v$&1", files: ["/index.html"] });
    expect(out).toBe('const A = 1;\nconst MANIFEST = {"version":"v$&1","files":["/index.html"]}; // @precache\nconst B = 2;\n');
  });

  it("refuses a source without the marker", () => {
    expect(() => injectManifest("const MANIFEST = {};", { version: "x", files: [] })).toThrow(/@precache/);
  });
});
