/**
 * scoreBook as the add-in runs it: with the ballots of docs/method.md §11 when the workbook has 测评票, so that 计算
 * scores straight from the ballots when 民主测评 is absent (and warns when 民主测评 differs from them), as the
 * command line's `score` does. The ballot code is loaded on first use: the pane's entry stays within its budget
 * for the many workbooks without ballots.
 */
import type { BallotSupport, ScoreOutcome, ScoreRequest } from "../app/score";
import { scoreBook } from "../app/score";
import type { GridBook } from "../workbook/grid";
import { SHEETS } from "../workbook/input";

export function hasBallots(book: GridBook): boolean {
  return book.some((g) => g.name.trim() === SHEETS.ballots);
}

/** The ballot support when the workbook has 测评票, else undefined (scoring then never loads it). */
export async function ballotsFor(book: GridBook): Promise<BallotSupport | undefined> {
  if (!hasBallots(book)) return undefined;
  const { ballotSupport } = await import("../app/ballots");
  return ballotSupport;
}

export async function scoreInPane(req: Omit<ScoreRequest, "ballots">): Promise<ScoreOutcome> {
  return scoreBook({ ...req, ballots: await ballotsFor(req.book) });
}
