// QR codes drawn in the browser (the enrolment link never leaves the page):
// uqr encodes, this turns its module matrix into one SVG path, drawn by
// React as an element (no markup strings, nothing a strict CSP would block).
import { encode } from "uqr";

export interface QrPicture {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module, merged along rows. */
  path: string;
}

/** The path of a module matrix: each run of dark modules in a row is one rectangle. */
export function matrixPath(rows: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join("");
}

/**
 * The QR code of `text`: error correction M (a phone screen photographed by
 * another phone, glare and all) and the standard 4-module quiet zone.
 */
export function qrPicture(text: string): QrPicture {
  const qr = encode(text, { ecc: "M", border: 4 });
  return { size: qr.size, path: matrixPath(qr.data) };
}
