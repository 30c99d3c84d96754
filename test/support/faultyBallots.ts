/**
 * Generated ballot cases (generateBallots.ts) with one fault docs/method.md §11 calls an error: an unknown 测评人类别,
 * a rating word that is not a category, a leader twice on one ballot, a leader not in 考核对象 on a ballot of a
 * unit with assessed leaders, a ballot whose rows disagree on 测评人类别, more ballots of a unit × group than its
 * 应到人数. `acceptedCells` finds where the error may point in the workbook written from the case: the faulty
 * ballot carries a unique 票号 (`mark`).
 */
import type ExcelJS from "exceljs";
import type { CaseBallot, CleanCase } from "./case";
import { generateBallotCase } from "./generateBallots";
import { mergeMethod } from "./oracle";
import { Rng } from "./prng";
import { TallyError, groupOf, tally } from "./tally";
import { normHeader, normName } from "./text";

export type BallotFault = "unknownGroup" | "badMark" | "leaderTwice" | "unknownLeader" | "groupsDisagree" | "overCount";
export const BALLOT_FAULTS: BallotFault[] = [
  "unknownGroup",
  "badMark",
  "leaderTwice",
  "unknownLeader",
  "groupsDisagree",
  "overCount",
];
/** Faults that only the long form can hold (one row per ballot × leader). */
const LONG_ONLY: BallotFault[] = ["leaderTwice", "unknownLeader", "groupsDisagree"];

export interface FaultyBallotCase {
  c: CleanCase;
  fault: BallotFault;
  /** The faulty ballot's 票号 (unique in the workbook). */
  mark: string;
  /** For badMark: the faulty word; for unknownGroup: the group word. */
  word?: string;
  /** For leaderTwice and unknownLeader: the 姓名 on the faulty line. */
  name?: string;
  /** For overCount: the 测评组织 row's unit and group word. */
  turnout?: { unit: string; group: string };
}

export function faultyBallotCase(seed: number, fault: BallotFault): FaultyBallotCase {
  const rng = new Rng(seed * 991 + BALLOT_FAULTS.indexOf(fault));
  const gen = (s: number) =>
    generateBallotCase(s, { maxLeaders: 10, ...(LONG_ONLY.includes(fault) ? { form: "long" } : {}) });
  let c = gen(seed);
  // rows that disagree on 测评人类别 need a ballot of two leaders: the next seeds until there is one
  for (
    let s = seed + 1000;
    fault === "groupsDisagree" && !c.ballots!.ballots.some((b) => b.lines.length >= 2);
    s += 1000
  )
    c = gen(s);
  const method = mergeMethod(c.method);
  const sheet = c.ballots!;
  const units = new Set(c.leaders.map((l) => normName(l.unit)));
  const own = sheet.ballots.filter((b) => units.has(normName(b.unit)) && b.lines.length > 0);
  const pool = fault === "groupsDisagree" ? own.filter((x) => x.lines.length >= 2) : own;
  const b = rng.pick(pool.length > 0 ? pool : own);
  const mark = `FX-${seed}${BALLOT_FAULTS.indexOf(fault)}`;
  const out: FaultyBallotCase = { c, fault, mark };
  const line = rng.pick(b.lines);
  if (fault === "unknownGroup") {
    b.group = out.word = rng.pick(["群众代表", "退休职工", "外部董事"]);
  } else if (fault === "badMark") {
    line.marks[rng.pick(sheet.items)] = out.word = rng.pick(["良好", "合格", "√", "A"]);
  } else if (fault === "leaderTwice") {
    b.lines.splice(rng.int(0, b.lines.length), 0, { name: line.name, marks: { ...line.marks } });
    out.name = line.name;
  } else if (fault === "unknownLeader") {
    const names = new Set(c.leaders.map((l) => normName(l.name)));
    out.name = rng.pick(["欧阳明远", "司马长风", "诸葛文斌", "上官海燕"].filter((n) => !names.has(normName(n))));
    b.lines.push({ name: out.name, marks: { ...line.marks } });
  } else if (fault === "groupsDisagree") {
    const other = method.democratic.groups.find((g) => g.name !== groupOf(method, b.group))!;
    let moved = b.lines.pop()!;
    if (b.lines.length === 0) {
      // a one-line ballot: a second line for the same ballot in another group would also be a leader twice
      b.lines.push(moved);
      moved = { name: moved.name, marks: { ...moved.marks } };
      const l = c.leaders.find(
        (x) => normName(x.unit) === normName(b.unit) && normName(x.name) !== normName(moved.name),
      );
      if (!l) throw new Error("no second leader in the unit");
      moved.name = l.name;
    }
    const split: CaseBallot = { unit: b.unit, no: mark, group: other.name, lines: [moved] };
    sheet.ballots.splice(sheet.ballots.indexOf(b) + 1, 0, split);
  } else {
    // one ballot more than 应到人数 of its unit × group
    const t = tally({ ...c, ballots: { ...sheet, turnout: undefined } });
    const g = groupOf(method, b.group)!;
    const n = t.counted.get(normName(b.unit))!.get(g)!;
    sheet.turnout = (sheet.turnout ?? []).filter(
      (r) => !(normName(r.unit) === normName(b.unit) && groupOf(method, r.group) === g),
    );
    sheet.turnout.push({ unit: b.unit, group: b.group, expected: n - 1 });
    out.turnout = { unit: b.unit, group: b.group };
  }
  b.no = mark;
  try {
    tally(c);
    throw new Error(`faultyBallotCase(${seed}, ${fault}): the tally accepts it`);
  } catch (e) {
    if (!(e instanceof TallyError)) throw e;
  }
  return out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v);
}

/** A sheet's header row (the first with all of `required`) and its columns by normalized header. */
function headerOf(ws: ExcelJS.Worksheet, required: string[]): { row: number; cols: Map<string, number[]> } {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const cols = new Map<string, number[]>();
    ws.getRow(r).eachCell((cell, n) => {
      const h = normHeader(cellText(cell.value));
      cols.set(h, [...(cols.get(h) ?? []), n]);
    });
    if (required.every((h) => cols.has(h))) return { row: r, cols };
  }
  throw new Error(`${ws.name}: no header with ${required.join(", ")}`);
}

/** Where the error may point, as `工作表!A1`. */
export function acceptedCells(wb: ExcelJS.Workbook, f: FaultyBallotCase): string[] {
  if (f.fault === "overCount") {
    const ws = wb.getWorksheet("测评组织")!;
    const h = headerOf(ws, ["单位", "测评人类别", "应到人数"]);
    const out: string[] = [];
    for (let r = h.row + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const unit = normName(cellText(row.getCell(h.cols.get("单位")![0]!).value));
      const group = normName(cellText(row.getCell(h.cols.get("测评人类别")![0]!).value));
      if (unit === normName(f.turnout!.unit) && group === normName(f.turnout!.group))
        out.push(`测评组织!${row.getCell(h.cols.get("应到人数")![0]!).address}`);
    }
    return out;
  }
  const ws = wb.getWorksheet("测评票")!;
  const wide = f.c.ballots!.form === "wide";
  const h = headerOf(ws, wide ? ["单位", "测评人类别"] : ["票号", "单位", "测评人类别", "姓名"]);
  const noCol = h.cols.get("票号")?.[0] ?? h.cols.get("序号")![0]!;
  const at = (r: number, col: number) => `测评票!${ws.getCell(r, col).address}`;
  const out: string[] = [];
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (cellText(row.getCell(noCol).value) !== f.mark) continue;
    let first = 0;
    row.eachCell((cell, n) => {
      if (!first && cellText(cell.value).trim() !== "") first = n;
    });
    const groupCol = h.cols.get("测评人类别")![0]!;
    if (f.fault === "unknownGroup" || f.fault === "groupsDisagree") out.push(at(r, groupCol));
    if (f.fault === "badMark")
      row.eachCell((cell, n) => {
        if (normName(cellText(cell.value)) === normName(f.word!)) out.push(at(r, n));
      });
    if (f.fault === "leaderTwice" || f.fault === "unknownLeader") {
      const nameCol = h.cols.get("姓名")![0]!;
      if (normName(cellText(row.getCell(nameCol).value)) === normName(f.name!)) {
        out.push(at(r, nameCol));
        // a leader twice: the row's first cell too (§1: a duplicate row's error is at its first cell)
        if (f.fault === "leaderTwice") out.push(at(r, first));
      }
    }
  }
  return [...new Set(out)];
}
