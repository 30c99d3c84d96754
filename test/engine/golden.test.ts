/** The worked examples, engine only: clean case → assess → expected (test/fixtures/examples/README.md rules). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import { loadMethod } from "../../src/method/schema";
import { inputFromCase, type Case } from "./fromCase";
import { EXAMPLES_DIR } from "../support/examples";

export const EXAMPLES = EXAMPLES_DIR;

for (const name of ["example-1", "example-2", "example-3-qualification"]) {
  describe(`engine on ${name}`, () => {
    const c = JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), "utf8")) as Case & {
      method?: unknown;
      referenceDate?: string;
    };
    const expected = JSON.parse(readFileSync(join(EXAMPLES, `${name}.expected.json`), "utf8"));
    const m = loadMethod(c.method ?? {});
    if (!m.ok) throw new Error(JSON.stringify(m.errors));
    const a = assess(inputFromCase(c, m.method), m.method, { referenceDate: c.referenceDate ?? "2025-12-31" });

    it("matches every leader", () => {
      expect(a.leaders.map((l) => l.name)).toEqual(expected.leaders.map((l: { name: string }) => l.name));
      a.leaders.forEach((l, i) => {
        const e = expected.leaders[i];
        for (const k of [
          "economic",
          "keyTasks",
          "partyBuilding",
          "safety",
          "work",
          "democratic",
          "adjustment",
          "final",
        ] as const) {
          if (e[k] === null) expect(l[k], `${l.name}.${k}`).toBeNull();
          else expect(Math.abs((l[k] as number) - e[k]), `${l.name}.${k}`).toBeLessThanOrEqual(0.01);
        }
        for (const k of ["excellentRate", "competentRate", "unfitRate"] as const) {
          if (e[k] === null) expect(l[k]).toBeNull();
          else expect(Math.abs((l[k] as number) - e[k]), `${l.name}.${k}`).toBeLessThanOrEqual(0.0001);
        }
        expect(l.rank, `${l.name}.rank`).toBe(e.rank);
        expect(l.grade, `${l.name}.grade`).toBe(e.grade);
        expect(l.status).toBe(e.status);
        expect(l.flags.map((f) => f.code).sort(), `${l.name}.flags`).toEqual([...e.flags].sort());
      });
    });

    if (expected.qualification) {
      it("screens every candidate", () => {
        const q = a.qualification!;
        expect(q.map((x) => x.name)).toEqual(expected.qualification.map((x: { name: string }) => x.name));
        q.forEach((x, i) => {
          expect(x.result, x.name).toBe(expected.qualification[i].result);
          expect(x.unmet.map((u) => u.criterion).sort(), x.name).toEqual([...expected.qualification[i].unmet].sort());
        });
      });
    }
  });
}
