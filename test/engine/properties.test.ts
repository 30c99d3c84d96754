/** Invariants of docs/design.md §5, over random groups. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import { scoreEconomic } from "../../src/engine/economic";
import { gradeOrder } from "../../src/engine/grading";
import { defaultMethod } from "../../src/method/defaults";
import type { Grade } from "../../src/method/types";
import { inputFromCase, type Case } from "./fromCase";

const method = defaultMethod();
const GROUPS = ["上级", "同级", "下级"];
const DIMS = ["德", "能", "勤", "廉"];
const IND = method.economic.indicators.map((i) => i.name);

const amount = fc.oneof(fc.integer({ min: -500, max: 3000 }), fc.constant(null));
const counts = fc.tuple(fc.nat(12), fc.nat(12), fc.nat(6), fc.nat(6));

/** A random group: units with 1–2 leaders, economic data with losses and gaps, votes, vetoes, adjustments. */
const groupCase: fc.Arbitrary<Case> = fc
  .record({
    units: fc.array(
      fc.record({
        leaders: fc.integer({ min: 1, max: 2 }),
        guide: fc.boolean(),
        econ: fc.array(fc.tuple(amount, amount), { minLength: IND.length, maxLength: IND.length }),
        ratings: fc.tuple(
          fc.integer({ min: 50, max: 100 }),
          fc.integer({ min: 50, max: 100 }),
          fc.integer({ min: 50, max: 100 }),
        ),
        veto: fc.option(fc.constant("重大事故"), { freq: 8 }),
        votes: fc.array(counts, { minLength: 2, maxLength: 2 }),
        bonus: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 3 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ units }) => {
    const c: Required<Pick<Case, "leaders" | "economic" | "work" | "votes" | "adjust">> = {
      leaders: [],
      economic: {},
      work: {},
      votes: [],
      adjust: [],
    };
    units.forEach((u, i) => {
      const unit = `U${i}`;
      c.economic[unit] = Object.fromEntries(IND.map((n, k) => [n, u.econ[k]]));
      c.work[unit] = { 重点工作: u.ratings[0], 党的建设: u.ratings[1], 安全稳定: u.ratings[2], 否决事项: u.veto };
      for (let j = 0; j < u.leaders; j++) {
        const name = `L${i}_${j}`;
        c.leaders.push({ name, unit, mode: u.guide && j === 0 ? "党建工作指导员" : null });
        for (const g of GROUPS) for (const d of DIMS) c.votes.push({ name, unit, group: g, dim: d, n: u.votes[j] });
        if (u.bonus) c.adjust.push({ name, unit, type: "加分", value: u.bonus });
      }
    });
    return c;
  });

describe("engine invariants", () => {
  it("the 优秀 count never passes the quota, and a capped grade never exceeds its cap", () => {
    fc.assert(
      fc.property(groupCase, (c) => {
        const a = assess(inputFromCase(c, method), method, { referenceDate: "2025-12-31" });
        const excellent = a.leaders.filter((l) => l.grade === "优秀").length;
        expect(excellent).toBeLessThanOrEqual(a.summary.quota);
        for (const l of a.leaders) {
          if (l.status === "pending") {
            expect(l.final).toBeNull();
            expect(l.rank).toBeNull();
            continue;
          }
          for (const cap of l.explain.grade.caps)
            expect(gradeOrder(l.grade as Grade)).toBeGreaterThanOrEqual(gradeOrder(cap.cap));
          expect(gradeOrder(l.grade as Grade)).toBeGreaterThanOrEqual(gradeOrder(l.explain.grade.band!));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("ranks run from 1 and follow F; equal keys share a rank", () => {
    fc.assert(
      fc.property(groupCase, (c) => {
        const a = assess(inputFromCase(c, method), method, { referenceDate: "2025-12-31" });
        const graded = a.leaders
          .filter((l) => l.status === "graded")
          .sort((x, y) => (x.rank as number) - (y.rank as number));
        if (graded.length === 0) return;
        expect(graded[0].rank).toBe(1);
        for (let i = 1; i < graded.length; i++) {
          expect(graded[i].final as number).toBeLessThanOrEqual(graded[i - 1].final as number);
          const same = JSON.stringify(graded[i].explain.rankKeys) === JSON.stringify(graded[i - 1].explain.rankKeys);
          expect(graded[i].rank === graded[i - 1].rank).toBe(same);
          if (!same) expect(graded[i].rank).toBe(i + 1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the order of rows never changes a result", () => {
    fc.assert(
      fc.property(groupCase, fc.integer(), (c, seed) => {
        const shuffle = <T>(xs: T[]) => {
          const out = [...xs];
          let s = seed >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) >>> 0;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const base = assess(inputFromCase(c, method), method, { referenceDate: "2025-12-31" });
        const shuffled: Case = {
          ...c,
          leaders: shuffle(c.leaders),
          votes: shuffle(c.votes ?? []),
          adjust: shuffle(c.adjust ?? []),
          economic: Object.fromEntries(shuffle(Object.entries(c.economic ?? {}))),
        };
        const other = assess(inputFromCase(shuffled, method), method, { referenceDate: "2025-12-31" });
        const byName = new Map(other.leaders.map((l) => [l.name, l]));
        for (const l of base.leaders) {
          const o = byName.get(l.name)!;
          expect([o.final, o.rank, o.grade, o.flags.map((f) => f.code).sort()]).toEqual([
            l.final,
            l.rank,
            l.grade,
            l.flags.map((f) => f.code).sort(),
          ]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("raising an actual of a higher-is-better indicator never lowers E", () => {
    const nonzero = fc.integer({ min: -2000, max: 3000 }).filter((x) => x !== 0);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nonzero, fc.integer({ min: -3000, max: 4000 })), {
          minLength: IND.length,
          maxLength: IND.length,
        }),
        fc.nat(IND.length - 1),
        fc.integer({ min: 1, max: 2000 }),
        fc.boolean(),
        (pairs, k, raise, stepwise) => {
          const m = { ...method.economic, stepwise };
          const unit = (ps: [number, number][]) => ({
            unit: "u",
            unitKey: "u",
            cell: "",
            indicators: Object.fromEntries(
              IND.map((n, i) => [n, { target: { value: ps[i][0], cell: "" }, actual: { value: ps[i][1], cell: "" } }]),
            ),
          });
          const before = scoreEconomic("u", unit(pairs), m).value as number;
          const raised = pairs.map((p, i) => (i === k ? ([p[0], p[1] + raise] as [number, number]) : p));
          const after = scoreEconomic("u", unit(raised), m).value as number;
          expect(after).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });
});
