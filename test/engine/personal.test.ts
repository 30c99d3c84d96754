/**
 * docs/method.md §10 through the whole pipeline (Grids → reader → engine): personal circumstances, the quota's
 * rounding and groups, vote rules as flags, the overall vote item. The numbers are chosen so that each result
 * can be checked by hand: every unit meets its targets exactly and rates 100 everywhere, so P = 100; every
 * vote is 优秀 unless a test says otherwise, so D = 100; F = 70 + 30 − 减分.
 */
import { describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { explainLeader } from "../../src/engine/explainText";
import { defaultMethod } from "../../src/method/defaults";
import type { LeaderResult } from "../../src/engine/types";
import type { MethodPatch } from "../../src/method/types";
import type { CellValue } from "../../src/workbook/grid";

interface Person {
  name: string;
  /** F = 100 − penalty. */
  penalty?: number;
  /** Per group and dimension: 优秀, 称职, 基本称职, 不称职. */
  votes?: number[];
  /** Overall rows (综合评价) per group, when given. */
  overall?: number[];
  category?: string | null;
}

function bookOf(people: Person[], personal?: CellValue[][]) {
  const units = people.map((_, i) => `${i + 1}公司`);
  const cat = people.some((p) => p.category !== undefined);
  return [
    {
      name: "考核对象",
      rows: [
        ["姓名", "单位", "职务", ...(cat ? ["考核类别"] : [])],
        ...people.map((p, i) => [p.name, units[i], "党委书记", ...(cat ? [p.category ?? null] : [])]),
      ],
    },
    {
      name: "经营业绩",
      rows: [["单位", "实现利润目标值", "实现利润完成值"], ...units.map((u) => [u, 100, 100])],
    },
    {
      name: "工作评价",
      rows: [["单位", "重点工作", "党的建设", "安全稳定"], ...units.map((u) => [u, 100, 100, 100])],
    },
    {
      name: "民主测评",
      rows: [
        ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"],
        ...people.flatMap((p, i) =>
          ["上级", "同级", "下级"].flatMap((g) => [
            ...["德", "能", "勤", "廉"].map((d) => [p.name, units[i], g, d, ...(p.votes ?? [10, 0, 0, 0])]),
            ...(p.overall ? [[p.name, units[i], g, "综合", ...p.overall]] : []),
          ]),
        ),
      ],
    },
    {
      name: "加减分",
      rows: [
        ["姓名", "单位", "类型", "分值"],
        ...people.flatMap((p, i) => (p.penalty ? [[p.name, units[i], "减分", p.penalty]] : [])),
      ],
    },
    ...(personal ? [{ name: "个人情况", rows: personal }] : []),
  ];
}

function run(people: Person[], opts: { personal?: CellValue[][]; method?: MethodPatch } = {}) {
  const method = {
    economic: { indicators: [{ name: "实现利润", weight: 1 }] },
    ...opts.method,
  };
  const out = scoreBook({ book: bookOf(people, opts.personal), method, today: "2025-12-31" });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.assessment;
}

const brief = (l: LeaderResult) => ({
  final: l.final,
  rank: l.rank,
  grade: l.grade,
  status: l.status,
  flags: l.flags.map((f) => f.code),
});

const P = ["姓名", "单位", "情形", "天数"];

describe("personal circumstances (docs/method.md §10.2)", () => {
  const people: Person[] = [
    { name: "甲", penalty: 1 }, // 诫勉: no 优秀 → 称职
    { name: "乙", penalty: 2 }, // 严重警告: 不定等次
    { name: "丙", penalty: 3 }, // 留党察看: 不称职, still ranked
    { name: "丁", penalty: 4 }, // 立案调查 and 诫勉: 暂缓评定, both flagged
    { name: "戊", penalty: 5 }, // 病假 100 + 事假 90 = 190 ≥ 183: 不定等次
    { name: "己", penalty: 6 }, // 病假 100 < 183: nothing
    { name: "庚", penalty: 7 },
    { name: "辛", penalty: 8 },
  ];
  const personal = [
    P,
    ["甲", "1公司", "诫勉谈话", null],
    ["乙", "2公司", "严重警告", null],
    ["丙", "3公司", "留党察看", null],
    ["丁", "4公司", "立案调查", null],
    ["丁", "4公司", "诫勉", null],
    ["戊", "5公司", "病假", 100],
    ["戊", "5公司", "事假", 90],
    ["己", "6公司", "病假", 100],
  ];
  const a = run(people, { personal });
  const by = (n: string) => brief(a.leaders.find((l) => l.name === n)!);

  it("gives each leader the effect of the strongest rule that applies, and lists every rule that applies", () => {
    expect(by("甲")).toEqual({ final: 99, rank: 1, grade: "称职", status: "graded", flags: ["personalNoExcellent"] });
    expect(by("乙")).toEqual({
      final: 98,
      rank: null,
      grade: "不定等次",
      status: "ungraded",
      flags: ["personalNoGrade"],
    });
    expect(by("丙")).toEqual({ final: 97, rank: 2, grade: "不称职", status: "graded", flags: ["personalUnfit"] });
    expect(by("丁")).toEqual({
      final: 96,
      rank: null,
      grade: "暂缓评定",
      status: "pending",
      flags: ["personalPending", "personalNoExcellent"],
    });
    expect(by("戊")).toEqual({
      final: 95,
      rank: null,
      grade: "不定等次",
      status: "ungraded",
      flags: ["personalNoGrade"],
    });
    expect(by("己")).toEqual({ final: 94, rank: 3, grade: "优秀", status: "graded", flags: [] });
    // Graded: 甲 丙 己 庚 辛 → N = 5, q = max(1, ⌊5 × 20%⌋) = 1; 己 is the best 优秀 candidate.
    expect(by("庚")).toEqual({ final: 93, rank: 4, grade: "称职", status: "graded", flags: ["excellentQuota"] });
    expect(a.summary).toMatchObject({ graded: 5, pending: 1, ungraded: 2, quota: 1, excellent: 1, circumstances: 5 });
  });

  it("explains each circumstance with its rows' cells, days summed over aliases, and whether it applies", () => {
    const wu = a.leaders.find((l) => l.name === "戊")!;
    expect(wu.explain.personal.effect).toBe("noGrade");
    expect(wu.explain.personal.circumstances).toEqual([
      {
        rule: "病事假",
        effect: "noGrade",
        minDays: 183,
        days: 190,
        applies: true,
        rows: [
          expect.objectContaining({ text: "病假", days: 100, cell: "个人情况!A7", daysCell: "个人情况!D7" }),
          expect.objectContaining({ text: "事假", days: 90, cell: "个人情况!A8" }),
        ],
      },
    ]);
    expect(wu.flags[0]).toEqual({
      code: "personalNoGrade",
      message: "个人情况：病事假累计 190 天（满 183 天适用），不确定等次",
      cells: ["个人情况!A7", "个人情况!A8"],
    });
    const ji = a.leaders.find((l) => l.name === "己")!;
    expect(ji.explain.personal.circumstances.map((c) => [c.rule, c.days, c.applies])).toEqual([["病事假", 100, false]]);
  });

  it("为什么 shows each circumstance with its cells and the rule applied", () => {
    const lines = (n: string) =>
      explainLeader(
        a.leaders.find((l) => l.name === n)!,
        defaultMethod(),
      ).flatMap((sec) => sec.lines.map((x) => `${sec.title}|${x.text}|${x.cell ?? ""}`));
    expect(lines("戊").filter((x) => x.startsWith("个人情况"))).toEqual([
      "个人情况|病假，100 天|个人情况!A7",
      "个人情况|事假，90 天|个人情况!A8",
      "个人情况|按“病事假”规则：累计 190 天，达到 183 天；不确定等次|个人情况!C7",
    ]);
    expect(lines("戊")).toContain(
      "综合得分与等次|个人情况：病事假累计 190 天（满 183 天适用），不确定等次：不参加排名，不计入优秀名额的参评人数|个人情况!A7",
    );
    expect(lines("丁")).toContain("个人情况|多项情形同时适用时按最重的处理：暂缓确定等次|");
    expect(lines("丙")).toContain("综合得分与等次|个人情况：撤销党内职务，确定为不称职 → 等次为“不称职”|个人情况!A4");
    expect(lines("己")).toContain("个人情况|按“病事假”规则：累计 100 天，未达到 183 天；不适用|个人情况!C9");
  });

  it("a leader pending under §4 stays pending with F missing, and still lists the circumstance", () => {
    const b = run([{ name: "甲", votes: [1, 0, 0, 0] }, { name: "乙" }], {
      personal: [P, ["甲", "1公司", "诫勉", null]],
    });
    // 3 groups × 1 ballot = 3 < minBallots 5: D missing.
    expect(brief(b.leaders[0])).toEqual({
      final: null,
      rank: null,
      grade: "暂缓评定",
      status: "pending",
      flags: ["pending", "personalNoExcellent"],
    });
    expect(brief(b.leaders[1])).toMatchObject({ rank: 1, grade: "优秀" });
  });

  it("确定为不称职 holds whatever the band and the caps; noExcellent caps like the caps of §5.3", () => {
    const b = run([{ name: "甲", penalty: 50 }, { name: "乙" }], {
      personal: [P, ["甲", "1公司", "撤职", null], ["乙", "2公司", "警告处分", null]],
    });
    expect(brief(b.leaders[0])).toEqual({
      final: 50,
      rank: 2,
      grade: "不称职",
      status: "graded",
      flags: ["personalUnfit"],
    });
    expect(b.leaders[1].explain.grade.caps).toEqual([
      { code: "personalNoExcellent", cap: "称职", reason: "个人情况：党内警告，不得确定为优秀", applied: true },
    ]);
    expect(b.leaders[1].grade).toBe("称职");
  });
});

describe("the 优秀 quota: rounding and groups (docs/method.md §10.3)", () => {
  const ten = (n: number): Person[] => Array.from({ length: n }, (_, i) => ({ name: `人${i + 1}`, penalty: i + 1 }));

  it("rounds N·p/100 down, or half up at an exact .5 (四舍五入), computed on the decimal percent", () => {
    const excellent = (n: number, method: MethodPatch) =>
      run(ten(n), { method }).leaders.filter((l) => l.grade === "优秀").length;
    // 15 × 10% = 1.5; 12 × 12.5% = 1.5; 4 × 12.5% = 0.5; 7 × 35% = 2.45.
    expect(excellent(15, { grades: { excellentQuotaPercent: 10 } })).toBe(1);
    expect(excellent(15, { grades: { excellentQuotaPercent: 10, quotaRounding: "round" } })).toBe(2);
    expect(excellent(12, { grades: { excellentQuotaPercent: 12.5, quotaRounding: "round" } })).toBe(2);
    expect(excellent(12, { grades: { excellentQuotaPercent: 12.5 } })).toBe(1);
    expect(excellent(4, { grades: { excellentQuotaPercent: 12.5, quotaRounding: "round" } })).toBe(1);
    expect(excellent(7, { grades: { excellentQuotaPercent: 35, quotaRounding: "round" } })).toBe(2);
    expect(excellent(3, { grades: { excellentQuotaPercent: 50, quotaRounding: "round" } })).toBe(2);
  });

  it("decides the quota within each group while ranks stay one list; a blank value is a group of its own", () => {
    const people: Person[] = [
      { name: "甲", penalty: 1, category: "一类" },
      { name: "乙", penalty: 2, category: "一类" },
      { name: "丙", penalty: 3, category: "二类" },
      { name: "丁", penalty: 4, category: "二类" },
      { name: "戊", penalty: 5, category: "一类" },
      { name: "己", penalty: 6, category: null },
    ];
    const a = run(people, { method: { grades: { quotaGroupColumn: "考核类别", excellentQuotaPercent: 40 } } });
    // 一类: N 3 → q = max(1, ⌊1.2⌋) = 1; 二类: N 2 → ⌊0.8⌋ → 1; blank: N 1 → 1.
    expect(a.leaders.map((l) => [l.name, l.rank, l.grade])).toEqual([
      ["甲", 1, "优秀"],
      ["乙", 2, "称职"],
      ["丙", 3, "优秀"],
      ["丁", 4, "称职"],
      ["戊", 5, "称职"],
      ["己", 6, "优秀"],
    ]);
    expect(a.leaders[1].flags[0].message).toBe("超出优秀名额（一类 1 名），由优秀调整为称职");
    expect(a.summary.quotaGroups).toEqual([
      { group: "一类", graded: 3, quota: 1, excellent: 1 },
      { group: "二类", graded: 2, quota: 1, excellent: 1 },
      { group: "", graded: 1, quota: 1, excellent: 1 },
    ]);
    expect(a.summary.quota).toBe(3);
    expect(a.leaders[2].explain.grade.quota).toEqual({
      group: "二类",
      q: 1,
      graded: 2,
      percent: 40,
      rounding: "floor",
      decision: "kept",
    });
  });
});

describe("vote rules as flags (docs/method.md §10.3)", () => {
  it("raises unfitVotes and lowCompetentVotes without lowering the grade", () => {
    // Per row 4 优秀, 1 称职, 0, 5 不称职: 5/10 不称职 > 1/3 and 称职以上 5/10 < 2/3.
    const people: Person[] = [
      { name: "甲", votes: [4, 1, 0, 5] },
      { name: "乙", penalty: 30 },
    ];
    const capped = run(people);
    const flagged = run(people, { method: { grades: { voteCaps: "flag" } } });
    expect(capped.leaders[0].grade).toBe("不称职");
    expect(flagged.leaders[0].grade).toBe("优秀"); // F = 70 + 0.3 × 68 = 90.4, and first of two
    expect(flagged.leaders[0].flags.map((f) => f.code)).toEqual(["unfitVotes", "lowCompetentVotes"]);
    expect(flagged.leaders[0].flags[0].message).toContain("提请组织研究");
    expect(flagged.leaders[0].explain.grade.caps.every((c) => !c.applied)).toBe(true);
  });
});

describe("the overall vote 综合评价 (docs/method.md §10.4)", () => {
  it("counts in D with its weight; the rates and vote rules use the overall rows only", () => {
    // Dimensions all 优秀 (m = 100); overall 2 优秀, 4 称职, 4 不称职 per group (m = (200 + 320 + 160)/10 = 68).
    const people: Person[] = [{ name: "甲", overall: [2, 4, 0, 4] }, { name: "乙" }];
    const a = run(people, { method: { democratic: { overall: { weight: 100 } } } });
    const l = a.leaders[0];
    // Per group D_g = (4 × 25 × 100 + 100 × 68) / 200 = 84; D = 84; F = 70 + 0.3 × 84 = 95.2.
    expect(l.democratic).toBe(84);
    expect(l.final).toBe(95.2);
    expect([l.excellentRate, l.competentRate, l.unfitRate]).toEqual([0.2, 0.6, 0.4]);
    // 3 × 12 不称职 = 36 > 30 and 3 × 18 = 54 < 60: both vote rules, on the overall rows' 30 votes.
    expect(l.grade).toBe("不称职");
    expect(l.flags.map((f) => f.code)).toEqual(["unfitVotes", "lowCompetentVotes"]);
    expect(l.explain.democratic.rateBasis).toBe("overall");
    expect(a.leaders[1].explain.democratic.rateBasis).toBe("pooled");
    // Weight 0 (the default): D from the dimensions only.
    expect(run(people).leaders[0].democratic).toBe(100);
  });
});

describe("the committee's decisions 组织决定 (docs/method.md §12)", () => {
  const D = ["姓名", "单位", "等次", "依据"];
  const people: Person[] = [
    { name: "甲", penalty: 1 },
    { name: "乙", penalty: 1 },
    { name: "丙", penalty: 3 },
    { name: "丁", penalty: 4 },
    { name: "戊", penalty: 41 },
  ];

  it("replaces the computed grade after every rule, flagged with the computed grade and 依据", () => {
    // 甲 and 乙 tie at rank 1 across the quota q = 1: both 称职 with quotaTie; the committee picks 甲.
    const a = run(people, {
      personal: [P, ["丁", "4公司", "诫勉", null]],
      method: {},
    });
    expect(a.leaders.slice(0, 2).map((l) => l.flags.map((f) => f.code))).toEqual([["quotaTie"], ["quotaTie"]]);
    const b = runWithDecisions(people, [
      D,
      ["甲", "1公司", "优秀", "2026年1月8日党委会研究决定"],
      ["戊", "5公司", "基本称职", ""],
    ]);
    const jia = b.leaders[0];
    expect([jia.grade, jia.rank, jia.status]).toEqual(["优秀", 1, "graded"]);
    expect(jia.flags.map((f) => f.code)).toEqual(["quotaTie", "committee"]);
    expect(jia.flags[1]).toEqual({
      code: "committee",
      message: "经组织研究确定为优秀（原为称职，2026年1月8日党委会研究决定）",
      cells: ["组织决定!A2"],
    });
    expect(jia.explain.grade).toMatchObject({ computed: "称职", final: "优秀", committee: { grade: "优秀" } });
    expect(b.leaders[1].grade).toBe("称职");
    expect(b.leaders[4].flags.map((f) => f.message)).toEqual(["经组织研究确定为基本称职（原为不称职）"]);
    expect(b.summary).toMatchObject({ excellent: 1, decided: 2 });
    expect(b.warnings.filter((w) => w.code === "decisionsOverQuota")).toEqual([]);
  });

  it("more 优秀 than the quota after the decisions still scores, with a warning at 组织决定", () => {
    const b = runWithDecisions(people, [D, ["甲", "1公司", "优秀", ""], ["乙", "2公司", "优秀", ""]]);
    expect(b.leaders.filter((l) => l.grade === "优秀").length).toBe(2);
    expect(b.warnings.filter((w) => w.code === "decisionsOverQuota")).toEqual([
      {
        severity: "warning",
        cell: "组织决定!A1",
        code: "decisionsOverQuota",
        message: "组织决定后优秀 2 名，超过优秀名额 1 名",
      },
    ]);
  });

  it("a bad decision is an error at its cell and nothing is scored", () => {
    const out = decide(people, [
      D,
      ["甲", "1公司", "良好", ""],
      ["己", "1公司", "称职", ""],
      ["乙", "2公司", "称职", ""],
      ["乙", "2 公司", "优秀", ""],
    ]);
    if (out.ok || out.kind !== "workbook") throw new Error("expected workbook errors");
    expect(out.errors.map((e) => `${e.cell} ${e.code}`)).toEqual([
      "组织决定!C2 unknownGrade",
      "组织决定!A3 unknownLeader",
      "组织决定!A5 duplicate",
    ]);
  });

  it("a decision for a leader who is pending or ungraded is an error at its 等次 cell", () => {
    const out = decide(people, [D, ["丁", "4公司", "称职", ""]], [P, ["丁", "4公司", "立案审查", null]]);
    if (out.ok || out.kind !== "workbook") throw new Error("expected workbook errors");
    expect(out.errors.map((e) => `${e.cell} ${e.code}`)).toEqual(["组织决定!C2 decisionNotGraded"]);
  });
});

function decide(people: Person[], decisions: CellValue[][], personal?: CellValue[][]) {
  return scoreBook({
    book: [...bookOf(people, personal), { name: "组织决定", rows: decisions }],
    method: { economic: { indicators: [{ name: "实现利润", weight: 1 }] } },
    today: "2025-12-31",
  });
}

function runWithDecisions(people: Person[], decisions: CellValue[][]) {
  const out = decide(people, decisions);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.assessment;
}
