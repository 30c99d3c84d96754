/**
 * The parts of a results sheet, written from a SheetLayout: the worksheet, and the legacy comments and their
 * VML drawing for its notes. Strings are inline (t="inlineStr"), so the workbook's shared strings stay as
 * they are; styles are referred to by index, given by the caller (see styles.ts).
 */
import { a1, columnLetters } from "../../workbook/address";
import type { RowsMadeWhenWritten } from "../../workbook/formulas";
import type { CellStyle, LayoutValue, NoteCell, PrintSettings, SheetLayout } from "../../workbook/layout";
import { displayWidth } from "../../workbook/textWidth";
import { escapeAttr, escapeText } from "./xml";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const OFFICE_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** What a cell looks like: a number format (null: General) and the properties of a CellStyle. */
export interface CellFormat extends CellStyle {
  numFmt: string | null;
}

/** A stable key: equal formats, equal keys. */
export function formatKey(f: CellFormat): string {
  return JSON.stringify([
    f.numFmt,
    f.bold ?? null,
    f.fontColor?.toUpperCase() ?? null,
    f.fill?.toUpperCase() ?? null,
    f.horizontalAlignment ?? null,
    f.verticalAlignment ?? null,
    f.wrapText ?? null,
    f.fontName ?? null,
    f.border ?? null,
    f.fontSize ?? null,
  ]);
}

/** General, and none of the style's properties set. */
export function isPlainFormat(f: CellFormat): boolean {
  return (
    f.numFmt === null &&
    f.bold === undefined &&
    f.fontColor === undefined &&
    f.fill === undefined &&
    f.horizontalAlignment === undefined &&
    f.verticalAlignment === undefined &&
    f.wrapText === undefined &&
    f.fontName === undefined &&
    f.fontSize === undefined &&
    f.border === undefined
  );
}

export interface LaidOutCell {
  row: number;
  col: number;
  value: LayoutValue;
  /** Without the leading `=`. */
  formula: string | null;
  /** Equal formats are one object, so that a caller can look them up by identity. */
  format: CellFormat;
}

/**
 * The formats of one sheet, each made once: a format changed the same way (a number format set, a styled
 * range applied) gives the same object every time, and equal formats are one object. A sheet of a million
 * cells has a few dozen formats: no cell gets a format object of its own.
 */
export class Formats {
  private readonly byKey = new Map<string, CellFormat>();
  private readonly next = new Map<CellFormat, Map<unknown, CellFormat>>();
  readonly plain: CellFormat = this.intern({ numFmt: null });

  private intern(f: CellFormat): CellFormat {
    const key = formatKey(f);
    const same = this.byKey.get(key);
    if (same) return same;
    this.byKey.set(key, f);
    return f;
  }

  /** `from` changed by `change` (made once for each `how`). */
  derive(from: CellFormat, how: unknown, change: (copy: CellFormat) => void): CellFormat {
    let ways = this.next.get(from);
    if (!ways) this.next.set(from, (ways = new Map()));
    let to = ways.get(how);
    if (!to) {
      const copy = { ...from };
      change(copy);
      ways.set(how, (to = this.intern(copy)));
    }
    return to;
  }
}

/**
 * Every cell the layout writes, row by row: a cell with a value, a formula or a format. Number formats go on
 * the data rows of their column, text cells get `@`, then the styled ranges apply in order (a later one wins,
 * property by property).
 */
export function layoutCells(layout: SheetLayout): LaidOutCell[] {
  const out: LaidOutCell[] = [];
  for (const row of laidOutRows(layout)) out.push(...row);
  return out;
}

/**
 * Items by the row they are on, in their order, for one pass over the rows in increasing order: a function of
 * the row. Items listed row by row are taken as slices of the list as the pass goes; items listed otherwise
 * (the formulas of a 计算明细 sheet, a million of them, come section by section) are put in row order
 * first by counting them per row — a stable sort in two passes, without a map of arrays.
 */
function byRow<T>(items: readonly T[], rowOf: (item: T) => number): () => (row: number) => readonly T[] | undefined {
  let sorted = true;
  let max = 0;
  let rows = true;
  for (let k = 0; k < items.length; k++) {
    const r = rowOf(items[k]);
    if (k > 0 && rowOf(items[k - 1]) > r) sorted = false;
    if (!(Number.isInteger(r) && r >= 0 && r <= MAX_ROW)) rows = false;
    else if (r > max) max = r;
  }
  if (!sorted && !rows) {
    const map = byRowMap(items, rowOf);
    return () => (row) => map.get(row);
  }
  const list = sorted ? items : countingSort(items, rowOf, max);
  return () => {
    let at = 0;
    return (row) => {
      while (at < list.length && rowOf(list[at]) < row) at++;
      const start = at;
      while (at < list.length && rowOf(list[at]) === row) at++;
      return at > start ? list.slice(start, at) : undefined;
    };
  };
}

/** The last row of a sheet, 0-based. */
const MAX_ROW = 1048575;

/** `items` in the order of their rows (integers 0…max), those of one row in their order. */
function countingSort<T>(items: readonly T[], rowOf: (item: T) => number, max: number): T[] {
  const start = new Int32Array(max + 2);
  for (let k = 0; k < items.length; k++) start[rowOf(items[k]) + 1]++;
  for (let r = 1; r < start.length; r++) start[r] += start[r - 1];
  const order = new Int32Array(items.length);
  for (let k = 0; k < items.length; k++) order[start[rowOf(items[k])]++] = k;
  // Pushed in order: an array made at its full length (a hole each) is a slow dictionary when large.
  const out: T[] = [];
  for (let k = 0; k < order.length; k++) out.push(items[order[k]]);
  return out;
}

function byRowMap<T>(items: readonly T[], rowOf: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const r = rowOf(item);
    const list = map.get(r);
    if (list) list.push(item);
    else map.set(r, [item]);
  }
  return map;
}

/** A cell as laidOutRows gives it without making an object of it. */
export type CellVisitor = (
  row: number,
  col: number,
  value: LayoutValue,
  formula: string | null,
  format: CellFormat,
) => void;

/** Cells in order, each given to `visit`. */
export interface CellSource {
  forEachCell(visit: CellVisitor): void;
}

/** The cells of a layout row by row as objects, or visited one by one (no object per cell). */
export interface LaidOutRows extends Iterable<LaidOutCell[]>, CellSource {}

/** The rows a layout makes as they are written, if it is a StreamedLayout. */
export function madeWhenWritten(layout: SheetLayout): RowsMadeWhenWritten | undefined {
  return (layout as { madeWhenWritten?: RowsMadeWhenWritten }).madeWhenWritten;
}

/** A list of cells in order as a CellSource. */
export function cellSource(cells: readonly LaidOutCell[]): CellSource {
  return { forEachCell: (visit) => cells.forEach((c) => visit(c.row, c.col, c.value, c.formula, c.format)) };
}

/**
 * layoutCells a row at a time, made as they are asked for: the cells of a sheet of a million are never all
 * objects at once. Each pass over the result makes the rows anew; `formats` shared between passes gives the
 * same format objects.
 *
 * A cell's format is its base (plain; its column's number format on a data row; then `@` for a text cell)
 * changed by each active styled range that covers its column, in order. Formats.derive is a pure function of
 * its arguments (memoized), so each column keeps what its styles made of each base until the styles that
 * cover it change: most cells then cost an array look-up, not a chain of derive calls. A range of one row (a
 * grade's fill on each row of 考核结果) changes no column's styles: its cells take it on top of the column's.
 */
export function laidOutRows(layout: SheetLayout, formats: Formats = new Formats()): LaidOutRows {
  // The rows of a StreamedLayout (workbook/formulas) made as they are written.
  const made = madeWhenWritten(layout);
  const formulasOf = byRow(layout.formulas, (f) => f.row);
  const textCellsOf = byRow(layout.textCells, (t) => t.row);
  // Worked out once per style object: a layout may give many ranges the same one (a grade's fill, say).
  const seen = new Map<CellStyle, { defined: CellStyle; key: string }>();
  const styles = layout.styles.map(({ range, style }, order) => {
    let known = seen.get(style);
    if (known === undefined) {
      const defined = Object.fromEntries(Object.entries(style).filter(([, v]) => v !== undefined)) as CellStyle;
      // What the style changes, as the key of its derived formats: styles written alike (one per row, say,
      // of a few colours) share their formats' derivations.
      seen.set(style, (known = { defined, key: JSON.stringify(defined) }));
    }
    return { range, order, defined: known.defined, key: known.key };
  });
  type Styled = (typeof styles)[number];
  const startingOf = byRow(
    styles.filter((s) => s.range.bottom !== s.range.top),
    (s) => s.range.top,
  );
  const oneRowOf = byRow(
    // (A range ending above its top, as an empty table's body can give, covers no cell: left to the rest.)
    styles.filter((s) => s.range.bottom === s.range.top),
    (s) => s.range.top,
  );
  let last = Math.max(layout.values.length - 1, made?.last ?? -1);
  for (const f of layout.formulas) last = Math.max(last, f.row);
  for (const t of layout.textCells) last = Math.max(last, t.row);
  for (const s of styles) last = Math.max(last, s.range.bottom);
  const numFmtHow = layout.columns.map((c) => (c.numberFormat === null ? null : `numFmt:${c.numberFormat}`));
  const numFmtCode = layout.columns.map((c) => c.numberFormat);
  const plain = formats.plain;

  /** One pass: a function that visits the cells of each row in turn (rows in order), giving their count. */
  const pass = (): ((row: number, visit: CellVisitor) => number) => {
    let active: Styled[] = [];
    const starting = startingOf();
    const oneRow = oneRowOf();
    const formulas = formulasOf();
    const textCells = textCellsOf();
    /** By column: the active styles that cover it, in order, and the formats they made of each base. */
    const colStyles: (Styled[] | undefined)[] = [];
    const colMade: (Map<CellFormat, CellFormat> | undefined)[] = [];
    /** By column: its base formats — [plain or text, number format, number format then text]. */
    const bases: (CellFormat | undefined)[][] = [];
    const text = (f: CellFormat) => formats.derive(f, "numFmt:@", (c) => (c.numFmt = "@"));
    const baseOf = (col: number, data: boolean, isText: boolean): CellFormat => {
      const how = data && col < numFmtHow.length ? numFmtHow[col] : null;
      if (how === null) return isText ? text(plain) : plain;
      const kinds = (bases[col] ??= []);
      const k = isText ? 1 : 0;
      let f = kinds[k];
      if (f === undefined) {
        const code = numFmtCode[col]!;
        f = formats.derive(plain, how, (c) => (c.numFmt = code));
        if (isText) f = text(f);
        kinds[k] = f;
      }
      return f;
    };
    const derived = (f: CellFormat, s: Styled) => formats.derive(f, s.key, (c) => Object.assign(c, s.defined));
    /**
     * `format` (`base` changed by the column's styles, `applied`) changed by the one-row ranges over `col`, in
     * order; when one of those comes before one of the column's (no layout here lists them so), every range
     * over the cell in order, from `base`.
     */
    const onTop = (
      base: CellFormat,
      format: CellFormat,
      col: number,
      applied: readonly Styled[] | undefined,
      here: readonly Styled[],
    ): CellFormat => {
      const lastOrder = applied !== undefined && applied.length > 0 ? applied[applied.length - 1].order : -1;
      let to = format;
      for (let k = 0; k < here.length; k++) {
        const s = here[k];
        if (col < s.range.left || col > s.range.right) continue;
        if (s.order < lastOrder) {
          const over = [...applied!, ...here.filter((h) => h.range.left <= col && col <= h.range.right)];
          return over.sort((a, b) => a.order - b.order).reduce(derived, base);
        }
        to = derived(to, s);
      }
      return to;
    };
    let right = 0;
    const formulaAt: (string | undefined)[] = [];
    const textAt: boolean[] = [];
    // A row is made by a plain function, not in a generator's body: V8 optimizes a function called for
    // every row, but not a loop that runs once inside a generator.
    return (row: number, visit: CellVisitor): number => {
      const started = starting(row);
      let changed: readonly Styled[] | null = null;
      if (started) {
        // `started` is in order: after the active styles, most often.
        active =
          active.length === 0 || active[active.length - 1].order < started[0].order
            ? active.concat(started)
            : [...active, ...started].sort((a, b) => a.order - b.order);
        changed = started;
      }
      if (active.some((s) => s.range.bottom < row)) {
        const ended = active.filter((s) => s.range.bottom < row);
        active = active.filter((s) => s.range.bottom >= row);
        changed = changed ? changed.concat(ended) : ended;
      }
      if (changed) {
        right = 0;
        for (let k = 0; k < active.length; k++) right = Math.max(right, active[k].range.right + 1);
        for (let k = 0; k < changed.length; k++) {
          const s = changed[k];
          for (let col = s.range.left; col <= s.range.right; col++) {
            const now = active.filter((a) => a.range.left <= col && col <= a.range.right);
            const before = colStyles[col];
            if (!before || before.length !== now.length || before.some((b, k) => b.key !== now[k].key)) {
              colStyles[col] = now;
              colMade[col] = undefined;
            }
          }
        }
      }
      const madeRow = made?.row(row);
      const values = madeRow ? madeRow.values : (layout.values[row] ?? []);
      const data = row >= layout.headerRows && (row < layout.values.length || madeRow !== undefined);
      let width = Math.max(values.length, right, data ? layout.columns.length : 0);
      const here = oneRow(row);
      // The columns the row's one-row ranges span, from first to last.
      let hereLeft = Infinity;
      let hereRight = -1;
      if (here) {
        for (let k = 0; k < here.length; k++) {
          hereLeft = Math.min(hereLeft, here[k].range.left);
          hereRight = Math.max(hereRight, here[k].range.right);
        }
        width = Math.max(width, hereRight + 1);
      }
      const rowFormulas = madeRow ? madeRow.formulas : formulas(row);
      const rowTexts = madeRow ? madeRow.textCells : textCells(row);
      if (rowFormulas) {
        for (let k = 0; k < rowFormulas.length; k++) {
          const f = rowFormulas[k];
          formulaAt[f.col] = f.formula.charCodeAt(0) === 0x3d ? f.formula.slice(1) : f.formula; // without `=`
          width = Math.max(width, f.col + 1);
        }
      }
      if (rowTexts) {
        for (let k = 0; k < rowTexts.length; k++) {
          const t = rowTexts[k];
          textAt[t.col] = true;
          width = Math.max(width, t.col + 1);
        }
      }
      let count = 0;
      for (let col = 0; col < width; col++) {
        const base = baseOf(col, data, textAt[col] === true);
        let format = base;
        const applied = colStyles[col];
        if (applied !== undefined && applied.length > 0) {
          const made = (colMade[col] ??= new Map());
          let to = made.get(format);
          if (to === undefined) {
            to = format;
            for (let k = 0; k < applied.length; k++) to = derived(to, applied[k]);
            made.set(format, to);
          }
          format = to;
        }
        if (here && col >= hereLeft && col <= hereRight) format = onTop(base, format, col, applied, here);
        const value = col < values.length ? values[col] : null;
        const formula = formulaAt[col] ?? null;
        if ((value !== null && value !== undefined) || formula !== null || format !== plain) {
          visit(row, col, value ?? null, formula, format);
          count++;
        }
      }
      if (rowFormulas) for (let k = 0; k < rowFormulas.length; k++) formulaAt[rowFormulas[k].col] = undefined;
      if (rowTexts) for (let k = 0; k < rowTexts.length; k++) textAt[rowTexts[k].col] = false;
      return count;
    };
  };

  return {
    *[Symbol.iterator]() {
      const rowAt = pass();
      for (let row = 0; row <= last; row++) {
        const cells: LaidOutCell[] = [];
        rowAt(row, (r, col, value, formula, format) => cells.push({ row: r, col, value, formula, format }));
        if (cells.length > 0) yield cells;
      }
    },
    forEachCell(visit: CellVisitor) {
      const rowAt = pass();
      for (let row = 0; row <= last; row++) rowAt(row, visit);
    },
  };
}

/** A number as xsd:double; the engine never produces NaN or infinities, and a file must not hold them. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`不能写入单元格的数值：${n}`);
  return String(n);
}

/**
 * Excel reads `_xHHHH_` in a string as an escaped character: a literal one is written with its underscore
 * escaped (`_x005F_`), as Excel itself does.
 */
export function escapeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_");
}

function inlineText(s: string): string {
  const text = escapeText(escapeXstring(s));
  const preserve = /^[\s]|[\s]$|\n/.test(s) ? ' xml:space="preserve"' : "";
  return `<t${preserve}>${text}</t>`;
}

/** Column letters, computed once per column of a sheet. */
const letters: string[] = [];

/** `r` is the cell's reference, `s` its style attribute (` s="3"`, or empty for the plain format). */
function cellXml(v: LayoutValue, formula: string | null, r: string, s: string): string {
  if (formula !== null) {
    const f = `<f>${escapeText(formula)}</f>`;
    if (v === null) return `<c r="${r}"${s}>${f}</c>`;
    if (typeof v === "number") return `<c r="${r}"${s}>${f}<v>${numberText(v)}</v></c>`;
    if (typeof v === "boolean") return `<c r="${r}"${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `<c r="${r}"${s} t="str">${f}<v>${escapeText(escapeXstring(v))}</v></c>`;
  }
  if (v === null) return `<c r="${r}"${s}/>`;
  if (typeof v === "number") return `<c r="${r}"${s}><v>${numberText(v)}</v></c>`;
  if (typeof v === "boolean") return `<c r="${r}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${r}"${s} t="inlineStr"><is>${inlineText(v)}</is></c>`;
}

function paneXml(rows: number, columns: number): string {
  if (rows <= 0 && columns <= 0) return "";
  const topLeft = a1(Math.max(rows, 0), Math.max(columns, 0));
  const split = `${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}`;
  const sel = (pane: string, cell: string) => `<selection pane="${pane}" activeCell="${cell}" sqref="${cell}"/>`;
  if (rows > 0 && columns > 0) {
    return (
      `<pane${split} topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/>` +
      sel("topRight", a1(0, columns)) +
      sel("bottomLeft", a1(rows, 0)) +
      sel("bottomRight", topLeft)
    );
  }
  const pane = rows > 0 ? "bottomLeft" : "topRight";
  return `<pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>${sel(pane, topLeft)}`;
}

export interface WorksheetOptions {
  /** The style index of each cell's format (0 for the plain one). */
  styleIndex(format: CellFormat): number;
  /** Whether the sheet is the workbook's active tab. */
  tabSelected: boolean;
  /**
   * The relationship id of the VML drawing of the notes, when there are notes; or a function that gives it,
   * asked once the rows are written (rows made as they are written add notes).
   */
  legacyDrawing: string | null | (() => string | null);
}

/** The worksheet part; its children in the order CT_Worksheet requires. */
export function worksheetXml(layout: SheetLayout, cells: readonly LaidOutCell[], o: WorksheetOptions): string {
  const rows: string[] = [];
  const { head, tail } = writeWorksheetXml(layout, cellSource(cells), o, (text) => rows.push(text));
  return head + rows.join("") + tail;
}

/**
 * The worksheet part in one pass over the cells: its rows as pieces of text in order (a row at a time), for a
 * caller that encodes them as they come — a sheet of a million cells is never one string, nor a million
 * objects (`cells` visits them in order) — then its frame: `head`, the text before the rows, and `tail`, after.
 * The head holds the sheet's extent (<dimension>), known once the rows are written, and `styleIndex` is asked
 * for each format as the rows first use it. `formulas` is how many of the cells written are formulas.
 *
 * The frame is the declaration, the root element and every element around <sheetData>'s rows, which carry the
 * layout's own texts (header and footer) and references. The rows are made only here, from the templates of
 * cellXml and the row element: names this writer knows, attribute values that are numbers, cell references
 * and constants, and every text of the layout (values, formulas) through escapeText, which removes what XML
 * cannot hold and escapes `&`, `<`, `>` — so they are well-formed by construction, whatever the texts. A
 * caller that checks the part (graft.ts) checks the frame, where the structure lies.
 */
export function writeWorksheetXml(
  layout: SheetLayout,
  cells: CellSource,
  o: WorksheetOptions,
  emitRows: (text: string) => void,
): { head: string; tail: string; formulas: number } {
  // Rows in order: those with cells, and those that only set a height.
  const heights = new Map((layout.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rowStart = (r: number) => {
    const h = heights.get(r);
    return `<row r="${r + 1}"${h === undefined ? "" : ` ht="${numberText(h)}" customHeight="1"`}>`;
  };
  const heightOnly = [...heights.keys()].sort((a, b) => a - b);
  let next = 0;
  const emptyRowsBefore = (r: number) => {
    let out = "";
    for (; next < heightOnly.length && heightOnly[next] < r; next++) {
      out += `${rowStart(heightOnly[next]).slice(0, -1)}/>`;
    }
    if (next < heightOnly.length && heightOnly[next] === r) next++;
    return out;
  };
  // The style attribute of each format, made once.
  const styleAttr = new Map<CellFormat, string>();
  let data = "";
  let row = -1;
  let rowNumber = "";
  let bottom = 0;
  let right = 0;
  let count = 0;
  let formulas = 0;
  cells.forEachCell((cellRow, col, value, formula, format) => {
    if (cellRow !== row) {
      if (row >= 0) data += "</row>";
      // Handed on in pieces below V8's large-object size (128 KB; two bytes a character once the text holds
      // Chinese): a larger piece, flattened to be encoded, is a fresh mapping each time, and on a machine
      // where new memory is dear that made the 计算明细 sheet of 2,000 leaders 300 ms slower to write.
      if (data.length > 1 << 15) {
        emitRows(data);
        data = "";
      }
      row = cellRow;
      rowNumber = String(row + 1);
      data += emptyRowsBefore(row) + rowStart(row);
    }
    if (cellRow > bottom) bottom = cellRow;
    if (col > right) right = col;
    count++;
    if (formula !== null) formulas++;
    let s = styleAttr.get(format);
    if (s === undefined) {
      const index = isPlainFormat(format) ? 0 : o.styleIndex(format);
      styleAttr.set(format, (s = index > 0 ? ` s="${index}"` : ""));
    }
    data += cellXml(value, formula, (letters[col] ??= columnLetters(col)) + rowNumber, s);
  });
  if (row >= 0) data += "</row>";
  data += emptyRowsBefore(Infinity);
  if (data !== "") emitRows(data);

  const dimension = count === 0 ? "A1" : `A1:${a1(bottom, right)}`;
  const view =
    `<sheetViews><sheetView${o.tabSelected ? ' tabSelected="1"' : ""} workbookViewId="0"` +
    (layout.freeze.rows > 0 || layout.freeze.columns > 0
      ? `>${paneXml(layout.freeze.rows, layout.freeze.columns)}</sheetView>`
      : "/>") +
    "</sheetViews>";
  const cols = layout.columns.length
    ? `<cols>${layout.columns
        .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${numberText(c.width)}" customWidth="1"/>`)
        .join("")}</cols>`
    : "";
  const print = printXml(layout.print);
  const head =
    DECLARATION +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${OFFICE_REL_NS}">` +
    print.sheetPr +
    `<dimension ref="${dimension}"/>` +
    view +
    cols +
    "<sheetData>";

  const f = layout.autoFilter;
  const autoFilter = f ? `<autoFilter ref="${a1(f.top, f.left)}:${a1(f.bottom, f.right)}"/>` : "";
  const merges = layout.merges ?? [];
  const mergeCells = merges.length
    ? `<mergeCells count="${merges.length}">${merges
        .map((m) => `<mergeCell ref="${a1(m.top, m.left)}:${a1(m.bottom, m.right)}"/>`)
        .join("")}</mergeCells>`
    : "";
  // Asked for once the rows are written: a sheet whose rows are made as they are written knows its notes then.
  const drawing = typeof o.legacyDrawing === "function" ? o.legacyDrawing() : o.legacyDrawing;
  const legacy = drawing ? `<legacyDrawing r:id="${escapeAttr(drawing)}"/>` : "";
  const tail = "</sheetData>" + autoFilter + mergeCells + print.setup + legacy + "</worksheet>";
  return { head, tail, formulas };
}

/** Paper sizes by the file format's numbers (ECMA-376 Part 1, 18.3.1.63). */
const PAPER_SIZE: Readonly<Record<PrintSettings["paper"], number>> = { A4: 9 };

/**
 * The page setup of a sheet: `fitToPage` in <sheetPr> (without it Excel ignores fitToWidth), and the print
 * elements in their CT_Worksheet order — printOptions, pageMargins, pageSetup, headerFooter. The repeated
 * rows are a defined name of the workbook (printTitlesRef).
 */
export function printXml(p: PrintSettings | undefined): { sheetPr: string; setup: string } {
  const defaultMargins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (!p) return { sheetPr: "", setup: defaultMargins };
  const m = p.margins;
  const fit = p.fitTo.width > 0 || p.fitTo.height > 0;
  const setup =
    (p.centerHorizontally ? '<printOptions horizontalCentered="1"/>' : "") +
    `<pageMargins left="${numberText(m.left)}" right="${numberText(m.right)}" top="${numberText(m.top)}" ` +
    `bottom="${numberText(m.bottom)}" header="${numberText(m.header)}" footer="${numberText(m.footer)}"/>` +
    `<pageSetup paperSize="${PAPER_SIZE[p.paper]}" orientation="${p.orientation}"` +
    (fit ? ` fitToWidth="${p.fitTo.width}" fitToHeight="${p.fitTo.height}"` : "") +
    "/>" +
    (p.header || p.footer
      ? "<headerFooter>" +
        (p.header ? `<oddHeader>${escapeText(p.header)}</oddHeader>` : "") +
        (p.footer ? `<oddFooter>${escapeText(p.footer)}</oddFooter>` : "") +
        "</headerFooter>"
      : "") +
    rowBreaksXml(p.rowBreaks);
  return { sheetPr: fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "", setup };
}

/** What `_xlnm.Print_Titles` refers to: `'考核结果'!$1:$1`; null when nothing repeats. */
export function printTitlesRef(sheet: string, p: PrintSettings | undefined): string | null {
  if (!p?.titleRows) return null;
  return `'${sheet.replace(/'/g, "''")}'!$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`;
}

/** Manual page breaks before the given 0-based rows (after headerFooter in CT_Worksheet). */
function rowBreaksXml(rows: readonly number[] | undefined): string {
  const breaks = [...new Set(rows ?? [])].filter((r) => r > 0).sort((a, b) => a - b);
  return breaks.length
    ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks
        .map((r) => `<brk id="${r}" max="16383" man="1"/>`)
        .join("")}</rowBreaks>`
    : "";
}

/** The `'Sheet'!$A$1:$Q$21` a defined name refers to. */
export function absoluteRef(sheet: string, top: number, left: number, bottom: number, right: number): string {
  const cell = (r: number, c: number) => `$${columnLetters(c)}$${r + 1}`;
  return `'${sheet.replace(/'/g, "''")}'!${cell(top, left)}:${cell(bottom, right)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Notes: legacy comments, as Excel writes them (a comments part, and a VML drawing that places the boxes)

/** One note per cell (a later one for the same cell wins), row by row. */
export function notesInOrder(notes: readonly NoteCell[]): NoteCell[] {
  const byCell = new Map<string, NoteCell>();
  for (const n of notes) byCell.set(`${n.row},${n.col}`, n);
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

export const NOTE_AUTHOR = "考评";

export function commentsXml(notes: readonly NoteCell[]): string {
  const list = notes
    .map(
      (n) =>
        `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><rPr><sz val="9"/></rPr>${inlineText(n.text)}</r></text></comment>`,
    )
    .join("");
  return (
    DECLARATION +
    `<comments xmlns="${MAIN_NS}"><authors><author>${escapeText(NOTE_AUTHOR)}</author></authors>` +
    `<commentList>${list}</commentList></comments>`
  );
}

/** Default column width in characters, and the size of a character and a row in points, roughly. */
const DEFAULT_WIDTH = 8.43;
const POINTS_PER_CHAR = 5.25;
const POINTS_PER_ROW = 15;
const NOTE_COLUMNS = 4;

/** How the box of a note is placed when shown: right of its cell, tall enough for the text. */
function noteBox(n: NoteCell, widths: readonly number[]): { anchor: string; style: string } {
  const width = (c: number) => widths[c] ?? DEFAULT_WIDTH;
  const left = n.col + 1;
  let chars = 0;
  for (let c = left; c < left + NOTE_COLUMNS; c++) chars += width(c);
  const perLine = Math.max(10, Math.floor(chars * 0.9));
  const lines = n.text.split("\n").reduce((sum, p) => sum + Math.max(1, Math.ceil(displayWidth(p) / perLine)), 0);
  const rows = Math.min(40, Math.max(4, lines + 1));
  let marginLeft = 0;
  for (let c = 0; c < left; c++) marginLeft += width(c) * POINTS_PER_CHAR;
  return {
    anchor: `${left}, 15, ${n.row}, 10, ${left + NOTE_COLUMNS - 1}, 15, ${n.row + rows}, 4`,
    style:
      `position:absolute;margin-left:${(marginLeft + 12).toFixed(2)}pt;margin-top:${(n.row * POINTS_PER_ROW + 2).toFixed(2)}pt;` +
      `width:${(chars * POINTS_PER_CHAR).toFixed(2)}pt;height:${(rows * POINTS_PER_ROW).toFixed(2)}pt;z-index:1;visibility:hidden`,
  };
}

/**
 * The VML drawing of the notes. `idBlock` is this drawing's block of shape ids (o:idmap): shape ids are
 * unique across the workbook, 1024 to a block, so the caller picks a block no other drawing uses.
 */
export function vmlXml(notes: readonly NoteCell[], idBlock: number, widths: readonly number[]): string {
  const shapes = notes
    .map((n, k) => {
      const box = noteBox(n, widths);
      return (
        `<v:shape id="_x0000_s${idBlock * 1024 + 1 + k}" type="#_x0000_t202" style="${box.style}" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
        `<x:Anchor>${box.anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
        `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
      );
    })
    .join("");
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idBlock}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes +
    "</xml>"
  );
}
