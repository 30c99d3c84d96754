/**
 * The seam between the outside world and the core: a sheet as a 2-D array of plain cell values.
 * Both shells (Office.js `range.values` + value types, and an ExcelJS sheet) produce exactly this.
 *
 * Conventions every adapter follows:
 * - `rows[r][c]` is the cell at row r+1, column c+1 of the sheet (A1 is rows[0][0]); rows may be ragged.
 * - Only the top-left cell of a merged area carries its value; the rest are null (as Office.js gives them).
 * - A cell formatted as a date arrives as a `Date` (UTC midnight of the calendar day), never as a serial.
 * - An Excel error value arrives as `{ error: "#N/A" }`.
 */
export interface CellError {
  error: string;
}

export type CellValue = number | string | boolean | Date | CellError | null;

export interface Grid {
  name: string;
  rows: CellValue[][];
  /**
   * Cells holding a formula saved without its result (files written by scripts; Excel always saves one): their
   * `rows` cell is null, and a run must not read that null as a blank (workbook/uncached.ts). Office.js never has
   * any; the .xlsx reader lists them.
   */
  uncached?: readonly { row: number; col: number }[];
}

/** A workbook is its sheets in tab order. */
export type GridBook = Grid[];

export function isCellError(v: CellValue): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && "error" in v;
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  const r = grid.rows[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

/** Sheets by trimmed name, the first of a name winning (a workbook may hold `考核对象 ` beside `考核对象`). */
export function sheetsByName(book: GridBook): Map<string, Grid> {
  const byName = new Map<string, Grid>();
  for (const g of book) {
    const n = g.name.trim();
    if (!byName.has(n)) byName.set(n, g);
  }
  return byName;
}
