/**
 * A table page of the meeting set (需集体研究事项, 民主测评分项) laid out on a slide from its page's blocks, which
 * are in slide px already: the title and scope line natively at the slide's one title place, legend chips and
 * texts as shapes, the table as a native PowerPoint table (editable, with the same fills), the source line.
 */
import type { PageSpec, TableBlock } from "../../charts";
import type { Theme } from "../../charts/theme";
import type { SlideCanvas, TableRowCells } from "../draw";
import { drawHeader, drawSource } from "./frame";

/** The rows of a table block as native cells: header rows first, the header's fill and weight on them. */
export function tableRows(t: Theme, b: TableBlock): TableRowCells[] {
  return [
    ...b.header.map((row) =>
      row.map((c) => ({
        text: c.text,
        color: c.color ?? t.text,
        fill: c.fill ?? b.headerFill,
        bold: true,
        align: c.align ?? ("center" as const),
        span: c.span,
      })),
    ),
    ...b.rows.map((row) => {
      let col = 0;
      return row.map((c) => {
        const cell = {
          text: c.text,
          color: c.color ?? t.text,
          fill: c.fill ?? null,
          bold: c.bold ?? false,
          align: c.align ?? b.columns[col]?.align ?? ("left" as const),
          span: c.span,
        };
        col += Math.max(1, c.span ?? 1);
        return cell;
      });
    }),
  ];
}

/** The page on the slide; returns the number of native tables drawn (one). */
export function tablePage(c: SlideCanvas, t: Theme, page: PageSpec): number {
  drawHeader(c, t, page.title, page.subtitle);
  let tables = 0;
  for (const b of page.blocks) {
    if (b.role === "title" || b.role === "subtitle") continue;
    if (b.kind === "table") {
      c.table(
        b.x,
        b.y,
        b.columns.map((col) => col.width),
        b.rowHeight,
        tableRows(t, b),
        { size: b.size, border: b.border },
      );
      tables++;
    } else if (b.kind === "chip") {
      c.rect({ x: b.x, y: b.y, w: b.width, h: b.height }, b.fill, { color: b.border, width: 1 }, "roundRect");
    } else if (b.kind === "text" && b.role === "source") {
      drawSource(c, t, page.source);
    } else if (b.kind === "text") {
      c.text(
        { x: b.x, y: b.y, w: b.width, h: b.height + 4 },
        b.lines.map((l) => ({ text: l.text, size: l.size, color: l.color, bold: l.weight === "bold" })),
        { align: b.align, valign: "middle", wrap: false },
      );
    }
  }
  return tables;
}
