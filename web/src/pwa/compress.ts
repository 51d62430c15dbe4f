// Precompressed siblings of the build's text files (`app.js.br`, `app.js.gz`)
// for the server to send by Accept-Encoding. Build-time code.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/i;

/** Whether a built file is text worth compressing (never an already compressed sibling). */
export function isCompressible(name: string): boolean {
  return TEXT.test(name);
}

/** The brotli (quality 11) and gzip (level 9) encodings of a file's bytes. */
export function compress(data: Uint8Array): { br: Buffer; gz: Buffer } {
  return {
    br: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
      },
    }),
    gz: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }),
  };
}
