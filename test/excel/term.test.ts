/**
 * 任期考核 on the fake Excel: a workbook holding 考核结果2023 … 考核结果2025 gives per leader the term score,
 * the missing years and consecutiveLow from one read; with `write`, the sheet 任期考核 with the command line's
 * `term --out` layout, in three round trips, nothing else changed, and 撤销 takes it away again.
 */
import { describe, expect, it } from "vitest";
import { termResults } from "../../src/app/term";
import { yearlyResultSheets } from "../../src/app/termSheets";
import { SNAPSHOT_SHEET } from "../../src/excel/gateway";
import type { Grid, GridBook } from "../../src/workbook/grid";
import { TERM_SHEET, termLayout } from "../../src/workbook/termLayout";
import { FakeExcel, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { addinOn, dumpsExcept } from "./helpers";

const HEAD = ["姓名", "单位", "综合得分", "等次"];

function year(name: string, rows: (string | number)[][]): Grid {
  return { name, rows: [HEAD, ...rows] };
}

/** Three years, the sheets out of order: 王五 has no row in 2024; 李四 is 基本称职, then 不称职. */
function book(): GridBook {
  return [
    {
      name: "考核对象",
      rows: [
        ["姓名", "单位"],
        ["张三", "甲公司"],
      ],
    },
    year("考核结果2023", [
      ["张三", "甲公司", 92.5, "优秀"],
      ["李四", "乙公司", 68, "基本称职"],
      ["王五", "丙公司", 80, "称职"],
    ]),
    year("考核结果 2025", [
      ["张三", "甲公司", 90.01, "称职"],
      ["李四", "乙公司", 75, "称职"],
      ["王五", "丙公司", 81, "称职"],
    ]),
    year("考核结果2024", [
      ["张三", "甲公司", 88.25, "称职"],
      ["李四", "乙公司", 55, "不称职"],
    ]),
    { name: "说明", rows: [["考核结果2022年的表已删除"]] },
  ];
}

const NAMES = book().map((g) => g.name);

describe("yearlyResultSheets", () => {
  it("finds 考核结果 with a year, in year order, and nothing else", () => {
    expect(yearlyResultSheets(NAMES)).toEqual([
      { name: "考核结果2023", year: 2023 },
      { name: "考核结果2024", year: 2024 },
      { name: "考核结果 2025", year: 2025 },
    ]);
    expect(yearlyResultSheets(["考核结果", "考核结果（2021年度）", "考核结果20245", "旧考核结果2020"])).toEqual([
      { name: "考核结果（2021年度）", year: 2021 },
    ]);
  });
});

describe("term", () => {
  it("reads the yearly sheets in one round trip and gives what the core gives, writing nothing", async () => {
    const fake = new FakeExcel(workbookFromGridBook(book()));
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).term({ sheets: NAMES, weights: [1, 1, 2] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.syncs).toBe(1);
    expect(r.written).toBe(false);
    expect(dumpWorkbook(fake.state)).toEqual(before);
    expect(r.years).toEqual([
      { year: 2023, weight: 1, sheet: "考核结果2023" },
      { year: 2024, weight: 1, sheet: "考核结果2024" },
      { year: 2025, weight: 2, sheet: "考核结果 2025" },
    ]);
    const by = new Map(r.leaders.map((l) => [l.name, l]));
    // docs/method.md §14's example: (92.5 + 88.25 + 2 × 90.01) ÷ 4 = 90.1925 → 90.19.
    expect(by.get("张三")!.termScore).toBe(90.19);
    expect(by.get("王五")!.missingYears).toEqual([2024]);
    expect(by.get("王五")!.termScore).toBe(Math.round(((80 + 2 * 81) / 3) * 100) / 100);
    expect(by.get("李四")!.flags.map((f) => f.code)).toEqual(["consecutiveLow"]);
    expect(by.get("张三")!.flags).toEqual([]);
  });

  it("writes 任期考核 as the command line does, in three round trips, and 撤销 takes it away", async () => {
    const fake = new FakeExcel(workbookFromGridBook(book()));
    const before = dumpWorkbook(fake.state);
    const addin = addinOn(fake);
    const r = await addin.term({ sheets: NAMES, weights: [1, 1, 2], write: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.written).toBe(true);
    expect(fake.stats.syncs).toBe(3);
    expect(dumpsExcept(fake.state, [TERM_SHEET, SNAPSHOT_SHEET])).toEqual(before);

    // The command line's layout: termResults over the same sheets, termLayout.
    const grids = new Map(book().map((g) => [g.name, g]));
    const cli = termResults(
      yearlyResultSheets(NAMES).map((y, i) => ({ year: y.year, results: grids.get(y.name)!, weight: [1, 1, 2][i] })),
    );
    if (!cli.ok) throw new Error("the core failed");
    const layout = termLayout(cli.years, cli.leaders);
    const sheet = gridBookOf(fake.state).find((g) => g.name === TERM_SHEET)!;
    const trim = (rows: unknown[][]) => rows.map((row) => row.map((v) => (v === undefined ? null : v)));
    const width = layout.values[0].length;
    expect(trim(sheet.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null)))).toEqual(
      trim(layout.values),
    );
    expect(fake.state.active()!.name).toBe(TERM_SHEET);

    const u = await addin.undoLast();
    expect(u).toMatchObject({ restored: true, sheet: TERM_SHEET, deleted: true });
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("an ambiguous match is an error naming both cells, and nothing is written", async () => {
    const b = book();
    (b[1].rows as (string | number)[][]).push(["张三", "甲公司", 70, "称职"]);
    const fake = new FakeExcel(workbookFromGridBook(b));
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).term({ sheets: NAMES, write: true });
    if (r.ok) throw new Error("expected an error");
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].cell).toContain("考核结果2023!");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });
});
