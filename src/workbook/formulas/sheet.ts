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

/** The cells of one row that SheetBuilder makes when it is written. */
export interface MadeRow {
  /** Dense from column A, as a row of SheetLayout.values. */
  values: LayoutValue[];
  formulas: FormulaCell[];
  /** Its cells of text that looks like a formula, by column. */
  textCells: CellPosition[];
}

/**
 * Rows of a sheet made only as a writer asks for them (SheetBuilder.rows): a 计算明细 sheet of 2,000 leaders has
 * 325,000 formulas, and kept until written they all outlive the collector's young generation, which then copies
 * them twice. Made a row at a time, they are garbage as soon as the row is written.
 */
export interface RowsMadeWhenWritten {
  /** The last row they make, or -1. */
  readonly last: number;
  /**
   * The cells of `row` when it is one of them. A pass asks for rows in increasing order; a new pass starts
   * again from the top (and makes the rows anew). Notes of the rows join the layout's notes (once), and the
   * widths of their columns its columns, as they are made.
   */
  row(row: number): MadeRow | undefined;
}

/** A SheetLayout whose rows, past those in `values`, are made as they are written. */
export interface StreamedLayout extends SheetLayout {
  madeWhenWritten: RowsMadeWhenWritten;
}

/** Where `put` writes: the sheet's own cells, or the row being made. */
interface Sink {
  line(row: number): LayoutValue[];
  formulas: FormulaCell[];
  /** Cells whose (last) value is text that looks like a formula: few, usually none. */
  formulaLikeText: Map<number, CellPosition>;
}

interface RowBlock {
  first: number;
  count: number;
  make: (k: number) => void;
}

export class SheetBuilder {
  /** Dense: a row is made, with every row above it, when a cell of it is first put. */
  private readonly values: LayoutValue[][] = [];
  private readonly notes: NoteCell[] = [];
  private readonly styles: StyledRange[] = [];
  /** Widest text per column, and the columns whose width the title rows must not set. */
  private readonly widths: number[] = [];
  /**
   * The columns made from `widths`, until one changes. A writer asks a streamed layout for its columns at every
   * row (60 MB of column objects made anew at 2,000 leaders, `--formulas`), and widths seldom change.
   */
  private madeColumns: ColumnLayout[] | null = null;
  private readonly own: Sink = {
    line: (row) => {
      const values = this.values;
      while (values.length <= row) values.push([]);
      return values[row];
    },
    formulas: [],
    formulaLikeText: new Map(),
  };
  /** The row `rows` is making for a writer, or null. */
  private making: Sink | null = null;
  /** Whether that row was made before (by an earlier pass): its notes are in the layout already. */
  private makingAgain = false;
  private readonly blocks: RowBlock[] = [];

  /**
   * `streamed`: the blocks of `rows` are made when written (`streamedLayout`); otherwise at once, and the
   * layout holds every cell.
   */
  constructor(private readonly streamed = false) {}

  put(row: number, col: number, content: Content, opts?: { sizes?: boolean }): void {
    const sink = this.making ?? this.own;
    const line = sink.line(row);
    while (line.length < col) line.push(null);
    let v: LayoutValue;
    const text = sink.formulaLikeText;
    if (isFormula(content)) {
      v = content.v;
      sink.formulas.push({ row, col, formula: flat(content.f) });
      if (text.size > 0) text.delete(cellKey(row, col));
    } else {
      v = content;
      if (typeof v === "string" && formulaLike(v)) text.set(cellKey(row, col), { row, col });
      else if (text.size > 0) text.delete(cellKey(row, col));
    }
    line[col] = v;
    if (opts?.sizes !== false) {
      // A column never sized stays a hole (and so absent from the columns).
      const widest = this.widths[col];
      if (!(widest >= widthBound(v))) {
        const w = shownWidth(v);
        if (!(widest >= w)) {
          this.widths[col] = w;
          this.madeColumns = null;
        }
      }
    }
  }

  putRow(row: number, cells: readonly Content[], opts?: { sizes?: boolean }): void {
    for (let col = 0; col < cells.length; col++) this.put(row, col, cells[col], opts);
  }

  note(row: number, col: number, text: string): void {
    if (this.makingAgain) return;
    this.notes.push({ row, col, text });
  }

  style(range: CellRange, style: CellStyle): void {
    if (this.making) throw new Error("SheetBuilder: a row made when written cannot add a style");
    this.styles.push({ range, style });
  }

  /**
   * Rows `first` … `first + count - 1`, row `first + k` made by `make(k)`, which puts that row's cells (and
   * notes) and no other's: at once, or, for a streamed builder, each time a writer asks for the row.
   */
  rows(first: number, count: number, make: (k: number) => void): void {
    if (!this.streamed) {
      for (let k = 0; k < count; k++) make(k);
      return;
    }
    if (count > 0) this.blocks.push({ first, count, make });
  }

  private columns(): ColumnLayout[] {
    return (this.madeColumns ??= this.widths.map((w) => ({
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil((w ?? 0) + 2))),
      numberFormat: null,
    })));
  }

  layout(sheet: string): SheetLayout {
    if (this.streamed) throw new Error("SheetBuilder: a streamed builder gives a streamedLayout");
    return this.ownLayout(sheet, this.columns());
  }

  private ownLayout(sheet: string, columns: ColumnLayout[]): SheetLayout {
    // Row by row, as the cells lie.
    const textCells = [...this.own.formulaLikeText.values()].sort((a, b) => a.row - b.row || a.col - b.col);
    return {
      sheet,
      values: this.values,
      textCells,
      formulas: this.own.formulas,
      headerRows: 0,
      columns,
      freeze: { rows: 0, columns: 0 },
      autoFilter: null,
      styles: this.styles,
      notes: this.notes,
    };
  }

  /**
   * The layout of a streamed builder: its own cells, and the blocks of `rows` made as a writer asks for them.
   * Its `columns` are read when asked for: whole once every row has been written.
   */
  streamedLayout(sheet: string): StreamedLayout {
    if (!this.streamed) throw new Error("SheetBuilder: only a streamed builder gives a streamedLayout");
    const blocks = [...this.blocks].sort((x, y) => x.first - y.first);
    blocks.forEach((b, k) => {
      if (k > 0 && b.first < blocks[k - 1].first + blocks[k - 1].count) throw new Error("SheetBuilder: rows overlap");
      for (let r = b.first; r < b.first + b.count && r < this.values.length; r++) {
        if (this.values[r].length > 0) throw new Error(`SheetBuilder: row ${r} is both put and made`);
      }
    });
    const inBlock = (row: number) => blocks.some((b) => row >= b.first && row < b.first + b.count);
    if (this.own.formulas.some((f) => inBlock(f.row)) || this.notes.some((n) => inBlock(n.row))) {
      throw new Error("SheetBuilder: a row made when written has cells put");
    }
    const last = blocks.length === 0 ? -1 : blocks[blocks.length - 1].first + blocks[blocks.length - 1].count - 1;
    let at = 0;
    let asked = -1;
    let highest = -1;
    const made: RowsMadeWhenWritten = {
      last,
      row: (row) => {
        if (row <= asked) at = 0;
        asked = row;
        while (at < blocks.length && blocks[at].first + blocks[at].count <= row) at++;
        const block = blocks[at];
        if (block === undefined || row < block.first) return undefined;
        const values: LayoutValue[] = [];
        const sink: Sink = {
          line: (r) => {
            if (r !== row) throw new Error(`SheetBuilder: the maker of row ${row} put a cell in row ${r}`);
            return values;
          },
          formulas: [],
          formulaLikeText: new Map(),
        };
        this.making = sink;
        this.makingAgain = row <= highest;
        highest = Math.max(highest, row);
        try {
          block.make(row - block.first);
        } finally {
          this.making = null;
          this.makingAgain = false;
        }
        const textCells = [...sink.formulaLikeText.values()].sort((a, b) => a.col - b.col);
        return { values, formulas: sink.formulas, textCells };
      },
    };
    const builder = this;
    return {
      ...this.ownLayout(sheet, []),
      madeWhenWritten: made,
      get columns() {
        return builder.columns();
      },
    };
  }
}
