/**
 * The Excel gateway: the workbook in, as Grids, in one read request; a SheetLayout out, in one write request
 * (or a few, when one would pass the request-size budget). Every Office.js call of the add-in that reads
 * input sheets or writes a whole sheet is here; what is kept for undo is in snapshot.ts.
 *
 * Reading in one round trip: Office.js cannot reach a worksheet's used range before it knows the sheet, and
 * it knows the sheets only after a sync. So the read asks for the standard sheets by their exact names
 * (`getItemOrNullObject(name).getUsedRangeOrNullObject()`: a null object when a sheet is absent) in the same
 * batch that loads the names of all sheets. A sheet whose name differs from a standard one only by spaces
 * around it (which the reader accepts) is found by the names and read in one more round trip; an answer
 * Excel refuses as too large is read again in parts (readBook). Otherwise a read is one round trip. The same
 * request asks which date system the workbook uses, so that dates of a 1904 workbook read as shown.
 *
 * Writing: a SheetLayout is applied to a sheet prepared in place (created, or emptied but kept, so that
 * formulas elsewhere that refer to it keep working): number formats first — text cells get `@`, so text
 * stays text — then values, formulas, styles, merges, widths, frozen panes, the AutoFilter (ExcelApi 1.9),
 * header notes (1.18) or data-validation input messages (1.8), validations. Recalculation is suspended
 * for each request (1.6). A write whose estimated size — an upper bound of what Office.js sends for it —
 * would pass the budget (4 MB) is split into several requests. A hidden sheet's frozen panes are left alone.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/no-empty-load --
   Loads are queued in one function and read after Session.sync() (which wraps context.sync() to count round
   trips), often in a closure the caller runs after its sync; these rules follow only a direct context.sync()
   in the same function, and take a load of a variable list of properties for an empty load. */
import { columnLetters } from "../workbook/address";
import type { Grid, GridBook } from "../workbook/grid";
import { SHEETS } from "../workbook/input";
import type { CellRange, CellStyle, LayoutValue, PrintSettings, SheetLayout } from "../workbook/layout";
import { METHOD_SHEET } from "../workbook/methodSheet";
import { charsToPoints, jsonBytes, rangeToRows, rectangular, valueToWrite, wouldBeCoerced } from "./grid";
import { type ApiSupport, WriteBatch, type Session, requestCost, rowBlocks } from "./session";

export const RESULTS_SHEET: string = SHEETS.results;
const SNAPSHOT_SHEET_NAME = "_kaoping_snapshot";
/** The very hidden sheet holding the undo snapshot (snapshot.ts); read like any other, by its values. */
export const SNAPSHOT_SHEET = SNAPSHOT_SHEET_NAME;
/** The very hidden sheet holding the undo snapshot of 汇总测评票 (民主测评 before the tally), apart from 计算's. */
export const TALLY_SNAPSHOT_SHEET = "_kaoping_snapshot_tally";
const SNAPSHOT_SHEETS: ReadonlySet<string> = new Set([SNAPSHOT_SHEET_NAME, TALLY_SNAPSHOT_SHEET]);

/** The sheets the reader uses (docs/method.md §1), in their standard order. */
export const INPUT_SHEETS: readonly string[] = [
  SHEETS.leaders,
  SHEETS.economic,
  SHEETS.work,
  SHEETS.votes,
  SHEETS.adjustments,
  SHEETS.qualification,
  SHEETS.personal,
  SHEETS.decisions,
  METHOD_SHEET,
];

/**
 * The ballot sheets of docs/method.md §11, read with the input sheets so that 计算 scores straight from 测评票
 * when the workbook has no 民主测评 (app/ballots.ts), and by 汇总测评票.
 */
export const BALLOT_SHEETS: readonly string[] = [
  SHEETS.ballots,
  SHEETS.ballotsReview,
  SHEETS.turnout,
  SHEETS.ballotColumns,
];

/** What a scoring run reads: the input sheets and the ballot sheets. */
export const SCORING_SHEETS: readonly string[] = [...INPUT_SHEETS, ...BALLOT_SHEETS];

/**
 * Excel's limits on data validation (MS-XLS DValStrings; Office.js refuses longer text with InvalidArgument):
 * titles 32 characters, an input message 255, an error alert's message 225, a formula 255, a list's source
 * 255.
 */
export const PROMPT_TITLE_MAX = 32;
export const PROMPT_MESSAGE_MAX = 255;
export const ERROR_MESSAGE_MAX = 225;
export const VALIDATION_FORMULA_MAX = 255;
export const LIST_SOURCE_MAX = 255;

const POSITION_PROPS = "rowIndex,columnIndex";
const FULL_PROPS = "values,valueTypes,numberFormat";

/**
 * Sheets read by their values alone. 民主测评 holds a dozen rows per leader (names, group and dimension words,
 * vote counts): its types and number formats would double a large workbook's response, and Excel on the web
 * answers at most 5 MB (2,000 leaders: 24,000 rows; with types and formats the whole read passes 6 MB).
 * Without types an error value is recognized by its text (#N/A…); a number there is never read as a date.
 */
export const VALUES_ONLY_SHEETS: ReadonlySet<string> = new Set([
  SHEETS.votes,
  // Ballots hold words and 票号, a row per leader per ballot: more rows still than 民主测评, and no dates.
  SHEETS.ballots,
  SHEETS.ballotsReview,
  SNAPSHOT_SHEET_NAME,
  TALLY_SNAPSHOT_SHEET,
]);

// ───────────────────────────── reading ─────────────────────────────

export interface SheetInfo {
  name: string;
  visibility: string;
  position: number;
}

export interface BookRead {
  /** Every sheet except the add-in's snapshot, in tab order; rows only for the sheets asked for (others empty). */
  book: GridBook;
  /** Every sheet asked for that exists, the snapshot included, by name. */
  grids: Map<string, Grid>;
  /** Every sheet, the snapshot included, in tab order. */
  sheets: SheetInfo[];
  /** The workbook's structure is protected: no sheet can be added or deleted. */
  workbookProtected: boolean;
  /** The workbook is on the 1904 date system (its date serials count from 1904-01-01). */
  date1904: boolean;
}

interface PendingRead {
  name: string;
  full: boolean;
  range: Excel.Range;
}

function propsFor(name: string): { full: boolean; props: string } {
  const full = !VALUES_ONLY_SHEETS.has(name.trim());
  return { full, props: `${full ? FULL_PROPS : "values"},${POSITION_PROPS}` };
}

function queueUsedRange(sheets: Excel.WorksheetCollection, name: string): PendingRead {
  const range = sheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
  const { full, props } = propsFor(name);
  range.load(props);
  return { name, full, range };
}

function gridOf(p: PendingRead, name: string, date1904: boolean): Grid {
  if (p.range.isNullObject) return { name, rows: [] };
  return {
    name,
    rows: rangeToRows({
      values: p.range.values,
      valueTypes: p.full ? (p.range.valueTypes as string[][]) : undefined,
      numberFormat: p.full ? p.range.numberFormat : undefined,
      rowIndex: p.range.rowIndex,
      columnIndex: p.range.columnIndex,
      date1904,
    }),
  };
}

/**
 * Asks, in the batch being built, which date system the workbook uses: DATE(1904,1,1) is 0 in the 1904
 * system and 1462 in the 1900 one (workbook.functions, ExcelApi 1.2; Office.js has no property for it).
 * Call the result after the sync.
 */
function queueDateSystem(session: Session): () => boolean {
  const probe = session.context.workbook.functions.date(1904, 1, 1);
  probe.load("value");
  return () => probe.value === 0;
}

function isResponseTooLarge(e: unknown): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    "code" in e &&
    (e as { code: unknown }).code === "ResponsePayloadSizeLimitExceeded"
  );
}

/**
 * Reads the names of all sheets and the used ranges of `sheets` (exact names) in one sync, together with
 * what `queueExtras` queues (called just before the sync; its loads are read by the caller afterwards).
 *
 * Should Excel refuse the answer as too large (Excel on the web: 5 MB), the read is done again in parts:
 * the sizes first, then the sheets in row blocks of at most ~2 MB, then the extras in a request of their
 * own with `lean` set (the caller then asks for less). Only then does a read take more than one request.
 */
export async function readBook(
  session: Session,
  sheets: readonly string[],
  queueExtras: (lean: boolean) => void = () => undefined,
): Promise<BookRead> {
  const wb = session.context.workbook;
  const collection = wb.worksheets;
  collection.load("items/name,items/visibility,items/position");
  const protection = wb.protection;
  protection.load("protected");
  const date1904 = queueDateSystem(session);
  const pending = new Map(sheets.map((name) => [name, queueUsedRange(collection, name)]));
  queueExtras(false);
  try {
    await session.sync();
  } catch (e) {
    if (!isResponseTooLarge(e)) throw e;
    return readBookInParts(session, sheets, queueExtras);
  }

  const infos: SheetInfo[] = collection.items.map((ws) => ({
    name: ws.name,
    visibility: String(ws.visibility),
    position: ws.position,
  }));
  // A sheet named like a standard one but for spaces around it: read it by its real name.
  const stray = strayNames(infos, sheets);
  if (stray.length > 0) {
    for (const name of stray) pending.set(name, queueUsedRange(collection, name));
    await session.sync();
  }
  const grids = new Map([...pending].map(([name, p]) => [name, gridOf(p, name, date1904())]));
  return assemble(infos, grids, protection.protected === true, date1904());
}

function strayNames(infos: readonly SheetInfo[], sheets: readonly string[]): string[] {
  const wanted = new Set(sheets);
  const present = new Set(infos.map((s) => s.name));
  return infos
    .filter((s) => !wanted.has(s.name) && wanted.has(s.name.trim()) && !present.has(s.name.trim()))
    .map((s) => s.name);
}

function assemble(
  infos: SheetInfo[],
  grids: Map<string, Grid>,
  workbookProtected: boolean,
  date1904: boolean,
): BookRead {
  const book: GridBook = infos
    .filter((s) => !SNAPSHOT_SHEETS.has(s.name))
    .map((s) => grids.get(s.name) ?? { name: s.name, rows: [] });
  return { book, grids, sheets: infos, workbookProtected, date1904 };
}

/** Estimated answer size per cell: values, types and formats, or values alone; the snapshot's are long text. */
const BYTES_PER_CELL = { full: 40, values: 16, snapshot: 100_000 };
const PART_BYTES = 2 * 1024 * 1024;

interface Part {
  name: string;
  /** 0-based row on the sheet, and count. */
  top: number;
  rows: number;
  bytes: number;
}

/**
 * The read of readBook done in small requests: names, then sizes, then row blocks of about 2 MB (a block
 * Excel still finds too large is halved and asked again), then the extras on their own, lean.
 */
async function readBookInParts(
  session: Session,
  sheets: readonly string[],
  queueExtras: (lean: boolean) => void,
): Promise<BookRead> {
  const wb = session.context.workbook;
  const collection = wb.worksheets;
  collection.load("items/name,items/visibility,items/position");
  const protection = wb.protection;
  protection.load("protected");
  const date1904 = queueDateSystem(session);
  await session.sync();
  const infos: SheetInfo[] = collection.items.map((ws) => ({
    name: ws.name,
    visibility: String(ws.visibility),
    position: ws.position,
  }));
  const names = [...sheets.filter((n) => infos.some((i) => i.name === n)), ...strayNames(infos, sheets)];

  const sizes = names.map((name) => {
    const r = collection.getItem(name).getUsedRangeOrNullObject(true);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    return { name, r };
  });
  await session.sync();

  interface Sheet {
    left: number;
    cols: number;
    full: boolean;
    props: string;
    /** Rows read so far, by their 0-based row on the sheet. */
    got: Map<number, { values: unknown[]; types?: string[]; formats?: unknown[] }>;
    rowIndex: number;
  }
  const byName = new Map<string, Sheet>();
  const work: Part[] = [];
  for (const { name, r } of sizes) {
    if (r.isNullObject) continue;
    const { full, props } = propsFor(name);
    byName.set(name, {
      left: r.columnIndex,
      cols: r.columnCount,
      full,
      props: props.replace(`,${POSITION_PROPS}`, ""),
      got: new Map(),
      rowIndex: r.rowIndex,
    });
    const cell = SNAPSHOT_SHEETS.has(name)
      ? BYTES_PER_CELL.snapshot
      : full
        ? BYTES_PER_CELL.full
        : BYTES_PER_CELL.values;
    const perRow = r.columnCount * cell;
    const step = Math.max(1, Math.floor(PART_BYTES / perRow));
    for (let top = 0; top < r.rowCount; top += step) {
      const rows = Math.min(step, r.rowCount - top);
      work.push({ name, top: r.rowIndex + top, rows, bytes: rows * perRow });
    }
  }

  while (work.length > 0) {
    // As many parts as fit the estimate, at least one.
    const batch: Part[] = [work.shift()!];
    let bytes = batch[0].bytes;
    while (work.length > 0 && bytes + work[0].bytes <= PART_BYTES) {
      bytes += work[0].bytes;
      batch.push(work.shift()!);
    }
    const ranges = batch.map((p) => {
      const sh = byName.get(p.name)!;
      const range = collection.getItem(p.name).getRangeByIndexes(p.top, sh.left, p.rows, sh.cols);
      range.load(sh.props);
      return range;
    });
    try {
      await session.sync();
    } catch (e) {
      if (!isResponseTooLarge(e)) throw e;
      if (batch.length === 1 && batch[0].rows === 1) throw e;
      // Ask again in smaller pieces: each part alone, a part alone in halves.
      const again =
        batch.length > 1
          ? batch.map((p) => ({ ...p, bytes: PART_BYTES }))
          : [
              { ...batch[0], rows: Math.ceil(batch[0].rows / 2), bytes: PART_BYTES },
              {
                ...batch[0],
                top: batch[0].top + Math.ceil(batch[0].rows / 2),
                rows: Math.floor(batch[0].rows / 2),
                bytes: PART_BYTES,
              },
            ];
      work.unshift(...again);
      continue;
    }
    batch.forEach((p, i) => {
      const sh = byName.get(p.name)!;
      const range = ranges[i];
      range.values.forEach((values, k) =>
        sh.got.set(p.top + k, {
          values,
          types: sh.full ? (range.valueTypes[k] as string[]) : undefined,
          formats: sh.full ? range.numberFormat[k] : undefined,
        }),
      );
    });
  }
  queueExtras(true);
  await session.sync();

  const grids = new Map<string, Grid>();
  for (const name of names) {
    const sh = byName.get(name);
    if (!sh) {
      grids.set(name, { name, rows: [] });
      continue;
    }
    const order = [...sh.got.keys()].sort((x, y) => x - y);
    const lines = order.map((k) => sh.got.get(k)!);
    grids.set(name, {
      name,
      rows: rangeToRows({
        values: lines.map((l) => l.values),
        valueTypes: sh.full ? lines.map((l) => l.types ?? []) : undefined,
        numberFormat: sh.full ? lines.map((l) => l.formats ?? []) : undefined,
        rowIndex: sh.rowIndex,
        columnIndex: sh.left,
        date1904: date1904(),
      }),
    });
  }
  return assemble(infos, grids, protection.protected === true, date1904());
}

/**
 * Asks, in the batch being built, which of these cells (A1 addresses on `sheet`) hold a note (ExcelApi
 * 1.18); gives nothing without notes. Call the result after the sync: cell → note text.
 */
export function queueNoteProbe(
  session: Session,
  sheet: Excel.Worksheet,
  cells: readonly string[],
): () => Map<string, string> {
  if (!session.api.notes) return () => new Map();
  const probes = cells.map((cell) => {
    const note = sheet.notes.getItemOrNullObject(cell);
    note.load("content");
    return { cell, note };
  });
  return () => {
    const found = new Map<string, string>();
    for (const p of probes) if (!p.note.isNullObject) found.set(p.cell, String(p.note.content ?? ""));
    return found;
  };
}

// ───────────────────────────── writing: pieces ─────────────────────────────
//
// Each write is queued through WriteBatch.add with an upper bound of what it adds to the request
// (requestCost: the object paths it reaches, the actions it queues, the JSON of its arguments), so that a
// batch is split before Office.js's text of it passes the budget. test/excel/requestSize.test.ts runs these
// writes on Office.js's own request builder and holds every estimate above the real size.

/** A cell style in Office.js terms. A null fill removes the fill. */
export interface ExcelStyle {
  fill?: string | null;
  bold?: boolean;
  fontColor?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  fontName?: string;
  fontSize?: number;
  /** Thin continuous lines on every edge of every cell. */
  border?: "thin";
}

export interface ValidationSpec {
  range: CellRange;
  /** A drop-down list, or a custom formula (relative to the range's top-left cell, with the leading `=`). */
  rule: { list: readonly string[] } | { custom: string } | null;
  prompt?: { title: string; message: string };
  errorAlert?: { style: "Stop" | "Warning" | "Information"; title: string; message: string };
}

/** What a sheet about to be rewritten holds that the write must undo first. */
export interface ExistingSheet {
  exists: boolean;
  /** Its used range, without the sheet name (`A1:Q21`); null when blank. */
  usedAddress: string | null;
  /** Cells (A1) holding notes that are deleted before the rewrite. */
  notes: readonly string[];
  /** It has an AutoFilter (removed first). */
  autoFilter: boolean;
  /**
   * The user hid it. Its frozen panes are left alone: `freezePanes.unfreeze()` on a hidden sheet throws on
   * Excel builds before the fix of office-js #1463 (frozen builds such as volume-licensed Excel 2021 keep
   * them), and panes matter only on a sheet someone looks at.
   */
  hidden: boolean;
}

export const NEW_SHEET: ExistingSheet = {
  exists: false,
  usedAddress: null,
  notes: [],
  autoFilter: false,
  hidden: false,
};

function rangeAt(ws: Excel.Worksheet, r: CellRange): Excel.Range {
  return ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** Length in the characters Excel counts (UTF-16 code units, as its limits are stated). */
export function excelLength(text: string): number {
  return text.length;
}

/**
 * Makes `name` ready to be written from scratch: adds it (at the end) when absent; otherwise keeps the sheet
 * object — so formulas elsewhere that refer to it keep working — and deletes its notes, filter, frozen
 * panes (unless it is hidden), merges and everything in its used range.
 */
export async function prepareSheet(
  batch: WriteBatch,
  session: Session,
  name: string,
  existing: ExistingSheet,
  position?: number,
): Promise<Excel.Worksheet> {
  const sheets = session.context.workbook.worksheets;
  let ws!: Excel.Worksheet;
  if (!existing.exists) {
    await batch.add(requestCost({ paths: 2, actions: 2, args: jsonBytes(name) }), () => {
      ws = sheets.add(name);
      if (position !== undefined) ws.position = position;
    });
    return ws;
  }
  await batch.add(requestCost({ paths: 2, args: jsonBytes(name) }), () => {
    ws = sheets.getItem(name);
  });
  for (const cell of existing.notes)
    await batch.add(requestCost({ paths: 2, actions: 1, args: jsonBytes(cell) }), () =>
      ws.notes.getItem(cell).delete(),
    );
  if (existing.autoFilter && session.api.autoFilter)
    await batch.add(requestCost({ paths: 1, actions: 1 }), () => ws.autoFilter.remove());
  if (!existing.hidden) await batch.add(requestCost({ paths: 1, actions: 1 }), () => ws.freezePanes.unfreeze());
  if (existing.usedAddress !== null) {
    const used = existing.usedAddress;
    await batch.add(requestCost({ paths: 1, actions: 2, args: jsonBytes(used) + jsonBytes("All") }), () => {
      const r = ws.getRange(used);
      r.unmerge();
      // "All" also removes notes and data validation, as Excel's Clear All does.
      r.clear("All");
    });
  }
  return ws;
}

type MatrixProp = "numberFormat" | "values" | "formulas";

/**
 * Office.js writes a matrix of more than this many cells as several sets of at most this many, each on a
 * range of its own (`getRow(a).getBoundingRect(getRow(b))`: three object paths and a set), whatever the caller
 * asked (setRangePropertiesInBulk in the Excel host library).
 */
export const OFFICE_JS_CELLS_PER_SET = 1500;

/** The cost of one matrix write: the range, the set(s) Office.js makes of it, and the JSON of the rows. */
export function matrixCost(rows: number, width: number, dataBytes: number): number {
  let cost = requestCost({ paths: 1, actions: 1, args: dataBytes });
  if (rows * width > OFFICE_JS_CELLS_PER_SET) {
    const perSet = Math.max(1, Math.round(OFFICE_JS_CELLS_PER_SET / width));
    cost += Math.ceil(rows / perSet) * requestCost({ paths: 4, actions: 2 });
  }
  return cost;
}

/** Writes a matrix at (top, left) in row blocks small enough for the batch's budget. */
export async function queueMatrix(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  top: number,
  left: number,
  matrix: readonly (readonly unknown[])[],
  prop: MatrixProp,
): Promise<void> {
  if (matrix.length === 0) return;
  const width = matrix[0].length;
  if (width === 0) return;
  const blocks = rowBlocks(matrix, Math.max(1024, Math.floor(batch.room / 4)), (row) => jsonBytes(row));
  for (const b of blocks) {
    const data = b.rows.map((row) => [...row]);
    await batch.add(matrixCost(data.length, width, jsonBytes(data)), () => {
      const range = ws.getRangeByIndexes(top + b.start, left, data.length, width);
      if (prop === "numberFormat") range.numberFormat = data;
      else if (prop === "values") range.values = data;
      else range.formulas = data;
    });
  }
}

/** The cost of applyStyle on a range reached by one path (getRangeByIndexes or getRange). */
export function styleCost(style: ExcelStyle, rangeArgs = 0): number {
  const sets = Object.values(style).filter((v) => v !== undefined).length;
  const fill = style.fill !== undefined ? 1 : 0;
  const font = style.bold !== undefined || style.fontColor !== undefined ? 1 : 0;
  return requestCost({ paths: 2 + fill + font, actions: sets, args: jsonBytes(style) + rangeArgs });
}

export async function queueStyle(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  r: CellRange,
  style: ExcelStyle,
): Promise<void> {
  await batch.add(styleCost(style), () => applyStyle(rangeAt(ws, r).format, style));
  if (!style.border) return;
  // One edge per step (an object and three properties), so that a tight request budget can split them.
  for (const edge of bordersOf(r)) {
    await batch.add(requestCost({ paths: 3, actions: 4, args: jsonBytes(edge) + 48 }), () => {
      const b = rangeAt(ws, r).format.borders.getItem(edge);
      b.style = "Continuous" as Excel.BorderLineStyle;
      b.weight = "Thin" as Excel.BorderWeight;
      b.color = "#000000";
    });
  }
}

/** The edges a thin grid sets: the outline, and the inside lines a range of several rows or columns has. */
const OUTLINE: readonly Excel.BorderIndex[] = [
  "EdgeTop" as Excel.BorderIndex,
  "EdgeBottom" as Excel.BorderIndex,
  "EdgeLeft" as Excel.BorderIndex,
  "EdgeRight" as Excel.BorderIndex,
];

/** Thin lines around and between the cells of a range (queued; no sync). */
/** The edges a bordered range draws: its outline, and the inside lines its shape has. */
function bordersOf(r: CellRange): Excel.BorderIndex[] {
  const edges = [...OUTLINE];
  if (r.bottom > r.top) edges.push("InsideHorizontal" as Excel.BorderIndex);
  if (r.right > r.left) edges.push("InsideVertical" as Excel.BorderIndex);
  return edges;
}

/** Sets a style on a range's format (queued; no sync). Borders need the range's shape: queueStyle. */
export function applyStyle(format: Excel.RangeFormat, style: ExcelStyle): void {
  {
    if (style.fontName !== undefined) format.font.name = style.fontName;
    if (style.fontSize !== undefined) format.font.size = style.fontSize;
    if (style.fill === null) format.fill.clear();
    else if (style.fill !== undefined) format.fill.color = style.fill;
    if (style.bold !== undefined) format.font.bold = style.bold;
    if (style.fontColor !== undefined) format.font.color = style.fontColor;
    if (style.horizontalAlignment !== undefined)
      format.horizontalAlignment = style.horizontalAlignment as Excel.HorizontalAlignment;
    if (style.verticalAlignment !== undefined)
      format.verticalAlignment = style.verticalAlignment as Excel.VerticalAlignment;
    if (style.wrapText !== undefined) format.wrapText = style.wrapText;
  }
}

/** Column widths in points, from column A (null: leave that column alone). */
export async function queueWidths(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  points: readonly (number | null)[],
): Promise<void> {
  for (let c = 0; c < points.length; c++) {
    const w = points[c];
    if (w === null) continue;
    const letters = columnLetters(c);
    await batch.add(requestCost({ paths: 2, actions: 1 }), () => {
      ws.getRange(`${letters}:${letters}`).format.columnWidth = w;
    });
  }
}

/** Frozen panes; nothing on a hidden sheet (see ExistingSheet.hidden). */
export async function queueFreeze(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  freeze: { rows: number; columns: number },
  hidden = false,
): Promise<void> {
  const { rows, columns } = freeze;
  if (hidden || (rows <= 0 && columns <= 0)) return;
  await batch.add(requestCost({ paths: 2, actions: 1 }), () => {
    if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, columns));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else ws.freezePanes.freezeColumns(columns);
  });
}

/** An input message within Excel's limits, as Office.js takes it. */
function promptOf(title: string, message: string): Excel.DataValidationPrompt {
  return { title: clip(title, PROMPT_TITLE_MAX), message: clip(message, PROMPT_MESSAGE_MAX), showPrompt: true };
}

/** The cost of setting a cell's input message. */
function promptCost(prompt: Excel.DataValidationPrompt): number {
  return requestCost({ paths: 2, actions: 1, args: jsonBytes(prompt) });
}

/** Sets the input message of a cell (`A1`), in the batch. */
export async function queuePrompt(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  cell: string,
  title: string,
  message: string,
): Promise<void> {
  const prompt = promptOf(title, message);
  await batch.add(promptCost(prompt) + jsonBytes(cell), () => {
    ws.getRange(cell).dataValidation.prompt = prompt;
  });
}

/** How header explanations reach the sheet on this Excel. */
export function headerNotesVia(api: ApiSupport): "notes" | "prompt" | "none" {
  return api.notes ? "notes" : api.validation ? "prompt" : "none";
}

/** Adds a note (ExcelApi 1.18; the caller checks session.api.notes). */
export async function queueNote(batch: WriteBatch, ws: Excel.Worksheet, cell: string, text: string): Promise<void> {
  await batch.add(requestCost({ paths: 3, actions: 1, args: jsonBytes(text) + jsonBytes(cell) }), () => {
    ws.notes.add(ws.getRange(cell), text);
  });
}

/**
 * A header explanation: a note with ExcelApi 1.18, else a data-validation input message (1.8), else nothing
 * (Excel 2019 at 1.7: the column's meaning is in 方法 and docs/method.md §1).
 */
export async function queueCellNote(
  batch: WriteBatch,
  session: Session,
  ws: Excel.Worksheet,
  cell: { row: number; col: number },
  title: string,
  text: string,
): Promise<void> {
  const address = columnLetters(cell.col) + String(cell.row + 1);
  if (session.api.notes) await queueNote(batch, ws, address, text);
  else if (session.api.validation) await queuePrompt(batch, ws, address, title, text);
}

/**
 * The rule Office.js is given for a spec, or null when Excel would refuse it: a custom formula or a list
 * source longer than 255 characters. The input message and error alert are written all the same.
 */
export function validationRule(v: ValidationSpec): Excel.DataValidationRule | null {
  if (v.rule && "list" in v.rule) {
    const source = v.rule.list.join(",");
    return excelLength(source) <= LIST_SOURCE_MAX ? { list: { inCellDropDown: true, source } } : null;
  }
  if (v.rule && "custom" in v.rule)
    return excelLength(v.rule.custom) <= VALIDATION_FORMULA_MAX ? { custom: { formula: v.rule.custom } } : null;
  return null;
}

export async function queueValidation(batch: WriteBatch, ws: Excel.Worksheet, v: ValidationSpec): Promise<void> {
  const rule = validationRule(v);
  const errorAlert: Excel.DataValidationErrorAlert | null = v.errorAlert
    ? {
        style: v.errorAlert.style as Excel.DataValidationAlertStyle,
        title: clip(v.errorAlert.title, PROMPT_TITLE_MAX),
        message: clip(v.errorAlert.message, ERROR_MESSAGE_MAX),
        showAlert: true,
      }
    : null;
  const prompt = v.prompt ? promptOf(v.prompt.title, v.prompt.message) : null;
  const sets = 1 + (rule ? 1 : 0) + (errorAlert ? 1 : 0) + (prompt ? 1 : 0);
  const cost = requestCost({ paths: 2, actions: sets, args: jsonBytes([rule, errorAlert, prompt]) });
  await batch.add(cost, () => {
    const dv = rangeAt(ws, v.range).dataValidation;
    dv.clear();
    if (rule) dv.rule = rule;
    if (errorAlert) dv.errorAlert = errorAlert;
    if (prompt) dv.prompt = prompt;
  });
}

// ───────────────────────────── writing a SheetLayout ─────────────────────────────

const H_ALIGN: Readonly<Record<NonNullable<CellStyle["horizontalAlignment"]>, string>> = {
  left: "Left",
  center: "Center",
  right: "Right",
};
const V_ALIGN: Readonly<Record<NonNullable<CellStyle["verticalAlignment"]>, string>> = {
  top: "Top",
  center: "Center",
  bottom: "Bottom",
};

export function excelStyle(s: CellStyle): ExcelStyle {
  const out: ExcelStyle = {};
  if (s.fill !== undefined) out.fill = s.fill;
  if (s.bold !== undefined) out.bold = s.bold;
  if (s.fontColor !== undefined) out.fontColor = s.fontColor;
  if (s.horizontalAlignment !== undefined) out.horizontalAlignment = H_ALIGN[s.horizontalAlignment];
  if (s.verticalAlignment !== undefined) out.verticalAlignment = V_ALIGN[s.verticalAlignment];
  if (s.wrapText !== undefined) out.wrapText = s.wrapText;
  if (s.fontName !== undefined) out.fontName = s.fontName;
  if (s.fontSize !== undefined) out.fontSize = s.fontSize;
  if (s.border !== undefined) out.border = s.border;
  return out;
}

/** Merges styled ranges that continue each other down the same columns with the same style (grade fills). */
export function coalesceStyles(
  styles: readonly { range: CellRange; style: CellStyle }[],
): { range: CellRange; style: CellStyle }[] {
  const out: { range: CellRange; style: CellStyle }[] = [];
  for (const s of styles) {
    const last = out[out.length - 1];
    if (
      last &&
      last.range.left === s.range.left &&
      last.range.right === s.range.right &&
      last.range.bottom + 1 === s.range.top &&
      JSON.stringify(last.style) === JSON.stringify(s.style)
    ) {
      last.range = { ...last.range, bottom: s.range.bottom };
    } else out.push({ range: { ...s.range }, style: { ...s.style } });
  }
  return out;
}

/** The number format of every cell of a layout: General in header rows, the column's below, `@` for text. */
export function layoutFormats(layout: SheetLayout, width: number): string[][] {
  return layout.values.map((row, r) => {
    const line: string[] = [];
    for (let c = 0; c < width; c++) {
      const col = layout.columns[c];
      line.push(r >= layout.headerRows && col && col.numberFormat !== null ? col.numberFormat : "General");
      const v = row[c];
      if (typeof v === "string" && wouldBeCoerced(v)) line[c] = "@";
    }
    for (const t of layout.textCells) if (t.row === r && t.col < width) line[t.col] = "@";
    return line;
  });
}

export function layoutWidth(layout: SheetLayout): number {
  return Math.max(layout.columns.length, ...layout.values.map((r) => r.length), 0);
}

export interface SheetWrite {
  layout: SheetLayout;
  merges?: readonly CellRange[];
  validations?: readonly ValidationSpec[];
  /** Number formats for ranges beyond the layout's rows (a template's empty data rows). */
  rangeFormats?: readonly { range: CellRange; numberFormat: string }[];
}

export interface WriteOutcome {
  /** How the layout's notes were written. */
  notesVia: "notes" | "prompt" | "none";
  autoFilter: boolean;
  /** The layout's page setup was applied (ExcelApi 1.9); false too when the layout has none. */
  print: boolean;
  /** Requests the write took (1 unless it passed the size budget). */
  requests: number;
}

/**
 * Writes a whole sheet from a layout, in the batch being built: the sheet prepared (prepareSheet), then
 * number formats (text format before values, so that text stays text), values, formulas, styles, merges,
 * widths, frozen panes, the AutoFilter (ExcelApi 1.9; skipped below), notes (1.18) or input messages (1.8),
 * validations. The caller flushes the batch.
 */
export async function queueSheetLayout(
  batch: WriteBatch,
  session: Session,
  write: SheetWrite,
  existing: ExistingSheet,
  opts: { activate?: boolean } = {},
): Promise<Omit<WriteOutcome, "requests">> {
  const { layout } = write;
  // A layout whose rows are made as a file is written (the command line's 计算明细) holds few of its cells.
  if ("madeWhenWritten" in layout) throw new Error(`writeSheet: ${layout.sheet} is a streamed layout`);
  const ws = await prepareSheet(batch, session, layout.sheet, existing);
  const width = layoutWidth(layout);
  if (width > 0 && layout.values.length > 0) {
    await queueMatrix(batch, ws, 0, 0, layoutFormats(layout, width), "numberFormat");
    const values = rectangular<LayoutValue>(layout.values, width, null).map((row) => row.map(valueToWrite));
    await queueMatrix(batch, ws, 0, 0, values, "values");
  }
  if (layout.formulas.length > 0) {
    // A loop, not Math.max(...): 计算明细 of formulas mode has hundreds of thousands of formulas.
    let rows = 0;
    for (const f of layout.formulas) rows = Math.max(rows, f.row + 1);
    const formulas: (string | null)[][] = Array.from({ length: rows }, () =>
      new Array<string | null>(width).fill(null),
    );
    for (const f of layout.formulas) formulas[f.row][f.col] = f.formula;
    await queueMatrix(batch, ws, 0, 0, formulas, "formulas");
  }
  for (const s of coalesceStyles(layout.styles)) await queueStyle(batch, ws, s.range, excelStyle(s.style));
  for (const m of write.merges ?? [])
    await batch.add(requestCost({ paths: 1, actions: 1 }), () => rangeAt(ws, m).merge(false));
  for (const f of write.rangeFormats ?? []) {
    const rows = f.range.bottom - f.range.top + 1;
    const cols = f.range.right - f.range.left + 1;
    const grid = Array.from({ length: rows }, () => new Array<string>(cols).fill(f.numberFormat));
    await queueMatrix(batch, ws, f.range.top, f.range.left, grid, "numberFormat");
  }
  await queueWidths(
    batch,
    ws,
    layout.columns.map((c) => charsToPoints(c.width)),
  );
  if (layout.rowHeights) await queueRowHeights(batch, ws, layout.rowHeights);
  await queueFreeze(batch, ws, layout.freeze, existing.hidden);
  const print = layout.print !== undefined && session.api.pageLayout;
  if (print) await queuePrint(batch, ws, layout.print!);
  let autoFilter = false;
  if (layout.autoFilter && session.api.autoFilter) {
    const f = layout.autoFilter;
    await batch.add(requestCost({ paths: 2, actions: 1 }), () => ws.autoFilter.apply(rangeAt(ws, f)));
    autoFilter = true;
  }
  if (session.api.validation) for (const v of write.validations ?? []) await queueValidation(batch, ws, v);
  for (const n of layout.notes) {
    const title = layout.values[n.row]?.[n.col];
    await queueCellNote(batch, session, ws, n, typeof title === "string" ? title : "说明", n.text);
  }
  if (opts.activate) await batch.add(requestCost({ actions: 1 }), () => ws.activate());
  return {
    notesVia: layout.notes.length === 0 ? "none" : headerNotesVia(session.api),
    autoFilter,
    print,
  };
}

/** Row heights in points from row 1, each run of equal heights set at once. */
export async function queueRowHeights(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  heights: readonly { row: number; height: number }[],
): Promise<void> {
  // Consecutive rows of one height go in one step.
  const sorted = [...heights].sort((a, b) => a.row - b.row);
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (
      end + 1 < sorted.length &&
      sorted[end + 1].row === sorted[end].row + 1 &&
      sorted[end + 1].height === sorted[start].height
    )
      end++;
    const h = sorted[start].height;
    const rows = `${sorted[start].row + 1}:${sorted[end].row + 1}`;
    await batch.add(requestCost({ paths: 2, actions: 1, args: jsonBytes(rows) + 8 }), () => {
      ws.getRange(rows).format.rowHeight = h;
    });
    start = end + 1;
  }
}

const POINTS_PER_INCH = 72;

/**
 * A layout's page setup through worksheet.pageLayout (ExcelApi 1.9; the caller checks). Header and footer
 * codes are the file format's, which Excel's API takes as they are. verticalFitToPages 0 is "automatic":
 * as many pages down as the rows need, as fitToHeight="0" in a file.
 */
export async function queuePrint(batch: WriteBatch, ws: Excel.Worksheet, p: PrintSettings): Promise<void> {
  // Sixteen actions: the objects, fourteen properties and the title rows.
  await batch.add(requestCost({ paths: 4, actions: 16, args: jsonBytes(p) }), () => {
    const layout = ws.pageLayout;
    layout.orientation = (p.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
    layout.paperSize = p.paper as Excel.PaperType;
    layout.centerHorizontally = p.centerHorizontally;
    layout.leftMargin = p.margins.left * POINTS_PER_INCH;
    layout.rightMargin = p.margins.right * POINTS_PER_INCH;
    layout.topMargin = p.margins.top * POINTS_PER_INCH;
    layout.bottomMargin = p.margins.bottom * POINTS_PER_INCH;
    layout.headerMargin = p.margins.header * POINTS_PER_INCH;
    layout.footerMargin = p.margins.footer * POINTS_PER_INCH;
    layout.zoom = { horizontalFitToPages: p.fitTo.width, verticalFitToPages: p.fitTo.height };
    const page = layout.headersFooters.defaultForAllPages;
    page.centerHeader = p.header.replace(/^&C/, "");
    page.centerFooter = p.footer.replace(/^&C/, "");
    if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`);
  });
  for (const r of p.rowBreaks ?? []) {
    if (r <= 0) continue;
    await batch.add(requestCost({ paths: 2, actions: 1, args: 16 }), () => ws.horizontalPageBreaks.add(`A${r + 1}`));
  }
}

/** Writes one sheet in its own request(s). */
export async function writeSheet(
  session: Session,
  write: SheetWrite,
  existing: ExistingSheet,
  opts: { activate?: boolean } = {},
): Promise<WriteOutcome> {
  const batch = newWriteBatch(session);
  const outcome = await queueSheetLayout(batch, session, write, existing, opts);
  await batch.flush();
  return { ...outcome, requests: batch.requests };
}

/** A write batch that suspends recalculation for each of its requests (ExcelApi 1.6). */
export function newWriteBatch(session: Session): WriteBatch {
  return new WriteBatch(session, () => {
    if (session.api.suspendCalculation) session.context.application.suspendApiCalculationUntilNextSync();
  });
}

/** `A1:Q21` from `考核结果!A1:Q21` (also `'a b'!A1`). */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang < 0 ? address : address.slice(bang + 1);
}

/**
 * Queues, in the batch being built, what a rewrite of `name` must know of the sheet as it is (used range,
 * AutoFilter, the notes at `noteCells`, protection). Call the result after the sync.
 */
export function queueExisting(
  session: Session,
  name: string,
  noteCells: readonly string[],
): () => ExistingSheet & { protected: boolean } {
  const ws = session.context.workbook.worksheets.getItemOrNullObject(name);
  ws.load("name,visibility");
  const protection = ws.protection;
  protection.load("protected");
  const used = ws.getUsedRangeOrNullObject(false);
  used.load("address");
  const filter = session.api.autoFilter ? ws.autoFilter.getRangeOrNullObject() : null;
  filter?.load("address");
  const notes = queueNoteProbe(session, ws, noteCells);
  return () => {
    if (ws.isNullObject) return { ...NEW_SHEET, protected: false };
    return {
      exists: true,
      usedAddress: used.isNullObject ? null : localAddress(used.address),
      notes: [...notes().keys()],
      autoFilter: filter !== null && !filter.isNullObject,
      hidden: String(ws.visibility) !== "Visible",
      protected: protection.protected === true,
    };
  };
}
