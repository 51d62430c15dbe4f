import { describe, expect, it } from "vitest";
import { matrixPath, qrPicture } from "./qr";

describe("QR pictures", () => {
  it("draws each run of dark modules in a row as one rectangle", () => {
    expect(
      matrixPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe("M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z");
  });

  it("encodes an enrolment link with finder patterns and a quiet zone", () => {
    const url = "https://tickets.example.org/door/enrol#qre1.ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnop";
    const pic = qrPicture(url);
    // Version 5 or so (37 modules) plus 4 modules of quiet zone on each side.
    expect(pic.size).toBeGreaterThanOrEqual(21 + 8);
    expect((pic.size - 8 - 17) % 4).toBe(0);
    // The top-left finder's top edge: 7 dark modules starting inside the quiet zone.
    expect(pic.path.startsWith("M4 4h7v1h-7z")).toBe(true);
    expect(qrPicture(url)).toEqual(pic);
    expect(qrPicture(`${url}x`).path).not.toBe(pic.path);
  });
});
