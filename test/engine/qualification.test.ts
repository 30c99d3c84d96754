import { describe, expect, it } from "vitest";
import { educationLevel, fullYears, screenCandidate, titleLevel } from "../../src/engine/qualification";
import { defaultMethod } from "../../src/method/defaults";
import type { Candidate, QualValue, YMD } from "../../src/workbook/input";

const q = defaultMethod().qualification;
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
    const r = screenCandidate(good, q, "2025-06-30");
    expect(r.result).toBe("符合");
    expect(r.checks.every((c) => c.status === "met")).toBe(true);
    expect(r.notices).toEqual([]);
  });
  it("不符合 names each unmet criterion with a reason", () => {
    const r = screenCandidate(
      { ...good, birth: ok({ y: 1990, m: 7, d: 1 }), departments: ok(2), health: ok("一般") },
      q,
      "2025-06-30",
    );
    expect(r.result).toBe("不符合");
    expect(r.unmet.map((u) => u.criterion)).toEqual(["minAge", "minDepartments", "health"]);
    expect(r.unmet[0].reason).toContain("34");
  });
  it("待核实 when nothing is unmet but a value is missing or unreadable", () => {
    expect(
      screenCandidate({ ...good, workDate: { status: "missing", cell: "资质审查!G2" } }, q, "2025-06-30").result,
    ).toBe("待核实");
    expect(screenCandidate({ ...good, title: ok("某某职称") }, q, "2025-06-30").result).toBe("待核实");
    const both = screenCandidate({ ...good, title: ok("某某职称"), health: ok("较差") }, q, "2025-06-30");
    expect(both.result).toBe("不符合");
    expect(both.unknown.map((u) => u.criterion)).toEqual(["minTitle"]);
  });
  it("a major outside 党政/管理 is a notice, never a failure", () => {
    const r = screenCandidate({ ...good, major: ok("机械制造") }, q, "2025-06-30");
    expect(r.result).toBe("符合");
    expect(r.notices).toHaveLength(1);
  });
});
