/**
 * The tally of the ballots (docs/method.md §11), shared by the add-in (汇总测评票) and the command line (`tally`):
 * Grids in, the 民主测评 layout with the invalid ballots and void units out, or the reasons why not. Pure.
 */
import { type TallyResult, tallyBallots } from "../engine/ballots/tally";
import type { MethodIssue } from "../method/schema";
import type { Method } from "../method/types";
import { type Diagnostic, sortDiagnostics } from "../workbook/diagnostic";
import type { GridBook } from "../workbook/grid";
import type { Leader } from "../workbook/input";
import type { SheetLayout } from "../workbook/layout";
import { readBallotBook } from "../workbook/read/ballotBook";
import { uncachedFormulaErrors } from "../workbook/uncached";
import { votesLayout } from "../workbook/votesLayout";
import { resolveMethod } from "./score";

export interface TallyRequest {
  book: GridBook;
  /** A method document given explicitly (the CLI's --method): wins over the 考核方法 sheet. */
  method?: unknown;
}

export type TallyOutcome =
  | {
      ok: true;
      tally: TallyResult;
      /** 民主测评, to replace the sheet as a whole. */
      layout: SheetLayout;
      method: Method;
      leaders: Leader[];
      /** The reader's warnings and the tally's (each invalid ballot and void unit at its cell), in sheet order. */
      warnings: Diagnostic[];
    }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[] }
  | { ok: false; kind: "method"; errors: MethodIssue[] };

export function tallyBook(req: TallyRequest): TallyOutcome {
  const uncached = uncachedFormulaErrors(req.book);
  if (uncached.length > 0) return { ok: false, kind: "workbook", errors: uncached, warnings: [] };
  const source = resolveMethod(req.book, req.method);
  if (!source.ok) return source;
  const { method } = source;
  const read = readBallotBook(req.book, method);
  if (read.errors.length > 0 || read.ballots === null) {
    return { ok: false, kind: "workbook", errors: read.errors, warnings: read.warnings };
  }
  const tally = tallyBallots(read.ballots, read.leaders, method);
  const order = req.book.map((g) => g.name);
  const warnings = sortDiagnostics([...read.warnings, ...tally.warnings], order);
  if (tally.errors.length > 0) return { ok: false, kind: "workbook", errors: tally.errors, warnings };
  return {
    ok: true,
    tally,
    layout: votesLayout(tally, method, read.leaders),
    method,
    leaders: read.leaders,
    warnings,
  };
}
