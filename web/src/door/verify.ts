// Ed25519 signature checks for ticket codes, as strict as the server's
// `verify_strict`: WebCrypto where the browser has Ed25519 (Chromium, Firefox,
// Safari), otherwise @noble/ed25519, loaded only then. Imported keys are
// cached per key id.

/** A public key of the pack: key id and 32 bytes, base64url. */
export interface VerifyKey {
  kid: string;
  public_key: string;
}

export type Verify = (key: VerifyKey, signature: Uint8Array, message: Uint8Array) => Promise<boolean>;

const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/**
 * Encodings of the points of small order (sign bit ignored; y = 0, 1, p-1,
 * p, p+1 and the two order-8 y values), as libsodium lists them. A small-order
 * key or signature `R` is refused, as ed25519-dalek's `verify_strict` does.
 */
const SMALL_ORDER = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether a 32-byte point encoding is one of a small-order point. */
export function isSmallOrder(point: Uint8Array): boolean {
  const masked = point.slice(0, 32);
  masked[31] &= 0x7f;
  return SMALL_ORDER.includes(hex(masked));
}

/** S must be below the group order (no malleable signatures). */
function canonicalS(signature: Uint8Array): boolean {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]);
  return s < L;
}

export function base64UrlDecode(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const b64 = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  try {
    const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

interface Backend {
  importKey(raw: Uint8Array): Promise<unknown>;
  verify(key: unknown, signature: Uint8Array, message: Uint8Array): Promise<boolean>;
}

function webCrypto(subtle: SubtleCrypto): Backend {
  return {
    importKey: (raw) => subtle.importKey("raw", raw as BufferSource, { name: "Ed25519" }, false, ["verify"]),
    verify: (key, signature, message) =>
      subtle.verify({ name: "Ed25519" }, key as CryptoKey, signature as BufferSource, message as BufferSource),
  };
}

async function noble(): Promise<Backend> {
  const ed = await import("@noble/ed25519");
  return {
    importKey: async (raw) => raw,
    // zip215: false is RFC 8032 strict: canonical encodings, no small-order key.
    verify: (key, signature, message) => ed.verifyAsync(signature, message, key as Uint8Array, { zip215: false }),
  };
}

/** A sample key and signature (RFC 8032 test 1) to learn whether WebCrypto has Ed25519. */
const PROBE_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const PROBE_SIG =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

function fromHex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
}

async function pickBackend(): Promise<Backend> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      const backend = webCrypto(subtle);
      const key = await backend.importKey(fromHex(PROBE_KEY));
      if (await backend.verify(key, fromHex(PROBE_SIG), new Uint8Array())) return backend;
    } catch {
      /* no Ed25519 in this browser's WebCrypto */
    }
  }
  return noble();
}

/**
 * A verifier with its own key cache. `backend` forces one implementation
 * ("webcrypto" or "noble", for tests); by default WebCrypto is used when it
 * knows Ed25519.
 */
export function createVerifier(backend?: "webcrypto" | "noble"): Verify {
  let chosen: Promise<Backend> | null = null;
  const keys = new Map<string, Promise<unknown | null>>();
  const getBackend = () =>
    (chosen ??=
      backend === "noble" ? noble() : backend === "webcrypto" ? Promise.resolve(webCrypto(crypto.subtle)) : pickBackend());

  function key(k: VerifyKey): Promise<unknown | null> {
    const id = `${k.kid}:${k.public_key}`;
    let found = keys.get(id);
    if (!found) {
      const raw = base64UrlDecode(k.public_key);
      found =
        !raw || raw.length !== 32 || isSmallOrder(raw)
          ? Promise.resolve(null)
          : getBackend().then((b) => b.importKey(raw)).catch(() => null);
      keys.set(id, found);
    }
    return found;
  }

  return async (k, signature, message) => {
    if (signature.length !== 64 || isSmallOrder(signature.subarray(0, 32)) || !canonicalS(signature)) return false;
    const imported = await key(k);
    if (imported === null) return false;
    try {
      return await (await getBackend()).verify(imported, signature, message);
    } catch {
      return false;
    }
  };
}

/** The verifier the door uses. */
export const verifySignature: Verify = createVerifier();
