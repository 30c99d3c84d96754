import { describe, expect, it } from "vitest";
import { educationLevel, fullYears, screenCandidate, titleLevel } from "../../src/engine/qualification";
import { defaultMethod } from "../../src/method/defaults";
import type { Candidate, QualValue, YMD } from "../../src/workbook/input";

// The product's defaults; the thresholds below are docs/method.md §6/§7's numbers written out (35, 本科, 5, 10,
// 中级, 3, 5, 良好/健康), so a changed default fails here as a changed rule does.
const q = defaultMethod().qualification;
const REF = "2025-06-30";
const ok = <T>(value: T): QualValue<T> => ({ status: "ok", value, cell: "资质审查!B2" });
const good: Candidate = {
  name: "郑一",
  unit: "一公司",
  cell: "资质审查!A2",
  birth: ok({ y: 1980, m: 7, d: 1 }),
  education: ok("大学本科"),
  major: ok("行政管理"),
  partyDate: ok({ y: 2005, m: 7, d: 1 }),
  workDate: ok({ y: 2002, m: 7, d: 1 }),
  title: ok("高级经济师"),
  departments: ok(3),
  postYears: ok(5),
  health: ok("健康"),
};

describe("full years at the reference date", () => {
  const ymd = (y: number, m: number, d: number): YMD => ({ y, m, d });
  it("counts a birthday on the reference date, not the day after", () => {
    expect(fullYears(ymd(1990, 6, 30), ymd(2025, 6, 30))).toBe(35);
    expect(fullYears(ymd(1990, 7, 1), ymd(2025, 6, 30))).toBe(34);
  });
  it("29 February: the year completes on 1 March in a common year", () => {
    expect(fullYears(ymd(1988, 2, 29), ymd(2023, 2, 28))).toBe(34);
    expect(fullYears(ymd(1988, 2, 29), ymd(2023, 3, 1))).toBe(35);
  });
});

describe("ladders", () => {
  it.each([
    ["博士研究生", 4],
    ["硕士", 3],
    ["研究生", 3],
    ["在职研究生", 3],
    ["大学本科", 2],
    ["本科", 2],
    ["大学专科", 1],
    ["大专", 1],
    ["中专", 0],
    ["高中", 0],
    ["初中", -1],
    ["未知学历", null],
  ])("education %s → %s", (t, l) => expect(educationLevel(t as string)).toBe(l));
  it.each([
    ["正高级工程师", 4],
    ["教授级高级工程师", 4],
    ["研究员", 4],
    ["高级经济师", 3],
    ["高级政工师", 3],
    ["副研究员", 3],
    ["工程师", 2],
    ["政工师", 2],
    ["会计师", 2],
    ["助理会计师", 1],
    ["助理研究员", 1],
    ["技术员", 1],
    ["无", null],
  ])("title %s → %s", (t, l) => expect(titleLevel(t as string)).toBe(l));
});

describe("screening a candidate (docs/method.md §6)", () => {
  it("符合 when every criterion is met", () => {
    const r = screenCandidate(good, q, REF);
    expect(r.result).toBe("符合");
    expect(r.checks.every((c) => c.status === "met")).toBe(true);
    expect(r.notices).toEqual([]);
  });
  it("不符合 names each unmet criterion with a reason", () => {
    const r = screenCandidate(
      { ...good, birth: ok({ y: 1990, m: 7, d: 1 }), departments: ok(2), health: ok("一般") },
      q,
      REF,
    );
    expect(r.result).toBe("不符合");
    expect(r.unmet.map((u) => u.criterion)).toEqual(["minAge", "minDepartments", "health"]);
    expect(r.unmet[0].reason).toContain("34");
  });
  it("待核实 when nothing is unmet but a value is missing or unreadable", () => {
    expect(screenCandidate({ ...good, workDate: { status: "missing", cell: "资质审查!G2" } }, q, REF).result).toBe(
      "待核实",
    );
    expect(screenCandidate({ ...good, title: ok("某某职称") }, q, REF).result).toBe("待核实");
    const both = screenCandidate({ ...good, title: ok("某某职称"), health: ok("较差") }, q, REF);
    expect(both.result).toBe("不符合");
    expect(both.unknown.map((u) => u.criterion)).toEqual(["minTitle"]);
  });
  it("a major outside 党政/管理 is a notice, never a failure", () => {
    const r = screenCandidate({ ...good, major: ok("机械制造") }, q, REF);
    expect(r.result).toBe("符合");
    expect(r.notices).toHaveLength(1);
  });
});

describe("each criterion's default threshold, on both sides (docs/method.md §6, reference date 2025-06-30)", () => {
  type Patch = Partial<Candidate>;
  const cases: [string, Patch, Patch, string][] = [
    // age ≥ 35 full years: the 35th birthday on the reference date counts, the day after it does not.
    ["minAge", { birth: ok({ y: 1990, m: 6, d: 30 }) }, { birth: ok({ y: 1990, m: 7, d: 1 }) }, "年满 35 周岁"],
    ["minEducation", { education: ok("本科") }, { education: ok("大专") }, "学历不低于本科"],
    [
      "minPartyYears",
      { partyDate: ok({ y: 2020, m: 6, d: 30 }) },
      { partyDate: ok({ y: 2020, m: 7, d: 1 }) },
      "党龄满 5 年",
    ],
    [
      "minWorkYears",
      { workDate: ok({ y: 2015, m: 6, d: 30 }) },
      { workDate: ok({ y: 2015, m: 7, d: 1 }) },
      "工龄满 10 年",
    ],
    ["minTitle", { title: ok("工程师") }, { title: ok("助理工程师") }, "职称不低于中级"],
    ["minDepartments", { departments: ok(3) }, { departments: ok(2) }, "部门经历不少于 3个"],
    ["minPostYears", { postYears: ok(5) }, { postYears: ok(4.99) }, "相关任职年限不少于 5年"],
    ["health", { health: ok("良好") }, { health: ok("基本健康") }, "健康状况为良好或健康"],
  ];
  it.each(cases)("%s: met at the threshold, unmet just below it", (criterion, at, below, required) => {
    const met = screenCandidate({ ...good, ...at }, q, REF);
    expect(met.result, JSON.stringify(met.unmet)).toBe("符合");
    const check = met.checks.find((c) => c.criterion === criterion)!;
    expect(check.status).toBe("met");
    expect(check.required).toBe(required);
    const un = screenCandidate({ ...good, ...below }, q, REF);
    expect(un.result).toBe("不符合");
    expect(un.unmet.map((u) => u.criterion)).toEqual([criterion]);
  });

  it("the years counted are full years, named in the reason", () => {
    const r = screenCandidate(
      {
        ...good,
        birth: ok({ y: 1990, m: 7, d: 1 }),
        partyDate: ok({ y: 2020, m: 7, d: 1 }),
        workDate: ok({ y: 2015, m: 7, d: 1 }),
        postYears: ok(4),
      },
      q,
      REF,
    );
    expect(r.unmet).toEqual([
      { criterion: "minAge", reason: "34 周岁，未满 35 周岁" },
      { criterion: "minPartyYears", reason: "党龄 4 年，不满 5 年" },
      { criterion: "minWorkYears", reason: "工龄 9 年，不满 10 年" },
      { criterion: "minPostYears", reason: "相关任职年限 4年，少于 5年" },
    ]);
  });

  it("eight years of work and four in qualifying posts are not enough", () => {
    const r = screenCandidate({ ...good, workDate: ok({ y: 2017, m: 1, d: 1 }), postYears: ok(4) }, q, REF);
    expect(r.unmet.map((u) => u.criterion)).toEqual(["minWorkYears", "minPostYears"]);
  });

  it.each([
    ["博士", "met"],
    ["硕士研究生", "met"],
    ["大学本科", "met"],
    ["大学专科", "unmet"],
    ["中专", "unmet"],
  ])("education %s is %s against 本科", (text, status) => {
    const r = screenCandidate({ ...good, education: ok(text) }, q, REF);
    expect(r.checks.find((c) => c.criterion === "minEducation")!.status).toBe(status);
  });

  it.each([
    ["正高级工程师", "met"],
    ["高级经济师", "met"],
    ["政工师", "met"],
    ["助理政工师", "unmet"],
    ["技术员", "unmet"],
  ])("title %s is %s against 中级", (text, status) => {
    const r = screenCandidate({ ...good, title: ok(text) }, q, REF);
    expect(r.checks.find((c) => c.criterion === "minTitle")!.status).toBe(status);
  });

  it.each([
    ["健康", "met"],
    ["良好", "met"],
    ["一般", "unmet"],
    ["较差", "unmet"],
  ])("health %s is %s", (text, status) => {
    const r = screenCandidate({ ...good, health: ok(text) }, q, REF);
    expect(r.checks.find((c) => c.criterion === "health")!.status).toBe(status);
  });

  it("a major with 党政 or 管理 in it is preferred; any other is a notice saying so", () => {
    for (const major of ["党政管理", "工商管理", "党政"]) {
      expect(screenCandidate({ ...good, major: ok(major) }, q, REF).notices).toEqual([]);
    }
    expect(screenCandidate({ ...good, major: ok("机械制造") }, q, REF).notices).toEqual([
      "专业“机械制造”不属于优先考虑的党政、管理类",
    ]);
  });

  it("the result carries the candidate's name, unit and cell, the unknown criteria and the notices", () => {
    const r = screenCandidate(
      { ...good, major: ok("机械制造"), postYears: { status: "missing", cell: "资质审查!J2" } },
      q,
      REF,
    );
    expect({ ...r, checks: r.checks.length }).toEqual({
      name: "郑一",
      unit: "一公司",
      cell: "资质审查!A2",
      result: "待核实",
      unmet: [],
      unknown: [{ criterion: "minPostYears", reason: "相关任职年限缺失，待核实" }],
      notices: ["专业“机械制造”不属于优先考虑的党政、管理类"],
      checks: 8,
    });
    expect(r.checks.find((c) => c.criterion === "minPostYears")).toMatchObject({
      status: "unknown",
      cell: "资质审查!J2",
      found: "（空）",
    });
  });
});
