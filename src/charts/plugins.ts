/**
 * The small Chart.js plugins every meeting chart uses. Each factory returns a plugin object with its settings
 * closed over (and kept on `spec`, for tests and for renderers that redraw them natively); the drawing code
 * only runs at render time, on whatever canvas the renderer gives Chart.js.
 *
 * Drawing order is the order of `config.plugins`: put `background` first, then boxes, then lines drawn under
 * the data, hatching, lines over the data, and labels last.
 */
import { layouts, type Chart, type ChartArea, type LayoutItem, type Plugin, type PointStyle } from "chart.js";
import { drawPoint } from "chart.js/helpers";
import { LEGEND_GAP, legendRowHeight, lineHeightOf } from "./geometry";
import { cssFont, type Theme } from "./theme";

export type KpPlugin<S> = Plugin & { spec: S };

type Ctx = CanvasRenderingContext2D;

// ───────────────────────────── drawing helpers ─────────────────────────────

/** Diagonal hatching inside a rectangle. */
export function hatchRect(ctx: Ctx, x: number, y: number, w: number, h: number, color: string, spacing = 6): void {
  if (w <= 0 || h <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  for (let d = -h; d < w + h; d += spacing) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/** Text with a white halo, readable over bars, lines and grid. */
function haloText(ctx: Ctx, text: string, x: number, y: number, halo: string): void {
  ctx.save();
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = halo;
  ctx.strokeText(text, x, y);
  ctx.restore();
  ctx.fillText(text, x, y);
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Rect, area: ChartArea): boolean =>
  a.left >= area.left && a.right <= area.right && a.top >= area.top && a.bottom <= area.bottom;

/** A bar element's geometry, whichever way it points. */
interface BarGeometry {
  x: number;
  y: number;
  base: number;
  width: number;
  height: number;
  horizontal: boolean;
}

function barGeometry(chart: Chart, datasetIndex: number, index: number): BarGeometry | null {
  const meta = chart.getDatasetMeta(datasetIndex);
  if (meta.hidden) return null;
  const el = meta.data[index];
  if (!el) return null;
  const p = el.getProps(["x", "y", "base", "width", "height", "horizontal"], true) as unknown as BarGeometry;
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.base)) return null;
  return p;
}

/** The rectangle of a bar: left, top, right, bottom. */
function barRect(g: BarGeometry): Rect {
  if (g.horizontal) {
    return {
      left: Math.min(g.x, g.base),
      right: Math.max(g.x, g.base),
      top: g.y - g.height / 2,
      bottom: g.y + g.height / 2,
    };
  }
  return {
    left: g.x - g.width / 2,
    right: g.x + g.width / 2,
    top: Math.min(g.y, g.base),
    bottom: Math.max(g.y, g.base),
  };
}

// ───────────────────────────── background ─────────────────────────────

/** Fills the whole canvas before anything is drawn: exported PNGs are otherwise transparent. */
export function background(color: string): KpPlugin<{ color: string }> {
  return {
    id: "kp-background",
    spec: { color },
    beforeDraw(chart) {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

// ───────────────────────────── layout boxes ─────────────────────────────

/** What a layout box holds: it is given the width, says the height it needs, and draws into where it is put. */
interface BoxContent {
  measure(maxWidth: number): number;
  draw(box: LayoutItem): void;
}

/**
 * A full-width box above or below the plot that the chart's layout reserves room for, as it does for the
 * title and the legend.
 */
function boxPlugin<S extends { position: "top" | "bottom"; weight: number }>(
  id: string,
  spec: S,
  make: (chart: Chart) => BoxContent,
): KpPlugin<S> {
  const boxes = new WeakMap<Chart, LayoutItem>();
  return {
    id,
    spec,
    start(chart) {
      const content = make(chart);
      // Chart.js's layout reads `options` (stack, stackWeight) of every box.
      const box: LayoutItem & { options: object } = {
        options: {},
        position: spec.position,
        weight: spec.weight,
        fullSize: true,
        width: 0,
        height: 0,
        left: 0,
        top: 0,
        right: 0,
        bottom: 0,
        isHorizontal: () => true,
        update(maxWidth) {
          box.height = content.measure(maxWidth);
          box.width = maxWidth;
        },
        draw() {
          content.draw(box);
        },
      };
      boxes.set(chart, box);
      layouts.addBox(chart, box);
    },
    stop(chart) {
      const box = boxes.get(chart);
      if (box) layouts.removeBox(chart, box);
      boxes.delete(chart);
    },
  };
}

export interface BoxLine {
  text: string;
  size: number;
  weight?: "normal" | "bold";
  color: string;
}

export interface TextBoxSpec {
  position: "top" | "bottom";
  /** Higher weights sit further from the plot. */
  weight: number;
  align: "left" | "center" | "right";
  /** One entry per drawn line: the builder wraps them (geometry.ts), so that their height is known. */
  lines: BoxLine[];
  padding: { top: number; bottom: number; x: number };
}

/** Lines of text above or below the plot: the source line, notes (pending leaders, what a badge means …). */
export function textBox(id: string, theme: Theme, spec: TextBoxSpec): KpPlugin<TextBoxSpec> {
  return boxPlugin(id, spec, (chart) => {
    const height = spec.lines.reduce((s, l) => s + lineHeightOf(l.size), 0);
    return {
      measure() {
        return spec.lines.length === 0 ? 0 : spec.padding.top + spec.padding.bottom + height;
      },
      draw(box) {
        const ctx = chart.ctx;
        ctx.save();
        ctx.textBaseline = "middle";
        ctx.textAlign = spec.align;
        const x =
          spec.align === "left"
            ? box.left + spec.padding.x
            : spec.align === "right"
              ? box.right - spec.padding.x
              : (box.left + box.right) / 2;
        let y = box.top + spec.padding.top;
        for (const line of spec.lines) {
          const h = lineHeightOf(line.size);
          ctx.font = cssFont(theme, line.size, line.weight);
          ctx.fillStyle = line.color;
          ctx.fillText(line.text, x, y + h / 2);
          y += h;
        }
        ctx.restore();
      },
    };
  });
}

export interface LegendEntry {
  label: string;
  /** box: a filled square; line: a stroke (reference lines); point: a marker; chip: a badge's look. */
  kind: "box" | "line" | "point" | "chip";
  fill: string;
  stroke?: string;
  hatch?: boolean;
  dash?: number[];
  pointStyle?: PointStyle;
  /** Width of the stroke of a line entry (px). */
  lineWidth?: number;
}

export interface LegendSpec {
  position: "top" | "bottom";
  weight: number;
  entries: LegendEntry[];
  /** The entries in rows as drawn (geometry.ts legendLayout), each row centred. */
  rows: LegendEntry[][];
}

/**
 * The legend, drawn by us rather than Chart.js's: it shows the same hatching as the bars and mixes series
 * with reference lines and badges.
 */
export function legendBox(theme: Theme, spec: LegendSpec): KpPlugin<LegendSpec> {
  return boxPlugin("kp-legend", spec, (chart) => {
    const size = theme.size.legend;
    const swatch = Math.round(size * 1.5);
    const gap = Math.round(size * 1.4);
    const rowHeight = legendRowHeight(theme);
    return {
      measure() {
        // The gap below leaves room for the labels of reference lines drawn above the plot.
        return spec.rows.length === 0 ? 0 : spec.rows.length * rowHeight + 6 + LEGEND_GAP;
      },
      draw(box) {
        const ctx = chart.ctx;
        ctx.save();
        ctx.font = cssFont(theme, size);
        ctx.textBaseline = "middle";
        ctx.textAlign = "left";
        spec.rows.forEach((row, r) => {
          const widths = row.map((e) => swatch + 6 + ctx.measureText(e.label).width);
          const total = widths.reduce((s, w) => s + w, 0) + gap * (row.length - 1);
          let x = (box.left + box.right) / 2 - total / 2;
          const cy = box.top + 3 + r * rowHeight + rowHeight / 2;
          row.forEach((entry, i) => {
            drawSwatch(ctx, entry, x, cy, swatch, theme);
            ctx.fillStyle = theme.text;
            ctx.fillText(entry.label, x + swatch + 6, cy);
            x += widths[i] + gap;
          });
        });
        ctx.restore();
      },
    };
  });
}

function drawSwatch(ctx: Ctx, e: LegendEntry, x: number, cy: number, size: number, theme: Theme): void {
  ctx.save();
  if (e.kind === "chip") {
    const h = size * 0.72;
    ctx.beginPath();
    ctx.rect(x, cy - h / 2, size, h);
    ctx.fillStyle = e.fill;
    ctx.fill();
    ctx.strokeStyle = e.stroke ?? e.fill;
    ctx.lineWidth = 1;
    ctx.setLineDash(e.dash ?? []);
    ctx.stroke();
  } else if (e.kind === "line") {
    ctx.strokeStyle = e.stroke ?? e.fill;
    ctx.lineWidth = e.lineWidth ?? 2;
    ctx.setLineDash(e.dash ?? []);
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(x + size, cy);
    ctx.stroke();
  } else if (e.kind === "point") {
    ctx.fillStyle = e.fill;
    ctx.strokeStyle = e.stroke ?? e.fill;
    drawPoint(ctx, { pointStyle: e.pointStyle ?? "circle", radius: size * 0.36, borderWidth: 1.5 }, x + size / 2, cy);
  } else {
    const h = size * 0.72;
    ctx.fillStyle = e.fill;
    ctx.fillRect(x, cy - h / 2, size, h);
    if (e.hatch) hatchRect(ctx, x, cy - h / 2, size, h, theme.hatch, 4);
    ctx.strokeStyle = e.stroke ?? "rgba(0,0,0,0.35)";
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, cy - h / 2 + 0.5, size - 1, h - 1);
  }
  ctx.restore();
}

// ───────────────────────────── reference lines ─────────────────────────────

export interface ReferenceLine {
  /** The scale the value is on ("x", "y", or a panel's axis). */
  scaleId: string;
  value: number;
  label?: string;
  color: string;
  dash?: number[];
  lineWidth?: number;
  /** Only across a share of one category's band of the other axis (the quota mark over the 优秀 bar). */
  category?: { scaleId: string; index: number; share: number };
  /** Where along the line the label goes; outside: above the plot (vertical lines). */
  labelAt?: "start" | "end" | "outside";
}

export interface ReferenceLinesSpec {
  layer: "under" | "over";
  lines: ReferenceLine[];
}

/** Average, median, target, threshold and quota lines, each with an optional label. */
export function referenceLines(id: string, theme: Theme, spec: ReferenceLinesSpec): KpPlugin<ReferenceLinesSpec> {
  const draw = (chart: Chart) => {
    const { ctx, chartArea: area } = chart;
    for (const line of spec.lines) {
      const scale = chart.scales[line.scaleId];
      if (!scale) continue;
      const p = scale.getPixelForValue(line.value);
      if (!Number.isFinite(p)) continue;
      let from: number;
      let to: number;
      const vertical = scale.isHorizontal();
      if (line.category) {
        const cat = chart.scales[line.category.scaleId];
        const c = cat.getPixelForValue(line.category.index);
        const band = cat.ticks.length > 1 ? Math.abs(cat.getPixelForValue(1) - cat.getPixelForValue(0)) : cat.width;
        from = c - (band * line.category.share) / 2;
        to = c + (band * line.category.share) / 2;
      } else if (vertical) {
        from = scale.top === area.top || scale.position !== "top" ? area.top : scale.bottom;
        to = area.bottom;
      } else {
        from = area.left;
        to = area.right;
      }
      if (vertical && (p < scale.left - 0.5 || p > scale.right + 0.5)) continue;
      if (!vertical && (p < area.top - 0.5 || p > area.bottom + 0.5)) continue;
      ctx.save();
      ctx.strokeStyle = line.color;
      ctx.lineWidth = line.lineWidth ?? 1.5;
      ctx.setLineDash(line.dash ?? []);
      ctx.beginPath();
      if (vertical) {
        ctx.moveTo(p, from);
        ctx.lineTo(p, to);
      } else {
        ctx.moveTo(from, p);
        ctx.lineTo(to, p);
      }
      ctx.stroke();
      if (line.label) {
        ctx.setLineDash([]);
        ctx.font = cssFont(theme, theme.size.label, "bold");
        ctx.fillStyle = line.color;
        ctx.textBaseline = "bottom";
        if (vertical) {
          const w = ctx.measureText(line.label).width;
          // Near the right edge the label goes on the line's left.
          const right = p + 4 + w > area.right;
          ctx.textAlign = right ? "right" : "left";
          const y =
            line.labelAt === "end" ? to - 4 : line.labelAt === "outside" ? from - 2 : from + theme.size.label + 4;
          haloText(ctx, line.label, right ? p - 4 : p + 4, y, theme.background);
        } else if (line.category) {
          ctx.textAlign = "left";
          ctx.textBaseline = "middle";
          haloText(ctx, line.label, to + 6, p, theme.background);
        } else {
          ctx.textAlign = line.labelAt === "start" ? "left" : "right";
          haloText(ctx, line.label, line.labelAt === "start" ? from + 4 : to - 4, p - 3, theme.background);
        }
      }
      ctx.restore();
    }
  };
  return spec.layer === "under"
    ? { id, spec, beforeDatasetsDraw: (chart) => draw(chart) }
    : { id, spec, afterDatasetsDraw: (chart) => draw(chart) };
}

// ───────────────────────────── bars: hatching and labels ─────────────────────────────

export interface HatchSpec {
  /** Per dataset, the data indexes to hatch (all when omitted). */
  targets: { datasetIndex: number; indexes?: number[] }[];
}

/** Hatches bars on top of their fill so that they read in grey-scale print. */
export function barHatch(theme: Theme, spec: HatchSpec): KpPlugin<HatchSpec> {
  return {
    id: "kp-hatch",
    spec,
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      for (const t of spec.targets) {
        const meta = chart.getDatasetMeta(t.datasetIndex);
        const indexes = t.indexes ?? meta.data.map((_, i) => i);
        for (const i of indexes) {
          const g = barGeometry(chart, t.datasetIndex, i);
          if (!g) continue;
          const r = barRect(g);
          hatchRect(ctx, r.left, r.top, r.right - r.left, r.bottom - r.top, theme.hatch);
        }
      }
    },
  };
}

export interface BarLabel {
  datasetIndex: number;
  /** The text for a data index, or null for none. */
  texts: (string | null)[];
  /** end: after the bar's end (inside when it would leave the plot); insideStart: at the bar's base; center: in the middle if it fits; top: above a vertical bar. */
  position: "end" | "insideStart" | "center" | "top";
  color?: string;
  /** Per data index, overriding `color`. */
  colors?: (string | null)[];
  /** Per data index, the colour when an end label has to go inside its bar (white on a dark bar). */
  insideColors?: (string | null)[];
  /** Per data index, a halo behind the text in this colour (the segment's fill: hides lines crossing it). */
  halos?: (string | null)[];
  size?: number;
  weight?: "normal" | "bold";
}

export interface BarLabelsSpec {
  labels: BarLabel[];
}

/** Value labels, unit names inside bars, shares inside stacked segments. */
export function barLabels(theme: Theme, spec: BarLabelsSpec): KpPlugin<BarLabelsSpec> {
  return {
    id: "kp-bar-labels",
    spec,
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      for (const l of spec.labels) {
        ctx.save();
        ctx.font = cssFont(theme, l.size ?? theme.size.label, l.weight);
        ctx.textBaseline = "middle";
        l.texts.forEach((text, i) => {
          if (!text) return;
          const g = barGeometry(chart, l.datasetIndex, i);
          if (!g) return;
          const r = barRect(g);
          const w = ctx.measureText(text).width;
          // The value scale's end, not the plot's: panels side by side each end at their own axis.
          const vScale = chart.getDatasetMeta(l.datasetIndex).vScale;
          const right = g.horizontal && vScale ? Math.min(vScale.right, area.right) : area.right;
          ctx.fillStyle = l.colors?.[i] ?? l.color ?? theme.text;
          const halo = l.halos?.[i] ?? null;
          if (l.position === "top" || (l.position === "end" && !g.horizontal)) {
            ctx.textAlign = "center";
            ctx.textBaseline = "bottom";
            ctx.fillText(text, g.x, r.top - 4);
            ctx.textBaseline = "middle";
          } else if (l.position === "center") {
            const room = g.horizontal ? r.right - r.left : r.bottom - r.top;
            if (room < (g.horizontal ? w + 6 : theme.size.label + 4)) return;
            ctx.textAlign = "center";
            if (halo) haloText(ctx, text, (r.left + r.right) / 2, (r.top + r.bottom) / 2, halo);
            else ctx.fillText(text, (r.left + r.right) / 2, (r.top + r.bottom) / 2);
          } else if (l.position === "insideStart") {
            if (!g.horizontal || r.right - r.left < w + 16) return;
            ctx.textAlign = "left";
            ctx.fillText(text, r.left + 8, g.y);
          } else {
            // "end" of a horizontal bar.
            const negative = g.x < g.base;
            if (negative) {
              ctx.textAlign = "right";
              ctx.fillText(text, Math.max(r.left - 5, area.left + w), g.y);
            } else if (r.right + 5 + w <= right) {
              ctx.textAlign = "left";
              haloText(ctx, text, r.right + 5, g.y, theme.background);
            } else {
              ctx.textAlign = "right";
              const inner = l.insideColors?.[i];
              if (inner) {
                ctx.fillStyle = inner;
                ctx.fillText(text, Math.min(r.right, right) - 5, g.y);
              } else {
                haloText(ctx, text, Math.min(r.right, right) - 5, g.y, theme.background);
              }
            }
          }
        });
        ctx.restore();
      }
    },
  };
}

// ───────────────────────────── scatter: quadrants and point labels ─────────────────────────────

export interface QuadrantsSpec {
  xScaleId: string;
  yScaleId: string;
  x: number;
  y: number;
  /** Names of the top-right, top-left, bottom-left and bottom-right quadrants. */
  names: [string, string, string, string];
  /** A light tint per quadrant, same order (null for none). */
  tints: [string | null, string | null, string | null, string | null];
}

/** Names each quadrant in its outer corner, under the data. */
export function quadrants(theme: Theme, spec: QuadrantsSpec): KpPlugin<QuadrantsSpec> {
  return {
    id: "kp-quadrants",
    spec,
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a } = chart;
      const px = Math.min(Math.max(chart.scales[spec.xScaleId].getPixelForValue(spec.x), a.left), a.right);
      const py = Math.min(Math.max(chart.scales[spec.yScaleId].getPixelForValue(spec.y), a.top), a.bottom);
      const boxes: [number, number, number, number][] = [
        [px, a.top, a.right, py],
        [a.left, a.top, px, py],
        [a.left, py, px, a.bottom],
        [px, py, a.right, a.bottom],
      ];
      ctx.save();
      boxes.forEach(([l, t, r, b], i) => {
        const tint = spec.tints[i];
        if (tint) {
          ctx.fillStyle = tint;
          ctx.fillRect(l, t, r - l, b - t);
        }
      });
      ctx.font = cssFont(theme, theme.size.subtitle + 1, "bold");
      ctx.fillStyle = theme.muted;
      ctx.globalAlpha = 0.75;
      const pad = 10;
      boxes.forEach(([l, t, r, b], i) => {
        const right = i === 0 || i === 3;
        const top = i === 0 || i === 1;
        ctx.textAlign = right ? "right" : "left";
        ctx.textBaseline = top ? "top" : "bottom";
        if (r - l < 60 || b - t < 24) return;
        ctx.fillText(spec.names[i], right ? r - pad : l + pad, top ? t + pad : b - pad);
      });
      ctx.restore();
    },
  };
}

export interface PointLabel {
  datasetIndex: number;
  index: number;
  text: string;
  /** Higher first. */
  priority: number;
  /** Drawn even when every place around the point is taken. */
  must: boolean;
}

export interface PointLabelsSpec {
  labels: PointLabel[];
  size: number;
}

/**
 * Names next to scatter points, placed greedily by priority at the first free spot around each point (right,
 * left, above, below, then the diagonals); a label with no free spot is left out unless it is a must.
 */
export function pointLabels(theme: Theme, spec: PointLabelsSpec): KpPlugin<PointLabelsSpec> {
  return {
    id: "kp-point-labels",
    spec,
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      ctx.save();
      ctx.font = cssFont(theme, spec.size);
      ctx.textBaseline = "middle";
      ctx.textAlign = "left";
      const h = spec.size + 2;
      const points: Rect[] = [];
      chart.data.datasets.forEach((_, d) => {
        for (const el of chart.getDatasetMeta(d).data) {
          const r = 4;
          points.push({ left: el.x - r, right: el.x + r, top: el.y - r, bottom: el.y + r });
        }
      });
      const placed: Rect[] = [];
      const order = [...spec.labels].sort((a, b) => b.priority - a.priority);
      for (const l of order) {
        const el = chart.getDatasetMeta(l.datasetIndex).data[l.index];
        if (!el) continue;
        const w = ctx.measureText(l.text).width;
        const { x, y } = el;
        const gap = 7;
        const candidates: Rect[] = [
          { left: x + gap, right: x + gap + w, top: y - h / 2, bottom: y + h / 2 },
          { left: x - gap - w, right: x - gap, top: y - h / 2, bottom: y + h / 2 },
          { left: x - w / 2, right: x + w / 2, top: y - gap - h, bottom: y - gap },
          { left: x - w / 2, right: x + w / 2, top: y + gap, bottom: y + gap + h },
          { left: x + gap - 2, right: x + gap - 2 + w, top: y - gap - h + 2, bottom: y - gap + 2 },
          { left: x + gap - 2, right: x + gap - 2 + w, top: y + gap - 2, bottom: y + gap - 2 + h },
          { left: x - gap + 2 - w, right: x - gap + 2, top: y - gap - h + 2, bottom: y - gap + 2 },
          { left: x - gap + 2 - w, right: x - gap + 2, top: y + gap - 2, bottom: y + gap - 2 + h },
        ];
        const own = (p: Rect) =>
          Math.abs((p.left + p.right) / 2 - x) < 0.01 && Math.abs((p.top + p.bottom) / 2 - y) < 0.01;
        let spot = candidates.find(
          (c) =>
            inside(c, area) && !placed.some((p) => overlaps(c, p)) && !points.some((p) => !own(p) && overlaps(c, p)),
        );
        if (!spot && l.must) spot = candidates.find((c) => inside(c, area)) ?? candidates[0];
        if (!spot) continue;
        placed.push(spot);
        ctx.fillStyle = theme.text;
        haloText(ctx, l.text, spot.left, (spot.top + spot.bottom) / 2, theme.background);
      }
      ctx.restore();
    },
  };
}

// ───────────────────────────── panels ─────────────────────────────

export interface PanelFramesSpec {
  /** The x axes of the panels, left to right. */
  scaleIds: string[];
}

/** A separator at the left edge of every panel but the first (indicator panels side by side). */
export function panelFrames(theme: Theme, spec: PanelFramesSpec): KpPlugin<PanelFramesSpec> {
  return {
    id: "kp-panels",
    spec,
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a } = chart;
      ctx.save();
      ctx.strokeStyle = theme.axis;
      ctx.lineWidth = 1;
      for (const id of spec.scaleIds.slice(1)) {
        const s = chart.scales[id];
        if (!s) continue;
        ctx.beginPath();
        ctx.moveTo(s.left + 0.5, s.top);
        ctx.lineTo(s.left + 0.5, a.bottom);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}
