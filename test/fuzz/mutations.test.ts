/**
 * Fuzzing the whole run (scoreBook: method, reader, ballots, engine) with seeded mutations of real workbooks
 * (books.ts, mutate.ts). The properties are in check.ts. Seeds are fixed: a failure names its seed and the
 * shrunk mutations, and reproduces with them.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_BOOK_NAMES, type BaseBook, loadBaseBooks } from "./books";
import { checkOutcome, checkTally, run } from "./check";
import { mutate, mutationArb } from "./mutate";

/** Cases per base book (nine books): 7,200, with rowOrder.test.ts (2,808) 10,008 in all. */
const RUNS = Number(process.env.KAOPING_FUZZ_RUNS ?? 800);

let books: BaseBook[] = [];
beforeAll(async () => {
  books = await loadBaseBooks();
});

describe("every base book scores as it is", () => {
  it("without errors", () => {
    for (const b of books) {
      const out = run(b, b.book);
      expect(out.ok ? [] : out.errors, b.name).toEqual([]);
    }
  });
});

describe("mutated workbooks: the run returns, naming cells, with finite scores", () => {
  for (const [i, name] of BASE_BOOK_NAMES.entries()) {
    it(name, () => {
      const base = books[i];
      expect(base.name).toBe(name);
      fc.assert(
        fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (ms) => {
          const book = mutate(base.book, ms);
          checkOutcome(book, run(base, book));
          if (base.ballots) checkTally(base, book);
        }),
        { seed: 12_000 + i, numRuns: RUNS },
      );
    });
  }
});
