/**
 * The sheets of docs/method.md §11 together: 测评票, its double entry 测评票（复核）, the column mapping 测评票列对应
 * and 测评组织. Read by readWorkbook (so that `score` can tally in memory) and, with 考核对象 alone, by the tally.
 */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import type { BallotInput } from "../ballotInput";
import type { Diagnostic } from "../diagnostic";
import { sortDiagnostics } from "../diagnostic";
import { type Grid, type GridBook, sheetsByName } from "../grid";
import type { Leader, SheetMap, StandardSheet } from "../input";
import { SHEETS } from "../input";
import { Diagnostics } from "../table";
import { readBallotColumns, reportUnusedMappings } from "./ballotColumns";
import { readBallotSheet } from "./ballots";
import { compareDoubleEntry } from "./doubleEntry";
import { emptyIndex, type LeaderIndex, readLeadersSheet } from "./leaders";
import { readTurnout } from "./turnout";

/** The ballots of the workbook, or null when it has no 测评票 sheet. */
export function readBallotSheets(
  byName: ReadonlyMap<string, Grid>,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
  sheets: Partial<Record<StandardSheet, SheetMap>>,
): BallotInput | null {
  const primaryGrid = byName.get(SHEETS.ballots);
  const reviewGrid = byName.get(SHEETS.ballotsReview);
  if (!primaryGrid) {
    for (const name of [SHEETS.ballotsReview, SHEETS.turnout, SHEETS.ballotColumns]) {
      // At the sheet's A1: a bare sheet name is for a sheet that is missing (docs/design.md §4).
      const g = byName.get(name);
      if (g)
        diag.warning(
          cellAddress(g.name, 0, 0),
          "noBallots",
          `工作簿中没有「${SHEETS.ballots}」表，「${name}」表不起作用`,
        );
    }
    return null;
  }
  const mappingGrid = byName.get(SHEETS.ballotColumns);
  const mapping = mappingGrid ? readBallotColumns(mappingGrid, method, leaders, diag) : null;
  if (mapping?.map) sheets[SHEETS.ballotColumns] = mapping.map;

  const errorsBefore = diag.errors.length;
  const primary = readBallotSheet(primaryGrid, method, leaders, mapping?.mapping ?? null, diag);
  if (primary.map) sheets[SHEETS.ballots] = primary.map;
  const review = reviewGrid ? readBallotSheet(reviewGrid, method, leaders, mapping?.mapping ?? null, diag) : null;
  if (review?.map) sheets[SHEETS.ballotsReview] = review.map;
  if (mapping?.mapping) {
    reportUnusedMappings(mapping.mapping, reviewGrid ? [SHEETS.ballots, SHEETS.ballotsReview] : [SHEETS.ballots], diag);
  }
  // The two entries are compared once each reads without errors: a difference then is a typing difference.
  if (primary.sheet && review?.sheet && diag.errors.length === errorsBefore) {
    compareDoubleEntry(primary.sheet, review.sheet, leaders.leaders, method, diag);
  }

  const turnoutGrid = byName.get(SHEETS.turnout);
  const turnout = turnoutGrid ? readTurnout(turnoutGrid, method, leaders, diag) : null;
  if (turnout?.map) sheets[SHEETS.turnout] = turnout.map;

  return {
    primary: primary.sheet ?? { sheet: primaryGrid.name, form: "long", ballots: [] },
    review: review?.sheet ?? null,
    turnout: turnout?.turnout ?? null,
  };
}

export interface BallotBookRead {
  leaders: Leader[];
  ballots: BallotInput | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/**
 * What the tally needs, and only that: 考核对象 and the ballot sheets (an error in 经营业绩 does not stop a tally).
 * `leaderDiagnostics: false` leaves out those of 考核对象, when the run reports them already (scoring).
 */
export function readBallotBook(
  book: GridBook,
  method: Method,
  opts: { leaderDiagnostics?: boolean } = {},
): BallotBookRead {
  const diag = new Diagnostics();
  const byName = sheetsByName(book);
  const leadersGrid = byName.get(SHEETS.leaders);
  let leaders = emptyIndex();
  const leaderDiag = opts.leaderDiagnostics === false ? new Diagnostics() : diag;
  if (leadersGrid) leaders = readLeadersSheet(leadersGrid, method, leaderDiag).index;
  else leaderDiag.error(SHEETS.leaders, "missingSheet", `缺少工作表「${SHEETS.leaders}」`);
  if (!byName.has(SHEETS.ballots)) diag.error(SHEETS.ballots, "missingSheet", `缺少工作表「${SHEETS.ballots}」`);
  const ballots = readBallotSheets(byName, method, leaders, diag, {});
  const order = book.map((g) => g.name);
  return {
    leaders: leaders.leaders,
    ballots,
    errors: sortDiagnostics(diag.errors, order),
    warnings: sortDiagnostics(diag.warnings, order),
  };
}

/** 考核对象 alone (the printable ballots need nothing else), with its diagnostics. */
export function readLeadersOnly(
  book: GridBook,
  method: Method,
): { leaders: Leader[]; errors: Diagnostic[]; warnings: Diagnostic[] } {
  const diag = new Diagnostics();
  const grid = sheetsByName(book).get(SHEETS.leaders);
  const leaders = grid ? readLeadersSheet(grid, method, diag).index.leaders : [];
  if (!grid) diag.error(SHEETS.leaders, "missingSheet", `缺少工作表「${SHEETS.leaders}」`);
  const order = book.map((g) => g.name);
  return { leaders, errors: sortDiagnostics(diag.errors, order), warnings: sortDiagnostics(diag.warnings, order) };
}
