/**
 * The oracle's docs/method.md §12 (组织决定) by hand, the coverage of the §12 differential seeds, and the writer's
 * 组织决定 sheet read back.
 *
 * Common data (one indicator 实现利润, weight 1; K = B = S = 90; votes in 上级 only, the same on 德能勤廉):
 *   A = 100 → P = 94;  A = 103 → P = 95.3333;  votes [9,1,0,0] → D = 98
 *   F = 0.7·P + 0.3·D: 95.2 (A = 100), 96.13 (A = 103).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { CaseDecision, CleanCase, ExpectedLeader, OracleMethodPatch } from "../support/case";
import { compareResults } from "../support/compare";
import { SECTION12_FEATURES, section12Features } from "../support/features12";
import { SECTION12_SEEDS, generateCase } from "../support/generate";
import { oracle, oracleDetails } from "../support/oracle";
import { readBack } from "../support/readBack";
import { buildCaseWorkbook } from "../support/writeCase";

type N4 = [number, number, number, number];

function fresh(patch: OracleMethodPatch = {}): CleanCase {
  return {
    method: { ...patch, economic: { indicators: [{ name: "实现利润", aliases: [], weight: 1, direction: "higher" }] } },
    leaders: [],
    economic: {},
    work: {},
    votes: [],
    decisions: [],
  };
}

function leader(c: CleanCase, name: string, o: { A?: number; n?: N4; id?: string; personal?: string } = {}): void {
  const unit = `${name}公司`;
  c.leaders.push({ name, unit, position: "党委书记", ...(o.id ? { id: o.id } : {}) });
  c.economic[unit] = { 实现利润: [100, o.A ?? 100] };
  c.work[unit] = { 重点工作: 90, 党的建设: 90, 安全稳定: 90 };
  for (const dim of ["德", "能", "勤", "廉"])
    c.votes.push({ name, unit, group: "上级", dim, n: [...(o.n ?? [9, 1, 0, 0])] as N4 });
  if (o.personal) c.personal = [...(c.personal ?? []), { name, unit, kind: o.personal }];
}

const decide = (c: CleanCase, name: string, grade: string, extra: Partial<CaseDecision> = {}) =>
  c.decisions!.push({ name, unit: `${name}公司`, grade, basis: "2026年1月8日党委会研究决定", ...extra });

const row = (l: ExpectedLeader) => [l.name, l.grade, [...l.flags].sort(), l.rank];

describe("§12 the committee's decisions", () => {
  it("decides a boundary tie after the quota; more 优秀 than q is no error", () => {
    const c = fresh();
    leader(c, "甲", { A: 103 }); // F 96.13, rank 1 (shared)
    leader(c, "乙", { A: 103 }); // its twin
    leader(c, "丙"); // F 95.2, rank 3; N = 3 → q = 1
    const plain = oracle(c).leaders.map(row);
    expect(plain).toEqual([
      ["甲", "称职", ["quotaTie"], 1],
      ["乙", "称职", ["quotaTie"], 1],
      ["丙", "称职", ["excellentQuota"], 3],
    ]);
    decide(c, "甲", "优秀");
    let d = oracleDetails(c);
    expect(d.expected.leaders.map(row)).toEqual([
      ["甲", "优秀", ["committee", "quotaTie"], 1],
      ["乙", "称职", ["quotaTie"], 1],
      ["丙", "称职", ["excellentQuota"], 3],
    ]);
    expect(d.expected.summary).toEqual({ graded: 3, excellent: 1, quota: 1 });
    expect(d.overQuota).toEqual([]);
    decide(c, "乙", "优秀");
    d = oracleDetails(c);
    expect(d.expected.summary).toEqual({ graded: 3, excellent: 2, quota: 1 });
    expect(d.overQuota).toEqual([{ key: "", N: 3, q: 1, excellent: 2 }]);
  });

  it("decides on the vote rules when they only flag; a decision equal to the computed grade is still flagged", () => {
    // votes [6,0,0,4]: unfit votes and competent below 2/3; D = 76; A = 106: F = 90.47, band 优秀
    const c = fresh({ grades: { voteCaps: "flag" } });
    leader(c, "甲", { A: 106, n: [6, 0, 0, 4] });
    leader(c, "乙", { A: 100 }); // F 95.2
    expect(oracle(c).leaders.map(row)).toEqual([
      ["甲", "称职", ["excellentQuota", "lowCompetentVotes", "unfitVotes"], 2],
      ["乙", "优秀", [], 1],
    ]);
    decide(c, "甲", "不称职");
    decide(c, "乙", "优秀", { basis: null });
    expect(oracle(c).leaders.map(row)).toEqual([
      ["甲", "不称职", ["committee", "excellentQuota", "lowCompetentVotes", "unfitVotes"], 2],
      ["乙", "优秀", ["committee"], 1],
    ]);
  });

  it("finds the leader by 工号 and reads 等次 after §1 normalization; F, rank and status do not change", () => {
    const c = fresh();
    leader(c, "甲", { id: "E001" });
    leader(c, "乙", { A: 103, id: "E002" });
    decide(c, "甲", " 基本 称职", { unit: "别的公司", id: "E001" });
    const e = oracle(c).leaders;
    expect(e[0]).toMatchObject({ grade: "基本称职", final: 95.2, rank: 2, status: "graded" });
    expect([...e[0]!.flags].sort()).toEqual(["committee", "excellentQuota"]); // N = 2, q = 1: 乙 keeps 优秀
  });

  it("refuses what §12 calls errors: a grade that is none, a stranger, a second decision, a leader not graded", () => {
    const make = () => {
      const c = fresh();
      leader(c, "甲");
      leader(c, "乙", { personal: "立案审查" }); // pending (§10.2)
      leader(c, "丙", { n: [3, 1, 0, 0] }); // 4 ballots: D missing, pending (§4)
      leader(c, "丁", { personal: "严重警告" }); // ungraded
      return c;
    };
    const bad: [string, (c: CleanCase) => void][] = [
      ["no grade", (c) => decide(c, "甲", "良好")],
      ["stranger", (c) => decide(c, "戊", "称职")],
      ["second", (c) => (decide(c, "甲", "称职"), decide(c, "甲", "优秀"))],
      ["pending by a circumstance", (c) => decide(c, "乙", "称职")],
      ["pending, D missing", (c) => decide(c, "丙", "称职")],
      ["ungraded", (c) => decide(c, "丁", "称职")],
    ];
    for (const [what, f] of bad) {
      const c = make();
      f(c);
      expect(() => oracle(c), what).toThrow(/组织决定/);
    }
  });
});

describe("the §12 seeds", () => {
  const seeds = Array.from({ length: SECTION12_SEEDS.count }, (_, i) => SECTION12_SEEDS.first + i);
  const gen = (seed: number) =>
    generateCase(seed, { section10: true, section12: true, maxLeaders: SECTION12_SEEDS.maxLeaders });

  it("are deterministic and add only the decisions to the §10 cases", () => {
    for (const seed of [1, 2, 77]) {
      expect(gen(seed)).toEqual(gen(seed));
      const { decisions, ...rest } = gen(seed);
      expect(decisions).toBeDefined();
      expect(rest).toEqual(generateCase(seed, { section10: true, maxLeaders: SECTION12_SEEDS.maxLeaders }));
    }
  });

  it("exercise every §12 feature", () => {
    const seen = new Set<string>();
    for (const seed of seeds) for (const f of section12Features(gen(seed))) seen.add(f);
    for (const k of SECTION12_FEATURES) expect(seen, k).toContain(k);
  });

  it("carry 组织决定 in every layout: read back, the oracle gives the same result", async () => {
    for (const seed of seeds.slice(0, 8)) {
      const c = gen(seed);
      for (const [layout, mergedAs] of [
        [seed * 31 + 1, "empty"],
        [seed * 31 + 2, "master"],
      ] as const) {
        const buf = await buildCaseWorkbook(c, layout, { decisionsById: true }).xlsx.writeBuffer();
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buf as ArrayBuffer);
        const back = readBack(wb, c.method, c.referenceDate, mergedAs);
        expect(back.decisions?.length, `seed ${seed}`).toBe(c.decisions!.length);
        expect(compareResults(oracle(back), oracle(c)), `seed ${seed}`).toEqual([]);
      }
    }
  });
});
