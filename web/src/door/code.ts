// The ticket code's text form (docs/qr-code-format.md), parsed as strictly as
// the server does: one code has exactly one spelling, anything else is
// `invalid_code` before any signature work.

/** Length of a version 1 code: `QRE1:` and 162 base32 characters. */
export const CODE_LENGTH = 167;
const PREFIX = "QRE1:";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const PAYLOAD_BYTES = 101;
const DOMAIN = "qr-event/ticket/v1\0";

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** What a genuine-looking code says; the signature is not checked yet. */
export interface ParsedCode {
  eventId: string;
  ticketId: string;
  /** Key id, 8 lower-case hex characters. */
  kid: string;
  /** The 56 signed bytes: domain separator and payload bytes 0..37. */
  message: Uint8Array;
  signature: Uint8Array;
}

/** What a scanner or a person typed, tidied: trimmed, inner white space removed, upper case. */
export function normalizeCode(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

/** RFC 4648 base32 without padding; null unless canonical (unused trailing bits zero). */
export function base32Decode(text: string, bytes: number): Uint8Array | null {
  if (text.length !== Math.ceil((bytes * 8) / 5)) return null;
  const out = new Uint8Array(bytes);
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUES[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  // The last character's unused low bits must be zero.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** RFC 4648 base32 without padding (tests and tools). */
export function base32Encode(data: Uint8Array): string {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of data) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function uuid(bytes: Uint8Array): string {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The parts of a version 1 code, or null when it is not exactly the canonical form. */
export function parseCode(text: string): ParsedCode | null {
  // Length first, so huge inputs cost nothing.
  if (text.length !== CODE_LENGTH || !text.startsWith(PREFIX)) return null;
  const payload = base32Decode(text.slice(PREFIX.length), PAYLOAD_BYTES);
  if (!payload || payload[0] !== 1) return null;
  const message = new Uint8Array(DOMAIN.length + 37);
  for (let i = 0; i < DOMAIN.length; i++) message[i] = DOMAIN.charCodeAt(i);
  message.set(payload.subarray(0, 37), DOMAIN.length);
  return {
    eventId: uuid(payload.subarray(1, 17)),
    ticketId: uuid(payload.subarray(17, 33)),
    kid: hex(payload.subarray(33, 37)),
    message,
    signature: payload.slice(37, 101),
  };
}
