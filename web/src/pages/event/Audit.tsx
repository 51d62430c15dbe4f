// The Audit section: the event's trail with filters (kept in the URL so a
// filtered view can be linked to), the hash chain's status, CSV export.
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { devicesPath } from "../../api/devices";
import type { AuditEntryView, ChainStatus, Device, EventView, MemberView, Page } from "../../api/types";
import { DownloadButton } from "../../components/Download";
import { Badge, ErrorBanner, LoadMore, Status } from "../../components/ui";
import { useI18n } from "../../i18n";
import { formatNumber, shortId } from "../../lib/format";
import { usePaged, useResource } from "../../lib/hooks";
import { buildQuery, eventPath } from "../../lib/query";
import { actionText, countText, EVENT_ACTIONS } from "../../lib/reasons";
import { zonedLocalToUtc } from "../../lib/time";
import { chainProblemText, detailRows } from "./auditFacts";
import { deviceNames, type DeviceNames } from "./deviceFacts";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = ["action", "outcome", "ticket", "from", "to"] as const;

export function Audit({ event }: { event: EventView }) {
  const { t, lang, dateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const tz = event.timezone;
  const f = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ""])) as Record<(typeof FILTERS)[number], string>;
  const fromUtc = f.from ? zonedLocalToUtc(f.from, tz) : null;
  const toUtc = f.to ? zonedLocalToUtc(f.to, tz) : null;
  const problems: Record<string, string> = {};
  if (f.ticket && !UUID_RE.test(f.ticket)) problems.ticket = t("dash.audit.ticketInvalid");
  if (f.from && !fromUtc) problems.from = t("field.invalid");
  if (f.to && !toUtc) problems.to = t("field.invalid");
  if (fromUtc && toUtc && Date.parse(toUtc) <= Date.parse(fromUtc)) problems.to = t("field.before_from");
  const valid = Object.keys(problems).length === 0;
  const query = { action: f.action, outcome: f.outcome, ticket: f.ticket, from: fromUtc, to: toUtc };
  const list = usePaged<AuditEntryView>(valid ? eventPath(event.id, `/audit${buildQuery({ limit: 50, ...query })}`) : null);
  const chain = useResource<ChainStatus>(eventPath(event.id, "/audit/verify"));
  const members = useResource<Page<MemberView>>(eventPath(event.id, "/members?limit=100"));
  const names = new Map((members.data?.items ?? []).map((m) => [m.user_id, m.name || m.email]));
  const deviceList = useResource<Page<Device>>(devicesPath(event.id));
  const devices = deviceNames(deviceList.data?.items);
  const filtered = FILTERS.some((k) => f[k]);

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const k of FILTERS) {
      const v = String(form.get(k) ?? "").trim();
      if (v) next.set(k, v);
    }
    setParams(next, { replace: true });
  }

  let summary: string;
  if (!valid) summary = "";
  else if (list.loading) summary = t("common.loading");
  else if (!list.items.length) summary = filtered ? t("dash.audit.noMatch") : t("dash.audit.empty");
  else summary = countText(t, lang, list.hasMore ? "dash.audit.countMore" : "dash.audit.count", list.items.length);

  return (
    <section aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">{t("dash.tab.audit")}</h2>
        <div className="toolbar">
          <DownloadButton path={eventPath(event.id, `/audit.csv${buildQuery(query)}`)} filename={`audit-${event.id}.csv`}>
            {t("dash.audit.export")}
          </DownloadButton>
        </div>
      </div>

      <ChainView chain={chain.data} error={chain.error} loading={chain.loading} onCheck={chain.reload} />

      <form className="filters audit-filters" onSubmit={apply} aria-label={t("dash.audit.filters")} key={params.toString()}>
        <div className="field">
          <label htmlFor="audit-action">{t("dash.audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={f.action}>
            <option value="">{t("dash.filter.all")}</option>
            {EVENT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionText(a, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-outcome">{t("dash.audit.outcome")}</label>
          <select id="audit-outcome" name="outcome" defaultValue={f.outcome}>
            <option value="">{t("dash.filter.all")}</option>
            <option value="success">{t("dash.audit.success")}</option>
            <option value="failure">{t("dash.audit.failure")}</option>
          </select>
        </div>
        <FilterInput id="audit-ticket" name="ticket" label={t("dash.audit.ticket")} value={f.ticket} error={problems.ticket} />
        <FilterInput id="audit-from" name="from" type="datetime-local" label={t("dash.audit.from", { zone: tz })} value={f.from} error={problems.from} />
        <FilterInput id="audit-to" name="to" type="datetime-local" label={t("dash.audit.to", { zone: tz })} value={f.to} error={problems.to} />
        <div className="actions start filter-actions">
          <button type="submit" className="primary">
            {t("dash.audit.apply")}
          </button>
          {filtered && (
            <button type="button" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t("dash.audit.clear")}
            </button>
          )}
        </div>
      </form>

      <ErrorBanner error={list.error} />
      <Status>{summary}</Status>
      {list.items.length > 0 && (
        <div className="table-wrap">
          <table className="audit responsive" aria-busy={list.loading || undefined}>
            <caption className="visually-hidden">{t("dash.tab.audit")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.audit.when")}</th>
                <th scope="col">{t("dash.audit.action")}</th>
                <th scope="col">{t("dash.audit.outcome")}</th>
                <th scope="col">{t("dash.audit.who")}</th>
                <th scope="col">{t("dash.audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t("dash.audit.when")}>{dateTime(entry.at, tz)}</td>
                  <th scope="row" data-label={t("dash.audit.action")}>
                    {actionText(entry.action, t)}
                    <code className="sub">{entry.action}</code>
                  </th>
                  <td data-label={t("dash.audit.outcome")}>
                    <Badge tone={entry.outcome === "success" ? "ok" : "bad"}>
                      {entry.outcome === "success" ? t("dash.audit.success") : t("dash.audit.failure")}
                    </Badge>
                  </td>
                  <td data-label={t("dash.audit.who")}>
                    {entry.actor_id ? names.get(entry.actor_id) ?? <code>{shortId(entry.actor_id)}</code> : <span className="muted">—</span>}
                    {entry.client_ip && <span className="sub">{entry.client_ip}</span>}
                  </td>
                  <td data-label={t("dash.audit.details")}>
                    <Details entry={entry} eventId={event.id} timeZone={tz} devices={devices} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </section>
  );
}

function FilterInput({ id, name, label, value, error, type = "text" }: { id: string; name: string; label: string; value: string; error?: string; type?: string }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
      />
      {error && (
        <small id={`${id}-err`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

function ChainView({ chain, error, loading, onCheck }: { chain: ChainStatus | null; error: unknown; loading: boolean; onCheck: () => void }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const problem = chainProblemText(chain?.problem, t);
  return (
    <div className={`card chain ${chain && !chain.intact ? "chain-broken" : ""}`}>
      <h3>{t("dash.audit.chainTitle")}</h3>
      <div role="status" aria-live="polite">
        {loading && <p>{t("dash.audit.checking")}</p>}
        {!loading && chain && chain.intact && (
          <p>
            <Badge tone="ok">{t("dash.audit.intact")}</Badge> {t("dash.audit.intactText", { seals: n(chain.seals), entries: n(chain.sealed_entries) })}
          </p>
        )}
        {!loading && chain && !chain.intact && (
          <p>
            <Badge tone="bad">{t("dash.audit.broken")}</Badge>{" "}
            {chain.first_broken_seq != null
              ? t("dash.audit.brokenAt", { seq: n(chain.first_broken_seq) })
              : t("dash.audit.brokenText")}
            {problem && <span className="sub">{problem}</span>}
          </p>
        )}
        {!loading && chain && chain.unsealed_entries > 0 && (
          <p className="hint">{countText(t, lang, "dash.audit.unsealed", chain.unsealed_entries)}</p>
        )}
      </div>
      <ErrorBanner error={error} />
      <button type="button" onClick={onCheck} disabled={loading}>
        {t("dash.audit.checkAgain")}
      </button>
    </div>
  );
}

function Details({ entry, eventId, timeZone, devices }: { entry: AuditEntryView; eventId: string; timeZone: string; devices: DeviceNames }) {
  const { t, lang } = useI18n();
  const rows = detailRows(entry.details, t, lang, devices, timeZone);
  const ticketSubject = entry.action.startsWith("ticket.") && entry.subject && UUID_RE.test(entry.subject) && entry.subject !== eventId;
  return (
    <dl className="details">
      {entry.subject && entry.subject !== eventId && (
        <div>
          <dt>{t("dash.audit.subject")}</dt>
          <dd>
            {ticketSubject ? (
              <Link to={`/events/${eventId}/tickets/${entry.subject}`}>
                <code>{shortId(entry.subject)}</code>
              </Link>
            ) : devices(entry.subject) ? (
              <span title={entry.subject}>{devices(entry.subject)}</span>
            ) : (
              <code>{entry.subject.length > 40 ? shortId(entry.subject) : entry.subject}</code>
            )}
          </dd>
        </div>
      )}
      {rows.map((row) => (
        <div key={row.key}>
          <dt>{row.label}</dt>
          <dd>{row.id ? <span title={row.id}>{row.value}</span> : row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
