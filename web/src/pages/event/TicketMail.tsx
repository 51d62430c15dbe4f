// One ticket's e-mail: where its latest message stands, and a button that
// queues it (owners and managers; the server sends in the background).
import { useState } from "react";
import { deliveriesPath, deliveryStatus, sendTicket, type DeliveryList } from "../../api/delivery";
import type { EventView, TicketResponse } from "../../api/types";
import { ErrorBanner, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { useResource } from "../../lib/hooks";

export function TicketMail({ event, ticket }: { event: EventView; ticket: TicketResponse }) {
  const { t, dateTime } = useI18n();
  const list = useResource<DeliveryList>(deliveriesPath(event.id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const latest = list.data?.items.find((d) => d.ticket_id === ticket.id) ?? null;
  const status = latest ? deliveryStatus(latest) : null;

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const report = await sendTicket(event.id, ticket.id);
      setNotice(report.queued > 0 ? t("dash.mail.queuedOne") : t("dash.mail.notQueued"));
      list.reload();
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
          <p>
            {latest === null
              ? t("dash.mail.never")
              : status === "sent" && latest.sent_at
                ? t("dash.mail.sentAt", { when: dateTime(latest.sent_at, event.timezone) })
                : status === "failed"
                  ? t("dash.mail.failed", { reason: latest.last_error ?? "" })
                  : status === "queued" || status === "sending"
                    ? t("dash.mail.queued")
                    : latest.status}
          </p>
          <button type="button" disabled={busy || status === "sent" || status === "queued" || status === "sending"} onClick={() => void send()}>
            {t("dash.mail.send")}
          </button>
        </>
      )}
      <Status>{notice}</Status>
      <ErrorBanner error={error} />
    </section>
  );
}
