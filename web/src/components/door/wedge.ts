// Handheld ("keyboard wedge") scanners type a code very fast, then Enter.
// The door listens on the whole page, wherever the focus is, so a scan is
// never lost in a button or the language list, and Enter after a code never
// presses a focused button.

/** Characters further apart than this are typed by a person, not a scanner. */
export const WEDGE_GAP_MS = 100;
/** Shortest burst taken as a code (ticket codes have 167 characters). */
export const WEDGE_MIN_LENGTH = 8;

export type WedgeResult =
  /** Enter after a fast burst: the code, and the Enter must be stopped. */
  | { kind: "code"; code: string }
  /** Part of a fast burst outside a text field: keep it from the focused control. */
  | { kind: "swallow" }
  | { kind: "pass" };

export interface Wedge {
  key(key: string, now: number, inTextField: boolean): WedgeResult;
}

export function createWedge(gapMs: number = WEDGE_GAP_MS, minLength: number = WEDGE_MIN_LENGTH): Wedge {
  let buffer = "";
  let last = -Infinity;
  return {
    key(key, now, inTextField) {
      if (key === "Enter") {
        const code = now - last <= gapMs && buffer.length >= minLength ? buffer : "";
        buffer = "";
        return code ? { kind: "code", code } : { kind: "pass" };
      }
      // Shift and other keys without a character (scanners press Shift for capitals).
      if (key.length !== 1) return { kind: "pass" };
      buffer = now - last <= gapMs ? buffer + key : key;
      last = now;
      // In a text field the characters go in (the field is cleared after the scan);
      // elsewhere a burst would pick list entries or press buttons.
      return !inTextField && buffer.length > 1 ? { kind: "swallow" } : { kind: "pass" };
    },
  };
}
