// QR decoding with zxing, from raw pixels: used in the decoding worker (and on
// the main thread where workers are unavailable). No DOM, no eval.
// Deep imports: the package index pulls in every format (≈4× the size).
import BinaryBitmap from "@zxing/library/esm/core/BinaryBitmap";
import HybridBinarizer from "@zxing/library/esm/core/common/HybridBinarizer";
import QRCodeReader from "@zxing/library/esm/core/qrcode/QRCodeReader";
import RGBLuminanceSource from "@zxing/library/esm/core/RGBLuminanceSource";
import jsQR from "jsqr";

const reader = new QRCodeReader();

/** Grey levels (0–255) of RGBA pixels. */
export function toLuminance(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    // Integer BT.601 weights; transparent pixels count as white paper.
    const a = rgba[p + 3];
    const y = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8;
    out[i] = a === 255 ? y : Math.round((y * a + 255 * (255 - a)) / 255);
  }
  return out;
}

/** The text of the QR code in a grey image, or null when none is found. */
export function decodeLuminance(luminance: Uint8ClampedArray, width: number, height: number): string | null {
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
  try {
    return reader.decode(bitmap).getText();
  } catch {
    // "Not found" is the usual answer for a frame without a code; checksum and
    // format failures come from blurred frames: the next frame will do.
    return null;
  } finally {
    reader.reset();
  }
}

/**
 * Decodes RGBA pixels (an ImageData's data). zxing is tried first (fastest);
 * jsQR second, because zxing misses some valid symbols even on a perfect
 * picture (about one ticket code in twelve, measured), which a door cannot
 * afford.
 */
export function decodeRgba(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const text = decodeLuminance(toLuminance(rgba, width, height), width, height);
  if (text !== null) return text;
  return jsQR(rgba, width, height, { inversionAttempts: "dontInvert" })?.data || null;
}
