/**
 * The table behind 综合得分排名 and 工作业绩 × 民主测评 (formulas, live): per data row of 考核结果, its sort key
 * (the count of smaller ranks plus the tie's occurrence so far) and, per grade, the row's 民主测评 where the
 * row has that grade, else #N/A (which a scatter does not plot).
 */
import type { Assessment } from "../../engine/types";
import {
  abs,
  absCol,
  type Cells,
  GRADES,
  lit,
  rc,
  resultCell,
  resultsColumn,
  resultsRef,
  TABLE_DATA_ROW,
  tableFrame,
  type TableColumn,
} from "./cells";
import type { TablePlan } from "./types";

/** Columns of the per-row table (one row per data row of 考核结果), relative to its left. */
export const ROWS_TABLE = { row: 0, name: 1, key: 2, series: 3 } as const;
export const ROWS_COLS = 3 + GRADES.length;

export function rowsTable(cells: Cells, a: Assessment, left: number): TablePlan {
  const n = a.leaders.length;
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  const columns: TableColumn[] = [
    { header: "考核结果行", format: "0", shown: [String(n + 1)] },
    { header: "姓名", format: null, shown: leaders.map((l) => l.name) },
    { header: "排序键", format: "0", shown: [String(n)] },
    ...GRADES.map((g) => ({ header: `民主测评·${g}`, format: "0.00", shown: ["#N/A", "100.00"], series: true })),
  ];
  const title = "按考核结果各行：排序键与散点图数据（公式）";
  const range = tableFrame(cells, left, title, columns, n);
  leaders.forEach((_, i) => {
    const row = TABLE_DATA_ROW + i;
    const r = i + 1; // the 考核结果 row, 0-based
    cells.set(row, left + ROWS_TABLE.row, r + 1);
    cells.formula(row, left + ROWS_TABLE.name, `=IF(${resultCell("姓名", r)}="","",${resultCell("姓名", r)})`);
    const rank = resultCell("排名", r);
    cells.formula(
      row,
      left + ROWS_TABLE.key,
      `=IF(ISNUMBER(${rank}),COUNTIF(${resultsColumn("排名", n)},"<"&${rank})+COUNTIF(${resultsRef}${abs(1, rc("排名"))}:${absCol(r, rc("排名"))},${rank}),"")`,
    );
    GRADES.forEach((g, k) => {
      const d = resultCell("民主测评", r);
      cells.formula(
        row,
        left + ROWS_TABLE.series + k,
        `=IF(AND(${resultCell("等次", r)}=${lit(g)},ISNUMBER(${resultCell("工作业绩", r)}),ISNUMBER(${d})),${d},NA())`,
      );
    });
  });
  return { key: "rows", title, range, live: true };
}
