/**
 * Faulty ballots (docs/method.md §11.1–11.2) on generated workbooks: an unknown 测评人类别, a rating word that is not a
 * category, a leader twice on a ballot, a leader not in 考核对象, a ballot whose rows disagree on 测评人类别, more
 * ballots than 应到人数. `tally` and `score` (straight from the ballots) exit 1 with an error line naming the cell
 * (test/support/faultyBallots.ts: where docs/method.md lets it point) and write nothing.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { BALLOT_FAULTS, acceptedCells, faultyBallotCase } from "../support/faultyBallots";
import { buildCaseWorkbook, writeCaseJsonMethod } from "../support/writeCase";

const dir = mkdtempSync(join(tmpdir(), "kaoping-ballot-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a faulty ballot fails tally and score at its cell, and nothing is written", () => {
  for (const fault of BALLOT_FAULTS)
    for (const seed of [2, 10]) {
      it(`${fault}, seed ${seed}`, async () => {
        const f = faultyBallotCase(seed, fault);
        const base = join(dir, `${fault}-${seed}`);
        const wb = buildCaseWorkbook(f.c, seed);
        const accepted = acceptedCells(wb, f);
        expect(accepted, "the faulty cell is in the workbook").not.toEqual([]);
        await wb.xlsx.writeFile(`${base}.xlsx`);
        const method = (await writeCaseJsonMethod(f.c, `${base}.method.json`))
          ? ["--method", `${base}.method.json`]
          : [];
        for (const args of [
          ["tally", `${base}.xlsx`, "--out", `${base}.tallied.xlsx`, ...method],
          ["score", `${base}.xlsx`, "--json", `${base}.json`, "--out", `${base}.scored.xlsx`, ...method],
        ]) {
          let stdout = "";
          let stderr = "";
          const code = await runCli(args, {
            stdout: (t) => (stdout += t),
            stderr: (t) => (stderr += t),
            today: () => "2025-12-31",
          });
          expect(code, `${args[0]}: ${stderr}`).toBe(1);
          expect(stdout).toBe("");
          const named = stderr.split("\n").filter((l) => accepted.some((a) => l.startsWith(`${a} 错误：`)));
          expect(named, `${args[0]}: an error at ${accepted.join(" or ")}:\n${stderr}`).not.toEqual([]);
        }
        for (const out of ["tallied.xlsx", "json", "scored.xlsx"])
          expect(existsSync(`${base}.${out}`), out).toBe(false);
      });
    }
});
