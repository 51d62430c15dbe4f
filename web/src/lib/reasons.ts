// Readable sentences for the codes the dashboard shows: field and CSV row
// problems, door refusals, audit actions and roles. Unknown codes fall back
// to the server's own message (or the code itself), never to nothing.
import { ApiError } from "../api/client";
import type { MessageKey, T } from "../i18n";
import { en } from "../i18n/messages";

function known(key: string): key is MessageKey {
  return key in en;
}

/** One problem of a field or CSV row, in the person's language. */
export function problemText(code: string, message: string, t: T): string {
  for (const key of [`dash.problem.${code}`, `field.${code}`]) if (known(key)) return t(key);
  return message;
}

/**
 * Field messages of a validation error, keyed by the form's own field names.
 * `rename` maps an API field (`starts_at`) to the form's (`start`).
 */
export function fieldProblems(err: unknown, t: T, rename: Record<string, string> = {}): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(err.fieldErrors())) {
    out[rename[field] ?? field] = problemText(e.code, e.message, t);
  }
  return out;
}

/** Field errors the form has no place for (shown with the banner instead). */
export function otherProblems(err: unknown, t: T, shown: string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  return Object.values(err.fieldErrors())
    .filter((e) => !shown.includes(e.field))
    .map((e) => `${e.field}: ${problemText(e.code, e.message, t)}`);
}

/** Why the door refused a ticket. */
export function reasonText(reason: string, t: T): string {
  const key = `dash.reason.${reason}`;
  return known(key) ? t(key) : reason;
}

/** An audit action's name. */
export function actionText(action: string, t: T): string {
  const key = `dash.action.${action}`;
  return known(key) ? t(key) : action;
}

export const ROLES = ["owner", "manager", "scanner"] as const;
export type Role = (typeof ROLES)[number];

export function roleText(role: string, t: T): string {
  const key = `dash.role.${role}`;
  return known(key) ? t(key) : role;
}

/** Whether someone with `mine` may grant, change or remove `target` (mirrors the server). */
export function canAssign(mine: string, target: string): boolean {
  if (mine === "owner") return true;
  if (mine === "manager") return target === "scanner";
  return false;
}

/** Every action an event's audit trail can hold, in a sensible order for a filter. */
export const EVENT_ACTIONS = [
  "ticket.scan",
  "ticket.verify",
  "ticket.issued",
  "ticket.batch_issued",
  "ticket.imported",
  "ticket.revoked",
  "ticket.reissued",
  "ticket.access_rotated",
  "ticket.rendered",
  "ticket.exported",
  "member.role_set",
  "member.removed",
  "event.created",
  "event.updated",
  "event.deleted",
] as const;

/**
 * A sentence with a count: `key.one` for the singular when the catalog has
 * it (by the language's plural rules: French "one" covers 0 and 1), else `key`.
 * `{n}` receives the formatted number.
 */
export function countText(t: T, lang: "en" | "fr", key: MessageKey, n: number, vars: Record<string, string | number> = {}): string {
  const one = `${key}.one`;
  const rule = new Intl.PluralRules(lang === "fr" ? "fr-FR" : "en-GB").select(n);
  const chosen = rule === "one" && known(one) ? one : key;
  return t(chosen, { ...vars, n: new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB").format(n) });
}
