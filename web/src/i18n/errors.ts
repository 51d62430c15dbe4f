// Turns API errors into readable sentences in the person's language. Only
// the codes are read: the server's English `detail` and `message` never reach
// the page, not even for a code this UI does not know yet.
import { ApiError } from "../api/client";
import { waitFor } from "../lib/links";
import type { T } from "./index";
import { isFieldCode, isProblemCode } from "./problems";

/** "42 s", "5 min", "3 h": the wait a Retry-After asks for (the same symbols in French and English). */
function waitText(seconds: number | null): string {
  const { n, unit } = waitFor(seconds);
  // A no-break space keeps the number with its unit.
  return unit === "min" && n >= 120 ? `${Math.ceil(n / 60)}\u00a0h` : `${n}\u00a0${unit}`;
}

/** The sentence for an error, whatever it is. */
export function describeError(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t("errors.unknown", { status: "?" });
  const code = err.code;
  if (code === "network") return t("errors.network");
  if (code === "rate_limited" || code === "quota_exceeded") return t(`errors.${code}`, { wait: waitText(err.retryAfter) });
  if (code === "internal") return t("errors.internal", { requestId: err.problem?.request_id ?? "?" });
  if (isProblemCode(code)) return t(`errors.${code}`);
  // A code this UI does not know yet (a newer server): a sentence in the
  // person's language with the status.
  return err.status >= 400 && err.status < 500
    ? t("errors.refused", { status: err.status })
    : t("errors.unknown", { status: err.status });
}

/** What is wrong with one field or CSV cell, from its code ("Not valid." for a code this UI does not know). */
export function fieldText(code: string, t: T): string {
  return isFieldCode(code) ? t(`field.${code}`) : t("field.invalid");
}

/**
 * Per-field sentences of a validation error, keyed by the form's own field
 * names: `rename` maps an API field (`starts_at`) to the form's (`start`).
 */
export function fieldMessages(err: unknown, t: T, rename: Record<string, string> = {}): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(err.fieldErrors())) {
    out[rename[field] ?? field] = fieldText(e.code, t);
  }
  return out;
}

/** Field errors the form has no place for (shown with the banner instead), as "field: sentence". */
export function otherFieldMessages(err: unknown, t: T, shown: string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  return Object.values(err.fieldErrors())
    .filter((e) => !shown.includes(e.field))
    .map((e) => `${e.field}: ${fieldText(e.code, t)}`);
}
