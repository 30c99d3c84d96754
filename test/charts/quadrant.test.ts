import { beforeAll, describe, expect, it } from "vitest";
import { isoLine, QUADRANT_LABEL_MAX, quadrantChart, type ChartSpec } from "../../src/charts";
import type { AnnotationsSpec } from "../../src/charts/annotations";
import { overlaps } from "../../src/charts/geometry";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { expectClear } from "./clear";
import {
  datasets,
  decisionsAssessment,
  largeAssessment,
  OPTS,
  options,
  pluginSpec,
  sampleAssessment,
} from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

const marks = (c: ChartSpec) => pluginSpec<AnnotationsSpec>(c, "kp-annotations");

/** A px position back to (P, D) on the chart's axes. */
function toData(c: ChartSpec, px: number, py: number) {
  const p = c.plot!;
  const x = options(c).scales.x;
  const y = options(c).scales.y;
  return {
    P: x.min + ((px - p.left) / (p.right - p.left)) * (x.max - x.min),
    D: y.min + ((p.bottom - py) / (p.bottom - p.top)) * (y.max - y.min),
  };
}

describe("工作业绩 × 民主测评", () => {
  it("plots every leader at (P, D), one dataset per grade with its colour and shape, all one size", () => {
    const chart = quadrantChart(sample, OPTS);
    const ds = datasets(chart);
    expect(ds.map((d) => d.label)).toEqual(["优秀", "称职", "基本称职"]);
    expect(ds.map((d) => d.backgroundColor)).toEqual([
      GRADE_COLORS["优秀"],
      GRADE_COLORS["称职"],
      GRADE_COLORS["基本称职"],
    ]);
    expect(new Set(ds.map((d) => d.pointStyle)).size).toBe(3);
    expect(new Set(ds.map((d) => d.pointRadius)).size).toBe(1);
    const points = ds.flatMap((d) => d.data as { x: number; y: number }[]);
    expect(points).toHaveLength(20);
    const byName = sample.leaders.find((l) => l.name === "秦少华")!;
    expect(ds[2].data).toContainEqual({ x: byName.work, y: byName.democratic });
  });

  it("draws the iso-lines of F at the band thresholds instead of medians: F = 0.7·P + 0.3·D = 90 on the line", () => {
    const chart = quadrantChart(sample, OPTS);
    const m = marks(chart);
    const lines = m.under.filter((l) => l.role.startsWith("iso:"));
    // The sample's scores lie between 75 and 105: only the 90 line crosses the plot.
    expect(lines.map((l) => l.role)).toEqual(["iso:90"]);
    for (const l of lines)
      for (const [px, py] of [
        [l.x1, l.y1],
        [l.x2, l.y2],
      ]) {
        const { P, D } = toData(chart, px, py);
        expect(0.7 * P + 0.3 * D).toBeCloseTo(90, 6);
      }
    expect(m.labels.find((l) => l.role === "iso:90")?.text).toBe("优秀线 90");
    expect(chart.subtitle).not.toContain("中位数");
    expect(chart.table.headers).not.toContain("象限");
    // The line of any threshold, clipped to the axes.
    expect(isoLine(70, { work: 70, democratic: 30 }, { min: 60, max: 100 }, { min: 60, max: 100 })).toEqual({
      x1: 60,
      y1: 93 + 1 / 3,
      x2: 520 / 7,
      y2: 60,
    });
    expect(isoLine(50, { work: 70, democratic: 30 }, { min: 60, max: 100 }, { min: 60, max: 100 })).toBeNull();
  });

  it("names every point of a small group, nothing over anything, no line through a name", async () => {
    for (const a of [sample, await decisionsAssessment()]) {
      const chart = quadrantChart(a, OPTS);
      const m = marks(chart);
      const names = m.labels.filter((l) => l.role.startsWith("name:")).map((l) => l.text);
      expect(names.sort()).toEqual(chart.table.rows.map((r) => String(r[0])).sort());
      expectClear(chart, m);
    }
  });

  it("keeps every name off every point", () => {
    for (const a of [sample, largeAssessment()]) {
      const chart = quadrantChart(a, OPTS);
      const r = datasets(chart)[0].pointRadius as number;
      const p = chart.plot!;
      const x = options(chart).scales.x;
      const y = options(chart).scales.y;
      const px = (v: number) => p.left + ((v - x.min) / (x.max - x.min)) * (p.right - p.left);
      const py = (v: number) => p.bottom - ((v - y.min) / (y.max - y.min)) * (p.bottom - p.top);
      const points = datasets(chart).flatMap((d) =>
        (d.data as { x: number; y: number }[]).map((q) => ({
          left: px(q.x) - r,
          right: px(q.x) + r,
          top: py(q.y) - r,
          bottom: py(q.y) + r,
        })),
      );
      for (const l of marks(chart).labels) for (const b of points) expect(overlaps(l.box, b), l.role).toBe(false);
    }
  });

  it("shows 暂缓评定 and 不定等次 leaders hollow, apart from the four grades", async () => {
    const d = await decisionsAssessment();
    const ds = datasets(quadrantChart(d, OPTS));
    const pending = ds.find((x) => x.label === "暂缓评定")!;
    const ungraded = ds.find((x) => x.label === "不定等次")!;
    for (const x of [pending, ungraded]) {
      expect(x.backgroundColor).toBe("#FFFFFF");
      expect(x.data).toHaveLength(1);
    }
    expect(pending.pointStyle).not.toBe(ungraded.pointStyle);
  });

  it("with 196 points names at most 30 — the decided first — with leader lines where a name sits away", () => {
    const a = largeAssessment();
    const chart = quadrantChart(a, OPTS);
    const ds = datasets(chart);
    const plotted = a.leaders.filter((l) => l.work !== null && l.democratic !== null);
    expect(ds.flatMap((d) => d.data)).toHaveLength(plotted.length);
    const m = marks(chart);
    const names = m.labels.filter((l) => l.role.startsWith("name:"));
    expect(names.length).toBeGreaterThan(15);
    expect(names.length).toBeLessThanOrEqual(QUADRANT_LABEL_MAX);
    expectClear(chart, m);
    // Leader lines run from a named point to its name.
    for (const lead of m.over.filter((l) => l.role.startsWith("leader:"))) {
      const label = names.find((l) => l.role === `name:${lead.role.split(":")[1]}`)!;
      expect(lead.x2).toBeGreaterThanOrEqual(label.box.left - 0.01);
      expect(lead.x2).toBeLessThanOrEqual(label.box.right + 0.01);
    }
    expect(chart.notes.some((n) => n.startsWith(`未绘出 ${a.leaders.length - plotted.length} 人`))).toBe(true);
  });
});
