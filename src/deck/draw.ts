/**
 * Drawing on a slide in the charts' own units: a 16:9 slide of 13⅓ × 7½ in is 1280 × 720 CSS px at 96 px per
 * inch, the size of a meeting chart or a 个人考核画像 at 1×. So a page's blocks land where the PNG has them,
 * and a font of 24 px is 18 pt, as on the PNG.
 */
import type PptxGenJS from "pptxgenjs";
import { textWidth } from "../charts/text";
import { hex } from "./ooxml";

export const SLIDE_W = 1280;
export const SLIDE_H = 720;
/** px → inches. */
export const inch = (px: number): number => Math.round((px / 96) * 10000) / 10000;
/** px → points. */
export const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextRun {
  text: string;
  /** px */
  size: number;
  color: string;
  bold?: boolean;
  /** Extra space above the paragraph, px. */
  gap?: number;
}

export interface TextOptions {
  align?: "left" | "center" | "right";
  valign?: "top" | "middle" | "bottom";
  /** Shrink the text when it overflows (PowerPoint applies it on open). */
  shrink?: boolean;
  /** false: one line, however wide (legend labels). */
  wrap?: boolean;
}

export type Dash = "solid" | "dash" | "sysDash";

/** A cell of a native table (SlideCanvas.table). */
export interface TableRowCell {
  text: string;
  color: string;
  fill?: string | null;
  bold?: boolean;
  align: "left" | "center" | "right";
  span?: number;
}
export type TableRowCells = TableRowCell[];

/** Chart.js dash patterns → the nearest preset: long dashes (≥ 5 px) are "dash", short ones "sysDash". */
export function dashOf(dash: readonly number[] | undefined): Dash {
  if (!dash || dash.length === 0) return "solid";
  return dash[0] >= 5 ? "dash" : "sysDash";
}

/** The charts' text estimate (charts/text.ts): one helper for every builder and the deck. */
export { textWidth };

/** How many lines `text` takes in a box `width` px wide. */
export function lineCount(text: string, size: number, width: number): number {
  return Math.max(1, Math.ceil(textWidth(text, size) / Math.max(1, width)));
}

/** A slide to draw on in px, every text in one face and language. */
export class SlideCanvas {
  constructor(
    readonly pptx: PptxGenJS,
    readonly slide: PptxGenJS.Slide,
    readonly face: string,
    readonly lang: string,
  ) {}

  /** One paragraph per run. */
  text(r: Rect, runs: readonly TextRun[], o: TextOptions = {}): void {
    const items = runs.map((run, i) => ({
      text: run.text,
      options: {
        fontFace: this.face,
        fontSize: pt(run.size),
        color: hex(run.color),
        bold: run.bold ?? false,
        lang: this.lang,
        breakLine: i < runs.length - 1,
        ...(run.gap ? { paraSpaceBefore: pt(run.gap) } : {}),
      },
    }));
    this.slide.addText(items, {
      x: inch(r.x),
      y: inch(r.y),
      w: inch(r.w),
      h: inch(r.h),
      margin: 0,
      align: o.align ?? "left",
      valign: o.valign ?? "top",
      fontFace: this.face,
      lang: this.lang,
      wrap: o.wrap ?? true,
      ...(o.shrink ? { fit: "shrink" as const } : {}),
    });
  }

  rect(
    r: Rect,
    fill: string | null,
    line?: { color: string; width: number; dash?: Dash },
    shape: "rect" | "roundRect" = "rect",
    opacity = 1,
  ): void {
    this.slide.addShape(shape === "rect" ? this.pptx.ShapeType.rect : this.pptx.ShapeType.roundRect, {
      x: inch(r.x),
      y: inch(r.y),
      w: inch(r.w),
      h: inch(r.h),
      fill: fill === null ? { type: "none" } : { color: hex(fill), transparency: Math.round((1 - opacity) * 100) },
      line: line ? { color: hex(line.color), width: pt(line.width), dashType: line.dash ?? "solid" } : { type: "none" },
      ...(shape === "roundRect" ? { rectRadius: 0.25 } : {}),
    });
  }

  /** A straight line from (x1, y1) to (x2, y2). */
  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number, dash: Dash = "solid"): void {
    this.slide.addShape(this.pptx.ShapeType.line, {
      x: inch(Math.min(x1, x2)),
      y: inch(Math.min(y1, y2)),
      w: inch(Math.abs(x2 - x1)),
      h: inch(Math.abs(y2 - y1)),
      flipV: (x2 - x1) * (y2 - y1) < 0,
      line: { color: hex(color), width: pt(width), dashType: dash },
    });
  }

  /** A marker shape (legend keys). */
  marker(r: Rect, kind: PptxGenJS.SHAPE_NAME, fill: string, stroke: string): void {
    this.slide.addShape(kind, {
      x: inch(r.x),
      y: inch(r.y),
      w: inch(r.w),
      h: inch(r.h),
      fill: { color: hex(fill) },
      line: { color: hex(stroke), width: 0.75 },
    });
  }

  /**
   * A native table: columns of the widths given (px), rows of one height, each cell's text, fill, colour,
   * weight and alignment; thin borders; every text in the slide's face. Spanning cells take `span` columns.
   */
  table(
    x: number,
    y: number,
    widths: readonly number[],
    rowHeight: number,
    rows: readonly TableRowCells[],
    o: { size: number; border: string },
  ): void {
    const border = { type: "solid" as const, pt: 0.75, color: hex(o.border) };
    this.slide.addTable(
      rows.map((row) =>
        row.map((cell) => ({
          text: cell.text,
          options: {
            fontFace: this.face,
            fontSize: pt(o.size),
            color: hex(cell.color),
            bold: cell.bold ?? false,
            align: cell.align,
            valign: "middle" as const,
            lang: this.lang,
            // Inches (pptxgenjs reads values under 1 as inches): 2 px above and below, 5 px at the sides.
            margin: [inch(2), inch(5), inch(2), inch(5)] as [number, number, number, number],
            border: [border, border, border, border],
            ...(cell.fill ? { fill: { color: hex(cell.fill) } } : {}),
            ...(cell.span && cell.span > 1 ? { colspan: cell.span } : {}),
          },
        })),
      ),
      {
        x: inch(x),
        y: inch(y),
        w: inch(widths.reduce((s, w) => s + w, 0)),
        colW: widths.map(inch),
        rowH: rows.map(() => inch(rowHeight)),
        fontFace: this.face,
        autoPage: false,
      },
    );
  }

  image(r: Rect, data: string, altText: string): void {
    this.slide.addImage({ data, x: inch(r.x), y: inch(r.y), w: inch(r.w), h: inch(r.h), altText });
  }

  /** A native chart; `altText` is what a screen reader says for it (its title). */
  chart(type: PptxGenJS.CHART_NAME, data: unknown[], r: Rect, altText: string, options: Record<string, unknown>): void {
    // pptxgenjs types the data as number[] only (no blanks) and some axis options narrower than it accepts
    // (catAxisOrientation "maxMin", catAxisCrossesAt "max"); the XML it writes for them is checked in tests.
    this.slide.addChart(
      type,
      data as never[],
      {
        x: inch(r.x),
        y: inch(r.y),
        w: inch(r.w),
        h: inch(r.h),
        lang: this.lang,
        altText,
        ...options,
      } as PptxGenJS.IChartOpts,
    );
  }
}
