import { beforeAll, describe, expect, it } from "vitest";
import { completion, deviationLabel, deviationRange, indicatorsCharts, leaderIndicatorsChart } from "../../src/charts";
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

describe("经营指标完成情况: variance from target", () => {
  it("has one panel per indicator, one row per unit with data, in the order of 考核对象", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const names = ["实现利润", "主营业务收入", "净资产收益率", "上缴资金", "经营活动现金流入量"];
    expect(chart.table.headers).toEqual(["单位", ...names, "说明"]);
    const units = [...new Set(sample.leaders.map((l) => l.unit))].filter((u) => u !== "泓源燃气股份有限公司");
    expect(chart.table.rows.map((r) => r[0])).toEqual(units);
    expect(Object.keys(options(chart).scales)).toEqual(["x0", "x1", "x2", "x3", "x4", "y"]);
    names.forEach((n, i) => {
      expect(options(chart).scales[`x${i}`]).toMatchObject({ stack: "panels" });
      expect(options(chart).scales[`x${i}`].title.text).toContain(n);
    });
    expect(chart.notes.at(-1)).toBe("无经营业绩数据：泓源燃气股份有限公司");
  });

  it("draws the deviation from target (completion − 100%) from a zero line, on one symmetric scale", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const ds = datasets(chart);
    expect(ds).toHaveLength(5);
    const range = deviationRange(
      chart.table.rows.flatMap((r) => r.slice(1, 6).filter((v): v is number => typeof v === "number")),
    );
    for (let i = 0; i < 5; i++) {
      expect(ds[i]).toMatchObject({ label: "偏差", xAxisID: `x${i}`, grouped: false });
      const scale = options(chart).scales[`x${i}`];
      expect(scale.min).toBe(-scale.max);
      expect(scale.max).toBeGreaterThan(range);
    }
    const units = chart.table.rows.map((r) => r[0]);
    const retail = units.indexOf("恒川置业有限公司");
    // Revenue 90% of target: −10%.
    expect(chart.table.rows[retail][2]).toBe(-10);
    expect(ds[1].data[retail]).toBe(-10);
    const targets = pluginSpec<ReferenceLinesSpec>(chart, "kp-targets");
    expect(targets.layer).toBe("under");
    expect(targets.lines.map((l) => [l.scaleId, l.value])).toEqual([0, 1, 2, 3, 4].map((i) => [`x${i}`, 0]));
  });

  it("colours better and worse than target apart, and hatches the worse", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const units = chart.table.rows.map((r) => r[0]);
    const row = units.indexOf("恒川置业有限公司");
    const revenue = datasets(chart)[1];
    const colors = revenue.backgroundColor as string[];
    expect(new Set(colors).size).toBe(2);
    expect(colors[row]).not.toBe(colors[0]);
    const hatch = pluginSpec<HatchSpec>(chart, "kp-hatch").targets.find((t) => t.datasetIndex === 1)!;
    expect(hatch.indexes).toEqual([row]);
    const labels = pluginSpec<BarLabelsSpec>(chart, "kp-bar-labels").labels[1].texts;
    expect(labels[row]).toBe("−10.0%");
    expect(labels[0]).toBe("+2.0%");
  });

  it("marks the unit still in loss and the unit with a 否决事项, and a loss target met while still losing", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const labels = chart.config.data.labels as (string | string[])[];
    const units = chart.table.rows.map((r) => r[0]);
    const coal = units.indexOf("恒川煤业有限公司");
    const building = units.indexOf("恒川建设工程有限公司");
    expect(labels[coal]).toEqual(["恒川煤业有限公司", "仍处于亏损"]);
    expect(labels[building]).toEqual(["恒川建设工程有限公司", "否决事项"]);
    expect(chart.table.rows[coal][6]).toBe("仍处于亏损");
    const colors = options(chart).scales.y.ticks.color as string[];
    expect(colors[coal]).toBe("#B42318");
    expect(colors[building]).toBe("#B42318");
    expect(colors[0]).not.toBe("#B42318");
    // The coal unit beat its loss target by 35% (less loss) but still loses: the number is red.
    const bar = pluginSpec<BarLabelsSpec>(chart, "kp-bar-labels").labels[0];
    expect(bar.texts[coal]).toBe("+35.0%*");
    expect(bar.colors![coal]).toBe("#B42318");
    expect(chart.notes.some((n) => n.startsWith("* 亏损目标（目标值为负）：按减亏幅度计"))).toBe(true);
  });

  it("runs a deviation past the scale to the panel's edge, marked », its label the true value", () => {
    const [chart] = indicatorsCharts(sample, OPTS);
    const units = chart.table.rows.map((r) => r[0]);
    const logistics = units.indexOf("恒川物流有限公司");
    expect(chart.table.rows[logistics][1]).toBe(130);
    const scale = options(chart).scales.x0;
    expect(datasets(chart)[0].data[logistics]).toBe(scale.max);
    expect(pluginSpec<BarLabelsSpec>(chart, "kp-bar-labels").labels[0].texts[logistics]).toBe("+130.0%* »");
    expect(chart.notes.some((n) => n.startsWith("» 超出刻度"))).toBe(true);
    expect(deviationLabel(completion(ind({ target: 100, actual: 100 })), 10)).toBe("±0.0%");
  });

  it("pages many units, every page on the same range", () => {
    const a = largeAssessment();
    const pages = indicatorsCharts(a, OPTS);
    expect(pages.length).toBeGreaterThan(1);
    expect(Math.max(...pages.map((p) => p.table.rows.length))).toBeLessThanOrEqual(16);
    expect(new Set(pages.map((p) => `${options(p).scales.x0.min}/${options(p).scales.x0.max}`)).size).toBe(1);
  });

  it("for a portrait, lists the leader's unit's indicators as deviations", () => {
    const l = sample.leaders.find((x) => x.unit === "恒川煤业有限公司")!;
    const chart = leaderIndicatorsChart(sample, l, OPTS, { width: 414, height: 310 });
    expect(chart.table.rows.map((r) => [r[0], r[3]])).toEqual([
      ["实现利润", 35],
      ["主营业务收入", expect.any(Number)],
      ["净资产收益率", 35.3],
      ["上缴资金", expect.any(Number)],
      ["经营活动现金流入量", expect.any(Number)],
    ]);
    expect(chart.subtitle).toContain("仍处于亏损");
    expect(chart.subtitle).toContain("* 亏损目标");
  });
});
