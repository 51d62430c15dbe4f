// The camera keeps seeing a code as long as it stays in the picture. A code
// it has passed on is not passed on again until it has been out of sight for
// ABSENT_MS: then showing it again is a new, deliberate scan. Decoders miss
// some frames, so "out of sight" means no read at all for that long.

/** A code must go unseen this long before the camera reads it again. */
export const ABSENT_MS = 1500;

export interface CameraGate {
  /** Whether a code read from a frame at `now` should be scanned. */
  pass(code: string, now: number): boolean;
}

export function createCameraGate(absentMs: number = ABSENT_MS): CameraGate {
  const lastSeen = new Map<string, number>();
  return {
    pass(code, now) {
      // Forget codes long out of sight (a door reads thousands in a night).
      for (const [c, at] of lastSeen) if (now - at >= absentMs) lastSeen.delete(c);
      const seen = lastSeen.has(code);
      lastSeen.set(code, now);
      return !seen;
    },
  };
}
