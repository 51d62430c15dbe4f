// Readable names for the codes the dashboard shows: door refusals, audit
// actions and roles (field and CSV row problems: i18n/errors.ts). Unknown
// codes fall back to the code itself, never to nothing.
import type { Lang, MessageKey, T } from "../i18n";
import { isMessageKey } from "../i18n/messages";
import { formatNumber, pluralOf } from "./format";

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

/** Whether `role` manages the event (owners and managers): tickets' codes and actions, staff, devices, audit, settings. */
export function canManage(role: string): boolean {
  return role === "owner" || role === "manager";
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
export function countText(t: T, lang: Lang, key: MessageKey, n: number, vars: Record<string, string | number> = {}): string {
  const one = `${key}.one`;
  const chosen = pluralOf(n, lang) === "one" && isMessageKey(one) ? one : key;
  return t(chosen, { ...vars, n: formatNumber(n, lang) });
}
