/**
 * Paints a PageSpec (a 个人考核画像, a page of radar small multiples) on a 2-D context the renderer supplies —
 * a browser canvas in the pane, @napi-rs/canvas in Node. Charts are rendered by the renderer (each into its
 * own canvas, by Chart.js) and handed in as images. Render-time code: nothing here runs while building.
 */
import { cssFont } from "./theme";
import { ellipsize, wrapText } from "./text";
import type { BlockCell, ChartBlock, ChipBlock, PageBlock, PageSpec, TableBlock, TextBlock } from "./types";

/** The part of CanvasRenderingContext2D the painter uses; browsers' and @napi-rs/canvas's contexts have it. */
export interface Painter<Image> {
  save(): void;
  restore(): void;
  scale(x: number, y: number): void;
  font: string;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  beginPath(): void;
  closePath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void;
  fill(): void;
  stroke(): void;
  drawImage(image: Image, dx: number, dy: number, dw: number, dh: number): void;
}

/**
 * Paints the page at 1× coordinates; call `ctx.scale(s, s)` first for an s× image. `chartImage` gives the
 * rendered chart of a chart block, at any resolution (drawn into the block's rectangle).
 */
export function paintPage<Image>(ctx: Painter<Image>, page: PageSpec, chartImage: (block: ChartBlock) => Image): void {
  ctx.save();
  ctx.fillStyle = page.background;
  ctx.fillRect(0, 0, page.width, page.height);
  for (const block of page.blocks) paintBlock(ctx, page, block, chartImage);
  ctx.restore();
}

function paintBlock<Image>(
  ctx: Painter<Image>,
  page: PageSpec,
  block: PageBlock,
  chartImage: (block: ChartBlock) => Image,
): void {
  switch (block.kind) {
    case "chart":
      ctx.drawImage(chartImage(block), block.x, block.y, block.width, block.height);
      return;
    case "text":
      paintText(ctx, page, block);
      return;
    case "chip":
      paintChip(ctx, page, block);
      return;
    case "table":
      paintTable(ctx, page, block);
      return;
    case "rule":
      ctx.save();
      ctx.strokeStyle = block.color;
      ctx.lineWidth = block.lineWidth;
      ctx.beginPath();
      ctx.moveTo(block.x, block.y);
      ctx.lineTo(block.x + block.width, block.y + block.height);
      ctx.stroke();
      ctx.restore();
      return;
  }
}

/** Wrapped lines of a text block, as painted (exported for tests and for renderers that lay text out). */
export function layoutText(
  block: TextBlock,
  measure: (text: string, size: number, weight: "normal" | "bold") => number,
): { text: string; size: number; weight: "normal" | "bold"; color: string; y: number; height: number }[] {
  const out: { text: string; size: number; weight: "normal" | "bold"; color: string; y: number; height: number }[] = [];
  let y = block.y;
  for (const line of block.lines) {
    const weight = line.weight ?? "normal";
    const height = Math.round(line.size * 1.4);
    y += line.gap ?? 0;
    const parts = wrapText(line.text, block.width, (s) => measure(s, line.size, weight));
    for (const text of parts) {
      if (y + height > block.y + block.height + 0.5) {
        // Out of room: the last painted line ends in "…".
        const prev = out[out.length - 1];
        if (prev) prev.text = ellipsize(`${prev.text}…`, block.width, (s) => measure(s, prev.size, prev.weight));
        return out;
      }
      out.push({ text, size: line.size, weight, color: line.color, y, height });
      y += height;
    }
  }
  return out;
}

function paintText<Image>(ctx: Painter<Image>, page: PageSpec, block: TextBlock): void {
  const measure = (s: string, size: number, weight: "normal" | "bold") => {
    ctx.font = cssFont(page.theme, size, weight);
    return ctx.measureText(s).width;
  };
  ctx.save();
  const lines = layoutText(block, measure);
  ctx.textBaseline = "middle";
  ctx.textAlign = block.align;
  const x =
    block.align === "left" ? block.x : block.align === "right" ? block.x + block.width : block.x + block.width / 2;
  for (const l of lines) {
    ctx.font = cssFont(page.theme, l.size, l.weight);
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, x, l.y + l.height / 2);
  }
  ctx.restore();
}

function paintChip<Image>(ctx: Painter<Image>, page: PageSpec, b: ChipBlock): void {
  const r = Math.min(b.height / 2, 10);
  ctx.save();
  ctx.beginPath();
  ctx.moveTo(b.x + r, b.y);
  ctx.arcTo(b.x + b.width, b.y, b.x + b.width, b.y + b.height, r);
  ctx.arcTo(b.x + b.width, b.y + b.height, b.x, b.y + b.height, r);
  ctx.arcTo(b.x, b.y + b.height, b.x, b.y, r);
  ctx.arcTo(b.x, b.y, b.x + b.width, b.y, r);
  ctx.closePath();
  ctx.fillStyle = b.fill;
  ctx.fill();
  ctx.strokeStyle = b.border;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.font = cssFont(page.theme, b.size, "bold");
  ctx.fillStyle = b.color;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(b.text, b.x + b.width / 2, b.y + b.height / 2 + 1);
  ctx.restore();
}

/** The cells of a table block with their rectangles (header rows first), as painted. */
export function tableCells(b: TableBlock): {
  row: number;
  header: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  cell: BlockCell;
  align: "left" | "center" | "right";
}[] {
  const out: ReturnType<typeof tableCells> = [];
  const lefts: number[] = [];
  let x = b.x;
  for (const c of b.columns) {
    lefts.push(x);
    x += c.width;
  }
  const rows = [...b.header.map((r) => ({ r, header: true })), ...b.rows.map((r) => ({ r, header: false }))];
  rows.forEach(({ r, header }, k) => {
    const y = b.y + k * b.rowHeight;
    let col = 0;
    for (const cell of r) {
      const span = Math.max(1, cell.span ?? 1);
      const w = b.columns.slice(col, col + span).reduce((s, c) => s + c.width, 0);
      out.push({
        row: k,
        header,
        x: lefts[col],
        y,
        w,
        h: b.rowHeight,
        cell,
        align: cell.align ?? (header ? "center" : b.columns[col].align),
      });
      col += span;
    }
  });
  return out;
}

function paintTable<Image>(ctx: Painter<Image>, page: PageSpec, b: TableBlock): void {
  const pad = 6;
  const lines = Math.max(1, b.lines ?? 1);
  ctx.save();
  for (const c of tableCells(b)) {
    const fill = c.cell.fill ?? (c.header ? b.headerFill : null);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fillRect(c.x, c.y, c.w, c.h);
    }
    ctx.strokeStyle = b.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(c.x, c.y + c.h);
    ctx.lineTo(c.x + c.w, c.y + c.h);
    ctx.moveTo(c.x + c.w, c.y);
    ctx.lineTo(c.x + c.w, c.y + c.h);
    if (c.row === 0) {
      ctx.moveTo(c.x, c.y);
      ctx.lineTo(c.x + c.w, c.y);
    }
    if (c.x <= b.x + 0.5) {
      ctx.moveTo(c.x, c.y);
      ctx.lineTo(c.x, c.y + c.h);
    }
    ctx.stroke();
    const weight = c.header || c.cell.bold ? "bold" : "normal";
    ctx.font = cssFont(page.theme, b.size, weight);
    const measure = (s: string) => ctx.measureText(s).width;
    let parts = wrapText(c.cell.text, c.w - 2 * pad, measure);
    const max = c.header ? 2 : lines;
    if (parts.length > max) {
      parts = parts.slice(0, max);
      parts[max - 1] = ellipsize(`${parts[max - 1]}…`, c.w - 2 * pad, measure);
    }
    ctx.fillStyle = c.cell.color ?? page.theme.text;
    ctx.textBaseline = "middle";
    ctx.textAlign = c.align;
    const lh = Math.round(b.size * 1.35);
    const x = c.align === "left" ? c.x + pad : c.align === "right" ? c.x + c.w - pad : c.x + c.w / 2;
    const y0 = c.y + c.h / 2 - ((parts.length - 1) * lh) / 2;
    parts.forEach((text, i) => ctx.fillText(text, x, y0 + i * lh));
  }
  ctx.restore();
}
