/**
 * The whole engine (assess) under the product's default method, with every expected number worked out by
 * hand from docs/method.md §2–§5 and written out: weights 40/20/30/10 and 70/30, 加分 capped at 5, group weights
 * 30/30/40, rounding of the combined D only, tie-break keys F, P, D, 优秀率, E, the quota ⌊N × 20%⌋.
 */
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import type { LeaderResult } from "../../src/engine/types";
import { defaultMethod } from "../../src/method/defaults";
import { inputFromCase, type Case, type CaseLeader } from "./fromCase";

const method = defaultMethod();
const GROUPS = ["上级", "同级", "下级"];
const DIMS = ["德", "能", "勤", "廉"];
/** Every default indicator exactly on target: E = 100. */
const ON_TARGET: Record<string, [number, number]> = {
  实现利润: [1000, 1000],
  主营业务收入: [5000, 5000],
  净资产收益率: [8, 8],
  上缴资金: [200, 200],
  经营活动现金流入量: [3000, 3000],
};

interface Person {
  name: string;
  /** K = B = S; with 党建工作指导员 (W_E = 0) this is P. */
  rating?: number | string;
  /** Vote counts (优秀, 称职, 基本称职, 不称职), the same in every group and dimension unless `groups` given. */
  votes?: number[];
  groups?: Record<string, number[]>;
  mode?: CaseLeader["mode"];
  economic?: Record<string, [number | null, number | null]>;
  work?: NonNullable<Case["work"]>[string];
}

function caseOf(people: Person[], adjust: Case["adjust"] = []): Case {
  const c: Required<Pick<Case, "leaders" | "economic" | "work" | "votes" | "adjust">> = {
    leaders: [],
    economic: {},
    work: {},
    votes: [],
    adjust,
  };
  for (const p of people) {
    const unit = `${p.name}公司`;
    c.leaders.push({ name: p.name, unit, mode: p.mode === undefined ? "党建工作指导员" : p.mode });
    c.economic[unit] = p.economic ?? ON_TARGET;
    const r = p.rating ?? 80;
    c.work[unit] = p.work ?? { 重点工作: r, 党的建设: r, 安全稳定: r, 否决事项: null };
    for (const g of GROUPS) {
      const n = p.groups ? p.groups[g] : (p.votes ?? [0, 10, 0, 0]);
      if (!n) continue;
      for (const d of DIMS) c.votes.push({ name: p.name, unit, group: g, dim: d, n });
    }
  }
  return c;
}

function run(people: Person[], adjust?: Case["adjust"]): Map<string, LeaderResult> {
  const a = assess(inputFromCase(caseOf(people, adjust), method), method, { referenceDate: "2025-12-31" });
  return new Map(a.leaders.map((l) => [l.name, l]));
}

describe("work score P and economic score E at the default weights", () => {
  it("P = (40·E + 20·K + 30·B + 10·S) / 100", () => {
    const l = run([{ name: "甲", mode: null, work: { 重点工作: 50, 党的建设: 80, 安全稳定: 90 } }]).get("甲")!;
    expect(l.economic).toBe(100);
    expect(l.work).toBe(83);
  });
  it("E weighs 实现利润 30 of 100: +9% on it alone (3 points of 30, s = 1.1) gives E = 103", () => {
    const l = run([
      {
        name: "甲",
        mode: null,
        economic: { ...ON_TARGET, 实现利润: [1000, 1090] },
        work: { 重点工作: 50, 党的建设: 80, 安全稳定: 90 },
      },
    ]).get("甲")!;
    expect(l.economic).toBe(103);
    expect(l.work).toBe(84.2);
  });
  it("a rating of 未完成 is 0, reported as 0 and counted in P, not missing", () => {
    const l = run([{ name: "甲", work: { 重点工作: "未完成", 党的建设: 80, 安全稳定: 90 } }]).get("甲")!;
    expect(l.keyTasks).toBe(0);
    expect(l.work).toBe(55); // (20·0 + 30·80 + 10·90) / 60
  });
});

describe("final score F = 0.7·P + 0.3·D + X", () => {
  it("X = min(Σ加分, 5) − Σ减分 over the leader's and the unit's items", () => {
    const l = run(
      [{ name: "甲", rating: 80, votes: [5, 5, 0, 0] }],
      [
        { name: "甲", unit: "甲公司", type: "加分", value: 3 },
        { name: null, unit: "甲公司", type: "加分", value: 4 },
        { name: "甲", unit: "甲公司", type: "减分", value: 1.5 },
      ],
    ).get("甲")!;
    expect([l.work, l.democratic, l.adjustment, l.final]).toEqual([80, 90, 3.5, 86.5]);
  });
  it("a leader without items has an adjustment of 0, not a missing one", () => {
    const l = run([{ name: "甲", rating: 80, votes: [5, 5, 0, 0] }]).get("甲")!;
    expect(l.adjustment).toBe(0);
    expect(l.final).toBe(83);
  });
  it("penalties are not capped", () => {
    const l = run(
      [{ name: "甲", rating: 80, votes: [5, 5, 0, 0] }],
      [{ name: "甲", unit: "甲公司", type: "减分", value: 9 }],
    ).get("甲")!;
    expect([l.adjustment, l.final]).toEqual([-9, 74]);
  });
});

describe("democratic score D at the default weights", () => {
  it("combines the groups unrounded (30/30/40) and rounds D once: 70.29, not 70.28", () => {
    // 上级 60, 同级 60, 下级 (2·100 + 5·80) / 7 = 85.714285…: D = 70.285714… → 70.29. Rounding each group to
    // 85.71 first would give 70.284 → 70.28.
    const l = run([{ name: "甲", groups: { 上级: [0, 0, 1, 0], 同级: [0, 0, 1, 0], 下级: [2, 5, 0, 0] } }]).get("甲")!;
    expect(l.democratic).toBe(70.29);
    expect(l.explain.democratic.groups.map((g) => g.value)).toEqual([60, 60, 600 / 7]);
  });
  it("rates pooled and rounded to 4 decimals", () => {
    const l = run([{ name: "甲", groups: { 上级: [1, 1, 1, 0], 下级: [0, 1, 1, 1] } }]).get("甲")!;
    expect([l.excellentRate, l.competentRate, l.unfitRate]).toEqual([0.1667, 0.5, 0.1667]);
  });
});

describe("ranking ties broken by P, then D, then 优秀率, then E", () => {
  it("equal F: the higher P ranks first, even with the lower D", () => {
    // 甲: 0.7·90 + 0.3·80 = 87; 乙: 0.7·87 + 0.3·87 = 87.
    const r = run([
      { name: "乙", rating: 87, votes: [7, 13, 0, 0] },
      { name: "甲", rating: 90, votes: [0, 10, 0, 0] },
    ]);
    expect([r.get("甲")!.final, r.get("乙")!.final, r.get("乙")!.democratic]).toEqual([87, 87, 87]);
    expect([r.get("甲")!.rank, r.get("乙")!.rank]).toEqual([1, 2]);
  });
  it("equal F and P: the higher D ranks first", () => {
    // 甲: 0.7·80 + 0.3·90 = 83; 乙: 0.7·80 + 0.3·80 + 3 = 83.
    const r = run(
      [
        { name: "乙", rating: 80, votes: [0, 10, 0, 0] },
        { name: "甲", rating: 80, votes: [5, 5, 0, 0] },
      ],
      [{ name: "乙", unit: "乙公司", type: "加分", value: 3 }],
    );
    expect([r.get("甲")!.final, r.get("乙")!.final]).toEqual([83, 83]);
    expect([r.get("甲")!.rank, r.get("乙")!.rank]).toEqual([1, 2]);
  });
  it("equal F, P and D: the higher 优秀率 ranks first, then the higher E; equal on all five share a rank", () => {
    const r = run([
      { name: "丁", rating: 80, votes: [0, 2, 0, 0] },
      { name: "丙", rating: 80, votes: [0, 2, 0, 0], economic: { ...ON_TARGET, 实现利润: [1000, 1030] } },
      { name: "乙", rating: 80, votes: [0, 2, 0, 0] },
      { name: "甲", rating: 80, votes: [1, 0, 1, 0] }, // D = (100 + 60) / 2 = 80, 优秀率 0.5
    ]);
    expect(["甲", "丙", "乙", "丁"].map((n) => r.get(n)!.rank)).toEqual([1, 2, 3, 3]);
    expect(r.get("丙")!.economic).toBe(101);
  });
});

describe("shared ranks (docs/method.md §5.1, ranking.ties competition)", () => {
  it("leaders equal on all five keys share a rank, and the next rank counts them: 1, 1, 3", () => {
    const r = run([
      { name: "甲", rating: 90, votes: [5, 5, 0, 0] },
      { name: "乙", rating: 90, votes: [5, 5, 0, 0] },
      { name: "丙", rating: 80, votes: [5, 5, 0, 0] },
    ]);
    expect(["甲", "乙", "丙"].map((n) => r.get(n)!.rank)).toEqual([1, 1, 3]);
  });
});

describe("the 优秀 quota and the caps through the whole engine", () => {
  const excellentField = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `L${i}`, rating: 100 - i, votes: [10, 0, 0, 0] }));
  it.each([
    [4, 1],
    [9, 1],
    [10, 2],
    [15, 3],
  ])("%d leaders all in the 优秀 band: %d keep it", (n, q) => {
    const r = [...run(excellentField(n)).values()];
    expect(r.every((l) => l.explain.grade.band === "优秀")).toBe(true);
    expect(r.filter((l) => l.grade === "优秀").map((l) => l.rank)).toEqual(Array.from({ length: q }, (_, i) => i + 1));
    for (const l of r.filter((x) => x.grade !== "优秀")) {
      expect(l.grade).toBe("称职");
      expect(l.flags.map((f) => f.code)).toEqual(["excellentQuota"]);
    }
  });
  it("不称职 votes pooled over the groups: exactly one third keeps the band, more caps at 不称职", () => {
    const r = run([
      { name: "甲", rating: 100, groups: { 上级: [2, 0, 0, 1], 下级: [4, 0, 0, 2] } },
      { name: "乙", rating: 100, groups: { 上级: [2, 0, 0, 1], 下级: [3, 0, 0, 2] } },
    ]);
    expect(r.get("甲")!.flags.map((f) => f.code)).not.toContain("unfitVotes");
    expect(r.get("乙")!.flags.map((f) => f.code)).toContain("unfitVotes");
    expect(r.get("乙")!.grade).toBe("不称职");
  });
  it("称职以上 votes: exactly two thirds keeps the band, fewer caps at 基本称职", () => {
    const r = run([
      { name: "甲", rating: 100, groups: { 上级: [2, 0, 1, 0], 下级: [2, 2, 2, 0] } },
      { name: "乙", rating: 100, groups: { 上级: [2, 0, 1, 0], 下级: [2, 1, 2, 0] } },
    ]);
    expect(r.get("甲")!.flags.map((f) => f.code)).toEqual([]);
    expect(r.get("乙")!.flags.map((f) => f.code)).toEqual(["lowCompetentVotes"]);
    expect(r.get("乙")!.grade).toBe("基本称职");
  });
  it("a veto caps at 基本称职; a unit still in loss at 称职", () => {
    const r = run([
      {
        name: "甲",
        rating: 100,
        votes: [10, 0, 0, 0],
        work: { 重点工作: 100, 党的建设: 100, 安全稳定: 100, 否决事项: "重大安全事故" },
      },
      { name: "乙", rating: 100, votes: [10, 0, 0, 0], economic: { ...ON_TARGET, 实现利润: [-100, -40] } },
    ]);
    expect([r.get("甲")!.grade, r.get("乙")!.grade]).toEqual(["基本称职", "称职"]);
    expect(r.get("乙")!.flags.map((f) => f.code)).toEqual(["stillInLoss"]);
  });
});
