/**
 * The 会议图表 sheet as plain data (pure: no Office.js): its cells as a SheetLayout (title lines, the data
 * tables the native charts are bound to), the native charts as ChartPlans (type, series and the ranges they
 * are bound to, axes, colours, the block of cells each covers), and for pictures mode where each picture goes.
 * src/excel/charts.ts applies it through Office.js.
 *
 * What is live and what is not:
 * - 综合得分排名 is bound to a sorted table of formulas on this sheet: per row of 考核结果 a sort key
 *   (COUNTIF of smaller ranks + the tie's occurrence so far), then per position k the 考核结果 row whose key
 *   is k (INDEX/MATCH). Only INDEX, MATCH, COUNTIF, IF, IFERROR, ISNUMBER, AND and NA: Excel 2016+ and
 *   LibreOffice evaluate them without array formulas or dynamic arrays. Sorting 考核结果 by hand does not
 *   break it (ties then follow the sheet's order).
 * - 工作业绩 × 民主测评: X is bound to 考核结果's 工作业绩 column itself; Y per grade is a formula column
 *   (民主测评 where the row has that grade, else #N/A, which Excel does not plot).
 * - 等次分布 counts 考核结果's 等次 column with COUNTIF.
 * - 德能勤廉雷达 and 测评票构成 need numbers 考核结果 does not have (per dimension, per vote category): their
 *   tables hold values written at insertion, and their titles and the sheet's note say so.
 * Grade colours stay true when 考核结果 changes: ranking and scatter have one series per grade (the bars
 * overlap fully, so each name shows one bar, in its grade's colour); per-point fills are used only where
 * the categories are the grades themselves (等次分布). Point fills on a chart bound to rows that can
 * change grade would keep the old colours.
 * The tables are sized for the leaders of the assessment: after leaders are added or removed, insert again.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import {
  dimensionAverages,
  dimensionNames,
  leaderVotes,
  leadersInRankOrder,
  pages,
  radarScale,
  rankedLeaders,
  VOTE_CATEGORIES,
} from "../charts/data";
import { DISTRIBUTION_NAME, DISTRIBUTION_NUMBER, gradeCounts } from "../charts/distribution";
import { fileNameOf, frameOf, sourceOf, titleOf, type Frame, type Page } from "../charts/frame";
import { axisRange, QUADRANT_NAME, QUADRANT_NUMBER } from "../charts/quadrant";
import { RADAR_NAME, RADAR_NUMBER } from "../charts/radar";
import { RANKING_NAME, RANKING_NUMBER, RANKING_ROWS_PER_PAGE, rankingAxisMax } from "../charts/ranking";
import { shade } from "../charts/theme";
import { VOTES_NAME, VOTES_NUMBER, VOTES_ROWS_PER_PAGE } from "../charts/votes";
import { columnLetters } from "../workbook/address";
import { GRADE_COLORS, type GradeLabel } from "../workbook/gradeColors";
import type { CellValue, Grid } from "../workbook/grid";
import { SHEETS } from "../workbook/input";
import {
  type CellRange,
  type CellStyle,
  type ColumnLayout,
  type FormulaCell,
  type LayoutValue,
  RESULT_HEADER_FILL,
  resultColumn,
  type SheetLayout,
  type StyledRange,
  textCellsOf,
} from "../workbook/layout";
import { nameKey } from "../workbook/normalize";
import { displayWidth } from "../workbook/textWidth";
import { charsToPoints } from "./grid";

export const MEETING_SHEET = "会议图表";
const RESULTS = SHEETS.results;

/** Row height of every row of the sheet, points: set explicitly so that pictures can be placed in points. */
export const ROW_POINTS = 15;
/** Column widths (characters) of the chart grid: a margin, two blocks of CHART_COLS columns, gaps. */
const MARGIN_CHARS = 2;
const GAP_CHARS = 2;
const CHART_COL_CHARS = 10;
const CHART_COLS = 8;
/** 0-based first column of each of the two chart blocks (B and K), and of the data tables (T). */
const BLOCK_LEFT = [1, 2 + CHART_COLS] as const;
export const DATA_LEFT = 3 + 2 * CHART_COLS;
/** Chart blocks start on row 5; the tables' titles are on row 5, headers on row 6, data from row 7. */
const GRID_TOP = 4;
const TABLE_TITLE_ROW = 4;
const TABLE_HEADER_ROW = 5;
const TABLE_DATA_ROW = 6;
/** Height in rows of a chart block, and of a bar chart of n bars (15 pt a bar and room for title and axes). */
const BLOCK_ROWS = 20;
const barRows = (n: number) => Math.max(BLOCK_ROWS, n + 7);
/**
 * The ranking's grade series hold "" where a row has another grade: a bar column plots text as a bar of
 * length 0, and this format (empty zero section) leaves its label blank. (#N/A, which a scatter needs, would
 * show as a "#N/A" label on bars in older Excel.)
 */
const BAR_LABEL_FORMAT = "0.00;-0.00;;";

/** The four grades a graded leader can have, in legend order. */
export const GRADES = ["优秀", "称职", "基本称职", "不称职"] as const;

/** Excel's marker per grade: the shapes of the Chart.js scatter (GRADE_POINT_STYLE), so it reads in grey. */
const GRADE_MARKER: Readonly<Record<(typeof GRADES)[number], ExcelMarker>> = {
  优秀: "Triangle",
  称职: "Circle",
  基本称职: "Square",
  不称职: "X",
};

export type ExcelMarker = "Triangle" | "Circle" | "Square" | "X" | "Diamond";
export type NativeChartType = "BarClustered" | "BarStacked100" | "ColumnClustered" | "XYScatter" | "RadarMarkers";

/** A range on a sheet, 0-based, both ends included. */
export interface SheetRange {
  sheet: string;
  range: CellRange;
}

export interface SeriesPlan {
  name: string;
  values: SheetRange;
  /** Category names (bar, column, radar) or X values (scatter). */
  xValues: SheetRange | null;
  fill?: string;
  line?: string;
  marker?: { style: ExcelMarker; fill: string; border: string; size: number };
  /** Fill per point, by index (only where the categories never change meaning). */
  pointFills?: string[];
  /** Value labels; `position` only where the chart type has it (not radar). */
  dataLabels?: { numberFormat: string; position?: "OutsideEnd" | "InsideEnd" | "Center" };
}

export interface AxisPlan {
  title: string | null;
  min?: number;
  max?: number;
  majorUnit?: number;
  reverse?: boolean;
  numberFormat?: string;
}

export interface ChartPlan {
  kind: "ranking" | "votes" | "distribution" | "quadrant" | "radar";
  /** Unique on the sheet; the PNG's base name: "01-综合得分排名-2". */
  name: string;
  /** With year, page and scope. */
  title: string;
  type: NativeChartType;
  /** The first series' values are the source the chart is added with; the others are added to it. */
  series: SeriesPlan[];
  categoryAxis: AxisPlan | null;
  valueAxis: AxisPlan | null;
  legend: "Top" | "Bottom" | "Right" | null;
  /** Bar charts: overlap of the series (100: one bar per category) and the gap between categories. */
  overlap?: number;
  gapWidth?: number;
  /** Bound to 考核结果 (directly or through formulas on this sheet), or to values written at insertion. */
  live: boolean;
  /** The cells it covers on 会议图表. */
  at: CellRange;
}

export interface TablePlan {
  key: "ranking" | "rows" | "distribution" | "radar" | "votes";
  title: string;
  /** Header row to last data row. */
  range: CellRange;
  live: boolean;
}

export interface MeetingLayout {
  layout: SheetLayout;
  charts: ChartPlan[];
  tables: TablePlan[];
  /** Rows whose height is set to ROW_POINTS (from row 1). */
  rows: number;
}

export interface MeetingOptions {
  /** YYYY-MM-DD: the source line. */
  date: string;
  year?: string;
  scope?: string;
}

// ───────────────────────────── cells ─────────────────────────────

/** A sparse sheet being filled, turned into a SheetLayout at the end. */
class Cells {
  values: LayoutValue[][] = [];
  formulas: FormulaCell[] = [];
  styles: StyledRange[] = [];
  widths = new Map<number, number>();
  formats = new Map<number, string>();

  set(row: number, col: number, v: LayoutValue): void {
    while (this.values.length <= row) this.values.push([]);
    const line = this.values[row];
    while (line.length <= col) line.push(null);
    line[col] = v;
  }

  formula(row: number, col: number, formula: string): void {
    this.set(row, col, null);
    this.formulas.push({ row, col, formula });
  }

  style(range: CellRange, style: CellStyle): void {
    this.styles.push({ range, style });
  }

  layout(headerRows: number): SheetLayout {
    const width = Math.max(0, ...this.values.map((r) => r.length), ...[...this.widths.keys()].map((c) => c + 1));
    const columns: ColumnLayout[] = Array.from({ length: width }, (_, c) => ({
      width: this.widths.get(c) ?? 8.43,
      numberFormat: this.formats.get(c) ?? null,
    }));
    return {
      sheet: MEETING_SHEET,
      values: this.values,
      textCells: textCellsOf(this.values),
      formulas: this.formulas,
      headerRows,
      columns,
      freeze: { rows: 0, columns: 0 },
      autoFilter: null,
      styles: this.styles,
      notes: [],
    };
  }
}

/** `$H$2` style references. */
const abs = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
const absCol = (row: number, col: number) => `$${columnLetters(col)}${row + 1}`;
const absRange = (top: number, bottom: number, col: number) => `${abs(top, col)}:${abs(bottom, col)}`;
const resultsRef = `'${RESULTS}'!`;
/** 考核结果's column of a header, as letters. */
const rc = (header: string) => resultColumn(header);

/** Text in a formula: a string literal. */
const lit = (s: string) => `"${s.replace(/"/g, '""')}"`;

const MUTED = "#5B6472";
const SERIES_TEXT = "#9AA1AB";

function widthFor(header: string, shown: readonly string[]): number {
  let w = displayWidth(header) * 1.1;
  for (const s of shown) w = Math.max(w, displayWidth(s));
  return Math.min(40, Math.max(6, Math.ceil((w + 2) * 4) / 4));
}

interface TableColumn {
  header: string;
  format: string | null;
  /** What the column shows, for its width. */
  shown: string[];
  /** Grey text: a chart's series column, mostly #N/A. */
  series?: boolean;
}

/** Title, header row and widths of a table at `left`; rows are filled by the caller. */
function tableFrame(
  cells: Cells,
  left: number,
  title: string,
  columns: readonly TableColumn[],
  rows: number,
): CellRange {
  cells.set(TABLE_TITLE_ROW, left, title);
  cells.style({ top: TABLE_TITLE_ROW, bottom: TABLE_TITLE_ROW, left, right: left }, { bold: true });
  columns.forEach((c, i) => {
    cells.set(TABLE_HEADER_ROW, left + i, c.header);
    cells.widths.set(left + i, widthFor(c.header, c.shown));
    if (c.format !== null) cells.formats.set(left + i, c.format);
    if (c.series && rows > 0)
      cells.style(
        { top: TABLE_DATA_ROW, bottom: TABLE_DATA_ROW + rows - 1, left: left + i, right: left + i },
        { fontColor: SERIES_TEXT },
      );
  });
  cells.style(
    { top: TABLE_HEADER_ROW, bottom: TABLE_HEADER_ROW, left, right: left + columns.length - 1 },
    { bold: true, fill: RESULT_HEADER_FILL, horizontalAlignment: "center" },
  );
  return { top: TABLE_HEADER_ROW, bottom: TABLE_HEADER_ROW + rows, left, right: left + columns.length - 1 };
}

const num = (x: number | null, digits = 2) => (x === null ? "" : x.toFixed(digits));

// ───────────────────────────── the tables ─────────────────────────────

/** Where each table starts (0-based columns), from DATA_LEFT, one empty column between tables. */
const RANKING_COLS = 7 + GRADES.length;
const ROWS_COLS = 3 + GRADES.length;
const TABLE_LEFT = {
  ranking: DATA_LEFT,
  rows: DATA_LEFT + RANKING_COLS + 1,
  distribution: DATA_LEFT + RANKING_COLS + 1 + ROWS_COLS + 1,
  radar: DATA_LEFT + RANKING_COLS + 1 + ROWS_COLS + 1 + 3,
  votes: DATA_LEFT + RANKING_COLS + 1 + ROWS_COLS + 1 + 3 + 3,
};

/** Columns of the sorted ranking table, relative to its left. */
export const RANKING_TABLE = { position: 0, row: 1, rank: 2, name: 3, unit: 4, final: 5, grade: 6, series: 7 } as const;
/** Columns of the per-row table (one row per data row of 考核结果), relative to its left. */
export const ROWS_TABLE = { row: 0, name: 1, key: 2, series: 3 } as const;

interface Tables {
  tables: TablePlan[];
  /** Data rows of the ranking table (G) and of the votes table. */
  ranked: LeaderResult[];
  votes: { l: LeaderResult; counts: number[]; total: number }[];
  grades: GradeLabel[];
  dims: string[];
  lastRow: number;
}

function writeTables(cells: Cells, a: Assessment): Tables {
  const n = a.leaders.length;
  const lastResultRow = n; // 0-based row of the last data row of 考核结果 (row 1 is the header)
  const col = (header: string, row: number, kind: "abs" | "rowRel" = "rowRel") =>
    `${resultsRef}${kind === "abs" ? abs(row, rc(header)) : absCol(row, rc(header))}`;
  const resultsColumn = (header: string, fromRow = 1) => `${resultsRef}${absRange(fromRow, lastResultRow, rc(header))}`;
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  const ranked = rankedLeaders(a);
  const tables: TablePlan[] = [];

  // Per data row of 考核结果: the sort key and the scatter's Y value per grade.
  {
    const left = TABLE_LEFT.rows;
    const columns: TableColumn[] = [
      { header: "考核结果行", format: "0", shown: [String(n + 1)] },
      { header: "姓名", format: null, shown: leaders.map((l) => l.name) },
      { header: "排序键", format: "0", shown: [String(n)] },
      ...GRADES.map((g) => ({ header: `民主测评·${g}`, format: "0.00", shown: ["#N/A", "100.00"], series: true })),
    ];
    const title = "按考核结果各行：排序键与散点图数据（公式）";
    const range = tableFrame(cells, left, title, columns, n);
    leaders.forEach((_, i) => {
      const row = TABLE_DATA_ROW + i;
      const r = i + 1; // the 考核结果 row, 0-based
      cells.set(row, left + ROWS_TABLE.row, r + 1);
      cells.formula(row, left + ROWS_TABLE.name, `=IF(${col("姓名", r)}="","",${col("姓名", r)})`);
      const rank = col("排名", r);
      cells.formula(
        row,
        left + ROWS_TABLE.key,
        `=IF(ISNUMBER(${rank}),COUNTIF(${resultsColumn("排名")},"<"&${rank})+COUNTIF(${resultsRef}${abs(1, rc("排名"))}:${absCol(r, rc("排名"))},${rank}),"")`,
      );
      GRADES.forEach((g, k) => {
        const d = col("民主测评", r);
        cells.formula(
          row,
          left + ROWS_TABLE.series + k,
          `=IF(AND(${col("等次", r)}=${lit(g)},ISNUMBER(${col("工作业绩", r)}),ISNUMBER(${d})),${d},NA())`,
        );
      });
    });
    tables.push({ key: "rows", title, range, live: true });
  }

  // The graded leaders in rank order, by INDEX/MATCH on the sort keys.
  {
    const left = TABLE_LEFT.ranking;
    const g = ranked.length;
    const columns: TableColumn[] = [
      { header: "序号", format: "0", shown: [String(g)] },
      { header: "考核结果行", format: "0", shown: [String(n + 1)] },
      { header: "排名", format: "0", shown: [String(g)] },
      { header: "姓名", format: null, shown: ranked.map((l) => l.name) },
      { header: "单位", format: null, shown: ranked.map((l) => l.unit) },
      { header: "综合得分", format: "0.00", shown: ranked.map((l) => num(l.final)) },
      { header: "等次", format: null, shown: ranked.map((l) => l.grade) },
      ...GRADES.map((gr) => ({ header: gr, format: "0.00", shown: ["100.00"], series: true })),
    ];
    const title = "综合得分排名数据（公式，按排名排序）";
    const range = tableFrame(cells, left, title, columns, g);
    const rowsLeft = TABLE_LEFT.rows;
    const keyRange = absRange(TABLE_DATA_ROW, TABLE_DATA_ROW + n - 1, rowsLeft + ROWS_TABLE.key);
    const rowRange = absRange(TABLE_DATA_ROW, TABLE_DATA_ROW + n - 1, rowsLeft + ROWS_TABLE.row);
    for (let k = 0; k < g; k++) {
      const row = TABLE_DATA_ROW + k;
      const at = (c: number) => absCol(row, left + c);
      cells.set(row, left + RANKING_TABLE.position, k + 1);
      cells.formula(
        row,
        left + RANKING_TABLE.row,
        n === 0 ? `=""` : `=IFERROR(INDEX(${rowRange},MATCH(${at(RANKING_TABLE.position)},${keyRange},0)),"")`,
      );
      const pick = (header: string) =>
        `=IF(${at(RANKING_TABLE.row)}="","",INDEX(${resultsColumn(header, 0)},${at(RANKING_TABLE.row)}))`;
      cells.formula(row, left + RANKING_TABLE.rank, pick("排名"));
      cells.formula(row, left + RANKING_TABLE.name, pick("姓名"));
      cells.formula(row, left + RANKING_TABLE.unit, pick("单位"));
      cells.formula(row, left + RANKING_TABLE.final, pick("综合得分"));
      cells.formula(row, left + RANKING_TABLE.grade, pick("等次"));
      GRADES.forEach((gr, i) => {
        cells.formula(
          row,
          left + RANKING_TABLE.series + i,
          `=IF(AND(${at(RANKING_TABLE.grade)}=${lit(gr)},ISNUMBER(${at(RANKING_TABLE.final)})),${at(RANKING_TABLE.final)},"")`,
        );
      });
    }
    tables.unshift({ key: "ranking", title, range, live: true });
  }

  // 等次分布: COUNTIF over 考核结果's 等次.
  const counts = gradeCounts(a);
  {
    const left = TABLE_LEFT.distribution;
    const columns: TableColumn[] = [
      { header: "等次", format: null, shown: counts.grades },
      { header: "人数", format: "0", shown: [String(n)] },
    ];
    const title = "等次分布（公式）";
    const range = tableFrame(cells, left, title, columns, counts.grades.length);
    counts.grades.forEach((grade, i) => {
      const row = TABLE_DATA_ROW + i;
      cells.set(row, left, grade);
      cells.style({ top: row, bottom: row, left, right: left }, { fill: GRADE_COLORS[grade] });
      cells.formula(row, left + 1, `=COUNTIF(${resultsColumn("等次")},${absCol(row, left)})`);
    });
    tables.push({ key: "distribution", title, range, live: true });
  }

  // 德能勤廉: the mean over all leaders per dimension (values).
  const dims = dimensionNames(a);
  {
    const left = TABLE_LEFT.radar;
    const averages = dimensionAverages(a, dims);
    const columns: TableColumn[] = [
      { header: "维度", format: null, shown: dims },
      { header: "全体平均", format: "0.00", shown: averages.map((x) => num(x)) },
    ];
    const title = "德能勤廉（插入时数值）";
    const range = tableFrame(cells, left, title, columns, dims.length);
    dims.forEach((d, i) => {
      cells.set(TABLE_DATA_ROW + i, left, d);
      cells.set(TABLE_DATA_ROW + i, left + 1, averages[i]);
    });
    tables.push({ key: "radar", title, range, live: false });
  }

  // 测评票: per leader with votes, in rank order, pending after (values).
  const votes = leadersInRankOrder(a)
    .map((l) => ({ l, ...leaderVotes(l) }))
    .filter((v) => v.total > 0)
    .map((v) => ({ l: v.l, counts: v.counts, total: v.total }));
  {
    const left = TABLE_LEFT.votes;
    const columns: TableColumn[] = [
      { header: "排名", format: "0", shown: ["暂缓"] },
      { header: "姓名", format: null, shown: votes.map((v) => v.l.name) },
      { header: "单位", format: null, shown: votes.map((v) => v.l.unit) },
      { header: "等次", format: null, shown: votes.map((v) => v.l.grade) },
      ...VOTE_CATEGORIES.map((c) => ({ header: c, format: "0", shown: votes.map((v) => String(v.total)) })),
      { header: "合计", format: "0", shown: votes.map((v) => String(v.total)) },
    ];
    const title = "测评票构成（插入时数值，票数）";
    const range = tableFrame(cells, left, title, columns, votes.length);
    votes.forEach((v, i) => {
      const row = TABLE_DATA_ROW + i;
      cells.set(row, left, v.l.rank ?? "暂缓");
      cells.set(row, left + 1, v.l.name);
      cells.set(row, left + 2, v.l.unit);
      cells.set(row, left + 3, v.l.grade);
      v.counts.forEach((c, k) => cells.set(row, left + 4 + k, c));
      cells.set(row, left + 4 + VOTE_CATEGORIES.length, v.total);
    });
    tables.push({ key: "votes", title, range, live: false });
  }

  const lastRow = TABLE_DATA_ROW + Math.max(n, ranked.length, counts.grades.length, dims.length, votes.length) - 1;
  return { tables, ranked, votes, grades: counts.grades, dims, lastRow };
}

// ───────────────────────────── the charts ─────────────────────────────

type Unplaced = Omit<ChartPlan, "at"> & { rows: number };

const onSheet = (range: CellRange): SheetRange => ({ sheet: MEETING_SHEET, range });
const column = (col: number, top: number, bottom: number): CellRange => ({ top, bottom, left: col, right: col });

function chartTitle(f: Frame, name: string, page?: Page, note?: string): string {
  return `${titleOf(f, name, page)}${note ?? ""} · ${f.scope}`;
}

function rankingPlans(f: Frame, a: Assessment, t: Tables): Unplaced[] {
  if (t.ranked.length === 0) return [];
  const left = TABLE_LEFT.ranking;
  const groups = pages(t.ranked, RANKING_ROWS_PER_PAGE);
  let start = 0;
  const max = rankingAxisMax(a);
  return groups.map((rows, p) => {
    const page = { index: p + 1, count: groups.length };
    const top = TABLE_DATA_ROW + start;
    const bottom = top + rows.length - 1;
    start += rows.length;
    return {
      kind: "ranking",
      name: fileNameOf(RANKING_NUMBER, RANKING_NAME, page),
      title: chartTitle(f, RANKING_NAME, page),
      type: "BarClustered",
      series: GRADES.map((g, i) => ({
        name: g,
        values: onSheet(column(left + RANKING_TABLE.series + i, top, bottom)),
        xValues: onSheet(column(left + RANKING_TABLE.name, top, bottom)),
        fill: GRADE_COLORS[g],
        dataLabels: { numberFormat: BAR_LABEL_FORMAT, position: "OutsideEnd" },
      })),
      categoryAxis: { title: null, reverse: true },
      valueAxis: { title: "综合得分", min: 0, max, majorUnit: 10, numberFormat: "0" },
      legend: "Top",
      overlap: 100,
      gapWidth: 40,
      live: true,
      rows: barRows(rows.length),
    };
  });
}

function votesPlans(f: Frame, t: Tables): Unplaced[] {
  if (t.votes.length === 0) return [];
  const left = TABLE_LEFT.votes;
  const groups = pages(t.votes, VOTES_ROWS_PER_PAGE);
  let start = 0;
  return groups.map((rows, p) => {
    const page = { index: p + 1, count: groups.length };
    const top = TABLE_DATA_ROW + start;
    const bottom = top + rows.length - 1;
    start += rows.length;
    return {
      kind: "votes",
      name: fileNameOf(VOTES_NUMBER, VOTES_NAME, page),
      title: chartTitle(f, VOTES_NAME, page, "（插入时数值）"),
      type: "BarStacked100",
      series: VOTE_CATEGORIES.map((c, i) => ({
        name: c,
        values: onSheet(column(left + 4 + i, top, bottom)),
        xValues: onSheet(column(left + 1, top, bottom)),
        fill: GRADE_COLORS[c],
        line: "#FFFFFF",
      })),
      categoryAxis: { title: null, reverse: true },
      valueAxis: { title: "占有效票比例", numberFormat: "0%", majorUnit: 0.1 },
      legend: "Top",
      overlap: 100,
      gapWidth: 40,
      live: false,
      rows: barRows(rows.length),
    };
  });
}

function distributionPlan(f: Frame, t: Tables): Unplaced {
  const left = TABLE_LEFT.distribution;
  const top = TABLE_DATA_ROW;
  const bottom = top + t.grades.length - 1;
  return {
    kind: "distribution",
    name: fileNameOf(DISTRIBUTION_NUMBER, DISTRIBUTION_NAME),
    title: chartTitle(f, DISTRIBUTION_NAME),
    type: "ColumnClustered",
    series: [
      {
        name: "人数",
        values: onSheet(column(left + 1, top, bottom)),
        xValues: onSheet(column(left, top, bottom)),
        pointFills: t.grades.map((g) => GRADE_COLORS[g]),
        line: "#6B7280",
        dataLabels: { numberFormat: "0", position: "OutsideEnd" },
      },
    ],
    categoryAxis: { title: "等次" },
    valueAxis: { title: "人数", min: 0, numberFormat: "0" },
    legend: null,
    gapWidth: 60,
    live: true,
    rows: BLOCK_ROWS,
  };
}

function quadrantPlan(f: Frame, a: Assessment): Unplaced | null {
  const n = a.leaders.length;
  if (n === 0) return null;
  const plotted = a.leaders.filter((l) => l.work !== null && l.democratic !== null);
  const xr = axisRange(plotted.map((l) => l.work as number));
  const yr = axisRange(plotted.map((l) => l.democratic as number));
  const left = TABLE_LEFT.rows;
  const x: SheetRange = { sheet: RESULTS, range: column(resultColumn("工作业绩"), 1, n) };
  return {
    kind: "quadrant",
    name: fileNameOf(QUADRANT_NUMBER, QUADRANT_NAME),
    title: chartTitle(f, QUADRANT_NAME),
    type: "XYScatter",
    series: GRADES.map((g, i) => ({
      name: g,
      values: onSheet(column(left + ROWS_TABLE.series + i, TABLE_DATA_ROW, TABLE_DATA_ROW + n - 1)),
      xValues: x,
      marker: { style: GRADE_MARKER[g], fill: GRADE_COLORS[g], border: shade(GRADE_COLORS[g], 0.6), size: 8 },
    })),
    categoryAxis: { title: "工作业绩", min: xr.min, max: xr.max, majorUnit: xr.stepSize, numberFormat: "0" },
    valueAxis: { title: "民主测评", min: yr.min, max: yr.max, majorUnit: yr.stepSize, numberFormat: "0" },
    legend: "Top",
    live: true,
    rows: BLOCK_ROWS,
  };
}

function radarPlan(f: Frame, a: Assessment, t: Tables): Unplaced | null {
  if (t.dims.length === 0) return null;
  const left = TABLE_LEFT.radar;
  const top = TABLE_DATA_ROW;
  const bottom = top + t.dims.length - 1;
  const scale = radarScale(a, t.dims);
  const color = "#374151";
  return {
    kind: "radar",
    name: fileNameOf(RADAR_NUMBER, RADAR_NAME),
    title: chartTitle(f, RADAR_NAME, undefined, "（全体平均，插入时数值）"),
    type: "RadarMarkers",
    series: [
      {
        name: "全体平均",
        values: onSheet(column(left + 1, top, bottom)),
        xValues: onSheet(column(left, top, bottom)),
        line: color,
        marker: { style: "Circle", fill: color, border: color, size: 6 },
        dataLabels: { numberFormat: "0.00" },
      },
    ],
    categoryAxis: null,
    valueAxis: { title: null, min: scale.min, max: scale.max, majorUnit: scale.stepSize, numberFormat: "0" },
    legend: null,
    live: false,
    rows: BLOCK_ROWS,
  };
}

/**
 * Two blocks a row: each ranking page beside the 测评票构成 page of the same leaders (both in rank order),
 * then 等次分布 beside the scatter, then the radar. A row is as tall as its taller chart.
 */
function place(pairs: (Unplaced | null)[][]): ChartPlan[] {
  const out: ChartPlan[] = [];
  let top = GRID_TOP;
  for (const pair of pairs) {
    const present = pair.filter((c): c is Unplaced => c !== null);
    if (present.length === 0) continue;
    const rows = Math.max(...present.map((c) => c.rows));
    pair.forEach((c, slot) => {
      if (!c) return;
      const { rows: _rows, ...plan } = c;
      void _rows;
      const left = BLOCK_LEFT[slot];
      out.push({ ...plan, at: { top, bottom: top + rows - 1, left, right: left + CHART_COLS - 1 } });
    });
    top += rows + 1;
  }
  return out;
}

function gridColumns(cells: Cells): void {
  cells.widths.set(0, MARGIN_CHARS);
  for (const left of BLOCK_LEFT) for (let c = 0; c < CHART_COLS; c++) cells.widths.set(left + c, CHART_COL_CHARS);
  cells.widths.set(BLOCK_LEFT[1] - 1, GAP_CHARS);
  cells.widths.set(DATA_LEFT - 1, GAP_CHARS);
}

function tableGaps(cells: Cells): void {
  for (const left of [TABLE_LEFT.rows, TABLE_LEFT.distribution, TABLE_LEFT.radar, TABLE_LEFT.votes])
    cells.widths.set(left - 1, GAP_CHARS);
}

function header(cells: Cells, f: Frame, note: string): void {
  cells.set(0, 0, `${f.year}年度${f.scope} · 会议图表`);
  cells.style({ top: 0, bottom: 0, left: 0, right: 0 }, { bold: true });
  cells.set(1, 0, sourceOf(f));
  cells.set(2, 0, note);
  cells.style({ top: 1, bottom: 2, left: 0, right: 0 }, { fontColor: MUTED });
}

export const NATIVE_NOTE =
  "说明：综合得分排名、等次分布、工作业绩×民主测评的数据是引用“考核结果”的公式，修改或重新计算考核结果后图表随之更新；" +
  "德能勤廉雷达与测评票构成所需的分项数据不在考核结果中，表中是插入时的数值，重新计算后请重新插入会议图表。人员增减后也请重新插入。";

export const PICTURES_NOTE = "说明：以下图表为插入时按考核结果绘制的图片，不随数据变化；数据更新后请重新插入会议图表。";

/** The 会议图表 sheet with native charts bound to 考核结果 (as it is after calculate wrote `a`). */
export function meetingLayout(a: Assessment, opts: MeetingOptions): MeetingLayout {
  const f = frameOf(a, { date: opts.date, year: opts.year, scope: opts.scope });
  const cells = new Cells();
  header(cells, f, NATIVE_NOTE);
  gridColumns(cells);
  tableGaps(cells);
  const t = writeTables(cells, a);
  const ranking = rankingPlans(f, a, t);
  const votes = votesPlans(f, t);
  const pairs: (Unplaced | null)[][] = [];
  for (let p = 0; p < Math.max(ranking.length, votes.length); p++) pairs.push([ranking[p] ?? null, votes[p] ?? null]);
  pairs.push([distributionPlan(f, t), quadrantPlan(f, a)]);
  pairs.push([radarPlan(f, a, t)]);
  const charts = place(pairs);
  const gridBottom = Math.max(GRID_TOP, ...charts.map((c) => c.at.bottom + 1));
  return {
    layout: cells.layout(TABLE_DATA_ROW),
    charts,
    tables: t.tables,
    rows: Math.max(gridBottom, t.lastRow + 1),
  };
}

// ───────────────────────────── pictures ─────────────────────────────

export interface PictureInput {
  name: string;
  title?: string;
  /** Pixel size of the PNG, for its aspect ratio. */
  width: number;
  height: number;
}

export interface PicturePlan {
  name: string;
  title: string;
  /** Points from the sheet's top-left. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** The cells it lies over. */
  at: CellRange;
}

export interface PicturesLayout {
  layout: SheetLayout;
  pictures: PicturePlan[];
  rows: number;
}

/** Points from the left edge of the sheet to the left edge of a column (widths from the layout). */
export function columnLeft(layout: SheetLayout, col: number): number {
  let x = 0;
  for (let c = 0; c < col; c++) x += charsToPoints(layout.columns[c]?.width ?? 8.43);
  return x;
}

/** The 会议图表 sheet with pictures in the same two-block grid, each as wide as a block. */
export function picturesLayout(a: Assessment, images: readonly PictureInput[], opts: MeetingOptions): PicturesLayout {
  const f = frameOf(a, { date: opts.date, year: opts.year, scope: opts.scope });
  const cells = new Cells();
  header(cells, f, PICTURES_NOTE);
  gridColumns(cells);
  const layout = cells.layout(GRID_TOP);
  const blockWidth = CHART_COLS * charsToPoints(CHART_COL_CHARS);
  const pictures: PicturePlan[] = [];
  let top = GRID_TOP;
  for (let i = 0; i < images.length; i += 2) {
    const pair = images.slice(i, i + 2);
    const heights = pair.map((img) => (blockWidth * img.height) / Math.max(1, img.width));
    const rows = Math.max(...heights.map((h) => Math.ceil(h / ROW_POINTS)));
    pair.forEach((img, slot) => {
      const left = BLOCK_LEFT[slot];
      pictures.push({
        name: img.name,
        title: img.title ?? img.name,
        left: columnLeft(layout, left),
        top: top * ROW_POINTS,
        width: blockWidth,
        height: heights[slot],
        at: { top, bottom: top + rows - 1, left, right: left + CHART_COLS - 1 },
      });
    });
    top += rows + 1;
  }
  return { layout, pictures, rows: top };
}

// ───────────────────────────── 考核结果 against the assessment ─────────────────────────────

/** The columns of 考核结果 the charts read, and what each must hold. */
const CHECKED: readonly { header: string; value: (l: LeaderResult) => LayoutValue }[] = [
  { header: "工作业绩", value: (l) => l.work },
  { header: "民主测评", value: (l) => l.democratic },
  { header: "综合得分", value: (l) => l.final },
  { header: "排名", value: (l) => l.rank },
  { header: "等次", value: (l) => l.grade },
];

function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return v instanceof Date ? v.toISOString().slice(0, 10) : v.error;
  return String(v);
}

function sameValue(cell: CellValue, want: LayoutValue): boolean {
  if (want === null) return cell === null || cell === "";
  if (typeof want === "number") return typeof cell === "number" && Math.abs(cell - want) < 1e-9;
  return cellText(cell) === String(want);
}

/**
 * Why the 考核结果 sheet as read is not what `a` writes (the charts bind to its columns and rows), or null
 * when it is. Rows may be in any order (a sorted sheet is fine): each is matched by 姓名 and 单位.
 */
export function resultsMismatch(grid: Grid | undefined, a: Assessment): string | null {
  if (!grid || grid.rows.length === 0) return "没有“考核结果”工作表";
  const headerRow = grid.rows[0] ?? [];
  for (const header of ["姓名", "单位", ...CHECKED.map((c) => c.header)]) {
    const col = resultColumn(header);
    if (cellText(headerRow[col] ?? null).trim() !== header)
      return `“考核结果”第 ${columnLetters(col)} 列的列名应为“${header}”`;
  }
  const rows = grid.rows.slice(1);
  if (rows.length !== a.leaders.length) return `“考核结果”有 ${rows.length} 行人员，本次计算有 ${a.leaders.length} 人`;
  const byKey = new Map(a.leaders.map((l) => [`${nameKey(l.name)}\u0000${nameKey(l.unit)}`, l]));
  const seen = new Set<LeaderResult>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const name = cellText(row[resultColumn("姓名")] ?? null);
    const unit = cellText(row[resultColumn("单位")] ?? null);
    const l = byKey.get(`${nameKey(name)}\u0000${nameKey(unit)}`);
    const where = `“考核结果”第 ${i + 2} 行`;
    if (!l || seen.has(l)) return `${where}的“${name}（${unit}）”不在本次计算结果中`;
    seen.add(l);
    for (const c of CHECKED) {
      const cell = row[resultColumn(c.header)] ?? null;
      if (!sameValue(cell, c.value(l)))
        return `${where}（${l.name}）的${c.header}是“${cellText(cell)}”，本次计算为“${c.value(l) ?? ""}”`;
    }
  }
  return null;
}
