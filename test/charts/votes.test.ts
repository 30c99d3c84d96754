import { beforeAll, describe, expect, it } from "vitest";
import { leaderVotesChart, votesCharts, VOTES_ROWS_PER_PAGE } from "../../src/charts";
import type { HatchSpec, ReferenceLinesSpec } from "../../src/charts/plugins";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { datasets, largeAssessment, OPTS, options, pluginSpec, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("测评票构成", () => {
  it("stacks the shares of 优秀/称职/基本称职/不称职 votes to 100% per leader, in rank order", () => {
    const [chart] = votesCharts(sample, OPTS);
    const ds = datasets(chart);
    expect(ds.map((d) => d.label)).toEqual(["优秀", "称职", "基本称职", "不称职"]);
    expect(ds.map((d) => d.backgroundColor)).toEqual(
      ["优秀", "称职", "基本称职", "不称职"].map((g) => GRADE_COLORS[g as "优秀"]),
    );
    expect(options(chart).scales.x).toMatchObject({ stacked: true, min: 0, max: 100 });
    expect(options(chart).scales.y.stacked).toBe(true);
    const byRank = [...sample.leaders].sort((a, b) => a.rank! - b.rank!);
    expect(chart.table.rows.map((r) => r[0])).toEqual(byRank.map((l) => l.name));
    chart.table.rows.forEach((row, i) => {
      const total = ds.reduce((s, d) => s + d.data[i], 0);
      expect(total).toBeCloseTo(100, 0);
      expect(row.slice(2, 6)).toEqual(byRank[i].explain.democratic.totals);
      const [n1] = byRank[i].explain.democratic.totals;
      expect(ds[0].data[i]).toBeCloseTo((100 * n1) / byRank[i].explain.democratic.total, 1);
    });
  });

  it("draws the 1/3 and 2/3 lines on the share axis and hatches the 不称职 segments", () => {
    const [chart] = votesCharts(sample, OPTS);
    const lines = pluginSpec<ReferenceLinesSpec>(chart, "kp-thresholds").lines;
    expect(lines.map((l) => [l.scaleId, l.value, l.label])).toEqual([
      ["x", 100 / 3, "1/3"],
      ["x", 200 / 3, "2/3"],
    ]);
    expect(pluginSpec<HatchSpec>(chart, "kp-hatch").targets).toEqual([{ datasetIndex: 3 }]);
  });

  it("names in red the leaders a vote rule capped", () => {
    const [chart] = votesCharts(sample, OPTS);
    const colors = options(chart).scales.y.ticks.color as string[];
    const red = chart.table.rows.flatMap((r, i) => (colors[i] === "#B42318" ? [r[0]] : []));
    expect(red).toEqual(["秦少华"]);
  });

  it("pages a large group like the ranking, pending leaders after the graded ones", () => {
    const a = largeAssessment();
    const pages = votesCharts(a, OPTS);
    const rows = pages.flatMap((p) => p.table.rows);
    const withVotes = a.leaders.filter((l) => l.explain.democratic.total > 0);
    expect(rows).toHaveLength(withVotes.length);
    expect(Math.max(...pages.map((p) => p.table.rows.length))).toBeLessThanOrEqual(VOTES_ROWS_PER_PAGE);
    const labels = pages.flatMap((p) => p.config.data.labels as string[]);
    const firstPending = labels.findIndex((l) => l.startsWith("暂缓"));
    expect(firstPending).toBeGreaterThan(0);
    expect(labels.slice(firstPending).every((l) => l.startsWith("暂缓"))).toBe(true);
  });

  it("breaks a leader's votes down by evaluator group, with a total row", () => {
    const l = sample.leaders.find((x) => x.name === "秦少华")!;
    const chart = leaderVotesChart(sample, l, OPTS, { width: 400, height: 250 });
    expect(chart.config.data.labels).toEqual(["上级", "同级", "下级", "合计"]);
    expect(chart.table.rows[3].slice(1, 5)).toEqual(l.explain.democratic.totals);
    expect(pluginSpec<ReferenceLinesSpec>(chart, "kp-thresholds").lines.map((x) => x.value)).toEqual([
      100 / 3,
      200 / 3,
    ]);
  });
});
