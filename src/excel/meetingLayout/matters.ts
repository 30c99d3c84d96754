/**
 * 需集体研究事项 on 会议图表: the table of src/charts/matters.ts — every leader whose grade a rule decided or who
 * needs the committee, with the rule, the facts, the effect and whether it is still open — as cells (values
 * at insertion).
 */
import { type ChartOptions, mattersPages, type TableBlock } from "../../charts";
import type { Assessment } from "../../engine/types";
import type { Cells } from "./cells";
import { writeTableBlock } from "./table";
import type { TablePlan } from "./types";

export function mattersColumns(a: Assessment, opts: ChartOptions): number {
  const [page] = mattersPages(a, opts);
  return (page.blocks.find((b) => b.kind === "table") as TableBlock).columns.length;
}

export function mattersTable(cells: Cells, a: Assessment, opts: ChartOptions, left: number): TablePlan {
  const blocks = mattersPages(a, opts).map((p) => p.blocks.find((b) => b.kind === "table") as TableBlock);
  const title = "00 需集体研究事项（插入时数值）";
  const range = writeTableBlock(
    cells,
    left,
    title,
    blocks[0].header,
    blocks.flatMap((b) => b.rows),
    blocks[0],
  );
  return { key: "matters", title, range, live: false };
}
