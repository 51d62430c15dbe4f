// Geometry of the check-ins-per-minute bar chart: a continuous series of
// minutes (the API only lists minutes that had admissions), a "nice" axis
// and bar rectangles in SVG user units.

export interface MinutePoint {
  /** Start of the minute, epoch milliseconds. */
  at: number;
  count: number;
}

const MINUTE = 60_000;

/** Every minute of the window ending at `end`, zero where nothing happened. */
export function fillMinutes(points: { minute: string; count: number }[], end: string, minutes: number): MinutePoint[] {
  const endMinute = Math.floor(Date.parse(end) / MINUTE) * MINUTE;
  if (!Number.isFinite(endMinute) || minutes <= 0) return [];
  const first = endMinute - (minutes - 1) * MINUTE;
  const counts = new Map<number, number>();
  for (const p of points) {
    const at = Math.floor(Date.parse(p.minute) / MINUTE) * MINUTE;
    if (at >= first && at <= endMinute) counts.set(at, (counts.get(at) ?? 0) + p.count);
  }
  const out: MinutePoint[] = [];
  for (let at = first; at <= endMinute; at += MINUTE) out.push({ at, count: counts.get(at) ?? 0 });
  return out;
}

/** A round step (1, 2 or 5 times a power of ten, at least 1) giving about `ticks` steps up to `max`. */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  axisMax: number;
  yTicks: { value: number; y: number }[];
  bars: { at: number; count: number; x: number; y: number; width: number; height: number }[];
  xTicks: { at: number; x: number }[];
}

export interface LayoutOptions {
  width?: number;
  height?: number;
  /** Minutes between labelled ticks on the time axis. */
  labelEvery?: number;
  /** Offset of the displayed time zone from UTC, in minutes, so ticks fall on round local times. */
  offsetMinutes?: number;
}

/** Bars and axes for a minute series, in a `width`×`height` box. */
export function layoutChart(series: MinutePoint[], opts: LayoutOptions = {}): ChartLayout {
  const width = opts.width ?? 720;
  const height = opts.height ?? 240;
  const labelEvery = opts.labelEvery ?? 30;
  const offset = opts.offsetMinutes ?? 0;
  const plot = { left: 40, top: 12, right: width - 8, bottom: height - 28 };
  const max = series.reduce((m, p) => Math.max(m, p.count), 0);
  const step = niceStep(max);
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const plotHeight = plot.bottom - plot.top;
  const scaleY = (v: number) => plot.bottom - (v / axisMax) * plotHeight;
  const yTicks: ChartLayout["yTicks"] = [];
  for (let v = 0; v <= axisMax; v += step) yTicks.push({ value: v, y: round(scaleY(v)) });
  const slot = series.length ? (plot.right - plot.left) / series.length : 0;
  const gap = slot > 4 ? 1 : 0;
  const bars = series.map((p, i) => {
    const top = scaleY(p.count);
    return {
      at: p.at,
      count: p.count,
      x: round(plot.left + i * slot + gap / 2),
      y: round(top),
      width: round(Math.max(slot - gap, 0.5)),
      height: round(plot.bottom - top),
    };
  });
  const xTicks = series
    .map((p, i) => ({ at: p.at, x: round(plot.left + i * slot + slot / 2) }))
    .filter((tick) => (((tick.at / MINUTE + offset) % labelEvery) + labelEvery) % labelEvery === 0);
  return { width, height, plot, axisMax, yTicks, bars, xTicks };
}

const round = (n: number) => Math.round(n * 100) / 100;
