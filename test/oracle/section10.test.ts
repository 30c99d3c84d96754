/**
 * The oracle's docs/method.md §10 by hand: small cases whose every number is worked out in the comments.
 *
 * Common data (one indicator 实现利润, weight 1; K = B = S = 90; votes in 上级 only, the same on 德能勤廉):
 *   A = 100 → E = 100,    P = (40·100 + 20·90 + 30·90 + 10·90)/100 = 94
 *   A = 103 → E = 103.33, P = 95.3333      A = 106 → E = 106.67, P = 96.6667
 *   A = 91  → E = 90,     P = 90
 *   votes [9,1,0,0] → D = (900 + 80)/10 = 98;  [10,0,0,0] → D = 100
 *   F = 0.7·P + 0.3·D.
 */
import { describe, expect, it } from "vitest";
import type { CasePersonal, CleanCase, ExpectedLeader, OracleMethodPatch } from "../support/case";
import { oracle, oracleDetails, quotaAtHalf, quotaOf } from "../support/oracle";

type N4 = [number, number, number, number];
const DIMS = ["德", "能", "勤", "廉"];

function fresh(patch: OracleMethodPatch = {}): CleanCase {
  return {
    method: {
      ...patch,
      economic: { indicators: [{ name: "实现利润", aliases: [], weight: 1, direction: "higher" }] },
    },
    leaders: [],
    economic: {},
    work: {},
    votes: [],
    adjust: [],
    personal: [],
  };
}

function leader(
  c: CleanCase,
  name: string,
  o: {
    A?: number;
    n?: N4;
    group?: string | null;
    personal?: [string, number?][];
    overall?: [string, string, N4][];
  } = {},
): void {
  const unit = `${name}公司`;
  c.leaders.push({
    name,
    unit,
    position: "党委书记",
    ...(o.group !== undefined ? { columns: { 考核类别: o.group } } : {}),
  });
  c.economic[unit] = { 实现利润: [100, o.A ?? 100] };
  c.work[unit] = { 重点工作: 90, 党的建设: 90, 安全稳定: 90 };
  for (const dim of DIMS) c.votes.push({ name, unit, group: "上级", dim, n: [...(o.n ?? [9, 1, 0, 0])] as N4 });
  for (const [group, dim, n] of o.overall ?? []) c.votes.push({ name, unit, group, dim, n });
  for (const [kind, days] of o.personal ?? [])
    c.personal!.push({ name, unit, kind, ...(days !== undefined ? { days } : {}) } as CasePersonal);
}

const byName = (c: CleanCase) => {
  const e = oracle(c);
  return (n: string): ExpectedLeader => e.leaders.find((l) => l.name === n)!;
};
const sorted = (flags: string[]) => [...flags].sort();

describe("§10.1–10.2 circumstances", () => {
  it("gives each effect its status, grade, rank and flag; ranks and N count graded leaders only", () => {
    const c = fresh();
    leader(c, "甲"); //                                  F = 0.7·94 + 0.3·98 = 95.2
    leader(c, "乙", { A: 103, personal: [["诫勉"]] }); // F = 96.13, band 优秀, cap 称职
    leader(c, "丙", { A: 106, personal: [["记过"]] }); // alias of 党内严重警告: F = 97.07, ungraded
    leader(c, "丁", { n: [10, 0, 0, 0], personal: [["留党察看"]] }); // alias of 撤销党内职务: F = 95.8, 不称职
    leader(c, "戊", { personal: [["立案调查"]] }); // alias of 立案审查: F = 95.2, pending
    leader(c, "己", {
      A: 91,
      personal: [
        ["病假", 100],
        ["事假", 83],
      ],
    }); // 183 ≥ 183: F = 92.4, ungraded
    leader(c, "庚", { A: 91, personal: [["病假", 100], ["事假", 82], ["病事假"]] }); // 182 + 0 < 183: graded
    const at = byName(c);
    // graded: 乙 96.13 (1), 丁 95.8 (2), 甲 95.2 (3), 庚 92.4 (4); N = 4 → q = max(1, ⌊0.8⌋) = 1
    expect(at("乙")).toMatchObject({ final: 96.13, rank: 1, grade: "称职", status: "graded" });
    expect(at("乙").flags).toEqual(["personalNoExcellent"]);
    expect(at("丙")).toMatchObject({ final: 97.07, rank: null, grade: "不定等次", status: "ungraded" });
    expect(at("丙").flags).toEqual(["personalNoGrade"]);
    expect(at("丁")).toMatchObject({ final: 95.8, rank: 2, grade: "不称职", status: "graded" });
    expect(at("丁").flags).toEqual(["personalUnfit"]);
    expect(at("甲")).toMatchObject({ final: 95.2, rank: 3, grade: "优秀", status: "graded", flags: [] });
    expect(at("戊")).toMatchObject({ final: 95.2, rank: null, grade: "暂缓评定", status: "pending" });
    expect(at("戊").flags).toEqual(["personalPending"]);
    expect(at("己")).toMatchObject({ final: 92.4, rank: null, grade: "不定等次", status: "ungraded" });
    // 庚: band 优秀, second 优秀 of the graded with q = 1
    expect(at("庚")).toMatchObject({ final: 92.4, rank: 4, grade: "称职", status: "graded" });
    expect(at("庚").flags).toEqual(["excellentQuota"]);
    expect(oracle(c).summary).toEqual({ graded: 4, excellent: 1, quota: 1 });
  });

  it("decides by the strongest rule (pending > unfit > noGrade > noExcellent) and flags every applying rule", () => {
    const c = fresh();
    leader(c, "子", { personal: [["诫勉"], ["留党察看"], ["立案审查"]] });
    leader(c, "丑", { personal: [["诫勉谈话"], ["严重警告"], ["撤职"]] });
    leader(c, "寅", { personal: [["党内警告"], ["记大过"]] });
    leader(c, "卯", { personal: [["警告处分"], ["病假", 30]] }); // 30 < 183: only noExcellent applies
    const at = byName(c);
    expect(at("子")).toMatchObject({ status: "pending", grade: "暂缓评定", final: 95.2, rank: null });
    expect(sorted(at("子").flags)).toEqual(["personalNoExcellent", "personalPending", "personalUnfit"]);
    expect(at("丑")).toMatchObject({ status: "graded", grade: "不称职", rank: 1 }); // tied with 卯 (F = 95.2)
    expect(sorted(at("丑").flags)).toEqual(["personalNoExcellent", "personalNoGrade", "personalUnfit"]);
    expect(at("寅")).toMatchObject({ status: "ungraded", grade: "不定等次", rank: null });
    expect(sorted(at("寅").flags)).toEqual(["personalNoExcellent", "personalNoGrade"]);
    expect(at("卯")).toMatchObject({ status: "graded", grade: "称职", rank: 1 });
    expect(at("卯").flags).toEqual(["personalNoExcellent"]);
  });

  it("keeps a leader whose P or D is missing pending as in §4 (F missing), with the circumstance flags", () => {
    const c = fresh();
    leader(c, "甲", { n: [3, 1, 0, 0], personal: [["诫勉"]] }); // 4 ballots < 5: D missing
    leader(c, "乙", { n: [3, 1, 0, 0], personal: [["立案审查"], ["严重警告"]] });
    leader(c, "丙", { personal: [["记过"]] });
    c.economic["丙公司"] = { 实现利润: [100, null] }; // E missing → P missing
    const at = byName(c);
    expect(at("甲")).toMatchObject({ status: "pending", grade: "暂缓评定", final: null, rank: null });
    expect(sorted(at("甲").flags)).toEqual(["pending", "personalNoExcellent"]);
    expect(sorted(at("乙").flags)).toEqual(["pending", "personalNoGrade", "personalPending"]);
    expect(at("丙")).toMatchObject({ status: "pending", grade: "暂缓评定", final: null, work: null });
    expect(sorted(at("丙").flags)).toEqual(["pending", "personalNoGrade"]);
    expect(oracle(c).summary).toMatchObject({ graded: 0, excellent: 0 });
  });

  it("sums 天数 over a rule's rows under its name and aliases against minDays; a missing 天数 counts 0", () => {
    const c = fresh({
      personal: {
        rules: [
          { name: "病事假", aliases: ["病假", "事假"], effect: "noGrade", minDays: 183 },
          { name: "脱产学习", aliases: ["脱产培训"], effect: "noExcellent", minDays: 90 },
          { name: "诫勉", aliases: [], effect: "noExcellent" },
        ],
      },
    });
    leader(c, "甲", { personal: [["病假", 183]] }); // 183 ≥ 183
    leader(c, "乙", { personal: [["病假", 182.5]] }); // 182.5 < 183
    leader(c, "丙", {
      personal: [
        ["事假", 91.5],
        ["病 假", 91.5],
      ],
    }); // 183, spaces normalized
    leader(c, "丁", { personal: [["病事假", 100], ["病假"], ["事假", 82]] }); // 100 + 0 + 82 = 182
    leader(c, "戊", {
      personal: [
        ["脱产培训", 45],
        ["脱产学习", 45],
      ],
    }); // 90 ≥ 90: noExcellent
    leader(c, "己", { personal: [["诫勉", 0]] }); // no minDays: a row applies, whatever its 天数
    leader(c, "庚", {
      personal: [
        ["脱产学习", 89],
        ["病假", 1],
      ],
    }); // two rules, neither reaches its minDays
    const d = oracleDetails(c);
    const st = d.leaders.map((l) => [c.leaders[l.index]!.name, l.effect]);
    expect(st).toEqual([
      ["甲", "noGrade"],
      ["乙", null],
      ["丙", "noGrade"],
      ["丁", null],
      ["戊", "noExcellent"],
      ["己", "noExcellent"],
      ["庚", null],
    ]);
    expect(d.leaders[3]!.circumstances.map((a) => [a.rule.name, a.days, a.rows.length])).toEqual([["病事假", 182, 3]]);
    const at = byName(c);
    expect(at("乙").flags).not.toContain("personalNoGrade");
    expect(at("庚").flags.filter((f) => f.startsWith("personal"))).toEqual([]);
  });
});

describe("§10.3 grading variants", () => {
  it("computes q exactly, floor or round, at .5 and around it", () => {
    expect([quotaOf(6, 25, "floor"), quotaOf(6, 25, "round")]).toEqual([1, 2]); // 1.5
    expect([quotaOf(10, 15, "floor"), quotaOf(10, 15, "round")]).toEqual([1, 2]); // 1.5
    expect([quotaOf(12, 12.5, "floor"), quotaOf(12, 12.5, "round")]).toEqual([1, 2]); // 1.5
    expect([quotaOf(7, 50, "floor"), quotaOf(7, 50, "round")]).toEqual([3, 4]); // 3.5
    expect([quotaOf(40, 6.25, "floor"), quotaOf(40, 6.25, "round")]).toEqual([2, 3]); // 2.5
    expect([quotaOf(125, 1.2, "floor"), quotaOf(125, 1.2, "round")]).toEqual([1, 2]); // 1.5, p not binary
    expect([quotaOf(4, 12.5, "floor"), quotaOf(4, 12.5, "round")]).toEqual([1, 1]); // 0.5, at least 1
    expect([quotaOf(9, 15, "floor"), quotaOf(9, 15, "round")]).toEqual([1, 1]); // 1.35
    expect([quotaOf(11, 15, "floor"), quotaOf(11, 15, "round")]).toEqual([1, 2]); // 1.65
    expect([quotaOf(0, 20, "floor"), quotaOf(20, 20, "round")]).toEqual([1, 4]);
    expect([quotaAtHalf(6, 25), quotaAtHalf(125, 1.2), quotaAtHalf(9, 15), quotaAtHalf(5, 20)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it("gives 优秀 to q of the graded leaders, q rounded as the method says", () => {
    for (const [rounding, expected] of [
      ["floor", 1],
      ["round", 2],
    ] as const) {
      const c = fresh({ grades: { excellentQuotaPercent: 25, quotaRounding: rounding } });
      // six graded leaders, all in the 优秀 band, F = 95.2 + 0.7·(E − 100)·0.4 for A = 100, 101 … 105
      for (let i = 0; i < 6; i++) leader(c, `甲${i}`, { A: 100 + i });
      leader(c, "乙", { A: 106, personal: [["严重警告"]] }); // ungraded: not in N (N = 6, 6·25/100 = 1.5)
      const e = oracle(c);
      expect(e.leaders.filter((l) => l.grade === "优秀").map((l) => l.name)).toEqual(
        expected === 1 ? ["甲5"] : ["甲4", "甲5"],
      );
      expect(e.summary).toEqual({ graded: 6, excellent: expected, quota: expected });
    }
  });

  it("splits N, q and the quota by the group column; ranks stay one list; a blank value is a group", () => {
    const c = fresh({ grades: { excellentQuotaPercent: 40, quotaGroupColumn: "考核类别" } });
    // group A类: four graded (q = ⌊1.6⌋ = 1) and one ungraded (not in N; with it q would be 2)
    leader(c, "甲1", { A: 106, group: "A类" }); // F 96.87 … rank 1
    leader(c, "甲2", { A: 105, group: "A类" }); // rank 2
    leader(c, "甲3", { A: 104, group: "Ａ类" }); // the same group after §1 normalization (R15)
    leader(c, "甲4", { A: 103, group: "A类" });
    leader(c, "甲5", { A: 106, group: "A类", personal: [["记过"]] });
    // group B类: twins at the top of the group share the boundary rank (q = ⌊1.2⌋ = 1)
    leader(c, "乙1", { A: 102, group: "B类" });
    leader(c, "乙2", { A: 102, group: "B类" });
    leader(c, "乙3", { A: 101, group: "B类" });
    // blank: its own group (q = 1), the lowest F still gets 优秀
    leader(c, "丙1", { A: 100, group: null });
    leader(c, "丙2", { A: 100, group: "", n: [8, 2, 0, 0] });
    const d = oracleDetails(c);
    expect(d.groups.map((g) => [g.key, g.N, g.q])).toEqual([
      ["A类", 4, 1],
      ["B类", 3, 1],
      ["", 2, 1],
    ]);
    const at = byName(c);
    const row = (n: string) => [at(n).rank, at(n).grade, sorted(at(n).flags)];
    expect(row("甲1")).toEqual([1, "优秀", []]);
    expect(row("甲2")).toEqual([2, "称职", ["excellentQuota"]]);
    expect(row("甲3")).toEqual([3, "称职", ["excellentQuota"]]);
    expect(row("甲4")).toEqual([4, "称职", ["excellentQuota"]]);
    expect(row("甲5")).toEqual([null, "不定等次", ["personalNoGrade"]]);
    expect(row("乙1")).toEqual([5, "称职", ["quotaTie"]]);
    expect(row("乙2")).toEqual([5, "称职", ["quotaTie"]]);
    expect(row("乙3")).toEqual([7, "称职", ["excellentQuota"]]);
    expect(row("丙1")).toEqual([8, "优秀", []]); // F = 95.2
    expect(row("丙2")).toEqual([9, "称职", ["excellentQuota"]]); // D = 96: F = 94.6
    expect(oracle(c).summary).toEqual({ graded: 9, excellent: 2, quota: undefined });
  });

  it("with voteCaps flag raises the vote flags without lowering the grade", () => {
    // votes [6,0,0,4]: N = 10, 3·4 > 10 (unfit votes), 3·6 < 20 (competent below 2/3); D = 76
    // A = 106: P = 96.67, F = 67.67 + 22.8 = 90.47 → band 优秀
    for (const [voteCaps, grade] of [
      ["cap", "不称职"],
      ["flag", "优秀"],
    ] as const) {
      const c = fresh({ grades: { voteCaps } });
      leader(c, "甲", { A: 106, n: [6, 0, 0, 4] });
      const l = oracle(c).leaders[0]!;
      expect(l.final).toBe(90.47);
      expect(l.grade).toBe(grade);
      expect(sorted(l.flags)).toEqual(["lowCompetentVotes", "unfitVotes"]);
    }
    // other caps still apply with flag: a veto caps at 基本称职
    const c = fresh({ grades: { voteCaps: "flag" } });
    leader(c, "甲", { A: 106, n: [6, 0, 0, 4] });
    c.work["甲公司"]!.否决事项 = "发生较大安全事故";
    expect(oracle(c).leaders[0]!.grade).toBe("基本称职");
  });
});

describe("§10.4 the overall vote", () => {
  it("takes the rates and vote caps from the overall rows only, when a leader has any", () => {
    const c = fresh();
    leader(c, "甲", { overall: [["上级", "综合评价", [2, 2, 0, 1]]] }); // overall N = 5
    leader(c, "乙", { n: [3, 0, 0, 3], overall: [["上级", "综合", [5, 0, 0, 0]]] }); // bad dims, good overall
    leader(c, "丙", { overall: [["上级", "总体评价", [1, 1, 0, 2]]] }); // 3·2 > 4: unfit votes
    leader(c, "丁", {
      overall: [
        ["上级", "综合", [1, 0, 0, 0]],
        ["同级", "总体评价", [1, 1, 0, 0]],
      ],
    });
    const at = byName(c);
    expect([at("甲").excellentRate, at("甲").competentRate, at("甲").unfitRate]).toEqual([0.4, 0.8, 0.2]);
    expect(at("甲").democratic).toBe(98); // weight 0: not in D
    expect([at("乙").excellentRate, at("乙").unfitRate]).toEqual([1, 0]);
    expect(at("乙").flags.filter((f) => f.endsWith("Votes"))).toEqual([]);
    expect(at("乙").democratic).toBe(70); // dims [3,0,0,3]: (300 + 120)/6
    expect(sorted(at("丙").flags)).toContain("unfitVotes");
    expect(at("丙").grade).toBe("不称职");
    // both aliases are the one item, pooled over groups: n1 = 2, n1+n2 = 3 of N = 3
    expect([at("丁").excellentRate, at("丁").competentRate]).toEqual([0.6667, 1]);
  });

  it("puts the overall item in D with its weight, and counts its rows' ballots", () => {
    // weight 20: D_上级 = (25·98·4 + 20·80)/120 = 95 (overall [2,2,0,1]: m = 400/5 = 80)
    const c = fresh({ democratic: { overall: { weight: 20 } } });
    leader(c, "甲", { overall: [["上级", "综合评价", [2, 2, 0, 1]]] });
    // 下级 with only an overall row: D_下级 = m = 90; D = (30·98 + 40·90)/70 = 93.43
    leader(c, "乙", { overall: [["下级", "综合", [5, 5, 0, 0]]] });
    const at = byName(c);
    expect(at("甲").democratic).toBe(95);
    expect(at("乙").democratic).toBe(93.43);
    // weight 0: 下级 (overall rows only) has no D_g and is left out; its ballots still count
    const z = fresh();
    leader(z, "乙", { overall: [["下级", "综合", [5, 5, 0, 0]]] });
    leader(z, "丙", { n: [3, 1, 0, 0], overall: [["上级", "综合评价", [6, 0, 0, 0]]] }); // 4 ballots; 6 overall
    leader(z, "丁", { n: [3, 1, 0, 0] }); // 4 < 5: pending
    const at0 = byName(z);
    expect(at0("乙").democratic).toBe(98);
    expect(at0("丙")).toMatchObject({ democratic: 95, status: "graded" }); // (300 + 80)/4; ballots 6 ≥ 5
    expect(at0("丁")).toMatchObject({ democratic: null, status: "pending" });
  });
});
