import { describe, expect, it } from "vitest";
import { applyCaps, applyQuota, band, caps, excellentQuota } from "../../src/engine/grading";
import { putRankKeys, RANK_KEYS, rankKeysOf } from "../../src/engine/leaderExplanation";
import { rank, rankFlat } from "../../src/engine/ranking";
import type { LeaderResult } from "../../src/engine/types";
import { roundHalfAway } from "../../src/engine/round";
import { defaultMethod } from "../../src/method/defaults";

// The product's defaults; the thresholds are docs/method.md §5/§7's numbers written out (bands 90/70/60, caps at
// one third and two thirds of the votes, quota 20%, 基本称职 for a veto, 称职 for a unit still in loss).
const g = defaultMethod().grades;
const none = { veto: null, stillInLoss: false };

describe("rounding half away from zero, as Excel's ROUND", () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-2.675, 2, -2.68],
    [0.125, 2, 0.13],
    [1.4999, 0, 1],
    [88.605, 2, 88.61],
    [0.12345, 4, 0.1235],
    [-0.004, 2, 0],
  ])("ROUND(%d, %d) = %d", (x, d, r) => {
    expect(roundHalfAway(x, d)).toBe(r);
    expect(Object.is(roundHalfAway(x, d), -0)).toBe(false);
  });
});

describe("ranking (docs/method.md §5.1)", () => {
  it("competition ranking 1,2,2,4 and dense 1,2,2,3", () => {
    const keys = [[95], [90], [90], [80]];
    expect(rank(keys, "competition")).toEqual([1, 2, 2, 4]);
    expect(rank(keys, "dense")).toEqual([1, 2, 2, 3]);
  });
  it("breaks ties by the next keys in order; missing counts lowest", () => {
    const keys = [
      [90, 80, 85, 0.5, 100],
      [90, 80, 85, 0.5, null],
      [90, 81, 70, 0.1, 90],
      [90, 80, 85, 0.6, 90],
    ];
    expect(rank(keys, "competition")).toEqual([3, 4, 1, 2]);
  });
  it("leaders equal on all five keys share a rank", () => {
    expect(
      rank(
        [
          [90, 80, 85, 0.5, 100],
          [90, 80, 85, 0.5, 100],
          [91, 0, 0, 0, 0],
        ],
        "competition",
      ),
    ).toEqual([2, 2, 1]);
  });
  it("the engine's flat keys are the five keys in their order, a missing one lowest, and rank alike", () => {
    const results = [
      { final: 90, work: 80, democratic: 85, excellentRate: 0.5, economic: 100 },
      { final: 90, work: 80, democratic: 85, excellentRate: 0.5, economic: null },
      { final: 90, work: 81, democratic: 70, excellentRate: 0.1, economic: 90 },
      { final: 90, work: 80, democratic: 86, excellentRate: 0.4, economic: 90 },
      { final: 90, work: 80, democratic: 85, excellentRate: 0.6, economic: 90 },
    ] as unknown as LeaderResult[];
    const flat = new Float64Array(results.length * RANK_KEYS);
    results.forEach((r, i) => putRankKeys(r, flat, i * RANK_KEYS));
    expect(Array.from(flat.subarray(RANK_KEYS, 2 * RANK_KEYS))).toEqual([90, 80, 85, 0.5, -Infinity]);
    const keys = results.map(rankKeysOf);
    for (const ties of ["competition", "dense"] as const) {
      expect(rankFlat(flat, results.length, RANK_KEYS, ties)).toEqual(rank(keys, ties));
    }
    expect(rank(keys, "competition")).toEqual([4, 5, 1, 2, 3]);
  });
});

describe("bands and caps (docs/method.md §5.2–5.3)", () => {
  it("bands at 90, 70, 60", () => {
    expect(band(90, g)).toBe("优秀");
    expect(band(89.99, g)).toBe("称职");
    expect(band(70, g)).toBe("称职");
    expect(band(60, g)).toBe("基本称职");
    expect(band(59.99, g)).toBe("不称职");
  });
  it("不称职 votes: exactly one third does not trigger, one more does (integer comparison)", () => {
    const at = caps({ totals: [10, 10, 0, 10], total: 30, veto: null, stillInLoss: false }, g);
    expect(at.map((c) => c.code)).not.toContain("unfitVotes");
    const over = caps({ totals: [10, 9, 0, 11], total: 30, veto: null, stillInLoss: false }, g);
    expect(over.map((c) => c.code)).toContain("unfitVotes");
    expect(applyCaps("优秀", over)).toBe("不称职");
  });
  it("称职以上 votes: exactly two thirds is enough, one fewer is not", () => {
    expect(caps({ totals: [10, 10, 10, 0], total: 30, veto: null, stillInLoss: false }, g)).toEqual([]);
    const low = caps({ totals: [10, 9, 11, 0], total: 30, veto: null, stillInLoss: false }, g);
    expect(low.map((c) => c.code)).toEqual(["lowCompetentVotes"]);
    expect(applyCaps("优秀", low)).toBe("基本称职");
  });
  it("a veto caps at 基本称职, still in loss at 称职; the lowest cap wins", () => {
    const both = caps({ totals: [30, 0, 0, 0], total: 30, veto: "重大安全事故", stillInLoss: true }, g);
    expect(both.map((c) => c.code)).toEqual(["veto", "stillInLoss"]);
    expect(applyCaps("优秀", both)).toBe("基本称职");
    expect(applyCaps("不称职", both)).toBe("不称职");
  });
});

describe("the 优秀 quota (docs/method.md §5.4)", () => {
  it("q = max(1, ⌊N × 20%⌋)", () => {
    expect(excellentQuota(4, 20)).toBe(1);
    expect(excellentQuota(0, 20)).toBe(1);
    expect(excellentQuota(15, 20)).toBe(3);
    expect(excellentQuota(19, 20)).toBe(3);
    expect(excellentQuota(20, 20)).toBe(4);
    expect(excellentQuota(35, 20)).toBe(7);
  });
  it("keeps 优秀 in rank order up to q", () => {
    expect(applyQuota([1, 2, 3, 4], 2)).toEqual(["kept", "kept", "excellentQuota", "excellentQuota"]);
  });
  it("a rank shared across the boundary goes to collective study", () => {
    expect(applyQuota([1, 2, 2, 4], 2)).toEqual(["kept", "quotaTie", "quotaTie", "excellentQuota"]);
    expect(applyQuota([1, 1, 3], 1)).toEqual(["quotaTie", "quotaTie", "excellentQuota"]);
  });
  it("a tie that fits entirely inside q keeps it", () => {
    expect(applyQuota([1, 2, 2, 4], 3)).toEqual(["kept", "kept", "kept", "excellentQuota"]);
  });
  it("counts only leaders still 优秀 after the caps (their ranks need not be consecutive)", () => {
    expect(applyQuota([5, 1, 9], 2)).toEqual(["kept", "kept", "excellentQuota"]);
  });
});

describe("the default thresholds, on both sides (docs/method.md §5, §7)", () => {
  it.each([
    [100, "优秀"],
    [90, "优秀"],
    [89.99, "称职"],
    [70, "称职"],
    [69.99, "基本称职"],
    [60, "基本称职"],
    [59.99, "不称职"],
    [0, "不称职"],
  ])("F = %d is %s", (f, grade) => expect(band(f, g)).toBe(grade));

  // 3·Σn₄ > ΣN: with N = 31, 10 不称职 votes (30 < 31) do not cap, 11 (33 > 31) do; with N = 33, 11 (33 = 33)
  // do not.
  it.each([
    [[21, 0, 0, 10], false],
    [[20, 0, 0, 11], true],
    [[22, 0, 0, 11], false],
    [[21, 0, 0, 12], true],
  ])("不称职 votes %j: capped %s", (totals, capped) => {
    const total = totals.reduce((a, b) => a + b, 0);
    const c = caps({ totals, total, ...none }, g).find((x) => x.code === "unfitVotes");
    expect(c !== undefined).toBe(capped);
    if (c) expect(c.cap).toBe("不称职");
  });

  // 3·Σ(n₁+n₂) < 2·ΣN: with N = 31, 21 称职以上 votes (63 ≥ 62) are enough and 20 (60 < 62) are not; with
  // N = 33, 22 (66 = 66) are enough.
  it.each([
    [[11, 10, 10, 0], false],
    [[10, 10, 11, 0], true],
    [[12, 10, 11, 0], false],
    [[11, 10, 12, 0], true],
  ])("称职以上 votes %j: capped %s", (totals, capped) => {
    const total = totals.reduce((a, b) => a + b, 0);
    const c = caps({ totals, total, ...none }, g).find((x) => x.code === "lowCompetentVotes");
    expect(c !== undefined).toBe(capped);
    if (c) expect(c.cap).toBe("基本称职");
  });

  it("a veto caps at 基本称职 and a unit still in loss at 称职", () => {
    expect(caps({ totals: [9, 0, 0, 0], total: 9, veto: "重大安全事故", stillInLoss: false }, g)).toEqual([
      { code: "veto", cap: "基本称职", reason: "单位存在否决事项：重大安全事故", applied: true },
    ]);
    expect(caps({ totals: [9, 0, 0, 0], total: 9, veto: null, stillInLoss: true }, g).map((c) => c.cap)).toEqual([
      "称职",
    ]);
  });

  it.each([
    [1, 1],
    [4, 1],
    [5, 1],
    [9, 1],
    [10, 2],
    [14, 2],
    [15, 3],
    [24, 4],
    [25, 5],
    [99, 19],
  ])("with %d graded leaders the default quota is %d (⌊N × 20 / 100⌋, at least 1)", (n, quota) => {
    expect(excellentQuota(n, g.excellentQuotaPercent)).toBe(quota);
  });
});
