/**
 * Faulty 个人情况 rows (docs/method.md §10.1) on generated workbooks: an unknown 情形, a bad 天数, a person who is
 * not in 考核对象. The command line exits 1 with an error line naming the cell, and writes nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { PERSONAL_FAULTS, cellOf, faultyPersonalCase } from "../support/faultyPersonal";
import { buildCaseWorkbook, writeCaseJsonMethod } from "../support/writeCase";

const dir = mkdtempSync(join(tmpdir(), "kaoping-personal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a faulty 个人情况 row fails the run at its cell, and nothing is written", () => {
  for (const fault of PERSONAL_FAULTS)
    for (const seed of [3, 14, 25]) {
      it(`${fault}, seed ${seed}`, async () => {
        const f = faultyPersonalCase(seed, fault);
        const base = join(dir, `${fault}-${seed}`);
        const wb = buildCaseWorkbook(f.c, seed);
        const cell = cellOf(wb, f);
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
        expect(stderr.split("\n"), `the error at ${cell} (${f.value})`).toContainEqual(
          expect.stringMatching(new RegExp(`^${cell.replace(/[!]/g, "\\$&")} 错误：`)),
        );
        expect(existsSync(`${base}.json`)).toBe(false);
        expect(existsSync(base)).toBe(false);
        expect(
          readdirSync(dir).filter((n) => n.startsWith(`${fault}-${seed}`) && !/\.(xlsx|method\.json)$/.test(n)),
        ).toEqual([]);
      });
    }
});
