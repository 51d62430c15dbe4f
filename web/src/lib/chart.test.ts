import { describe, expect, it } from "vitest";
import { fillMinutes, layoutChart, niceStep } from "./chart";

describe("fillMinutes", () => {
  it("fills the gaps with zero and ends on the minute of `end`", () => {
    const series = fillMinutes(
      [
        { minute: "2026-05-01T18:58:00Z", count: 3 },
        { minute: "2026-05-01T19:00:00Z", count: 5 },
        { minute: "2026-05-01T17:00:00Z", count: 9 }, // outside the window
      ],
      "2026-05-01T19:00:42Z",
      4,
    );
    expect(series.map((p) => p.count)).toEqual([0, 3, 0, 5]);
    expect(new Date(series[0].at).toISOString()).toBe("2026-05-01T18:57:00.000Z");
    expect(new Date(series[3].at).toISOString()).toBe("2026-05-01T19:00:00.000Z");
  });

  it("adds duplicates and survives bad input", () => {
    expect(fillMinutes([{ minute: "2026-05-01T19:00:10Z", count: 1 }, { minute: "2026-05-01T19:00:00Z", count: 2 }], "2026-05-01T19:00:00Z", 1)).toEqual([
      { at: Date.parse("2026-05-01T19:00:00Z"), count: 3 },
    ]);
    expect(fillMinutes([], "nonsense", 10)).toEqual([]);
    expect(fillMinutes([], "2026-05-01T19:00:00Z", 0)).toEqual([]);
  });
});

describe("niceStep", () => {
  it("picks 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(3)).toBe(1);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(18)).toBe(5);
    expect(niceStep(40)).toBe(10);
    expect(niceStep(230)).toBe(100);
    expect(niceStep(1234)).toBe(500);
  });
});

describe("layoutChart", () => {
  const at = (i: number) => Date.parse("2026-05-01T18:00:00Z") + i * 60_000;

  it("scales the tallest bar under a round axis maximum", () => {
    const series = [0, 7, 3, 0].map((count, i) => ({ at: at(i), count }));
    const l = layoutChart(series, { width: 440, height: 240 });
    expect(l.axisMax).toBe(8);
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8]);
    const plotHeight = l.plot.bottom - l.plot.top;
    expect(l.bars[1].height).toBeCloseTo((7 / 8) * plotHeight, 1);
    expect(l.bars[0].height).toBe(0);
    expect(l.bars[1].y + l.bars[1].height).toBeCloseTo(l.plot.bottom, 5);
    // Bars fill the plot from left to right without overlapping.
    for (let i = 1; i < l.bars.length; i++) expect(l.bars[i].x).toBeGreaterThanOrEqual(l.bars[i - 1].x + l.bars[i - 1].width);
    expect(l.bars[3].x + l.bars[3].width).toBeLessThanOrEqual(l.plot.right);
  });

  it("keeps an axis for an empty hour and labels round half hours", () => {
    const series = Array.from({ length: 120 }, (_, i) => ({ at: at(i), count: 0 }));
    const l = layoutChart(series);
    expect(l.axisMax).toBe(1);
    expect(l.bars.every((b) => b.height === 0 && b.width > 0)).toBe(true);
    expect(l.xTicks.map((t) => new Date(t.at).toISOString().slice(11, 16))).toEqual(["18:00", "18:30", "19:00", "19:30"]);
  });

  it("puts ticks on round local times in zones with odd offsets", () => {
    const series = Array.from({ length: 60 }, (_, i) => ({ at: at(i), count: 0 }));
    // India is UTC+5:30: local 23:30 and 00:00 are 18:00 and 18:30 UTC; 23:45 is not a tick.
    const l = layoutChart(series, { offsetMinutes: 330, labelEvery: 30 });
    expect(l.xTicks.map((t) => new Date(t.at).toISOString().slice(11, 16))).toEqual(["18:00", "18:30"]);
    const n = layoutChart(series, { offsetMinutes: -345, labelEvery: 30 });
    expect(n.xTicks.map((t) => new Date(t.at).toISOString().slice(11, 16))).toEqual(["18:15", "18:45"]);
  });
});
