// One event: its heading, section links (tabs) and the section itself.
// What is shown follows the caller's role on the event: scanners see the
// tickets (without codes) and the scanner link, nothing else.
import { Link, Navigate, NavLink, Route, Routes, useLocation, useParams } from "react-router-dom";
import type { EventView } from "../api/types";
import { Badge, ErrorBanner } from "../components/ui";
import { useI18n, type MessageKey } from "../i18n";
import { formatRange } from "../lib/format";
import { useResource } from "../lib/hooks";
import { usePageTitle } from "../lib/page";
import { eventPath } from "../lib/query";
import { canManage, roleText } from "../lib/reasons";
import { AddTickets } from "./event/AddTickets";
import { Audit } from "./event/Audit";
import { Conflicts } from "./event/Conflicts";
import { Devices } from "./event/Devices";
import { Live } from "./event/Live";
import { Settings } from "./event/Settings";
import { Staff } from "./event/Staff";
import { TicketPage } from "./event/TicketPage";
import { Tickets } from "./event/Tickets";

const SECTIONS: { path: string; label: MessageKey; managers: boolean }[] = [
  { path: "tickets", label: "dash.tab.tickets", managers: false },
  { path: "staff", label: "dash.tab.staff", managers: true },
  { path: "devices", label: "dash.tab.devices", managers: true },
  { path: "live", label: "dash.tab.live", managers: true },
  { path: "conflicts", label: "dash.tab.conflicts", managers: true },
  { path: "audit", label: "dash.tab.audit", managers: true },
  { path: "settings", label: "dash.tab.settings", managers: true },
];

export function EventDetail() {
  const { t, lang } = useI18n();
  const { eventId = "" } = useParams();
  const resource = useResource<EventView>(eventPath(eventId));
  const event = resource.data;
  const { pathname } = useLocation();
  const section = SECTIONS.find((s) => pathname.startsWith(`/events/${eventId}/${s.path}`));

  usePageTitle(event ? [section && t(section.label), event.name] : resource.error ? [t("dash.event.unavailable")] : null);

  if (!event) {
    return (
      <main id="main">
        <p className="crumbs">
          <Link to="/">← {t("dash.events.title")}</Link>
        </p>
        {resource.error ? (
          <>
            <h1>{t("dash.event.unavailable")}</h1>
            <ErrorBanner error={resource.error} />
            <button type="button" onClick={resource.reload}>
              {t("common.retry")}
            </button>
          </>
        ) : (
          <p className="loading" role="status">
            {t("common.loading")}
          </p>
        )}
      </main>
    );
  }

  const manager = canManage(event.role);
  const base = `/events/${event.id}`;
  const sections = SECTIONS.filter((s) => manager || !s.managers);

  return (
    <main id="main">
      <p className="crumbs">
        <Link to="/">← {t("dash.events.title")}</Link>
      </p>
      <div className="event-head">
        <div>
          <h1>{event.name}</h1>
          <p className="when">
            {formatRange(event.starts_at, event.ends_at, event.timezone, lang)}{" "}
            <span className="muted">({event.timezone})</span>
            {event.venue && <> · {event.venue}</>}
          </p>
          <p className="badges">
            <Badge tone="info">{t("dash.event.yourRole", { role: roleText(event.role, t) })}</Badge>
            {event.archived && <Badge tone="muted">{t("dash.events.archived")}</Badge>}
          </p>
        </div>
        <Link to={`/scan/${event.id}`} className="button primary">
          {t("dash.event.openScanner")}
        </Link>
      </div>
      <nav className="tabs" aria-label={t("dash.event.sections")}>
        {sections.map((s) => (
          <NavLink key={s.path} to={`${base}/${s.path}`} className="tab">
            {t(s.label)}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to={`${base}/tickets`} replace />} />
        <Route path="tickets" element={<Tickets event={event} />} />
        <Route path="tickets/add" element={manager ? <AddTickets event={event} /> : <Navigate to={`${base}/tickets`} replace />} />
        <Route path="tickets/:ticketId" element={<TicketPage event={event} />} />
        {manager && <Route path="staff" element={<Staff event={event} />} />}
        {manager && <Route path="devices" element={<Devices key={event.id} event={event} />} />}
        {manager && <Route path="live" element={<Live event={event} />} />}
        {manager && <Route path="conflicts" element={<Conflicts key={event.id} event={event} />} />}
        {manager && <Route path="audit" element={<Audit event={event} />} />}
        {manager && <Route path="settings" element={<Settings event={event} onChange={resource.setData} />} />}
        <Route path="*" element={<Navigate to={`${base}/tickets`} replace />} />
      </Routes>
    </main>
  );
}
