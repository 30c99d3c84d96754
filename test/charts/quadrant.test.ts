import { beforeAll, describe, expect, it } from "vitest";
import { QUADRANT_LABEL_MAX, QUADRANT_NAMES, quadrantChart, quadrantOf } from "../../src/charts";
import type { PointLabelsSpec, QuadrantsSpec, ReferenceLinesSpec } from "../../src/charts/plugins";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { datasets, largeAssessment, OPTS, pluginSpec, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe("工作业绩 × 民主测评", () => {
  it("plots every leader at (P, D), one dataset per grade with its colour and its own point shape", () => {
    const chart = quadrantChart(sample, OPTS);
    const ds = datasets(chart);
    expect(ds.map((d) => d.label)).toEqual(["优秀", "称职", "基本称职"]);
    expect(ds.map((d) => d.backgroundColor)).toEqual([
      GRADE_COLORS["优秀"],
      GRADE_COLORS["称职"],
      GRADE_COLORS["基本称职"],
    ]);
    expect(new Set(ds.map((d) => d.pointStyle)).size).toBe(3);
    const points = ds.flatMap((d) => d.data as { x: number; y: number }[]);
    expect(points).toHaveLength(20);
    const byName = sample.leaders.find((l) => l.name === "秦少华")!;
    expect(ds[2].data).toContainEqual({ x: byName.work, y: byName.democratic });
  });

  it("draws the medians of P and D as lines, and names the four quadrants around them", () => {
    const chart = quadrantChart(sample, OPTS);
    const mx = median(sample.leaders.map((l) => l.work!));
    const my = median(sample.leaders.map((l) => l.democratic!));
    const lines = pluginSpec<ReferenceLinesSpec>(chart, "kp-medians").lines;
    expect(lines.map((l) => [l.scaleId, l.value])).toEqual([
      ["x", mx],
      ["y", my],
    ]);
    const q = pluginSpec<QuadrantsSpec>(chart, "kp-quadrants");
    expect(q).toMatchObject({ x: mx, y: my, names: QUADRANT_NAMES });
    expect(chart.table.rows.find((r) => r[0] === "冯雅琴")![6]).toBe("业绩好 · 测评好");
    expect(chart.table.rows.find((r) => r[0] === "秦少华")![6]).toBe("业绩、测评均待提升");
  });

  it("counts a leader on a median line on the better side", () => {
    expect(quadrantOf(90, 90, 90, 90)).toBe(QUADRANT_NAMES[0]);
    expect(quadrantOf(89.99, 90, 90, 90)).toBe(QUADRANT_NAMES[1]);
    expect(quadrantOf(89.99, 89.99, 90, 90)).toBe(QUADRANT_NAMES[2]);
    expect(quadrantOf(90, 89.99, 90, 90)).toBe(QUADRANT_NAMES[3]);
  });

  it("names every point of a small group", () => {
    const chart = quadrantChart(sample, OPTS);
    const labels = pluginSpec<PointLabelsSpec>(chart, "kp-point-labels").labels;
    expect(labels.map((l) => l.text).sort()).toEqual(sample.leaders.map((l) => l.name).sort());
    expect(labels.every((l) => l.must)).toBe(true);
  });

  it("with 196 points names only the 30 farthest from the medians, and leaves the pending out with a note", () => {
    const a = largeAssessment();
    const chart = quadrantChart(a, OPTS);
    const ds = datasets(chart);
    const plotted = a.leaders.filter((l) => l.work !== null && l.democratic !== null);
    expect(ds.flatMap((d) => d.data)).toHaveLength(plotted.length);
    const labels = pluginSpec<PointLabelsSpec>(chart, "kp-point-labels").labels;
    expect(labels).toHaveLength(QUADRANT_LABEL_MAX);
    expect(labels.every((l) => !l.must)).toBe(true);
    // Every labelled point is at least as far from the medians as every unlabelled one.
    const lines = pluginSpec<ReferenceLinesSpec>(chart, "kp-medians").lines;
    const [mx, my] = [lines[0].value, lines[1].value];
    const sx = Math.max(...plotted.map((l) => l.work!)) - Math.min(...plotted.map((l) => l.work!));
    const sy = Math.max(...plotted.map((l) => l.democratic!)) - Math.min(...plotted.map((l) => l.democratic!));
    const dist = (p: { x: number; y: number }) => Math.hypot((p.x - mx) / sx, (p.y - my) / sy);
    const labelled = new Set(labels.map((l) => `${l.datasetIndex}:${l.index}`));
    const all = ds.flatMap((d, di) =>
      (d.data as { x: number; y: number }[]).map((p, i) => ({ key: `${di}:${i}`, d: dist(p) })),
    );
    const minLabelled = Math.min(...all.filter((p) => labelled.has(p.key)).map((p) => p.d));
    const maxOther = Math.max(...all.filter((p) => !labelled.has(p.key)).map((p) => p.d));
    expect(minLabelled).toBeGreaterThanOrEqual(maxOther);
    expect(chart.notes.some((n) => n.startsWith(`未绘出 ${a.leaders.length - plotted.length} 人`))).toBe(true);
  });
});
