// The attendee's ticket page (/t/:accessKey): public, no account. Shows only
// this ticket: the event, the holder, and the QR code to show at the door.
// The last answer is kept on the device: with no network (the venue's Wi-Fi
// down) the page, opened again, shows that copy and says so.
import { useEffect, useState } from "react";
import { useParams } from "react-router-dom";
import { api, ApiError } from "../api/client";
import type { PublicTicketResponse } from "../api/types";
import { TicketView } from "../components/door/TicketView";
import { ErrorBanner } from "../components/ui";
import { LanguageSwitch, useI18n } from "../i18n";
import { usePageTitle } from "../lib/page";
import { forgetTicket, loadTicket, pageStorage, saveTicket, svgDataUrl, type SavedTicket } from "../lib/savedTicket";

export function Attendee() {
  const { accessKey = "" } = useParams();
  return <AttendeeTicket key={accessKey} accessKey={accessKey} />;
}

/** No answer from the server (offline, or a proxy's 5xx), as opposed to an answer saying no. */
const unreachable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500);

function AttendeeTicket({ accessKey }: { accessKey: string }) {
  const { t, dateTime, suggestLang } = useI18n();
  const [ticket, setTicket] = useState<PublicTicketResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved] = useState<SavedTicket | null>(() => loadTicket(pageStorage(), accessKey));

  useEffect(() => {
    const ctrl = new AbortController();
    const base = `/api/v1/public/tickets/${encodeURIComponent(accessKey)}`;
    const opts = { signal: ctrl.signal, noRefresh: true };
    api
      .json<PublicTicketResponse>(base, opts)
      .then(async (fresh) => {
        setTicket(fresh);
        let qr = saved?.qr ?? null;
        if (fresh.status !== "revoked") {
          qr = await api
            .response(`${base}/qr.svg?size=512`, opts)
            .then(async (res) => svgDataUrl(await res.text()))
            .catch(() => qr);
        }
        saveTicket(pageStorage(), accessKey, { ticket: fresh, qr, savedAt: new Date().toISOString() });
      })
      .catch((e: unknown) => {
        if ((e as Error)?.name === "AbortError") return;
        if (e instanceof ApiError && e.status === 404) forgetTicket(pageStorage(), accessKey);
        setError(e);
      });
    return () => ctrl.abort();
  }, [accessKey, saved]);

  const fallback = !ticket && unreachable(error) ? saved : null;
  const shown = ticket ?? fallback?.ticket ?? null;

  // The organizer's choice for this ticket, unless the person picked a language here.
  const chosen = shown?.locale;
  useEffect(() => {
    if (chosen === "en" || chosen === "fr") suggestLang(chosen);
  }, [chosen, suggestLang]);

  usePageTitle(shown ? [shown.event_name, t("door.ticket.title")] : error ? [t("door.ticket.notFound.title")] : null);

  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="attendee">
      <div className="attendee-bar">
        <LanguageSwitch />
      </div>
      <main id="main" className="attendee-main">
        {fallback && (
          <p className="banner banner-warn" role="status" data-testid="attendee-saved-copy">
            {t("attendee.savedCopy", { time: dateTime(fallback.savedAt, fallback.ticket.timezone) })}
          </p>
        )}
        {shown && <TicketView ticket={shown} accessKey={accessKey} offline={fallback !== null} />}
        {notFound && (
          <div className="ticket ticket-missing">
            <h1>{t("door.ticket.notFound.title")}</h1>
            <p>{t("door.ticket.notFound.body")}</p>
          </div>
        )}
        {error && !notFound && !fallback ? <ErrorBanner error={error} /> : null}
        {!shown && !error && <p className="loading">{t("common.loading")}</p>}
      </main>
    </div>
  );
}
