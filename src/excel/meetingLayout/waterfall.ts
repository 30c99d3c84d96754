/**
 * 优秀等次的确定 on 会议图表: the waterfall as a stacked column chart — an invisible base and the step on it — over
 * the steps written at insertion, each category named with its change (亏损限档 −2), as on the PNG.
 */
import { excellentWaterfall, type WaterfallStep } from "../../charts/decisions";
import { fileNameOf, type Frame } from "../../charts/frame";
import { stepColor, WATERFALL_NAME, WATERFALL_NUMBER } from "../../charts/waterfall";
import type { Assessment } from "../../engine/types";
import {
  BLOCK_ROWS,
  type Cells,
  chartTitle,
  column,
  onSheet,
  TABLE_DATA_ROW,
  tableFrame,
  type TableColumn,
} from "./cells";
import type { TablePlan, Unplaced } from "./types";

export const WATERFALL_COLS = 4;

export function stepName(s: WaterfallStep): string {
  if (s.key === "reached" || s.key === "excellent") return `${s.label} ${s.delta} 人`;
  return `${s.label} ${s.delta > 0 ? "+" : "−"}${Math.abs(s.delta)}`;
}

export function waterfallSteps(f: Frame, a: Assessment): WaterfallStep[] {
  return excellentWaterfall(a.leaders, a.summary.quota, f.bands).steps;
}

export function waterfallTable(cells: Cells, steps: readonly WaterfallStep[], left: number): TablePlan {
  const columns: TableColumn[] = [
    { header: "步骤", format: null, shown: steps.map(stepName) },
    { header: "起点", format: "0", shown: ["99"] },
    { header: "人数", format: "0", shown: ["99"] },
    {
      header: "人员",
      format: null,
      shown: steps.map((s) =>
        s.leaders
          .slice(0, 6)
          .map((l) => l.name)
          .join("、"),
      ),
    },
  ];
  const title = "优秀等次的确定（插入时数值）";
  const range = tableFrame(cells, left, title, columns, steps.length);
  steps.forEach((s, i) => {
    const row = TABLE_DATA_ROW + i;
    cells.set(row, left, stepName(s));
    cells.set(row, left + 1, Math.min(s.from, s.to));
    cells.set(row, left + 2, Math.abs(s.delta));
    cells.set(row, left + 3, s.leaders.map((l) => l.name).join("、"));
  });
  return { key: "decisions", title, range, live: false };
}

export function waterfallPlan(f: Frame, steps: readonly WaterfallStep[], left: number): Unplaced {
  const top = TABLE_DATA_ROW;
  const bottom = top + steps.length - 1;
  const x = onSheet(column(left, top, bottom));
  return {
    kind: "decisions",
    name: fileNameOf(WATERFALL_NUMBER, WATERFALL_NAME),
    title: chartTitle(f, WATERFALL_NAME, undefined, "（插入时数值）"),
    type: "ColumnStacked",
    series: [
      { name: "起点", values: onSheet(column(left + 1, top, bottom)), xValues: x, fill: null },
      {
        name: "人数",
        values: onSheet(column(left + 2, top, bottom)),
        xValues: x,
        pointFills: steps.map((s) => stepColor(f.theme, s)),
        dataLabels: { numberFormat: "0", position: "Center" },
      },
    ],
    categoryAxis: { title: null },
    valueAxis: { title: "人数", min: 0, numberFormat: "0" },
    legend: null,
    overlap: 100,
    gapWidth: 60,
    live: false,
    rows: BLOCK_ROWS,
  };
}
