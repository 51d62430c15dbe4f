// The Live section: door figures refreshed every few seconds. Polling (not
// server-sent events) keeps it simple and proxy-proof; it stops while the
// browser tab is hidden and when the person pauses it.
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { EventView, LabelCount, StatsResponse } from "../../api/types";
import { MinuteChart } from "../../components/BarChart";
import { ErrorBanner } from "../../components/ui";
import { useI18n, type T } from "../../i18n";
import { fillMinutes } from "../../lib/chart";
import { formatClock, formatNumber, formatPercent, percent } from "../../lib/format";
import { buildQuery, eventPath } from "../../lib/query";
import { reasonText } from "../../lib/reasons";

const POLL_MS = 5_000;
const MINUTES = 120;

/** GETs `path` now and every `interval` ms while the page is visible and `running`. */
function usePolling<V>(path: string, interval: number, running: boolean): { value: V | null; error: unknown; hidden: boolean } {
  const [state, setState] = useState<{ value: V | null; error: unknown }>({ value: null, error: null });
  const [hidden, setHidden] = useState(() => typeof document !== "undefined" && document.visibilityState === "hidden");

  useEffect(() => {
    if (!running) return;
    let timer: number | undefined;
    let ctl: AbortController | null = null;
    let stopped = false;
    const tick = async () => {
      window.clearTimeout(timer);
      if (stopped || document.visibilityState === "hidden") return;
      ctl = new AbortController();
      const signal = ctl.signal;
      try {
        const value = await api.json<V>(path, { signal });
        setState({ value, error: null });
      } catch (error) {
        if (signal.aborted) return;
        setState((prev) => ({ value: prev.value, error }));
      }
      if (!stopped && document.visibilityState === "visible") timer = window.setTimeout(() => void tick(), interval);
    };
    const onVisibility = () => {
      const isHidden = document.visibilityState === "hidden";
      setHidden(isHidden);
      window.clearTimeout(timer);
      ctl?.abort();
      if (!isHidden) void tick();
    };
    document.addEventListener("visibilitychange", onVisibility);
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      ctl?.abort();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [path, interval, running]);

  return { ...state, hidden };
}

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
      {stats && <Figures stats={stats} t={t} n={n} lang={lang} />}
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

function Figures({ stats, t, n, lang }: { stats: StatsResponse; t: T; n: (v: number) => string; lang: "en" | "fr" }) {
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
      </dl>
    </>
  );
}

function Figure({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: "bad" }) {
  return (
    <div className={tone ? `figure figure-${tone}` : "figure"}>
      <dt>{label}</dt>
      <dd>
        <span className="figure-value">{value}</span>
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
