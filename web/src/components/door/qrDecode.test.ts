import { BarcodeFormat, QRCodeWriter } from "@zxing/library";
import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { decodeRgba, toLuminance } from "./qrDecode";

const CODE =
  "QRE1:AEA2EFQBDSCXKTFBVNHBJSKGPREM466AZHFIOR2NVPQTTPIMIPU2TW2WBM4EKFS4PZLT4T6VYW2C55KYC4VXWYXYPWFK4AFSYS7BKJ6JVN25LOCRGYHRTD2FRI6HMZM3OOV4IOCVSWSRYQCRNCSLXVTG36PJZFAAAQ";

const MISSED = "QRE1:AEA2EFRTW5FXJOFG5SQZK3ODIOIYNWT6HBOSUSTPV2IVNFSZH4P2TGIIQ33GVBJW7NBRDKC6SDFXM2KFJCUTY3Q376XE6O34E6R77KGJ74EY3ZOI3MHS2H62VMS5XUKSUN7PYOPERX7DNBJJP5VVZEJVGPZHLPP3BQ";

/** An RGBA picture of the QR code for `text`, `size` pixels square, with light grey paper. */
function picture(text: string, size: number): Uint8ClampedArray {
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, new Map());
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = (y * size + x) * 4;
      const v = matrix.get(x, y) ? 30 : 225;
      rgba[p] = v;
      rgba[p + 1] = v;
      rgba[p + 2] = v;
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

describe("QR decoding", () => {
  it("reads a ticket code from a camera-like frame", () => {
    expect(decodeRgba(picture(CODE, 360), 360, 360)).toBe(CODE);
  });

  it("reads a ticket code that zxing alone misses", () => {
    // Rendered by the server (qr.png?size=400&margin=4); zxing's detector
    // fails on this valid symbol, the fallback decoder reads it.
    const png = PNG.sync.read(readFileSync(new URL("./fixtures/zxing-misses.png", import.meta.url)));
    const rgba = new Uint8ClampedArray(png.data);
    expect(decodeRgba(rgba, png.width, png.height)).toBe(MISSED);
  });

  it("answers null for a frame without a code", () => {
    const blank = new Uint8ClampedArray(200 * 200 * 4).fill(128);
    expect(decodeRgba(blank, 200, 200)).toBeNull();
  });

  it("turns RGBA into grey levels, transparent as white", () => {
    const lum = toLuminance(new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]), 4, 1);
    expect(Array.from(lum)).toEqual([255, 0, 255, 76]);
  });
});
