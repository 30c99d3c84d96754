/**
 * A table page of the meeting set (需集体研究事项, 民主测评分项) written as cells of 会议图表: the header rows, the
 * body with each cell's fill and weight, widths to fit. Spanning header cells carry their text in their first
 * column, their fill across the span (the layout has no merged cells).
 */
import type { BlockCell } from "../../charts/types";
import { RESULT_HEADER_FILL } from "../../workbook/layout";
import { displayWidth } from "../../workbook/textWidth";
import { type Cells, TABLE_HEADER_ROW, TABLE_TITLE_ROW } from "./cells";

/** Writes the rows at `left` under `title`; returns the range from the first header row to the last row. */
export function writeTableBlock(
  cells: Cells,
  left: number,
  title: string,
  header: readonly BlockCell[][],
  body: readonly BlockCell[][],
  block: { columns: readonly { align: "left" | "center" | "right" }[] },
): { top: number; bottom: number; left: number; right: number } {
  cells.set(TABLE_TITLE_ROW, left, title);
  cells.style({ top: TABLE_TITLE_ROW, bottom: TABLE_TITLE_ROW, left, right: left }, { bold: true });
  const width = block.columns.length;
  const widths = block.columns.map(() => 6);
  const rows = [...header.map((r) => ({ r, head: true })), ...body.map((r) => ({ r, head: false }))];
  rows.forEach(({ r, head }, k) => {
    const row = TABLE_HEADER_ROW + k;
    let col = 0;
    for (const cell of r) {
      const span = Math.max(1, cell.span ?? 1);
      const numeric = !head && /^-?\d+(\.\d+)?$/.test(cell.text) && col > 0;
      cells.set(row, left + col, numeric ? Number(cell.text) : cell.text === "" ? null : cell.text);
      const fill = cell.fill ?? (head ? RESULT_HEADER_FILL : null);
      const style = {
        ...(fill ? { fill } : {}),
        ...(head || cell.bold ? { bold: true } : {}),
        ...(cell.color && cell.color !== "#1F2937" ? { fontColor: cell.color } : {}),
        horizontalAlignment: (cell.align ?? (head ? "center" : (block.columns[col]?.align ?? "left"))) as
          "left" | "center" | "right",
      };
      cells.style({ top: row, bottom: row, left: left + col, right: left + col + span - 1 }, style);
      if (span === 1) widths[col] = Math.max(widths[col], Math.min(48, displayWidth(cell.text) + 2));
      col += span;
    }
  });
  widths.forEach((w, i) => cells.widths.set(left + i, Math.ceil(w * 4) / 4));
  return { top: TABLE_HEADER_ROW, bottom: TABLE_HEADER_ROW + rows.length - 1, left, right: left + width - 1 };
}
