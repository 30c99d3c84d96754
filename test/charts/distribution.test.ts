import { beforeAll, describe, expect, it } from "vitest";
import { distributionChart, gradeCounts } from "../../src/charts";
import type { ReferenceLinesSpec } from "../../src/charts/plugins";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { datasets, largeAssessment, OPTS, options, pluginSpec, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("等次分布", () => {
  it("counts the leaders per grade, best grade first, each bar in its grade's colour", () => {
    const chart = distributionChart(sample, OPTS);
    expect(chart.config.data.labels).toEqual(["优秀", "称职", "基本称职", "不称职"]);
    expect(datasets(chart)[0].data).toEqual([4, 13, 3, 0]);
    expect(datasets(chart)[0].backgroundColor).toEqual(
      ["优秀", "称职", "基本称职", "不称职"].map((g) => GRADE_COLORS[g as "优秀"]),
    );
    expect(chart.table.rows.map((r) => r[2])).toEqual([0.2, 0.65, 0.15, 0]);
  });

  it("marks the 优秀 quota q at its value, across the 优秀 bar only", () => {
    const chart = distributionChart(sample, OPTS);
    const [quota] = pluginSpec<ReferenceLinesSpec>(chart, "kp-quota").lines;
    expect(quota).toMatchObject({
      scaleId: "y",
      value: 4,
      label: "优秀名额 4 人",
      category: { scaleId: "x", index: 0 },
    });
    expect(sample.summary.quota).toBe(4);
    expect(options(chart).scales.y.max).toBeGreaterThan(13);
    expect(chart.table.rows[0][3]).toBe(4);
  });

  it("explains what the caps and the quota did: 8 reached the band, 2 capped, 2 over the quota", () => {
    const c = gradeCounts(sample);
    expect(c).toMatchObject({ bandExcellent: 8, capped: 2, overQuota: 2, quotaTie: 0, quota: 4, quotaPercent: 20 });
    const chart = distributionChart(sample, OPTS);
    expect(chart.notes[0]).toBe("优秀名额 q = max(1, ⌊已评定人数 20 × 20%⌋) = 4 人；比例以已评定人数为基数。");
    expect(chart.notes[1]).toContain("超出优秀名额调整为称职 2 人");
  });

  it("shows 暂缓评定 as its own bar when there are pending leaders; the quota still counts graded leaders only", () => {
    const a = largeAssessment();
    const chart = distributionChart(a, OPTS);
    expect(chart.config.data.labels).toEqual(["优秀", "称职", "基本称职", "不称职", "暂缓评定"]);
    const counts = datasets(chart)[0].data as number[];
    expect(counts[4]).toBe(a.summary.pending);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(a.leaders.length);
    expect(pluginSpec<ReferenceLinesSpec>(chart, "kp-quota").lines[0].value).toBe(Math.floor(a.summary.graded * 0.2));
  });
});
