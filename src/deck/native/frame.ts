/**
 * What every native chart of the deck shares (deck/native/*.ts, one file per chart kind, named as in
 * src/charts): the slide's frame — the title at one place on every slide, the scope line, the legend, notes
 * and the source line — the chart's base options, the fixed plot (manual layout, so that value → position is
 * linear and known), and the marks the builders placed (src/charts/annotations.ts) drawn as shapes: lines,
 * labels, badges. What the chart XML needs beyond pptxgenjs's options comes back as ChartPatch functions
 * (see ../ooxml.ts), applied to the written part by deck.ts.
 */
import type { Plugin } from "chart.js";
import type { ChartSpec } from "../../charts";
import type { AnnotationsSpec, Chip, Label, Line } from "../../charts/annotations";
import type { Box } from "../../charts/geometry";
import type { LegendEntry, ReferenceLine } from "../../charts/plugins";
import { shade, type Theme } from "../../charts/theme";
import { dashOf, lineCount, pt, SLIDE_H, SLIDE_W, textWidth, type Rect, type SlideCanvas } from "../draw";
import { hex, solidColor } from "../ooxml";

/** An edit of one chart part's XML after pptxgenjs wrote it. */
export type ChartPatch = (xml: string) => string;

// ───────────────────────────── plumbing ─────────────────────────────

/** The spec a chart's plugin was built with (legend entries, reference lines …), or null. */
export function pluginSpec<S>(chart: ChartSpec, id: string): S | null {
  const p = (chart.config.plugins ?? []).find((x: Plugin) => x.id === id) as (Plugin & { spec?: S }) | undefined;
  return p?.spec ?? null;
}

export interface Scale {
  min: number;
  max: number;
  step?: number;
  title: string;
}

/** A linear scale of the Chart.js configuration, with its title. */
export function scaleOf(spec: ChartSpec, id: string): Scale {
  const scales = (spec.config.options as { scales?: Record<string, Record<string, unknown>> } | undefined)?.scales;
  const s = scales?.[id] ?? {};
  const ticks = (s.ticks ?? {}) as { stepSize?: number };
  const title = (s.title ?? {}) as { text?: string; display?: boolean };
  return {
    min: typeof s.min === "number" ? s.min : 0,
    max: typeof s.max === "number" ? s.max : 100,
    step: ticks.stepSize,
    title: title.display === false ? "" : (title.text ?? ""),
  };
}

export function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The manual layout of a plot rectangle inside a chart rectangle, as fractions of the chart. */
export function layoutOf(area: Rect, plot: Rect) {
  const f = (v: number) => Math.round(v * 10000) / 10000;
  return {
    x: f((plot.x - area.x) / area.w),
    y: f((plot.y - area.y) / area.h),
    w: f(plot.w / area.w),
    h: f(plot.h / area.h),
  };
}

/** Position of a value on a horizontal or vertical axis across the plot. */
export function xAt(plot: Rect, s: Scale, v: number): number {
  return plot.x + (plot.w * (v - s.min)) / (s.max - s.min);
}
export function yAt(plot: Rect, s: Scale, v: number): number {
  return plot.y + plot.h - (plot.h * (v - s.min)) / (s.max - s.min);
}

/** What every native chart shares: fonts, colours, grid, no title or legend of its own. */
export function baseOptions(c: SlideCanvas, t: Theme, size: { tick: number; label: number }): Record<string, unknown> {
  const face = c.face;
  return {
    showTitle: false,
    showLegend: false,
    chartArea: { roundedCorners: false },
    titleFontFace: face,
    legendFontFace: face,
    catAxisLabelFontFace: face,
    valAxisLabelFontFace: face,
    catAxisTitleFontFace: face,
    valAxisTitleFontFace: face,
    dataLabelFontFace: face,
    catAxisLabelFontSize: pt(size.label),
    valAxisLabelFontSize: pt(size.tick),
    catAxisLabelColor: hex(t.text),
    valAxisLabelColor: hex(t.muted),
    catAxisTitleColor: hex(t.muted),
    valAxisTitleColor: hex(t.muted),
    catAxisTitleFontSize: pt(t.size.axisTitle),
    valAxisTitleFontSize: pt(t.size.axisTitle),
    dataLabelColor: hex(t.text),
    valGridLine: { color: hex(t.grid), size: 0.75, style: "solid" },
    catGridLine: { style: "none" },
    catAxisLineShow: true,
    catAxisLineColor: hex(t.axis),
    valAxisLineShow: false,
    catAxisMajorTickMark: "none",
    valAxisMajorTickMark: "none",
  };
}

// ───────────────────────────── the frame ─────────────────────────────

export const MARGIN = 28;
/** Room at the top right for the 仅供会议使用 mark of the slide master. */
export const MARK_ROOM = 176;
export const SOURCE_Y = SLIDE_H - 34;
/** The title of every slide but the first: one place, one size, one face. */
export const TITLE_BOX: Rect = { x: MARGIN, y: 16, w: SLIDE_W - 2 * MARGIN - MARK_ROOM, h: 38 };

/** Title and subtitle at the top left, as on the PNGs and pages. */
export function drawHeader(c: SlideCanvas, t: Theme, title: string, subtitle: string): void {
  c.text(TITLE_BOX, [{ text: title, size: t.size.title, color: t.text, bold: true }], { shrink: true });
  if (subtitle)
    c.text({ x: MARGIN, y: 54, w: SLIDE_W - 2 * MARGIN - 60, h: 24 }, [
      { text: subtitle, size: t.size.subtitle, color: t.muted },
    ]);
}

export function drawSource(c: SlideCanvas, t: Theme, source: string): void {
  c.text({ x: MARGIN, y: SOURCE_Y, w: 700, h: 20 }, [{ text: source, size: t.size.source, color: t.muted }]);
}

const LEGEND_SIZE = 14;
const LEGEND_ROW = 26;

function legendItemWidth(e: LegendEntry): number {
  return (e.kind === "line" ? 26 : 18) + 7 + textWidth(e.label, LEGEND_SIZE) + 24;
}

/** Rows of legend entries that fit `width`. */
function legendRows(entries: readonly LegendEntry[], width: number): LegendEntry[][] {
  const rows: LegendEntry[][] = [];
  let row: LegendEntry[] = [];
  let used = 0;
  for (const e of entries) {
    const w = legendItemWidth(e);
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(e);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

const SHAPE_OF: Readonly<Record<string, string>> = {
  triangle: "triangle",
  circle: "ellipse",
  rect: "rect",
  crossRot: "mathMultiply",
  rectRot: "diamond",
  star: "star5",
};

/** The legend, centred over `area`, from the same entries as the PNG's. Returns its height. */
export function drawLegend(c: SlideCanvas, t: Theme, entries: readonly LegendEntry[], area: Rect, y: number): number {
  const rows = legendRows(entries, area.w);
  rows.forEach((row, r) => {
    const total = row.reduce((s, e) => s + legendItemWidth(e), 0) - 24;
    let x = area.x + Math.max(0, (area.w - total) / 2);
    const cy = y + r * LEGEND_ROW + LEGEND_ROW / 2;
    for (const e of row) {
      const sw = e.kind === "line" ? 26 : 18;
      if (e.kind === "box" || e.kind === "chip") {
        const box = { x, y: cy - 7, w: 18, h: 14 };
        c.rect(
          box,
          e.fill,
          {
            color: e.stroke ?? shade(e.fill, 0.7),
            width: 1,
            dash: e.kind === "chip" && e.dash ? dashOf(e.dash) : "solid",
          },
          e.kind === "chip" ? "roundRect" : "rect",
        );
        if (e.hatch) {
          const hc = solidColor(t.hatch);
          c.line(box.x, box.y + 14, box.x + 14, box.y, hc, 1);
          c.line(box.x + 7, box.y + 14, box.x + 18, box.y + 3, hc, 1);
          c.line(box.x, box.y + 7, box.x + 7, box.y, hc, 1);
        }
      } else if (e.kind === "line") {
        c.line(x, cy, x + 26, cy, e.fill, 2, dashOf(e.dash));
      } else {
        const style = typeof e.pointStyle === "string" ? e.pointStyle : "circle";
        const shape = SHAPE_OF[style] ?? "ellipse";
        c.marker({ x: x + 2, y: cy - 7, w: 14, h: 14 }, shape as never, e.fill, e.stroke ?? shade(e.fill, 0.55));
      }
      c.text(
        { x: x + sw + 7, y: cy - 11, w: textWidth(e.label, LEGEND_SIZE) + 12, h: 22 },
        [{ text: e.label, size: LEGEND_SIZE, color: t.text }],
        { valign: "middle", wrap: false },
      );
      x += legendItemWidth(e);
    }
  });
  return rows.length * LEGEND_ROW;
}

const NOTE_LINE = 19;

/**
 * Header, legend, notes and source of a chart slide; returns the rectangle left for the chart. Notes sit
 * above the source line, as on the PNG.
 */
export function drawChartFrame(
  c: SlideCanvas,
  t: Theme,
  spec: ChartSpec,
  legend: readonly LegendEntry[] | null,
  notes: readonly string[],
): Rect {
  drawHeader(c, t, spec.title, spec.subtitle);
  const width = SLIDE_W - 2 * MARGIN;
  let top = 86;
  if (legend && legend.length > 0) top += drawLegend(c, t, legend, { x: MARGIN, y: top, w: width, h: 0 }, top) + 6;
  else top += 4;
  drawSource(c, t, spec.source);
  const noteLines = notes.reduce((s, n) => s + lineCount(n, t.size.note, width), 0);
  const notesTop = SOURCE_Y - 4 - noteLines * NOTE_LINE;
  if (notes.length > 0) {
    c.text(
      { x: MARGIN, y: notesTop, w: width, h: noteLines * NOTE_LINE + 2 },
      notes.map((n) => ({ text: n, size: t.size.note, color: t.muted })),
    );
  }
  return { x: MARGIN, y: top, w: width, h: notesTop - 6 - top };
}

/** Vertical or horizontal reference lines over a plot, with their labels. */
export function drawLines(
  c: SlideCanvas,
  t: Theme,
  plot: Rect,
  lines: readonly ReferenceLine[],
  x: Scale | null,
  y: Scale | null,
): void {
  for (const l of lines) {
    const width = l.lineWidth ?? 1.5;
    const dash = dashOf(l.dash);
    if (l.scaleId === "x" && x) {
      const px = xAt(plot, x, l.value);
      c.line(px, plot.y, px, plot.y + plot.h, l.color, width, dash);
      if (l.label)
        c.text(
          { x: px - 40, y: plot.y - 20, w: 80, h: 18 },
          [{ text: l.label, size: t.size.label, color: l.color, bold: true }],
          {
            align: "center",
            valign: "bottom",
          },
        );
    } else if (l.scaleId === "y" && y) {
      const py = yAt(plot, y, l.value);
      c.line(plot.x, py, plot.x + plot.w, py, l.color, width, dash);
    }
  }
}

// ───────────────────────────── the builders' marks ─────────────────────────────

export function drawLine(c: SlideCanvas, l: Line): void {
  c.line(l.x1, l.y1, l.x2, l.y2, l.color, l.width, dashOf(l.dash));
}

/** A label in its box (the builder's estimate of the text's extent, never narrower than the text). */
export function drawLabel(c: SlideCanvas, l: Label): void {
  const b = l.box;
  c.text(
    { x: b.left, y: b.top, w: b.right - b.left, h: b.bottom - b.top },
    [{ text: l.text, size: l.size, color: l.color, bold: l.weight === "bold" }],
    { align: l.align, valign: "middle", wrap: false },
  );
}

export function drawChip(c: SlideCanvas, chip: Chip): void {
  const r: Rect = {
    x: chip.box.left,
    y: chip.box.top,
    w: chip.box.right - chip.box.left,
    h: chip.box.bottom - chip.box.top,
  };
  c.rect(r, chip.fill, { color: chip.stroke, width: 1, dash: chip.dash ? dashOf(chip.dash) : "solid" }, "roundRect");
  c.text(r, [{ text: chip.text, size: chip.size, color: chip.color, bold: true }], {
    align: "center",
    valign: "middle",
    wrap: false,
  });
}

/** The marks drawn before the chart (lines beneath the data): call before adding the chart. */
export function drawUnder(c: SlideCanvas, m: AnnotationsSpec): void {
  for (const l of m.under) drawLine(c, l);
}

/** The marks drawn over the chart: lines, then badges, then labels (filtered). */
export function drawOver(c: SlideCanvas, m: AnnotationsSpec, labels: (l: Label) => boolean = () => true): void {
  for (const l of m.over) drawLine(c, l);
  for (const chip of m.chips) drawChip(c, chip);
  for (const l of m.labels) if (labels(l)) drawLabel(c, l);
}

/** A plot rectangle (the manual layout) as a Box. */
export const boxOf = (r: Rect): Box => ({ left: r.x, top: r.y, right: r.x + r.w, bottom: r.y + r.h });
