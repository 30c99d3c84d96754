/**
 * Differential test of docs/method.md §11.3, `tally <workbook.xlsx> --out <file.xlsx> [--method <file.json>]`: random
 * groups whose votes are ballots (test/support/generateBallots.ts: 测评票 in the long or the wide form, blanks,
 * 弃权, aliases, invalid ballots of both kinds, 测评组织 with units below the turnout, the `ballots` method keys or
 * none), written in random layouts, tallied by the real command line (in-process). The 民主测评 it writes, read
 * back by the tests' own reader (test/support/readBack.ts), must equal the independent tally (tally.ts) row for
 * row, in the §1 layout; every other sheet must be unchanged; the invalid ballots' 票号 and the void units must be
 * among the warnings. Then `score` on the tallied workbook must give exactly the oracle's result for those votes.
 * In every third seed the workbook already has a stale 民主测评, which the tally replaces as a whole.
 * (test/support/ballotRuns.ts has the checks; tallyStandIn.test.ts runs them against a stand-in tally.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { checkTally } from "../support/ballotRuns";
import { BALLOT_SEEDS } from "../support/generateBallots";

const SEEDS = Number(process.env.KAOPING_TALLY_SEEDS ?? BALLOT_SEEDS.count);
const FIRST = Number(process.env.KAOPING_TALLY_FIRST ?? BALLOT_SEEDS.first);
const dir = mkdtempSync(join(tmpdir(), "kaoping-tally-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tally writes exactly the independent tally of the ballots; score on it equals the oracle", () => {
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++) it(`seed ${seed}`, () => checkTally(seed, dir, runCli));
});
