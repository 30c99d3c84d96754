/**
 * The reader keeps 民主测评 column by column and the engine scores from those columns; `input.votes` is made from
 * them only when read. Scoring from the columns and from the plain rows must give the same assessment, to the
 * last explanation, and the explanations made when read must behave as plain data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { resultDocument } from "../../src/app/report";
import { resolveMethod } from "../../src/app/score";
import { assess } from "../../src/engine";
import { readWorkbook } from "../../src/workbook/read";
import { attachedVoteColumns, voteCount } from "../../src/workbook/voteColumns";
import { type BaseBook, BASE_BOOK_NAMES, loadBaseBooks } from "../fuzz/books";
import { TWO_INDICATORS, read } from "../workbook/helpers";

const TODAY = "2026-03-31";

let books: BaseBook[];
beforeAll(async () => {
  books = await loadBaseBooks();
});

describe("scoring from the vote columns and from the plain rows", () => {
  for (const [i, name] of BASE_BOOK_NAMES.entries()) {
    // The ballot books have no 民主测评: their rows are the tally's.
    if (name.startsWith("ballots")) continue;
    it(`gives the same assessment, explanations included: ${name}`, () => {
      const base = books[i];
      const source = resolveMethod(base.book, base.method);
      if (!source.ok) throw new Error(`${name}: method`);
      const r = readWorkbook(base.book, source.method);
      const cols = attachedVoteColumns(r.input);
      expect(cols).toBeDefined();
      const n = voteCount(r.input);
      expect(attachedVoteColumns(r.input)).toBe(cols); // counting made no rows
      const opts = { referenceDate: TODAY, warnings: r.warnings };
      const fromColumns = JSON.stringify(resultDocument(assess(r.input, source.method, opts), { explain: true }));
      // A copy reads `votes`: the rows are made, and the columns no longer stand for them.
      const plainInput = { ...r.input };
      expect(attachedVoteColumns(r.input)).toBeUndefined();
      expect(attachedVoteColumns(plainInput)).toBeUndefined();
      expect(plainInput.votes).toHaveLength(n);
      const fromRows = JSON.stringify(resultDocument(assess(plainInput, source.method, opts), { explain: true }));
      expect(fromColumns).toBe(fromRows);
    });
  }

  it("follows rows replaced after reading", () => {
    const r = read();
    const votes = r.input.votes.map((v) => ({ ...v, counts: [0, 0, 0, v.counts[0] + v.counts[1]] }));
    r.input.votes = votes;
    const a = assess(r.input, TWO_INDICATORS, { referenceDate: TODAY });
    expect(a.leaders.every((l) => l.unfitRate === 1)).toBe(true);
  });
});

describe("a group's dimensions, made when read", () => {
  const a = assess(read().input, TWO_INDICATORS, { referenceDate: TODAY });
  const group = a.leaders[0].explain.democratic.groups[0];

  it("hold each row's counts, mean and cell", () => {
    expect(group.dimensions.map((d) => [d.dimension, d.counts, d.abstain, d.total, d.m, d.cell])).toEqual([
      ["德", [3, 2, 0, 0], null, 5, (3 * 100 + 2 * 80) / 5, "民主测评!A2"],
      ["能", [3, 2, 0, 0], null, 5, (3 * 100 + 2 * 80) / 5, "民主测评!A3"],
      ["勤", [3, 2, 0, 0], null, 5, (3 * 100 + 2 * 80) / 5, "民主测评!A4"],
      ["廉", [3, 2, 0, 0], null, 5, (3 * 100 + 2 * 80) / 5, "民主测评!A5"],
    ]);
  });

  it("are in JSON and copies as data, and nothing else of how they are kept", () => {
    expect(Object.keys(group)).toEqual(["group", "weight", "ballots", "value"]);
    const json = JSON.parse(JSON.stringify(group)) as typeof group;
    expect(Object.keys(json)).toEqual(["group", "weight", "ballots", "dimensions", "value"]);
    expect(json.dimensions).toEqual(group.dimensions);
    expect({ ...group, dimensions: group.dimensions }.dimensions).toHaveLength(4);
  });
});
