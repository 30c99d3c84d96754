/**
 * The ballots of docs/method.md §11 in Excel — loaded on first use (addin.ts), as the pane's entry has a size budget:
 *
 * - 汇总测评票 (`tallyVotes`): 考核对象, the ballot sheets and 考核方法 read in one request with what a rewrite of
 *   民主测评 replaces; app/tally.ts `tallyBook` (the CLI's `tally`) gives the layout, or the errors — then nothing is
 *   written; the snapshot of 民主测评 goes to its own very hidden sheet (so that 计算's undo and this one do not
 *   meet); then 民主测评 is written as a whole. Three round trips, as 计算.
 * - 撤销上次汇总 (`undoTally`): 民主测评 as it was before the last tally (or deleted when there was none); two.
 * - 生成测评票 (`blankBallots`): the printable 测评票（空白） of the CLI's `ballots` (workbook/ballotLayout.ts), with its
 *   page setup and a page break before each unit where ExcelApi 1.9 allows. An existing sheet of that name is not
 *   replaced without `replace: true` (no undo: it is a form to print, made again from 考核对象 at any time). Two.
 */
import { resolveMethod } from "../app/score";
import { tallyBook } from "../app/tally";
import type { TallyResult } from "../engine/ballots/tally";
import type { MethodIssue } from "../method/schema";
import type { Method } from "../method/types";
import { blankBallotsLayout, printedItems } from "../workbook/ballotLayout";
import type { Diagnostic } from "../workbook/diagnostic";
import { SHEETS } from "../workbook/input";
import { METHOD_SHEET } from "../workbook/methodSheet";
import { type ColumnMappingRow, ballotColumnsLayout } from "../workbook/ballotColumnsLayout";
import { ballotItems } from "../workbook/ballotInput";
import { type Grid, type GridBook, sheetsByName } from "../workbook/grid";
import { valueKey } from "../workbook/keys";
import { readLeadersOnly } from "../workbook/read/ballotBook";
import { type ColumnMapping, readBallotColumns } from "../workbook/read/ballotColumns";
import { type BallotHeaderColumn, ballotHeaderColumns } from "../workbook/read/ballots";
import { type LeaderIndex, emptyIndex, readLeadersSheet } from "../workbook/read/leaders";
import { Diagnostics } from "../workbook/table";
import { KaopingExcelError, MESSAGES } from "./errors";
import { type Column, list, tableSheet } from "./template";
import {
  BALLOT_SHEETS,
  type SheetWrite,
  TALLY_SNAPSHOT_SHEET,
  newWriteBatch,
  queueExisting,
  queueSheetLayout,
  readBook,
} from "./gateway";
import { type Session, requestCost } from "./session";
import { type RestoreResult, existingOf, queueCapture, restoreSnapshot, writeSnapshot } from "./snapshot";

export const VOTES_SHEET: string = SHEETS.votes;
export const BLANK_BALLOTS_SHEET: string = SHEETS.blankBallots;

/**
 * Columns of 民主测评 whose looks and widths the snapshot keeps: the tally writes 姓名, 单位, 测评人类别, 维度, one
 * column per category, 弃权 and sometimes 工号 — 16 leaves room for a method with many categories.
 */
const VOTES_COLUMNS = 16;

export interface TallyOptions {
  /** A method document to use instead of the 考核方法 sheet (as calculate() takes it). */
  method?: unknown;
}

export type TallyVotesResult =
  | {
      ok: true;
      /** Counts, the invalid ballots and the void units with their reasons, the 票号 behind each count. */
      tally: TallyResult;
      method: Method;
      /** Rows of 民主测评 written (the header not counted). */
      rows: number;
      /** Each invalid ballot and void unit at its cell, and the readers' warnings. */
      warnings: Diagnostic[];
      /** 民主测评 existed and was replaced (its earlier state is in the snapshot). */
      replaced: boolean;
      syncs: number;
    }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[]; syncs: number }
  | { ok: false; kind: "method"; errors: MethodIssue[]; syncs: number };

export async function tallyVotes(s: Session, opts: TallyOptions, now: () => Date): Promise<TallyVotesResult> {
  let capture!: ReturnType<typeof queueCapture>;
  const read = await readBook(s, [SHEETS.leaders, ...BALLOT_SHEETS, METHOD_SHEET], (lean) => {
    capture = queueCapture(s, VOTES_SHEET, VOTES_COLUMNS, lean);
  });
  const outcome = tallyBook({ book: read.book, method: opts.method });
  if (!outcome.ok) return { ...outcome, syncs: s.syncs };

  const before = capture();
  if (before.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(VOTES_SHEET), "AccessDenied");
  const snapshotExists = read.sheets.some((x) => x.name === TALLY_SNAPSHOT_SHEET);
  if (read.workbookProtected && (!before.existed || !snapshotExists))
    throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");

  await writeSnapshot(s, VOTES_SHEET, before, {
    snapshotSheetExists: snapshotExists,
    takenAt: now().toISOString(),
    snapshotSheet: TALLY_SNAPSHOT_SHEET,
  });
  const batch = newWriteBatch(s);
  await queueSheetLayout(batch, s, { layout: outcome.layout }, existingOf(before), {
    activate: before.hidden !== true,
  });
  await batch.flush();
  return {
    ok: true,
    tally: outcome.tally,
    method: outcome.method,
    rows: outcome.tally.votes.length,
    warnings: outcome.warnings,
    replaced: before.existed,
    syncs: s.syncs,
  };
}

export function undoTally(s: Session): Promise<RestoreResult> {
  return restoreSnapshot(s, VOTES_COLUMNS, [], {
    sheet: VOTES_SHEET,
    snapshotSheet: TALLY_SNAPSHOT_SHEET,
    nothing: "没有可撤销的汇总。",
  });
}

export interface BlankBallotsOptions {
  /** Replace an existing 测评票（空白）. */
  replace?: boolean;
  /** Print the overall item (综合评价) even when the method does not use it (the CLI's --overall). */
  overall?: boolean;
  method?: unknown;
}

export type BlankBallotsResult =
  | {
      ok: true;
      sheet: string;
      /** Each unit's ballot: its leaders and its rows (0-based). */
      units: { unit: string; leaders: number; firstRow: number; lastRow: number }[];
      /** The page setup (A4 portrait, one page wide, a page per unit) was applied (ExcelApi 1.9). */
      print: boolean;
      replaced: boolean;
      warnings: Diagnostic[];
      syncs: number;
    }
  | { ok: false; kind: "confirmReplace"; sheet: string; syncs: number }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[]; syncs: number }
  | { ok: false; kind: "method"; errors: MethodIssue[]; syncs: number };

export async function blankBallots(s: Session, opts: BlankBallotsOptions): Promise<BlankBallotsResult> {
  let existing!: ReturnType<typeof queueExisting>;
  const read = await readBook(s, [SHEETS.leaders, METHOD_SHEET], () => {
    existing = queueExisting(s, BLANK_BALLOTS_SHEET, []);
  });
  const source = resolveMethod(read.book, opts.method);
  if (!source.ok) return { ...source, syncs: s.syncs };
  const leaders = readLeadersOnly(read.book, source.method);
  if (leaders.errors.length > 0)
    return { ok: false, kind: "workbook", errors: leaders.errors, warnings: leaders.warnings, syncs: s.syncs };
  const now = existing();
  if (now.exists && !opts.replace)
    return { ok: false, kind: "confirmReplace", sheet: BLANK_BALLOTS_SHEET, syncs: s.syncs };
  if (now.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(BLANK_BALLOTS_SHEET), "AccessDenied");
  if (!now.exists && read.workbookProtected) throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");

  const ballots = blankBallotsLayout(leaders.leaders, source.method, { overall: opts.overall });
  const { layout } = ballots;
  const batch = newWriteBatch(s);
  // The replaced sheet's page breaks would cut the new ballots where the old ones ended.
  if (now.exists && s.api.pageLayout)
    await batch.add(requestCost({ paths: 3, actions: 1, args: 0 }), () =>
      s.context.workbook.worksheets.getItem(BLANK_BALLOTS_SHEET).horizontalPageBreaks.removePageBreaks(),
    );
  const written = await queueSheetLayout(batch, s, { layout, merges: layout.merges }, now, { activate: true });
  await batch.flush();
  return {
    ok: true,
    sheet: layout.sheet,
    units: ballots.units,
    print: written.print,
    replaced: now.exists,
    warnings: leaders.warnings,
    syncs: s.syncs,
  };
}

// ───────────────────────────── 测评票列对应 ─────────────────────────────

export interface BallotColumnsEditor {
  ok: true;
  /** 测评票 as read: long form (nothing to map), wide (the columns), or neither. */
  form: "long" | "wide" | "none" | "absent";
  columns: BallotHeaderColumn[];
  /** Who a column can be: the leaders of 考核对象, in order. */
  leaders: { index: number; name: string; unit: string }[];
  /** What a column can be: the method's dimensions and the overall item. */
  items: string[];
  /** Errors and warnings of the 测评票列对应 sheet as it stands. */
  mappingProblems: Diagnostic[];
  syncs: number;
}

export type BallotColumnsRead =
  | BallotColumnsEditor
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[]; syncs: number }
  | { ok: false; kind: "method"; errors: MethodIssue[]; syncs: number };

const COLUMN_SHEETS = [SHEETS.leaders, SHEETS.ballots, SHEETS.ballotColumns, METHOD_SHEET];

interface ColumnsContext {
  method: Method;
  leaders: LeaderIndex;
  ballots: Grid | undefined;
  mappingGrid: Grid | undefined;
  mapping: ColumnMapping | null;
  problems: Diagnostic[];
}

function columnsContext(
  book: GridBook,
  explicit: unknown,
): { ok: true; c: ColumnsContext } | Exclude<BallotColumnsRead, { ok: true }> {
  const source = resolveMethod(book, explicit);
  if (!source.ok) return { ...source, syncs: 0 };
  const byName = sheetsByName(book);
  const diag = new Diagnostics();
  const leadersGrid = byName.get(SHEETS.leaders);
  if (!leadersGrid) diag.error(SHEETS.leaders, "missingSheet", `缺少工作表「${SHEETS.leaders}」`);
  const leaders = leadersGrid ? readLeadersSheet(leadersGrid, source.method, diag).index : emptyIndex();
  if (diag.errors.length > 0)
    return { ok: false, kind: "workbook", errors: diag.errors, warnings: diag.warnings, syncs: 0 };
  const mappingGrid = byName.get(SHEETS.ballotColumns);
  const mdiag = new Diagnostics();
  const mapping = mappingGrid ? readBallotColumns(mappingGrid, source.method, leaders, mdiag).mapping : null;
  return {
    ok: true,
    c: {
      method: source.method,
      leaders,
      ballots: byName.get(SHEETS.ballots),
      mappingGrid,
      mapping,
      problems: [...mdiag.errors, ...mdiag.warnings],
    },
  };
}

export async function readColumnsEditor(s: Session, opts: { method?: unknown } = {}): Promise<BallotColumnsRead> {
  const read = await readBook(s, COLUMN_SHEETS);
  const got = columnsContext(read.book, opts.method);
  if (!got.ok) return { ...got, syncs: s.syncs };
  const { c } = got;
  const view = c.ballots
    ? ballotHeaderColumns(c.ballots, c.method, c.mapping)
    : { form: "absent" as const, columns: [] };
  return {
    ok: true,
    form: view.form,
    columns: view.columns,
    leaders: c.leaders.leaders.map((l) => ({ index: l.index, name: l.name, unit: l.unit })),
    items: ballotItems(c.method).map((it) => it.name),
    mappingProblems: c.problems,
    syncs: s.syncs,
  };
}

export interface SaveColumnsOptions {
  /** The columns the editor showed, by 列标题: their rows of 测评票列对应 are replaced by `rows`. */
  shown: readonly string[];
  /** One per column mapped (a column left out is not a ballot item). */
  rows: readonly ColumnMappingRow[];
  method?: unknown;
}

export type SaveColumnsResult =
  | { ok: true; sheet: string; rows: number; syncs: number }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[]; syncs: number }
  | { ok: false; kind: "method"; errors: MethodIssue[]; syncs: number };

/**
 * Rewrites 测评票列对应: the rows given, and the sheet's earlier rows for headers the editor did not show (those of
 * 测评票（复核）, say). Checked as the reader checks it before anything is written. Two round trips.
 */
export async function saveColumns(s: Session, opts: SaveColumnsOptions): Promise<SaveColumnsResult> {
  let existing!: ReturnType<typeof queueExisting>;
  const read = await readBook(s, COLUMN_SHEETS, () => {
    existing = queueExisting(s, SHEETS.ballotColumns, ["A1"]);
  });
  const got = columnsContext(read.book, opts.method);
  if (!got.ok) return { ...got, syncs: s.syncs };
  const { c } = got;
  const shown = new Set(opts.shown.map((h) => valueKey(h)));
  const kept: ColumnMappingRow[] = c.mapping
    ? [...c.mapping.byHeader.values()]
        .filter((m) => !shown.has(valueKey(m.header)))
        .map((m) => ({ header: m.header, name: m.name, unit: m.leader?.unit ?? "", item: m.item.name }))
    : [];
  const layout = ballotColumnsLayout([...kept, ...opts.rows]);
  const diag = new Diagnostics();
  readBallotColumns({ name: layout.sheet, rows: layout.values }, c.method, c.leaders, diag);
  if (diag.errors.length > 0)
    return { ok: false, kind: "workbook", errors: diag.errors, warnings: diag.warnings, syncs: s.syncs };
  const now = existing();
  if (now.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(SHEETS.ballotColumns), "AccessDenied");
  if (!now.exists && read.workbookProtected) throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");
  const batch = newWriteBatch(s);
  await queueSheetLayout(batch, s, { layout }, now);
  await batch.flush();
  return { ok: true, sheet: layout.sheet, rows: layout.values.length - 1, syncs: s.syncs };
}

// ───────────────────────────── the 测评票 sheet of 新建测评票录入表 ─────────────────────────────

/**
 * 测评票 in the long form of docs/method.md §11.1, for typing paper ballots: a row per leader per ballot, 票号, 单位,
 * 测评人类别 and 姓名, then a column per item — the method's dimensions, and 综合评价 where the printed ballot has it
 * (workbook/ballotLayout.ts `printedItems`) — each from a drop-down of the category words and 弃权. Both lists
 * warn rather than refuse: the reader takes aliases too (好, 较好; 集团领导), and an empty cell is 弃权.
 */
export function ballotsSheet(method: Method): SheetWrite {
  const groups = method.democratic.groups.map((g) => g.name);
  const cats = method.democratic.categories.map((c) => c.name);
  const marks = [...cats, "弃权"];
  const aliasText = method.democratic.groups
    .filter((g) => g.aliases.length > 0)
    .map((g) => `${g.aliases.join("、")}→${g.name}`)
    .join("；");
  const item = (name: string, overall: boolean): Column => ({
    header: name,
    width: 9,
    note: overall
      ? `对此人的综合评价：${marks.join("、")}，不填视为弃权。`
      : `此人“${name}”一项的评价：${marks.join("、")}，不填视为弃权。`,
    validation: list(marks, "Warning", name, `建议从下拉列表中选择：${marks.join("、")}；不填视为弃权。`),
  });
  return tableSheet(
    SHEETS.ballots,
    [
      {
        header: "票号",
        width: 8,
        note: "测评票的编号（必填）。同一张票上的每名考核对象各占一行，票号相同；同一单位的不同测评票，票号不能相同。",
      },
      { header: "单位", width: 20, note: "这张票测评的单位，须与考核对象表中的单位名称一致。" },
      {
        header: "测评人类别",
        width: 12,
        note: `填票人的类别：${groups.join("、")}。同一张票的各行应一致。${aliasText ? `也接受：${aliasText}。` : ""}`,
        validation: list(groups, "Warning", "测评人类别", `建议从下拉列表中选择：${groups.join("、")}。`),
      },
      { header: "姓名", width: 10, note: "票上被测评的考核对象，须与考核对象表一致（同名时可加一列“工号”）。" },
      ...printedItems(method, false).map((it) => item(it.name, it.overall)),
    ],
    4,
  );
}
