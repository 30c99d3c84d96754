/**
 * Faulty 组织决定 rows (docs/method.md §12) on generated workbooks: a 等次 that is not a grade of the method, a person who
 * is not in 考核对象, a second decision for a leader, a decision for a leader who is not graded. The command line
 * exits 1 with an error line naming the cell (acceptedCells: where docs/method.md lets it point), and writes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { DECISION_FAULTS, acceptedCells, cellsOf, faultyDecisionCase } from "../support/faultyDecisions";
import { buildCaseWorkbook, writeCaseJsonMethod } from "../support/writeCase";

const dir = mkdtempSync(join(tmpdir(), "kaoping-decisions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a faulty 组织决定 row fails the run at its cell, and nothing is written", () => {
  for (const fault of DECISION_FAULTS)
    for (const seed of [4, 15, 26]) {
      it(`${fault}, seed ${seed}`, async () => {
        const f = faultyDecisionCase(seed, fault);
        const base = join(dir, `${fault}-${seed}`);
        const wb = buildCaseWorkbook(f.c, seed);
        const cells = cellsOf(wb, f);
        await wb.xlsx.writeFile(`${base}.xlsx`);
        const args = ["score", `${base}.xlsx`, "--json", `${base}.json`, "--out", join(base, "scored.xlsx")];
        if (await writeCaseJsonMethod(f.c, `${base}.method.json`)) args.push("--method", `${base}.method.json`);
        let stdout = "";
        let stderr = "";
        const code = await runCli(args, {
          stdout: (t) => (stdout += t),
          stderr: (t) => (stderr += t),
          today: () => "2025-12-31",
        });
        expect(code, stderr).toBe(1);
        expect(stdout).toBe("");
        const accepted = acceptedCells(f, cells);
        const named = stderr.split("\n").filter((l) => accepted.some((a) => l.startsWith(`${a} 错误：`)));
        expect(named, `an error at ${accepted.join(" or ")}:\n${stderr}`).not.toEqual([]);
        expect(existsSync(`${base}.json`)).toBe(false);
        expect(existsSync(base)).toBe(false);
        expect(
          readdirSync(dir).filter((n) => n.startsWith(`${fault}-${seed}`) && !/\.(xlsx|method\.json)$/.test(n)),
        ).toEqual([]);
      });
    }
});
