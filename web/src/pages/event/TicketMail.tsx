// One ticket's e-mail: where its latest message stands (its own deliveries,
// asked again while one is on its way), and a button that queues it (owners
// and managers; the server sends in the background).
import { useState } from "react";
import { sendTicket } from "../../api/delivery";
import type { EventView, TicketResponse } from "../../api/types";
import { ErrorBanner, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { mailState, type MailState } from "./mailFacts";
import { MailWord } from "./TicketMailCell";
import { useTicketDeliveries } from "./useTicketDeliveries";

export function TicketMail({ event, ticket }: { event: EventView; ticket: TicketResponse }) {
  const { t, dateTime } = useI18n();
  const mail = useTicketDeliveries(event.id, [ticket.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const state = mailState(mail.latest.get(ticket.id));

  function sentence(s: MailState): string {
    switch (s.kind) {
      case "sent":
        return s.at ? t("dash.mail.sentAt", { when: dateTime(s.at, event.timezone) }) : t("dash.mail.state.sent");
      case "failed":
        return t("dash.mail.failed", { reason: s.reason });
      case "queued":
        return t("dash.mail.queued");
      case "other":
        return s.status;
      default:
        return t("dash.mail.never");
    }
  }

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const report = await sendTicket(event.id, ticket.id);
      setNotice(report.queued > 0 ? t("dash.mail.queuedOne") : t("dash.mail.notQueued"));
      mail.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="mail-title" className="card">
      <h3 id="mail-title">{t("dash.mail.title")}</h3>
      {!ticket.holder_email ? (
        <p className="hint">{t("dash.mail.noAddress")}</p>
      ) : (
        <>
          {!mail.ready && mail.latest.size === 0 ? (
            <p>{t("common.loading")}</p>
          ) : (
            <p data-mail={state.kind}>
              <MailWord state={state} /> {sentence(state)}
            </p>
          )}
          <button
            type="button"
            disabled={busy || !mail.ready || state.kind === "sent" || state.kind === "queued"}
            onClick={() => void send()}
          >
            {t("dash.mail.send")}
          </button>
        </>
      )}
      <Status>{notice}</Status>
      <ErrorBanner error={error ?? mail.error} />
    </section>
  );
}
