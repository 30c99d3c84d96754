/**
 * The worked examples, engine only: clean case → assess → expected (test/fixtures/examples/README.md rules, made
 * exact: docs/method.md §5 rounds every reported value, so the engine must give the expected rounded numbers to the
 * last digit, and null only where null is expected). Also compared with the independent oracle on every field
 * it computes (qualification's unknown criteria, notices and unit; the summary).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import { loadMethod } from "../../src/method/schema";
import type { CleanCase, Expected } from "../support/case";
import { compareResults } from "../support/compare";
import { EXAMPLES_DIR } from "../support/examples";
import { oracle } from "../support/oracle";
import { inputFromCase, type Case } from "./fromCase";

export const EXAMPLES = EXAMPLES_DIR;

for (const name of ["example-1", "example-2", "example-3-qualification"]) {
  describe(`engine on ${name}`, () => {
    const c = JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), "utf8")) as Case &
      CleanCase & { referenceDate?: string };
    const expected = JSON.parse(readFileSync(join(EXAMPLES, `${name}.expected.json`), "utf8")) as Expected;
    const m = loadMethod(c.method ?? {});
    if (!m.ok) throw new Error(JSON.stringify(m.errors));
    const referenceDate = c.referenceDate ?? "2025-12-31";
    const a = assess(inputFromCase(c, m.method), m.method, { referenceDate });

    it("matches every leader (and candidate) of the expected file exactly", () => {
      expect(compareResults(a, expected)).toEqual([]);
    });

    it("equals the independent oracle on every field it computes", () => {
      expect(compareResults(a, oracle(c, { referenceDate }))).toEqual([]);
    });
  });
}
