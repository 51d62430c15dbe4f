import { describe, expect, it } from "vitest";
import { ABSENT_MS, createCameraGate } from "./cameraGate";
import { createWedge, WEDGE_GAP_MS } from "./wedge";

describe("camera gate", () => {
  it("passes a code once while it stays in the picture, with missed frames", () => {
    const gate = createCameraGate();
    expect(gate.pass("A", 0)).toBe(true);
    // Read again and again (some frames miss it): never passed again.
    for (let t = 100; t < 10_000; t += 700) expect(gate.pass("A", t)).toBe(false);
  });

  it("passes it again once it has been out of sight long enough", () => {
    const gate = createCameraGate();
    gate.pass("A", 0);
    expect(gate.pass("A", ABSENT_MS - 1)).toBe(false);
    expect(gate.pass("A", 2 * ABSENT_MS - 1 + ABSENT_MS)).toBe(true);
  });

  it("passes other codes at once, and remembers each", () => {
    const gate = createCameraGate();
    expect(gate.pass("A", 0)).toBe(true);
    expect(gate.pass("B", 100)).toBe(true);
    expect(gate.pass("A", 200)).toBe(false);
    expect(gate.pass("B", 300)).toBe(false);
  });
});

describe("keyboard wedge", () => {
  const type = (w: ReturnType<typeof createWedge>, text: string, start: number, gap: number, inField = false) =>
    [...text].map((c, i) => w.key(c, start + i * gap, inField));

  it("takes a fast burst followed by Enter as a code, and stops that Enter", () => {
    const w = createWedge();
    const keys = type(w, "QRE1:ABCDEFGH", 0, 5);
    expect(keys[0]).toEqual({ kind: "pass" });
    expect(keys.slice(1).every((k) => k.kind === "swallow")).toBe(true);
    expect(w.key("Enter", 13 * 5, false)).toEqual({ kind: "code", code: "QRE1:ABCDEFGH" });
    // The buffer is empty again.
    expect(w.key("Enter", 100, false)).toEqual({ kind: "pass" });
  });

  it("lets characters into a text field and still takes the code", () => {
    const w = createWedge();
    expect(type(w, "QRE1:ABCDEFGH", 0, 5, true).every((k) => k.kind === "pass")).toBe(true);
    expect(w.key("Enter", 70, true)).toEqual({ kind: "code", code: "QRE1:ABCDEFGH" });
  });

  it("ignores Shift and keys without a character", () => {
    const w = createWedge();
    for (const [i, c] of [..."QRE1:ABCDEFGH"].entries()) {
      w.key("Shift", i * 6, false);
      w.key(c, i * 6 + 3, false);
    }
    expect(w.key("Enter", 80, false)).toEqual({ kind: "code", code: "QRE1:ABCDEFGH" });
  });

  it("leaves a person's typing and a lone Enter alone", () => {
    const w = createWedge();
    const slow = type(w, "hello world", 0, WEDGE_GAP_MS + 50);
    expect(slow.every((k) => k.kind === "pass")).toBe(true);
    expect(w.key("Enter", 11 * (WEDGE_GAP_MS + 50), false)).toEqual({ kind: "pass" });
    // Too short for a code.
    type(w, "abc", 10_000, 5);
    expect(w.key("Enter", 10_020, false)).toEqual({ kind: "pass" });
    // A pause before Enter: a person pressed it.
    type(w, "QRE1:ABCDEFGH", 20_000, 5);
    expect(w.key("Enter", 21_000, false)).toEqual({ kind: "pass" });
  });
});
