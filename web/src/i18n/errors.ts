// Turns API errors into readable sentences in the person's language.
import { ApiError } from "../api/client";
import type { MessageKey } from "./messages";
import { en } from "./messages";
import type { T } from "./index";

function known(key: string): key is MessageKey {
  return key in en;
}

/** The sentence for an error, whatever it is. */
export function describeError(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t("errors.unknown", { status: "?" });
  if (err.code === "network") return t("errors.network");
  if (err.code === "rate_limited") return t("errors.rate_limited", { seconds: err.retryAfter ?? 60 });
  if (err.code === "internal") return t("errors.internal", { requestId: err.problem?.request_id ?? "?" });
  const key = `errors.${err.code}`;
  if (known(key)) return t(key);
  // Never the server's English text: a code this UI does not know yet gets a
  // sentence in the person's language with the status.
  return err.status >= 400 && err.status < 500
    ? t("errors.refused", { status: err.status })
    : t("errors.unknown", { status: err.status });
}

/** Per-field sentences for a validation error, keyed by field name. */
export function fieldMessages(err: unknown, t: T): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(err.fieldErrors())) {
    const key = `field.${e.code}`;
    out[field] = known(key) ? t(key) : t("field.invalid");
  }
  return out;
}
