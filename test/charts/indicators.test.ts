import { beforeAll, describe, expect, it } from "vitest";
import { completion, completionRange, indicatorsCharts, leaderIndicatorsChart } from "../../src/charts";
import type { BarLabelsSpec, HatchSpec, ReferenceLinesSpec } from "../../src/charts/plugins";
import type { Assessment, IndicatorExplanation } from "../../src/engine/types";
import { datasets, largeAssessment, OPTS, options, pluginSpec, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

const ind = (over: Partial<IndicatorExplanation>): IndicatorExplanation =>
  ({
    name: "实现利润",
    weight: 30,
    direction: "higher",
    target: 100,
    actual: 100,
    unavailableReason: null,
    lossTarget: false,
    ...over,
  }) as IndicatorExplanation;

describe("completion: actual against target, target = 100%", () => {
  it("is actual ÷ target for a 正向 indicator", () => {
    expect(completion(ind({ target: 200, actual: 230 }))).toMatchObject({ percent: 115, basis: "ratio", met: true });
    expect(completion(ind({ target: 200, actual: 180 }))).toMatchObject({ percent: 90, met: false });
    expect(completion(ind({ target: 200, actual: 200 })).met).toBe(true);
  });

  it("is 100% + (target − actual) ÷ target for a 逆向 indicator: below target is good", () => {
    expect(completion(ind({ direction: "lower", target: 60, actual: 54 }))).toMatchObject({
      percent: 110,
      basis: "lower",
      met: true,
    });
    expect(completion(ind({ direction: "lower", target: 60, actual: 66 }))).toMatchObject({ percent: 90, met: false });
  });

  it("counts the loss reduction for a loss target, where actual ÷ target would read backwards", () => {
    // Target a loss of 8000, lose 5200: 35% less loss than targeted (A ÷ T would say 65%).
    expect(completion(ind({ target: -8000, actual: -5200, lossTarget: true }))).toMatchObject({
      percent: 135,
      basis: "loss",
      met: true,
    });
    // Turn a targeted loss of 1200 into a profit of 360 (A ÷ T would say −30%).
    expect(completion(ind({ target: -1200, actual: 360, lossTarget: true })).percent).toBe(230);
    expect(completion(ind({ target: -1200, actual: 0, lossTarget: true })).percent).toBe(200);
    // Lose more than targeted: under 100%.
    expect(completion(ind({ target: -1000, actual: -1500, lossTarget: true }))).toMatchObject({
      percent: 50,
      met: false,
    });
  });

  it("is missing without a target or an actual, or with a target of 0", () => {
    expect(completion(ind({ actual: null, unavailableReason: "目标或完成值缺失" }))).toMatchObject({
      percent: null,
      met: null,
      missing: "目标或完成值缺失",
    });
    expect(completion(ind({ target: 0 })).percent).toBeNull();
  });
});

describe("经营指标完成情况", () => {
  it("has one panel per indicator, one row per unit with data, in the order of 考核对象", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const names = ["实现利润", "主营业务收入", "净资产收益率", "上缴资金", "经营活动现金流入量"];
    expect(chart.table.headers).toEqual(["单位", ...names]);
    const units = [...new Set(sample.leaders.map((l) => l.unit))].filter((u) => u !== "泓源燃气股份有限公司");
    expect(chart.config.data.labels).toEqual(units);
    expect(Object.keys(options(chart).scales)).toEqual(["x0", "x1", "x2", "x3", "x4", "y"]);
    names.forEach((n, i) => {
      expect(options(chart).scales[`x${i}`]).toMatchObject({ stack: "panels", min: 0 });
      expect(options(chart).scales[`x${i}`].title.text).toContain(n);
    });
    expect(chart.notes.at(-1)).toBe("无经营业绩数据：泓源燃气股份有限公司");
  });

  it("draws each actual on its grey track to 100%, with the target mark at 100% in every panel", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const ds = datasets(chart);
    expect(ds).toHaveLength(10);
    for (let i = 0; i < 5; i++) {
      expect(ds[2 * i]).toMatchObject({ label: "目标", xAxisID: `x${i}`, grouped: false, order: 2 });
      expect(ds[2 * i + 1]).toMatchObject({ label: "完成度", xAxisID: `x${i}`, grouped: false, order: 1 });
      expect(ds[2 * i].data.every((v: number | null) => v === 100)).toBe(true);
    }
    const targets = pluginSpec<ReferenceLinesSpec>(chart, "kp-targets").lines;
    expect(targets.map((l) => [l.scaleId, l.value])).toEqual([0, 1, 2, 3, 4].map((i) => [`x${i}`, 100]));
  });

  it("colours over and under differently and hatches the under bars", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const row = (chart.config.data.labels as string[]).indexOf("恒川置业有限公司");
    const revenue = datasets(chart)[3];
    expect(chart.table.rows[row][2]).toBe(90);
    const colors = revenue.backgroundColor as string[];
    expect(new Set(colors).size).toBe(2);
    expect(colors[row]).not.toBe(colors[0]);
    const hatch = pluginSpec<HatchSpec>(chart, "kp-hatch").targets.find((t) => t.datasetIndex === 3)!;
    expect(hatch.indexes).toEqual([row]);
  });

  it("shows a loss target by its loss reduction, marked * and explained, and clips past the range with a mark", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const units = chart.config.data.labels as string[];
    const coal = units.indexOf("恒川煤业有限公司");
    const logistics = units.indexOf("恒川物流有限公司");
    expect(chart.table.rows[coal][1]).toBe(135);
    expect(chart.table.rows[logistics][1]).toBe(230);
    const range = completionRange([230]);
    expect(range.max).toBe(200);
    expect(datasets(chart)[1].data[logistics]).toBe(200);
    const labels = pluginSpec<BarLabelsSpec>(chart, "kp-bar-labels").labels[0].texts;
    expect(labels[coal]).toBe("135.0%*");
    expect(labels[logistics]).toBe("230.0%* »");
    expect(chart.notes.some((n) => n.startsWith("* 亏损目标（目标值为负）：按减亏幅度计"))).toBe(true);
    expect(chart.notes.some((n) => n.startsWith("» 超出刻度"))).toBe(true);
  });

  it("pages many units, every page on the same range", () => {
    const a = largeAssessment();
    const pages = indicatorsCharts(a, OPTS);
    expect(pages.length).toBeGreaterThan(1);
    expect(Math.max(...pages.map((p) => p.table.rows.length))).toBeLessThanOrEqual(16);
    expect(new Set(pages.map((p) => `${options(p).scales.x0.min}/${options(p).scales.x0.max}`)).size).toBe(1);
  });

  it("for a portrait, lists the leader's unit's indicators", () => {
    const l = sample.leaders.find((x) => x.unit === "恒川煤业有限公司")!;
    const chart = leaderIndicatorsChart(sample, l, OPTS, { width: 414, height: 310 });
    expect(chart.table.rows.map((r) => [r[0], r[3]])).toEqual([
      ["实现利润", 135],
      ["主营业务收入", expect.any(Number)],
      ["净资产收益率", 135.3],
      ["上缴资金", expect.any(Number)],
      ["经营活动现金流入量", expect.any(Number)],
    ]);
    expect(chart.subtitle).toContain("* 亏损目标");
  });
});
