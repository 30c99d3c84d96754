import { beforeAll, describe, expect, it } from "vitest";
import { leaderVotesChart, votesCharts, VOTES_ROWS_PER_PAGE } from "../../src/charts";
import type { AnnotationsSpec } from "../../src/charts/annotations";
import { xScale } from "../../src/charts/geometry";
import type { HatchSpec, ReferenceLinesSpec } from "../../src/charts/plugins";
import type { ChartSpec } from "../../src/charts";
import { expectClear } from "./clear";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import {
  datasets,
  decisionsAssessment,
  hasPlugin,
  largeAssessment,
  OPTS,
  options,
  pluginSpec,
  sampleAssessment,
} from "./fixtures";

const marks = (c: ChartSpec) => pluginSpec<AnnotationsSpec>(c, "kp-annotations");

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

  it("draws the one threshold that decides, 2/3, labelled on both sides, and hatches the 不称职 segments", () => {
    const [chart] = votesCharts(sample, OPTS);
    const m = marks(chart);
    const x = xScale(chart.plot!, 0, 100);
    const lines = [...m.under, ...m.over];
    expect(new Set(lines.map((l) => l.role))).toEqual(new Set(["twoThirds"]));
    for (const l of lines) {
      expect(l.x1).toBeCloseTo(x(200 / 3), 6);
      expect(l.x2).toBeCloseTo(x(200 / 3), 6);
    }
    expect(m.labels.filter((l) => l.role.startsWith("twoThirds:")).map((l) => l.text)).toEqual([
      "← 优秀＋称职票须达到此线",
      "不称职票越过此线即超过三分之一 →",
    ]);
    expect(hasPlugin(chart, "kp-thresholds")).toBe(false);
    expect(pluginSpec<HatchSpec>(chart, "kp-hatch").targets).toEqual([{ datasetIndex: 3 }]);
  });

  it("keeps the line off every share label: a label moves within its segment, or the line stops behind it", () => {
    for (const a of [sample, largeAssessment()])
      for (const chart of votesCharts(a, OPTS)) {
        const m = marks(chart);
        expectClear(chart, m);
        const x = xScale(chart.plot!, 0, 100);
        // Every share label stays inside its own segment.
        const ds = datasets(chart);
        for (const l of m.labels.filter((k) => k.role.startsWith("share:"))) {
          const [, row, cat] = l.role.split(":");
          const k = ["优秀", "称职", "基本称职", "不称职"].indexOf(cat);
          const from = ds.slice(0, k).reduce((s: number, d: any) => s + d.data[Number(row)], 0);
          const to = from + ds[k].data[Number(row)];
          expect(l.box.left, l.role).toBeGreaterThanOrEqual(x(from) - 0.5);
          expect(l.box.right, l.role).toBeLessThanOrEqual(x(to) + 0.5);
        }
      }
    // 杨子健: 称职 spans 42%–94%, its centre lies on the line; the label moved right of it.
    const [chart] = votesCharts(sample, OPTS);
    const row = chart.table.rows.findIndex((r) => r[0] === "杨子健");
    const label = marks(chart).labels.find((l) => l.role === `share:${row}:称职`)!;
    expect(label.box.left).toBeGreaterThan(xScale(chart.plot!, 0, 100)(200 / 3));
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
    const firstPending = labels.findIndex((l) => l.startsWith("暂缓") || l.startsWith("不定"));
    expect(firstPending).toBeGreaterThan(0);
    expect(labels.slice(firstPending).every((l) => l.startsWith("暂缓") || l.startsWith("不定"))).toBe(true);
  });

  it("breaks a leader's votes down by evaluator group, with a total row", () => {
    const l = sample.leaders.find((x) => x.name === "秦少华")!;
    const chart = leaderVotesChart(sample, l, OPTS, { width: 400, height: 250 });
    expect(chart.config.data.labels).toEqual(["上级", "同级", "下级", "合计"]);
    expect(chart.table.rows[3].slice(1, 5)).toEqual(l.explain.democratic.totals);
    expect(pluginSpec<ReferenceLinesSpec>(chart, "kp-thresholds").lines.map((x) => x.value)).toEqual([200 / 3]);
  });

  it("lists leaders without a grade after the graded, marked 暂缓 or 不定", async () => {
    const d = await decisionsAssessment();
    const [chart] = votesCharts(d, OPTS);
    const labels = chart.config.data.labels as string[];
    expect(labels.slice(-2).sort()).toEqual(["不定  林雪梅", "暂缓  王晓峰"]);
    expect(chart.subtitle).toContain("暂缓评定、不定等次人员列后");
  });
});
