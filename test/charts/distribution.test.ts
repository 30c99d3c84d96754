import { beforeAll, describe, expect, it } from "vitest";
import { distributionChart, gradeCounts, type ChartSpec } from "../../src/charts";
import type { AnnotationsSpec } from "../../src/charts/annotations";
import { distributionBars } from "../../src/charts/distribution";
import { yScale } from "../../src/charts/geometry";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { expectClear } from "./clear";
import {
  datasets,
  decisionsAssessment,
  groupedAssessment,
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

describe("等次分布", () => {
  it("counts the leaders per grade, best grade first, each bar in its grade's colour", () => {
    const chart = distributionChart(sample, OPTS);
    expect(chart.config.data.labels).toEqual([["优秀", "名额 4 人"], "称职", "基本称职", "不称职"]);
    expect(datasets(chart)[0].data).toEqual([4, 13, 3, 0]);
    expect(datasets(chart)[0].backgroundColor).toEqual(
      ["优秀", "称职", "基本称职", "不称职"].map((g) => GRADE_COLORS[g as "优秀"]),
    );
    expect(chart.table.rows.map((r) => r[2])).toEqual([0.2, 0.65, 0.15, 0]);
    expectClear(chart, marks(chart));
  });

  it("marks the 优秀 quota q at its value, across the 优秀 bar only", () => {
    const chart = distributionChart(sample, OPTS);
    const lines = marks(chart).over.filter((l) => l.role.startsWith("quota"));
    expect(lines.length).toBeGreaterThan(0);
    const y = yScale(chart.plot!, 0, options(chart).scales.y.max);
    const [excellent, competent] = distributionBars(
      chart.plot!,
      ["优秀", "称职", "基本称职", "不称职"],
      [{ label: null, graded: 20, q: 4, counts: [4, 13, 3, 0] }],
      options(chart).scales.y.max,
    );
    for (const l of lines) {
      expect(l.y1).toBeCloseTo(y(4), 6);
      expect(l.x1).toBeGreaterThanOrEqual(excellent.box.left - 8.01);
      expect(l.x2).toBeLessThan(competent.box.left);
    }
    expect(options(chart).scales.y.max).toBeGreaterThan(13);
    expect(chart.table.rows[0][3]).toBe(4);
  });

  it("explains what the caps and the quota did: 8 reached the band, 2 capped, 2 over the quota", () => {
    const c = gradeCounts(sample);
    expect(c).toMatchObject({ bandExcellent: 8, capped: 2, overQuota: 2, quotaTie: 0, quota: 4, quotaPercent: 20 });
    const chart = distributionChart(sample, OPTS);
    expect(chart.notes[0]).toBe("优秀名额 q = max(1, ⌊20 × 20%⌋) = 4 人；比例以已评定人数为基数。");
    expect(chart.notes[1]).toContain("超出优秀名额调整为称职 2 人");
  });

  it("draws 暂缓评定 and 不定等次 apart from the grades: behind a divider, pale, outlined in dots, in no share", async () => {
    const d = await decisionsAssessment();
    const chart = distributionChart(d, OPTS);
    expect(chart.config.data.labels).toEqual([
      ["优秀", "名额 3 人"],
      "称职",
      "基本称职",
      "不称职",
      ["暂缓评定", "（未评定等次）"],
      ["不定等次", "（未评定等次）"],
    ]);
    const fills = datasets(chart)[0].backgroundColor as string[];
    expect(fills.slice(0, 4)).toEqual(["优秀", "称职", "基本称职", "不称职"].map((g) => GRADE_COLORS[g as "优秀"]));
    expect(fills[4]).toMatch(/^rgba\(/);
    expect(fills[5]).toMatch(/^rgba\(/);
    const m = marks(chart);
    expect(m.over.filter((l) => l.role === "outline:暂缓评定")).toHaveLength(3);
    expect(m.over.filter((l) => l.role === "outline:不定等次").every((l) => l.dash && l.dash.length > 0)).toBe(true);
    expect(m.under.filter((l) => l.role === "divider")).toHaveLength(1);
    expect(m.labels.find((l) => l.role === "count:0:暂缓评定")!.text).toBe("1 人");
    expect(chart.table.rows.slice(4).map((r) => r[2])).toEqual([null, null]);
    expect(chart.subtitle).toContain("不是等次，不计入比例");
    expectClear(chart, m);
  });

  it("with quota groups, a cluster of grade bars per group, each with its own quota", async () => {
    const g = await groupedAssessment();
    const chart = distributionChart(g, { ...OPTS, quotaGroupColumn: "考核类别" });
    const groups = g.summary.quotaGroups!;
    expect(chart.config.data.labels).toEqual(
      groups.map((x) => [x.group, `已评定 ${x.graded} 人 · 名额 ${x.quota} 人`]),
    );
    expect(datasets(chart).map((x) => x.label)).toEqual(["优秀", "称职", "基本称职", "不称职"]);
    groups.forEach((grp, i) => {
      const counts = datasets(chart).map((x) => x.data[i] as number);
      expect(counts.reduce((s, n) => s + n, 0)).toBe(grp.graded);
      expect(counts[0]).toBe(grp.excellent);
    });
    const y = yScale(chart.plot!, 0, options(chart).scales.y.max);
    groups.forEach((grp, i) => {
      const lines = marks(chart).over.filter((l) => l.role === `quota:${i}`);
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(l.y1).toBeCloseTo(y(grp.quota), 6);
    });
    expect(chart.notes[0]).toContain("优秀名额按“考核类别”分组确定");
    expectClear(chart, marks(chart));
  });

  it("shows 暂缓评定 as its own bar in a large group; the quota still counts graded leaders only", () => {
    const a = largeAssessment();
    const chart = distributionChart(a, OPTS);
    expect((chart.config.data.labels as unknown[]).at(-1)).toEqual(["暂缓评定", "（未评定等次）"]);
    const counts = datasets(chart)[0].data as number[];
    expect(counts[4]).toBe(a.summary.pending);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(a.leaders.length);
    expect(chart.table.rows[0][3]).toBe(Math.floor(a.summary.graded * 0.2));
  });
});
