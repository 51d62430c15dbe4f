// The attendee's ticket page (/t/:accessKey): public, no account. Shows only
// this ticket: the event, the holder, and the QR code to show at the door.
import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { api, ApiError } from "../api/client";
import type { PublicTicketResponse } from "../api/types";
import { TicketView } from "../components/door/TicketView";
import { ErrorBanner } from "../components/ui";
import { LanguageSwitch, useI18n } from "../i18n";

export function Attendee() {
  const { accessKey = "" } = useParams();
  const { t } = useI18n();
  const [ticket, setTicket] = useState<PublicTicketResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .json<PublicTicketResponse>(`/api/v1/public/tickets/${encodeURIComponent(accessKey)}`, {
        signal: ctrl.signal,
        noRefresh: true,
      })
      .then(setTicket)
      .catch((e: unknown) => {
        if ((e as Error)?.name !== "AbortError") setError(e);
      });
    return () => ctrl.abort();
  }, [accessKey]);

  useEffect(() => {
    if (ticket) document.title = `${ticket.event_name} — ${t("door.ticket.title")}`;
  }, [ticket, t]);

  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="attendee">
      <div className="attendee-bar">
        <LanguageSwitch />
      </div>
      <main id="main" className="attendee-main">
        {ticket && <TicketView ticket={ticket} accessKey={accessKey} />}
        {notFound && (
          <div className="ticket ticket-missing">
            <h1>{t("door.ticket.notFound.title")}</h1>
            <p>{t("door.ticket.notFound.body")}</p>
          </div>
        )}
        {error && !notFound ? <ErrorBanner error={error} /> : null}
        {!ticket && !error && <p className="loading">{t("common.loading")}</p>}
      </main>
    </div>
  );
}
