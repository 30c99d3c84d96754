/**
 * Differential test of the wide 民主测评 of docs/method.md §1: the votes of random groups (the independent tally of the
 * ballots of test/support/generateBallots.ts: 弃权, overall rows under 综合评价 or an alias, leaders without votes)
 * written as a wide table — one row per leader × 测评人类别, the four categories (and now and then 弃权) under each
 * dimension — with two header rows (the dimension merged over its categories, or written above the first) and
 * with one header row (`德优秀`, `德-称职`, `德（基本称职）`), in random layouts; scored by the real command line, the
 * result must be exactly the oracle's for the same votes in the long form.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import type { CleanCase } from "../support/case";
import { compareResults } from "../support/compare";
import { BALLOT_SEEDS, generateBallotCase } from "../support/generateBallots";
import { oracle } from "../support/oracle";
import { withTally } from "../support/tally";
import { writeCaseFiles } from "../support/writeCase";

const SEEDS = Number(process.env.KAOPING_WIDE_SEEDS ?? BALLOT_SEEDS.count);
const FIRST = Number(process.env.KAOPING_WIDE_FIRST ?? BALLOT_SEEDS.first);
const dir = mkdtempSync(join(tmpdir(), "kaoping-wide-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The votes of the seed's ballots, as a case without ballots (nor the `ballots` keys, which scoring ignores). */
function votesCase(seed: number): CleanCase {
  const c = withTally(generateBallotCase(seed));
  if (c.method?.ballots) {
    const { ballots: _b, ...method } = c.method;
    void _b;
    c.method = method;
  }
  return c;
}

describe("a wide 民主测评 scores exactly as the same votes in the long form", () => {
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++)
    for (const style of ["wide2", "wide1"] as const)
      it(`seed ${seed}, ${style === "wide2" ? "two header rows" : "one header row"}`, async () => {
        const c = votesCase(seed);
        const f = await writeCaseFiles(c, dir, seed * 11 + (style === "wide2" ? 1 : 2), `w${seed}${style}`, {
          votes: style,
        });
        const err: string[] = [];
        const code = await runCli(f.args, { stdout: () => {}, stderr: (t) => err.push(t), today: () => "2025-12-31" });
        expect(code, err.join("")).toBe(0);
        expect(compareResults(JSON.parse(readFileSync(f.json, "utf8")), oracle(c))).toEqual([]);
      });
});
