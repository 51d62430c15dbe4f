// The organizer's home: their events, searchable, archived ones on demand.
import type { FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router-dom";
import type { EventView } from "../api/types";
import { Badge, ErrorBanner, LoadMore, Status } from "../components/ui";
import { useI18n } from "../i18n";
import { formatRange } from "../lib/format";
import { usePaged } from "../lib/hooks";
import { usePageTitle } from "../lib/page";
import { buildQuery } from "../lib/query";
import { countText, roleText } from "../lib/reasons";

const PAGE = 20;

export function Events() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const archived = params.get("archived") === "1";
  const list = usePaged<EventView>(`/api/v1/events${buildQuery({ limit: PAGE, q, include_archived: archived })}`);
  const flash = (location.state as { deleted?: string } | null)?.deleted;

  usePageTitle([t("dash.events.title")]);

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    const value = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    if (value) next.set("q", value);
    else next.delete("q");
    setParams(next, { replace: true });
  }

  function toggleArchived(on: boolean) {
    const next = new URLSearchParams(params);
    if (on) next.set("archived", "1");
    else next.delete("archived");
    setParams(next, { replace: true });
  }

  let summary: string;
  if (list.loading) summary = t("common.loading");
  else if (list.items.length === 0) summary = q ? t("dash.events.noMatch", { q }) : t("dash.events.empty");
  else summary = countText(t, lang, "dash.events.count", list.items.length);

  return (
    <main id="main">
      <div className="page-head">
        <h1>{t("dash.events.title")}</h1>
        <Link to="/events/new" className="button primary">
          {t("dash.events.new")}
        </Link>
      </div>
      {flash && <p className="banner banner-ok">{t("dash.settings.deleted", { name: flash })}</p>}
      <form role="search" className="filters" onSubmit={search} aria-label={t("dash.events.searchLabel")}>
        <div className="field grow">
          <label htmlFor="event-q">{t("dash.events.searchLabel")}</label>
          <div className="search-row">
            <input id="event-q" type="search" name="q" defaultValue={q} key={q} autoComplete="off" />
            <button type="submit">{t("common.search")}</button>
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={archived} onChange={(e) => toggleArchived(e.target.checked)} />
          {t("dash.events.showArchived")}
        </label>
      </form>
      <ErrorBanner error={list.error} />
      <Status>{summary}</Status>
      {!list.loading && list.items.length === 0 && !q && (
        <p>
          <Link to="/events/new">{t("dash.events.createFirst")}</Link>
        </p>
      )}
      <ul className="event-list" aria-busy={list.loading || undefined}>
        {list.items.map((ev) => (
          <li key={ev.id} className="card event-card">
            <h2>
              <Link to={`/events/${ev.id}`}>{ev.name}</Link>
            </h2>
            <p className="when">
              {formatRange(ev.starts_at, ev.ends_at, ev.timezone, lang)} <span className="muted">({ev.timezone})</span>
            </p>
            {ev.venue && <p className="venue">{ev.venue}</p>}
            <div className="card-foot">
              <p className="badges">
                <Badge tone="info">{roleText(ev.role, t)}</Badge>
                {ev.archived && <Badge tone="muted">{t("dash.events.archived")}</Badge>}
              </p>
              <Link to={`/scan/${ev.id}`} className="button">
                {t("dash.events.scanner")}
                <span className="visually-hidden"> – {ev.name}</span>
              </Link>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </main>
  );
}
