/**
 * The add-in's operations — the whole API the task pane calls. Each operation is one `Excel.run`; the pane
 * never touches Office.js itself.
 *
 * Use:
 *   await Office.onReady();
 *   const addin = createAddin(officeHost());            // the pane; tests pass the fake Excel's run instead
 *
 *   addin.supports()                    Supports (synchronous): ExcelApi version found, which extras are used
 *   await addin.inspect()               InspectResult — Status: the standard sheets found, counts of leaders,
 *                                       units, vote rows, candidates; every error and warning (each with its
 *                                       `cell`, "工作表!A1", to pass to selectCell); whether 考核结果 and an
 *                                       undo snapshot exist
 *   await addin.calculate({ today: todayIso(), referenceDate?, method? })
 *                                       CalculateResult — 计算: `ok: true` with the Assessment (for 为什么:
 *                                       explainLeader(assessment.leaders[i]) from src/engine/explainText.ts),
 *                                       the method and the warnings; or `ok: false` with `kind: "workbook"`
 *                                       (errors and warnings at their cells) or `kind: "method"` (errors by
 *                                       path) — then nothing was written. `titles`: the year and group the
 *                                       input sheets' title rows name (titleInfo), for chart titles.
 *                                       `formulas: true`: formulas mode (docs/method.md §9) — 考核结果 over
 *                                       计算明细, the command line's `--formulas` layouts; undo covers both
 *   await addin.undoLast()              RestoreResult — 撤销上次计算: `restored: false` with a Chinese
 *                                       `reason` when there is nothing to undo
 *   await addin.createTemplate({ ballots? })
 *                                       TemplateResult — 新建模板: the sheets created and those kept; with
 *                                       `ballots`, the 测评票 sheet alone (long form, drop-downs)
 *   await addin.readMethod()            MethodRead — 方法: the 考核方法 sheet as a Method, or the defaults
 *   await addin.saveMethod(doc)         SaveMethodResult: validated first (errors by path, nothing written),
 *                                       then only the 考核方法 sheet is rewritten
 *   await addin.recordDecision({ leader, grade, basis })
 *                                       RecordDecisionResult — 记录组织决定 (src/excel/decisions.ts): the row
 *                                       of 组织决定 for this leader written (the sheet created when absent, the
 *                                       leader's earlier row replaced, no other row touched); run calculate()
 *                                       afterwards so that 考核结果 shows it. `ok: false` with the cell and a
 *                                       Chinese message when the sheet's header cannot be found (nothing written)
 *   await addin.selectCell("经营业绩!C4") activates the sheet and selects the cell (a diagnostic's link; a
 *                                       bare sheet name activates the sheet)
 *   await addin.selectedLeaderRow(assessment?.leaders)
 *                                       index into `leaders` of the leader whose row of 考核结果 is
 *                                       selected (matched by 姓名 and 单位, so a sorted sheet still works;
 *                                       without `leaders`, the row's position), or null
 *   await addin.insertMeetingCharts({ today, mode: "native" | "pictures", assessment?, images?, replace? })
 *                                       MeetingChartsResult — 插入会议图表 (src/excel/charts.ts): the sheet
 *                                       会议图表 with native charts bound to 考核结果, or the pane's Chart.js
 *                                       PNGs as pictures where picturesSupported(supports()) (ExcelApi 1.9;
 *                                       below, native charts and `fallback` says why). Pass calculate()'s
 *                                       assessment to skip scoring. `ok: false` with kind "confirmReplace"
 *                                       when 会议图表 exists: ask, then call again with `replace: true` (no
 *                                       undo; `replaced` lists what went); "noResults" / "staleResults" when
 *                                       考核结果 is missing or not this assessment's: calculate first
 *   await addin.tally({ method? })       TallyVotesResult — 汇总测评票 (src/excel/ballots.ts): 测评票 tallied
 *                                       (app/tally.ts, as the CLI's `tally`) into 民主测评, replaced as a whole;
 *                                       `tally` lists the invalid ballots and void units with their reasons and
 *                                       the 票号 behind each count. `ok: false` with errors at their cells (a
 *                                       double entry that differs among them): nothing written
 *   await addin.undoTally()             RestoreResult — 撤销上次汇总: 民主测评 as before the last tally
 *   await addin.blankBallots({ replace?, overall? })
 *                                       BlankBallotsResult — 生成测评票: the printable 测评票（空白）, as the
 *                                       CLI's `ballots`; kind "confirmReplace" when the sheet exists: ask, then
 *                                       call again with `replace: true`
 *   await addin.ballotColumns()         BallotColumnsRead — the columns of a survey export on 测评票, each with
 *                                       how it reads now, the leaders and items it may be mapped to
 *   await addin.saveBallotColumns({ shown, rows })
 *                                       SaveColumnsResult — 测评票列对应 rewritten: `rows` for the columns
 *                                       `shown`, its other rows kept; checked first, nothing written on errors
 *
 * Errors: a problem with the workbook's content (bad cells, a bad method) is a result, never an exception.
 * Excel refusing (protected sheet, cell edit mode, size limits, a sheet deleted meanwhile, an Excel without
 * ExcelApi 1.7) rejects with KaopingExcelError, whose `message` is Chinese and ready to show as it is. Text
 * from the workbook (names, messages quoting cells) is data: render it with textContent.
 *
 * Round trips: inspect 1; calculate 1 (errors) or 3 (read, snapshot, results — in formulas mode too, split
 * above 4 MB: 2,000 leaders' 计算明细 holds about 20 MB of formulas); undoLast 2; createTemplate 2;
 * readMethod 1; saveMethod 2; recordDecision 2; selectCell 1; selectedLeaderRow 1; insertMeetingCharts 2 (1 when it asks to
 * confirm or finds 考核结果 missing or stale); tally 1 (errors) or 3; undoTally 2; blankBallots 2 (1 when it asks); ballotColumns 1;
 * saveBallotColumns 2.
 * More only when a write's estimate passes 4 MB (split; Excel
 * on the web refuses 5 MB; the estimate is an upper bound of what Office.js sends, see session.ts), when
 * Excel finds an answer too large (read again in parts), or when a standard sheet's name has spaces around
 * it. Each may take seconds on a large workbook: show progress.
 *
 * Requirement sets: scoring, 为什么, undo, 方法 and 新建模板 work on ExcelApi 1.7 (volume-licensed Excel 2019 and
 * everything newer); data validation (新建模板's drop-downs, header input messages) and 插入会议图表's native
 * charts need 1.8 and are skipped or refused below it. Extras when present — and when the loaded
 * office.js implements them (host.implements; a local copy of office.js can be older than Excel): AutoFilter
 * on 考核结果, cell-by-cell undo of fills and pictures (1.9), header explanations as notes (1.18; else as
 * the input message of a data validation, which Excel shows when the header cell is selected). Threaded comments
 * (1.10) are not used: they cannot be read back cell by cell in the single read request, so undo could not
 * restore them, and they carry an author and a reply thread that header explanations do not need.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read --
   Loads are queued in one function and read after Session.sync() (which wraps context.sync() to count round
   trips), often in a closure the caller runs after its sync; these rules follow only a direct context.sync()
   in the same function. */
import { assess } from "../engine";
import type { Assessment, AssessmentSummary } from "../engine/types";
import type { TallyResult } from "../engine/ballots/tally";
import { resolveMethod } from "../app/score";
import { defaultMethod } from "../method/defaults";
import { loadMethod, type MethodIssue } from "../method/schema";
import type { Method } from "../method/types";
import { a1, parseAddress } from "../workbook/address";
import type { Diagnostic } from "../workbook/diagnostic";
import type { GridBook } from "../workbook/grid";
import { SHEETS } from "../workbook/input";
import { RESULT_HEADERS, resultColumn, resultsLayout, type SheetLayout } from "../workbook/layout";
import { DETAILS_SHEET } from "../workbook/formulas/names";
import { TERM_SHEET, termLayout } from "../workbook/termLayout";
import { voteCount } from "../workbook/voteColumns";
import type { TermLeader } from "../app/term";
import { yearlyResultSheets } from "../app/termSheets";
import { METHOD_SHEET, methodToSheet, readMethodSheet } from "../workbook/methodSheet";
import { nameKey } from "../workbook/normalize";
import { readWorkbook } from "../workbook/read";
import { type TitleInfo, titleInfo } from "../workbook/titles";
import { paperTitle, resultsTitle } from "../papers/title";
import type {
  BallotColumnsRead,
  BlankBallotsOptions,
  BlankBallotsResult,
  SaveColumnsOptions,
  SaveColumnsResult,
  TallyOptions,
  TallyVotesResult,
} from "./ballots";
import type { MeetingChartsOptions, MeetingChartsResult } from "./charts";
import { MEETING_SHEET } from "./meetingSheet";
import { DECISIONS_SHEET, type RecordDecisionOptions, type RecordDecisionResult, recordDecision } from "./decisions";
import { KaopingExcelError, MESSAGES, toUserError } from "./errors";
import { jsonBytes } from "./grid";
import {
  type ExistingSheet,
  INPUT_SHEETS,
  NEW_SHEET,
  RESULTS_SHEET,
  SCORING_SHEETS,
  SNAPSHOT_SHEET,
  type WriteOutcome,
  TALLY_SNAPSHOT_SHEET,
  headerNotesVia,
  newWriteBatch,
  prepareSheet,
  queueExisting,
  queueSheetLayout,
  readBook,
  writeSheet,
} from "./gateway";
import { ballotsFor, scoreInPane } from "./scoring";
import {
  type ApiSupport,
  DEFAULT_MAX_REQUEST_BYTES,
  type ExcelRun,
  type Implements,
  type IsSetSupported,
  Session,
  detectApi,
  requestCost,
  libraryImplements,
} from "./session";
import {
  type RestoreResult,
  type SheetCapture,
  type SnapshotInfo,
  existingOf,
  queueCapture,
  queueSnapshotInfo,
  restoreSnapshot,
  writeSnapshot,
} from "./snapshot";
import { methodSheetWrite, writeTemplate } from "./template";

export type { RestoreResult, SnapshotInfo } from "./snapshot";
export type {
  BallotColumnsRead,
  BlankBallotsOptions,
  BlankBallotsResult,
  SaveColumnsOptions,
  SaveColumnsResult,
  TallyOptions,
  TallyVotesResult,
} from "./ballots";
export type { RecordDecisionOptions, RecordDecisionResult } from "./decisions";
export { DECISIONS_SHEET } from "./decisions";
export type {
  InsertedChart,
  MeetingChartsOptions,
  MeetingChartsResult,
  MeetingImage,
  MeetingSheetContents,
} from "./charts";
export { MEETING_SHEET, PICTURES_API, picturesSupported } from "./meetingSheet";
export { KaopingExcelError } from "./errors";

/**
 * How the add-in reaches Excel: `Excel.run`, `Office.context.requirements.isSetSupported` (what the Excel at
 * hand supports) and what the loaded Office.js library implements (absent: everything).
 */
export interface OfficeHost {
  run: ExcelRun;
  isSetSupported: IsSetSupported;
  implements?: Implements;
}

/** The host of the running pane, from the globals office.js (or the fake Excel of the browser test) sets. */
export function officeHost(): OfficeHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    implements: libraryImplements(typeof Excel === "undefined" ? undefined : Excel),
  };
}

/** YYYY-MM-DD of the local calendar day: the `today` of calculate(). */
export function todayIso(d: Date = new Date()): string {
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${mm}-${dd}`;
}

export interface AddinOptions {
  /** Request-size budget for writes (default 4 MB). */
  maxRequestBytes?: number;
  /** The clock, for the snapshot's time stamp. */
  now?: () => Date;
}

export interface Supports extends ApiSupport {
  /** How header explanations are written. */
  headerNotes: "notes" | "prompt" | "none";
}

export interface StandardSheetStatus {
  name: string;
  required: boolean;
  found: boolean;
}

export interface InspectResult {
  /** The standard sheets of docs/method.md §1 and 考核方法, in their standard order. */
  sheets: StandardSheetStatus[];
  /** Other sheets of the workbook (考核结果 and the add-in's own hidden sheet excluded), in tab order. */
  otherSheets: string[];
  counts: {
    leaders: number;
    units: number;
    voteRows: number;
    candidates: number | null;
    /** Rows of 个人情况 and of 组织决定; null when the workbook has no such sheet. */
    personalRows: number | null;
    decisionRows: number | null;
  };
  /**
   * The workbook scored as 计算 would score it today (nothing written), when it has no errors: pending,
   * ungraded, leaders with a circumstance that applies, decisions of 组织决定 (docs/method.md §10, §12).
   */
  summary: AssessmentSummary | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Where the method comes from; `valid` false when the 考核方法 sheet has errors (listed in `errors`). */
  method: { source: "sheet" | "defaults"; name: string; valid: boolean };
  /** `formulas`: 考核结果's scores are formulas over 计算明细 (the last run was in formulas mode). */
  results: { exists: boolean; formulas: boolean };
  snapshot: SnapshotInfo;
  /** The undo snapshot of 汇总测评票 (民主测评 before the last tally). */
  tallySnapshot: SnapshotInfo;
  supports: Supports;
  syncs: number;
}

export interface CalculateOptions {
  /** YYYY-MM-DD, the day of the run. */
  today: string;
  /** YYYY-MM-DD: the reference date for qualification screening (wins over the method's). */
  referenceDate?: string;
  /** A method document (JSON) to use instead of the 考核方法 sheet. */
  method?: unknown;
  /**
   * Formulas mode (docs/method.md §9): 考核结果's scores as live formulas over 计算明细, written too — the
   * layouts of the command line's `--formulas`. The undo snapshot then covers 计算明细 as well.
   */
  formulas?: boolean;
}

export type CalculateResult =
  | {
      ok: true;
      assessment: Assessment;
      method: Method;
      warnings: Diagnostic[];
      syncs: number;
      /** Header notes of 考核结果 as notes (1.18) or data-validation input messages. */
      notesVia: "notes" | "prompt" | "none";
      /** An AutoFilter was set (ExcelApi 1.9). */
      autoFilter: boolean;
      /** 考核结果's page setup was applied (ExcelApi 1.9): A4 landscape, one page wide, title and page numbers. */
      print: boolean;
      /** Year and group named by the input sheets' title rows (for chart titles: insertMeetingCharts' year, scope). */
      titles: TitleInfo;
      /** Written in formulas mode (考核结果 over 计算明细). */
      formulas: boolean;
      /** The tally of 测评票 behind the vote counts (为什么 shows the 票号), when the votes came from the ballots. */
      ballots?: TallyResult;
    }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[]; syncs: number }
  | { ok: false; kind: "method"; errors: MethodIssue[]; syncs: number };

export type PreviewResult =
  | {
      ok: true;
      assessment: Assessment;
      method: Method;
      warnings: Diagnostic[];
      titles: TitleInfo;
      ballots?: TallyResult;
      syncs: number;
    }
  | Exclude<CalculateResult, { ok: true }>;

export interface TermOptions {
  /** The workbook's sheet names (InspectResult's otherSheets will do): its 考核结果YYYY sheets are read. */
  sheets: readonly string[];
  /** Weight of each year, in year order (default 1 each). */
  weights?: readonly number[];
  /** Also write the sheet 任期考核 (the layout of the command line's `term --out`), undoable like 计算. */
  write?: boolean;
}

export type TermResult =
  | {
      ok: true;
      years: { year: number; weight: number; sheet: string }[];
      leaders: TermLeader[];
      written: boolean;
      syncs: number;
    }
  | { ok: false; errors: Diagnostic[]; syncs: number };

export interface TemplateOptions {
  /** The 测评票 sheet alone (long form, with drop-downs), instead of the standard sheets. */
  ballots?: boolean;
}

export type TemplateResult =
  | {
      ok: true;
      created: string[];
      kept: string[];
      notesVia: "notes" | "prompt" | "none";
      /** Drop-downs and number checks were written (ExcelApi 1.8). */
      validations: boolean;
      syncs: number;
    }
  | { ok: false; errors: Diagnostic[]; syncs: number };

export type MethodRead =
  | { ok: true; method: Method; source: "sheet" | "defaults"; syncs: number }
  | { ok: false; errors: Diagnostic[]; syncs: number };

export type SaveMethodResult =
  { ok: true; method: Method; syncs: number } | { ok: false; errors: MethodIssue[]; syncs: number };

export interface KaopingAddin {
  supports(): Supports;
  inspect(): Promise<InspectResult>;
  calculate(opts: CalculateOptions): Promise<CalculateResult>;
  /** Scores the open workbook without writing anything (for 为什么 and 图表 before or without 计算). */
  preview(opts: CalculateOptions): Promise<PreviewResult>;
  undoLast(): Promise<RestoreResult>;
  /** 新建模板; with `ballots`, the 测评票 sheet for typing paper ballots (only it, when missing). */
  createTemplate(opts?: TemplateOptions): Promise<TemplateResult>;
  readMethod(): Promise<MethodRead>;
  saveMethod(doc: unknown): Promise<SaveMethodResult>;
  /** 记录组织决定: writes the leader's row of 组织决定 (nothing else); call calculate() afterwards. */
  recordDecision(opts: RecordDecisionOptions): Promise<RecordDecisionResult>;
  selectCell(address: string): Promise<void>;
  selectedLeaderRow(leaders?: readonly { name: string; unit: string }[]): Promise<number | null>;
  insertMeetingCharts(opts: MeetingChartsOptions): Promise<MeetingChartsResult>;
  /** 汇总测评票: 测评票 tallied into 民主测评 (replaced as a whole; undoable with undoTally). */
  tally(opts?: TallyOptions): Promise<TallyVotesResult>;
  /** 撤销上次汇总: 民主测评 as it was before the last tally. */
  undoTally(): Promise<RestoreResult>;
  /** 生成测评票: the printable 测评票（空白）; asks (kind "confirmReplace") before replacing it. */
  blankBallots(opts?: BlankBallotsOptions): Promise<BlankBallotsResult>;
  /** The columns of a survey export on 测评票 and how each reads (by its header, by 测评票列对应, or not at all). */
  ballotColumns(opts?: { method?: unknown }): Promise<BallotColumnsRead>;
  /** Writes 测评票列对应 from the editor (checked first; nothing written on an error). */
  saveBallotColumns(opts: SaveColumnsOptions): Promise<SaveColumnsResult>;
  /** 任期考核 over the workbook's 考核结果YYYY sheets: one read, and with `write` the snapshot and 任期考核. */
  term(opts: TermOptions): Promise<TermResult>;
}

/** The very hidden sheet that keeps the 计算明细 a formulas run replaced, until undo or the next run. */
export const DETAILS_BACKUP = "_kaoping_details";

/**
 * Formulas mode's two sheets in one batch (split only above the request budget): 考核结果 is created (or
 * emptied) first, so that it comes before a new 计算明细 among the tabs as the command line puts them; then
 * 计算明细 is written as a new sheet (the old one was moved aside with the snapshot), where the old one was;
 * 考核结果's formulas last, when the sheet they refer to is there.
 */
async function writeWithDetails(
  s: Session,
  results: SheetLayout,
  details: SheetLayout,
  resultsBefore: ExistingSheet,
  oldDetails: { position: number; visibility: string } | null,
  activate: boolean,
): Promise<WriteOutcome> {
  const batch = newWriteBatch(s);
  await prepareSheet(batch, s, RESULTS_SHEET, resultsBefore);
  await queueSheetLayout(batch, s, { layout: details }, NEW_SHEET);
  if (oldDetails) {
    const { position, visibility } = oldDetails;
    await batch.add(requestCost({ paths: 2, actions: 2, args: jsonBytes(DETAILS_SHEET) }), () => {
      const ws = s.context.workbook.worksheets.getItem(DETAILS_SHEET);
      ws.position = position;
      if (visibility !== "Visible") ws.visibility = visibility as Excel.SheetVisibility;
    });
  }
  const prepared: ExistingSheet = { ...NEW_SHEET, exists: true, hidden: resultsBefore.hidden };
  const outcome = await queueSheetLayout(batch, s, { layout: results }, prepared, { activate });
  await batch.flush();
  return { ...outcome, requests: batch.requests };
}

/** 任期考核's columns for `years` years: 姓名, 单位, two per year, 任期得分, 缺少年度, 说明 (termLayout). */
function termColumns(years: number): number {
  return 5 + 2 * years;
}

/** Queues a look at whether a sheet (if there) is protected; call the result after the sync. */
function queueProtected(s: Session, name: string): () => boolean {
  const protection = s.context.workbook.worksheets.getItemOrNullObject(name).protection;
  protection.load("protected");
  return () => !protection.isNullObject && protection.protected === true;
}

/** Queues a look at 考核结果's first 综合得分 cell: a formula over 计算明细 means formulas mode. */
function queueFormulasProbe(s: Session): () => boolean {
  const cell = s.context.workbook.worksheets.getItemOrNullObject(RESULTS_SHEET).getCell(1, resultColumn("综合得分"));
  cell.load("formulas");
  return () => {
    if (cell.isNullObject) return false;
    const f = cell.formulas?.[0]?.[0];
    return typeof f === "string" && f.startsWith("=") && f.includes(DETAILS_SHEET);
  };
}

const REQUIRED: ReadonlySet<string> = new Set([SHEETS.leaders, SHEETS.economic, SHEETS.work, SHEETS.votes]);
const RESULT_COLUMNS = RESULT_HEADERS.length;

/**
 * The tally, when the votes scored are the ballots' (docs/method.md §11.3): tallied in memory, or a 民主测评 that
 * agrees with them. A 民主测评 that differs (votesNotTallied) was scored as it stands: its counts have no 票号.
 */
function ballotsBehind(outcome: { tally?: TallyResult; warnings: Diagnostic[] }): { ballots?: TallyResult } {
  if (!outcome.tally || outcome.warnings.some((w) => w.code === "votesNotTallied")) return {};
  return { ballots: outcome.tally };
}

function hasSheet(book: GridBook, name: string): boolean {
  return book.some((g) => g.name.trim() === name);
}

export function createAddin(host: OfficeHost, options: AddinOptions = {}): KaopingAddin {
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const now = options.now ?? (() => new Date());

  const detect = () => detectApi(host.isSetSupported, host.implements);

  function supports(): Supports {
    const api = detect();
    return { ...api, headerNotes: headerNotesVia(api) };
  }

  async function operation<T>(action: string, sheet: string | undefined, body: (s: Session) => Promise<T>): Promise<T> {
    const api = detect();
    if (!api.scoring) throw new KaopingExcelError(MESSAGES.apiNotFound(), "ApiNotFound");
    try {
      return await host.run((context) => body(new Session(context, api, maxRequestBytes)));
    } catch (e) {
      throw toUserError(e, { action, sheet });
    }
  }

  async function inspect(): Promise<InspectResult> {
    return operation("读取工作簿", undefined, async (s) => {
      let snapshot!: () => SnapshotInfo;
      let formulas!: () => boolean;
      let tallySnapshot!: () => SnapshotInfo;
      const read = await readBook(s, SCORING_SHEETS, () => {
        snapshot = queueSnapshotInfo(s);
        tallySnapshot = queueSnapshotInfo(s, TALLY_SNAPSHOT_SHEET);
        formulas = queueFormulasProbe(s);
      });
      const source = resolveMethod(read.book, undefined);
      const method = source.ok ? source.method : defaultMethod();
      const ballots = await ballotsFor(read.book);
      const r = readWorkbook(read.book, method, { votesFromBallots: ballots !== undefined });
      // With 测评票, the votes as 计算 takes them: tallied in memory when 民主测评 is absent (docs/method.md §11.3).
      const withBallots =
        ballots && source.ok && r.errors.length === 0 ? ballots.apply(read.book, r.input, method, r.warnings) : null;
      const input = withBallots && withBallots.ok ? withBallots.input : r.input;
      const readErrors = withBallots && !withBallots.ok ? withBallots.errors : r.errors;
      const readWarnings = withBallots ? withBallots.warnings : r.warnings;
      // Scored as 计算 would, so that 状态 counts what the rules decide and lists the errors only they find.
      const scored =
        source.ok && readErrors.length === 0
          ? assess(input, method, { referenceDate: method.referenceDate ?? todayIso(now()), warnings: readWarnings })
          : null;
      const errors = !source.ok
        ? source.kind === "workbook"
          ? source.errors
          : []
        : scored
          ? scored.errors
          : readErrors;
      const warnings = !source.ok ? [] : scored ? scored.warnings : readWarnings;
      const standard = [...INPUT_SHEETS];
      const names = read.sheets.map((x) => x.name);
      return {
        sheets: standard.map((name) => ({
          name,
          // 民主测评 may be tallied from 测评票 instead (docs/method.md §11.3).
          required: REQUIRED.has(name) && !(name === SHEETS.votes && ballots !== undefined),
          found: hasSheet(read.book, name),
        })),
        otherSheets: names.filter(
          (n) =>
            n !== SNAPSHOT_SHEET &&
            n !== TALLY_SNAPSHOT_SHEET &&
            n !== DETAILS_BACKUP &&
            n !== RESULTS_SHEET &&
            !standard.includes(n.trim()),
        ),
        counts: {
          leaders: r.input.leaders.length,
          units: new Set(r.input.leaders.map((l) => l.unitKey)).size,
          voteRows: voteCount(input),
          candidates: r.input.candidates ? r.input.candidates.length : null,
          personalRows: hasSheet(read.book, SHEETS.personal) ? r.input.personal.length : null,
          decisionRows: hasSheet(read.book, SHEETS.decisions) ? r.input.decisions.length : null,
        },
        summary: scored && scored.errors.length === 0 ? scored.summary : null,
        errors,
        warnings,
        method: {
          source: hasSheet(read.book, METHOD_SHEET) ? "sheet" : "defaults",
          name: method.name,
          valid: source.ok,
        },
        results: { exists: names.includes(RESULTS_SHEET), formulas: formulas() },
        snapshot: snapshot(),
        tallySnapshot: tallySnapshot(),
        supports: supports(),
        syncs: s.syncs,
      };
    });
  }

  async function calculate(opts: CalculateOptions): Promise<CalculateResult> {
    return operation("计算", undefined, async (s) => {
      let capture!: () => SheetCapture;
      let detailsProtected: () => boolean = () => false;
      const read = await readBook(s, SCORING_SHEETS, (lean) => {
        capture = queueCapture(s, RESULTS_SHEET, RESULT_COLUMNS, lean);
        if (opts.formulas) detailsProtected = queueProtected(s, DETAILS_SHEET);
      });
      const outcome = await scoreInPane({ ...opts, book: read.book });
      if (!outcome.ok) return { ...outcome, syncs: s.syncs };

      const before = capture();
      if (before.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(RESULTS_SHEET), "AccessDenied");
      if (detailsProtected()) throw new KaopingExcelError(MESSAGES.sheetProtected(DETAILS_SHEET), "AccessDenied");
      const snapshotExists = read.sheets.some((x) => x.name === SNAPSHOT_SHEET);
      // 计算明细 is replaced by a new sheet, the old one kept aside for undo (MovedSheet in snapshot.ts).
      const oldDetails = opts.formulas ? (read.sheets.find((x) => x.name === DETAILS_SHEET) ?? null) : null;
      const staleBackups = read.sheets.filter((x) => x.name === DETAILS_BACKUP).map((x) => x.name);
      if (
        read.workbookProtected &&
        (!before.existed || !snapshotExists || opts.formulas === true || staleBackups.length > 0)
      )
        throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");

      const titles = titleInfo(read.book, outcome.input);
      const title = resultsTitle(paperTitle(outcome.method.name, titles, outcome.assessment.summary.referenceDate));
      // Built before anything is written: formulas mode's code is loaded here, on first use.
      const layouts = opts.formulas
        ? (await import("../workbook/formulas")).formulaLayouts(
            { book: read.book, input: outcome.input, method: outcome.method, assessment: outcome.assessment },
            { title },
          )
        : { results: resultsLayout(outcome.assessment, { title }), details: null };

      await writeSnapshot(s, RESULTS_SHEET, before, {
        snapshotSheetExists: snapshotExists,
        takenAt: now().toISOString(),
        staleBackups,
        moved: opts.formulas
          ? [
              {
                sheet: DETAILS_SHEET,
                backup: oldDetails ? DETAILS_BACKUP : null,
                position: oldDetails ? oldDetails.position : null,
                visibility: oldDetails ? oldDetails.visibility : null,
              },
            ]
          : [],
      });
      // Show the results, unless the user hid the sheet (a hidden sheet cannot be activated).
      const shown = read.sheets.find((x) => x.name === RESULTS_SHEET)?.visibility ?? "Visible";
      const activate = shown === "Visible";
      const written = layouts.details
        ? await writeWithDetails(s, layouts.results, layouts.details, existingOf(before), oldDetails, activate)
        : await writeSheet(s, { layout: layouts.results }, existingOf(before), { activate });
      return {
        ok: true,
        assessment: outcome.assessment,
        method: outcome.method,
        warnings: outcome.warnings,
        syncs: s.syncs,
        notesVia: written.notesVia,
        autoFilter: written.autoFilter,
        print: written.print,
        titles,
        formulas: layouts.details !== null,
        ...ballotsBehind(outcome),
      };
    });
  }

  async function term(opts: TermOptions): Promise<TermResult> {
    return operation("任期考核", opts.write ? TERM_SHEET : undefined, async (s) => {
      const yearly = yearlyResultSheets(opts.sheets);
      const columns = termColumns(yearly.length);
      const captured: { term?: () => SheetCapture } = {};
      const read = await readBook(
        s,
        yearly.map((y) => y.name),
        (lean) => {
          if (opts.write) captured.term = queueCapture(s, TERM_SHEET, columns, lean);
        },
      );
      // Loaded on first use, as formulas mode is: the entry carries only what every run needs.
      const { termResults } = await import("../app/term");
      const outcome = termResults(
        yearly.map((y, i) => ({
          year: y.year,
          results: read.grids.get(y.name) ?? { name: y.name, rows: [] },
          weight: opts.weights?.[i] ?? 1,
        })),
      );
      if (!outcome.ok) return { ok: false, errors: outcome.errors, syncs: s.syncs };
      const years = outcome.years.map((y, i) => ({ ...y, sheet: yearly[i].name }));
      if (!captured.term) return { ok: true, years, leaders: outcome.leaders, written: false, syncs: s.syncs };

      const before = captured.term();
      if (before.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(TERM_SHEET), "AccessDenied");
      const snapshotExists = read.sheets.some((x) => x.name === SNAPSHOT_SHEET);
      const staleBackups = read.sheets.filter((x) => x.name === DETAILS_BACKUP).map((x) => x.name);
      if (read.workbookProtected && (!before.existed || !snapshotExists || staleBackups.length > 0))
        throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");
      await writeSnapshot(s, TERM_SHEET, before, {
        snapshotSheetExists: snapshotExists,
        takenAt: now().toISOString(),
        staleBackups,
      });
      const shown = read.sheets.find((x) => x.name === TERM_SHEET)?.visibility ?? "Visible";
      await writeSheet(s, { layout: termLayout(outcome.years, outcome.leaders) }, existingOf(before), {
        activate: shown === "Visible",
      });
      return { ok: true, years, leaders: outcome.leaders, written: true, syncs: s.syncs };
    });
  }

  async function preview(opts: CalculateOptions): Promise<PreviewResult> {
    return operation("读取工作簿", undefined, async (s) => {
      const read = await readBook(s, SCORING_SHEETS);
      const outcome = await scoreInPane({ ...opts, book: read.book });
      if (!outcome.ok) return { ...outcome, syncs: s.syncs };
      const { assessment, method, warnings } = outcome;
      const titles = titleInfo(read.book, outcome.input);
      return { ok: true, assessment, method, warnings, titles, ...ballotsBehind(outcome), syncs: s.syncs };
    });
  }

  async function undoLast(): Promise<RestoreResult> {
    return operation("撤销上次计算", RESULTS_SHEET, (s) =>
      // A snapshot of 任期考核 has as many columns as it had years; these cover 17 years.
      restoreSnapshot(s, RESULT_COLUMNS, [{ sheet: TERM_SHEET, columns: termColumns(17) }]),
    );
  }

  async function createTemplate(opts: TemplateOptions = {}): Promise<TemplateResult> {
    return operation("新建模板", undefined, async (s) => {
      const read = await readBook(s, [METHOD_SHEET]);
      const source = resolveMethod(read.book, undefined);
      if (!source.ok) return { ok: false, errors: source.kind === "workbook" ? source.errors : [], syncs: s.syncs };
      const names = read.sheets.map((x) => x.name);
      const wanted = opts.ballots ? [SHEETS.ballots] : INPUT_SHEETS;
      const missing = wanted.filter((n) => !names.some((x) => x.trim() === n));
      if (missing.length > 0 && read.workbookProtected)
        throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");
      // The 测评票 sheet comes with the ballot code, loaded on first use.
      const sheets = opts.ballots ? [(await import("./ballots")).ballotsSheet(source.method)] : undefined;
      const out = await writeTemplate(s, source.method, names, { sheets });
      return { ok: true, ...out, syncs: s.syncs };
    });
  }

  async function readMethod(): Promise<MethodRead> {
    return operation("读取考核方法", METHOD_SHEET, async (s) => {
      const read = await readBook(s, [METHOD_SHEET]);
      const sheet = read.book.find((g) => g.name.trim() === METHOD_SHEET);
      if (!sheet) return { ok: true, method: defaultMethod(), source: "defaults", syncs: s.syncs };
      const r = readMethodSheet(sheet);
      return r.ok
        ? { ok: true, method: r.method, source: "sheet", syncs: s.syncs }
        : { ok: false, errors: r.errors, syncs: s.syncs };
    });
  }

  async function saveMethod(doc: unknown): Promise<SaveMethodResult> {
    const loaded = loadMethod(doc);
    if (!loaded.ok) return { ok: false, errors: loaded.errors, syncs: 0 };
    const method = loaded.method;
    return operation("保存考核方法", METHOD_SHEET, async (s) => {
      const noteCells = Object.keys(methodToSheet(method).notes);
      let existing!: () => ReturnType<ReturnType<typeof queueExisting>>;
      const read = await readBook(s, [], () => {
        existing = queueExisting(s, METHOD_SHEET, noteCells);
      });
      const now = existing();
      if (now.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(METHOD_SHEET), "AccessDenied");
      if (!now.exists && read.workbookProtected)
        throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");
      await writeSheet(s, methodSheetWrite(method), now);
      return { ok: true, method, syncs: s.syncs };
    });
  }

  async function recordOne(opts: RecordDecisionOptions): Promise<RecordDecisionResult> {
    return operation("记录组织决定", DECISIONS_SHEET, (s) => recordDecision(s, opts));
  }

  async function selectCell(address: string): Promise<void> {
    const p = parseAddress(address);
    const sheet = p ? p.sheet : address.replace(/^'(.*)'$/, "$1");
    try {
      await operation("定位单元格", sheet, async (s) => {
        const ws = s.context.workbook.worksheets.getItem(sheet);
        ws.activate();
        if (p) ws.getRange(a1(p.row, p.col)).select();
        await s.sync();
      });
    } catch (e) {
      if (e instanceof KaopingExcelError && e.code === "ItemNotFound")
        throw new KaopingExcelError(`找不到工作表“${sheet}”，它可能已被删除或重命名。`, e.code, { cause: e });
      throw e;
    }
  }

  async function selectedLeaderRow(leaders?: readonly { name: string; unit: string }[]): Promise<number | null> {
    try {
      return await operation("读取所选行", undefined, async (s) => {
        const wb = s.context.workbook;
        // The active cell, not getSelectedRange(): that throws InvalidSelection when several areas are
        // selected (Ctrl+click), and the active cell is the one the user clicked last (ExcelApi 1.7).
        const active = wb.getActiveCell();
        active.load("rowIndex");
        const ws = active.worksheet;
        ws.load("name");
        const row = active.getEntireRow().getUsedRangeOrNullObject(true);
        row.load("values,columnIndex");
        const table = wb.worksheets.getItemOrNullObject(RESULTS_SHEET).getUsedRangeOrNullObject(true);
        table.load("rowIndex,rowCount");
        await s.sync();
        if (ws.name !== RESULTS_SHEET || table.isNullObject) return null;
        const r = active.rowIndex;
        const last = table.rowIndex + table.rowCount - 1;
        if (r < 1 || r > last) return null;
        if (!leaders) return r - 1;
        if (row.isNullObject) return null;
        const cells = row.values[0] ?? [];
        const at = (col: number) => String(cells[col - row.columnIndex] ?? "");
        const name = nameKey(at(0));
        const unit = nameKey(at(1));
        const i = leaders.findIndex((l) => nameKey(l.name) === name && nameKey(l.unit) === unit);
        return i < 0 ? null : i;
      });
    } catch (e) {
      // A chart or a picture is selected, not cells: no row is selected.
      if (e instanceof KaopingExcelError && e.code === "InvalidSelection") return null;
      throw e;
    }
  }

  async function insertCharts(opts: MeetingChartsOptions): Promise<MeetingChartsResult> {
    // Loaded on first use: the meeting sheet's layouts draw on every chart builder, which the entry should not carry.
    const api = detect();
    if (api.scoring && !api.nativeCharts) throw new KaopingExcelError(MESSAGES.chartsNeedNewerExcel(), "ApiNotFound");
    const { insertMeetingCharts } = await import("./charts");
    return operation("插入会议图表", MEETING_SHEET, (s) => insertMeetingCharts(s, opts));
  }

  async function tally(opts: TallyOptions = {}): Promise<TallyVotesResult> {
    // Loaded on first use, as the charts are: the tally and its readers stay out of the pane's entry.
    const { tallyVotes } = await import("./ballots");
    return operation("汇总测评票", SHEETS.votes, (s) => tallyVotes(s, opts, now));
  }

  async function undoTally(): Promise<RestoreResult> {
    const ballots = await import("./ballots");
    return operation("撤销上次汇总", SHEETS.votes, (s) => ballots.undoTally(s));
  }

  async function blankBallots(opts: BlankBallotsOptions = {}): Promise<BlankBallotsResult> {
    const ballots = await import("./ballots");
    return operation("生成测评票", SHEETS.blankBallots, (s) => ballots.blankBallots(s, opts));
  }

  async function ballotColumns(opts: { method?: unknown } = {}): Promise<BallotColumnsRead> {
    const ballots = await import("./ballots");
    return operation("读取测评票列标题", SHEETS.ballots, (s) => ballots.readColumnsEditor(s, opts));
  }

  async function saveBallotColumns(opts: SaveColumnsOptions): Promise<SaveColumnsResult> {
    const ballots = await import("./ballots");
    return operation("保存测评票列对应", SHEETS.ballotColumns, (s) => ballots.saveColumns(s, opts));
  }

  return {
    supports,
    inspect,
    calculate,
    preview,
    undoLast,
    createTemplate,
    readMethod,
    saveMethod,
    recordDecision: recordOne,
    selectCell,
    selectedLeaderRow,
    insertMeetingCharts: insertCharts,
    term,
    tally,
    undoTally,
    blankBallots,
    ballotColumns,
    saveBallotColumns,
  };
}
