import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, parseCode } from "./code";
import { decide, normalizeCode, type DecisionPack } from "./decide";
import { makeCode, testKey, uuid } from "./testing/codes";
import { sampleVectors, type Vectors } from "./testing/sampleVectors";
import { createVerifier, isSmallOrder, type Verify } from "./verify";

const SHARED = new URL("../../../docs/door-decision-vectors.json", import.meta.url);

async function replay(v: Vectors, verify: Verify) {
  expect(v.version).toBe(1);
  for (const c of v.cases) {
    const pack: DecisionPack = {
      eventId: v.event_id,
      keys: v.keys,
      clockSkewSecs: v.skew_secs,
      ticket: (id) => (c.ticket && c.ticket.id === id ? c.ticket : undefined),
    };
    const d = await decide(pack, c.code, new Date(c.now), c.queued_uses, c.mode, verify);
    expect({ name: c.name, result: d.result, reason: d.reason }).toEqual({
      name: c.name,
      result: c.expected.result,
      reason: c.expected.reason ?? null,
    });
  }
}

describe("door decision", () => {
  const sample = sampleVectors();

  for (const backend of ["webcrypto", "noble", undefined] as const) {
    it(`replays the local sample (${backend ?? "picked"})`, async () => {
      await replay(sample, createVerifier(backend));
    });
  }

  it("replays the server's vectors (docs/door-decision-vectors.json)", async () => {
    const vectors = JSON.parse(readFileSync(SHARED, "utf8")) as Vectors;
    expect(vectors.cases.length).toBeGreaterThan(20);
    const reasons = new Set(vectors.cases.map((c) => c.expected.reason ?? "admitted"));
    expect([...reasons].sort()).toEqual(
      ["admitted", "already_used", "expired", "invalid_code", "not_yet_valid", "revoked", "wrong_event"].sort(),
    );
    await replay(vectors, createVerifier("webcrypto"));
    await replay(vectors, createVerifier("noble"));
  });

  it("names the ticket of a genuine code, and the pack's entry", async () => {
    const key = testKey("01020304");
    const eventId = uuid();
    const id = uuid();
    const entry = {
      id,
      status: "active",
      uses: 0,
      max_uses: 1,
      valid_from: "2020-01-01T00:00:00Z",
      valid_until: "2099-01-01T00:00:00Z",
      category: "",
      holder_name: "Ada",
    };
    const pack: DecisionPack = { eventId, keys: [key], clockSkewSecs: 60, ticket: (t) => (t === id ? entry : undefined) };
    const code = makeCode(key, eventId, id);
    expect(await decide(pack, code, Date.now(), 0)).toEqual({ result: "admitted", reason: null, ticketId: id, ticket: entry });
    const queued = await decide(pack, code, Date.now(), (t) => (t === id ? 1 : 0));
    expect(queued).toMatchObject({ result: "rejected", reason: "already_used", ticketId: id });
    expect(await decide(pack, `${code}x`, Date.now(), 0)).toMatchObject({ reason: "invalid_code", ticketId: null });
  });
});

describe("codes", () => {
  it("normalizes what scanners and people type", () => {
    expect(normalizeCode("  qre1:aeb cd\tef\n")).toBe("QRE1:AEBCDEF");
    expect(normalizeCode("")).toBe("");
  });

  it("parses the parts of a code", () => {
    const key = testKey("a1b2c3d4");
    const eventId = uuid();
    const ticketId = uuid();
    const parsed = parseCode(makeCode(key, eventId, ticketId));
    expect(parsed).toMatchObject({ eventId, ticketId, kid: "a1b2c3d4" });
    expect(parsed?.message.length).toBe(56);
    expect(parsed?.signature.length).toBe(64);
  });

  it("base32 round-trips and refuses non-canonical text", () => {
    const bytes = Uint8Array.from({ length: 101 }, (_, i) => (i * 37) & 0xff);
    const text = base32Encode(bytes);
    expect(text.length).toBe(162);
    expect(base32Decode(text, 101)).toEqual(bytes);
    expect(base32Decode(text.slice(0, -1) + "7", 101)).toBeNull();
    expect(base32Decode(text.slice(0, -1), 101)).toBeNull();
    expect(base32Decode(text.replace(/.$/, "1"), 101)).toBeNull();
  });
});

describe("signatures", () => {
  it("refuses small-order points, as verify_strict does", async () => {
    const { Point } = await import("@noble/ed25519");
    const identity = Point.ZERO.toBytes();
    expect(isSmallOrder(identity)).toBe(true);
    const order8 = Uint8Array.from(
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05".match(/../g)!,
      (b) => parseInt(b, 16),
    );
    expect(Point.fromBytes(order8).isSmallOrder()).toBe(true);
    expect(Point.fromBytes(order8).negate().toBytes()).toSatisfy(isSmallOrder);
    expect(isSmallOrder(Point.BASE.toBytes())).toBe(false);
    // A signature whose R is the identity never verifies, whatever S.
    const key = testKey("00000001");
    const sig = new Uint8Array(64);
    sig.set(identity);
    expect(await createVerifier("noble")(key, sig, new Uint8Array(56))).toBe(false);
    expect(await createVerifier("webcrypto")(key, sig, new Uint8Array(56))).toBe(false);
  });
});
