/** The shapes the chart builders hand to every renderer (pane, PNG, native Excel charts, deck). */
import type { ChartConfiguration } from "chart.js";
import type { GradeBand } from "../method/types";
import type { GradeLabel } from "../workbook/gradeColors";
import type { AnnotationsSpec } from "./annotations";
import type { Box } from "./geometry";
import type { Theme } from "./theme";

export type ChartKind =
  | "decisions"
  | "ranking"
  | "distribution"
  | "quadrant"
  | "radar"
  | "votes"
  | "indicators"
  | "leaderVotes"
  | "leaderIndicators"
  | "robustness"
  | "term";

/** Pages: 需集体研究事项 (a table), 民主测评分项 (a table coloured as a heat map), 个人考核画像. */
export type PageKind = "matters" | "heatmap" | "portrait";

export type TableCell = string | number | null;

/**
 * The plain numbers behind a chart, one row per category (leader, unit, grade, …), so that the workbook and
 * the deck can build native charts from exactly what the PNG shows.
 */
export interface DataTable {
  headers: string[];
  rows: TableCell[][];
  /** The column holding the category labels. */
  category: number;
  /** The columns plotted as series, in legend order. */
  series: number[];
  /** Excel number format per column ("0.00", "0.0%", "0"), null for text. */
  formats: (string | null)[];
  /**
   * For each column, the 考核结果 header it is a copy of (docs/method.md §8), or null: a native chart may bind
   * that column to the live range instead of the copy.
   */
  resultColumns: (string | null)[];
  /** Fill per row (#RRGGBB) where the chart colours categories (by grade, or over/under target). */
  rowColors?: (string | null)[];
  /** Fill per series (#RRGGBB), in the order of `series`. */
  seriesColors?: string[];
}

/** One Chart.js chart: what a <canvas> (browser) or @napi-rs/canvas (Node) renders as it is. */
export interface ChartSpec {
  type: "chart";
  /** File-name safe, ASCII, unique within a gallery: "01-ranking", "01-ranking-2". */
  id: string;
  /** The PNG's base name without extension, file-name safe: "01-综合得分排名", "01-综合得分排名-2". */
  fileName: string;
  kind: ChartKind;
  /** With year and page, as drawn: "2025年度综合得分排名（1/3）". */
  title: string;
  /** The scope line under the title, as drawn. */
  subtitle: string;
  /** 数据来源：考核结果 · date — drawn at the bottom left. */
  source: string;
  /** Explanations drawn under the plot (pending leaders, how loss targets count, …), as plain text. */
  notes: string[];
  /** Present when the chart is one page of several. 1-based. */
  page?: { index: number; count: number };
  /** The leader (LeaderResult.index) a per-leader chart is about. */
  leader?: number;
  /** CSS pixels at 1×; renderers multiply by their scale (2× for slides). */
  width: number;
  height: number;
  /**
   * The plot rectangle Chart.js lays out, in CSS px, where the builder fixed the axes' sizes to know it
   * (geometry.ts): the charts whose labels and lines the builder places itself.
   */
  plot?: Box;
  /**
   * The builder's marks (labels, badges, lines) placed again for another plot of the same chart, with text of
   * `size` px: a renderer that draws the chart natively at another size (the deck) asks for its own. `slack`
   * widens the room taken by text the renderer itself draws (the deck's data labels, set by PowerPoint).
   */
  marksFor?: (plot: Box, size: number, slack?: number) => AnnotationsSpec;
  /** Self-contained: the plugins it needs are in `config.plugins`; register `chartComponents` once. */
  config: ChartConfiguration;
  table: DataTable;
}

export interface TextLine {
  text: string;
  size: number;
  weight?: "normal" | "bold";
  color: string;
  /** Extra space above the line, px. */
  gap?: number;
}

/** What a block of a page shows, for renderers that rebuild the page natively (the deck). */
export type BlockRole =
  | "title"
  | "subtitle"
  | "source"
  | "name"
  | "unit"
  | "position"
  | "final"
  | "rank"
  | "grade"
  | "scores"
  | "flags"
  | "caption"
  | "legend"
  | "table"
  | "chart";

interface BlockBase {
  role: BlockRole;
  /** Top-left corner and size on the page, CSS px at 1×. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lines of text, each wrapped to the block's width; what does not fit the height ends in "…". */
export interface TextBlock extends BlockBase {
  kind: "text";
  lines: TextLine[];
  align: "left" | "center" | "right";
}

/** A rounded label with a fill (the grade chip). */
export interface ChipBlock extends BlockBase {
  kind: "chip";
  text: string;
  size: number;
  fill: string;
  color: string;
  border: string;
}

export interface ChartBlock extends BlockBase {
  kind: "chart";
  /** Its width and height equal the block's. */
  chart: ChartSpec;
}

/** A straight line (separators). */
export interface RuleBlock extends BlockBase {
  kind: "rule";
  color: string;
  lineWidth: number;
}

/** One cell of a table block. */
export interface BlockCell {
  text: string;
  fill?: string | null;
  color?: string;
  bold?: boolean;
  /** Overrides the column's alignment. */
  align?: "left" | "center" | "right";
  /** Columns it spans (header cells over groups of columns). */
  span?: number;
}

/**
 * A table: header rows, then body rows, every row of one height, cell text wrapped to `lines` lines
 * (shortened with "…" where it does not fit). The deck draws it as a native table, the workbook as cells.
 */
export interface TableBlock extends BlockBase {
  kind: "table";
  /** Width (px) and alignment per column; the widths add up to the block's width. */
  columns: { width: number; align: "left" | "center" | "right" }[];
  header: BlockCell[][];
  rows: BlockCell[][];
  rowHeight: number;
  /** Lines a body cell may wrap to (the rest ends in "…"); 1 by default. */
  lines?: number;
  /** Font size of the body; the header is bold at the same size. */
  size: number;
  headerFill: string;
  border: string;
}

export type PageBlock = TextBlock | ChipBlock | ChartBlock | RuleBlock | TableBlock;

/** The facts of a 个人考核画像, for renderers that lay the page out themselves. */
export interface PortraitFacts {
  index: number;
  name: string;
  unit: string;
  position: string;
  final: number | null;
  rank: number | null;
  graded: number;
  grade: GradeLabel;
  gradeColor: string;
  work: number | null;
  democratic: number | null;
  adjustment: number;
  flags: string[];
}

/** Several blocks composed on one canvas: a 个人考核画像, or one page of a table (需集体研究事项, 民主测评分项). */
export interface PageSpec {
  type: "page";
  id: string;
  fileName: string;
  kind: PageKind;
  title: string;
  subtitle: string;
  source: string;
  page?: { index: number; count: number };
  leader?: number;
  portrait?: PortraitFacts;
  width: number;
  height: number;
  background: string;
  /** Painted in order. */
  blocks: PageBlock[];
  /** The theme the page was built with: page painters take their font stack from it. */
  theme: Theme;
}

export type Figure = ChartSpec | PageSpec;

export interface ChartOptions {
  /** "2025": shown as 2025年度. Default: the year of the assessment's reference date. */
  year?: string;
  /** Who was assessed, shown under every title. Default: 企业党组织负责人考核评价. */
  scope?: string;
  /** YYYY-MM-DD for the source line. */
  date: string;
  theme?: Theme;
  /** For Chart.js number formatting; default zh-CN. */
  locale?: string;
  /** The method's grade bands (grades.bands): the lines drawn at 90 / 70 / 60 by default. */
  bands?: readonly GradeBand[];
  /**
   * The header of the 考核对象 column the quota is split by (grades.quotaGroupColumn), to name it; the
   * groups themselves come from the assessment.
   */
  quotaGroupColumn?: string | null;
  /**
   * Without the title, scope line and source line: for media that set those natively around the picture
   * (the deck). The chart is that much shorter; its plot keeps its size.
   */
  bare?: boolean;
}
