/**
 * A 考核结果 sheet as the product writes it (docs/method.md §8), read back for the term results (任期考核):
 * who, 综合得分 and 等次 per row. Forgiving about layout like every reader (title rows, columns in any order,
 * a 工号 column a user added), strict about values: a 综合得分 that is not a number, or a 等次 that is not one
 * of the grades, is an error at its cell.
 */
import { GRADES } from "../../method/schema";
import { PENDING_GRADE, type ResultGrade, UNGRADED_GRADE } from "../../engine/types";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import type { Grid } from "../grid";
import { columnSpec } from "../headers";
import { nameKeyOf as nameKey } from "../keys";
import { isBlank } from "../rows";
import { Diagnostics, openTable } from "../table";

export interface ResultRow {
  name: string;
  unit: string;
  employeeId: string | null;
  final: number | null;
  grade: ResultGrade;
  /** The row's first cell. */
  cell: string;
}

/** A final score is 0–100 plus at most 100 points of bonus, less penalties: past this it is not one (§4). */
const MAX_FINAL = 1000;

const RESULT_GRADES: readonly ResultGrade[] = [...GRADES, PENDING_GRADE, UNGRADED_GRADE];

export function readResultRows(grid: Grid, diag: Diagnostics): ResultRow[] {
  const table = openTable(
    grid,
    [
      columnSpec("姓名", true),
      columnSpec("单位", true),
      columnSpec("综合得分", true, ["最终得分", "考核得分"]),
      columnSpec("等次", true, ["考核等次", "评定等次"]),
      columnSpec("工号", false),
    ],
    diag,
  );
  if (!table) return [];
  const rows: ResultRow[] = [];
  for (const r of table.map.dataRows) {
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
    let bad = false;
    if (isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    if (isBlank(unit)) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const p = parseNumber(table.value(r, "综合得分"));
    let final: number | null = null;
    if (p.kind === "number" && Math.abs(p.value) <= MAX_FINAL) final = p.value;
    else if (p.kind === "number") {
      diag.error(
        table.cell(r, "综合得分"),
        "outOfRange",
        `综合得分${p.value}超出合理范围（绝对值不超过 ${MAX_FINAL}）`,
      );
      bad = true;
    } else if (p.kind === "invalid") {
      diag.error(table.cell(r, "综合得分"), "invalidNumber", `综合得分「${p.text}」不是有效的数字`);
      bad = true;
    }
    const gradeText = table.text(r, "等次");
    const grade = RESULT_GRADES.find((g) => g === nameKey(gradeText));
    if (grade === undefined) {
      diag.error(
        table.cell(r, "等次"),
        "unknownGrade",
        `等次「${gradeText}」无法识别，应为${RESULT_GRADES.join("、")}之一`,
      );
      bad = true;
    }
    if (bad || grade === undefined) continue;
    const id = table.value(r, "工号");
    rows.push({
      name,
      unit,
      employeeId: isMissingMarker(id) ? null : cellText(id).trim(),
      final,
      grade,
      cell: table.rowCell(r),
    });
  }
  return rows;
}
