/** Which rows below a header hold data (docs/method.md §1): blank, total and footnote rows are skipped. */

import type { CellValue, Grid } from "./grid";
import { nameKeyOf as nameKey } from "./keys";
import { isAllSpace } from "./normalize";
import { FOOTNOTE_PREFIXES, TOTAL_WORDS } from "./synonyms";

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && isAllSpace(v));
}

/** Column of the row's first non-empty cell, or -1 for a blank row. */
export function firstFilledColumn(grid: Grid, row: number): number {
  const cells = grid.rows[row];
  if (!cells) return -1;
  for (let c = 0; c < cells.length; c++) if (!isBlank(cells[c])) return c;
  return -1;
}

const TOTALS = new Set(TOTAL_WORDS);
/** A cheap pre-test: the first characters of every total and footnote word, as a table by UTF-16 code unit. */
const NOTE_FIRST_CHARS = new Uint8Array(0x10000);
for (const w of [...TOTAL_WORDS, ...FOOTNOTE_PREFIXES]) NOTE_FIRST_CHARS[w.charCodeAt(0)] = 1;

/** Whether the text holds any of those characters (anywhere: the key drops what may come before). */
function hasNoteChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (NOTE_FIRST_CHARS[s.charCodeAt(i)] === 1) return true;
  return false;
}

/** A total line (`合计`, `小计：`) or a footnote (`注：…`, `说明…`, `备注…`), judged by the row's first non-empty cell. */
export function isNoteText(v: CellValue): boolean {
  if (typeof v !== "string" || !hasNoteChar(v)) return false;
  const k = nameKey(v).replace(/[:：]+$/, "");
  return TOTALS.has(k) || FOOTNOTE_PREFIXES.some((p) => k.startsWith(p));
}

/**
 * Data rows after `afterRow`: not blank, not a total or footnote, and not blank in every column the sheet uses
 * (a row with only a 序号 is not data).
 */
export function dataRows(grid: Grid, afterRow: number, usedColumns: readonly number[]): number[] {
  const rows = grid.rows;
  // Sized for every row and cut to those kept: no copy as it grows (a sheet of votes has 120,000 data rows).
  const out = new Array<number>(Math.max(0, rows.length - afterRow - 1));
  let n = 0;
  for (let r = afterRow + 1; r < rows.length; r++) {
    const first = firstFilledColumn(grid, r);
    if (first < 0) continue;
    const cells = rows[r];
    if (isNoteText(cells[first])) continue;
    if (allBlank(cells, usedColumns)) continue;
    out[n++] = r;
  }
  out.length = n;
  return out;
}

function allBlank(cells: readonly CellValue[], columns: readonly number[]): boolean {
  for (let i = 0; i < columns.length; i++) if (!isBlank(cells[columns[i]])) return false;
  return true;
}
