/**
 * A formula saved without its result (a file written by a script) is an error at its cell on the sheets a run
 * reads (issue 12): read as an empty cell it was a missing actual, 0 votes or a blank name, with a misleading warning.
 */
import { describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { tallyBook } from "../../src/app/tally";
import { termResults } from "../../src/app/term";
import type { GridBook } from "../../src/workbook/grid";
import { uncachedFormulaErrors } from "../../src/workbook/uncached";
import { brief, sheet, smallBook } from "./helpers";

const METHOD = {
  economic: {
    indicators: [
      { name: "实现利润", weight: 60 },
      { name: "主营业务收入", weight: 40 },
    ],
  },
};

/** smallBook with 经营业绩!C2 a formula without a result: null in rows, listed in `uncached`. */
function bookWithUncached(): GridBook {
  return smallBook().map((g) =>
    g.name === "经营业绩"
      ? {
          ...g,
          rows: g.rows.map((r, i) => (i === 1 ? r.map((v, c) => (c === 2 ? null : v)) : r)),
          uncached: [{ row: 1, col: 2 }],
        }
      : g,
  );
}

describe("formulas without a result", () => {
  it("stop the run with an error at each cell, not a missing-value warning", () => {
    const out = scoreBook({ book: bookWithUncached(), method: METHOD, today: "2026-03-31" });
    expect(out.ok).toBe(false);
    if (out.ok || out.kind !== "workbook") throw new Error("expected workbook errors");
    expect(brief(out.errors)).toEqual(["经营业绩!C2 uncachedFormula"]);
    expect(out.errors[0].message).toBe(
      "公式没有计算结果（文件由程序写出，未经 Excel 计算）：请在 Excel 中打开并保存后再试",
    );
    expect(scoreBook({ book: smallBook(), method: METHOD, today: "2026-03-31" }).ok).toBe(true);
  });

  it("stop a tally too", () => {
    const out = tallyBook({ book: bookWithUncached() });
    expect(out.ok ? [] : out.kind === "workbook" ? brief(out.errors) : out.errors).toEqual([
      "经营业绩!C2 uncachedFormula",
    ]);
  });

  it("on the user's own sheets and on 考核结果 they do not matter", () => {
    const book: GridBook = [
      { ...sheet("我的测算", [[null]]), uncached: [{ row: 0, col: 0 }] },
      { ...sheet("考核结果", [[null]]), uncached: [{ row: 0, col: 0 }] },
    ];
    expect(uncachedFormulaErrors(book)).toEqual([]);
  });

  it("are listed up to 50 per sheet, then counted", () => {
    const uncached = Array.from({ length: 120 }, (_, i) => ({ row: 119 - i, col: 1 }));
    const errors = uncachedFormulaErrors([{ ...sheet(" 民主测评", []), uncached }]);
    expect(errors).toHaveLength(51);
    expect(errors[0].cell).toBe(" 民主测评!B1");
    expect(errors[50].cell).toBe(" 民主测评!B51");
    expect(errors[50].message).toContain("还有 70 个公式没有计算结果");
  });
});

describe("the term results (任期考核)", () => {
  it("a 综合得分 formula without a result in a year's 考核结果 is an error at its cell", () => {
    const results = (uncached: boolean) => ({
      ...sheet("考核结果", [
        ["姓名", "单位", "综合得分", "等次"],
        ["甲", "一公司", uncached ? null : 88, "称职"],
      ]),
      ...(uncached ? { uncached: [{ row: 1, col: 2 }] } : {}),
    });
    const out = termResults([
      { year: 2024, results: results(false), weight: 1 },
      { year: 2025, results: results(true), weight: 1 },
    ]);
    expect(out.ok ? [] : brief(out.errors)).toEqual(["考核结果!C2 uncachedFormula"]);
  });
});
