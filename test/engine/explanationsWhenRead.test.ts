/**
 * A run keeps each leader's scores; the detail behind them (a unit's indicators and blocks, a leader's evaluator
 * groups, F unrounded and the rank keys) is made again from the inputs when it is read. That detail must agree
 * with the scores the run kept, whoever reads it first and in whatever order, and must be plain data in JSON.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { resolveMethod } from "../../src/app/score";
import { assess } from "../../src/engine";
import { roundRate, roundScore } from "../../src/engine/round";
import type { Assessment } from "../../src/engine/types";
import type { Method } from "../../src/method/types";
import { readWorkbook, type ReadResult } from "../../src/workbook/read";
import { type BaseBook, BASE_BOOK_NAMES, loadBaseBooks } from "../fuzz/books";

const TODAY = "2026-03-31";

let books: { name: string; r: ReadResult; method: Method }[];
beforeAll(async () => {
  books = (await loadBaseBooks())
    // The ballot books' votes are the tally's, made by the command line before the engine.
    .filter((b: BaseBook) => !b.ballots)
    .map((b) => {
      const source = resolveMethod(b.book, b.method);
      if (!source.ok) throw new Error(`${b.name}: method`);
      return { name: b.name, r: readWorkbook(b.book, source.method), method: source.method };
    });
});

const run = (b: (typeof books)[number]): Assessment =>
  assess(b.r.input, b.method, { referenceDate: TODAY, warnings: b.r.warnings });

describe("the detail made when read agrees with the scores the run kept", () => {
  for (const name of BASE_BOOK_NAMES.filter((n) => !n.startsWith("ballots"))) {
    it(name, () => {
      const b = books.find((x) => x.name === name)!;
      const a = run(b);
      expect(a.leaders.length).toBeGreaterThan(0);
      for (const l of a.leaders) {
        const x = l.explain;
        // E from its indicators, after the below-base rule (docs/method.md §2.1).
        const e = x.economic;
        let w = 0;
        let ws = 0;
        for (const i of e.indicators) {
          if (i.cappedByBelowBase) expect([i.score, e.belowBaseApplied]).toEqual([1, true]);
          if (!i.available) continue;
          w += i.weight;
          ws += i.weight * (i.score as number);
        }
        expect(e.availableWeight).toBe(w);
        if (e.value !== null) expect(e.value).toBe((100 * ws) / w);
        expect(roundScore(e.value)).toBe(l.economic);
        // P from its blocks (§2.3).
        const blocks = x.work.blocks;
        expect(blocks.map((k) => k.key)).toEqual(["economic", "keyTasks", "partyBuilding", "safety"]);
        expect(blocks[0].value).toBe(e.value);
        if (x.work.value !== null) {
          const used = blocks.filter((k) => k.value !== null && k.weight > 0);
          const sw = used.reduce((s, k) => s + k.weight, 0);
          expect(x.work.value).toBe(used.reduce((s, k) => s + k.weight * (k.value as number), 0) / sw);
        }
        expect(roundScore(x.work.value)).toBe(l.work);
        // D from its groups (§3), unless missing.
        const d = x.democratic;
        expect(d.ballots).toBe(d.groups.reduce((s, g) => s + g.ballots, 0));
        if (d.value !== null) {
          const used = d.groups.filter((g) => g.value !== null);
          const sw = used.reduce((s, g) => s + g.weight, 0);
          expect(d.value).toBe(used.reduce((s, g) => s + g.weight * (g.value as number), 0) / sw);
        }
        expect(roundScore(d.value)).toBe(l.democratic);
        // F unrounded, and the keys it was ranked by (§5).
        expect(roundScore(x.final.raw)).toBe(l.final);
        expect(x.final).toEqual({
          workWeight: b.method.final.workWeight,
          democraticWeight: b.method.final.democraticWeight,
          raw: x.final.raw,
        });
        expect(x.rankKeys).toEqual(
          l.status === "graded" ? [l.final, l.work, l.democratic, l.excellentRate, l.economic] : null,
        );
        if (l.status === "graded") expect(l.excellentRate).toBe(roundRate(d.totals[0] / d.total));
      }
    });
  }

  it("whoever reads first: every leader's detail read last to first is the detail read first to last", () => {
    for (const b of books) {
      const forward = run(b).leaders.map((l) => JSON.stringify(l.explain));
      const a = run(b);
      const backward: string[] = [];
      for (let i = a.leaders.length - 1; i >= 0; i--) backward[i] = JSON.stringify(a.leaders[i].explain);
      expect(backward).toEqual(forward);
    }
  });

  it("is made once: read twice, the same objects", () => {
    const l = run(books[0]).leaders[0];
    expect(l.explain.economic.indicators).toBe(l.explain.economic.indicators);
    expect(l.explain.work.blocks).toBe(l.explain.work.blocks);
    expect(l.explain.democratic.groups).toBe(l.explain.democratic.groups);
  });
});

describe("the detail in JSON", () => {
  it("is plain data with the documented keys in order, and nothing of how it is kept", () => {
    const l = run(books[0]).leaders[0];
    const json = JSON.parse(JSON.stringify(l.explain)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(json)).toEqual([
      "economic",
      "work",
      "democratic",
      "adjustment",
      "final",
      "rankKeys",
      "grade",
      "personal",
    ]);
    expect(Object.keys(json.economic)).toEqual([
      "unit",
      "found",
      "indicators",
      "totalWeight",
      "availableWeight",
      "availableShare",
      "minAvailableShare",
      "belowBaseApplied",
      "stillInLoss",
      "value",
    ]);
    expect(Object.keys(json.work)).toEqual(["blocks", "economicWeightZeroed", "value", "missingReason"]);
    expect(Object.keys(json.democratic)).toEqual([
      "groups",
      "ballots",
      "minBallots",
      "totals",
      "total",
      "rateBasis",
      "value",
      "missingReason",
    ]);
    expect(Object.keys(json.final)).toEqual(["workWeight", "democraticWeight", "raw"]);
    expect(json.economic.indicators).toEqual(JSON.parse(JSON.stringify(l.explain.economic.indicators)));
  });
});

describe("a unit whose evaluation is void (docs/method.md §11.2)", () => {
  it("has D missing for the reason given, and still shows the votes it had", () => {
    const b = books[0];
    const first = b.r.input.leaders[0];
    const input = {
      ...b.r.input,
      voidUnits: [{ unitKey: first.unitKey, reason: "实到人数不足", cell: "测评组织!A2" }],
    };
    const a = assess(input, b.method, { referenceDate: TODAY, warnings: b.r.warnings });
    const before = run(b).leaders[0];
    const l = a.leaders[0];
    expect(l.explain.democratic.value).toBeNull();
    expect(l.explain.democratic.missingReason).toBe("实到人数不足");
    expect(l.status).toBe("pending");
    expect(JSON.stringify(l.explain.democratic.groups)).toBe(JSON.stringify(before.explain.democratic.groups));
    expect(l.explain.democratic.groups.length).toBeGreaterThan(0);
  });
});

describe("the detail's cells are the input's (a number read from a unit sheet makes its address when read)", () => {
  for (const name of BASE_BOOK_NAMES.filter((n) => !n.startsWith("ballots"))) {
    it(name, () => {
      const b = books.find((x) => x.name === name)!;
      const { input } = b.r;
      const a = run(b);
      let seen = 0;
      for (const l of a.leaders) {
        const unitKey = input.leaders[l.index].unitKey;
        const econ = input.economics.find((u) => u.unitKey === unitKey);
        const work = input.work.find((u) => u.unitKey === unitKey);
        const indicators = l.explain.economic.indicators;
        for (let i = 0; i < indicators.length; i++) {
          const given = econ?.indicators[b.method.economic.indicators[i].name];
          expect([indicators[i].targetCell, indicators[i].actualCell]).toEqual(
            given ? [given.target.cell, given.actual.cell] : ["", ""],
          );
          if (given?.target.cell) seen++;
        }
        expect(l.explain.work.blocks.slice(1).map((k) => k.cell)).toEqual(
          work ? [work.keyTasks.cell, work.partyBuilding.cell, work.safety.cell] : ["", "", ""],
        );
      }
      // Addresses, not blanks: every base book has 经营业绩.
      expect(seen).toBeGreaterThan(0);
      expect(input.economics[0].indicators[b.method.economic.indicators[0].name].target.cell).toMatch(/^.+![A-Z]+\d+$/);
    });
  }
});
