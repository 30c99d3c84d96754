/**
 * Generated cases with one faulty 组织决定 row (docs/method.md §12): a 等次 that is not one of the method's grades, a
 * person who is not in 考核对象, a second decision for a leader, a decision for a leader who is not graded
 * (pending or ungraded, §4, §10.2). Each is an error at a cell of that row; `cellsOf` finds the row's cells in
 * the workbook the random-layout writer made of the case (the row is the one whose 依据 is `mark`).
 */
import type ExcelJS from "exceljs";
import type { CaseDecision, CleanCase } from "./case";
import { generateCase } from "./generate";
import { gradeOf, mergeMethod, oracleDetails } from "./oracle";
import { Rng } from "./prng";
import { normHeader, normName } from "./text";

export type DecisionFault = "unknownGrade" | "unknownLeader" | "duplicate" | "notGraded";
export const DECISION_FAULTS: DecisionFault[] = ["unknownGrade", "unknownLeader", "duplicate", "notGraded"];

const NOT_GRADES = ["良好", "合格", "优", "较好", "不合格", "优秀等次", "称 职 以上"];
const STRANGERS = ["欧阳明远", "司马长风", "诸葛文斌", "上官海燕", "皇甫立新"];

export interface FaultyDecisionCase {
  c: CleanCase;
  fault: DecisionFault;
  /** The 依据 of the faulty row (unique in the workbook): how `cellsOf` finds it. */
  mark: string;
  /** The faulty row. */
  row: CaseDecision;
}

/** A valid §10/§12 case (seed) with one faulty 组织决定 row inserted at random. */
export function faultyDecisionCase(seed: number, fault: DecisionFault): FaultyDecisionCase {
  const c = generateCase(seed, { section10: true, section12: true, maxLeaders: 12, qualification: false });
  const rng = new Rng(seed * 983 + DECISION_FAULTS.indexOf(fault));
  const method = mergeMethod(c.method);
  const rows = c.decisions ?? [];
  const sameLeader = (d: CaseDecision, l: CleanCase["leaders"][number]) =>
    d.id && l.id ? d.id === l.id : normName(d.name) === normName(l.name) && normName(d.unit) === normName(l.unit);
  let det = oracleDetails(c);
  if (fault === "notGraded" && !det.leaders.some((x) => x.status !== "graded")) {
    // make a leader without a decision pending (立案审查, §10.2)
    const free = c.leaders.filter((l) => !rows.some((d) => sameLeader(d, l)));
    const l = rng.pick(free.length > 0 ? free : c.leaders);
    c.decisions = rows.filter((d) => !sameLeader(d, l));
    c.personal = [
      ...(c.personal ?? []),
      { name: l.name, unit: l.unit, kind: "立案审查", ...(l.id ? { id: l.id } : {}) },
    ];
    det = oracleDetails(c);
  }
  const decisions = c.decisions ?? [];
  const graded = det.leaders.filter((x) => x.status === "graded").map((x) => c.leaders[x.index]!);
  const mark = `党委会研究决定（第${seed}${DECISION_FAULTS.indexOf(fault)}号）`;
  const grades = method.grades.bands.map((b) => b.grade);
  const of = (l: CleanCase["leaders"][number], grade: string): CaseDecision => ({
    name: l.name,
    unit: l.unit,
    ...(l.id ? { id: l.id } : {}),
    grade,
    basis: mark,
  });
  let row: CaseDecision;
  let at = rng.int(0, decisions.length);
  if (fault === "unknownGrade") {
    row = of(rng.pick(graded.filter((l) => !decisions.some((d) => sameLeader(d, l)))), rng.pick(NOT_GRADES));
    if (gradeOf(method, row.grade)) throw new Error("a grade of the method");
  } else if (fault === "unknownLeader") {
    const names = new Set(c.leaders.map((x) => normName(x.name)));
    const l = rng.pick(c.leaders);
    row = { ...of(l, rng.pick(grades)), name: rng.pick(STRANGERS.filter((n) => !names.has(normName(n)))) };
    if (l.id) row.id = `X${seed}${rng.int(100, 999)}`; // nobody's 工号 either
  } else if (fault === "duplicate") {
    let first = decisions.find((d) => graded.some((l) => sameLeader(d, l)));
    if (!first) {
      first = { ...of(rng.pick(graded), rng.pick(grades)), basis: "2026年1月8日党委会研究决定" };
      decisions.splice(rng.int(0, decisions.length), 0, first);
    }
    const l = graded.find((x) => sameLeader(first, x))!;
    row = of(l, rng.pick(grades));
    at = rng.int(decisions.indexOf(first) + 1, decisions.length); // after the first decision
  } else {
    const l = c.leaders[rng.pick(det.leaders.filter((x) => x.status !== "graded")).index]!;
    row = of(l, rng.pick(grades));
  }
  decisions.splice(at, 0, row);
  c.decisions = decisions;
  return { c, fault, mark, row };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v);
}

const GRADE_HEADS = ["等次", "决定等次", "确定等次"];

export interface FaultyCells {
  name: string;
  grade: string;
  /** The 工号 cell, when the sheet has that column. */
  id: string | null;
  /** The row's first non-empty cell (§1: where a duplicate row's error points). */
  first: string;
}

/**
 * Where the error may point (docs/method.md §12 says "at the cell"): the 等次 cell for a grade that is not one; the
 * 姓名 or 工号 cell for a person not assessed; the row's first cell (§1, a duplicate row) or its 姓名 cell for a
 * second decision; the 等次 or 姓名 cell for a leader who is not graded.
 */
export function acceptedCells(f: FaultyDecisionCase, cells: FaultyCells): string[] {
  if (f.fault === "unknownGrade") return [cells.grade];
  if (f.fault === "unknownLeader") return cells.id ? [cells.name, cells.id] : [cells.name];
  if (f.fault === "duplicate") return [cells.first, cells.name];
  return [cells.grade, cells.name];
}

/** The faulty row's cells in the workbook written from the case. */
export function cellsOf(wb: ExcelJS.Workbook, f: FaultyDecisionCase): FaultyCells {
  const ws = wb.getWorksheet("组织决定");
  if (!ws) throw new Error("no sheet 组织决定");
  let header: ExcelJS.Row | undefined;
  let row: ExcelJS.Row | undefined;
  ws.eachRow((r) => {
    const texts: string[] = [];
    r.eachCell((cell) => void texts.push(cellText(cell.value)));
    if (!header && texts.some((t) => normHeader(t) === "姓名")) header = r;
    if (texts.includes(f.mark)) row = r;
  });
  if (!header || !row) throw new Error("the faulty row or the header is not in 组织决定");
  const col = (heads: string[]): number => {
    let found = 0;
    header!.eachCell((cell, n) => {
      if (heads.includes(normHeader(cellText(cell.value)))) found = n;
    });
    return found;
  };
  let first = 0;
  row.eachCell((cell, n) => {
    if (!first && cellText(cell.value).trim() !== "") first = n;
  });
  const a1 = (n: number) => `组织决定!${ws.getCell(row!.number, n).address}`;
  const id = col(["工号"]);
  return { name: a1(col(["姓名"])), grade: a1(col(GRADE_HEADS)), id: id ? a1(id) : null, first: a1(first) };
}
