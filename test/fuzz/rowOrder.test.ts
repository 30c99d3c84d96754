/**
 * Results never depend on the order of data rows (docs/method.md §1.3): each base book, its cells mutated as in
 * mutations.test.ts and now and then a data row typed twice, is scored once as it is and once with the data rows
 * of every sheet shuffled. The kind of outcome, every leader's numbers, grade and flags, and the error codes must be
 * the same.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type GridBook, sheetsByName } from "../../src/workbook/grid";
import type { SheetMap, StandardSheet } from "../../src/workbook/input";
import { readBallotSheets } from "../../src/workbook/read/ballotBook";
import { readLeadersSheet } from "../../src/workbook/read/leaders";
import { Diagnostics } from "../../src/workbook/table";
import { BASE_BOOK_NAMES, type BaseBook, loadBaseBooks } from "./books";
import { checkOutcome, orderFree, run } from "./check";
import { cellMutationArb, mutate, shuffleRows } from "./mutate";

/** Cases per base book (nine books, two runs each): 2,808, with mutations.test.ts (7,200) 10,008 in all. */
const RUNS = Number(process.env.KAOPING_FUZZ_ORDER_RUNS ?? 312);

/** The first data row of each sheet of a base book: below the header the reader found. */
function dataStarts(base: BaseBook): Map<string, number> {
  const out = run(base, base.book);
  if (!out.ok) throw new Error(`${base.name} does not score`);
  const starts = new Map<string, number>();
  for (const m of Object.values(out.input.sheets)) if (m) starts.set(m.sheet, m.headerEndRow + 1);
  if (base.ballots) {
    // The ballot sheets' maps, as the ballot reader finds them (the run keeps only the tally).
    const byName = sheetsByName(base.book);
    const leaders = readLeadersSheet(byName.get("考核对象")!, out.method, new Diagnostics()).index;
    const maps: Partial<Record<StandardSheet, SheetMap>> = {};
    readBallotSheets(byName, out.method, leaders, new Diagnostics(), maps);
    for (const m of Object.values(maps)) if (m) starts.set(m.sheet, m.headerEndRow + 1);
  }
  return starts;
}

let books: BaseBook[] = [];
beforeAll(async () => {
  books = await loadBaseBooks();
});

describe("the order of data rows changes no result", () => {
  for (const [i, name] of BASE_BOOK_NAMES.entries()) {
    it(name, () => {
      const base = books[i];
      expect(base.name).toBe(name);
      const starts = dataStarts(base);
      expect(starts.size).toBeGreaterThanOrEqual(4);
      fc.assert(
        fc.property(
          fc.array(cellMutationArb, { maxLength: 3 }),
          // data rows typed twice (a duplicate is found wherever its twin sits)
          fc.array(fc.tuple(fc.nat(63), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 2 }),
          fc.array(fc.double({ noNaN: true }), { minLength: 8, maxLength: 64 }),
          (ms, twins, keys) => {
            const book = mutate(base.book, ms);
            for (const [sheet, at] of twins) {
              const g = book[sheet % book.length];
              const start = starts.get(g.name);
              if (start === undefined || g.rows.length <= start) continue;
              const r = start + Math.min(g.rows.length - start - 1, Math.floor(at * (g.rows.length - start)));
              g.rows.push(g.rows[r].slice());
            }
            const shuffled: GridBook = book.map((g) =>
              starts.has(g.name) ? shuffleRows(g, starts.get(g.name)!, keys) : g,
            );
            const a = run(base, book);
            const b = run(base, shuffled);
            checkOutcome(shuffled, b);
            expect(orderFree(b)).toEqual(orderFree(a));
          },
        ),
        { seed: 12_100 + i, numRuns: RUNS },
      );
    });
  }
});
