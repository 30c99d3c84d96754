/**
 * Marks a builder has placed itself, in CSS px on the chart (geometry.ts says why the builder knows where
 * the plot is): reference lines with their gaps, labels, badges, leader lines. The plugin only paints them;
 * every position, and the box each text takes, is in `spec`, where tests check that nothing overlaps and
 * that no line crosses a label, and where the deck finds them to draw the same marks natively.
 */
import type { Plugin } from "chart.js";
import type { Box, Segment } from "./geometry";
import { cssFont, type Theme } from "./theme";

export interface Line extends Segment {
  color: string;
  width: number;
  dash?: number[];
  /** What the line marks, for tests and for renderers that redraw it ("band:90", "quota", "iso:70"). */
  role: string;
}

export interface Label {
  text: string;
  /** The anchor: x at `align`, y at the text's middle. */
  x: number;
  y: number;
  align: "left" | "right" | "center";
  size: number;
  weight: "normal" | "bold";
  color: string;
  /** The room it takes (estimated, never narrower than drawn). */
  box: Box;
  /** What it labels ("score:3", "band:90", "name:12", "quota"). */
  role: string;
}

/** A short text on a rounded, filled rectangle (a badge: 亏损限档, 超出名额 …). */
export interface Chip {
  text: string;
  box: Box;
  size: number;
  fill: string;
  stroke: string;
  color: string;
  dash?: number[];
  role: string;
}

export interface AnnotationsSpec {
  /** Drawn before the data (under bars and points). */
  under: Line[];
  /** Drawn after the data. */
  over: Line[];
  labels: Label[];
  chips: Chip[];
}

export const emptyAnnotations = (): AnnotationsSpec => ({ under: [], over: [], labels: [], chips: [] });

type Ctx = CanvasRenderingContext2D;

function strokeLines(ctx: Ctx, lines: readonly Line[]): void {
  for (const l of lines) {
    ctx.save();
    ctx.strokeStyle = l.color;
    ctx.lineWidth = l.width;
    ctx.setLineDash(l.dash ?? []);
    ctx.beginPath();
    ctx.moveTo(l.x1, l.y1);
    ctx.lineTo(l.x2, l.y2);
    ctx.stroke();
    ctx.restore();
  }
}

function roundRect(ctx: Ctx, b: Box, r: number): void {
  const rr = Math.min(r, (b.bottom - b.top) / 2, (b.right - b.left) / 2);
  ctx.beginPath();
  ctx.moveTo(b.left + rr, b.top);
  ctx.arcTo(b.right, b.top, b.right, b.bottom, rr);
  ctx.arcTo(b.right, b.bottom, b.left, b.bottom, rr);
  ctx.arcTo(b.left, b.bottom, b.left, b.top, rr);
  ctx.arcTo(b.left, b.top, b.right, b.top, rr);
  ctx.closePath();
}

export function annotations(theme: Theme, spec: AnnotationsSpec): Plugin & { spec: AnnotationsSpec } {
  return {
    id: "kp-annotations",
    spec,
    beforeDatasetsDraw(chart) {
      strokeLines(chart.ctx, spec.under);
    },
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      strokeLines(ctx, spec.over);
      for (const c of spec.chips) {
        ctx.save();
        roundRect(ctx, c.box, 4);
        ctx.fillStyle = c.fill;
        ctx.fill();
        ctx.strokeStyle = c.stroke;
        ctx.lineWidth = 1;
        ctx.setLineDash(c.dash ?? []);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = cssFont(theme, c.size, "bold");
        ctx.fillStyle = c.color;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(c.text, (c.box.left + c.box.right) / 2, (c.box.top + c.box.bottom) / 2 + 0.5);
        ctx.restore();
      }
      for (const l of spec.labels) {
        ctx.save();
        ctx.font = cssFont(theme, l.size, l.weight);
        ctx.fillStyle = l.color;
        ctx.textAlign = l.align;
        ctx.textBaseline = "middle";
        ctx.fillText(l.text, l.x, l.y);
        ctx.restore();
      }
    },
  };
}

/** The box of a text anchored at (x, y middle) with an alignment, from the estimate. */
export function labelBox(x: number, y: number, width: number, size: number, align: "left" | "right" | "center"): Box {
  const left = align === "left" ? x : align === "right" ? x - width : x - width / 2;
  const half = Math.ceil(size * 0.62);
  return { left, right: left + width, top: y - half, bottom: y + half };
}
