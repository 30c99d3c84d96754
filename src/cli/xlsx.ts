/**
 * The .xlsx adapter of the command line: ExcelJS workbook ⇄ Grid (reading) and SheetLayout → sheet (writing).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { a1, columnLetters } from "../workbook/address";
import type { CellValue, Grid, GridBook } from "../workbook/grid";
import type { CellStyle, SheetLayout } from "../workbook/layout";

/** A file that cannot be read as an .xlsx workbook; the message is in Chinese, for the user. */
export class XlsxReadError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "XlsxReadError";
  }
}

export interface XlsxFile {
  workbook: ExcelJS.Workbook;
  book: GridBook;
}

export async function readXlsx(path: string): Promise<XlsxFile> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    throw new XlsxReadError(fileFailure(path, e), path, { cause: e });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS declares its own Buffer type (an ArrayBuffer); hand it exactly the file's bytes.
    await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new XlsxReadError(
      `${path} 不是有效的 .xlsx 工作簿（.xls、.et、.csv 等格式请先在 Excel 或 WPS 中另存为 .xlsx）`,
      path,
      { cause: e },
    );
  }
  return { workbook, book: workbookToGrids(workbook) };
}

function fileFailure(path: string, e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (code === "ENOENT") return `文件不存在：${path}`;
  if (code === "EISDIR") return `${path} 是目录，不是 .xlsx 文件`;
  if (code === "EACCES" || code === "EPERM") return `没有权限读取文件：${path}`;
  return `无法读取文件 ${path}（${code || (e instanceof Error ? e.message : String(e))}）`;
}

/** Every sheet, hidden ones included, in tab order. */
export function workbookToGrids(workbook: ExcelJS.Workbook): GridBook {
  return workbook.worksheets.map(sheetToGrid);
}

export function sheetToGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      cells[colNumber - 1] = cellValue(cell);
    });
    // eachCell skips empty cells: fill the holes so that rows are dense arrays.
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
  return { name: ws.name, rows };
}

/** ExcelJS gives dates as the UTC instant of the serial; the calendar day is its UTC date. */
function utcDay(d: Date): Date | null {
  if (Number.isNaN(d.getTime())) return null;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function richTextOf(v: ExcelJS.CellRichTextValue): string {
  return v.richText.map((run) => run.text).join("");
}

type FormulaResult = ExcelJS.CellFormulaValue["result"];

function plain(v: FormulaResult | string | number | boolean | Date | null | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return utcDay(v);
  if (typeof v === "object") return "error" in v ? { error: String(v.error) } : null;
  return v;
}

export function cellValue(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      // ExcelJS repeats the master's value in every cell of a merged area; Grid keeps it only in the master.
      return null;
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.Boolean:
      return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
    case ExcelJS.ValueType.Date:
      return v instanceof Date ? utcDay(v) : null;
    case ExcelJS.ValueType.Error:
      return typeof v === "object" && v !== null && "error" in v ? { error: String(v.error) } : { error: "#VALUE!" };
    case ExcelJS.ValueType.RichText:
      return typeof v === "object" && v !== null && "richText" in v ? richTextOf(v) : cell.text;
    case ExcelJS.ValueType.Hyperlink: {
      if (typeof v === "object" && v !== null && "hyperlink" in v) {
        // The text of a hyperlink may itself be rich text.
        const text: unknown = v.text;
        if (typeof text === "string") return text;
        if (typeof text === "object" && text !== null && "richText" in text)
          return richTextOf(text as ExcelJS.CellRichTextValue);
        return v.hyperlink;
      }
      return cell.text;
    }
    case ExcelJS.ValueType.Formula:
      // Shared and array formulas too: the cached result, or nothing when the file has none.
      return typeof v === "object" && v !== null && "result" in v ? plain(v.result) : null;
    default:
      return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** `#RRGGBB` → ExcelJS `FFRRGGBB`. */
function argb(color: string): string {
  return `FF${color.replace(/^#/, "").toUpperCase()}`;
}

type SheetWithOrder = ExcelJS.Worksheet & { orderNo: number };

/** A defined name's range mentions the sheet, quoted or not. */
function refersTo(range: string, sheet: string): boolean {
  const bang = range.lastIndexOf("!");
  if (bang < 0) return false;
  let s = range.slice(0, bang);
  if (s.startsWith("'") && s.endsWith("'")) s = s.slice(1, -1).replace(/''/g, "'");
  return s.toLowerCase() === sheet.toLowerCase();
}

/**
 * Writes the layout into the workbook: creates its sheet (last), or replaces the sheet of that name at the
 * same tab position. Nothing else of the workbook is touched, except defined names that pointed into the
 * replaced sheet (they described the old sheet's cells and are dropped).
 */
export function applyLayout(workbook: ExcelJS.Workbook, layout: SheetLayout): ExcelJS.Worksheet {
  const old = workbook.worksheets.find((w) => w.name.toLowerCase() === layout.sheet.toLowerCase()) as
    | SheetWithOrder
    | undefined;
  let orderNo: number | null = null;
  if (old) {
    orderNo = old.orderNo;
    const names = workbook.definedNames.model;
    const kept = names
      .map((n) => ({ ...n, ranges: n.ranges.filter((r) => !refersTo(r, old.name)) }))
      .filter((n) => n.ranges.length > 0);
    if (kept.length !== names.length || kept.some((n, i) => n.ranges.length !== names[i].ranges.length))
      workbook.definedNames.model = kept;
    workbook.removeWorksheet(old.id);
  }

  const ws = workbook.addWorksheet(layout.sheet) as SheetWithOrder;
  if (orderNo !== null) ws.orderNo = orderNo;
  writeLayout(ws, layout);
  return ws;
}

function writeLayout(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  const { values } = layout;

  layout.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = keepableWidth(c.width);
  });

  values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      ws.getCell(r + 1, c + 1).value = v;
    }),
  );

  for (let r = layout.headerRows; r < values.length; r++) {
    layout.columns.forEach((c, i) => {
      if (c.numberFormat !== null) ws.getCell(r + 1, i + 1).numFmt = c.numberFormat;
    });
  }

  for (const f of layout.formulas) {
    const cached = values[f.row]?.[f.col] ?? null;
    const formula = f.formula.replace(/^=/, "");
    ws.getCell(f.row + 1, f.col + 1).value =
      cached === null ? { formula } : { formula, result: cached as number | string | boolean };
  }

  // Text format keeps a value such as "=1+1" text even when the user edits the cell later.
  for (const t of layout.textCells) ws.getCell(t.row + 1, t.col + 1).numFmt = "@";

  for (const { range, style } of layout.styles) {
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) applyStyle(ws.getCell(r + 1, c + 1), style);
  }

  for (const n of layout.notes) ws.getCell(n.row + 1, n.col + 1).note = n.text;

  if (layout.autoFilter) {
    const f = layout.autoFilter;
    ws.autoFilter = {
      from: { row: f.top + 1, column: f.left + 1 },
      to: { row: f.bottom + 1, column: f.right + 1 },
    };
  }

  const { rows, columns } = layout.freeze;
  if (rows > 0 || columns > 0) {
    ws.views = [
      {
        state: "frozen",
        xSplit: columns,
        ySplit: rows,
        topLeftCell: a1(rows, columns),
        activeCell: "A1",
      },
    ];
  }
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (style.bold !== undefined || style.fontColor !== undefined) {
    const font: Partial<ExcelJS.Font> = { ...cell.font };
    if (style.bold !== undefined) font.bold = style.bold;
    if (style.fontColor !== undefined) font.color = { argb: argb(style.fontColor) };
    cell.font = font;
  }
  if (style.fill !== undefined) {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  }
  if (style.horizontalAlignment || style.verticalAlignment || style.wrapText !== undefined) {
    const alignment: Partial<ExcelJS.Alignment> = { ...cell.alignment };
    if (style.horizontalAlignment) alignment.horizontal = style.horizontalAlignment;
    if (style.verticalAlignment) alignment.vertical = style.verticalAlignment === "center" ? "middle" : style.verticalAlignment;
    if (style.wrapText !== undefined) alignment.wrapText = style.wrapText;
    cell.alignment = alignment;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Files

/**
 * Writes through a temporary file in the same directory and renames it into place, so that a crash never
 * leaves a half-written file under the final name. Creates missing parent directories.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** ExcelJS takes a column width of exactly 9 for its default and does not write it; Excel would show 8.43. */
const EXCELJS_DEFAULT_WIDTH = 9;

function keepableWidth(width: number): number {
  return width === EXCELJS_DEFAULT_WIDTH ? width + 1e-9 : width;
}

/** What ExcelJS keeps of an Excel table (ListObject); not in its type declarations. */
interface TableModel {
  tableRef: string;
  headerRow: boolean;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean }[];
}

type SheetWithTables = ExcelJS.Worksheet & {
  tables?: Record<string, { model?: TableModel }>;
  findCell(row: number, col: number): ExcelJS.Cell | undefined;
};

/** `B2:D9` → 1-based top row and left column. */
function topLeft(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)/i.exec(ref.replace(/^.*!/, ""));
  if (!m) return null;
  const col = [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

/**
 * ExcelJS reads a table whose file omits headerRowCount (Excel omits it: the default is 1) as having no
 * header row, and writes headerRowCount="0" next to an autoFilter — a file Excel must repair. It also hides
 * every filter button it did not see described, and writes an autoFilter without a range for a table that
 * had none. A table has a header row when it has a filter, or when its first row holds the column names.
 */
function repairTables(ws: SheetWithTables): void {
  for (const t of Object.values(ws.tables ?? {})) {
    const m = t.model;
    if (!m || !Array.isArray(m.columns)) continue;
    const origin = topLeft(m.tableRef);
    if (!m.headerRow && origin) {
      const namesOnTop = m.columns.every((c, i) => {
        const v = ws.findCell(origin.row, origin.col + i)?.value;
        return typeof v === "string" && v.trim() === c.name.trim();
      });
      if (m.autoFilterRef !== undefined || namesOnTop) m.headerRow = true;
    }
    if (m.autoFilterRef !== undefined) {
      for (const c of m.columns) if (c.filterButton === undefined || c.filterButton === false) c.filterButton = true;
    } else {
      // Buttons hidden on every column: the same look as a table without a filter.
      m.autoFilterRef = m.tableRef;
      for (const c of m.columns) c.filterButton = false;
    }
  }
}

/**
 * Undoes what ExcelJS would change in sheets it merely read: it writes useFirstPageNumber="1" whenever a
 * firstPageNumber is known (and its reader always fills one in), drops columns whose only setting is a
 * width of exactly 9, and breaks tables (see repairTables).
 */
function keepSheetsAsRead(workbook: ExcelJS.Workbook): void {
  for (const ws of workbook.worksheets) {
    const setup = ws.pageSetup as Partial<ExcelJS.PageSetup> & { useFirstPageNumber?: boolean };
    if (setup && setup.useFirstPageNumber !== true) delete setup.firstPageNumber;
    for (const col of ws.columns ?? []) {
      if (col.width === EXCELJS_DEFAULT_WIDTH) col.width = keepableWidth(col.width);
    }
    repairTables(ws as SheetWithTables);
  }
}

const FILTER_DATABASE = "_xlnm._FilterDatabase";

interface DefinedNameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function absoluteRange(ref: string): string {
  return ref
    .split(":")
    .map((a) => a.replace(/^\$?([A-Za-z]{1,3})\$?(\d+)$/, "$$$1$$$2"))
    .join(":");
}

function autoFilterRef(f: ExcelJS.AutoFilter | undefined): string | null {
  if (!f) return null;
  if (typeof f === "string") return f;
  const cell = (c: string | { row: number; column: number }) =>
    typeof c === "string" ? c : `${columnLetters(c.column - 1)}${c.row}`;
  return `${cell(f.from)}:${cell(f.to)}`;
}

/**
 * The defined names to write: each sheet's auto filter gets the hidden-by-convention name Excel keeps for
 * it, local to that sheet. ExcelJS reads those names as global ones (merging every sheet's into one) and
 * writes none for a filter it creates; LibreOffice shows no filter buttons without them.
 */
function namesToWrite(workbook: ExcelJS.Workbook): DefinedNameModel[] {
  const names: DefinedNameModel[] = workbook.definedNames.model.filter((n) => n.name !== FILTER_DATABASE);
  workbook.worksheets.forEach((ws, i) => {
    const ref = autoFilterRef(ws.autoFilter);
    if (ref) names.push({ name: FILTER_DATABASE, localSheetId: i, ranges: [`${quotedSheet(ws.name)}!${absoluteRange(ref)}`] });
  });
  return names;
}

export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  keepSheetsAsRead(workbook);
  // ExcelJS's DefinedNames cannot hold a sheet-local name, but its writer renders localSheetId when the
  // model has one: hand it the full list for the duration of this write only.
  const names = namesToWrite(workbook);
  Object.defineProperty(workbook.definedNames, "model", { configurable: true, get: () => names });
  try {
    const buf = await workbook.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  } finally {
    delete (workbook.definedNames as { model?: unknown }).model;
  }
}

export async function writeXlsx(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  await writeFileAtomic(path, await xlsxBuffer(workbook));
}
