/**
 * The 会议图表 sheet as plain data (pure: no Office.js): its cells as a SheetLayout (title lines, the tables
 * the native charts are bound to, the decision tables), the native charts as ChartPlans (type, series and the
 * ranges they are bound to, axes, colours, the block of cells each covers), and for pictures mode where each
 * picture goes. src/excel/charts.ts applies it through Office.js. One file per chart kind, named as in
 * src/charts, so that one chart is found under the same name in every medium.
 *
 * What is live and what is not:
 * - 综合得分排名 is bound to a sorted table of formulas on this sheet (ranking.ts, rows.ts): per row of 考核结果
 *   a sort key, then per position k the 考核结果 row whose key is k (INDEX/MATCH). Only INDEX, MATCH, COUNTIF,
 *   IF, IFERROR, ISNUMBER, AND and NA: Excel 2016+ and LibreOffice evaluate them without array formulas.
 *   Sorting 考核结果 by hand does not break it. The names on its axis carry the badges of the rules that decided
 *   each grade, looked up by 姓名 and 单位 in a table written at insertion.
 * - 工作业绩 × 民主测评: X is bound to 考核结果's 工作业绩 column itself; Y per grade is a formula column.
 * - 等次分布 counts 考核结果's 等次 column with COUNTIF.
 * - 优秀等次的确定 (waterfall.ts), 需集体研究事项 (matters.ts), 民主测评分项 (heatmap.ts) and 测评票构成 need what
 *   考核结果 does not have (the rules' decisions, per dimension, per vote category): their tables hold values
 *   written at insertion, and their titles and the sheet's note say so.
 * - A native Excel chart cannot draw the band lines, the quota cut, the iso-lines or the 2/3 line: the note says
 *   so; pictures mode and the deck have them.
 * Grade colours stay true when 考核结果 changes: ranking and scatter have one series per grade; per-point fills
 * are used only where the categories are the grades (等次分布) or the steps (the waterfall).
 * The tables are sized for the leaders of the assessment: after leaders are added or removed, insert again.
 */
import { leaderDecisions } from "../../charts/decisions";
import { gradeCounts } from "../../charts/distribution";
import { frameOf, sourceOf, type Frame } from "../../charts/frame";
import type { ChartOptions } from "../../charts/types";
import type { Assessment, LeaderResult } from "../../engine/types";
import { columnLetters } from "../../workbook/address";
import type { CellValue, Grid } from "../../workbook/grid";
import { type CellRange, type LayoutValue, resultColumn, type SheetLayout } from "../../workbook/layout";
import { nameKey } from "../../workbook/normalize";
import { charsToPoints } from "../grid";
import {
  BLOCK_LEFT,
  CHART_COL_CHARS,
  CHART_COLS,
  Cells,
  DATA_LEFT,
  GAP_CHARS,
  GRID_TOP,
  MARGIN_CHARS,
  MUTED,
  ROW_POINTS,
  TABLE_DATA_ROW,
} from "./cells";
import { distributionPlan, distributionTable, DISTRIBUTION_COLS } from "./distribution";
import { heatmapColumns, heatmapTable } from "./heatmap";
import { MATTERS_COLS, mattersTable } from "./matters";
import { quadrantPlan } from "./quadrant";
import { BADGES_COLS, badgesTable, rankingPlans, rankingTable, RANKING_COLS } from "./ranking";
import { rowsTable, ROWS_COLS } from "./rows";
import type { ChartPlan, MeetingLayout, MeetingOptions, TablePlan, Unplaced } from "./types";
import { voteRows, votesPlans, votesTable, VOTES_COLS } from "./votes";
import { waterfallPlan, waterfallSteps, waterfallTable, WATERFALL_COLS } from "./waterfall";

export * from "./types";
export { MEETING_SHEET, ROW_POINTS, DATA_LEFT, GRADES } from "./cells";
export { RANKING_TABLE } from "./ranking";
export { ROWS_TABLE } from "./rows";

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

function header(cells: Cells, f: Frame, note: string): void {
  cells.set(0, 0, `${f.year}年度${f.scope} · 会议图表`);
  cells.style({ top: 0, bottom: 0, left: 0, right: 0 }, { bold: true });
  cells.set(1, 0, sourceOf(f));
  cells.set(2, 0, note);
  cells.style({ top: 1, bottom: 2, left: 0, right: 0 }, { fontColor: MUTED });
}

export const NATIVE_NOTE =
  "说明：综合得分排名、等次分布、工作业绩×民主测评的数据是引用“考核结果”的公式，修改或重新计算考核结果后图表随之更新；" +
  "优秀等次的确定、需集体研究事项、民主测评分项、测评票构成和姓名后的【标注】是插入时的数值，重新计算后请重新插入会议图表。" +
  "原生图表不含等次分数线、优秀名额线和票数线，需要时请以图片方式插入或导出会议幻灯片。人员增减后也请重新插入。";

export const PICTURES_NOTE = "说明：以下图表为插入时按考核结果绘制的图片，不随数据变化；数据更新后请重新插入会议图表。";

function chartOptions(opts: MeetingOptions): ChartOptions {
  return {
    date: opts.date,
    year: opts.year,
    scope: opts.scope,
    bands: opts.bands,
    quotaGroupColumn: opts.quotaGroupColumn,
  };
}

/** The 会议图表 sheet with native charts bound to 考核结果 (as it is after calculate wrote `a`). */
export function meetingLayout(a: Assessment, opts: MeetingOptions): MeetingLayout {
  const co = chartOptions(opts);
  const f = frameOf(a, co);
  const cells = new Cells();
  header(cells, f, NATIVE_NOTE);
  gridColumns(cells);

  // The tables from T on, one empty column between them: the decisions first.
  const votes = voteRows(a);
  const grades = gradeCounts(a).grades;
  const steps = waterfallSteps(f, a);
  const badgeRows = a.leaders.filter((l) => leaderHasBadges(l)).length;
  const widths = {
    matters: MATTERS_COLS,
    decisions: WATERFALL_COLS,
    ranking: RANKING_COLS,
    rows: ROWS_COLS,
    badges: BADGES_COLS,
    distribution: DISTRIBUTION_COLS,
    heatmap: heatmapColumns(a),
    votes: VOTES_COLS,
  };
  const left: Record<keyof typeof widths, number> = {} as Record<keyof typeof widths, number>;
  let at = DATA_LEFT;
  for (const k of Object.keys(widths) as (keyof typeof widths)[]) {
    left[k] = at;
    at += widths[k] + 1;
    cells.widths.set(at - 1, GAP_CHARS);
  }
  const tables: TablePlan[] = [
    mattersTable(cells, a, left.matters),
    waterfallTable(cells, steps, left.decisions),
    rankingTable(cells, a, left.ranking, { rows: left.rows, badges: left.badges, badgeRows }),
    rowsTable(cells, a, left.rows),
    badgesTable(cells, a, left.badges),
    distributionTable(cells, a, grades, left.distribution),
    heatmapTable(cells, a, left.heatmap),
    votesTable(cells, votes, left.votes),
  ];

  const ranking = rankingPlans(f, a, left.ranking);
  const votePlans = votesPlans(f, votes, left.votes);
  const pairs: (Unplaced | null)[][] = [
    [waterfallPlan(f, steps, left.decisions), distributionPlan(f, grades, left.distribution)],
  ];
  for (let p = 0; p < Math.max(ranking.length, votePlans.length); p++)
    pairs.push([ranking[p] ?? null, votePlans[p] ?? null]);
  pairs.push([quadrantPlan(f, a, left.rows)]);
  const charts = place(pairs);
  const gridBottom = Math.max(GRID_TOP, ...charts.map((c) => c.at.bottom + 1));
  const lastRow = Math.max(...tables.map((t) => t.range.bottom));
  return {
    layout: cells.layout(TABLE_DATA_ROW),
    charts,
    tables,
    rows: Math.max(gridBottom, lastRow + 1),
  };
}

function leaderHasBadges(l: LeaderResult): boolean {
  return leaderDecisions(l).length > 0;
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
