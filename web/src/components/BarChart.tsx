// Check-ins per minute as an SVG bar chart. Geometry is in attributes (the
// CSP forbids inline styles); colours come from the stylesheet. Screen
// readers get a summary (<title>/<desc>) and a hidden table of the figures.
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n";
import { layoutChart, type MinutePoint } from "../lib/chart";
import { formatClock, formatNumber } from "../lib/format";
import { offsetAt } from "../lib/time";

export function MinuteChart({ series, timeZone, title }: { series: MinutePoint[]; timeZone: string; title: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const figure = useRef<HTMLElement>(null);
  // Laid out at the width it is drawn at, so labels keep their real size on phones.
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const el = figure.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width);
      if (w > 0) setWidth(Math.max(280, w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const end = series.length ? series[series.length - 1].at : 0;
  const layout = layoutChart(series, {
    width,
    height: width < 520 ? 200 : 240,
    labelEvery: width < 400 ? 60 : 30,
    offsetMinutes: Math.round(offsetAt(end, timeZone) / 60_000),
  });
  const total = series.reduce((sum, p) => sum + p.count, 0);
  const busiest = series.reduce<MinutePoint | null>((best, p) => (p.count > (best?.count ?? 0) ? p : best), null);
  const desc = busiest
    ? t("dash.live.chartDesc", {
        total: formatNumber(total, lang),
        minutes: series.length,
        max: formatNumber(busiest.count, lang),
        at: formatClock(busiest.at, timeZone, lang),
      })
    : t("dash.live.chartEmpty", { minutes: series.length });
  const { plot } = layout;

  return (
    <figure className="chart" ref={figure}>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="chart-svg"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {layout.yTicks.map((tick) => (
          <g key={tick.value}>
            <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} className="chart-grid" />
            <text x={plot.left - 6} y={tick.y + 4} textAnchor="end" className="chart-label">
              {formatNumber(tick.value, lang)}
            </text>
          </g>
        ))}
        {layout.bars
          .filter((bar) => bar.count > 0)
          .map((bar) => (
            <rect key={bar.at} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="chart-bar">
              <title>{`${formatClock(bar.at, timeZone, lang)}: ${formatNumber(bar.count, lang)}`}</title>
            </rect>
          ))}
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} className="chart-axis" />
        {layout.xTicks.map((tick) => (
          <g key={tick.at}>
            <line x1={tick.x} x2={tick.x} y1={plot.bottom} y2={plot.bottom + 4} className="chart-axis" />
            <text x={tick.x} y={plot.bottom + 18} textAnchor="middle" className="chart-label">
              {formatClock(tick.at, timeZone, lang)}
            </text>
          </g>
        ))}
      </svg>
      {/* The same sentence as <desc>, for sighted readers; screen readers already have it. */}
      <figcaption className="hint" aria-hidden="true">
        {desc}
      </figcaption>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dash.live.minute")}</th>
            <th scope="col">{t("dash.live.admissions")}</th>
          </tr>
        </thead>
        <tbody>
          {series
            .filter((p) => p.count > 0)
            .map((p) => (
              <tr key={p.at}>
                <th scope="row">{formatClock(p.at, timeZone, lang)}</th>
                <td>{formatNumber(p.count, lang)}</td>
              </tr>
            ))}
          {total === 0 && (
            <tr>
              <td colSpan={2}>{t("dash.live.chartEmpty", { minutes: series.length })}</td>
            </tr>
          )}
        </tbody>
      </table>
    </figure>
  );
}
