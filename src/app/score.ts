import { assess } from "../engine";
import { differencesFromTally, type TallyResult, tallyBallots } from "../engine/ballots/tally";
import type { Assessment } from "../engine/types";
import { isIsoDate, loadMethod, type MethodIssue } from "../method/schema";
import type { Method } from "../method/types";
import { type Diagnostic, sortDiagnostics, warning } from "../workbook/diagnostic";
import type { GridBook } from "../workbook/grid";
import { LeaderIndex } from "../workbook/identity";
import { type AssessmentInput, SHEETS } from "../workbook/input";
import { METHOD_SHEET, readMethodSheet } from "../workbook/methodSheet";
import { readWorkbook } from "../workbook/read";

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
  const source = resolveMethod(req.book, req.method);
  if (!source.ok) return source;
  const { method } = source;
  const read = readWorkbook(req.book, method);
  if (read.errors.length > 0) return { ok: false, kind: "workbook", errors: read.errors, warnings: read.warnings };
  const withBallots = applyBallots(req.book, read.input, method, read.warnings);
  if (!withBallots.ok) return withBallots;
  const { input, warnings, tally } = withBallots;
  const referenceDate = req.referenceDate ?? method.referenceDate ?? req.today;
  const assessment = assess(input, method, { referenceDate, warnings });
  if (assessment.errors.length > 0) {
    return { ok: false, kind: "workbook", errors: assessment.errors, warnings };
  }
  return { ok: true, assessment, method, input, warnings: assessment.warnings, ...(tally ? { tally } : {}) };
}

/**
 * A workbook with 测评票 (docs/method.md §11): the ballots are tallied in memory on every run. Without 民主测评 the
 * tally is the votes (`score` straight from the ballots); with it, 民主测评 is scored as it stands and a warning says
 * where it differs from the ballots. Either way a unit below the minimum turnout has its leaders' D missing, and the
 * tally's errors (ballots above 应到人数) stop the run as the reader's do.
 */
function applyBallots(
  book: GridBook,
  input: AssessmentInput,
  method: Method,
  readWarnings: Diagnostic[],
):
  | { ok: true; input: AssessmentInput; warnings: Diagnostic[]; tally?: TallyResult }
  | Extract<ScoreOutcome, { kind: "workbook" }> {
  if (!input.ballots) return { ok: true, input, warnings: readWarnings };
  const tally = tallyBallots(input.ballots, input.leaders, method);
  const order = [...input.sheetOrder, SHEETS.votes, SHEETS.turnout];
  const warnings = [...readWarnings, ...tally.warnings];
  if (tally.errors.length > 0) {
    return { ok: false, kind: "workbook", errors: tally.errors, warnings: sortDiagnostics(warnings, order) };
  }
  const hasVotesSheet = book.some((g) => g.name.trim() === SHEETS.votes);
  if (hasVotesSheet) {
    const index = new LeaderIndex(input.leaders);
    const diff = differencesFromTally(input.votes, tally.votes, (v) => index.find(v));
    if (diff.length > 0) {
      const first = diff[0];
      warnings.push(
        warning(
          first.cell || SHEETS.votes,
          "votesNotTallied",
          `民主测评表与测评票的汇总不一致（共 ${diff.length} 处，如${first.what}）：本次按民主测评表计算；请先汇总测评票`,
        ),
      );
    }
  }
  return {
    ok: true,
    input: {
      ...input,
      votes: hasVotesSheet ? input.votes : tally.votes,
      voidUnits: tally.voidUnits.map((v) => ({ unitKey: v.unitKey, reason: v.reason, cell: v.cell })),
    },
    warnings: sortDiagnostics(warnings, order),
    tally,
  };
}
