import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compress, isCompressible } from "./compress";

describe("isCompressible", () => {
  it("takes the text files of a build", () => {
    for (const name of ["index.html", "assets/a-1.js", "assets/a-1.css", "icon.svg", "manifest.webmanifest", "x.json", "sw.js"]) {
      expect(isCompressible(name), name).toBe(true);
    }
  });

  it("leaves binaries and compressed siblings alone", () => {
    for (const name of ["icon-192.png", "assets/a-1.js.br", "assets/a-1.js.gz", "font.woff2", "README"]) {
      expect(isCompressible(name), name).toBe(false);
    }
  });
});

describe("compress", () => {
  it("round-trips through brotli and gzip, smaller than the source", () => {
    const text = Buffer.from("export const greeting = 'hello';\n".repeat(200));
    const { br, gz } = compress(text);
    expect(brotliDecompressSync(br).equals(text)).toBe(true);
    expect(gunzipSync(gz).equals(text)).toBe(true);
    expect(br.length).toBeLessThan(text.length / 10);
    expect(gz.length).toBeLessThan(text.length / 10);
  });
});
