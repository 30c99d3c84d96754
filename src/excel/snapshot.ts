/**
 * Undo for 计算. Office.js writes clear Excel's own undo stack, so before a run writes `考核结果` it stores
 * what the write will replace IN THE WORKBOOK — in the very hidden sheet `_kaoping_snapshot` — so that it
 * survives closing and reopening the file, and so that a failure of the results write still leaves a
 * restorable workbook (the snapshot is written in its own request, before the results).
 *
 * What is kept of the previous `考核结果` (or the fact that there was none):
 * - every cell of its used range: formulas, else constants (text that Excel would turn into a number, date
 *   or formula when written back gets a quote prefix), and number formats;
 * - fill and bold cell by cell with ExcelApi 1.9 (range.getCellProperties — only these two: the answer for
 *   a 2,000-leader sheet must stay well below Excel on the web's 5 MB next to the input sheets);
 * - for each column a results write touches: the look of its header cell (fill, bold, font colour,
 *   alignment, wrapping) and the look its used cells below share — on ExcelApi 1.8 (no getCellProperties) this is also all
 *   there is of fills and bold, so a column whose cells differ (等次's grade colours) comes back without
 *   them; values and number formats come back exactly everywhere;
 * - the widths of those columns, the frozen panes, the AutoFilter range (1.9), the notes of the header row
 *   (1.18) and the data-validation input messages of the header row (1.8).
 * Not kept: merges, conditional formats, data validation below the header, row heights, comments, and
 * alignment that differs cell by cell within a column.
 *
 * Storage: the JSON of the snapshot, split into parts of at most 30,000 characters (Excel holds 32,767 in a
 * cell), in A2, A3, … of the snapshot sheet, and a small header in A1 written last: a snapshot without its
 * header is incomplete and is ignored. Only the last run is kept. restore() puts the kept state back into
 * the same sheet object (or deletes `考核结果` if there was none before) and deletes the snapshot.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read, office-addins/no-empty-load --
   Loads are queued in one function and read after Session.sync() (which wraps context.sync() to count round
   trips), often in a closure the caller runs after its sync; these rules follow only a direct context.sync()
   in the same function, and take a load of a variable list of properties for an empty load. */
import { a1, columnLetters } from "../workbook/address";
import { KaopingExcelError, MESSAGES } from "./errors";
import {
  type ExcelStyle,
  type ExistingSheet,
  NEW_SHEET,
  RESULTS_SHEET,
  SNAPSHOT_SHEET,
  localAddress,
  newWriteBatch,
  applyStyle,
  prepareSheet,
  queueFreeze,
  queueMatrix,
  queueNote,
  queuePrompt,
  queueExisting,
  queueNoteProbe,
  queueStyle,
  queueWidths,
  readBook,
  styleCost,
} from "./gateway";
import { ERROR_LITERALS, jsonBytes, valueToWrite, wouldBeCoerced } from "./grid";
import { type Session, requestCost } from "./session";

export const SNAPSHOT_PART_CHARS = 30_000;
const SNAPSHOT_TAG = "kaoping-snapshot";
const SNAPSHOT_VERSION = 1;
const LAST_ROW = 1_048_576;

/** The look of a cell in Office.js terms; defaults: no fill, not bold, black, General/Bottom, no wrap. */
export interface CellLook {
  fill: string | null;
  bold: boolean;
  fontColor: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
}

export const DEFAULT_LOOK: CellLook = {
  fill: null,
  bold: false,
  fontColor: "#000000",
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
};

export type CellConstant = number | string | boolean | null;

/** Fill and bold of one cell (ExcelApi 1.9, cell by cell). */
export interface CellMark {
  fill: string | null;
  bold: boolean;
}

/** The state of a sheet that a run replaces. */
export interface SheetCapture {
  existed: boolean;
  protected: boolean;
  position: number | null;
  /** The user hid it (Hidden or VeryHidden). */
  hidden?: boolean;
  used: { address: string; top: number; left: number; rows: number; cols: number } | null;
  /** What to write back through `range.formulas` (null: leave empty). */
  cells: CellConstant[][];
  formats: string[][];
  /**
   * Per column from A (as many as a results write touches): the look of its row-1 cell, and the look the
   * used cells below it share (`address`: from row 2 to its last used cell; a field is absent where the
   * cells differ; null when nothing below row 1 is used).
   */
  columnLooks: { header: CellLook; data: { address: string; look: Partial<CellLook> } | null }[];
  /** Fill and bold of every cell of the used range (ExcelApi 1.9); null below 1.9 or in a lean capture. */
  cellMarks: CellMark[][] | null;
  /** Points, from column A; null where unknown. */
  widths: (number | null)[];
  freeze: { rows: number; columns: number };
  /** A1 range without the sheet; null for none; undefined when it could not be read (below 1.9). */
  autoFilter?: string | null;
  notes: Record<string, string>;
  prompts: Record<string, { title: string; message: string }>;
}

export interface SnapshotInfo {
  exists: boolean;
  takenAt: string | null;
  /** Whether the sheet existed before the run the snapshot undoes. */
  existed: boolean | null;
  /** The sheet the run wrote: 考核结果, or 任期考核 (absent: no snapshot). */
  sheet?: string | null;
}

// ───────────────────────────── capturing ─────────────────────────────

const LOOK_LOAD = "fill/color,font/bold,font/color,horizontalAlignment,verticalAlignment,wrapText";

/** The look a range's cells share; a field is left out where they differ (Office.js gives null). */
function sharedLook(format: Excel.RangeFormat): Partial<CellLook> {
  const out: Partial<CellLook> = {};
  const fill = format.fill.color;
  if (typeof fill === "string") out.fill = normalizeFill(fill);
  if (typeof format.font.bold === "boolean") out.bold = format.font.bold;
  if (typeof format.font.color === "string") out.fontColor = format.font.color.toUpperCase();
  if (typeof format.horizontalAlignment === "string") out.horizontalAlignment = format.horizontalAlignment;
  if (typeof format.verticalAlignment === "string") out.verticalAlignment = format.verticalAlignment;
  if (typeof format.wrapText === "boolean") out.wrapText = format.wrapText;
  return out;
}

/** Office.js reports "no fill" as white; a white fill is taken as none (the difference is the gridlines). */
function normalizeFill(color: string): string | null {
  const c = color.toUpperCase();
  return c === "#FFFFFF" || c === "" ? null : c;
}

function fullLook(p: Partial<CellLook>): CellLook {
  return { ...DEFAULT_LOOK, ...p };
}

/**
 * A cell as `range.formulas` gives it → what to write back through `range.formulas`: formulas as they are
 * (in a text-formatted cell "=…" is text and stays text); text that Excel would turn into something else
 * when written into a cell of this format gets a quote prefix; error values (#N/A…) go back as their text,
 * which Excel turns back into the error. `value` (what `range.values` gives) tells a formula from text that
 * only starts with "=": `formulas` gives both as "=…", but the text's value is itself, a formula's its result.
 */
export function constantToWrite(v: unknown, format: string, value?: unknown): CellConstant {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  const text = String(v);
  const textNotFormula = text.startsWith("=") && value === text;
  if ((text.startsWith("=") && !textNotFormula) || ERROR_LITERALS.has(text)) return text;
  if (text.startsWith("'") || (format !== "@" && wouldBeCoerced(text))) return `'${text}`;
  return text;
}

/**
 * Queues, in the batch being built, everything a snapshot of `sheetName` needs (a results write sets the
 * widths of `columns` columns and notes in its header row). `lean`: without the cell-by-cell fills (when
 * a first read was refused as too large). Call the result after the sync.
 */
export function queueCapture(session: Session, sheetName: string, columns: number, lean = false): () => SheetCapture {
  const { api } = session;
  const ws = session.context.workbook.worksheets.getItemOrNullObject(sheetName);
  ws.load("name,position,visibility");
  const protection = ws.protection;
  protection.load("protected");
  const used = ws.getUsedRangeOrNullObject(false);
  used.load("address,rowIndex,columnIndex,rowCount,columnCount,formulas,numberFormat,values");
  const marks =
    api.cellProperties && !lean
      ? used.getCellProperties({ format: { fill: { color: true }, font: { bold: true } } })
      : null;
  const looks = Array.from({ length: columns }, (_, c) => {
    const header = ws.getCell(0, c).format;
    header.load(LOOK_LOAD);
    const L = columnLetters(c);
    // The column below the header as far as it is used: its cells further down are blank and unformatted.
    const data = ws.getRange(`${L}2:${L}${LAST_ROW}`).getUsedRangeOrNullObject(false);
    data.load("address");
    data.format.load(LOOK_LOAD);
    const width = ws.getRange(`${L}:${L}`).format;
    width.load("columnWidth");
    return { header, data, width };
  });
  const frozen = ws.freezePanes.getLocationOrNullObject();
  frozen.load("rowCount,columnCount");
  const filter = api.autoFilter ? ws.autoFilter.getRangeOrNullObject() : null;
  filter?.load("address");
  const header = headerCells(columns);
  const notes = queueNoteProbe(session, ws, header);
  const prompts = api.validation
    ? header.map((_, c) => {
        const dv = ws.getCell(0, c).dataValidation;
        dv.load("prompt");
        return dv;
      })
    : [];

  return () => {
    if (ws.isNullObject) {
      return {
        existed: false,
        protected: false,
        position: null,
        used: null,
        cells: [],
        formats: [],
        columnLooks: [],
        cellMarks: null,
        widths: [],
        freeze: { rows: 0, columns: 0 },
        autoFilter: null,
        notes: {},
        prompts: {},
      };
    }
    let usedInfo: SheetCapture["used"] = null;
    let cells: CellConstant[][] = [];
    let formats: string[][] = [];
    let cellMarks: CellMark[][] | null = null;
    if (!used.isNullObject) {
      usedInfo = {
        address: localAddress(used.address),
        top: used.rowIndex,
        left: used.columnIndex,
        rows: used.rowCount,
        cols: used.columnCount,
      };
      formats = used.numberFormat.map((row) => row.map((f) => String(f ?? "General")));
      cells = used.formulas.map((row, r) => row.map((v, c) => constantToWrite(v, formats[r][c], used.values[r]?.[c])));
      if (marks)
        cellMarks = marks.value.map((row) =>
          row.map((p) => ({
            fill: normalizeFill(p.format?.fill?.color ?? "#FFFFFF"),
            bold: p.format?.font?.bold === true,
          })),
        );
    }
    const promptCells: SheetCapture["prompts"] = {};
    prompts.forEach((dv, c) => {
      const p = dv.prompt;
      if (p && typeof p.message === "string" && p.message !== "")
        promptCells[header[c]] = { title: String(p.title ?? ""), message: p.message };
    });
    const whole = (n: number, all: number) => (n >= all ? 0 : n);
    return {
      existed: true,
      protected: protection.protected === true,
      position: ws.position,
      hidden: String(ws.visibility) !== "Visible",
      used: usedInfo,
      cells,
      formats,
      columnLooks: looks.map((l) => ({
        header: fullLook(sharedLook(l.header)),
        data: l.data.isNullObject ? null : { address: localAddress(l.data.address), look: sharedLook(l.data.format) },
      })),
      cellMarks,
      widths: looks.map((l) => (typeof l.width.columnWidth === "number" ? l.width.columnWidth : null)),
      freeze: frozen.isNullObject
        ? { rows: 0, columns: 0 }
        : { rows: whole(frozen.rowCount, LAST_ROW), columns: whole(frozen.columnCount, 16_384) },
      autoFilter: filter ? (filter.isNullObject ? null : localAddress(filter.address)) : undefined,
      notes: Object.fromEntries(notes()),
      prompts: promptCells,
    };
  };
}

/** A1 addresses of the first `columns` cells of row 1. */
function headerCells(columns: number): string[] {
  return Array.from({ length: columns }, (_, c) => a1(0, c));
}

/** What a rewrite of the captured sheet has to remove first. */
export function existingOf(c: SheetCapture): ExistingSheet {
  if (!c.existed) return NEW_SHEET;
  return {
    exists: true,
    usedAddress: c.used?.address ?? null,
    notes: Object.keys(c.notes),
    autoFilter: c.autoFilter !== null && c.autoFilter !== undefined,
    hidden: c.hidden === true,
  };
}

// ───────────────────────────── the stored form ─────────────────────────────

/** Column-major run-length encoding: a palette of distinct values and [index, count] runs. */
interface Runs<T> {
  palette: T[];
  runs: number[];
}

function encodeRuns<T>(grid: readonly (readonly T[])[], rows: number, cols: number): Runs<T> {
  const palette: T[] = [];
  const index = new Map<string, number>();
  const runs: number[] = [];
  let last = -1;
  for (let c = 0; c < cols; c++)
    for (let r = 0; r < rows; r++) {
      const v = grid[r][c];
      const key = JSON.stringify(v);
      let i = index.get(key);
      if (i === undefined) {
        i = palette.length;
        palette.push(v);
        index.set(key, i);
      }
      if (i === last) runs[runs.length - 1]++;
      else {
        runs.push(i, 1);
        last = i;
      }
    }
  return { palette, runs };
}

function decodeRuns<T>(enc: Runs<T>, rows: number, cols: number): T[][] {
  const grid: T[][] = Array.from({ length: rows }, () => new Array<T>(cols));
  let k = 0;
  for (let i = 0; i < enc.runs.length; i += 2) {
    const v = enc.palette[enc.runs[i]];
    for (let n = 0; n < enc.runs[i + 1]; n++, k++) grid[k % rows][Math.floor(k / rows)] = v;
  }
  return grid;
}

type StoredCapture = Omit<SheetCapture, "formats" | "cellMarks"> & {
  formats: Runs<string> | null;
  cellMarks: Runs<CellMark> | null;
};

/**
 * A sheet the run replaces by a new one while the old one is kept whole, renamed to `backup` and very
 * hidden, until undo renames it back (计算明细 of formulas mode: tens of thousands of formulas at 2,000
 * leaders, which no answer of Excel on the web could carry into a snapshot). Exact — fills, notes, merges
 * and all — and it costs no read. `backup` null: there was none, undo deletes the new one.
 */
export interface MovedSheet {
  sheet: string;
  backup: string | null;
  position: number | null;
  visibility: string | null;
}

interface StoredSnapshot {
  v: number;
  sheet: string;
  takenAt: string;
  capture: StoredCapture;
  /** Absent in snapshots of a plain run. */
  moved?: MovedSheet[];
}

export function encodeSnapshot(
  sheet: string,
  capture: SheetCapture,
  takenAt: string,
  moved: readonly MovedSheet[] = [],
): string {
  const u = capture.used;
  const rows = u?.rows ?? 0;
  const cols = u?.cols ?? 0;
  const stored: StoredSnapshot = {
    v: SNAPSHOT_VERSION,
    sheet,
    takenAt,
    capture: {
      ...capture,
      formats: u ? encodeRuns(capture.formats, rows, cols) : null,
      cellMarks: u && capture.cellMarks ? encodeRuns(capture.cellMarks, rows, cols) : null,
    },
    ...(moved.length > 0 ? { moved: [...moved] } : {}),
  };
  return JSON.stringify(stored);
}

export function decodeSnapshot(json: string): {
  sheet: string;
  takenAt: string;
  capture: SheetCapture;
  moved: MovedSheet[];
} {
  const s = JSON.parse(json) as StoredSnapshot;
  if (s.v !== SNAPSHOT_VERSION) throw new Error(`snapshot version ${String(s.v)}`);
  const u = s.capture.used;
  const rows = u?.rows ?? 0;
  const cols = u?.cols ?? 0;
  return {
    sheet: s.sheet,
    takenAt: s.takenAt,
    capture: {
      ...s.capture,
      formats: s.capture.formats && u ? decodeRuns(s.capture.formats, rows, cols) : [],
      cellMarks: s.capture.cellMarks && u ? decodeRuns(s.capture.cellMarks, rows, cols) : null,
    },
    moved: s.moved ?? [],
  };
}

/** Splits text into parts of at most `max` UTF-16 units, never inside a surrogate pair. */
export function splitParts(text: string, max = SNAPSHOT_PART_CHARS): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + max);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts;
}

interface SnapshotHeader {
  tag: string;
  v: number;
  parts: number;
  sheet: string;
  takenAt: string;
  existed: boolean;
}

function parseHeader(v: unknown): SnapshotHeader | null {
  if (typeof v !== "string" || v === "") return null;
  try {
    const h = JSON.parse(v) as Partial<SnapshotHeader>;
    if (h.tag !== SNAPSHOT_TAG || typeof h.parts !== "number") return null;
    return h as SnapshotHeader;
  } catch {
    return null;
  }
}

// ───────────────────────────── writing the snapshot ─────────────────────────────

/**
 * Writes the snapshot of `capture` (the state of `sheet` before the run) to the snapshot sheet, in its own
 * request(s): the sheet created very hidden (or emptied), the backups of the snapshot it replaces deleted
 * (`staleBackups`), the sheets `moved` renamed to their backups and very hidden, the parts, and last the
 * header that makes it valid.
 */
export async function writeSnapshot(
  session: Session,
  sheet: string,
  capture: SheetCapture,
  opts: {
    snapshotSheetExists: boolean;
    takenAt: string;
    moved?: readonly MovedSheet[];
    staleBackups?: readonly string[];
    /** Where the snapshot goes: 计算's sheet by default; 汇总测评票 keeps its own. */
    snapshotSheet?: string;
  },
): Promise<number> {
  const snapSheet = opts.snapshotSheet ?? SNAPSHOT_SHEET;
  const moved = opts.moved ?? [];
  const parts = splitParts(encodeSnapshot(sheet, capture, opts.takenAt, moved));
  const header: SnapshotHeader = {
    tag: SNAPSHOT_TAG,
    v: SNAPSHOT_VERSION,
    parts: parts.length,
    sheet,
    takenAt: opts.takenAt,
    existed: capture.existed,
  };
  const batch = newWriteBatch(session);
  const sheets = session.context.workbook.worksheets;
  let ws!: Excel.Worksheet;
  if (opts.snapshotSheetExists) {
    await batch.add(requestCost({ paths: 3, actions: 1, args: jsonBytes(snapSheet) }), () => {
      ws = sheets.getItem(snapSheet);
      ws.getRange().clear("All");
    });
  } else {
    await batch.add(requestCost({ paths: 2, actions: 1, args: jsonBytes(snapSheet) }), () => {
      ws = sheets.add(snapSheet);
      ws.visibility = "VeryHidden";
    });
  }
  for (const name of opts.staleBackups ?? []) await queueDeleteHidden(batch, sheets, name);
  for (const m of moved) {
    const backup = m.backup;
    if (backup === null) continue;
    await batch.add(requestCost({ paths: 2, actions: 2, args: jsonBytes(m.sheet) + jsonBytes(backup) }), () => {
      const old = sheets.getItem(m.sheet);
      old.name = backup;
      old.visibility = "VeryHidden";
    });
  }
  const n = parts.length + 1;
  await queueMatrix(
    batch,
    ws,
    0,
    0,
    Array.from({ length: n }, () => ["@"]),
    "numberFormat",
  );
  await queueMatrix(
    batch,
    ws,
    1,
    0,
    parts.map((p) => [valueToWrite(p)]),
    "values",
  );
  const headerCell = [[JSON.stringify(header)]];
  await batch.add(requestCost({ paths: 1, actions: 1, args: jsonBytes(headerCell) }), () => {
    ws.getRange("A1").values = headerCell;
  });
  await batch.flush();
  return batch.requests;
}

/** Deletes a (very) hidden sheet of the add-in: a very hidden sheet cannot be deleted, it is made hidden first. */
async function queueDeleteHidden(
  batch: ReturnType<typeof newWriteBatch>,
  sheets: Excel.WorksheetCollection,
  name: string,
): Promise<void> {
  await batch.add(requestCost({ paths: 2, actions: 2, args: jsonBytes(name) }), () => {
    const ws = sheets.getItem(name);
    ws.visibility = "Hidden";
    ws.delete();
  });
}

/** Queues a look at the snapshot's header (计算's, or the one in `snapshotSheet`); call the result after the sync. */
export function queueSnapshotInfo(session: Session, snapshotSheet = SNAPSHOT_SHEET): () => SnapshotInfo {
  const cell = session.context.workbook.worksheets.getItemOrNullObject(snapshotSheet).getRange("A1");
  cell.load("values");
  return () => {
    const h = cell.isNullObject ? null : parseHeader(cell.values?.[0]?.[0]);
    return h
      ? { exists: true, takenAt: h.takenAt, existed: h.existed, sheet: h.sheet }
      : { exists: false, takenAt: null, existed: null, sheet: null };
  };
}

// ───────────────────────────── restoring ─────────────────────────────

export type RestoreResult =
  | { restored: true; sheet: string; takenAt: string; deleted: boolean; syncs: number }
  | { restored: false; reason: string; syncs: number };

function lookToStyle(l: Partial<CellLook>): ExcelStyle {
  const s: ExcelStyle = {};
  if (l.fill !== undefined && l.fill !== DEFAULT_LOOK.fill) s.fill = l.fill;
  if (l.bold !== undefined && l.bold !== DEFAULT_LOOK.bold) s.bold = l.bold;
  if (l.fontColor !== undefined && l.fontColor.toUpperCase() !== DEFAULT_LOOK.fontColor) s.fontColor = l.fontColor;
  if (l.horizontalAlignment !== undefined && l.horizontalAlignment !== DEFAULT_LOOK.horizontalAlignment)
    s.horizontalAlignment = l.horizontalAlignment;
  if (l.verticalAlignment !== undefined && l.verticalAlignment !== DEFAULT_LOOK.verticalAlignment)
    s.verticalAlignment = l.verticalAlignment;
  if (l.wrapText !== undefined && l.wrapText !== DEFAULT_LOOK.wrapText) s.wrapText = l.wrapText;
  return s;
}

/** Vertical runs of equal marks in each column: [column, top, bottom, mark]. */
function markRuns(cells: CellMark[][]): { col: number; top: number; bottom: number; mark: CellMark }[] {
  const out: { col: number; top: number; bottom: number; mark: CellMark }[] = [];
  const rows = cells.length;
  const cols = rows > 0 ? cells[0].length : 0;
  const same = (a: CellMark, b: CellMark) => a.fill === b.fill && a.bold === b.bold;
  for (let c = 0; c < cols; c++) {
    let start = 0;
    for (let r = 1; r <= rows; r++) {
      if (r === rows || !same(cells[r][c], cells[start][c])) {
        out.push({ col: c, top: start, bottom: r - 1, mark: cells[start][c] });
        start = r;
      }
    }
  }
  return out;
}

/**
 * Puts back the state the last run replaced and deletes the snapshot: two round trips (read, write).
 * `columns`: the number of columns whose widths a results write sets (the header cells probed for notes).
 * Sheets the run moved aside (MovedSheet) come back first — the new one deleted, the backup renamed back — so
 * that 考核结果's formulas of formulas mode, written afterwards, find 计算明细 in place.
 * `where`: another run's snapshot (汇总测评票's: 民主测评 in its own snapshot sheet) instead of 计算's.
 */
export async function restoreSnapshot(
  session: Session,
  columns: number,
  others: readonly { sheet: string; columns: number }[] = [],
  where: { sheet: string; snapshotSheet: string; nothing: string } = {
    sheet: RESULTS_SHEET,
    snapshotSheet: SNAPSHOT_SHEET,
    nothing: "没有可撤销的计算。",
  },
): Promise<RestoreResult> {
  const snapSheet = where.snapshotSheet;
  // Every sheet a snapshot may be of (考核结果, or 任期考核; 民主测评 for 汇总测评票's), looked at in the same read.
  const currents = new Map<string, () => ExistingSheet & { protected: boolean }>();
  // The snapshot is read as an input sheet is (in parts, should Excel find the answer too large).
  const read = await readBook(session, [snapSheet], () => {
    for (const o of [{ sheet: where.sheet, columns }, ...others])
      currents.set(o.sheet, queueExisting(session, o.sheet, headerCells(o.columns)));
  });
  const none = { restored: false as const, reason: where.nothing, syncs: session.syncs };
  const grid = read.grids.get(snapSheet);
  if (!grid || grid.rows.length === 0) return none;
  const column = grid.rows.map((row) => row[0] ?? "");
  const header = parseHeader(column[0]);
  if (!header) return none;
  const json = column
    .slice(1, 1 + header.parts)
    .map((v) => (typeof v === "string" ? v : String(v)))
    .join("");
  let decoded: ReturnType<typeof decodeSnapshot>;
  try {
    decoded = decodeSnapshot(json);
  } catch {
    return { restored: false, reason: "撤销信息已损坏，无法恢复。", syncs: session.syncs };
  }
  const { capture } = decoded;
  const sheet = decoded.sheet;
  const current = currents.get(sheet);
  if (!current) return { restored: false, reason: "撤销信息已损坏，无法恢复。", syncs: session.syncs };
  const now = current();
  if (now.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(sheet), "AccessDenied");
  const names = new Set(read.sheets.map((x) => x.name));
  const structureChange = capture.existed !== now.exists || decoded.moved.length > 0;
  if (structureChange && read.workbookProtected)
    throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");

  const batch = newWriteBatch(session);
  const sheets = session.context.workbook.worksheets;
  for (const m of decoded.moved) {
    const backup = m.backup;
    // A backup that is not there was brought back by an earlier try of this undo (or never made): the sheet
    // by the name is then the one to keep. Restoring twice stays harmless.
    const back = backup !== null && names.has(backup);
    if (names.has(m.sheet) && (backup === null || back))
      await batch.add(requestCost({ paths: 2, actions: 1, args: jsonBytes(m.sheet) }), () =>
        sheets.getItem(m.sheet).delete(),
      );
    if (backup === null || !back) continue;
    await batch.add(requestCost({ paths: 2, actions: 3, args: jsonBytes(m.sheet) + jsonBytes(backup) }), () => {
      const ws = sheets.getItem(backup);
      ws.name = m.sheet;
      ws.visibility = (m.visibility ?? "Visible") as Excel.SheetVisibility;
      if (m.position !== null) ws.position = m.position;
    });
  }
  let deleted = false;
  if (!capture.existed) {
    if (now.exists) {
      await batch.add(requestCost({ paths: 2, actions: 1, args: jsonBytes(sheet) }), () =>
        sheets.getItem(sheet).delete(),
      );
      deleted = true;
    }
  } else {
    // Recreated (the user deleted it meanwhile) at its old tab position, or last if there are fewer tabs now.
    const position = capture.position === null ? undefined : Math.min(capture.position, read.sheets.length);
    const ws = await prepareSheet(batch, session, sheet, now, position);
    await queueCaptured(batch, session, ws, capture, now.exists && now.hidden);
  }
  // Last, so that a failure before it leaves the snapshot for another try (restoring twice is harmless).
  if (read.workbookProtected)
    await batch.add(requestCost({ paths: 3, actions: 1, args: jsonBytes(snapSheet) }), () =>
      sheets.getItem(snapSheet).getRange().clear("All"),
    );
  else await queueDeleteHidden(batch, sheets, snapSheet);
  await batch.flush();
  return { restored: true, sheet, takenAt: decoded.takenAt, deleted, syncs: session.syncs };
}

/** Queues the captured state onto `ws` (prepared by prepareSheet): cells, looks, widths, panes, filter, notes. */
export async function queueCaptured(
  batch: ReturnType<typeof newWriteBatch>,
  session: Session,
  ws: Excel.Worksheet,
  c: SheetCapture,
  hidden: boolean,
): Promise<void> {
  const u = c.used;
  if (u) {
    await queueMatrix(batch, ws, u.top, u.left, c.formats, "numberFormat");
    await queueMatrix(batch, ws, u.top, u.left, c.cells, "formulas");
  }
  const perCell = c.cellMarks !== null;
  const withoutMarks = (l: Partial<CellLook>) => (perCell ? { ...l, fill: undefined, bold: undefined } : l);
  for (let col = 0; col < c.columnLooks.length; col++) {
    const { header, data } = c.columnLooks[col];
    const h = lookToStyle(withoutMarks(header));
    if (Object.keys(h).length > 0) await queueStyle(batch, ws, { top: 0, bottom: 0, left: col, right: col }, h);
    const d = data ? lookToStyle(withoutMarks(data.look)) : {};
    if (data && Object.keys(d).length > 0) {
      const address = data.address;
      await batch.add(styleCost(d, jsonBytes(address)), () => applyStyle(ws.getRange(address).format, d));
    }
  }
  if (u && c.cellMarks) {
    for (const run of markRuns(c.cellMarks)) {
      const style = lookToStyle(run.mark);
      if (Object.keys(style).length === 0) continue;
      await queueStyle(
        batch,
        ws,
        { top: u.top + run.top, bottom: u.top + run.bottom, left: u.left + run.col, right: u.left + run.col },
        style,
      );
    }
  }
  await queueWidths(batch, ws, c.widths);
  await queueFreeze(batch, ws, c.freeze, hidden);
  if (c.autoFilter && session.api.autoFilter) {
    const address = c.autoFilter;
    await batch.add(requestCost({ paths: 2, actions: 1, args: jsonBytes(address) }), () =>
      ws.autoFilter.apply(ws.getRange(address)),
    );
  }
  const prompts = { ...c.prompts };
  for (const [cell, text] of Object.entries(c.notes)) {
    if (session.api.notes) await queueNote(batch, ws, cell, text);
    // Taken where notes exist, restored where they do not: the text survives as an input message.
    else prompts[cell] ??= { title: "说明", message: text };
  }
  if (session.api.validation)
    for (const [cell, p] of Object.entries(prompts)) await queuePrompt(batch, ws, cell, p.title, p.message);
}
