/**
 * Differential test of docs/method.md §11.3: `score` on a workbook with 测评票 and no 民主测评 tallies the ballots in
 * memory; its result must be exactly the oracle's for the votes of the independent tally (test/support/tally.ts)
 * — units void by the turnout: their leaders pending, D missing. The ballots of test/support/generateBallots.ts,
 * in another layout than tally.test.ts uses.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { checkScoreFromBallots } from "../support/ballotRuns";
import { BALLOT_SEEDS } from "../support/generateBallots";

const SEEDS = Number(process.env.KAOPING_TALLY_SEEDS ?? BALLOT_SEEDS.count);
const FIRST = Number(process.env.KAOPING_TALLY_FIRST ?? BALLOT_SEEDS.first);
const dir = mkdtempSync(join(tmpdir(), "kaoping-ballots-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("score straight from the ballots equals the oracle on the independent tally", () => {
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++)
    it(`seed ${seed}`, () => checkScoreFromBallots(seed, dir, runCli));
});
