// The Live section: door figures pushed by the server as they change (polled
// every few seconds where streams do not get through, see lib/liveStream.ts),
// door devices polled, door conflicts first when there are any.
import { useState } from "react";
import { Link } from "react-router-dom";
import type { EventView, LabelCount, StatsResponse } from "../../api/types";
import { MinuteChart } from "../../components/BarChart";
import { useNow } from "../../components/door/useNow";
import { ErrorBanner } from "../../components/ui";
import { useI18n, type T } from "../../i18n";
import { fillMinutes } from "../../lib/chart";
import { formatClock, formatNumber, formatPercent, percent } from "../../lib/format";
import { LIVE_TIMING, type LiveMode } from "../../lib/liveStream";
import { useLiveStats } from "../../lib/useLiveStats";
import { countText, reasonText } from "../../lib/reasons";
import { LiveDevices } from "./LiveDevices";
import "./conflicts.css";

const POLL_MS = LIVE_TIMING.pollMs;
/**
 * While figures are pushed, the devices list is asked again when they change
 * (a scan, an upload, a device enrolled or revoked) and otherwise this often,
 * for the phones that only download.
 */
const DEVICES_PUSHED_MS = 30_000;
const MINUTES = 120;

export function Live({ event }: { event: EventView }) {
  const { t, lang } = useI18n();
  const [running, setRunning] = useState(true);
  const live = useLiveStats(event.id, MINUTES, running);
  const stats = live.value;
  const tz = event.timezone;
  const n = (v: number) => formatNumber(v, lang);
  // Pushed figures come only when they change: the chart's window follows the clock meanwhile.
  const now = useNow(15_000, running && live.mode === "live");
  const chartEnd = stats && live.mode === "live" ? new Date(Math.max(Date.parse(stats.generated_at), now)).toISOString() : stats?.generated_at;

  // The dot and the words say the same: live (pushed), polled, on its way, or paused.
  const tone: LiveMode | "paused" = !running || live.hidden ? "paused" : live.mode;
  let state: string;
  if (!running) state = t("dash.live.paused");
  else if (live.hidden) state = t("dash.live.hidden");
  else state = modeText(live.mode, t);

  return (
    <section aria-labelledby="live-title">
      <div className="section-head">
        <h2 id="live-title">{t("dash.tab.live")}</h2>
        <div className="toolbar">
          <p className="hint live-state" data-mode={tone}>
            <span className={`live-dot live-dot-${tone}`} aria-hidden="true" />
            {stats && `${t("dash.live.updated", { time: formatClock(stats.generated_at, tz, lang, true) })} · `}
            {state}
          </p>
          <button type="button" onClick={() => setRunning((r) => !r)} aria-pressed={!running}>
            {running ? t("dash.live.pause") : t("dash.live.resume")}
          </button>
        </div>
      </div>
      {Boolean(live.error) && (
        <div>
          <ErrorBanner error={live.error} />
          {stats && <p className="hint">{t("dash.live.stale")}</p>}
        </div>
      )}
      {!stats && !live.error && <p role="status">{t("common.loading")}</p>}
      {stats && <ConflictsAlert count={stats.conflicts} eventId={event.id} />}
      {stats && <Figures stats={stats} t={t} n={n} lang={lang} conflictsHref={`/events/${event.id}/conflicts`} />}
      <LiveDevices
        event={event}
        interval={live.mode === "live" ? DEVICES_PUSHED_MS : POLL_MS}
        running={running}
        changedAt={live.mode === "live" ? live.updatedAt : null}
      />
      {stats && (
        <section aria-labelledby="chart-title">
          <h3 id="chart-title">{t("dash.live.chartTitle", { minutes: MINUTES })}</h3>
          <MinuteChart
            series={fillMinutes(stats.per_minute, chartEnd ?? stats.generated_at, MINUTES)}
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

/** How the figures arrive, for the line above them. */
function modeText(mode: LiveMode, t: T): string {
  switch (mode) {
    case "live":
      return t("dash.live.pushed");
    case "polling":
      return t("dash.live.every", { seconds: POLL_MS / 1000 });
    case "reconnecting":
      return t("dash.live.reconnecting");
    default:
      return t("dash.live.connecting");
  }
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
