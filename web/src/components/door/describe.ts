// The words of a door answer: headline, reason and details, in the person's
// language. Shared by the big answer panel and the screen-reader announcement.
import type { ScanResponse } from "../../api/types";
import type { MessageKey, T } from "../../i18n";
import { describeError } from "../../i18n/errors";
import { DoorError } from "../../door/errors";
import type { DoorMode } from "../../door/types";
import type { Answer } from "./scannerMachine";

export type DateTime = (iso: string, timeZone?: string) => string;

export interface AnswerText {
  tone: "ok" | "bad";
  headline: string;
  /** Why it was refused, in a few words (null when admitted). */
  reason: string | null;
  /** Holder name and category, when the code named a ticket. */
  holder: string | null;
  /**
   * The answer named a ticket but carried no holder name: the event keeps
   * names off door devices (said in muted words, never "undefined").
   */
  nameHidden: boolean;
  category: string | null;
  /** Further sentences: entries used, when and where it was first used… */
  details: string[];
  /** Decided on this device, without the server. */
  offline: boolean;
  /** One sentence for screen readers. */
  announcement: string;
}

const REASONS = ["already_used", "revoked", "expired", "not_yet_valid", "wrong_event", "invalid_code"] as const;
type Reason = (typeof REASONS)[number];

function isReason(r: string | null | undefined): r is Reason {
  return (REASONS as readonly string[]).includes(r ?? "");
}

function explain(res: ScanResponse, t: T, dateTime: DateTime, zone: string): string[] {
  const ticket = res.ticket;
  switch (res.reason) {
    case "already_used": {
      if (!ticket?.first_used_at) return [];
      const when = dateTime(ticket.first_used_at, zone);
      const used = ticket.max_uses > 1 ? [t("door.usesAll", { max: ticket.max_uses })] : [];
      const first = ticket.first_gate
        ? t("door.firstUse.gate", { when, gate: ticket.first_gate })
        : t("door.firstUse.noGate", { when });
      return [first, ...used];
    }
    case "expired":
      return ticket ? [t("door.explain.expired", { when: dateTime(ticket.valid_until, zone) })] : [];
    case "not_yet_valid":
      return ticket ? [t("door.explain.not_yet_valid", { when: dateTime(ticket.valid_from, zone) })] : [];
    case "revoked":
    case "wrong_event":
    case "invalid_code":
      return [t(`door.explain.${res.reason}` as MessageKey)];
    default:
      return [];
  }
}

function admittedAnnouncement(t: T, name: string | null, category: string | null): string {
  if (name && category) return t("door.announce.admitted", { name, category });
  if (name || category) return t("door.announce.admittedName", { name: name || category || "" });
  return t("door.announce.admittedBare");
}

function errorReason(error: unknown, t: T): string {
  return error instanceof DoorError ? t(`door.error.${error.code}`) : describeError(error, t);
}

/**
 * Everything the scanner says about one answer. `zone` is the event's time
 * zone; a door in `verify` mode says a good ticket is valid, not admitted.
 */
export function describeAnswer(answer: Answer, t: T, dateTime: DateTime, zone: string, mode: DoorMode = "check_in"): AnswerText {
  if (answer.kind === "error") {
    const reason = errorReason(answer.error, t);
    return {
      tone: "bad",
      headline: t("door.error.title"),
      reason,
      holder: null,
      nameHidden: false,
      category: null,
      details: [],
      offline: false,
      announcement: `${t("door.error.title")}. ${reason}`,
    };
  }
  const res = answer.response;
  const ticket = res.ticket ?? null;
  const holder = ticket?.holder_name || null;
  // Absent (not empty): withheld from this door. An empty name is a ticket issued without one.
  const nameHidden = !!ticket && ticket.holder_name == null;
  const category = ticket?.category || null;
  const offline = answer.offline;
  const unlisted = answer.unlisted ? [t("door.offline.unlisted")] : [];
  const label = offline ? ` ${t("door.offline.label")}.` : "";
  if (answer.kind === "admitted") {
    const uses = ticket && ticket.max_uses > 1 ? [t("door.uses", { uses: ticket.uses, max: ticket.max_uses })] : [];
    const verify = mode === "verify" ? [t("door.verify.note")] : [];
    return {
      tone: "ok",
      headline: mode === "verify" ? t("door.valid") : t("door.admitted"),
      reason: null,
      holder,
      nameHidden,
      category,
      details: [...verify, ...uses, ...unlisted],
      offline,
      announcement:
        (mode === "verify"
          ? `${[t("door.valid"), holder, category].filter(Boolean).join(", ")}. ${t("door.verify.note")}`
          : admittedAnnouncement(t, holder, category)) + label,
    };
  }
  const reason = isReason(res.reason)
    ? t(`door.reason.${res.reason}` as MessageKey)
    : t("door.reason.unknown", { reason: res.reason ?? "?" });
  const details = explain(res, t, dateTime, zone);
  return {
    tone: "bad",
    headline: t("door.refused"),
    reason,
    holder,
    nameHidden,
    category,
    details,
    offline,
    announcement: [t("door.announce.refused", { reason }), ...details].join(" ") + label,
  };
}
