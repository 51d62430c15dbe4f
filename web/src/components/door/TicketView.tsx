// The attendee's ticket: what it is for, who holds it, and the code to show.
import type { PublicTicketResponse } from "../../api/types";
import { useI18n } from "../../i18n";
import { formatRange } from "../../lib/format";
import { WalletButtons } from "./WalletButtons";

/** `offline`: a copy saved on the device is shown; what needs the server is left out. */
export function TicketView({ ticket, accessKey, offline = false }: { ticket: PublicTicketResponse; accessKey: string; offline?: boolean }) {
  const { t, lang } = useI18n();
  const base = `/api/v1/public/tickets/${encodeURIComponent(accessKey)}`;
  const active = ticket.status !== "revoked";
  return (
    <article className="ticket" aria-labelledby="ticket-event">
      <p className="ticket-kicker">{t("door.ticket.title")}</p>
      <h1 id="ticket-event">{ticket.event_name}</h1>
      <dl className="ticket-facts">
        <div>
          <dt>{t("door.ticket.when")}</dt>
          <dd>
            {formatRange(ticket.starts_at, ticket.ends_at, ticket.timezone, lang, "full")}
            <small className="muted"> · {t("door.ticket.zone", { zone: ticket.timezone })}</small>
          </dd>
        </div>
        {ticket.venue && (
          <div>
            <dt>{t("door.ticket.where")}</dt>
            <dd>{ticket.venue}</dd>
          </div>
        )}
        <div>
          <dt>{t("door.ticket.holder")}</dt>
          <dd className="ticket-holder">{ticket.holder_name}</dd>
        </div>
        {ticket.category && (
          <div>
            <dt>{t("door.ticket.category")}</dt>
            <dd>{ticket.category}</dd>
          </div>
        )}
      </dl>
      {active ? (
        <>
          <figure className="ticket-qr-box">
            <img
              className="ticket-qr"
              src={`${base}/qr.svg?size=512`}
              width={512}
              height={512}
              alt={t("door.ticket.qrAlt", { name: ticket.holder_name })}
            />
            <figcaption>{t("door.ticket.show")}</figcaption>
          </figure>
          <nav className="ticket-links" aria-label={t("door.ticket.downloads")}>
            <a className="button" href={`${base}/qr.png?size=1024`} download>
              {t("door.ticket.png")}
            </a>
            <a className="button" href={`${base}/ticket.pdf`} download>
              {t("door.ticket.pdf")}
            </a>
            <a className="button" href={`${base}/event.ics`} download>
              {t("door.ticket.calendar")}
            </a>
          </nav>
          {!offline && <WalletButtons wallets={ticket.wallets} base={base} />}
        </>
      ) : (
        <div className="banner banner-error ticket-revoked" role="alert">
          <h2>{t("door.ticket.revoked.title")}</h2>
          <p>{t("door.ticket.revoked.body")}</p>
        </div>
      )}
    </article>
  );
}
