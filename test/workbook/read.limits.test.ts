/**
 * Numbers past what their column means are errors at their cells (src/workbook/limits.ts): found by the fuzzer
 * (test/fuzz), where a vote of 1e308 gave an infinite D, rank 1 and 优秀.
 */
import { describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { termResults } from "../../src/app/term";
import { defaultMethod } from "../../src/method/defaults";
import { readBallotBook } from "../../src/workbook/read/ballotBook";
import { ECONOMIC, LEADERS, VOTES, brief, read, sheet, smallBook, withCell } from "./helpers";

describe("vote counts", () => {
  it("a count above 100,000 (1e308 as a number or as text) is an error at its cell", () => {
    let rows = withCell(VOTES, 1, 4, 1e308);
    rows = withCell(rows, 2, 5, "1e308");
    rows = withCell(rows, 3, 6, 100_001);
    rows = withCell(rows, 4, 7, 100_000);
    const r = read({ votes: rows });
    expect(brief(r.errors)).toEqual(["民主测评!E2 invalidVote", "民主测评!F3 invalidVote", "民主测评!G4 invalidVote"]);
    expect(r.errors[0].message).toBe("「优秀」票数1e+308超出合理范围（不超过 100000）");
  });

  it("the run fails instead of ranking an infinite score first", () => {
    const book = smallBook({ votes: withCell(VOTES, 1, 4, 1e308) });
    const out = scoreBook({ book, method: { economic: { indicators: twoIndicators() } }, today: "2026-03-31" });
    expect(out.ok || out.kind).toBe("workbook");
    if (!out.ok && out.kind === "workbook") expect(out.errors.map((d) => d.cell)).toEqual(["民主测评!E2"]);
  });

  it("应到人数 of 测评组织 is bounded the same way", () => {
    const r = readBallotBook(
      [
        sheet("考核对象", LEADERS),
        sheet("测评票", [
          ["票号", "单位", "测评人类别", "姓名", "德", "能", "勤", "廉"],
          [1, "一公司", "上级", "甲", "优秀", "优秀", "优秀", "优秀"],
        ]),
        sheet("测评组织", [
          ["单位", "测评人类别", "应到人数"],
          ["一公司", "上级", 1e308],
        ]),
      ],
      defaultMethod(),
    );
    expect(brief(r.errors)).toEqual(["测评组织!C2 invalidExpected"]);
    expect(r.errors[0].message).toBe("应到人数1e+308超出合理范围（不超过 100000）");
  });
});

describe("targets and actuals of 经营业绩", () => {
  it("beyond 1e15, or non-zero within 1e-9 of 0, is an error at the cell (as a divisor it overflows d)", () => {
    let rows = withCell(ECONOMIC, 1, 1, 1e-320);
    rows = withCell(rows, 1, 2, 1e308);
    rows = withCell(rows, 2, 1, "-1e16");
    rows = withCell(rows, 2, 2, 0);
    rows = withCell(rows, 2, 3, 1e15);
    const r = read({ economic: rows });
    expect(brief(r.errors)).toEqual(["经营业绩!B2 outOfRange", "经营业绩!C2 outOfRange", "经营业绩!B3 outOfRange"]);
    expect(r.errors[0].message).toContain("过于接近 0");
    expect(r.errors[1].message).toContain("超出合理范围");
  });
});

describe("加减分 and 个人情况", () => {
  it("a 分值 above 100 points is an error at its cell", () => {
    const header = ["姓名", "单位", "类型", "分值", "事项"];
    const r = read({
      adjustments: [header, ["甲", "一公司", "减分", 1e308, "x"], ["乙", "二公司", "加分", 100, "y"]],
    });
    expect(brief(r.errors)).toEqual(["加减分!D2 outOfRange"]);
  });

  it("天数 above 366 is an error at its cell", () => {
    const header = ["姓名", "单位", "情形", "天数", "说明"];
    const r = read({ personal: [header, ["甲", "一公司", "病假", 1e308, null], ["乙", "二公司", "病假", 366, null]] });
    expect(brief(r.errors)).toEqual(["个人情况!D2 invalidDays"]);
    expect(r.errors[0].message).toBe("天数「1e+308」应为 0～366 的数字");
  });
});

function twoIndicators() {
  return [
    { name: "实现利润", aliases: [], weight: 60, direction: "higher" },
    { name: "主营业务收入", aliases: [], weight: 40, direction: "higher" },
  ];
}

describe("综合得分 read back for the term results (任期考核)", () => {
  it("past ±1000 is an error at its cell, not an infinite term score", () => {
    const results = (final: number) =>
      sheet("考核结果", [
        ["姓名", "单位", "综合得分", "等次"],
        ["甲", "一公司", final, "优秀"],
      ]);
    const out = termResults([
      { year: 2024, results: results(1e308), weight: 1 },
      { year: 2025, results: results(1e308), weight: 1 },
    ]);
    expect(out.ok ? [] : brief(out.errors)).toEqual(["考核结果!C2 outOfRange", "考核结果!C2 outOfRange"]);
    const fine = termResults([{ year: 2025, results: results(1000), weight: 1 }]);
    expect(fine.ok && fine.leaders[0].termScore).toBe(1000);
  });
});

describe("term weights far from 1", () => {
  it("give the same term score as weights of 1 (no overflow to NaN, no underflow)", () => {
    const results = (final: number) =>
      sheet("考核结果", [
        ["姓名", "单位", "综合得分", "等次"],
        ["甲", "一公司", final, "称职"],
      ]);
    for (const w of [1e308, 1e-320, 1]) {
      const out = termResults([
        { year: 2024, results: results(80), weight: w },
        { year: 2025, results: results(90), weight: w },
      ]);
      expect(out.ok && out.leaders[0].termScore, String(w)).toBe(85);
    }
  });
});
