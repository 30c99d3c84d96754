/**
 * Building fake workbooks and looking at them: from Grids (GridBook) in, to Grids and to full dumps out.
 * No Node APIs (the browser test bundles this); the xlsx fixtures are in ../fakeXlsx.ts (Node only).
 */
import type { CellValue, Grid, GridBook } from "../../../src/workbook/grid";
import { type Rect, cellA1, rectA1 } from "./address";
import { type ChartDump, type ShapeDump, cloneChart, dumpChart, dumpShape } from "./charts";
import {
  type Cell,
  DAYS_1900_TO_1904,
  DEFAULT_CELL,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  type SheetState,
  WorkbookState,
  fromSerial,
  isDateFormat,
  toSerial,
} from "./state";

export const DATE_FORMAT = "yyyy-mm-dd";

/**
 * Puts a Grid value into a cell as Excel holds it (a Date as a serial with a date format; in a workbook on
 * the 1904 date system, `date1904`, a serial of that system).
 */
export function setCellValue(
  sheet: SheetState,
  row: number,
  col: number,
  v: CellValue,
  numberFormat?: string,
  date1904 = false,
): void {
  if (v === null && numberFormat === undefined) return;
  const c = sheet.edit(row, col);
  if (v instanceof Date) {
    c.value = toSerial(v) - (date1904 ? DAYS_1900_TO_1904 : 0);
    c.type = "Double";
    c.numberFormat = numberFormat ?? DATE_FORMAT;
  } else if (v !== null && typeof v === "object") {
    c.value = v.error;
    c.type = "Error";
  } else if (typeof v === "number") {
    c.value = v;
    c.type = "Double";
  } else if (typeof v === "boolean") {
    c.value = v;
    c.type = "Boolean";
  } else if (typeof v === "string") {
    c.value = v;
    c.type = v === "" ? "Empty" : "String";
    if (v === "") c.value = null;
  }
  if (numberFormat !== undefined && !(v instanceof Date)) c.numberFormat = numberFormat;
  sheet.tidy(row, col);
}

export function sheetFromGrid(wb: WorkbookState, grid: Grid): SheetState {
  const s = wb.addSheet(grid.name);
  grid.rows.forEach((row, r) => row.forEach((v, c) => setCellValue(s, r, c, v, undefined, wb.date1904)));
  return s;
}

/** A fake workbook holding these Grids, one sheet each, in order (`date1904`: on the 1904 date system). */
export function workbookFromGridBook(book: GridBook, opts: { date1904?: boolean } = {}): WorkbookState {
  const wb = new WorkbookState();
  wb.date1904 = opts.date1904 === true;
  for (const g of book) sheetFromGrid(wb, g);
  return wb;
}

/** A cell → Grid value, by the Grid conventions (its own reading, independent of src/excel/grid.ts). */
export function gridValue(c: Cell | undefined, date1904 = false): CellValue {
  if (!c || c.type === "Empty" || c.value === null) return null;
  if (c.type === "Error") return { error: String(c.value) };
  if (c.type === "Double" && typeof c.value === "number" && isDateFormat(c.numberFormat)) {
    if (date1904 && c.value >= 0) return fromSerial(c.value + DAYS_1900_TO_1904);
    if (!date1904 && c.value >= 1) return fromSerial(c.value);
  }
  if (c.type === "String" && c.value === "") return null;
  return c.value;
}

export function sheetToGrid(s: SheetState, date1904 = false): Grid {
  const used = s.usedRect(true);
  const rows: CellValue[][] = [];
  if (used) {
    for (let r = 0; r <= used.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c <= used.right; c++) row.push(gridValue(s.get(r, c), date1904));
      while (row.length > 0 && row[row.length - 1] === null) row.pop();
      rows.push(row);
    }
  }
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return { name: s.name, rows };
}

/** Every sheet as a Grid, in tab order (hidden ones too). */
export function gridBookOf(wb: WorkbookState): GridBook {
  return wb.sheets.map((s) => sheetToGrid(s, wb.date1904));
}

// ───────────────────────────── dumps ─────────────────────────────

export interface CellDump {
  value?: number | string | boolean;
  type?: string;
  formula?: string;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
}

export interface SheetDump {
  name: string;
  position: number;
  visibility: string;
  tabColor: string | null;
  protected: boolean;
  cells: Record<string, CellDump>;
  widths: Record<string, number>;
  freeze: { rows: number; columns: number };
  merges: string[];
  validations: { range: string; rule: unknown; prompt: unknown; errorAlert: unknown }[];
  notes: Record<string, string>;
  autoFilter: string | null;
  /** Row heights set (points), by 1-based row. */
  heights: Record<string, number>;
  charts: ChartDump[];
  shapes: ShapeDump[];
}

/**
 * Everything the fake keeps of a sheet, as plain data for toEqual. A formula cell is compared by its formula
 * (the fake does not calculate, so a rewritten formula has no cached value); the quote prefix is left out.
 */
export function dumpSheet(s: SheetState, position: number): SheetDump {
  const cells: Record<string, CellDump> = {};
  const keys = [...s.cells.keys()].sort((a, b) => a - b);
  for (const k of keys) {
    const c = s.cells.get(k)!;
    const d: CellDump = {};
    if (c.formula) d.formula = c.formula;
    else if (c.type !== "Empty" && c.value !== null) {
      d.value = c.value;
      d.type = c.type;
    }
    for (const f of [
      "numberFormat",
      "fill",
      "bold",
      "fontColor",
      "horizontalAlignment",
      "verticalAlignment",
      "wrapText",
    ] as const) {
      if (c[f] !== DEFAULT_CELL[f]) (d as Record<string, unknown>)[f] = c[f];
    }
    if (Object.keys(d).length > 0) {
      const row = Math.floor(k / 16384);
      cells[cellA1(row, k % 16384)] = d;
    }
  }
  const widths: Record<string, number> = {};
  // A width set to the standard width looks the same as none.
  [...s.widths.entries()]
    .filter(([, w]) => w !== DEFAULT_WIDTH)
    .sort((a, b) => a[0] - b[0])
    .forEach(([c, w]) => (widths[String(c)] = w));
  const rect = (r: Rect) => rectA1(r);
  return {
    name: s.name,
    position,
    visibility: s.visibility,
    tabColor: s.tabColor,
    protected: s.protected,
    cells,
    widths,
    freeze: { ...s.freeze },
    merges: s.merges.map(rect).sort(),
    validations: s.validations
      .map((v) => ({ range: rect(v.rect), rule: v.rule, prompt: v.prompt, errorAlert: v.errorAlert }))
      .sort((a, b) => (a.range < b.range ? -1 : a.range > b.range ? 1 : 0)),
    notes: Object.fromEntries([...s.notes.entries()].sort()),
    autoFilter: s.autoFilter ? rect(s.autoFilter) : null,
    heights: Object.fromEntries(
      [...s.heights.entries()]
        .filter(([, h]) => h !== DEFAULT_HEIGHT)
        .sort((a, b) => a[0] - b[0])
        .map(([r, h]) => [String(r + 1), h]),
    ),
    charts: s.charts.map(dumpChart),
    shapes: s.shapes.map(dumpShape),
  };
}

/** Every sheet's dump, by name. */
export function dumpWorkbook(wb: WorkbookState): Record<string, SheetDump> {
  return Object.fromEntries(wb.sheets.map((s, i) => [s.name, dumpSheet(s, i)]));
}

/** A deep copy (as if the file were saved and opened again). */
export function cloneWorkbook(wb: WorkbookState): WorkbookState {
  const out = new WorkbookState();
  out.protected = wb.protected;
  out.date1904 = wb.date1904;
  for (const s of wb.sheets) {
    const t = out.addSheet(s.name);
    for (const [k, c] of s.cells) t.cells.set(k, { ...c });
    t.widths = new Map(s.widths);
    t.freeze = { ...s.freeze };
    t.merges = s.merges.map((m) => ({ ...m }));
    t.validations = s.validations.map((v) => JSON.parse(JSON.stringify(v)));
    t.notes = new Map(s.notes);
    t.autoFilter = s.autoFilter ? { ...s.autoFilter } : null;
    t.tabColor = s.tabColor;
    t.visibility = s.visibility;
    t.protected = s.protected;
    t.heights = new Map(s.heights);
    t.shapes = s.shapes.map((sh) => ({ ...sh }));
  }
  const sheetOf = (s: SheetState) => out.sheets[wb.sheets.indexOf(s)] ?? s;
  wb.sheets.forEach((s, i) => (out.sheets[i].charts = s.charts.map((c) => cloneChart(c, sheetOf))));
  const active = wb.active();
  out.activeSheetId = active ? (out.sheets[wb.sheets.indexOf(active)]?.id ?? null) : null;
  return out;
}
