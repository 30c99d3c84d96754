/**
 * The ballot generator and writers (docs/method.md §11, and the wide 民主测评 of §1) checked against the independent
 * reader of test/support/readBack.ts: a written 测评票 / 测评组织 read back tallies to exactly the case's tally, and
 * a wide 民主测评 (both header styles) read back scores exactly as the long form. The seeds of the §11 differential
 * tests exercise every feature (features11.ts).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { CleanCase } from "../support/case";
import { compareResults } from "../support/compare";
import { SECTION11_FEATURES, section11Features } from "../support/features11";
import { BALLOT_SEEDS, generateBallotCase } from "../support/generateBallots";
import { oracle } from "../support/oracle";
import { readBack, type MergedAs } from "../support/readBack";
import { tally, withTally } from "../support/tally";
import { buildCaseWorkbook, type LayoutOptions } from "../support/writeCase";

const seeds = Array.from({ length: BALLOT_SEEDS.count }, (_, i) => BALLOT_SEEDS.first + i);

async function roundTrip(c: CleanCase, layoutSeed: number, layout: LayoutOptions = {}, mergedAs: MergedAs = "empty") {
  const buf = await buildCaseWorkbook(c, layoutSeed, layout).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  return { wb, back: readBack(wb, c.method, c.referenceDate, mergedAs) };
}

/** A tally's comparable part. */
const summary = (c: CleanCase) => {
  const t = tally(c);
  return {
    votes: t.votes.map((v) => [v.name, v.unit, v.group, v.dim, ...v.n, v.abstain]),
    invalid: t.invalid.length,
    void: t.voidUnits,
  };
};

describe("generateBallotCase", () => {
  it("is deterministic per seed, and keeps the forms it is asked for", () => {
    for (const seed of [1, 2, 9]) expect(generateBallotCase(seed)).toEqual(generateBallotCase(seed));
    expect(generateBallotCase(3, { form: "wide" }).ballots!.form).toBe("wide");
    expect(generateBallotCase(3, { form: "long" }).ballots!.form).toBe("long");
  });

  it("exercises every §11 feature on the seeds of the differential tests", () => {
    const seen = new Set<string>();
    for (const seed of seeds) for (const f of section11Features(generateBallotCase(seed))) seen.add(f);
    for (const k of SECTION11_FEATURES) expect(seen, k).toContain(k);
  });
});

describe("the writers carry the ballots and the votes", () => {
  it("测评票 (long and wide) and 测评组织 read back tally exactly as the case", async () => {
    for (const seed of seeds.slice(0, 6)) {
      const c = generateBallotCase(seed);
      const { wb, back } = await roundTrip(c, seed * 13 + 1);
      expect(wb.getWorksheet("民主测评"), "no 民主测评 when the case has only ballots").toBeUndefined();
      expect(back.ballots!.form).toBe(c.ballots!.form);
      expect(summary(back), `seed ${seed}`).toEqual(summary(c));
      const other = generateBallotCase(seed, { form: c.ballots!.form === "long" ? "wide" : "long" });
      const { back: back2 } = await roundTrip(other, seed * 13 + 2, {}, "master");
      expect(summary(back2), `seed ${seed}, the other form`).toEqual(summary(other));
    }
  });

  it("a wide 民主测评, with two header rows or one, scores exactly as the long form", async () => {
    for (const seed of seeds.slice(0, 10)) {
      const c = withTally(generateBallotCase(seed));
      const expected = oracle(c);
      for (const [style, mergedAs] of [
        ["wide2", "empty"],
        ["wide2", "master"],
        ["wide1", "empty"],
      ] as const) {
        const { back } = await roundTrip(c, seed * 17 + 3, { votes: style }, mergedAs);
        expect(compareResults(oracle(back), expected), `seed ${seed} ${style} ${mergedAs}`).toEqual([]);
      }
    }
  });
});
