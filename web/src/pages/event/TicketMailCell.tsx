// The Tickets list's "E-mail" column: where each ticket's e-mail stands, in
// a word with an icon (never colour alone); the time of a sent message and
// the reason of a failure on hover and for screen readers.
import type { DeliveryView } from "../../api/delivery";
import type { TicketResponse } from "../../api/types";
import { Badge } from "../../components/ui";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/messages";
import { mailState, type MailState } from "./mailFacts";

export function MailHeader() {
  const { t } = useI18n();
  return <th scope="col">{t("dash.mail.title")}</th>;
}

export function MailCell({
  ticket,
  latest,
  timezone,
}: {
  ticket: Pick<TicketResponse, "holder_email">;
  latest: DeliveryView | undefined;
  timezone: string;
}) {
  const { t } = useI18n();
  const state = mailState(latest, Boolean(ticket.holder_email));
  return (
    <td data-label={t("dash.mail.title")} data-mail={state.kind}>
      <MailBadge state={state} timezone={timezone} />
    </td>
  );
}

const LOOK: Record<Exclude<MailState["kind"], "no_address" | "other">, { tone: "ok" | "bad" | "info" | "muted"; icon: string; word: MessageKey }> = {
  unsent: { tone: "muted", icon: "–", word: "dash.mail.state.unsent" },
  queued: { tone: "info", icon: "…", word: "dash.mail.state.queued" },
  sent: { tone: "ok", icon: "✓", word: "dash.mail.state.sent" },
  failed: { tone: "bad", icon: "✗", word: "dash.mail.state.failed" },
};

/** The state as an icon and a word in a badge (no detail). */
export function MailWord({ state }: { state: MailState }) {
  const { t } = useI18n();
  if (state.kind === "no_address") return <span className="muted">{t("dash.mail.state.noAddress")}</span>;
  if (state.kind === "other") return <span>{state.status}</span>;
  const look = LOOK[state.kind];
  return (
    <Badge tone={look.tone}>
      <span aria-hidden="true">{look.icon} </span>
      {t(look.word)}
    </Badge>
  );
}

/** The state's detail: when it was sent, why it failed (or failed before a retry). */
function useDetail(state: MailState, timezone: string): string | undefined {
  const { t, dateTime } = useI18n();
  if (state.kind === "sent" && state.at) return t("dash.mail.sentAt", { when: dateTime(state.at, timezone) });
  if (state.kind === "failed") return t("dash.mail.failed", { reason: state.reason });
  if (state.kind === "queued" && state.retry) return t("dash.mail.failed", { reason: state.retry });
  return undefined;
}

/** The word, its detail on hover (and read out); a failure's reason also on screen. */
function MailBadge({ state, timezone }: { state: MailState; timezone: string }) {
  const detail = useDetail(state, timezone);
  const reason = state.kind === "failed" ? state.reason : "";
  return (
    <>
      <span title={detail}>
        <MailWord state={state} />
        {detail && !reason && <span className="visually-hidden"> – {detail}</span>}
      </span>
      {reason && <span className="sub">{reason}</span>}
    </>
  );
}
