// Readable names for the codes the dashboard shows: door refusals, audit
// actions and roles (field and CSV row problems: i18n/errors.ts). Unknown
// codes fall back to the code itself, never to nothing.
import type { MessageKey, T } from "../i18n";
import { isMessageKey } from "../i18n/messages";

/** Why the door refused a ticket. */
export function reasonText(reason: string, t: T): string {
  const key = `dash.reason.${reason}`;
  return isMessageKey(key) ? t(key) : reason;
}

/** An audit action's name. */
export function actionText(action: string, t: T): string {
  const key = `dash.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export const ROLES = ["owner", "manager", "scanner"] as const;
export type Role = (typeof ROLES)[number];

export function roleText(role: string, t: T): string {
  const key = `dash.role.${role}`;
  return isMessageKey(key) ? t(key) : role;
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
  "ticket.email_queued",
  "ticket.email_sent",
  "ticket.email_failed",
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
  const chosen = rule === "one" && isMessageKey(one) ? one : key;
  return t(chosen, { ...vars, n: new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB").format(n) });
}
