import { describe, expect, it } from "vitest";
import { scoreEconomic, scoreIndicator } from "../../src/engine/economic";
import { defaultMethod } from "../../src/method/defaults";
import type { EconomicMethod, Indicator } from "../../src/method/types";
import type { UnitEconomics } from "../../src/workbook/input";

// The product's defaults; expected values are worked out from docs/method.md §2.1/§7's numbers (one point per 3%,
// base 30, ±6 points, 3 for a loss target, r = 0.5, available share ≥ 0.6667, weights 30/20/20/15/15).
const m = defaultMethod().economic;
const profit: Indicator = { name: "实现利润", aliases: [], weight: 30, direction: "higher" };
const cost: Indicator = { name: "成本费用占收入比", aliases: [], weight: 10, direction: "lower" };
const vals = (T: number | null, A: number | null) => ({
  target: { value: T, cell: "经营业绩!B3" },
  actual: { value: A, cell: "经营业绩!C3" },
});
const ind = (i: Indicator, T: number | null, A: number | null, mm: EconomicMethod = m) =>
  scoreIndicator(i, vals(T, A), mm);

describe("relative deviation and points (docs/method.md §2.1)", () => {
  it("one point per 3% above target, s = 1 + Δ/30", () => {
    const x = ind(profit, 1000, 1090);
    expect(x.d).toBeCloseTo(0.09, 12);
    expect(x.points).toBeCloseTo(3, 12);
    expect(x.score).toBeCloseTo(1.1, 12);
  });
  it("a lower-is-better indicator earns points below target", () => {
    expect(ind(cost, 80, 76).d).toBeCloseTo(0.05, 12);
    expect(ind(cost, 80, 84).d).toBeCloseTo(-0.05, 12);
  });
  it("clamps at +6 and −6 points (s from 0.8 to 1.2)", () => {
    const hi = ind(profit, 800, 1040);
    expect(hi.rawPoints).toBeCloseTo(10, 9);
    expect(hi.points).toBe(6);
    expect(hi.clamped).toBe("bonus");
    expect(hi.score).toBeCloseTo(1.2, 12);
    const lo = ind(profit, 100, 50);
    expect(lo.points).toBe(-6);
    expect(lo.clamped).toBe("penalty");
    expect(lo.score).toBeCloseTo(0.8, 12);
  });
  it("stepwise truncates toward zero, immune to binary noise", () => {
    const sw = { ...m, stepwise: true };
    expect(ind(profit, 1000, 1090, sw).steps).toBe(3); // 0.09 × 100 / 3 is 3.0000000000000004 in doubles
    expect(ind(profit, 1000, 1080, sw).steps).toBe(2);
    expect(ind(profit, 1000, 920, sw).steps).toBe(-2);
    expect(ind(profit, 100, 103, sw).steps).toBe(1);
  });
  it("missing target or actual, or a zero target, makes the indicator unavailable", () => {
    expect(ind(profit, null, 5).available).toBe(false);
    expect(ind(profit, 5, null).available).toBe(false);
    const z = ind(profit, 0, 5);
    expect(z.available).toBe(false);
    expect(z.unavailableReason).toContain("0");
  });
});

describe("loss targets (T < 0)", () => {
  it("actual worse than the loss target: d = (A − T)/|T|", () => {
    const x = ind(profit, -100, -130);
    expect(x.lossCase).toBe("belowTarget");
    expect(x.d).toBeCloseTo(-0.3, 12);
    expect(x.points).toBe(-6);
  });
  it("loss reduced but still a loss: d = r(A − T)/|T|", () => {
    const x = ind(profit, -100, -40);
    expect(x.lossCase).toBe("reducedLoss");
    expect(x.d).toBeCloseTo(0.3, 12);
    expect(x.rawPoints).toBeCloseTo(10, 9);
    expect(x.points).toBe(3); // lossMaxBonusPoints
    expect(x.clamped).toBe("lossBonus");
  });
  it("turned to profit: d = r + A/|T|, continuous at A = 0", () => {
    expect(ind(profit, -100, 0).d).toBeCloseTo(0.5, 12);
    expect(ind(profit, -100, 20).d).toBeCloseTo(0.7, 12);
    expect(ind(profit, -100, 20).lossCase).toBe("profit");
    const small = ind(profit, -1000, -990);
    expect(small.d).toBeCloseTo(0.005, 12);
    expect(small.points).toBeCloseTo(0.1666666, 5);
  });
});

function unit(values: Record<string, [number | null, number | null]>): UnitEconomics {
  return {
    unit: "一公司",
    unitKey: "一公司",
    cell: "经营业绩!A3",
    indicators: Object.fromEntries(Object.entries(values).map(([k, [t, a]]) => [k, vals(t, a)])),
  };
}

describe("E of a unit", () => {
  const two = {
    ...m,
    indicators: [
      { ...profit, weight: 60 },
      { name: "净资产收益率", aliases: [], weight: 40, direction: "higher" as const },
    ],
  };
  it("weighted mean × 100 (example-1, 一公司: 108.22)", () => {
    const e = scoreEconomic("一公司", unit({ 实现利润: [1000, 1090], 净资产收益率: [8, 8.4] }), two);
    expect(e.value).toBeCloseTo(108.2222, 3);
    expect(e.belowBaseApplied).toBe(false);
  });
  it("below base caps the others at 1 (example-1, 二公司: 96)", () => {
    const e = scoreEconomic("二公司", unit({ 实现利润: [500, 470], 净资产收益率: [6, 6.6] }), two);
    expect(e.belowBaseApplied).toBe(true);
    expect(e.indicators[1].scoreBeforeCap).toBeCloseTo(1.1111, 3);
    expect(e.indicators[1].score).toBe(1);
    expect(e.indicators[1].cappedByBelowBase).toBe(true);
    expect(e.value).toBeCloseTo(96, 9);
  });
  it("the rule can be switched off", () => {
    const e = scoreEconomic("二公司", unit({ 实现利润: [500, 470], 净资产收益率: [6, 6.6] }), {
      ...two,
      belowBaseCapsOthers: false,
    });
    expect(e.value).toBeCloseTo(56 + 44.4444, 3);
  });
  it("renormalizes over available indicators while their share of weight is at least 0.6667", () => {
    // default weights 30/20/20/15/15: dropping one 15 leaves 0.85, dropping 30+15 leaves 0.55
    const ok = scoreEconomic(
      "u",
      unit({ 实现利润: [100, 100], 主营业务收入: [100, 100], 净资产收益率: [5, 5], 上缴资金: [10, 10] }),
      m,
    );
    expect(ok.availableShare).toBe(0.85);
    expect(ok.value).toBeCloseTo(100, 9);
    const bad = scoreEconomic("u", unit({ 主营业务收入: [100, 100], 净资产收益率: [5, 5], 上缴资金: [10, 10] }), m);
    expect(bad.availableShare).toBe(0.55);
    expect(bad.value).toBeNull();
  });
  it("compares the share rounded to 4 decimals: 2/3 counts as 0.6667", () => {
    const thirds = {
      ...m,
      indicators: ["a", "b", "c"].map((name) => ({ name, aliases: [], weight: 1, direction: "higher" as const })),
    };
    const e = scoreEconomic("u", unit({ a: [10, 10], b: [10, 11] }), thirds);
    expect(e.availableShare).toBe(0.6667);
    expect(e.value).not.toBeNull();
  });
  it("a unit absent from the sheet has no E", () => {
    const e = scoreEconomic("u", undefined, m);
    expect(e.found).toBe(false);
    expect(e.value).toBeNull();
  });
  it("still in loss: a loss target and a negative actual", () => {
    expect(scoreEconomic("u", unit({ 实现利润: [-100, -40] }), m).stillInLoss).toBe(true);
    expect(scoreEconomic("u", unit({ 实现利润: [-100, 5] }), m).stillInLoss).toBe(false);
    expect(scoreEconomic("u", unit({ 实现利润: [-100, null] }), m).stillInLoss).toBe(false);
  });
});

describe("binary noise in the inputs", () => {
  it("a target that differs from the actual only in the 17th digit is on target, not below base", () => {
    const x = ind(profit, 0.026000000000000002, 0.026);
    expect(x.d).toBe(0);
    expect(x.score).toBe(1);
  });
});

describe("the default parameters, on both sides (docs/method.md §2.1, §7)", () => {
  it.each([
    // A against T = 1000: d, points, s
    [1030, 1, 1 + 1 / 30],
    [970, -1, 1 - 1 / 30],
    [1180, 6, 1.2], // +18%: exactly the 6-point cap, not clamped
    [1181, 6, 1.2], // beyond it: clamped
    [820, -6, 0.8],
    [819, -6, 0.8],
  ])("A = %d against T = 1000: %d points, s = %d", (A, points, s) => {
    const x = ind(profit, 1000, A);
    expect(x.points).toBeCloseTo(points, 9);
    expect(x.score).toBeCloseTo(s, 12);
    expect(x.clamped).toBe(A === 1181 ? "bonus" : A === 819 ? "penalty" : null);
  });
  it("a loss target earns at most 3 points; the loss reduced is worth half (r = 0.5)", () => {
    // −100 → −82: d = 0.5 × 18 / 100 = 0.09, 3 points, the cap itself.
    const at = ind(profit, -100, -82);
    expect(at.d).toBeCloseTo(0.09, 12);
    expect(at.points).toBeCloseTo(3, 9);
    expect(at.clamped).toBeNull();
    // −100 → −80: d = 0.1, 3.33 points, clamped at 3.
    const over = ind(profit, -100, -80);
    expect(over.points).toBe(3);
    expect(over.clamped).toBe("lossBonus");
    expect(over.score).toBeCloseTo(1.1, 12);
    // Worse than the loss target is not halved, and is clamped at −6 like any other.
    expect(ind(profit, -100, -109).points).toBeCloseTo(-3, 9);
    expect(ind(profit, -100, -118).points).toBeCloseTo(-6, 9);
  });
  it("E needs 0.6667 of the weight 30/20/20/15/15: 70 is enough, 65 is not", () => {
    const all: Record<string, [number | null, number | null]> = {
      实现利润: [1000, 1000],
      主营业务收入: [100, 100],
      净资产收益率: [5, 5],
      上缴资金: [10, 10],
    };
    const seventy = scoreEconomic("u", unit({ ...all, 实现利润: [null, 1000], 经营活动现金流入量: [10, 10] }), m);
    expect(seventy.availableShare).toBe(0.7);
    expect(seventy.value).toBe(100);
    const sixtyFive = scoreEconomic("u", unit({ ...all, 主营业务收入: [null, null] }), m);
    expect(sixtyFive.availableShare).toBe(0.65);
    expect(sixtyFive.value).toBeNull();
  });
  it("E weighs the default indicators 30/20/20/15/15", () => {
    const on: Record<string, [number, number]> = {
      实现利润: [1000, 1000],
      主营业务收入: [100, 100],
      净资产收益率: [5, 5],
      上缴资金: [10, 10],
    };
    const up = (name: string) =>
      scoreEconomic("u", unit({ ...on, 经营活动现金流入量: [10, 10], [name]: [100, 109] }), m).value;
    // +9% is 3 points, s = 1.1: E = 100 + 10 × weight / 100.
    expect(up("实现利润")).toBeCloseTo(103, 9);
    expect(up("主营业务收入")).toBeCloseTo(102, 9);
    expect(up("净资产收益率")).toBeCloseTo(102, 9);
    expect(up("上缴资金")).toBeCloseTo(101.5, 9);
    expect(up("经营活动现金流入量")).toBeCloseTo(101.5, 9);
  });
});
