// The Tickets section: search and filters, the list with keyset paging and
// each ticket's e-mail state, revoke from the list; the toolbar's exports
// and e-mail are in TicketsToolbar.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { SendReport } from "../../api/delivery";
import { revokeTicket } from "../../api/tickets";
import type { EventView, TicketResponse } from "../../api/types";
import { Confirm, ErrorBanner, LoadMore, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { useConfirmAction } from "../../lib/confirm";
import { usePaged } from "../../lib/hooks";
import { buildQuery, eventPath } from "../../lib/query";
import { canManage, countText } from "../../lib/reasons";
import { MailCell, MailHeader } from "./TicketMailCell";
import { TicketStatus } from "./TicketStatus";
import { TicketsToolbar } from "./TicketsToolbar";
import { useTicketDeliveries } from "./useTicketDeliveries";

const PAGE = 50;

export function Tickets({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = params.get("status") ?? "";
  const used = params.get("used") ?? "";
  const manager = canManage(event.role);
  const base = `/events/${event.id}`;
  const list = usePaged<TicketResponse>(eventPath(event.id, `/tickets${buildQuery({ limit: PAGE, q, status, used })}`));
  const revoking = useConfirmAction<TicketResponse>();
  const [result, setResult] = useState("");
  const [mailError, setMailError] = useState<unknown>(null);
  // Whether mail is configured cannot be known here: the column shows once
  // a listed ticket has a delivery.
  const mail = useTicketDeliveries(event.id, manager ? list.items.map((it) => it.id) : null);
  const showMail = manager && mail.latest.size > 0;

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFilter("q", String(new FormData(e.currentTarget).get("q") ?? "").trim());
  }

  async function revoke(target: TicketResponse) {
    const updated = await revokeTicket(event.id, target.id);
    list.update((items) => items.map((it) => (it.id === updated.id ? updated : it)));
    setResult(t("dash.ticket.revokedOk", { name: updated.holder_name }));
  }

  function mailQueued(report: SendReport) {
    const noEmail = report.skipped.filter((s) => s.reason === "no_email").length;
    setResult(countText(t, lang, "dash.mail.unsentQueued", report.queued, { noEmail }));
    mail.reload();
  }

  let summary: string;
  if (list.loading) summary = t("common.loading");
  else if (!list.items.length) summary = q || status || used ? t("dash.tickets.noMatch") : t("dash.tickets.empty");
  else summary = countText(t, lang, list.hasMore ? "dash.tickets.countMore" : "dash.tickets.count", list.items.length);

  return (
    <section aria-labelledby="tickets-title">
      <div className="section-head">
        <h2 id="tickets-title">{t("dash.tab.tickets")}</h2>
        {manager && (
          <TicketsToolbar
            event={event}
            onQueued={mailQueued}
            onError={(err) => {
              setMailError(err);
              if (err) setResult("");
            }}
          />
        )}
      </div>
      {!manager && <p className="hint">{t("dash.tickets.scannerNote")}</p>}

      <form role="search" className="filters" onSubmit={search} aria-label={t("dash.tickets.filters")}>
        <div className="field grow">
          <label htmlFor="ticket-q">{t("dash.tickets.search")}</label>
          <div className="search-row">
            <input id="ticket-q" name="q" type="search" defaultValue={q} key={q} autoComplete="off" />
            <button type="submit">{t("common.search")}</button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="ticket-status">{t("dash.tickets.status")}</label>
          <select id="ticket-status" value={status} onChange={(e) => setFilter("status", e.target.value)}>
            <option value="">{t("dash.filter.all")}</option>
            <option value="active">{t("dash.status.active")}</option>
            <option value="revoked">{t("dash.status.revoked")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ticket-used">{t("dash.tickets.used")}</label>
          <select id="ticket-used" value={used} onChange={(e) => setFilter("used", e.target.value)}>
            <option value="">{t("dash.filter.all")}</option>
            <option value="true">{t("dash.tickets.usedYes")}</option>
            <option value="false">{t("dash.tickets.usedNo")}</option>
          </select>
        </div>
      </form>

      <ErrorBanner error={list.error} />
      <ErrorBanner error={mailError ?? mail.error} />
      <Status>{summary}</Status>
      <Status className={result ? "banner banner-ok" : "status"}>{result}</Status>

      {list.items.length > 0 && (
        <div className="table-wrap">
          <table className="tickets responsive" aria-busy={list.loading || undefined}>
            <caption className="visually-hidden">{t("dash.tab.tickets")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.ticket.holder")}</th>
                <th scope="col">{t("dash.ticket.category")}</th>
                <th scope="col">{t("dash.ticket.status")}</th>
                <th scope="col">{t("dash.ticket.uses")}</th>
                {showMail && <MailHeader />}
                {manager && <th scope="col">{t("dash.ticket.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((ticket) => (
                <tr key={ticket.id}>
                  <th scope="row" data-label={t("dash.ticket.holder")}>
                    <Link to={`${base}/tickets/${ticket.id}`}>{ticket.holder_name}</Link>
                    {ticket.holder_email && <span className="sub">{ticket.holder_email}</span>}
                  </th>
                  <td data-label={t("dash.ticket.category")}>{ticket.category || <span className="muted">—</span>}</td>
                  <td data-label={t("dash.ticket.status")}>
                    <TicketStatus ticket={ticket} />
                  </td>
                  <td data-label={t("dash.ticket.uses")}>
                    {t("dash.ticket.usesOf", { uses: ticket.uses, max: ticket.max_uses })}
                  </td>
                  {showMail && <MailCell ticket={ticket} latest={mail.latest.get(ticket.id)} timezone={event.timezone} />}
                  {manager && (
                    <td data-label={t("dash.ticket.actions")}>
                      <div className="row-actions">
                        <Link to={`${base}/tickets/${ticket.id}`} className="button">
                          {t("dash.ticket.manage")}
                          <span className="visually-hidden"> – {ticket.holder_name}</span>
                        </Link>
                        {ticket.status === "active" && (
                          <button type="button" className="danger-outline" onClick={() => revoking.ask(ticket)}>
                            {t("dash.ticket.revoke")}
                            <span className="visually-hidden"> – {ticket.holder_name}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />

      <Confirm
        open={revoking.target !== null}
        title={t("dash.ticket.revokeTitle", { name: revoking.target?.holder_name ?? "" })}
        confirmLabel={t("dash.ticket.revoke")}
        danger
        busy={revoking.busy}
        error={revoking.error}
        onConfirm={() => void revoking.run(revoke)}
        onCancel={revoking.cancel}
      >
        <p>{t("dash.ticket.revokeText")}</p>
      </Confirm>
    </section>
  );
}
