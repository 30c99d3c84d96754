import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CleanCase, Expected } from "../support/case";
import { compareResults } from "../support/compare";
import { excelRound, fullYears, mergeMethod, oracle, parseDateText } from "../support/oracle";
import { EXAMPLES_DIR } from "../support/examples";

const EXAMPLES = EXAMPLES_DIR;
const load = <T>(f: string): T => JSON.parse(readFileSync(`${EXAMPLES}/${f}`, "utf8")) as T;

describe("oracle on the worked examples", () => {
  for (const name of ["example-1", "example-2", "example-3-qualification"]) {
    it(`${name}: equals ${name}.expected.json`, () => {
      const c = load<CleanCase>(`${name}.json`);
      const e = load<Expected>(`${name}.expected.json`);
      const got = oracle(c);
      expect(compareResults(got, e)).toEqual([]);
      // stricter than the README's tolerance: the numbers are the same rounded numbers
      got.leaders.forEach((l, i) => {
        const x = e.leaders[i]!;
        for (const k of ["economic", "work", "democratic", "final", "excellentRate", "unfitRate"] as const)
          expect(l[k], `${l.name}.${k}`).toBe(x[k]);
      });
    });
  }
});

describe("Excel rounding", () => {
  it("rounds half away from zero on the decimal value", () => {
    expect(excelRound(1.005, 2)).toBe(1.01);
    expect(excelRound(-1.005, 2)).toBe(-1.01);
    expect(excelRound(2.675, 2)).toBe(2.68);
    expect(excelRound(0.12345, 4)).toBe(0.1235);
    expect(excelRound(89.995, 2)).toBe(90);
    expect(excelRound(-0.004, 2)).toBe(0);
    expect(Object.is(excelRound(-0.004, 2), -0)).toBe(false);
    expect(excelRound(2 / 3, 4)).toBe(0.6667);
    expect(excelRound(1e-9, 2)).toBe(0);
  });
});

describe("oracle rules", () => {
  const base = (): CleanCase => ({
    leaders: [{ name: "甲", unit: "一公司", position: "党委书记" }],
    method: { economic: { indicators: [{ name: "实现利润", aliases: [], weight: 1, direction: "higher" }] } },
    economic: { 一公司: { 实现利润: [100, 100] } },
    work: { 一公司: { 重点工作: 100, 党的建设: 100, 安全稳定: 100 } },
    votes: (["德", "能", "勤", "廉"] as const).map((dim) => ({
      name: "甲",
      unit: "一公司",
      group: "上级",
      dim,
      n: [5, 0, 0, 0] as [number, number, number, number],
    })),
  });
  const E = (T: number, A: number, patch: object = {}): number | null => {
    const c = base();
    c.economic["一公司"]!["实现利润"] = [T, A];
    c.method = { economic: { ...c.method!.economic, ...patch } };
    return oracle(c).leaders[0]!.economic;
  };
  it("scores a loss target in its three branches, bounded by 3 points", () => {
    expect(E(-100, -130)).toBe(80); // A ≤ T: d = −0.3 → −10 → −6
    expect(E(-100, -40)).toBe(110); // T < A ≤ 0: d = 0.5·0.6 = 0.3 → +10 → capped at +3
    expect(E(-100, -97)).toBe(101.67); // d = 0.5·0.03 = 0.015 → +0.5 points
    expect(E(-100, 0)).toBe(110); // d = 0.5 → capped
    expect(E(-1000, 10)).toBe(110); // A > 0: d = 0.5 + 0.01
  });
  it("truncates steps toward zero with stepwise on, on the exact decimal", () => {
    expect(E(100, 105.9, { stepwise: true })).toBe(103.33); // 5.9% → 1 step
    expect(E(100, 94.1, { stepwise: true })).toBe(96.67); // −5.9% → −1 step
    expect(E(0.1, 0.103, { stepwise: true })).toBe(103.33); // float 0.99999… is one step
    expect(E(100, 105.9)).toBe(106.56);
  });
  it("treats T = 0 as missing and a lower indicator as reversed", () => {
    expect(E(0, 5)).toBeNull();
    const c = base();
    c.method = { economic: { indicators: [{ name: "资产负债率", aliases: [], weight: 1, direction: "lower" }] } };
    c.economic = { 一公司: { 资产负债率: [60, 57] } };
    expect(oracle(c).leaders[0]!.economic).toBe(105.56); // d = 3/60 = 5%
  });
  it("keeps E when two thirds of the weight is available (0.6667 after rounding)", () => {
    const c = base();
    c.method = {
      economic: {
        indicators: ["甲", "乙", "丙"].map((n) => ({ name: n, aliases: [], weight: 1, direction: "higher" as const })),
      },
    };
    c.economic = { 一公司: { 甲: [100, 103], 乙: [100, 100], 丙: [100, null] } };
    expect(oracle(c).leaders[0]!.economic).toBe(101.67); // (1 + 1/30 + 1) / 2
    c.economic = { 一公司: { 甲: [100, 103], 乙: [100, null], 丙: [null, 100] } };
    expect(oracle(c).leaders[0]!.economic).toBeNull();
    expect(oracle(c).leaders[0]!.status).toBe("pending");
  });
  it("merges a method patch: objects key by key, arrays replace", () => {
    const m = mergeMethod({ economic: { stepwise: true }, democratic: { dimensions: { 德: 40 } } });
    expect(m.economic.stepwise).toBe(true);
    expect(m.economic.indicators).toHaveLength(5);
    expect(m.democratic.dimensions).toEqual({ 德: 40, 能: 25, 勤: 25, 廉: 25 });
  });
});

describe("qualification dates", () => {
  it("reads every date form of §6", () => {
    for (const s of ["1975-03-15", "1975/3/15", "1975年3月15日"])
      expect(parseDateText(s)).toEqual({ y: 1975, m: 3, d: 15 });
    for (const s of ["1975.03", "1975.3", "1975年3月", "197503", "１９７５．０３"])
      expect(parseDateText(s)).toEqual({ y: 1975, m: 3, d: 1 });
    expect(parseDateText("1975.13")).toBeUndefined();
    expect(parseDateText("不详")).toBeUndefined();
  });
  it("counts full years", () => {
    expect(fullYears({ y: 1990, m: 7, d: 1 }, { y: 2025, m: 6, d: 30 })).toBe(34);
    expect(fullYears({ y: 1990, m: 6, d: 30 }, { y: 2025, m: 6, d: 30 })).toBe(35);
  });
});

describe("oracle ranking, caps and quota", () => {
  type N4 = [number, number, number, number];
  const DIMS = ["德", "能", "勤", "廉"];
  /** One leader per unit; E = 100 · (1 + pts/30) with one indicator; uniform votes in 上级. */
  function leader(
    c: CleanCase,
    name: string,
    o: { A?: number | null; K?: number; n?: N4; mode?: "党建工作指导员"; veto?: string; T?: number },
  ) {
    const unit = `${name}公司`;
    c.leaders.push({ name, unit, position: "党委书记", mode: o.mode ?? null });
    if (o.A !== undefined) c.economic[unit] = { 实现利润: [o.T ?? 100, o.A] };
    c.work[unit] = { 重点工作: o.K ?? 90, 党的建设: 90, 安全稳定: 90, 否决事项: o.veto ?? null };
    for (const dim of DIMS) c.votes.push({ name, unit, group: "上级", dim, n: [...(o.n ?? [9, 1, 0, 0])] as N4 });
  }
  const fresh = (patch: object = {}): CleanCase => ({
    method: { economic: { indicators: [{ name: "实现利润", aliases: [], weight: 1, direction: "higher" }] }, ...patch },
    leaders: [],
    economic: {},
    work: {},
    votes: [],
    adjust: [],
  });

  it("breaks ties by P, D, 优秀率 and E, a missing E lowest; competition and dense", () => {
    for (const ties of ["competition", "dense"] as const) {
      const c = fresh({ ranking: { ties } });
      leader(c, "甲", { A: 91 }); // E = 90 (−3 points), P = 90
      leader(c, "乙", { A: 91 }); // a twin
      leader(c, "丙", { A: 91, n: [10, 0, 0, 0] }); // higher F
      leader(c, "丁", { A: null, mode: "党建工作指导员" }); // P = 90 over K, B, S; E missing
      const r = oracle(c).leaders.map((l) => [l.name, l.final, l.rank]);
      expect(r[0]![1]).toBe(r[3]![1]);
      expect(r.map((x) => x[2])).toEqual(ties === "competition" ? [2, 2, 1, 4] : [2, 2, 1, 3]);
    }
  });

  it("caps at the 1/3 and 2/3 vote boundaries with integer comparisons", () => {
    const c = fresh({ grades: { excellentQuotaPercent: 100 } });
    leader(c, "甲", { A: 106, n: [2, 2, 0, 2] }); // n4 = N/3: no unfit cap; n1+n2 = 2N/3: no low cap
    leader(c, "乙", { A: 106, n: [2, 1, 0, 3] }); // n4 > N/3 and n1+n2 < 2N/3
    leader(c, "丙", { A: 106, n: [3, 1, 2, 0] }); // n1+n2 = 4 < 2·6/3? no: 3·4 = 12 = 2·6 → not capped
    leader(c, "丁", { A: 106, n: [3, 0, 3, 0] }); // 3·3 < 12 → at most 基本称职
    const e = oracle(c).leaders;
    expect(e.map((l) => l.flags.sort())).toEqual([[], ["lowCompetentVotes", "unfitVotes"], [], ["lowCompetentVotes"]]);
    expect(e[1]!.grade).toBe("不称职");
    expect(e[3]!.grade).toBe("基本称职");
    expect(e[0]!.unfitRate).toBe(0.3333);
  });

  it("caps a veto at 基本称职 and a unit still in loss at 称职", () => {
    const c = fresh();
    leader(c, "甲", { A: 106, veto: "发生较大安全事故", n: [10, 0, 0, 0] });
    leader(c, "乙", { T: -100, A: -50, n: [10, 0, 0, 0] });
    leader(c, "丙", { T: -100, A: 20, n: [10, 0, 0, 0] }); // turned profitable: no cap
    const e = oracle(c).leaders;
    expect(e.map((l) => l.grade)).toEqual(["基本称职", "称职", "优秀"]);
    expect(e[0]!.flags).toEqual(["veto"]);
    expect(e[1]!.flags).toEqual(["stillInLoss"]);
  });

  it("flags a cap whose condition holds even when the band is already lower (reading R2), or not (option)", () => {
    const c = fresh();
    leader(c, "甲", { T: -100, A: -50, n: [2, 4, 4, 0], K: 40 }); // band 称职 or lower, still in loss
    const band = oracle(c).leaders[0]!.grade;
    expect(["称职", "基本称职"]).toContain(band);
    expect(oracle(c).leaders[0]!.flags).toContain("stillInLoss");
    expect(oracle(c, { capFlags: "whenLowering" }).leaders[0]!.flags).not.toContain("stillInLoss");
  });

  it("gives the quota in rank order; a shared boundary rank all become 称职", () => {
    const c = fresh();
    for (const n of ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"])
      leader(c, n, { A: 100, n: [6, 4, 0, 0] });
    leader(c, "子", { A: 106, n: [10, 0, 0, 0] }); // rank 1
    leader(c, "丑", { A: 103, n: [10, 0, 0, 0] }); // rank 2 …
    leader(c, "寅", { A: 103, n: [10, 0, 0, 0] }); // … shared
    // N = 13 → q = 2: 子 keeps 优秀; 丑 and 寅 share the boundary rank
    const e = oracle(c).leaders;
    const by = (n: string) => e.find((l) => l.name === n)!;
    expect(by("子").grade).toBe("优秀");
    expect(by("丑").flags).toEqual(["quotaTie"]);
    expect(by("寅").grade).toBe("称职");
    expect(by("甲").flags).toEqual(["excellentQuota"]);
  });

  it("leaves a leader with too few ballots pending, and caps bonuses across own and unit-wide items", () => {
    const c = fresh();
    leader(c, "甲", { A: 100, n: [3, 1, 0, 0] }); // 4 ballots < 5
    leader(c, "乙", { A: 100 });
    c.adjust = [
      { name: "乙", unit: "乙公司", type: "加分", value: 3 },
      { name: null, unit: "乙公司", type: "加分", value: 3 },
      { name: null, unit: "乙公司", type: "减分", value: 0.5 },
      { name: "甲", unit: "甲公司", type: "加分", value: 1 },
    ];
    const e = oracle(c).leaders;
    expect(e[0]).toMatchObject({
      status: "pending",
      grade: "暂缓评定",
      final: null,
      rank: null,
      democratic: null,
      flags: ["pending"],
      adjustment: 1,
    });
    expect(e[0]!.excellentRate).toBe(0.75);
    expect(e[1]!.adjustment).toBe(4.5);
  });

  it("gives a 党建工作指导员 P over K, B and S only", () => {
    const c = fresh();
    leader(c, "甲", { A: null, mode: "党建工作指导员", K: 60 });
    c.work["甲公司"] = { 重点工作: 60, 党的建设: "好", 安全稳定: null };
    expect(oracle(c).leaders[0]!.work).toBe(84); // (20·60 + 30·100) / 50
  });
});
