/** Shared pieces of the sheet readers: the diagnostics collector and a located table (header + data rows). */

import { cellAddress, columnLetters } from "./address";
import { cellText } from "./cells";
import type { Diagnostic } from "./diagnostic";
import { error, warning } from "./diagnostic";
import type { CellValue, Grid } from "./grid";
import { cellAt } from "./grid";
import type { ColumnSpec, DuplicateColumn } from "./headers";
import { HEADER_SEARCH_ROWS, findHeader } from "./headers";
import type { SheetMap } from "./input";
import { dataRows, firstFilledColumn } from "./rows";

export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  error(cell: string, code: string, message: string): void {
    this.errors.push(error(joined(cell), code, joined(message)));
  }
  warning(cell: string, code: string, message: string): void {
    this.warnings.push(warning(joined(cell), code, joined(message)));
  }
  /** A warning made elsewhere (one whose message is made when read). */
  addWarning(d: Diagnostic): void {
    this.warnings.push(d);
  }
}

/**
 * The string in one piece. V8 keeps a string built by a template or `+` as a tree of its parts until it is read,
 * several times the size of its text; a diagnostic is kept to the end of the run (28,000 warnings at 10,000
 * leaders), and is read when printed anyway. Reading a character joins the parts.
 */
function joined(s: string): string {
  return s.charCodeAt(0) >= 0 ? s : s;
}

/**
 * "The row's first cell" of docs/method.md §1 (where a duplicate row is reported, and what a record's `cell` holds):
 * the row's first non-empty cell, so that a sheet starting in column B or with a 序号 column still points at
 * the row's visible start; column A for a blank row.
 */
export function rowCell(grid: Grid, row: number): string {
  return cellAddress(grid.name, row, Math.max(0, firstFilledColumn(grid, row)));
}

/** 1-based row number, as a user reads it, for messages. */
export function rowNumber(row: number): number {
  return row + 1;
}

export function reportDuplicateColumns(grid: Grid, dups: readonly DuplicateColumn[], diag: Diagnostics): void {
  for (const d of dups) {
    const label = d.key.replace("|", "");
    diag.warning(
      cellAddress(grid.name, d.row, d.col),
      "duplicateColumn",
      `「${label}」列重复，使用${columnLetters(d.firstCol)}列，此列被忽略`,
    );
  }
}

/** A standard sheet located: its header, columns and data rows. */
export class Table {
  constructor(
    readonly grid: Grid,
    readonly map: SheetMap,
  ) {}

  get name(): string {
    return this.grid.name;
  }

  has(key: string): boolean {
    return this.map.columns[key] !== undefined;
  }

  value(row: number, key: string): CellValue {
    const c = this.map.columns[key];
    return c === undefined ? null : cellAt(this.grid, row, c);
  }

  /** Trimmed display text; "" when the column is absent. */
  text(row: number, key: string): string {
    return cellText(this.value(row, key)).trim();
  }

  /** `工作表!C4` of a column on a row; "" when the column is absent. */
  cell(row: number, key: string): string {
    const c = this.map.columns[key];
    return c === undefined ? "" : cellAddress(this.grid.name, row, c);
  }

  rowCell(row: number): string {
    return rowCell(this.grid, row);
  }

  /** The header row's first cell, for diagnostics about a whole column. */
  headerCell(): string {
    return rowCell(this.grid, this.map.headerRow);
  }
}

/** Locates a sheet's header; reports each missing required header as an error and returns null. */
export function openTable(grid: Grid, specs: readonly ColumnSpec[], diag: Diagnostics): Table | null {
  const search = findHeader(grid, specs);
  if (!search.found) {
    const cell = search.row === null ? cellAddress(grid.name, 0, 0) : rowCell(grid, search.row);
    const where =
      search.row === null ? `前${HEADER_SEARCH_ROWS}行中找不到表头：` : `第${rowNumber(search.row)}行的表头`;
    for (const key of search.missing) {
      diag.error(cell, "missingColumn", `${where}缺少必需的列「${key}」`);
    }
    return null;
  }
  const { header } = search;
  reportDuplicateColumns(grid, header.duplicates, diag);
  const columns: Record<string, number> = {};
  for (const [key, col] of header.columns) columns[key] = col;
  const map: SheetMap = {
    sheet: grid.name,
    headerRow: header.headerRow,
    headerEndRow: header.headerEndRow,
    columns,
    dataRows: dataRows(grid, header.headerEndRow, [...header.columns.values()]),
  };
  return new Table(grid, map);
}
