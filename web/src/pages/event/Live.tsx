// The Live section: door figures and door devices refreshed every few
// seconds (see lib/polling.ts), door conflicts first when there are any.
import { useState } from "react";
import { Link } from "react-router-dom";
import type { EventView, LabelCount, StatsResponse } from "../../api/types";
import { MinuteChart } from "../../components/BarChart";
import { ErrorBanner } from "../../components/ui";
import { useI18n, type T } from "../../i18n";
import { fillMinutes } from "../../lib/chart";
import { formatClock, formatNumber, formatPercent, percent } from "../../lib/format";
import { usePolling } from "../../lib/polling";
import { buildQuery, eventPath } from "../../lib/query";
import { countText, reasonText } from "../../lib/reasons";
import { LiveDevices } from "./LiveDevices";
import "./conflicts.css";

const POLL_MS = 5_000;
const MINUTES = 120;

export function Live({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const [running, setRunning] = useState(true);
  const polled = usePolling<StatsResponse>(eventPath(event.id, `/stats${buildQuery({ minutes: MINUTES })}`), POLL_MS, running);
  const stats = polled.value;
  const tz = event.timezone;
  const n = (v: number) => formatNumber(v, lang);

  let state: string;
  if (!running) state = t("dash.live.paused");
  else if (polled.hidden) state = t("dash.live.hidden");
  else state = t("dash.live.every", { seconds: POLL_MS / 1000 });

  return (
    <section aria-labelledby="live-title">
      <div className="section-head">
        <h2 id="live-title">{t("dash.tab.live")}</h2>
        <div className="toolbar">
          <p className="hint live-state">
            {stats && `${t("dash.live.updated", { time: formatClock(stats.generated_at, tz, lang, true) })} · `}
            {state}
          </p>
          <button type="button" onClick={() => setRunning((r) => !r)} aria-pressed={!running}>
            {running ? t("dash.live.pause") : t("dash.live.resume")}
          </button>
        </div>
      </div>
      {Boolean(polled.error) && (
        <div>
          <ErrorBanner error={polled.error} />
          {stats && <p className="hint">{t("dash.live.stale")}</p>}
        </div>
      )}
      {!stats && !polled.error && <p role="status">{t("common.loading")}</p>}
      {stats && <ConflictsAlert count={stats.conflicts} eventId={event.id} />}
      {stats && <Figures stats={stats} t={t} n={n} lang={lang} conflictsHref={`/events/${event.id}/conflicts`} />}
      <LiveDevices event={event} interval={POLL_MS} running={running} />
      {stats && (
        <section aria-labelledby="chart-title">
          <h3 id="chart-title">{t("dash.live.chartTitle", { minutes: MINUTES })}</h3>
          <MinuteChart
            series={fillMinutes(stats.per_minute, stats.generated_at, MINUTES)}
            timeZone={tz}
            title={t("dash.live.chartTitle", { minutes: MINUTES })}
          />
        </section>
      )}
      {stats && (
        <div className="two-col">
          <CountTable
            id="refusals"
            title={t("dash.live.refusals")}
            head={t("dash.live.reason")}
            rows={stats.rejected}
            label={(r) => reasonText(r, t)}
            empty={t("dash.live.noRefusals")}
            n={n}
          />
          <CountTable
            id="gates"
            title={t("dash.live.gates")}
            head={t("dash.live.gate")}
            rows={stats.per_gate}
            label={(g) => g || t("dash.live.noGate")}
            empty={t("dash.live.noGates")}
            n={n}
          />
        </div>
      )}
    </section>
  );
}

/** Door conflicts come first: each is a person let in whom the server would have refused. */
function ConflictsAlert({ count, eventId }: { count: number; eventId: string }) {
  const { t, lang } = useI18n();
  if (count <= 0) return null;
  return (
    <div className="banner banner-error live-conflicts" data-testid="live-conflicts-alert">
      <p>{countText(t, lang, "dash.live.conflictsAlert", count)}</p>
      <Link to={`/events/${eventId}/conflicts`} className="button">
        {t("dash.live.conflictsReview")}
      </Link>
    </div>
  );
}

function Figures({
  stats,
  t,
  n,
  lang,
  conflictsHref,
}: {
  stats: StatsResponse;
  t: T;
  n: (v: number) => string;
  lang: "en" | "fr";
  conflictsHref: string;
}) {
  const refused = stats.rejected.reduce((sum, r) => sum + r.count, 0);
  const share = percent(stats.unique_in, stats.active);
  return (
    <>
      <div className="attendance card">
        <label htmlFor="attendance-meter">
          {t("dash.live.attendance", { in: n(stats.unique_in), of: n(stats.active), pct: formatPercent(share, lang) })}
        </label>
        <meter id="attendance-meter" min={0} max={Math.max(stats.active, 1)} value={Math.min(stats.unique_in, Math.max(stats.active, 1))} />
      </div>
      <dl className="figures">
        <Figure label={t("dash.live.peopleIn")} value={n(stats.unique_in)} />
        <Figure label={t("dash.live.admitted")} value={n(stats.admitted)} hint={t("dash.live.admittedHint")} />
        <Figure label={t("dash.live.issued")} value={n(stats.issued)} />
        <Figure label={t("dash.live.active")} value={n(stats.active)} />
        <Figure label={t("dash.live.revoked")} value={n(stats.revoked)} />
        <Figure label={t("dash.live.refused")} value={n(refused)} tone={refused ? "bad" : undefined} />
        <Figure
          label={t("dash.live.conflicts")}
          value={n(stats.conflicts)}
          hint={t("dash.live.conflictsHint")}
          tone={stats.conflicts ? "bad" : undefined}
          href={conflictsHref}
          testId="live-conflicts"
        />
      </dl>
    </>
  );
}

function Figure({
  label,
  value,
  hint,
  tone,
  href,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  tone?: "bad";
  /** The figure's number links to the details. */
  href?: string;
  testId?: string;
}) {
  return (
    <div className={tone ? `figure figure-${tone}` : "figure"} data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        {href ? (
          <Link to={href} className="figure-value figure-link" aria-label={`${label}: ${value}`}>
            {value}
          </Link>
        ) : (
          <span className="figure-value">{value}</span>
        )}
        {hint && <span className="hint">{hint}</span>}
      </dd>
    </div>
  );
}

function CountTable({
  id,
  title,
  head,
  rows,
  label,
  empty,
  n,
}: {
  id: string;
  title: string;
  head: string;
  rows: LabelCount[];
  label: (raw: string) => string;
  empty: string;
  n: (v: number) => string;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" className="num">
                {t("dash.live.count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...rows]
              .sort((a, b) => b.count - a.count)
              .map((r) => (
                <tr key={r.label}>
                  <th scope="row">{label(r.label)}</th>
                  <td className="num">{n(r.count)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
