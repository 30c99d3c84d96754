/**
 * Where things land on a meeting chart, known before any canvas exists. Chart.js lays a chart out from its
 * boxes: the title, the scope line, our legend, the notes and the source line (full width, above and below),
 * then the axes. Every one of them has a size the builder can compute — the title and scope line from their
 * font size, the legend and notes from rows the builder wraps itself (text.ts `textWidth`), the axes from a
 * fixed width or height (`afterFit`) — so the plot rectangle is known exactly, and with it the pixel of every
 * value. The builders use it to place labels, badges and the gaps in reference lines so that nothing
 * overlaps, and tests check those boxes (test/charts/geometry.test.ts renders the charts and compares
 * Chart.js's own chartArea with `ChartSpec.plot`).
 */
import type { LegendEntry } from "./plugins";
import { textWidth, wrapEstimated } from "./text";
import type { Theme } from "./theme";

/** A rectangle in CSS px on the chart: left, top, right, bottom. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const overlaps = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

export const within = (a: Box, outer: Box): boolean =>
  a.left >= outer.left - 0.01 &&
  a.right <= outer.right + 0.01 &&
  a.top >= outer.top - 0.01 &&
  a.bottom <= outer.bottom + 0.01;

export const grow = (b: Box, by: number): Box => ({
  left: b.left - by,
  top: b.top - by,
  right: b.right + by,
  bottom: b.bottom + by,
});

/** A straight line from (x1, y1) to (x2, y2), CSS px. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Whether a segment passes through a box (Liang–Barsky clipping). */
export function crosses(s: Segment, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const edges: [number, number][] = [
    [-dx, s.x1 - b.left],
    [dx, b.right - s.x1],
    [-dy, s.y1 - b.top],
    [dy, b.bottom - s.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 >= t1) return false;
    }
  }
  return true;
}

/**
 * A vertical line at x from top to bottom, interrupted wherever it would pass through one of the boxes (with
 * `clear` px around each): the pieces left, at least 3 px long.
 */
export function verticalAround(x: number, top: number, bottom: number, boxes: readonly Box[], clear = 2): Segment[] {
  const cuts = boxes
    .filter((b) => b.left - clear <= x && x <= b.right + clear)
    .map((b) => [b.top - clear, b.bottom + clear] as const)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let y = top;
  for (const [from, to] of cuts) {
    if (from > y) out.push({ x1: x, y1: y, x2: x, y2: Math.min(from, bottom) });
    y = Math.max(y, to);
    if (y >= bottom) break;
  }
  if (y < bottom) out.push({ x1: x, y1: y, x2: x, y2: bottom });
  // Pieces too short to read as a line (between two labels in adjacent rows) are left out.
  return out.filter((s) => s.y2 - s.y1 >= 3);
}

/** A horizontal line at y from left to right, interrupted around the boxes it would pass through. */
export function horizontalAround(y: number, left: number, right: number, boxes: readonly Box[], clear = 2): Segment[] {
  const turned = boxes.map((b) => ({ left: b.top, right: b.bottom, top: b.left, bottom: b.right }));
  return verticalAround(y, left, right, turned, clear).map((s) => ({ x1: s.y1, y1: y, x2: s.y2, y2: y }));
}

// ───────────────────────────── the frame of a meeting chart ─────────────────────────────

/** Layout padding of a meeting chart (frame.ts gives it to Chart.js). */
export const FRAME_PADDING = { left: 28, right: 32, top: 20, bottom: 14 } as const;
/** Space between the legend and the plot: room for the labels of lines drawn above the plot. */
export const LEGEND_GAP = 16;
/** Padding above the notes and above the source line. */
export const NOTE_PAD = 8;

export const lineHeightOf = (size: number): number => Math.round(size * 1.45);
export const legendRowHeight = (t: Theme): number => Math.round(t.size.legend * 1.9);

export interface LegendLayout {
  rows: LegendEntry[][];
  height: number;
}

/** Width of one legend entry: swatch, gap, label. */
export function legendEntryWidth(t: Theme, e: LegendEntry): number {
  return Math.round(t.size.legend * 1.5) + 6 + textWidth(e.label, t.size.legend);
}

/** The legend's entries in rows that fit `width` (centred by the plugin), and the box's height. */
export function legendLayout(t: Theme, entries: readonly LegendEntry[], width: number): LegendLayout {
  if (entries.length === 0) return { rows: [], height: 0 };
  const gap = Math.round(t.size.legend * 1.4);
  const rows: LegendEntry[][] = [[]];
  let used = 0;
  for (const e of entries) {
    const w = legendEntryWidth(t, e);
    const row = rows[rows.length - 1];
    if (row.length > 0 && used + gap + w > width - 20) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1].push(e);
    used += (rows[rows.length - 1].length > 1 ? gap : 0) + w;
  }
  return { rows, height: rows.length * legendRowHeight(t) + 6 + LEGEND_GAP };
}

/** Notes wrapped to the chart's width, each a line as drawn. */
export function noteLayout(t: Theme, notes: readonly string[], width: number): string[] {
  return notes.flatMap((n) => wrapEstimated(n, width, t.size.note));
}

/** The fixed sizes of a chart's axes: the y axis's width (left), the x axis's height (bottom), in px. */
export interface AxisSizes {
  left: number;
  bottom: number;
}

export interface FrameMeasure {
  width: number;
  height: number;
  title: boolean;
  subtitle: boolean;
  legendHeight: number;
  noteLines: number;
  source: boolean;
}

/**
 * The plot rectangle Chart.js will lay out for a meeting chart whose axes have the fixed sizes given — the
 * title box is its line height (1.25 em) plus padding, as Chart.js's title plugin measures it.
 */
export function plotArea(t: Theme, m: FrameMeasure, axes: AxisSizes): Box {
  let top = FRAME_PADDING.top;
  if (m.title) top += t.size.title * 1.25 + 6;
  if (m.subtitle) top += t.size.subtitle * 1.25 + 12;
  top += m.legendHeight;
  let bottom = m.height - FRAME_PADDING.bottom;
  if (m.source) bottom -= NOTE_PAD + lineHeightOf(t.size.source);
  if (m.noteLines > 0) bottom -= NOTE_PAD + m.noteLines * lineHeightOf(t.size.note);
  bottom -= axes.bottom;
  return { left: FRAME_PADDING.left + axes.left, top, right: m.width - FRAME_PADDING.right, bottom };
}

/** A linear value axis across a plot's width: value → px. */
export function xScale(plot: Box, min: number, max: number): (v: number) => number {
  return (v) => plot.left + ((v - min) / (max - min)) * (plot.right - plot.left);
}

/** A linear value axis up a plot's height: value → px. */
export function yScale(plot: Box, min: number, max: number): (v: number) => number {
  return (v) => plot.bottom - ((v - min) / (max - min)) * (plot.bottom - plot.top);
}

/** The band of category i of n across the plot's height (bars with Chart.js's offset): top, centre, bottom. */
export function rowBand(plot: Box, n: number, i: number): { top: number; middle: number; bottom: number } {
  const h = (plot.bottom - plot.top) / Math.max(1, n);
  return { top: plot.top + i * h, middle: plot.top + (i + 0.5) * h, bottom: plot.top + (i + 1) * h };
}
