// A local sample in the format of docs/door-decision-vectors.json (which the
// server's test writes), made with node's Ed25519: it exercises the replay
// with every rule while the shared file is absent, and covers a few parsing
// cases on top of it. Tests only.
import type { PackTicket } from "../types";
import { makeCode, testKey, uuid } from "./codes";

export interface VectorCase {
  name: string;
  code: string;
  mode: "check_in" | "verify";
  now: string;
  ticket: PackTicket | null;
  queued_uses: number;
  expected: { result: "admitted" | "rejected"; reason: string | null };
}

export interface Vectors {
  version: number;
  event_id: string;
  skew_secs: number;
  keys: { kid: string; public_key: string }[];
  cases: VectorCase[];
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function sampleVectors(): Vectors {
  const key = testKey("0a1b2c3d");
  const retired = testKey("ffeeddcc");
  const eventId = uuid();
  const from = "2026-06-01T10:00:00Z";
  const until = "2026-06-01T18:00:00Z";
  const ticket = (id: string, over: Partial<PackTicket> = {}): PackTicket => ({
    id,
    status: "active",
    uses: 0,
    max_uses: 1,
    valid_from: from,
    valid_until: until,
    category: "VIP",
    holder_name: "Emmy Noether",
    ...over,
  });
  const cases: VectorCase[] = [];
  const add = (
    name: string,
    code: string,
    t: PackTicket | null,
    expected: string | null,
    extra: Partial<VectorCase> = {},
  ) =>
    cases.push({
      name,
      code,
      mode: "check_in",
      now: "2026-06-01T12:00:00Z",
      ticket: t,
      queued_uses: 0,
      expected: { result: expected ? "rejected" : "admitted", reason: expected },
      ...extra,
    });

  const id = uuid();
  const code = makeCode(key, eventId, id);
  add("admitted", code, ticket(id), null);
  add("verify admits alike", code, ticket(id), null, { mode: "verify" });
  add("already used", code, ticket(id, { uses: 1 }), "already_used");
  add("queued use counts", code, ticket(id), "already_used", { queued_uses: 1 });
  add("verify of a used ticket", code, ticket(id, { uses: 1 }), "already_used", { mode: "verify" });
  add("re-entry left", code, ticket(id, { uses: 1, max_uses: 3 }), null, { queued_uses: 1 });
  add("re-entry spent", code, ticket(id, { uses: 2, max_uses: 3 }), "already_used", { queued_uses: 1 });
  add("revoked before the window", code, ticket(id, { status: "revoked" }), "revoked", { now: "2026-05-01T00:00:00Z" });
  add("not yet valid", code, ticket(id), "not_yet_valid", { now: "2026-06-01T09:58:59Z" });
  add("skew admits early", code, ticket(id), null, { now: "2026-06-01T09:59:00Z" });
  add("skew admits late", code, ticket(id), null, { now: "2026-06-01T18:00:59Z" });
  add("expired at until + skew", code, ticket(id), "expired", { now: "2026-06-01T18:01:00Z" });
  add("expired before used", code, ticket(id, { uses: 1 }), "expired", { now: "2026-06-02T00:00:00Z" });

  const late = uuid();
  const lateCode = makeCode(key, eventId, late);
  add("missing from the pack admits once", lateCode, null, null, { now: "2030-01-01T00:00:00Z" });
  add("missing from the pack, queued", lateCode, null, "already_used", { queued_uses: 1 });

  add("another event", makeCode(key, uuid(), id), ticket(id), "wrong_event");
  add("retired key", makeCode(retired, eventId, id), ticket(id), "invalid_code");
  const tampered = code.slice(0, 100) + (code[100] === "A" ? "B" : "A") + code.slice(101);
  add("tampered", tampered, ticket(id), "invalid_code");
  add("lower case", code.toLowerCase(), ticket(id), "invalid_code");
  add("padding", `${code.slice(0, -1)}=`, ticket(id), "invalid_code");
  add("too long", `${code}A`, ticket(id), "invalid_code");
  add("too short", code.slice(0, -1), ticket(id), "invalid_code");
  add("other prefix", `QRE2${code.slice(4)}`, ticket(id), "invalid_code");
  add("version byte 2", makeCode(key, eventId, id, 2).replace(/^QRE2/, "QRE1"), ticket(id), "invalid_code");
  const last = ALPHABET.indexOf(code[code.length - 1]);
  add("non-canonical last character", code.slice(0, -1) + ALPHABET[last | 1], ticket(id), "invalid_code");
  add("empty", "", null, "invalid_code");

  return {
    version: 1,
    event_id: eventId,
    skew_secs: 60,
    keys: [key].map(({ kid, public_key }) => ({ kid, public_key })),
    cases,
  };
}
