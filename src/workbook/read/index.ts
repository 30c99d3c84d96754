/**
 * The workbook reader of docs/method.md §1: Grids in, typed AssessmentInput out, with every error and warning
 * pointing at its cell. It never stops at the first problem; `input` is best effort even with errors.
 */

import type { Method } from "../../method/types";
import type { Diagnostic } from "../diagnostic";
import { sortDiagnostics } from "../diagnostic";
import { type GridBook, sheetsByName } from "../grid";
import type { AssessmentInput, SheetMap, StandardSheet } from "../input";
import { SHEETS } from "../input";
import { readQualification } from "../qualification";
import { Diagnostics } from "../table";
import { attachVoteColumns } from "../voteColumns";
import { checkCoverage, coverageOf } from "./coverage";
import { readAdjustments } from "./adjustments";
import { readDecisions } from "./decisions";
import { readEconomics } from "./economic";
import { emptyIndex, readLeadersSheet } from "./leaders";
import { readPersonal } from "./personal";
import { readVotes } from "./votes";
import { readWork } from "./work";

export interface ReadResult {
  input: AssessmentInput;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const REQUIRED_SHEETS: readonly StandardSheet[] = [SHEETS.leaders, SHEETS.economic, SHEETS.work];
const STANDARD_ORDER: readonly StandardSheet[] = [
  SHEETS.leaders,
  SHEETS.economic,
  SHEETS.work,
  SHEETS.votes,
  SHEETS.adjustments,
  SHEETS.qualification,
  SHEETS.personal,
  SHEETS.decisions,
  SHEETS.ballots,
  SHEETS.ballotsReview,
  SHEETS.turnout,
  SHEETS.ballotColumns,
];

export interface ReadOptions {
  /**
   * The run tallies 测评票 into the votes (docs/method.md §11.3; `score` does, through app/ballots.ts): a workbook with
   * 测评票 then needs no 民主测评. The ballot sheets themselves are read there, not here.
   */
  votesFromBallots?: boolean;
}

export function readWorkbook(book: GridBook, method: Method, opts: ReadOptions = {}): ReadResult {
  const diag = new Diagnostics();
  const sheetOrder = book.map((g) => g.name);
  const byName = sheetsByName(book);
  for (const s of REQUIRED_SHEETS) {
    if (!byName.has(s)) diag.error(s, "missingSheet", `缺少工作表「${s}」`);
  }
  // 民主测评 may be tallied from 测评票 instead (docs/method.md §11.3: `score` tallies in memory when it is absent).
  if (!byName.has(SHEETS.votes) && !(opts.votesFromBallots && byName.has(SHEETS.ballots))) {
    diag.error(
      SHEETS.votes,
      "missingSheet",
      opts.votesFromBallots
        ? `缺少工作表「${SHEETS.votes}」（或可汇总为民主测评的「${SHEETS.ballots}」）`
        : `缺少工作表「${SHEETS.votes}」`,
    );
  }
  const sheets: Partial<Record<StandardSheet, SheetMap>> = {};

  const leadersGrid = byName.get(SHEETS.leaders);
  let leaders = emptyIndex();
  if (leadersGrid) {
    const read = readLeadersSheet(leadersGrid, method, diag);
    leaders = read.index;
    if (read.map) sheets[SHEETS.leaders] = read.map;
  }

  const econGrid = byName.get(SHEETS.economic);
  const economics = econGrid ? readEconomics(econGrid, method, diag) : null;
  if (economics?.map) sheets[SHEETS.economic] = economics.map;

  const workGrid = byName.get(SHEETS.work);
  const work = workGrid ? readWork(workGrid, method, diag) : null;
  if (work?.map) sheets[SHEETS.work] = work.map;

  const votesGrid = byName.get(SHEETS.votes);
  const votes = votesGrid ? readVotes(votesGrid, method, leaders, diag) : null;
  if (votes?.map) sheets[SHEETS.votes] = votes.map;

  const adjGrid = byName.get(SHEETS.adjustments);
  const adjustments = adjGrid ? readAdjustments(adjGrid, leaders, diag) : null;
  if (adjustments?.map) sheets[SHEETS.adjustments] = adjustments.map;

  const qualGrid = byName.get(SHEETS.qualification);
  const qualification = qualGrid ? readQualification(qualGrid, diag) : null;
  if (qualification?.map) sheets[SHEETS.qualification] = qualification.map;

  const personalGrid = byName.get(SHEETS.personal);
  const personal = personalGrid ? readPersonal(personalGrid, method, leaders, diag) : null;
  if (personal?.map) sheets[SHEETS.personal] = personal.map;

  const decisionsGrid = byName.get(SHEETS.decisions);
  const decisions = decisionsGrid ? readDecisions(decisionsGrid, leaders, diag) : null;
  if (decisions?.map) sheets[SHEETS.decisions] = decisions.map;

  checkCoverage(leaders, SHEETS.economic, economics?.map ? coverageOf(economics) : null, true, diag);
  checkCoverage(leaders, SHEETS.work, work?.map ? coverageOf(work) : null, false, diag);

  // Missing sheets have no tab: they sort after the present ones, in the standard order.
  const order = [...sheetOrder, ...STANDARD_ORDER.filter((s) => !byName.has(s))];
  const input: AssessmentInput = {
    leaders: leaders.leaders,
    economics: economics?.units ?? [],
    work: work?.units ?? [],
    votes: [],
    adjustments: adjustments?.items ?? [],
    candidates: qualification ? qualification.candidates : null,
    personal: personal?.rows ?? [],
    decisions: decisions?.decisions ?? [],
    sheetOrder,
    sheets,
  };
  if (votes) attachVoteColumns(input, votes.columns, votes.rows);
  return {
    input,
    errors: sortDiagnostics(diag.errors, order),
    warnings: sortDiagnostics(diag.warnings, order),
  };
}
