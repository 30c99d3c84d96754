/**
 * Differential test: random groups written in random docs/method.md §1 layouts, scored by the real command line
 * (in-process), compared with an independent computation (test/support/oracle.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { compareResults } from "../support/compare";
import { generateCase } from "../support/generate";
import { oracle } from "../support/oracle";
import { writeCaseFiles } from "../support/writeCase";

const SEEDS = Number(process.env.KAOPING_DIFF_SEEDS ?? 60);
const FIRST = Number(process.env.KAOPING_DIFF_FIRST ?? 1);
const dir = mkdtempSync(join(tmpdir(), "kaoping-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the product equals an independent computation of the method", () => {
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
    it(`seed ${seed}`, async () => {
      const c = generateCase(seed);
      const f = await writeCaseFiles(c, dir, seed, `s${seed}`);
      const err: string[] = [];
      const code = await runCli(f.args, { stdout: () => {}, stderr: (t) => err.push(t), today: () => "2025-12-31" });
      expect(code, err.join("\n")).toBe(0);
      const actual = JSON.parse(readFileSync(f.json, "utf8"));
      expect(compareResults(actual, oracle(c))).toEqual([]);
    });
  }
});
