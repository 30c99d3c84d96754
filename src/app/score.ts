import { assess } from "../engine";
import type { TallyResult } from "../engine/ballots/tally";
import type { Assessment } from "../engine/types";
import { isIsoDate, loadMethod, type MethodIssue } from "../method/schema";
import type { Method } from "../method/types";
import type { Diagnostic } from "../workbook/diagnostic";
import type { GridBook } from "../workbook/grid";
import type { AssessmentInput } from "../workbook/input";
import { METHOD_SHEET, readMethodSheet } from "../workbook/methodSheet";
import { readWorkbook } from "../workbook/read";
import { uncachedFormulaErrors } from "../workbook/uncached";

/**
 * The whole run, shared by the add-in and the command line: Grids in, an Assessment or the reasons why not
 * out. Pure; the shells supply the Grids, the method document and today's date.
 */
export interface ScoreRequest {
  book: GridBook;
  /** A method document given explicitly (the CLI's --method, parsed JSON): wins over the 考核方法 sheet. */
  method?: unknown;
  /** YYYY-MM-DD, e.g. the CLI's --reference-date: wins over the method's referenceDate. */
  referenceDate?: string;
  /** YYYY-MM-DD, the day of the run. */
  today: string;
  /**
   * The ballots of docs/method.md §11 (app/ballots.ts `ballotSupport`): with it, a workbook's 测评票 is tallied on
   * every run. A parameter rather than an import, so that a shell loads the ballot code only where it uses it (the
   * pane's entry stays within its size budget; the command line passes it).
   */
  ballots?: BallotSupport;
}

/** What scoring needs of the ballots: applied after reading, before the engine. */
export interface BallotSupport {
  apply(
    book: GridBook,
    input: AssessmentInput,
    method: Method,
    readWarnings: Diagnostic[],
  ):
    | { ok: true; input: AssessmentInput; warnings: Diagnostic[]; tally?: TallyResult }
    | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[] };
}

export type ScoreOutcome =
  | {
      ok: true;
      assessment: Assessment;
      method: Method;
      input: AssessmentInput;
      warnings: Diagnostic[];
      /** The tally of 测评票 when the workbook has it (docs/method.md §11.3): the 票号 behind each count, for 为什么. */
      tally?: TallyResult;
    }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[] }
  | { ok: false; kind: "method"; errors: MethodIssue[] };

export type MethodSource =
  { ok: true; method: Method; from: "document" | "sheet" | "defaults" } | Exclude<ScoreOutcome, { ok: true }>;

/** The method for a run: an explicit document, else the workbook's 考核方法 sheet, else the defaults. */
export function resolveMethod(book: GridBook, explicit: unknown): MethodSource {
  if (explicit !== undefined) {
    const r = loadMethod(explicit);
    return r.ok ? { ok: true, method: r.method, from: "document" } : { ok: false, kind: "method", errors: r.errors };
  }
  const sheet = book.find((g) => g.name.trim() === METHOD_SHEET);
  if (sheet) {
    const r = readMethodSheet(sheet);
    return r.ok
      ? { ok: true, method: r.method, from: "sheet" }
      : { ok: false, kind: "workbook", errors: r.errors, warnings: [] };
  }
  const r = loadMethod({});
  if (!r.ok) throw new Error("the default method does not validate");
  return { ok: true, method: r.method, from: "defaults" };
}

export function scoreBook(req: ScoreRequest): ScoreOutcome {
  if (req.referenceDate !== undefined && !isIsoDate(req.referenceDate)) {
    return {
      ok: false,
      kind: "method",
      errors: [{ path: "referenceDate", message: "基准日应为 YYYY-MM-DD 格式的有效日期" }],
    };
  }
  const uncached = uncachedFormulaErrors(req.book);
  if (uncached.length > 0) return { ok: false, kind: "workbook", errors: uncached, warnings: [] };
  const source = resolveMethod(req.book, req.method);
  if (!source.ok) return source;
  const { method } = source;
  const read = readWorkbook(req.book, method, { votesFromBallots: req.ballots !== undefined });
  if (read.errors.length > 0) return { ok: false, kind: "workbook", errors: read.errors, warnings: read.warnings };
  const withBallots = req.ballots
    ? req.ballots.apply(req.book, read.input, method, read.warnings)
    : ({ ok: true, input: read.input, warnings: read.warnings } as const);
  if (!withBallots.ok) return withBallots;
  const { input, warnings } = withBallots;
  const tally = "tally" in withBallots ? withBallots.tally : undefined;
  const referenceDate = req.referenceDate ?? method.referenceDate ?? req.today;
  const assessment = assess(input, method, { referenceDate, warnings });
  if (assessment.errors.length > 0) {
    return { ok: false, kind: "workbook", errors: assessment.errors, warnings };
  }
  return { ok: true, assessment, method, input, warnings: assessment.warnings, ...(tally ? { tally } : {}) };
}
