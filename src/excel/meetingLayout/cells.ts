/**
 * The sheet 会议图表 as it is being filled (pure): a sparse grid of values, formulas and styles turned into a
 * SheetLayout, the grid's geometry (a margin, two blocks of chart columns, the tables to the right), and the
 * helpers every chart's table uses: references into 考核结果, a table's title, header and widths.
 */
import { titleOf, type Frame, type Page } from "../../charts/frame";
import { columnLetters } from "../../workbook/address";
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
} from "../../workbook/layout";
import { SHEETS } from "../../workbook/input";
import { displayWidth } from "../../workbook/textWidth";
import type { SheetRange } from "./types";

import { MEETING_SHEET } from "../meetingSheet";

export { MEETING_SHEET };
export const RESULTS = SHEETS.results;

/** Row height of every row of the sheet, points: set explicitly so that pictures can be placed in points. */
export const ROW_POINTS = 15;
/** Column widths (characters) of the chart grid: a margin, two blocks of CHART_COLS columns, gaps. */
export const MARGIN_CHARS = 2;
export const GAP_CHARS = 2;
export const CHART_COL_CHARS = 10;
export const CHART_COLS = 8;
/** 0-based first column of each of the two chart blocks (B and K), and of the data tables (T). */
export const BLOCK_LEFT = [1, 2 + CHART_COLS] as const;
export const DATA_LEFT = 3 + 2 * CHART_COLS;
/** Chart blocks start on row 5; the tables' titles are on row 5, headers on row 6, data from row 7. */
export const GRID_TOP = 4;
export const TABLE_TITLE_ROW = 4;
export const TABLE_HEADER_ROW = 5;
export const TABLE_DATA_ROW = 6;
/** Height in rows of a chart block, and of a bar chart of n bars (15 pt a bar and room for title and axes). */
export const BLOCK_ROWS = 20;
export const barRows = (n: number) => Math.max(BLOCK_ROWS, n + 7);

/** The four grades a graded leader can have, in legend order. */
export const GRADES = ["优秀", "称职", "基本称职", "不称职"] as const;

export const MUTED = "#5B6472";
export const SERIES_TEXT = "#9AA1AB";

/** A sparse sheet being filled, turned into a SheetLayout at the end. */
export class Cells {
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
export const abs = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
export const absCol = (row: number, col: number) => `$${columnLetters(col)}${row + 1}`;
export const absRange = (top: number, bottom: number, col: number) => `${abs(top, col)}:${abs(bottom, col)}`;
export const resultsRef = `'${RESULTS}'!`;
/** 考核结果's column of a header. */
export const rc = (header: string) => resultColumn(header);
/** Text in a formula: a string literal. */
export const lit = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A cell of 考核结果's row r (0-based, 1 the first data row) in the column of `header`. */
export const resultCell = (header: string, r: number) => `${resultsRef}${absCol(r, rc(header))}`;
/** 考核结果's whole data column of `header`, n data rows. */
export const resultsColumn = (header: string, n: number, fromRow = 1) =>
  `${resultsRef}${absRange(fromRow, n, rc(header))}`;

export const onSheet = (range: CellRange): SheetRange => ({ sheet: MEETING_SHEET, range });
export const column = (col: number, top: number, bottom: number): CellRange => ({ top, bottom, left: col, right: col });

export function widthFor(header: string, shown: readonly string[]): number {
  let w = displayWidth(header) * 1.1;
  for (const s of shown) w = Math.max(w, displayWidth(s));
  return Math.min(40, Math.max(6, Math.ceil((w + 2) * 4) / 4));
}

export interface TableColumn {
  header: string;
  format: string | null;
  /** What the column shows, for its width. */
  shown: string[];
  /** Grey text: a chart's series column, mostly #N/A. */
  series?: boolean;
}

/** Title, header row and widths of a table at `left`; rows are filled by the caller. */
export function tableFrame(
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

export const num = (x: number | null, digits = 2) => (x === null ? "" : x.toFixed(digits));

/** A chart's title on the sheet: with year, page, a note (插入时数值) and the scope. */
export function chartTitle(f: Frame, name: string, page?: Page, note?: string): string {
  return `${titleOf(f, name, page)}${note ?? ""} · ${f.scope}`;
}
