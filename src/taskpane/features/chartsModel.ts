/**
 * The pure parts of the 图表 view (no DOM, no canvas): which assessment the charts show, the gallery's groups,
 * the scales and file names of renders, what 插入会议图表 would replace, and how many pictures the deck will
 * ask the pane to draw (for its progress bar). Loaded with the view, in its chunk.
 */
import type { ChartOptions, Figure, PageSpec } from "../../charts/types";
import { isNative } from "../../deck/native";
import type { DeckOptions } from "../../deck/deck";
import type { Assessment } from "../../engine/types";
import type { Method } from "../../method/types";
import type { MeetingSheetContents } from "../../excel/addin";
import type { TitleInfo } from "../../workbook/titles";

/** What the charts are drawn from: the last 计算, or a preview (scored, nothing written). */
export interface ChartSource {
  assessment: Assessment;
  /** The method it was scored with: the charts draw its grade bands and name its quota group column. */
  method?: Method;
  titles: TitleInfo;
  kind: "calculate" | "preview";
  /** ISO time stamp of the run. */
  at: string;
}

type Scored = { assessment: Assessment; at: string; titles: TitleInfo; method?: Method } | null;
type Previewed = { assessment: Assessment; at: string; titles: TitleInfo; method?: Method } | null;

/** The newer of the last 计算 and the last preview (a 计算 wins a tie: it is what 考核结果 holds). */
export function chartSource(scored: Scored, preview: Previewed): ChartSource | null {
  const calc: ChartSource | null = scored ? { ...scored, kind: "calculate" } : null;
  const prev: ChartSource | null = preview ? { ...preview, kind: "preview" } : null;
  if (!calc) return prev;
  if (!prev) return calc;
  return prev.at > calc.at ? prev : calc;
}

/**
 * The builders' options for a source: year and group from the title rows, the day for the source line, and
 * from the method the grade bands and the quota group column.
 */
export function chartOptionsFor(source: Pick<ChartSource, "titles" | "method">, date: string): ChartOptions {
  const grades = source.method?.grades;
  return {
    date,
    ...(source.titles.year ? { year: source.titles.year } : {}),
    ...(source.titles.scope ? { scope: source.titles.scope } : {}),
    ...(grades ? { bands: grades.bands, quotaGroupColumn: grades.quotaGroupColumn } : {}),
  };
}

export interface GalleryGroup<F> {
  /** "00" … "06" (the decisions are 00: two groups share it). */
  number: string;
  /** Unique: the figures' id without a page ("00-decisions", "01-ranking"). */
  key: string;
  /** "综合得分排名": the file name without its number and page. */
  name: string;
  figures: F[];
}

/**
 * Figures grouped by figure (the pages of a paged chart or table together), in gallery order. Ids start with
 * the number and the figure's word ("01-ranking-2"); file names carry the name ("01-综合得分排名-2").
 */
export function galleryGroups<F extends Pick<Figure, "id" | "fileName" | "page">>(
  figures: readonly F[],
): GalleryGroup<F>[] {
  const out: GalleryGroup<F>[] = [];
  for (const f of figures) {
    const number = /^(\d+)-/.exec(f.id)?.[1] ?? f.id;
    const key = f.page && f.page.count > 1 ? f.id.replace(/-\d+$/, "") : f.id;
    let g = out.length > 0 && out[out.length - 1].key === key ? out[out.length - 1] : null;
    if (!g) {
      let name = f.fileName.replace(/^\d+-/, "");
      if (f.page && f.page.count > 1) name = name.replace(/-\d+$/, "");
      g = { number, key, name, figures: [] };
      out.push(g);
    }
    g.figures.push(f);
  }
  return out;
}

/** Pixels per CSS px of a render: Chart.js floors width × ratio, and pages are drawn the same way. */
export function renderSize(figure: Pick<Figure, "width" | "height">, scale: number): { width: number; height: number } {
  return { width: Math.floor(figure.width * scale), height: Math.floor(figure.height * scale) };
}

/**
 * The scale to draw a figure at so that it is crisp in a box `boxWidth` CSS px wide on a screen of
 * `devicePixelRatio` — no more pixels than the screen shows (a 200-leader gallery stays light).
 */
export function displayScale(boxWidth: number, figureWidth: number, devicePixelRatio: number): number {
  const dpr = devicePixelRatio > 0 && isFinite(devicePixelRatio) ? devicePixelRatio : 1;
  const raw = boxWidth > 0 && figureWidth > 0 ? (boxWidth * dpr) / figureWidth : dpr;
  return Math.round(Math.min(4, Math.max(0.25, raw)) * 100) / 100;
}

/** The PNG scales offered for download: 2× for slides, 3× for print. */
export const PNG_SCALES: readonly number[] = [2, 3];
/** The scale of pictures on 会议图表 and in the deck (as the command line writes them). */
export const PICTURE_SCALE = 2;

/** "01-综合得分排名@2x.png". */
export function pngFileName(figure: Pick<Figure, "fileName">, scale: number): string {
  return `${figure.fileName}@${scale}x.png`;
}

/** Which 个人考核画像 go into the deck. */
export type PortraitChoice = "none" | "picked" | "all";

export function deckPortraits(choice: PortraitChoice, picked: number | null): DeckOptions["portraits"] {
  if (choice === "all") return "all";
  if (choice === "picked" && picked !== null) return [picked];
  return false;
}

/** The figures buildDeck draws as native charts on a slide of their own (deck.ts SLIDE_CHARTS). */
const SLIDE_NATIVE: ReadonlySet<string> = new Set(["decisions", "ranking", "distribution", "quadrant", "votes"]);
/** The pages it draws as native tables (deck.ts SLIDE_TABLES). */
const SLIDE_TABLES: ReadonlySet<string> = new Set(["matters", "heatmap"]);
/** The chart blocks of a portrait it draws natively (deck.ts portraitSlide). */
const PORTRAIT_NATIVE: ReadonlySet<string> = new Set(["radar", "leaderVotes"]);

/**
 * How many pictures buildDeck will ask its ImageProvider for: the figures it cannot draw natively, and the
 * chart blocks of each portrait page it cannot. (test/taskpane/chartsModel.test.ts holds this to the deck.)
 */
export function deckPictureCount(figures: readonly Figure[], portraits: readonly PageSpec[]): number {
  let n = 0;
  for (const f of figures) {
    if (f.type === "chart" && SLIDE_NATIVE.has(f.kind) && isNative(f)) continue;
    if (f.type === "page" && SLIDE_TABLES.has(f.kind)) continue;
    n++;
  }
  for (const p of portraits)
    for (const b of p.blocks) if (b.kind === "chart" && !(PORTRAIT_NATIVE.has(b.chart.kind) && isNative(b.chart))) n++;
  return n;
}

/** Progress of the deck as a fraction 0–1: pictures first, then the package (one more step). */
export function deckFraction(done: number, total: number, packaging: boolean): number {
  const steps = total + 1;
  const at = Math.min(done, total) + (packaging ? 1 : 0);
  return Math.max(0, Math.min(1, at / steps));
}

export interface ReplacedLine {
  kind: "charts" | "pictures" | "cells";
  /** The names, or the used range for cells. */
  items: string[];
}

/** What a replacement of 会议图表 deletes, in the order to list it; kinds it does not hold are left out. */
export function replacedLines(c: MeetingSheetContents): ReplacedLine[] {
  const out: ReplacedLine[] = [];
  if (c.charts.length > 0) out.push({ kind: "charts", items: c.charts.slice() });
  if (c.pictures.length > 0) out.push({ kind: "pictures", items: c.pictures.slice() });
  if (c.usedRange) out.push({ kind: "cells", items: [c.usedRange] });
  return out;
}

/** Names listed at most per line of the confirmation; the rest is counted. */
export const LIST_AT_MOST = 8;

/** "甲、乙、丙" or "甲、乙 … (+5)" — the caller words the count. */
export function shortList(items: readonly string[], max = LIST_AT_MOST): { shown: string[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** 1.2 MB, 850 KB: the size of a download, for people. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
