/** 等次分布 on 会议图表: COUNTIF over 考核结果's 等次 (live), a column per grade in its colour. */
import { DISTRIBUTION_NAME, DISTRIBUTION_NUMBER } from "../../charts/distribution";
import { fileNameOf, type Frame } from "../../charts/frame";
import type { Assessment } from "../../engine/types";
import { GRADE_COLORS, type GradeLabel } from "../../workbook/gradeColors";
import {
  absCol,
  BLOCK_ROWS,
  type Cells,
  chartTitle,
  column,
  onSheet,
  resultsColumn,
  TABLE_DATA_ROW,
  tableFrame,
  type TableColumn,
} from "./cells";
import type { TablePlan, Unplaced } from "./types";

export const DISTRIBUTION_COLS = 2;

export function distributionTable(cells: Cells, a: Assessment, grades: readonly GradeLabel[], left: number): TablePlan {
  const n = a.leaders.length;
  const columns: TableColumn[] = [
    { header: "等次", format: null, shown: [...grades] },
    { header: "人数", format: "0", shown: [String(n)] },
  ];
  const title = "等次分布（公式）";
  const range = tableFrame(cells, left, title, columns, grades.length);
  grades.forEach((grade, i) => {
    const row = TABLE_DATA_ROW + i;
    cells.set(row, left, grade);
    cells.style({ top: row, bottom: row, left, right: left }, { fill: GRADE_COLORS[grade] });
    cells.formula(row, left + 1, `=COUNTIF(${resultsColumn("等次", n)},${absCol(row, left)})`);
  });
  return { key: "distribution", title, range, live: true };
}

export function distributionPlan(f: Frame, grades: readonly GradeLabel[], left: number): Unplaced {
  const top = TABLE_DATA_ROW;
  const bottom = top + grades.length - 1;
  return {
    kind: "distribution",
    name: fileNameOf(DISTRIBUTION_NUMBER, DISTRIBUTION_NAME),
    title: chartTitle(f, DISTRIBUTION_NAME),
    type: "ColumnClustered",
    series: [
      {
        name: "人数",
        values: onSheet(column(left + 1, top, bottom)),
        xValues: onSheet(column(left, top, bottom)),
        pointFills: grades.map((g) => GRADE_COLORS[g]),
        line: "#6B7280",
        dataLabels: { numberFormat: "0", position: "OutsideEnd" },
      },
    ],
    categoryAxis: { title: "等次" },
    valueAxis: { title: "人数", min: 0, numberFormat: "0" },
    legend: null,
    gapWidth: 60,
    live: true,
    rows: BLOCK_ROWS,
  };
}
