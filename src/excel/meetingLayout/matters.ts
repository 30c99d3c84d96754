/**
 * 需集体研究事项 on 会议图表: the table of src/charts/matters.ts — every leader whose grade a rule decided or who
 * needs the committee, with the rule, the facts, the effect and whether it is still open — as cells (values
 * at insertion).
 */
import { matterCells, matters, MATTERS_ALIGN, MATTERS_HEADERS } from "../../charts/matters";
import { defaultTheme } from "../../charts/theme";
import type { Assessment } from "../../engine/types";
import type { Cells } from "./cells";
import { writeTableBlock } from "./table";
import type { TablePlan } from "./types";

export const MATTERS_COLS = MATTERS_HEADERS.length;

export function mattersTable(cells: Cells, a: Assessment, left: number): TablePlan {
  const title = "00 需集体研究事项（插入时数值）";
  const range = writeTableBlock(
    cells,
    left,
    title,
    [MATTERS_HEADERS.map((text) => ({ text }))],
    matterCells(matters(a), defaultTheme()),
    { columns: MATTERS_ALIGN.map((align) => ({ align })) },
  );
  return { key: "matters", title, range, live: false };
}
