/**
 * 工作业绩 × 民主测评 on 会议图表: X bound to 考核结果's 工作业绩 column itself, Y per grade to the per-row table's
 * formulas over its 民主测评 column (live); a marker per grade as on the PNG. The iso-lines of F are drawn by
 * the pictures mode and the deck.
 */
import { fileNameOf, type Frame } from "../../charts/frame";
import { axisRange, QUADRANT_NAME, QUADRANT_NUMBER } from "../../charts/quadrant";
import { shade } from "../../charts/theme";
import type { Assessment } from "../../engine/types";
import { GRADE_COLORS } from "../../workbook/gradeColors";
import { resultColumn } from "../../workbook/layout";
import { BLOCK_ROWS, chartTitle, column, GRADES, onSheet, RESULTS, TABLE_DATA_ROW } from "./cells";
import { ROWS_TABLE } from "./rows";
import type { ExcelMarker, SheetRange, Unplaced } from "./types";

/** Excel's marker per grade: the shapes of the Chart.js scatter (GRADE_POINT_STYLE), so it reads in grey. */
const GRADE_MARKER: Readonly<Record<(typeof GRADES)[number], ExcelMarker>> = {
  优秀: "Triangle",
  称职: "Circle",
  基本称职: "Square",
  不称职: "X",
};

export function quadrantPlan(f: Frame, a: Assessment, rowsLeft: number): Unplaced | null {
  const n = a.leaders.length;
  if (n === 0) return null;
  const plotted = a.leaders.filter((l) => l.work !== null && l.democratic !== null);
  const xr = axisRange(plotted.map((l) => l.work as number));
  const yr = axisRange(plotted.map((l) => l.democratic as number));
  const x: SheetRange = { sheet: RESULTS, range: column(resultColumn("工作业绩"), 1, n) };
  return {
    kind: "quadrant",
    name: fileNameOf(QUADRANT_NUMBER, QUADRANT_NAME),
    title: chartTitle(f, QUADRANT_NAME),
    type: "XYScatter",
    series: GRADES.map((g, i) => ({
      name: g,
      values: onSheet(column(rowsLeft + ROWS_TABLE.series + i, TABLE_DATA_ROW, TABLE_DATA_ROW + n - 1)),
      xValues: x,
      marker: { style: GRADE_MARKER[g], fill: GRADE_COLORS[g], border: shade(GRADE_COLORS[g], 0.6), size: 8 },
    })),
    categoryAxis: { title: "工作业绩", min: xr.min, max: xr.max, majorUnit: xr.stepSize, numberFormat: "0" },
    valueAxis: { title: "民主测评", min: yr.min, max: yr.max, majorUnit: yr.stepSize, numberFormat: "0" },
    legend: "Top",
    live: true,
    rows: BLOCK_ROWS,
  };
}
