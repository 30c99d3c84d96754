/**
 * What a run writes into a workbook, as plain data: values, formulas, formats, widths, fills, notes.
 * Both shells apply a SheetLayout as it is (the Excel add-in through Office.js, the CLI by grafting the sheet into the .xlsx package, src/cli/graft.ts);
 * neither decides anything about the look of the results.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { GRADE_COLORS } from "./gradeColors";
import { SHEETS } from "./input";
import { displayWidth } from "./textWidth";

/** A cell value to write; null leaves the cell empty. */
export type LayoutValue = number | string | boolean | null;

/** A cell, 0-based as in Grid: A1 is { row: 0, col: 0 }. */
export interface CellPosition {
  row: number;
  col: number;
}

/** A rectangle of cells, 0-based, both ends included. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface CellStyle {
  bold?: boolean;
  /** Solid background, `#RRGGBB`. */
  fill?: string;
  /** Font colour, `#RRGGBB`. */
  fontColor?: string;
  horizontalAlignment?: "left" | "center" | "right";
  verticalAlignment?: "top" | "center" | "bottom";
  wrapText?: boolean;
  /** Font size in points (absent: the workbook's default). */
  fontSize?: number;
  /** A thin border on all four sides of every cell of the range. */
  border?: "thin";
}

export interface StyledRange {
  range: CellRange;
  style: CellStyle;
}

export interface ColumnLayout {
  /** Width in Excel character units (the width of a "0" of the default font); a CJK character is about 2. */
  width: number;
  /**
   * Number format of the column's data cells (every row below the header rows); null keeps General.
   * Header cells keep General.
   */
  numberFormat: string | null;
}

export interface FormulaCell extends CellPosition {
  /** With the leading `=`, in English function names and A1 references, as Office.js `range.formulas` takes it. */
  formula: string;
}

export interface NoteCell extends CellPosition {
  text: string;
}

export interface SheetLayout {
  /** The sheet to create, or to replace (keeping its tab position). */
  sheet: string;
  /** Row-major from A1; rows may be ragged. A string here is always text, never a formula. */
  values: LayoutValue[][];
  /**
   * String cells that start with `=`, `+`, `-` or `@`: an adapter must store them as text (text number format
   * `@` or a quote prefix), or Excel would take them for formulas when they are written or edited.
   */
  textCells: CellPosition[];
  /** Cells written as live formulas; the cell's entry in `values` is the value the engine computed for it. */
  formulas: FormulaCell[];
  /** How many rows at the top are headers (not data). */
  headerRows: number;
  /** One per column from A. */
  columns: ColumnLayout[];
  /** Rows and columns kept in view when scrolling. */
  freeze: { rows: number; columns: number };
  /** The table the auto filter covers (header row included), or null for none. */
  autoFilter: CellRange | null;
  /** Applied in order; a later entry wins where they overlap. */
  styles: StyledRange[];
  /** Comments ("notes" in current Excel) on cells. */
  notes: NoteCell[];
  /** Merged areas; the value sits in the top-left cell. */
  merges?: CellRange[];
  /** Heights in points of the rows that need one (a wrapped paragraph, a ballot's boxes); others keep the default. */
  rowHeights?: { row: number; height: number }[];
  /** How the sheet prints, for sheets meant for paper (the printable ballots). */
  print?: PrintSetup;
}

export interface PrintSetup {
  paper: "A4";
  orientation: "portrait" | "landscape";
  /** Scale to one page wide (the height follows the content and the page breaks). */
  fitToWidth: boolean;
  /** 0-based rows that start a new page (manual page breaks). */
  rowBreaks: number[];
  /** Page margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number };
  centerHorizontally: boolean;
}

/** True for text that Excel would read as a formula when typed or written as a value. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/** Every string cell of `values` that must be kept as text. */
export function textCellsOf(values: LayoutValue[][]): CellPosition[] {
  const cells: CellPosition[] = [];
  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === "string" && looksLikeFormula(v)) cells.push({ row: r, col: c });
    }),
  );
  return cells;
}

type ColumnKind = "text" | "score" | "rate" | "rank";

interface ResultColumn {
  header: string;
  kind: ColumnKind;
  value: (l: LeaderResult) => LayoutValue;
}

/** Number formats of the results sheet, by kind of column. */
export const RESULT_NUMBER_FORMATS: Readonly<Record<ColumnKind, string | null>> = {
  text: null,
  score: "0.00",
  rate: "0.00%",
  rank: "0",
};

export const FLAG_SEPARATOR = "；";

const RESULT_COLUMNS: readonly ResultColumn[] = [
  { header: "姓名", kind: "text", value: (l) => l.name },
  { header: "单位", kind: "text", value: (l) => l.unit },
  { header: "职务", kind: "text", value: (l) => l.position },
  { header: "经营业绩", kind: "score", value: (l) => l.economic },
  { header: "重点工作", kind: "score", value: (l) => l.keyTasks },
  { header: "党的建设", kind: "score", value: (l) => l.partyBuilding },
  { header: "安全稳定", kind: "score", value: (l) => l.safety },
  { header: "工作业绩", kind: "score", value: (l) => l.work },
  { header: "民主测评", kind: "score", value: (l) => l.democratic },
  { header: "优秀率", kind: "rate", value: (l) => l.excellentRate },
  { header: "称职以上率", kind: "rate", value: (l) => l.competentRate },
  { header: "不称职率", kind: "rate", value: (l) => l.unfitRate },
  { header: "加减分", kind: "score", value: (l) => l.adjustment },
  { header: "综合得分", kind: "score", value: (l) => l.final },
  { header: "排名", kind: "rank", value: (l) => l.rank },
  { header: "等次", kind: "text", value: (l) => l.grade },
  { header: "说明", kind: "text", value: (l) => l.flags.map((f) => f.message).join(FLAG_SEPARATOR) || null },
];

/** The 17 headers of 考核结果, in order (docs/method.md §8). */
export const RESULT_HEADERS: readonly string[] = RESULT_COLUMNS.map((c) => c.header);

/** 0-based column of a header of 考核结果. */
export function resultColumn(header: string): number {
  const i = RESULT_HEADERS.indexOf(header);
  if (i < 0) throw new Error(`考核结果没有列：${header}`);
  return i;
}

export const RESULT_HEADER_FILL = "#D9E1F2";

/** Extra width for the filter button of a header cell, and the margin on each side of the text. */
const FILTER_BUTTON_WIDTH = 2.5;
const CELL_PADDING = 2;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** The text a number shows under a format of this sheet, to measure it. */
function shownText(v: LayoutValue, kind: ColumnKind): string {
  if (v === null) return "";
  if (typeof v !== "number") return String(v);
  if (kind === "rate") return `${(v * 100).toFixed(2)}%`;
  if (kind === "rank") return v.toFixed(0);
  if (kind === "score") return v.toFixed(2);
  return String(v);
}

function columnWidth(header: string, shown: string[]): number {
  let w = displayWidth(header) * 1.1 + FILTER_BUTTON_WIDTH; // bold text is a little wider
  for (const s of shown) w = Math.max(w, displayWidth(s));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil((w + CELL_PADDING) * 4) / 4));
}

function rankNote(): string {
  return (
    "排名与等次由考评程序按考核办法计算后作为数值写入，不是公式；修改输入后请重新运行考评。\n" +
    "排名：按综合得分从高到低；综合得分相同时依次比较工作业绩、民主测评、优秀率、经营业绩。" +
    "暂缓评定、不定等次者不参加排名。"
  );
}

function gradeNote(a: Assessment): string {
  const s = a.summary;
  const quota = s.quotaGroups
    ? `按组确定优秀名额：${s.quotaGroups.map((g) => `${g.group || "（空）"} ${g.graded} 人 ${g.quota} 名`).join("，")}`
    : `本次参评 ${s.graded} 人，优秀名额 ${s.quota} 名`;
  return (
    "排名与等次由考评程序按考核办法计算后作为数值写入，不是公式；修改输入后请重新运行考评。\n" +
    "等次：先按综合得分划档，再适用不称职票超过三分之一、称职以上票不足三分之二、否决事项、仍处亏损、" +
    `个人情况的限档规则，最后按优秀名额确定优秀（${quota}）。` +
    "暂缓评定：工作业绩或民主测评缺失，或个人情况（如立案审查）暂缓确定等次；不定等次：个人情况规定不确定等次。" +
    "原因见“说明”列。"
  );
}

/** The results sheet 考核结果 of docs/method.md §8: one row per leader, in the order of 考核对象. */
export function resultsLayout(a: Assessment): SheetLayout {
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  const header: LayoutValue[] = [...RESULT_HEADERS];
  const body: LayoutValue[][] = leaders.map((l) => RESULT_COLUMNS.map((c) => c.value(l)));
  const values = [header, ...body];
  const lastRow = values.length - 1;
  const lastCol = RESULT_COLUMNS.length - 1;

  const columns: ColumnLayout[] = RESULT_COLUMNS.map((c, i) => ({
    width: columnWidth(
      c.header,
      body.map((row) => shownText(row[i], c.kind)),
    ),
    numberFormat: RESULT_NUMBER_FORMATS[c.kind],
  }));

  const gradeCol = resultColumn("等次");
  const styles: StyledRange[] = [
    {
      range: { top: 0, left: 0, bottom: 0, right: lastCol },
      style: { bold: true, fill: RESULT_HEADER_FILL, horizontalAlignment: "center", verticalAlignment: "center" },
    },
  ];
  if (body.length > 0) {
    styles.push({
      range: { top: 1, left: resultColumn("排名"), bottom: lastRow, right: gradeCol },
      style: { horizontalAlignment: "center" },
    });
  }
  leaders.forEach((l, i) => {
    styles.push({
      range: { top: i + 1, left: gradeCol, bottom: i + 1, right: gradeCol },
      style: { fill: GRADE_COLORS[l.grade] },
    });
  });

  return {
    sheet: SHEETS.results,
    values,
    textCells: textCellsOf(values),
    formulas: [],
    headerRows: 1,
    columns,
    freeze: { rows: 1, columns: 2 },
    autoFilter: { top: 0, left: 0, bottom: lastRow, right: lastCol },
    styles,
    notes: [
      { row: 0, col: resultColumn("排名"), text: rankNote() },
      { row: 0, col: gradeCol, text: gradeNote(a) },
    ],
  };
}
