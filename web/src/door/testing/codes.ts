// Test helpers: signing keys and ticket codes made the way the server makes
// them (docs/qr-code-format.md), with node's Ed25519. Tests only.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { base32Encode } from "../code";
import type { PackKey } from "../types";

export interface TestKey extends PackKey {
  secret: KeyObject;
}

export function testKey(kid: string): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" }) as { x: string };
  return { kid, public_key: jwk.x, secret: privateKey };
}

function uuidBytes(id: string): Uint8Array {
  return Uint8Array.from(id.replace(/-/g, "").match(/../g) ?? [], (b) => parseInt(b, 16));
}

/** The payload before its signature: version, event, ticket, kid. */
function head(eventId: string, ticketId: string, kid: string, version = 1): Uint8Array {
  const out = new Uint8Array(37);
  out[0] = version;
  out.set(uuidBytes(eventId), 1);
  out.set(uuidBytes(ticketId), 17);
  out.set(Uint8Array.from(kid.match(/../g) ?? [], (b) => parseInt(b, 16)), 33);
  return out;
}

const DOMAIN = new TextEncoder().encode("qr-event/ticket/v1\0");

/** A genuine code for `ticketId` of `eventId`, signed with `key`. */
export function makeCode(key: TestKey, eventId: string, ticketId: string, version = 1): string {
  const h = head(eventId, ticketId, key.kid, version);
  const message = new Uint8Array(DOMAIN.length + h.length);
  message.set(DOMAIN);
  message.set(h, DOMAIN.length);
  const signature = new Uint8Array(sign(null, message, key.secret));
  const payload = new Uint8Array(101);
  payload.set(h);
  payload.set(signature, 37);
  return `QRE${version}:${base32Encode(payload)}`;
}

/** A fresh random UUID (v4). */
export const uuid = (): string => crypto.randomUUID();
