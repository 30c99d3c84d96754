/**
 * Term results (任期考核): several years' 考核结果 brought together per leader — each year's 综合得分 and
 * 等次, the term score (the weighted mean of the years present, rounded as docs/method.md §5), the years
 * missing, and the flag `consecutiveLow` for two consecutive years at 基本称职 or below.
 *
 * Leaders are matched by 工号 where both years have one (from a 工号 column of 考核结果, else from the year's
 * 考核对象), otherwise by 姓名 + 单位 after the §1 normalization. A match that could mean two people is an
 * error naming both cells. Pure: the shells give the Grids.
 */
import { roundScore } from "../engine/round";
import type { ResultGrade } from "../engine/types";
import { cellText, isMissingMarker } from "../workbook/cells";
import { type Diagnostic, sortDiagnostics } from "../workbook/diagnostic";
import type { Grid } from "../workbook/grid";
import { columnSpec } from "../workbook/headers";
import { nameKeyOf as nameKey, valueKey } from "../workbook/keys";
import { type ResultRow, readResultRows } from "../workbook/read/results";
import { Diagnostics, openTable } from "../workbook/table";
import { uncachedIn } from "../workbook/uncached";

export interface TermYearInput {
  /** The year (from the file or sheet name), or the position when none is given. */
  year: number;
  /** The sheet of results: 考核结果 of the year's workbook, or 考核结果2024 of one workbook. */
  results: Grid;
  /** The year's 考核对象, to find 工号 when 考核结果 has none. */
  leaders?: Grid;
  /** Weight of the year in the term score. */
  weight: number;
}

export interface TermYear {
  year: number;
  final: number | null;
  grade: ResultGrade;
  cell: string;
}

export interface TermLeader {
  name: string;
  unit: string;
  employeeId: string | null;
  years: TermYear[];
  termScore: number | null;
  missingYears: number[];
  flags: { code: "consecutiveLow"; message: string }[];
}

export type TermOutcome =
  { ok: true; years: { year: number; weight: number }[]; leaders: TermLeader[] } | { ok: false; errors: Diagnostic[] };

const LOW: ReadonlySet<string> = new Set(["基本称职", "不称职"]);

/** 工号 by (姓名, 单位) from a 考核对象 sheet; names that repeat are left out (they cannot be told apart). */
function idsOf(grid: Grid): Map<string, string> {
  const diag = new Diagnostics();
  const table = openTable(grid, [columnSpec("姓名", true), columnSpec("单位", true), columnSpec("工号", true)], diag);
  const out = new Map<string, string>();
  if (!table) return out;
  const twice = new Set<string>();
  for (const r of table.map.dataRows) {
    const v = table.value(r, "工号");
    if (isMissingMarker(v)) continue;
    const k = `${nameKey(table.text(r, "姓名"))}\u0000${nameKey(table.text(r, "单位"))}`;
    if (out.has(k)) twice.add(k);
    out.set(k, cellText(v).trim());
  }
  for (const k of twice) out.delete(k);
  return out;
}

interface Person {
  name: string;
  unit: string;
  id: string | null;
  nu: string;
  byYear: Map<number, ResultRow>;
  firstCell: string;
}

export function termResults(input: readonly TermYearInput[]): TermOutcome {
  const diag = new Diagnostics();
  const people: Person[] = [];
  const byId = new Map<string, Person>();
  const byNu = new Map<string, Person[]>();
  const seenYears = new Set<number>();

  for (const y of input) {
    if (seenYears.has(y.year)) {
      diag.error(y.results.name, "duplicateYear", `年度 ${y.year} 出现了两次，请检查文件名或工作表名`);
      continue;
    }
    seenYears.add(y.year);
    // A formula saved without its result would read as a blank 综合得分 (workbook/uncached.ts).
    for (const g of y.leaders ? [y.results, y.leaders] : [y.results]) diag.errors.push(...uncachedIn(g));
    const rows = readResultRows(y.results, diag);
    const ids = y.leaders ? idsOf(y.leaders) : new Map<string, string>();
    const inYear = new Map<string, ResultRow>();
    for (const row of rows) {
      const nu = `${nameKey(row.name)}\u0000${nameKey(row.unit)}`;
      const id = row.employeeId ?? ids.get(nu) ?? null;
      const identity = id !== null ? `id:${valueKey(id)}` : `nu:${nu}`;
      const earlier = inYear.get(identity);
      if (earlier) {
        diag.error(
          row.cell,
          "ambiguous",
          `与 ${earlier.cell} 是同一${id !== null ? `工号「${id}」` : `姓名和单位（${row.name}，${row.unit}）`}，无法区分是哪一位；请加“工号”列区分`,
        );
        continue;
      }
      inYear.set(identity, row);
      let person: Person | undefined = id !== null ? byId.get(valueKey(id)) : undefined;
      if (!person) {
        // No 工号 match: by 姓名 + 单位, among those whose 工号 (if any) does not contradict this row's.
        const candidates = (byNu.get(nu) ?? []).filter((p) => id === null || p.id === null);
        if (candidates.length > 1) {
          diag.error(
            row.cell,
            "ambiguous",
            `「${row.name}」（${row.unit}）可能是 ${candidates.map((c) => c.firstCell).join(" 或 ")} 中的任一位；请加“工号”列区分`,
          );
          continue;
        }
        person = candidates[0];
      }
      if (person && person.byYear.has(y.year)) {
        diag.error(
          row.cell,
          "ambiguous",
          `与 ${person.byYear.get(y.year)!.cell} 对应同一人，无法区分；请加“工号”列区分`,
        );
        continue;
      }
      if (!person) {
        person = { name: row.name, unit: row.unit, id, nu, byYear: new Map(), firstCell: row.cell };
        people.push(person);
        const list = byNu.get(nu);
        if (list) list.push(person);
        else byNu.set(nu, [person]);
      }
      if (id !== null && person.id === null) person.id = id;
      if (person.id !== null) byId.set(valueKey(person.id), person);
      person.byYear.set(y.year, row);
    }
  }
  if (diag.errors.length > 0) {
    return {
      ok: false,
      errors: sortDiagnostics(
        diag.errors,
        input.map((y) => y.results.name),
      ),
    };
  }

  const years = input.map((y) => ({ year: y.year, weight: y.weight }));
  // The mean is the same for weights scaled alike: weights far from 1 (1e308, 1e-320) are scaled by the largest so
  // that their sums neither overflow nor vanish; ordinary weights are used as given, keeping every rounding.
  const largest = Math.max(0, ...input.map((y) => (Number.isFinite(y.weight) ? y.weight : 0)));
  const weightScale = largest > 1e6 || (largest > 0 && largest < 1e-6) ? largest : 1;
  const leaders = people.map((p): TermLeader => {
    const list: TermYear[] = [];
    const missingYears: number[] = [];
    let sw = 0;
    let swf = 0;
    for (const y of input) {
      const row = p.byYear.get(y.year);
      if (!row) {
        missingYears.push(y.year);
        continue;
      }
      list.push({ year: y.year, final: row.final, grade: row.grade, cell: row.cell });
      if (row.final !== null && y.weight > 0) {
        sw += y.weight / weightScale;
        swf += (y.weight / weightScale) * row.final;
      }
    }
    const flags: TermLeader["flags"] = [];
    for (let i = 0; i + 1 < input.length; i++) {
      const a = p.byYear.get(input[i].year);
      const b = p.byYear.get(input[i + 1].year);
      if (a && b && LOW.has(a.grade) && LOW.has(b.grade)) {
        flags.push({
          code: "consecutiveLow",
          message: `连续两年等次为基本称职及以下（${input[i].year}年${a.grade}，${input[i + 1].year}年${b.grade}）`,
        });
        break;
      }
    }
    return {
      name: p.name,
      unit: p.unit,
      employeeId: p.id,
      years: list,
      termScore: sw > 0 ? roundScore(swf / sw) : null,
      missingYears,
      flags,
    };
  });
  return { ok: true, years, leaders };
}

/** The year a file or sheet name carries (a 4-digit 19xx/20xx standing alone), or null. */
export function yearOf(name: string): number | null {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(name);
  return m ? Number(m[1]) : null;
}
