/**
 * 民主测评分项 on 会议图表: the table of src/charts/heatmap.ts — every leader's dimension, evaluator-group and D
 * scores with their heat fills — written as cells (values at insertion: 考核结果 has no per-dimension scores).
 */
import { type ChartOptions, heatmapPages, type TableBlock } from "../../charts";
import type { Assessment } from "../../engine/types";
import type { Cells } from "./cells";
import { writeTableBlock } from "./table";
import type { TablePlan } from "./types";

/** The table blocks of every page: the header once, the leaders of every page, the means once. */
export function heatmapRows(a: Assessment, opts: ChartOptions) {
  const blocks = heatmapPages(a, opts).map((p) => p.blocks.find((b) => b.kind === "table") as TableBlock);
  const first = blocks[0];
  const body = blocks.flatMap((b) => b.rows.slice(0, -1));
  return { block: first, header: first.header, body: [...body, first.rows[first.rows.length - 1]] };
}

export function heatmapColumns(a: Assessment, opts: ChartOptions): number {
  return heatmapRows(a, opts).block.columns.length;
}

export function heatmapTable(cells: Cells, a: Assessment, opts: ChartOptions, left: number): TablePlan {
  const { block, header, body } = heatmapRows(a, opts);
  const title = "04 民主测评分项（插入时数值；颜色为与全体平均的差距）";
  const range = writeTableBlock(cells, left, title, header, body, block);
  return { key: "heatmap", title, range, live: false };
}
