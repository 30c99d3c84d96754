/**
 * Every computed score is checked before anything is ranked: a non-finite one (which the reader's and the method's
 * bounds should make impossible) stops the run with an internal error at the leader's row, never ranks first.
 */
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import { readWorkbook } from "../../src/workbook/read";
import { TWO_INDICATORS, smallBook } from "../workbook/helpers";

describe("the finiteness check before ranking", () => {
  it("an infinite D (votes of 1e308 past the reader) is an internal error at 考核对象's row, with no results", () => {
    const read = readWorkbook(smallBook(), TWO_INDICATORS);
    expect(read.errors).toEqual([]);
    const votes = read.input.votes.map((v, i) => (i === 0 ? { ...v, counts: [1e308, 1e308, 0, 0] } : v));
    const a = assess({ ...read.input, votes }, TWO_INDICATORS, { referenceDate: "2026-03-31" });
    expect(a.leaders).toEqual([]);
    expect(a.errors.map((d) => [d.cell, d.code])).toEqual([["考核对象!A2", "nonFiniteScore"]]);
    expect(a.errors[0].message).toContain("民主测评得分为 NaN");
  });

  it("finite scores pass untouched", () => {
    const read = readWorkbook(smallBook(), TWO_INDICATORS);
    const a = assess(read.input, TWO_INDICATORS, { referenceDate: "2026-03-31" });
    expect(a.errors).toEqual([]);
    expect(a.leaders.map((l) => l.rank)).toEqual([1, 2]);
  });
});
