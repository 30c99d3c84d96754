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
  /** The font's name (the face of the whole sheet, for one look on screen and on paper). */
  fontName?: string;
  /** Font size in points (absent: the workbook's default). */
  fontSize?: number;
  /** Thin lines on every edge of every cell of the range (a printed table). */
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
  /** How the sheet prints; absent: as the application's defaults. */
  print?: PrintSettings;
  /** Merged areas; the value sits in the top-left cell. */
  merges?: CellRange[];
  /**
   * Heights in points of the rows that need one (a wrapped 说明, a ballot's boxes: neither Excel nor LibreOffice
   * fits a row to wrapped text that was written rather than typed); other rows keep the application's.
   */
  rowHeights?: { row: number; height: number }[];
}

/**
 * Page setup of a sheet, as both shells write it: `pageSetup`, `printOptions`, `headerFooter`, the
 * `_xlnm.Print_Titles` name and `fitToPage` in a package (cli/graft.ts), `worksheet.pageLayout` in Excel
 * (ExcelApi 1.9, excel/gateway.ts).
 */
export interface PrintSettings {
  orientation: "landscape" | "portrait";
  paper: "A4";
  /** Pages across (1: every column on one page) and down (0: as many as the rows need). */
  fitTo: { width: number; height: number };
  /** 0-based rows printed again at the top of every page, both ends included; null for none. */
  titleRows: { top: number; bottom: number } | null;
  /** Header and footer in the codes Excel and the file format share (`&P` page, `&N` pages, `&&` an ampersand). */
  header: string;
  footer: string;
  /** In inches, as the file format keeps them. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally: boolean;
  /** 0-based rows that start a new page (manual page breaks: one printed ballot per unit). */
  rowBreaks?: number[];
}

/** The one Chinese face of the printed results (the default Chinese face of Excel before 2016, on every PC). */
export const PRINT_FONT = "宋体";

/** Excel allows 255 characters in a header or footer, codes included: a title is clipped to fit when doubled. */
const TITLE_MAX = 100;

/** Text for a header or footer: `&` starts a code there, a literal one is doubled. */
export function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/**
 * The page setup of 考核结果: A4 landscape, every column on one page wide, the header row on every page, the
 * title centred at the top (bold, the sheet's face), 第 n 页 共 m 页 at the bottom.
 */
export function resultsPrint(title: string): PrintSettings {
  // The face comes first, then the size, then bold: a title that starts with a digit (2025年度…) must not
  // follow the size code, where it would be read as part of the size.
  const face = `&"${PRINT_FONT},Regular"`;
  const chars = [...title];
  const shown = headerText(chars.length > TITLE_MAX ? `${chars.slice(0, TITLE_MAX - 1).join("")}…` : title);
  return {
    orientation: "landscape",
    paper: "A4",
    fitTo: { width: 1, height: 0 },
    titleRows: { top: 0, bottom: 0 },
    header: `&C${face}&14&B${shown}`,
    footer: `&C${face}&10第 &P 页 共 &N 页`,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    centerHorizontally: true,
  };
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
      // looksLikeFormula, without a regular expression for each of a sheet's strings.
      if (typeof v !== "string") return;
      const first = v.charCodeAt(0);
      if (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40) cells.push({ row: r, col: c });
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

/** The most characters an Excel cell holds: a longer text makes the file one Excel refuses to open. */
export const CELL_TEXT_LIMIT = 32_767;
/** Ends a 说明 cut at the limit: the full text is in 为什么 (and in `--json`). */
export const EXPLANATION_CUT_MARKER = "……（全文见为什么）";

/**
 * Text that fits one cell: unchanged when it does, else cut below CELL_TEXT_LIMIT at the last `；` (a whole
 * reason) where there is one in the second half, never inside a surrogate pair, and ended with `marker`.
 */
export function fitCellText(text: string, marker = "……"): string {
  if (text.length <= CELL_TEXT_LIMIT) return text;
  let end = CELL_TEXT_LIMIT - marker.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const cut = text.lastIndexOf(FLAG_SEPARATOR, end - 1);
  if (cut > end / 2) end = cut;
  return text.slice(0, end) + marker;
}

/** The 说明 of a result row: every flag's message, cut to one cell (the full list is in the explanation). */
export function explanationText(flags: readonly { message: string }[]): string | null {
  return fitCellText(flags.map((f) => f.message).join(FLAG_SEPARATOR), EXPLANATION_CUT_MARKER) || null;
}

const RESULT_COLUMNS: readonly ResultColumn[] = [
  { header: "姓名", kind: "text", value: (l) => fitCellText(l.name) },
  { header: "单位", kind: "text", value: (l) => fitCellText(l.unit) },
  { header: "职务", kind: "text", value: (l) => fitCellText(l.position) },
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
  { header: "说明", kind: "text", value: (l) => explanationText(l.flags) },
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
/**
 * Columns that wrap beyond a width (职务, 说明): a long text makes its row taller rather than the printed page
 * smaller — the page is fitted to the width of all the columns.
 */
const WRAP_WIDTH: Readonly<Record<string, number>> = { 职务: 20, 说明: 40 };
/** A line of 11-point 宋体, and the row it sits in, in points. */
const LINE_HEIGHT = 14.25;
const ROW_HEIGHT = 15;

/** The height of a row whose widest text is `shown` in a column `width` units wide, wrapped. */
export function wrappedRowHeight(shown: string, width: number): number {
  const perLine = Math.max(1, width - CELL_PADDING);
  const lines = shown.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / perLine)), 0);
  return lines <= 1 ? ROW_HEIGHT : Math.ceil((lines * LINE_HEIGHT + 3) * 4) / 4;
}

/** The text a number shows under a format of this sheet, to measure it. */
function shownText(v: LayoutValue, kind: ColumnKind): string {
  if (v === null) return "";
  if (typeof v !== "number") return String(v);
  if (kind === "rate") return `${(v * 100).toFixed(2)}%`;
  if (kind === "rank") return v.toFixed(0);
  if (kind === "score") return v.toFixed(2);
  return String(v);
}

/**
 * The widest text a column's values show. Under toFixed a number shows at least as wide as any number
 * between it and 0 (it rounds monotonically; a minus sign adds one), so of a number column's values only the
 * largest and the smallest are turned into text: not the 10,000 of a score column.
 */
function widestShown(values: readonly LayoutValue[], kind: ColumnKind, enough: number): number {
  let w = 0;
  let max = -Infinity;
  let min = Infinity;
  // Indexed: a for-of loop makes an iterator result per value until the code is optimized.
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // toFixed writes 1e21 and beyond (a rate: times 100) as String does: those, and the text columns, are
    // measured one by one.
    if (kind !== "text" && typeof v === "number" && Math.abs(v) < 1e18) {
      if (v > max) max = v;
      if (v < min) min = v;
    } else {
      w = Math.max(w, displayWidth(shownText(v, kind)));
      if (w >= enough) return w; // as wide as the column can be: the rest need not be measured
    }
  }
  if (max !== -Infinity) w = Math.max(w, displayWidth(shownText(max, kind)), displayWidth(shownText(min, kind)));
  return w;
}

function columnWidth(header: string, widest: number, max = MAX_WIDTH): number {
  let w = displayWidth(header) * 1.1 + FILTER_BUTTON_WIDTH; // bold text is a little wider
  w = Math.max(w, widest);
  return Math.min(max, Math.max(MIN_WIDTH, Math.ceil((w + CELL_PADDING) * 4) / 4));
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

export interface ResultsLayoutOptions {
  /** The title printed at the top of every page (papers/title.ts); default 考核结果. */
  title?: string;
}

/**
 * The results sheet 考核结果 of docs/method.md §8: one row per leader, in the order of 考核对象, in one face
 * with thin borders, set up to print (resultsPrint).
 */
export function resultsLayout(a: Assessment, opts: ResultsLayoutOptions = {}): SheetLayout {
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  const header: LayoutValue[] = [...RESULT_HEADERS];
  const body: LayoutValue[][] = leaders.map((l) => RESULT_COLUMNS.map((c) => c.value(l)));
  const values = [header, ...body];
  const lastRow = values.length - 1;
  const lastCol = RESULT_COLUMNS.length - 1;

  const columns: ColumnLayout[] = RESULT_COLUMNS.map((c, i) => ({
    width: columnWidth(
      c.header,
      widestShown(
        body.map((row) => row[i]),
        c.kind,
        (WRAP_WIDTH[c.header] ?? MAX_WIDTH) - CELL_PADDING,
      ),
      WRAP_WIDTH[c.header] ?? MAX_WIDTH,
    ),
    numberFormat: RESULT_NUMBER_FORMATS[c.kind],
  }));
  const wrapped = RESULT_COLUMNS.flatMap((c, i) => (WRAP_WIDTH[c.header] === undefined ? [] : [i]));

  const gradeCol = resultColumn("等次");
  const styles: StyledRange[] = [
    // First, so that every later style keeps the face and the lines.
    {
      range: { top: 0, left: 0, bottom: lastRow, right: lastCol },
      style: { fontName: PRINT_FONT, border: "thin", verticalAlignment: "center" },
    },
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
    for (const col of wrapped) {
      styles.push({ range: { top: 1, left: col, bottom: lastRow, right: col }, style: { wrapText: true } });
    }
  }
  // One style object per grade, shared by its cells (what lays them out works once per style object).
  const gradeStyles = new Map<string, CellStyle>();
  leaders.forEach((l, i) => {
    let style = gradeStyles.get(l.grade);
    if (style === undefined) gradeStyles.set(l.grade, (style = { fill: GRADE_COLORS[l.grade] }));
    styles.push({ range: { top: i + 1, left: gradeCol, bottom: i + 1, right: gradeCol }, style });
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
    print: resultsPrint(opts.title ?? SHEETS.results),
    // Every row gets its height, the single-line ones too: a sheet kept from an earlier run keeps its rows'.
    rowHeights: [
      ROW_HEIGHT,
      ...body.map((row) =>
        Math.max(...wrapped.map((col) => wrappedRowHeight(shownText(row[col], "text"), columns[col].width))),
      ),
    ].map((height, row) => ({ row, height })),
  };
}
