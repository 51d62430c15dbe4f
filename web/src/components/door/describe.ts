// The words of a door answer: headline, reason and details, in the person's
// language. Shared by the big answer panel and the screen-reader announcement.
import type { ScanResponse } from "../../api/types";
import type { MessageKey, T } from "../../i18n";
import { describeError } from "../../i18n/errors";
import type { Answer } from "./scannerMachine";

export type DateTime = (iso: string, timeZone?: string) => string;

export interface AnswerText {
  tone: "ok" | "bad";
  headline: string;
  /** Why it was refused, in a few words (null when admitted). */
  reason: string | null;
  /** Holder name and category, when the code named a ticket. */
  holder: string | null;
  category: string | null;
  /** Further sentences: entries used, when and where it was first used… */
  details: string[];
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

/** Everything the scanner says about one answer. `zone` is the event's time zone. */
export function describeAnswer(answer: Answer, t: T, dateTime: DateTime, zone: string): AnswerText {
  if (answer.kind === "error") {
    const reason = describeError(answer.error, t);
    return {
      tone: "bad",
      headline: t("door.error.title"),
      reason,
      holder: null,
      category: null,
      details: [],
      announcement: `${t("door.error.title")}. ${reason}`,
    };
  }
  const res = answer.response;
  const ticket = res.ticket ?? null;
  if (answer.kind === "admitted") {
    const details = ticket && ticket.max_uses > 1 ? [t("door.uses", { uses: ticket.uses, max: ticket.max_uses })] : [];
    return {
      tone: "ok",
      headline: t("door.admitted"),
      reason: null,
      holder: ticket?.holder_name ?? null,
      category: ticket?.category || null,
      details,
      announcement: t("door.announce.admitted", { name: ticket?.holder_name ?? "", category: ticket?.category ?? "" }),
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
    holder: ticket?.holder_name ?? null,
    category: ticket?.category || null,
    details,
    announcement: [t("door.announce.refused", { reason }), ...details].join(" "),
  };
}
