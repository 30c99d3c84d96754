/**
 * Meeting charts as native PowerPoint charts (editable: right-click → 编辑数据), built from the chart's
 * `table` — the numbers the PNG shows — with the PNG's axes, colours, legend and reference lines. What a
 * PowerPoint chart cannot draw itself is laid over (or under) its plot as shapes: the average, median,
 * quota and 1/3–2/3 lines, the quadrant tints and names. To put them at the right values, every chart fixes
 * its axis range and its inner plot rectangle (manual layout), so value → position is linear and known.
 *
 * What the chart XML needs beyond pptxgenjs's options comes back as ChartPatch functions (see ooxml.ts),
 * applied to the written part by deck.ts.
 */
import type { Plugin } from "chart.js";
import type { ChartSpec } from "../charts";
import { GRADE_POINT_STYLE, HATCHED_GRADES, shade, type Theme } from "../charts/theme";
import type {
  LegendEntry,
  LegendSpec,
  PointLabel,
  PointLabelsSpec,
  QuadrantsSpec,
  ReferenceLine,
  ReferenceLinesSpec,
} from "../charts/plugins";
import { VOTES_NOTE } from "../charts/votes";
import type { GradeLabel } from "../workbook/gradeColors";
import { dashOf, lineCount, pt, SLIDE_H, SLIDE_W, textWidth, type Rect, type SlideCanvas } from "./draw";
import {
  dropEmptyPoints,
  hex,
  hideEmptyLabels,
  mapSeries,
  setMarker,
  setPointLabelFormats,
  setLabelPositions,
  setPointShapes,
  setSeriesShape,
  solidColor,
  type MarkerSymbol,
  type ShapeStyle,
} from "./ooxml";

/** An edit of one chart part's XML after pptxgenjs wrote it. */
export type ChartPatch = (xml: string) => string;

/** The chart kinds drawn natively; the others become pictures. */
export const NATIVE_KINDS: ReadonlySet<ChartSpec["kind"]> = new Set([
  "ranking",
  "distribution",
  "quadrant",
  "votes",
  "radar",
  "leaderVotes",
]);

/** True when the chart is drawn as a native chart: a kind PowerPoint has, with at least one row of data. */
export function isNative(spec: ChartSpec): boolean {
  return NATIVE_KINDS.has(spec.kind) && spec.table.rows.length > 0;
}

// ───────────────────────────── plumbing ─────────────────────────────

/** The spec a chart's plugin was built with (legend entries, reference lines …), or null. */
export function pluginSpec<S>(chart: ChartSpec, id: string): S | null {
  const p = (chart.config.plugins ?? []).find((x: Plugin) => x.id === id) as (Plugin & { spec?: S }) | undefined;
  return p?.spec ?? null;
}

interface Scale {
  min: number;
  max: number;
  step?: number;
  title: string;
}

/** A linear scale of the Chart.js configuration, with its title. */
function scaleOf(spec: ChartSpec, id: string): Scale {
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

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The manual layout of a plot rectangle inside a chart rectangle, as fractions of the chart. */
function layoutOf(area: Rect, plot: Rect) {
  const f = (v: number) => Math.round(v * 10000) / 10000;
  return {
    x: f((plot.x - area.x) / area.w),
    y: f((plot.y - area.y) / area.h),
    w: f(plot.w / area.w),
    h: f(plot.h / area.h),
  };
}

/** Position of a value on a horizontal or vertical axis across the plot. */
function xAt(plot: Rect, s: Scale, v: number): number {
  return plot.x + (plot.w * (v - s.min)) / (s.max - s.min);
}
function yAt(plot: Rect, s: Scale, v: number): number {
  return plot.y + plot.h - (plot.h * (v - s.min)) / (s.max - s.min);
}

/** What every native chart shares: fonts, colours, grid, no title or legend of its own. */
function baseOptions(c: SlideCanvas, t: Theme, size: { tick: number; label: number }): Record<string, unknown> {
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

/** Title and subtitle at the top left, as on the PNGs and pages. */
export function drawHeader(c: SlideCanvas, t: Theme, title: string, subtitle: string): void {
  const w = SLIDE_W - 2 * MARGIN - MARK_ROOM;
  c.text({ x: MARGIN, y: 16, w, h: 38 }, [{ text: title, size: t.size.title, color: t.text, bold: true }], {
    shrink: true,
  });
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
      if (e.kind === "box") {
        const box = { x, y: cy - 7, w: 18, h: 14 };
        c.rect(box, e.fill, { color: e.stroke ?? shade(e.fill, 0.7), width: 1 });
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
function drawLines(
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

// ───────────────────────────── 综合得分排名 ─────────────────────────────

const gradeLabelFormat = (format: string, text: string) => `${format}"${text.replace(/"/g, "")}"`;

function barStyles(t: Theme, colors: readonly string[], hatched: readonly boolean[]): ShapeStyle[] {
  const h = solidColor(t.hatch);
  return colors.map((fill, i) => ({
    fill,
    line: shade(fill, 0.7),
    lineWidth: 0.75,
    ...(hatched[i] ? { hatch: h } : {}),
  }));
}

export function rankingChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const cats = rows.map((r) => `${r[0] ?? "—"}  ${r[1]}`);
  const values = rows.map((r) => num(r[4]) ?? 0);
  const grades = rows.map((r) => String(r[5]) as GradeLabel);
  const colors = (spec.table.rowColors ?? []).map((x, i) => x ?? t.grades[grades[i]]);
  const x = scaleOf(spec, "x");
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, spec.notes);
  const label = rows.length > 24 ? t.size.tick - 1 : t.size.tick;
  const catW = Math.max(...cats.map((s) => textWidth(s, label))) + 16;
  const plot = { x: area.x + catW, y: area.y + 2, w: area.w - catW - 12, h: area.h - 2 - (x.title ? 46 : 26) };
  c.chart("bar", [{ name: "综合得分", labels: cats, values }], area, spec.title, {
    ...baseOptions(c, t, { tick: t.size.tick, label }),
    barDir: "bar",
    barGapWidthPct: 33,
    chartColors: colors.map(hex),
    catAxisOrientation: "maxMin",
    catAxisCrossesAt: "max",
    valAxisLabelPos: "nextTo",
    valAxisMinVal: x.min,
    valAxisMaxVal: x.max,
    ...(x.step ? { valAxisMajorUnit: x.step } : {}),
    valAxisLabelFormatCode: "0",
    showValAxisTitle: x.title !== "",
    valAxisTitle: x.title,
    showValue: true,
    dataLabelPosition: "outEnd",
    dataLabelFormatCode: "0.00",
    dataLabelFontSize: pt(label),
    dataLabelFontBold: true,
    layout: layoutOf(area, plot),
  });
  drawLines(c, t, plot, pluginSpec<ReferenceLinesSpec>(spec, "kp-average")?.lines ?? [], x, null);
  const styles = barStyles(
    t,
    colors,
    grades.map((g) => HATCHED_GRADES.has(g)),
  );
  return [
    (xml) =>
      mapSeries(xml, (ser) =>
        setPointLabelFormats(
          setPointShapes(ser, styles),
          grades.map((g) => gradeLabelFormat("0.00", `  ${g}`)),
          "outEnd",
        ),
      ),
  ];
}

// ───────────────────────────── 等次分布 ─────────────────────────────

export function distributionChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const cats = rows.map((r) => String(r[0]));
  const counts = rows.map((r) => num(r[1]) ?? 0);
  const colors = (spec.table.rowColors ?? []).map((x, i) => x ?? t.grades[cats[i] as GradeLabel]);
  const y = scaleOf(spec, "y");
  const area = drawChartFrame(c, t, spec, null, spec.notes);
  const plot = { x: area.x + 70, y: area.y + 8, w: area.w - 70 - 16, h: area.h - 8 - 34 };
  c.chart("bar", [{ name: "人数", labels: cats, values: counts }], area, spec.title, {
    ...baseOptions(c, t, { tick: t.size.tick, label: t.size.legend }),
    catAxisLabelFontBold: true,
    barDir: "col",
    barGapWidthPct: 100,
    chartColors: colors.map(hex),
    valAxisMinVal: y.min,
    valAxisMaxVal: y.max,
    ...(y.step ? { valAxisMajorUnit: y.step } : {}),
    valAxisLabelFormatCode: "0",
    showValAxisTitle: y.title !== "",
    valAxisTitle: y.title,
    showValue: true,
    dataLabelPosition: "outEnd",
    dataLabelFormatCode: "0",
    dataLabelFontSize: pt(t.size.legend),
    dataLabelFontBold: true,
    layout: layoutOf(area, plot),
  });
  // The quota across the 优秀 bar, labelled at its right end.
  for (const l of pluginSpec<ReferenceLinesSpec>(spec, "kp-quota")?.lines ?? []) {
    const band = plot.w / cats.length;
    const index = l.category?.index ?? 0;
    const half = (band * (l.category?.share ?? 1)) / 2;
    const cx = plot.x + band * (index + 0.5);
    const py = yAt(plot, y, l.value);
    c.line(cx - half, py, cx + half, py, l.color, l.lineWidth ?? 2, dashOf(l.dash));
    if (l.label)
      c.text(
        { x: cx + half + 6, y: py - 11, w: 200, h: 22 },
        [{ text: l.label, size: t.size.label, color: l.color, bold: true }],
        {
          valign: "middle",
        },
      );
  }
  const formats = rows.map((r) => {
    const share = num(r[2]);
    return gradeLabelFormat("0", share === null ? " 人" : ` 人（${(share * 100).toFixed(1)}%）`);
  });
  const styles = barStyles(
    t,
    colors,
    cats.map((g) => HATCHED_GRADES.has(g as GradeLabel)),
  );
  return [(xml) => mapSeries(xml, (ser) => setPointLabelFormats(setPointShapes(ser, styles), formats, "outEnd"))];
}

// ───────────────────────────── 工作业绩 × 民主测评 ─────────────────────────────

const SYMBOL_OF: Readonly<Record<string, MarkerSymbol>> = {
  triangle: "triangle",
  circle: "circle",
  rect: "square",
  crossRot: "x",
  rectRot: "diamond",
};

interface ScatterDataset {
  label: string;
  pointRadius?: number;
  backgroundColor?: string;
  borderColor?: string;
}

export function quadrantChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const x = scaleOf(spec, "x");
  const y = scaleOf(spec, "y");
  const datasets = spec.config.data.datasets as unknown as ScatterDataset[];
  const grades = datasets.map((d) => d.label as GradeLabel);
  // Chart.js's dataset d, point i is the i-th row of grade d in table order.
  const rowsOf = grades.map((g) => rows.flatMap((r, k) => (r[5] === g ? [k] : [])));
  const plan = new Map<number, PointLabel>();
  for (const l of pluginSpec<PointLabelsSpec>(spec, "kp-point-labels")?.labels ?? []) {
    const row = rowsOf[l.datasetIndex]?.[l.index];
    if (row !== undefined) plan.set(row, l);
  }
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, spec.notes);
  const plot = { x: area.x + 74, y: area.y + 6, w: area.w - 74 - 18, h: area.h - 6 - 50 };

  // Under the chart (its plot has no fill): the tinted quadrants, their names, the median lines.
  const q = pluginSpec<QuadrantsSpec>(spec, "kp-quadrants");
  if (q) {
    const px = Math.min(Math.max(xAt(plot, x, q.x), plot.x), plot.x + plot.w);
    const py = Math.min(Math.max(yAt(plot, y, q.y), plot.y), plot.y + plot.h);
    const boxes: Rect[] = [
      { x: px, y: plot.y, w: plot.x + plot.w - px, h: py - plot.y },
      { x: plot.x, y: plot.y, w: px - plot.x, h: py - plot.y },
      { x: plot.x, y: py, w: px - plot.x, h: plot.y + plot.h - py },
      { x: px, y: py, w: plot.x + plot.w - px, h: plot.y + plot.h - py },
    ];
    boxes.forEach((b, i) => {
      const tint = q.tints[i];
      if (tint && b.w > 0 && b.h > 0) c.rect(b, solidColor(tint), undefined);
    });
    const size = t.size.subtitle + 1;
    boxes.forEach((b, i) => {
      const w = textWidth(q.names[i], size) + 12;
      if (b.w < w || b.h < 30) return;
      const right = i === 0 || i === 3;
      const top = i === 0 || i === 1;
      c.text(
        { x: right ? b.x + b.w - w - 8 : b.x + 8, y: top ? b.y + 8 : b.y + b.h - 30, w, h: 22 },
        [{ text: q.names[i], size, color: solidColor(`rgba(${rgbOf(t.muted)}, 0.75)`), bold: true }],
        { align: right ? "right" : "left", valign: top ? "top" : "bottom" },
      );
    });
  }
  drawLines(c, t, plot, pluginSpec<ReferenceLinesSpec>(spec, "kp-medians")?.lines ?? [], x, y);

  const radius = (k: number) => datasets[grades.indexOf(String(rows[k][5]) as GradeLabel)]?.pointRadius ?? 6;
  const placed = placeLabels(
    rows.map((r, k) => ({
      x: xAt(plot, x, num(r[2]) ?? 0),
      y: yAt(plot, y, num(r[3]) ?? 0),
      r: radius(k),
      label: plan.get(k) ?? null,
    })),
    plot,
    t.size.label,
  );
  const data = [
    { name: x.title || "工作业绩", values: rows.map((r) => num(r[2])) },
    ...grades.map((g) => ({
      name: g,
      values: rows.map((r) => (r[5] === g ? num(r[3]) : null)),
      labels: [rows.map((r, k) => (r[5] === g && placed[k] !== null ? (plan.get(k)?.text ?? String(r[0])) : ""))],
    })),
  ];
  c.chart("scatter", data, area, spec.title, {
    ...baseOptions(c, t, { tick: t.size.tick, label: t.size.tick }),
    valAxisLabelColor: hex(t.muted),
    catAxisLabelColor: hex(t.muted),
    catGridLine: { color: hex(t.grid), size: 0.75, style: "solid" },
    valAxisLineShow: true,
    valAxisLineColor: hex(t.axis),
    chartColors: datasets.map((d) => hex(d.backgroundColor ?? t.text)),
    lineSize: 0,
    lineDataSymbol: "circle",
    catAxisMinVal: x.min,
    catAxisMaxVal: x.max,
    ...(x.step ? { catAxisMajorUnit: x.step } : {}),
    valAxisMinVal: y.min,
    valAxisMaxVal: y.max,
    ...(y.step ? { valAxisMajorUnit: y.step } : {}),
    showCatAxisTitle: x.title !== "",
    catAxisTitle: x.title,
    showValAxisTitle: y.title !== "",
    valAxisTitle: y.title,
    showLabel: true,
    dataLabelFormatScatter: "custom",
    dataLabelPosition: "r",
    dataLabelFontSize: pt(t.size.label),
    layout: layoutOf(area, plot),
  });
  return [
    (xml) =>
      dropEmptyPoints(
        mapSeries(xml, (ser, i) => {
          const d = datasets[i];
          const g = grades[i];
          const positions = new Map(
            placed.flatMap((p, k) => (p !== null && rows[k][5] === g ? [[k, p] as const] : [])),
          );
          return setMarker(hideEmptyLabels(setLabelPositions(ser, positions)), {
            symbol: SYMBOL_OF[GRADE_POINT_STYLE[g]] ?? "circle",
            size: pt(2 * (d.pointRadius ?? 6)),
            fill: d.backgroundColor ?? t.grades[g],
            line: d.borderColor ?? shade(t.grades[g], 0.55),
            lineWidth: 1.25,
          });
        }),
      ),
  ];
}

type LabelPos = "r" | "l" | "t" | "b";

interface PlacedPoint {
  x: number;
  y: number;
  /** px */
  r: number;
  label: PointLabel | null;
}

/**
 * Where each point's name goes, as the PNG's labels are placed: by priority, at the first side (right,
 * left, above, below) where it overlaps no other label, no point and stays in the plot; a label without a
 * free side goes right when it must be shown and is left out otherwise (null).
 */
export function placeLabels(points: readonly PlacedPoint[], plot: Rect, size: number): (LabelPos | null)[] {
  const boxes: Rect[] = points.map((p) => ({ x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r }));
  const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const inside = (a: Rect) =>
    a.x >= plot.x && a.y >= plot.y && a.x + a.w <= plot.x + plot.w && a.y + a.h <= plot.y + plot.h;
  const out: (LabelPos | null)[] = points.map(() => null);
  const order = points
    .map((p, k) => ({ p, k }))
    .filter((e) => e.p.label !== null)
    .sort((a, b) => (b.p.label?.priority ?? 0) - (a.p.label?.priority ?? 0));
  const taken: Rect[] = [];
  for (const { p, k } of order) {
    const label = p.label as PointLabel;
    const w = textWidth(label.text, size) + 4;
    const h = size * 1.3;
    const gap = p.r + 3;
    const at: Record<LabelPos, Rect> = {
      r: { x: p.x + gap, y: p.y - h / 2, w, h },
      l: { x: p.x - gap - w, y: p.y - h / 2, w, h },
      t: { x: p.x - w / 2, y: p.y - gap - h, w, h },
      b: { x: p.x - w / 2, y: p.y + gap, w, h },
    };
    const free = (["r", "l", "t", "b"] as const).find(
      (pos) =>
        inside(at[pos]) &&
        !taken.some((b) => overlaps(b, at[pos])) &&
        !boxes.some((b, j) => j !== k && overlaps(b, at[pos])),
    );
    const pos = free ?? (label.must ? "r" : null);
    out[k] = pos;
    if (pos) taken.push(at[pos]);
  }
  return out;
}

function rgbOf(color: string): string {
  const n = parseInt(hex(color), 16);
  return `${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
}

// ───────────────────────────── 测评票构成 ─────────────────────────────

/** The mark after the name of a leader the vote rules capped (the PNG writes the name in red). */
export const VOTE_ALERT_MARK = "▲";

/** Share of each vote category in %, one decimal, as the PNG plots them. */
export function voteShares(counts: readonly (number | null)[]): number[] {
  const c = counts.map((n) => n ?? 0);
  const total = c.reduce((s, n) => s + n, 0);
  return c.map((n) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0));
}

interface CompositionInput {
  cats: string[];
  /** Per row, the counts of 优秀 … 不称职. */
  counts: (number | null)[][];
  names: string[];
  colors: string[];
  compact: boolean;
}

/** The 100% stacked bars and their 1/3 and 2/3 lines, in `area`. */
function compositionChart(
  c: SlideCanvas,
  t: Theme,
  spec: ChartSpec,
  area: Rect,
  input: CompositionInput,
): ChartPatch[] {
  const label = input.compact ? t.size.label : input.cats.length > 24 ? t.size.tick - 1 : t.size.tick;
  const catW = Math.max(...input.cats.map((s) => textWidth(s, label))) + 14;
  const x = scaleOf(spec, "x");
  const top = input.compact ? 4 : 22;
  const bottom = input.compact ? 24 : x.title ? 46 : 26;
  const plot = { x: area.x + catW, y: area.y + top, w: area.w - catW - 14, h: area.h - top - bottom };
  const shares = input.counts.map(voteShares);
  const data = input.names.map((name, k) => ({ name, labels: input.cats, values: shares.map((s) => s[k]) }));
  c.chart("bar", data, area, spec.title, {
    ...baseOptions(c, t, { tick: input.compact ? t.size.label : t.size.tick, label }),
    barDir: "bar",
    barGrouping: "percentStacked",
    barGapWidthPct: input.compact ? 45 : 33,
    chartColors: input.colors.map(hex),
    catAxisOrientation: "maxMin",
    catAxisCrossesAt: "max",
    valAxisLabelPos: "nextTo",
    valAxisMinVal: 0,
    valAxisMaxVal: 1,
    valAxisMajorUnit: input.compact ? 0.25 : 0.1,
    valAxisLabelFormatCode: "0%",
    showValAxisTitle: !input.compact && x.title !== "",
    valAxisTitle: x.title,
    showValue: true,
    dataLabelPosition: "ctr",
    // A segment under 6% is left unlabelled, as on the PNG.
    dataLabelFormatCode: '[<6]"";0"%"',
    dataLabelFontSize: pt(label - 1),
    layout: layoutOf(area, plot),
  });
  const lines = pluginSpec<ReferenceLinesSpec>(spec, "kp-thresholds")?.lines ?? [];
  drawLines(c, t, plot, lines, { min: 0, max: 100, title: "" }, null);
  const h = solidColor(t.hatch);
  return [
    (xml) =>
      mapSeries(xml, (ser, k) =>
        setSeriesShape(ser, {
          fill: input.colors[k],
          line: t.background,
          lineWidth: 0.75,
          ...(HATCHED_GRADES.has(input.names[k] as GradeLabel) ? { hatch: h } : {}),
        }),
      ),
  ];
}

const VOTE_NAMES = ["优秀", "称职", "基本称职", "不称职"];

export function votesChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const labels = (spec.config.data.labels ?? []) as string[];
  const y = (spec.config.options as { scales?: { y?: { ticks?: { color?: unknown } } } }).scales?.y?.ticks?.color;
  const alert = (i: number) => Array.isArray(y) && y[i] === t.alert;
  const cats = rows.map((r, i) => `${labels[i] ?? String(r[0])}${alert(i) ? ` ${VOTE_ALERT_MARK}` : ""}`);
  const notes = spec.notes.map((n) =>
    n === VOTES_NOTE ? n.replace("红色姓名：", `姓名后标 ${VOTE_ALERT_MARK}：`) : n,
  );
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, notes);
  return compositionChart(c, t, spec, area, {
    cats,
    counts: rows.map((r) => r.slice(2, 6).map(num)),
    names: VOTE_NAMES,
    colors: spec.table.seriesColors ?? VOTE_NAMES.map((g) => t.grades[g as GradeLabel]),
    compact: false,
  });
}

// ───────────────────────────── inside a 个人考核画像 ─────────────────────────────

/** A compact chart's own title and subtitle, centred at the top of its block; returns the rest. */
function compactHeader(c: SlideCanvas, t: Theme, spec: ChartSpec, block: Rect): Rect {
  c.text(
    { x: block.x, y: block.y + 4, w: block.w, h: 20 },
    [{ text: spec.title, size: t.size.legend, color: t.text, bold: true }],
    { align: "center" },
  );
  c.text(
    { x: block.x, y: block.y + 24, w: block.w, h: 18 },
    [{ text: spec.subtitle, size: t.size.source, color: t.muted }],
    { align: "center" },
  );
  return { x: block.x, y: block.y + 46, w: block.w, h: block.h - 46 };
}

/** A leader's votes by evaluator group: 100% stacked bars with the 1/3 and 2/3 lines. */
export function leaderVotesChart(c: SlideCanvas, t: Theme, spec: ChartSpec, block: Rect): ChartPatch[] {
  const area = compactHeader(c, t, spec, block);
  const rows = spec.table.rows;
  return compositionChart(c, t, spec, area, {
    cats: rows.map((r) => String(r[0])),
    counts: rows.map((r) => r.slice(1, 5).map(num)),
    names: VOTE_NAMES,
    colors: spec.table.seriesColors ?? VOTE_NAMES.map((g) => t.grades[g as GradeLabel]),
    compact: true,
  });
}

/** A leader against the group mean on the assessment's one radial scale. */
export function leaderRadarChart(c: SlideCanvas, t: Theme, spec: ChartSpec, block: Rect): ChartPatch[] {
  const area = compactHeader(c, t, spec, block);
  const rows = spec.table.rows;
  const r = scaleOf(spec, "r");
  const fixed = (v: number | null) => (v === null ? "—" : v.toFixed(2));
  const cats = rows.map((row) => {
    const avg = num(row[2]);
    return `${row[0]} ${fixed(num(row[1]))}${avg === null ? "" : `\n均 ${fixed(avg)}`}`;
  });
  // A square plot in the middle, room around it for the two-line labels.
  const side = Math.min(area.w - 2 * 70, area.h - 2 * 40);
  const plot = { x: area.x + (area.w - side) / 2, y: area.y + (area.h - side) / 2, w: side, h: side };
  const [own, average] = spec.table.seriesColors ?? [t.grades["称职"], t.average];
  c.chart(
    "radar",
    [
      { name: String(spec.table.headers[1]), labels: cats, values: rows.map((row) => num(row[1])) },
      { name: String(spec.table.headers[2]), labels: cats, values: rows.map((row) => num(row[2])) },
    ],
    area,
    spec.title,
    {
      ...baseOptions(c, t, { tick: t.size.source - 1, label: t.size.label }),
      catAxisLabelFontBold: true,
      radarStyle: "filled",
      chartColors: [hex(own), hex(average)],
      valAxisMinVal: r.min,
      valAxisMaxVal: r.max,
      ...(r.step ? { valAxisMajorUnit: r.step } : {}),
      valAxisLabelFormatCode: "0",
      valGridLine: { color: hex(t.grid), size: 0.75, style: "solid" },
      layout: layoutOf(area, plot),
    },
  );
  return [
    (xml) =>
      dropEmptyPoints(
        mapSeries(xml, (ser, k) =>
          k === 0
            ? setSeriesShape(ser, { fill: own, opacity: 0.45, line: shade(own, 0.55), lineWidth: 2 })
            : setSeriesShape(ser, { fill: null, line: average, lineWidth: 1.25, dash: "dash" }),
        ),
      ),
  ];
}
