/**
 * The checks of tally.test.ts and scoreBallots.test.ts against a stand-in for the commands (test/support/
 * ballotRuns.ts: the tests' own reader and tally write 民主测评; scoring is the real command line). It shows the
 * checks pass against a correct tally, and checks today that the product scores tallied votes — 弃权, overall rows,
 * void units without rows — exactly as the oracle does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { checkScoreFromBallots, checkTally, standInCli } from "../support/ballotRuns";
import { BALLOT_SEEDS } from "../support/generateBallots";

const dir = mkdtempSync(join(tmpdir(), "kaoping-standin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// half the seeds of the differential tests (odd: tally then score, even: score from the ballots)
const seeds = Array.from({ length: 16 }, (_, i) => BALLOT_SEEDS.first + i);

describe("the §11 checks pass against a stand-in tally, with the real score", () => {
  for (const seed of seeds.filter((s) => s % 2 === 1))
    it(`tally, seed ${seed}`, () => checkTally(seed, dir, standInCli));
  for (const seed of seeds.filter((s) => s % 2 === 0))
    it(`score from ballots, seed ${seed}`, () => checkScoreFromBallots(seed, dir, standInCli));
});
