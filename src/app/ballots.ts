/**
 * Scoring with 测评票 (docs/method.md §11.3), given to scoreBook as its `ballots` (see BallotSupport in score.ts):
 * the ballots are tallied in memory on every run. Without 民主测评 the tally is the votes (`score` straight from the
 * ballots); with it, 民主测评 is scored as it stands and a warning says where it differs from the ballots. Either
 * way a unit below the minimum turnout has its leaders' D missing (参评率不足), and the errors of the ballot sheets
 * and of the tally (ballots above 应到人数, a double entry that differs) stop the run as the reader's do.
 */
import { differencesFromTally, tallyBallots } from "../engine/ballots/tally";
import { sortDiagnostics, warning } from "../workbook/diagnostic";
import { LeaderIndex } from "../workbook/identity";
import { SHEETS } from "../workbook/input";
import { readBallotBook } from "../workbook/read/ballotBook";
import type { BallotSupport } from "./score";

export const ballotSupport: BallotSupport = {
  apply(book, input, method, readWarnings) {
    if (!book.some((g) => g.name.trim() === SHEETS.ballots)) return { ok: true, input, warnings: readWarnings };
    const order = [...input.sheetOrder, SHEETS.votes, SHEETS.turnout];
    const read = readBallotBook(book, method, { leaderDiagnostics: false });
    const warnings = [...readWarnings, ...read.warnings];
    if (read.errors.length > 0 || read.ballots === null) {
      return { ok: false, kind: "workbook", errors: read.errors, warnings: sortDiagnostics(warnings, order) };
    }
    const tally = tallyBallots(read.ballots, input.leaders, method);
    warnings.push(...tally.warnings);
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
  },
};
