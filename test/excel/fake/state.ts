/**
 * The in-memory workbook behind the fake Excel: sheets in tab order, each with its cells (value, formula,
 * number format, fill, bold, font colour, alignment), column widths, frozen panes, merges, data validations,
 * notes, AutoFilter, tab colour, visibility and protection. Plain data: no Node APIs, so it runs in the
 * browser too. Dates are what Excel keeps: serial numbers with a date number format.
 */
import { MAX_COLS, type Rect, area, cellA1, contains, inside, intersects, sameRect, subtract } from "./address";
import type { ChartState, ShapeState } from "./charts";
import { FAKE_ERROR_CODES, fail } from "./errors";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

export interface Cell {
  /** The value (a formula's cached result); an error's text (`#N/A`) when type is Error; null when empty. */
  value: number | string | boolean | null;
  type: ValueType;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  fontColor: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  /** The font's name. */
  fontName: string;
  /** The line style of each edge ("None", "Continuous", …), as RangeBorder.style gives it. */
  borderTop: string;
  borderBottom: string;
  borderLeft: string;
  borderRight: string;
  /** Entered with a leading apostrophe (kept as text). */
  quotePrefix: boolean;
}

export const DEFAULT_CELL: Readonly<Cell> = {
  value: null,
  type: "Empty",
  formula: null,
  numberFormat: "General",
  fill: null,
  bold: false,
  fontColor: "#000000",
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  fontName: "Calibri",
  borderTop: "None",
  borderBottom: "None",
  borderLeft: "None",
  borderRight: "None",
  quotePrefix: false,
};

export const FORMAT_KEYS = [
  "numberFormat",
  "fill",
  "bold",
  "fontColor",
  "horizontalAlignment",
  "verticalAlignment",
  "wrapText",
] as const;

/** worksheet.pageLayout (ExcelApi 1.9): what the add-in sets of it, with Excel's defaults. */
export interface PageLayoutState {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  centerHorizontally: boolean;
  centerVertically: boolean;
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  printGridlines: boolean;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** `$1:$1`, or null. */
  printTitleRows: string | null;
  /** The header and footer of every page (HeaderFooterGroup.defaultForAllPages). */
  headerFooter: Record<
    "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter",
    string
  >;
}

export function defaultPageLayout(): PageLayoutState {
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    centerHorizontally: false,
    centerVertically: false,
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    printGridlines: false,
    zoom: { scale: 100 },
    printTitleRows: null,
    headerFooter: {
      leftHeader: "",
      centerHeader: "",
      rightHeader: "",
      leftFooter: "",
      centerFooter: "",
      rightFooter: "",
    },
  };
}

export interface ValidationRule {
  list?: { inCellDropDown: boolean; source: string };
  custom?: { formula: string };
  wholeNumber?: unknown;
  decimal?: unknown;
  date?: unknown;
  time?: unknown;
  textLength?: unknown;
}

export interface Validation {
  rect: Rect;
  rule: ValidationRule | null;
  prompt: { title: string; message: string; showPrompt: boolean } | null;
  errorAlert: { title: string; message: string; style: string; showAlert: boolean } | null;
  ignoreBlanks: boolean;
}

/** Excel's column width default (8.43 characters of Calibri 11) in points. */
export const DEFAULT_WIDTH = 48;
/** Excel's row height default (Calibri 11) in points. */
export const DEFAULT_HEIGHT = 15;

let nextSheetId = 1;

export class SheetState {
  id: string;
  cells = new Map<number, Cell>();
  widths = new Map<number, number>();
  /** Row heights set through the API, points, by 0-based row. */
  heights = new Map<number, number>();
  freeze = { rows: 0, columns: 0 };
  merges: Rect[] = [];
  validations: Validation[] = [];
  notes = new Map<string, string>();
  autoFilter: Rect | null = null;
  tabColor: string | null = null;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protected = false;
  /** Charts and shapes (pictures) on the sheet, in the order they were added (charts.ts of the fake). */
  charts: ChartState[] = [];
  shapes: ShapeState[] = [];
  pageLayout: PageLayoutState = defaultPageLayout();
  /** Manual horizontal page breaks (ExcelApi 1.9): the 0-based rows that start a new page, in the order added. */
  rowBreaks: number[] = [];

  constructor(public name: string) {
    this.id = `{FAKE-SHEET-${nextSheetId++}}`;
  }

  static key(row: number, col: number): number {
    return row * MAX_COLS + col;
  }

  get(row: number, col: number): Cell | undefined {
    return this.cells.get(SheetState.key(row, col));
  }

  /** The cell to change (created with defaults). Call tidy() after changing it. */
  edit(row: number, col: number): Cell {
    const k = SheetState.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { ...DEFAULT_CELL };
      this.cells.set(k, c);
    }
    return c;
  }

  /** Drops a cell that holds nothing but defaults. */
  tidy(row: number, col: number): void {
    const k = SheetState.key(row, col);
    const c = this.cells.get(k);
    if (c && isDefault(c)) this.cells.delete(k);
  }

  /** Stored cells inside a rectangle, with their positions. */
  *cellsIn(r: Rect): Generator<[number, number, Cell]> {
    if (area(r) <= this.cells.size * 2) {
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) {
          const c = this.get(row, col);
          if (c) yield [row, col, c];
        }
      return;
    }
    for (const [k, c] of this.cells) {
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (contains(r, row, col)) yield [row, col, c];
    }
  }

  /** Bounding box of the cells with content (valuesOnly) or anything stored; null when there is none. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, c] of this.cells) {
      if (valuesOnly && c.type === "Empty" && c.formula === null) continue;
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  width(col: number): number {
    return this.widths.get(col) ?? DEFAULT_WIDTH;
  }

  height(row: number): number {
    return this.heights.get(row) ?? DEFAULT_HEIGHT;
  }

  mergeAt(row: number, col: number): Rect | undefined {
    return this.merges.find((m) => contains(m, row, col));
  }

  /** The validation that applies to a cell (the latest covering it). */
  validationAt(row: number, col: number): Validation | undefined {
    for (let i = this.validations.length - 1; i >= 0; i--)
      if (contains(this.validations[i].rect, row, col)) return this.validations[i];
    return undefined;
  }

  /** Removes validation from a rectangle (cutting the validations that overlap it). */
  clearValidation(r: Rect): void {
    const out: Validation[] = [];
    for (const v of this.validations) {
      if (!intersects(v.rect, r)) out.push(v);
      else for (const piece of subtract(v.rect, r)) out.push({ ...v, rect: piece });
    }
    this.validations = out;
  }

  /** Sets some fields of the validation of a rectangle, keeping the others of what applied to its top-left. */
  setValidation(r: Rect, patch: Partial<Omit<Validation, "rect">>): void {
    const same = this.validations.find((v) => sameRect(v.rect, r));
    if (same) {
      Object.assign(same, patch);
      return;
    }
    const base = this.validationAt(r.top, r.left);
    const v: Validation = {
      rect: r,
      rule: base?.rule ?? null,
      prompt: base?.prompt ?? null,
      errorAlert: base?.errorAlert ?? null,
      ignoreBlanks: base?.ignoreBlanks ?? true,
      ...patch,
    };
    this.clearValidation(r);
    this.validations.push(v);
  }

  notesIn(r: Rect): string[] {
    return [...this.notes.keys()].filter((a) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a);
      if (!m) return false;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      return contains(r, Number(m[2]) - 1, col - 1);
    });
  }

  mergesTouching(r: Rect): Rect[] {
    return this.merges.filter((m) => intersects(m, r));
  }

  unmerge(r: Rect): void {
    this.merges = this.merges.filter((m) => !intersects(m, r));
  }

  merge(r: Rect): void {
    if (area(r) <= 1) return;
    for (const m of this.merges)
      if (intersects(m, r) && !inside(m, r)) fail(FAKE_ERROR_CODES.invalidOperation, "合并区域与已有合并区域部分重叠");
    this.merges = this.merges.filter((m) => !inside(m, r));
    for (const [row, col, c] of [...this.cellsIn(r)]) {
      if (row === r.top && col === r.left) continue;
      c.value = null;
      c.type = "Empty";
      c.formula = null;
      this.tidy(row, col);
    }
    this.merges.push(r);
  }
}

export function isDefault(c: Cell): boolean {
  return (Object.keys(DEFAULT_CELL) as (keyof Cell)[]).every((k) => c[k] === DEFAULT_CELL[k]);
}

export class WorkbookState {
  sheets: SheetState[] = [];
  /**
   * The 1904 date system (Excel → Options → Advanced): date serials count from 1904-01-01 = 0. Cells hold
   * serials; fixtures and typed dates convert by it.
   */
  date1904 = false;
  /** Structure protection: no sheet can be added, deleted, renamed, moved or hidden. */
  protected = false;
  activeSheetId: string | null = null;
  /**
   * What is selected: cells (`rect`, the area holding the active cell; `areas`, every area of a Ctrl+click
   * selection, rect among them; `active`, the active cell, rect's top-left when absent), or a chart or
   * picture (`object`).
   */
  selection: {
    sheetId: string;
    rect: Rect;
    areas?: Rect[];
    active?: { row: number; col: number };
    object?: "chart" | "picture";
  } | null = null;

  sheet(name: string): SheetState | undefined {
    const k = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k);
  }

  addSheet(name: string): SheetState {
    const s = new SheetState(name);
    this.sheets.push(s);
    if (!this.activeSheetId) this.activeSheetId = s.id;
    return s;
  }

  has(s: SheetState): boolean {
    return this.sheets.includes(s);
  }

  active(): SheetState | undefined {
    return this.sheets.find((s) => s.id === this.activeSheetId) ?? this.sheets.find((s) => s.visibility === "Visible");
  }
}

// ───────────────────────────── dates and text as Excel takes them ─────────────────────────────

const DAY = 86_400_000;

/** A 1904-system serial plus this is the 1900-system serial of the same day. */
export const DAYS_1900_TO_1904 = 1462;

/** Calendar day (UTC date of d) → 1900-system serial, counting Excel's 1900-02-29. */
export function toSerial(d: Date): number {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const n = Math.round((day - Date.UTC(1899, 11, 31)) / DAY);
  return n >= 60 ? n + 1 : n;
}

export function fromSerial(serial: number): Date {
  const day = Math.floor(serial);
  return new Date((day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31)) + day * DAY);
}

/** A date number format: a y, d or month-m outside quotes and brackets (not h:mm / mm:ss, not E+). */
export function isDateFormat(fmt: string): boolean {
  const s = fmt
    .split(";")[0]
    .replace(/"[^"]*"|\\.|\[[^\]]*\]|[_*]./g, "")
    .toLowerCase()
    .replace(/general|am\/pm|a\/p|e[+-]/g, "");
  if (/[yde年月日]/.test(s)) return true;
  return /m/.test(s.replace(/h+[^a-z]*m+/g, "h").replace(/m+[^a-z]*s/g, "s"));
}

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"]);
const FAKE_YEAR = 2025;

export type Entered =
  | { kind: "empty" }
  | { kind: "formula"; formula: string }
  | { kind: "value"; value: number | string | boolean; type: ValueType; numberFormat?: string; quotePrefix?: boolean };

/**
 * What Excel makes of a value written into a cell with number format `fmt` (as if typed): text in a text
 * cell (`@`) or after an apostrophe stays text; otherwise numbers, dates, booleans, errors and formulas —
 * anything starting with = + - @ that is not a number — are taken for what they look like.
 */
export function enter(v: unknown, fmt: string): Entered {
  if (v === "") return { kind: "empty" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) fail(FAKE_ERROR_CODES.invalidArgument, "数值无效");
    return { kind: "value", value: v, type: "Double" };
  }
  if (typeof v === "boolean") return { kind: "value", value: v, type: "Boolean" };
  if (typeof v !== "string") return fail(FAKE_ERROR_CODES.invalidArgument, `不支持的单元格值：${String(v)}`);
  if (v.startsWith("'"))
    return { kind: "value", value: v.slice(1), type: v.length > 1 ? "String" : "Empty", quotePrefix: true };
  if (fmt === "@") return { kind: "value", value: v, type: "String" };
  if (v.startsWith("=") && v.length > 1) return { kind: "formula", formula: v };
  const t = v.trim();
  if (/^(true|false)$/i.test(t)) return { kind: "value", value: t.toLowerCase() === "true", type: "Boolean" };
  if (ERRORS.has(t.toUpperCase())) return { kind: "value", value: t.toUpperCase(), type: "Error" };
  const num = t.replace(/,(?=\d{3}(\D|$))/g, "");
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(num)) return { kind: "value", value: Number(num), type: "Double" };
  const pct = /^([+-]?(\d+\.?\d*|\.\d+))%$/.exec(num);
  if (pct)
    return {
      kind: "value",
      value: Number(pct[1]) / 100,
      type: "Double",
      numberFormat: fmt === "General" ? "0%" : undefined,
    };
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  const md = /^(\d{1,2})[-/](\d{1,2})$/.exec(t);
  const date = ymd
    ? validDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]))
    : md
      ? validDate(FAKE_YEAR, Number(md[1]), Number(md[2]))
      : null;
  if (date)
    return {
      kind: "value",
      value: toSerial(date),
      type: "Double",
      numberFormat: fmt === "General" ? "yyyy/m/d" : undefined,
    };
  // As typed, text that starts with + or - (and is no number) or with @ is a formula: "+86 139" becomes
  // =+86 139, "@SUM(A1)" =SUM(A1). (Excel may refuse one it cannot parse; either way it is not text.)
  if (/^[+-]./.test(v)) return { kind: "formula", formula: `=${v}` };
  if (/^@./.test(v)) return { kind: "formula", formula: `=${v.slice(1)}` };
  return { kind: "value", value: v, type: "String" };
}

function validDate(y: number, m: number, d: number): Date | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? dt : null;
}

/** Puts an entered value into a cell. */
export function applyEntered(cell: Cell, e: Entered): void {
  cell.quotePrefix = false;
  if (e.kind === "empty") {
    cell.value = null;
    cell.type = "Empty";
    cell.formula = null;
    return;
  }
  if (e.kind === "formula") {
    // The fake does not calculate: a formula written through the API has no cached value.
    cell.formula = e.formula;
    cell.value = null;
    cell.type = "Empty";
    return;
  }
  cell.formula = null;
  cell.value = e.type === "Empty" ? null : e.value;
  cell.type = e.type;
  cell.quotePrefix = e.quotePrefix === true;
  if (e.numberFormat) cell.numberFormat = e.numberFormat;
}

/** What `range.values` gives for a cell. */
export function shownValue(c: Cell | undefined): number | string | boolean {
  if (!c || c.type === "Empty" || c.value === null) return "";
  return c.value;
}

/** What `range.formulas` gives for a cell. */
export function shownFormula(c: Cell | undefined): number | string | boolean {
  if (c?.formula) return c.formula;
  return shownValue(c);
}

export function a1Of(row: number, col: number): string {
  return cellA1(row, col);
}
