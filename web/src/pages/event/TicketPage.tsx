// One ticket: its facts, and for owners and managers its code, QR images,
// printable PDF, attendee link, and the revoke / reissue / new-link actions.
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api/client";
import { newAttendeeLink, reissueTicket, revokeTicket } from "../../api/tickets";
import type { EventView, TicketResponse } from "../../api/types";
import { DownloadButton } from "../../components/Download";
import { Confirm, CopyField, ErrorBanner, Status } from "../../components/ui";
import { useI18n, type MessageKey } from "../../i18n";
import { useConfirmAction } from "../../lib/confirm";
import { shortId } from "../../lib/format";
import { useResource } from "../../lib/hooks";
import { eventPath } from "../../lib/query";
import { canManage } from "../../lib/reasons";
import { TicketMail } from "./TicketMail";
import { TicketStatus } from "./TicketStatus";

type Action = "revoke" | "reissue" | "link";

const CONFIRM: Record<Action, { title: MessageKey; text: MessageKey; button: MessageKey; danger: boolean }> = {
  revoke: { title: "dash.ticket.revokeTitle", text: "dash.ticket.revokeText", button: "dash.ticket.revoke", danger: true },
  reissue: { title: "dash.ticket.reissueTitle", text: "dash.ticket.reissueText", button: "dash.ticket.reissue", danger: true },
  link: { title: "dash.ticket.newLinkTitle", text: "dash.ticket.newLinkText", button: "dash.ticket.newLink", danger: false },
};

export function TicketPage({ event }: { event: EventView }) {
  const { t, dateTime } = useI18n();
  const { ticketId = "" } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const base = `/events/${event.id}`;
  const path = eventPath(event.id, `/tickets/${ticketId}`);
  const res = useResource<TicketResponse>(path);
  const ticket = res.data;
  const confirming = useConfirmAction<Action>();
  const [notice, setNotice] = useState<string>((location.state as { notice?: string } | null)?.notice ?? "");
  const [qr, setQr] = useState<{ id: string; url: string } | null>(null);
  const [qrError, setQrError] = useState<unknown>(null);
  const manager = canManage(event.role);

  // The preview's object URL lives as long as the preview.
  useEffect(() => () => void (qr && URL.revokeObjectURL(qr.url)), [qr]);

  async function showQr() {
    setQrError(null);
    try {
      const blob = await api.blob(`${path}/qr.svg?size=320`);
      setQr({ id: ticketId, url: URL.createObjectURL(blob) });
    } catch (e) {
      setQrError(e);
    }
  }

  async function run(action: Action) {
    if (!ticket) return;
    if (action === "revoke") {
      res.setData(await revokeTicket(event.id, ticket.id));
      setNotice(t("dash.ticket.revokedOk", { name: ticket.holder_name }));
    } else if (action === "link") {
      res.setData(await newAttendeeLink(event.id, ticket.id));
      setNotice(t("dash.ticket.newLinkOk"));
    } else {
      const fresh = await reissueTicket(event.id, ticket.id);
      setQr(null);
      navigate(`${base}/tickets/${fresh.id}`, { state: { notice: t("dash.ticket.reissuedOk") } });
      setNotice(t("dash.ticket.reissuedOk"));
    }
  }

  if (!ticket) {
    return (
      <section aria-labelledby="ticket-title">
        <p className="crumbs">
          <Link to={`${base}/tickets`}>← {t("dash.ticket.back")}</Link>
        </p>
        <h2 id="ticket-title">{t("dash.ticket.title")}</h2>
        <ErrorBanner error={res.error} />
        {!res.error && <p role="status">{t("common.loading")}</p>}
      </section>
    );
  }

  const tz = event.timezone;
  const attendeeUrl = ticket.attendee_path ? `${window.location.origin}${ticket.attendee_path}` : "";
  const active = ticket.status === "active";
  const file = `ticket-${shortId(ticket.id)}`;
  const spec = confirming.target ? CONFIRM[confirming.target] : null;

  return (
    <section aria-labelledby="ticket-title" className="ticket-page">
      <p className="crumbs">
        <Link to={`${base}/tickets`}>← {t("dash.ticket.back")}</Link>
      </p>
      <div className="section-head">
        <h2 id="ticket-title">{ticket.holder_name}</h2>
        <TicketStatus ticket={ticket} />
      </div>
      <Status className={notice ? "banner banner-ok" : "status"}>{notice}</Status>

      <dl className="facts">
        <div>
          <dt>{t("dash.ticket.email")}</dt>
          <dd>{ticket.holder_email || "—"}</dd>
        </div>
        <div>
          <dt>{t("dash.ticket.category")}</dt>
          <dd>{ticket.category || "—"}</dd>
        </div>
        <div>
          <dt>{t("dash.ticket.uses")}</dt>
          <dd>{t("dash.ticket.usesOf", { uses: ticket.uses, max: ticket.max_uses })}</dd>
        </div>
        <div>
          <dt>{t("dash.ticket.valid")}</dt>
          <dd>
            {dateTime(ticket.valid_from, tz)} – {dateTime(ticket.valid_until, tz)}
          </dd>
        </div>
        {ticket.first_used_at && (
          <div>
            <dt>{t("dash.ticket.firstUse")}</dt>
            <dd>
              {dateTime(ticket.first_used_at, tz)}
              {ticket.first_gate && ` · ${t("dash.ticket.gate", { gate: ticket.first_gate })}`}
            </dd>
          </div>
        )}
        {ticket.last_used_at && ticket.last_used_at !== ticket.first_used_at && (
          <div>
            <dt>{t("dash.ticket.lastUse")}</dt>
            <dd>{dateTime(ticket.last_used_at, tz)}</dd>
          </div>
        )}
        <div>
          <dt>{t("dash.ticket.issued")}</dt>
          <dd>{dateTime(ticket.created_at, tz)}</dd>
        </div>
        {ticket.revoked_at && (
          <div>
            <dt>{t("dash.ticket.revokedAt")}</dt>
            <dd>{dateTime(ticket.revoked_at, tz)}</dd>
          </div>
        )}
        {ticket.replaced_by && (
          <div>
            <dt>{t("dash.ticket.replacedBy")}</dt>
            <dd>
              <Link to={`${base}/tickets/${ticket.replaced_by}`}>{t("dash.ticket.openReplacement")}</Link>
            </dd>
          </div>
        )}
        {ticket.note && (
          <div className="wide">
            <dt>{t("dash.ticket.note")}</dt>
            <dd className="pre">{ticket.note}</dd>
          </div>
        )}
        <div className="wide">
          <dt>{t("dash.ticket.id")}</dt>
          <dd className="mono">{ticket.id}</dd>
        </div>
      </dl>

      {manager && (
        <>
          <section aria-labelledby="qr-title" className="card">
            <h3 id="qr-title">{t("dash.ticket.qrTitle")}</h3>
            {ticket.code && (
              <CopyField label={t("dash.ticket.code")} value={ticket.code} hint={t("dash.ticket.codeHint")} />
            )}
            {qr?.id === ticket.id ? (
              <img src={qr.url} className="qr-preview" width={240} height={240} alt={t("dash.ticket.qrAlt", { name: ticket.holder_name })} />
            ) : (
              active && (
                <button type="button" onClick={() => void showQr()}>
                  {t("dash.ticket.showQr")}
                </button>
              )
            )}
            <ErrorBanner error={qrError} />
            {active && (
              <div className="toolbar">
                <DownloadButton path={`${path}/qr.svg`} filename={`${file}.svg`}>
                  {t("dash.ticket.downloadSvg")}
                </DownloadButton>
                <DownloadButton path={`${path}/qr.png?size=600`} filename={`${file}.png`}>
                  {t("dash.ticket.downloadPng")}
                </DownloadButton>
                <DownloadButton path={`${path}/ticket.pdf`} filename={`${file}.pdf`}>
                  {t("dash.ticket.downloadPdf")}
                </DownloadButton>
              </div>
            )}
          </section>

          {active && <TicketMail event={event} ticket={ticket} />}

          {attendeeUrl && (
            <section aria-labelledby="link-title" className="card">
              <h3 id="link-title">{t("dash.ticket.linkTitle")}</h3>
              <CopyField label={t("dash.ticket.attendeeLink")} value={attendeeUrl} hint={t("dash.ticket.linkHint")} />
              <button type="button" onClick={() => confirming.ask("link")}>
                {t("dash.ticket.newLink")}
              </button>
            </section>
          )}

          <section aria-labelledby="actions-title" className="card">
            <h3 id="actions-title">{t("dash.ticket.actionsTitle")}</h3>
            {active ? (
              <div className="toolbar">
                <button type="button" className="danger-outline" onClick={() => confirming.ask("reissue")}>
                  {t("dash.ticket.reissue")}
                </button>
                <button type="button" className="danger" onClick={() => confirming.ask("revoke")}>
                  {t("dash.ticket.revoke")}
                </button>
              </div>
            ) : (
              <p className="hint">{t("dash.ticket.revokedNote")}</p>
            )}
            <p>
              <Link to={`${base}/audit?ticket=${ticket.id}`}>{t("dash.ticket.auditLink")}</Link>
            </p>
          </section>
        </>
      )}

      <Confirm
        open={spec !== null}
        title={spec ? t(spec.title, { name: ticket.holder_name }) : ""}
        confirmLabel={spec ? t(spec.button) : undefined}
        danger={spec?.danger}
        busy={confirming.busy}
        error={confirming.error}
        onConfirm={() => void confirming.run(run)}
        onCancel={confirming.cancel}
      >
        {spec && <p>{t(spec.text)}</p>}
      </Confirm>
    </section>
  );
}
