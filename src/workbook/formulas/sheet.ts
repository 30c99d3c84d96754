/**
 * A small writer of a SheetLayout whose cells are values or formulas with their cached results, and the A1
 * pieces the formulas are made of.
 */
import { a1, columnLetters } from "../address";
import type {
  CellPosition,
  CellRange,
  CellStyle,
  ColumnLayout,
  FormulaCell,
  LayoutValue,
  NoteCell,
  SheetLayout,
  StyledRange,
} from "../layout";
import { displayWidth } from "../textWidth";

/** A formula (with its leading `=`) and the value it gives for the input it was written for; "" is empty. */
export interface Formula {
  f: string;
  v: LayoutValue;
}

export type Content = LayoutValue | Formula;

export function isFormula(c: Content): c is Formula {
  return typeof c === "object" && c !== null;
}

const prefixes = new Map<string, string>();

/** `'Sheet name'!`: always quoted, which Excel and LibreOffice both accept for any name. */
export function sheetPrefix(sheet: string): string {
  let p = prefixes.get(sheet);
  if (p === undefined) {
    p = `'${sheet.replace(/'/g, "''")}'!`;
    if (prefixes.size > 1000) prefixes.clear();
    prefixes.set(sheet, p);
  }
  return p;
}

/** `$B$5`. */
export function abs(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** `B5`. */
export function rel(row: number, col: number): string {
  return a1(row, col);
}

/** `B5:B9` (relative). */
export function span(top: number, bottom: number, col: number): string {
  return `${a1(top, col)}:${a1(bottom, col)}`;
}

/** `$B$5:$B$9`. */
export function absSpan(top: number, bottom: number, col: number): string {
  return `${abs(top, col)}:${abs(bottom, col)}`;
}

/** A text literal of a formula; Excel limits them to 255 characters. */
export function textLiteral(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export const MAX_LITERAL = 255;

/** A number literal of a formula (`1E-9`, never `1e-9`). */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`公式中不能写入的数值：${n}`);
  return String(n).toUpperCase();
}

/** Sum of terms, or 0 for none. */
export function plus(terms: readonly string[]): string {
  return terms.length === 0 ? "0" : terms.join("+");
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 48;

/** The text a General-formatted cell shows, roughly, to size its column. */
function shown(v: LayoutValue): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toPrecision(10).replace(/\.?0+$/, "");
  return String(v);
}

/** displayWidth(shown(v)), without the regular expression and the copy (a number's text is ASCII). */
function shownWidth(v: LayoutValue): number {
  if (typeof v !== "number") return displayWidth(shown(v));
  if (Number.isInteger(v) && Math.abs(v) < 1e15) {
    let digits = v < 0 ? 2 : 1;
    for (let n = Math.abs(v); n >= 10; n = Math.floor(n / 10)) digits++;
    return digits;
  }
  if (Number.isInteger(v)) return String(v).length;
  // shown() strips /\.?0+$/ from toPrecision(10).
  const s = v.toPrecision(10);
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  if (end < s.length && end > 0 && s.charCodeAt(end - 1) === 46) end--;
  return end;
}

/**
 * At least shownWidth(v), cheaply: a column's width needs the widest value only, and a value that cannot be
 * wider than the widest so far need not be measured. toPrecision(10) gives at most 11 characters from 1 to 1e9
 * ("123456789.5"), 12 from 0.1 to 1 ("0.1234567891"), 18 otherwise, and a sign; a text is at most 2 per UTF-16
 * unit (displayWidth).
 */
function widthBound(v: LayoutValue): number {
  if (typeof v === "string") return 2 * v.length;
  if (typeof v !== "number" || Number.isInteger(v)) return Infinity;
  const a = Math.abs(v);
  return (v < 0 ? 1 : 0) + (a >= 1 && a < 1e9 ? 11 : a >= 0.1 && a < 1 ? 12 : 18);
}

/** A cell's key in a map: its row and column in one number. */
const cellKey = (row: number, col: number): number => row * 16_384 + col;

/** Text Excel would read as a formula (looksLikeFormula, without a regular expression per cell). */
function formulaLike(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64; /* @ */
}

/**
 * The same text, flat. V8 keeps a string made by concatenation as a tree of its pieces until its characters are
 * read; reading one flattens it while the pieces are still young garbage, so that the sheet keeps one string per
 * formula (about half the memory of the tree, and far fewer objects for the collector to trace).
 */
function flat(s: string): string {
  s.charCodeAt(s.length - 1);
  return s;
}

export class SheetBuilder {
  /** Dense: a row is made, with every row above it, when a cell of it is first put. */
  private readonly values: LayoutValue[][] = [];
  private readonly formulas: FormulaCell[] = [];
  private readonly notes: NoteCell[] = [];
  private readonly styles: StyledRange[] = [];
  /** Cells whose (last) value is text that looks like a formula: few, usually none. */
  private readonly formulaLikeText = new Map<number, CellPosition>();
  /** Widest text per column, and the columns whose width the title rows must not set. */
  private readonly widths: number[] = [];

  private line(row: number): LayoutValue[] {
    const values = this.values;
    while (values.length <= row) values.push([]);
    return values[row];
  }

  put(row: number, col: number, content: Content, opts?: { sizes?: boolean }): void {
    const line = this.line(row);
    while (line.length < col) line.push(null);
    let v: LayoutValue;
    if (isFormula(content)) {
      v = content.v;
      this.formulas.push({ row, col, formula: flat(content.f) });
      if (this.formulaLikeText.size > 0) this.formulaLikeText.delete(cellKey(row, col));
    } else {
      v = content;
      if (typeof v === "string" && formulaLike(v)) this.formulaLikeText.set(cellKey(row, col), { row, col });
      else if (this.formulaLikeText.size > 0) this.formulaLikeText.delete(cellKey(row, col));
    }
    line[col] = v;
    if (opts?.sizes !== false) {
      // A column never sized stays a hole (and so absent from the columns).
      const widest = this.widths[col];
      if (!(widest >= widthBound(v))) {
        const w = shownWidth(v);
        if (!(widest >= w)) this.widths[col] = w;
      }
    }
  }

  putRow(row: number, cells: readonly Content[], opts?: { sizes?: boolean }): void {
    for (let col = 0; col < cells.length; col++) this.put(row, col, cells[col], opts);
  }

  note(row: number, col: number, text: string): void {
    this.notes.push({ row, col, text });
  }

  style(range: CellRange, style: CellStyle): void {
    this.styles.push({ range, style });
  }

  layout(sheet: string): SheetLayout {
    const columns: ColumnLayout[] = this.widths.map((w) => ({
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil((w ?? 0) + 2))),
      numberFormat: null,
    }));
    // Row by row, as the cells lie.
    const textCells = [...this.formulaLikeText.values()].sort((a, b) => a.row - b.row || a.col - b.col);
    return {
      sheet,
      values: this.values,
      textCells,
      formulas: this.formulas,
      headerRows: 0,
      columns,
      freeze: { rows: 0, columns: 0 },
      autoFilter: null,
      styles: this.styles,
      notes: this.notes,
    };
  }
}
