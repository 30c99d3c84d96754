/**
 * 民主测评分项 on 会议图表: the table of src/charts/heatmap.ts — every leader's dimension, evaluator-group and D
 * scores with their heat fills — written as cells (values at insertion: 考核结果 has no per-dimension scores).
 */
import { leadersInRankOrder } from "../../charts/data";
import { heatColumns, heatmapCells, heatStep } from "../../charts/heatmap";
import { defaultTheme } from "../../charts/theme";
import type { Assessment } from "../../engine/types";
import type { Cells } from "./cells";
import { writeTableBlock } from "./table";
import type { TablePlan } from "./types";

/** Header, every leader in rank order (those without a grade last), the means. */
export function heatmapRows(a: Assessment) {
  const leaders = leadersInRankOrder(a);
  const step = heatStep(heatColumns(a, leaders));
  const { header, rows } = heatmapCells(a, leaders, defaultTheme(), step);
  const columns = header[1].map((_, i) => ({ align: (i === 1 || i === 2 ? "left" : "center") as "left" | "center" }));
  return { header, body: rows, columns };
}

export function heatmapColumns(a: Assessment): number {
  return heatmapRows(a).columns.length;
}

export function heatmapTable(cells: Cells, a: Assessment, left: number): TablePlan {
  const { header, body, columns } = heatmapRows(a);
  const title = "04 民主测评分项（插入时数值；颜色为与全体平均的差距）";
  const range = writeTableBlock(cells, left, title, header, body, { columns });
  return { key: "heatmap", title, range, live: false };
}
