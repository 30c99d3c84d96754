/**
 * Differential test of docs/method.md §10: random groups with every §10 feature at random (个人情况 of every rule,
 * 天数 summed over aliases against minDays, several rules on a leader, quota groups, floor/round at an exact
 * .5, vote caps as flags, the overall vote under its aliases), written in random §1 layouts, scored by the real
 * command line (in-process), compared exactly with the independent oracle (test/support/oracle.ts).
 * test/oracle/generate.test.ts checks that these seeds exercise every feature (features10.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { compareResults } from "../support/compare";
import { SECTION10_SEEDS, generateCase } from "../support/generate";
import { oracle } from "../support/oracle";
import { writeCaseFiles } from "../support/writeCase";

const SEEDS = Number(process.env.KAOPING_DIFF10_SEEDS ?? SECTION10_SEEDS.count);
const FIRST = Number(process.env.KAOPING_DIFF10_FIRST ?? SECTION10_SEEDS.first);
const dir = mkdtempSync(join(tmpdir(), "kaoping-diff10-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the product equals an independent computation of docs/method.md §10", () => {
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
    it(`seed ${seed}`, async () => {
      const c = generateCase(seed, { section10: true, maxLeaders: SECTION10_SEEDS.maxLeaders });
      const f = await writeCaseFiles(c, dir, seed, `s${seed}`);
      const err: string[] = [];
      const code = await runCli(f.args, { stdout: () => {}, stderr: (t) => err.push(t), today: () => "2025-12-31" });
      expect(code, err.join("\n")).toBe(0);
      const actual = JSON.parse(readFileSync(f.json, "utf8"));
      expect(compareResults(actual, oracle(c))).toEqual([]);
    });
  }
});
