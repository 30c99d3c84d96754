import { EDUCATION_LEVELS, TITLE_LEVELS } from "../method/schema";
import type { QualificationMethod } from "../method/types";
import type { Candidate, QualValue, YMD } from "../workbook/input";
import type { CriterionCheck, QualificationCriterion, QualificationResult } from "./types";

/** Full years from `from` to `at` (a birthday on the reference date counts; the day after does not). */
export function fullYears(from: YMD, at: YMD): number {
  let years = at.y - from.y;
  if (at.m < from.m || (at.m === from.m && at.d < from.d)) years--;
  return years;
}

export function parseIsoDate(s: string): YMD {
  const [y, m, d] = s.split("-").map(Number);
  return { y, m, d };
}

const fmtDate = (v: YMD) => `${v.y}-${String(v.m).padStart(2, "0")}-${String(v.d).padStart(2, "0")}`;

/**
 * Education on the ladder 中专/高中 (0) < 大专 (1) < 本科 (2) < 硕士 (3) < 博士 (4); −1 below it; null when
 * the text is not recognised. The most specific words are tested first: 大学专科 is 大专, not 本科.
 */
export function educationLevel(text: string): number | null {
  const t = text.replace(/\s/g, "");
  if (/博士/.test(t)) return 4;
  if (/硕士|研究生|MBA|EMBA|MPA/i.test(t)) return 3;
  if (/专科|大专|高职/.test(t)) return 1;
  if (/本科|学士|大学/.test(t)) return 2;
  if (/中专|中技|中职|高中|职高|技校/.test(t)) return 0;
  if (/初中|小学/.test(t)) return -1;
  return null;
}

/**
 * Professional title on 初级 (1) < 中级 (2) < 副高级 (3) < 正高级 (4); null when not recognised.
 * 助理… and …员 are 初级 (技术员), …师 中级 (工程师, 政工师, 讲师), 高级… 副高级, 正高级… 正高级; 研究员 and
 * 教授 are 正高级 and their 副 forms 副高级.
 */
export function titleLevel(text: string): number | null {
  const t = text.replace(/\s/g, "");
  if (t === "") return null;
  if (/^正高/.test(t) || /教授级/.test(t) || /^(研究员|教授|主任医师)$/.test(t)) return 4;
  if (/^助理/.test(t) || /^初级/.test(t)) return 1;
  if (/^副高/.test(t) || /高级/.test(t) || /^副(研究员|教授|主任医师)$/.test(t)) return 3;
  if (/^中级/.test(t) || /师$/.test(t)) return 2;
  if (/员$/.test(t)) return 1;
  return null;
}

type Check = Omit<CriterionCheck, "criterion" | "cell">;

interface YearsWording {
  /** The requirement, e.g. 党龄满 5 年. */
  required: string;
  /** The source field, e.g. 入党时间. */
  field: string;
  shortfall: (years: number) => string;
}

function dateYears(v: QualValue<YMD>, at: YMD, min: number, w: YearsWording): Check {
  const { required, field } = w;
  if (v.status === "missing") return { status: "unknown", required, found: "（空）", reason: `${field}缺失，待核实` };
  if (v.status === "unreadable")
    return { status: "unknown", required, found: v.raw, reason: `${field}“${v.raw}”无法识别，待核实` };
  const years = fullYears(v.value, at);
  const found = `${fmtDate(v.value)}（满 ${years} 年）`;
  return years >= min
    ? { status: "met", required, found, reason: "" }
    : { status: "unmet", required, found, reason: w.shortfall(years) };
}

const yearsOf = (what: string, field: string, min: number): YearsWording => ({
  required: `${what}满 ${min} 年`,
  field,
  shortfall: (y) => `${what} ${y} 年，不满 ${min} 年`,
});

function atLeast(v: QualValue<number>, min: number, what: string, unitWord: string): Check {
  const required = `${what}不少于 ${min}${unitWord}`;
  if (v.status === "missing") return { status: "unknown", required, found: "（空）", reason: `${what}缺失，待核实` };
  if (v.status === "unreadable")
    return { status: "unknown", required, found: v.raw, reason: `${what}“${v.raw}”无法识别，待核实` };
  const found = `${v.value}${unitWord}`;
  return v.value >= min
    ? { status: "met", required, found, reason: "" }
    : { status: "unmet", required, found, reason: `${what} ${v.value}${unitWord}，少于 ${min}${unitWord}` };
}

function ladder(
  v: QualValue<string>,
  level: (t: string) => number | null,
  minName: string,
  minLevel: number,
  what: string,
): Check {
  const required = `${what}不低于${minName}`;
  if (v.status === "missing") return { status: "unknown", required, found: "（空）", reason: `${what}缺失，待核实` };
  const raw = v.status === "ok" ? v.value : v.raw;
  const l = v.status === "ok" ? level(v.value) : null;
  if (l === null) return { status: "unknown", required, found: raw, reason: `${what}“${raw}”无法识别，待核实` };
  return l >= minLevel
    ? { status: "met", required, found: raw, reason: "" }
    : { status: "unmet", required, found: raw, reason: `${what}“${raw}”低于${minName}` };
}

/** docs/method.md §6 for one candidate at the reference date. */
export function screenCandidate(c: Candidate, m: QualificationMethod, referenceDate: string): QualificationResult {
  const at = parseIsoDate(referenceDate);
  const health = ((): Check => {
    const required = `健康状况为${m.health.join("或")}`;
    if (c.health.status === "missing")
      return { status: "unknown", required, found: "（空）", reason: "健康状况缺失，待核实" };
    const raw = c.health.status === "ok" ? c.health.value : c.health.raw;
    return m.health.some((h) => h.trim() === raw.trim())
      ? { status: "met", required, found: raw, reason: "" }
      : { status: "unmet", required, found: raw, reason: `健康状况为“${raw}”` };
  })();
  const minEdu = EDUCATION_LEVELS.indexOf(m.minEducation as (typeof EDUCATION_LEVELS)[number]);
  const minTitle = TITLE_LEVELS.indexOf(m.minTitle as (typeof TITLE_LEVELS)[number]) + 1;
  const age = dateYears(c.birth, at, m.minAge, {
    required: `年满 ${m.minAge} 周岁`,
    field: "出生日期",
    shortfall: (y) => `${y} 周岁，未满 ${m.minAge} 周岁`,
  });
  const entries: [QualificationCriterion, Check, string][] = [
    ["minAge", age, c.birth.cell],
    ["minEducation", ladder(c.education, educationLevel, m.minEducation, minEdu, "学历"), c.education.cell],
    [
      "minPartyYears",
      dateYears(c.partyDate, at, m.minPartyYears, yearsOf("党龄", "入党时间", m.minPartyYears)),
      c.partyDate.cell,
    ],
    [
      "minWorkYears",
      dateYears(c.workDate, at, m.minWorkYears, yearsOf("工龄", "参加工作时间", m.minWorkYears)),
      c.workDate.cell,
    ],
    ["minTitle", ladder(c.title, titleLevel, m.minTitle, minTitle, "职称"), c.title.cell],
    ["minDepartments", atLeast(c.departments, m.minDepartments, "部门经历", "个"), c.departments.cell],
    ["minPostYears", atLeast(c.postYears, m.minPostYears, "相关任职年限", "年"), c.postYears.cell],
    ["health", health, c.health.cell],
  ];
  const checks: CriterionCheck[] = entries.map(([criterion, ch, cell]) => ({ criterion, cell, ...ch }));
  const unmet = checks.filter((x) => x.status === "unmet").map((x) => ({ criterion: x.criterion, reason: x.reason }));
  const unknown = checks
    .filter((x) => x.status === "unknown")
    .map((x) => ({ criterion: x.criterion, reason: x.reason }));
  const notices: string[] = [];
  if (c.major.status === "ok" && !m.preferredMajors.some((p) => c.major.status === "ok" && c.major.value.includes(p))) {
    notices.push(`专业“${c.major.value}”不属于优先考虑的${m.preferredMajors.join("、")}类`);
  }
  return {
    name: c.name,
    unit: c.unit,
    cell: c.cell,
    result: unmet.length > 0 ? "不符合" : unknown.length > 0 ? "待核实" : "符合",
    unmet,
    unknown,
    notices,
    checks,
  };
}
