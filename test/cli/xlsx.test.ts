import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyLayout, readXlsx, writeFileAtomic, writeXlsx, XlsxReadError } from "../../src/cli/xlsx";
import type { Assessment, LeaderExplanation, LeaderResult } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { cellAt, type Grid, type GridBook } from "../../src/workbook/grid";
import { RESULT_HEADERS, resultsLayout, type SheetLayout } from "../../src/workbook/layout";
import { RICH_SHEETS, richWorkbook } from "./richWorkbook";
import { definedNames, loadWorkbook, sheetSnapshot } from "./snapshot";
import { zipEntries } from "./zip";

const EXAMPLES = join(__dirname, "../../../shared/examples");
const LIBREOFFICE_FIXTURE = join(__dirname, "../fixtures/cli/rich-libreoffice.xlsx");
/**
 * Three sheets as Excel writes them: a table with a filter and a table without one, their parts written the
 * way Excel does (no headerRowCount, which defaults to 1; no filterColumn for a visible button), and a sheet
 * filter with its sheet-local `_xlnm._FilterDatabase` name. Made with ExcelJS, then those parts replaced.
 */
const EXCEL_TABLES_FIXTURE = join(__dirname, "../fixtures/cli/excel-tables.xlsx");

let dir: string;
let rich: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-xlsx-"));
  rich = join(dir, "rich.xlsx");
  await richWorkbook().xlsx.writeFile(rich);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sheet = (book: GridBook, name: string): Grid => {
  const g = book.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
};

/** A1 → 0-based row and column. */
const at = (g: Grid, a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return cellAt(g, Number(m[2]) - 1, col);
};

describe("readXlsx: ExcelJS sheets as Grids", () => {
  it("gives every sheet in tab order, and a merged area's value only in its top-left cell", async () => {
    const { book } = await readXlsx(join(EXAMPLES, "example-1.xlsx"));
    expect(book.map((g) => g.name)).toEqual(["考核对象", "经营业绩", "工作评价", "民主测评", "加减分"]);
    const econ = sheet(book, "经营业绩");
    // A1:A2, B1:C1 and D1:E1 are merged in this workbook; ExcelJS repeats the master's value in them.
    expect(econ.rows[0]).toEqual(["单位", "实现利润", null, "净资产收益率", null]);
    expect(econ.rows[1]).toEqual([null, "目标值", "完成值", "目标值", "完成值"]);
    expect(econ.rows[2]).toEqual(["一公司", 1000, 1090, 8, 8.4]);
    // Rows are dense arrays: no holes where cells are empty.
    const work = sheet(book, "工作评价");
    expect(work.rows[1]).toEqual(["一公司", "好", 96, 100]);
    for (const g of book) for (const r of g.rows) expect(r.every((v) => v !== undefined)).toBe(true);
  });

  it("reads text, rich text, hyperlinks, booleans, and text that looks like a formula", async () => {
    const { book } = await readXlsx(rich);
    expect(book.map((g) => g.name)).toEqual(RICH_SHEETS);
    const intro = sheet(book, "说明页");
    expect(at(intro, "A1")).toBe("2024 年度党组织负责人考核");
    for (const a of ["B1", "F1", "A2", "F2"]) expect(at(intro, a)).toBeNull();
    expect(at(intro, "A4")).toBe("注意：请勿修改表头");
    expect(at(intro, "A5")).toBe("考核办法");
    expect(at(intro, "A6")).toBe("=这不是公式");
    const leaders = sheet(book, "考核对象");
    expect([at(leaders, "G2"), at(leaders, "G3")]).toEqual([true, false]);
  });

  it("gives formulas' cached results, shared formulas too, null without one, and errors as {error}", async () => {
    const { book } = await readXlsx(rich);
    const econ = sheet(book, "经营业绩");
    expect(at(econ, "D3")).toBe(1.2345); // master of a shared formula
    expect(at(econ, "D4")).toBe(0.94); // a cell that shares D3's formula
    expect(at(econ, "C4")).toBe(470);
    expect(at(econ, "C5")).toEqual({ error: "#N/A" });
    expect(at(econ, "D5")).toEqual({ error: "#DIV/0!" }); // a formula whose result is an error
    expect(at(econ, "B6")).toBeNull(); // a formula saved without a result
    expect(at(econ, "C6")).toEqual(new Date(Date.UTC(2024, 0, 31))); // a date-formatted formula result
    expect(sheet(book, "隐藏参数").rows).toEqual([["优秀比例", 0.2]]);
  });

  it("gives dates as UTC midnight of the calendar day, in any time zone, dropping the time of day", async () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["Asia/Shanghai", "Pacific/Kiritimati", "America/Los_Angeles", "UTC"]) {
        process.env.TZ = tz;
        const { book } = await readXlsx(rich);
        const leaders = sheet(book, "考核对象");
        expect(at(leaders, "E2")).toEqual(new Date(Date.UTC(1975, 2, 15)));
        expect(at(leaders, "E4")).toEqual(new Date(Date.UTC(1977, 4, 15)));
        // 2024-03-15 18:30 is the 15th wherever the reader sits.
        expect(at(leaders, "F2")).toEqual(new Date(Date.UTC(2024, 2, 15)));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("reads the same Grids from the LibreOffice copy of the rich workbook", async () => {
    const a = await readXlsx(rich);
    const b = await readXlsx(LIBREOFFICE_FIXTURE);
    expect(b.book.map((g) => g.name)).toEqual(RICH_SHEETS);
    const econA = sheet(a.book, "经营业绩");
    const econB = sheet(b.book, "经营业绩");
    // LibreOffice recomputes what it can: the formula without a result now has one, and C5/B5 is #N/A.
    expect(at(econB, "B6")).toBe(1500);
    expect(at(econB, "D5")).toEqual({ error: "#N/A" });
    for (const a1 of ["A1", "B1", "C1", "B2", "C3", "D3", "D4", "C5", "C6"]) expect(at(econB, a1)).toEqual(at(econA, a1));
    expect(sheet(b.book, "考核对象").rows.slice(0, 3).map((r) => r.slice(0, 6))).toEqual(
      sheet(a.book, "考核对象").rows.slice(0, 3).map((r) => r.slice(0, 6)),
    );
  });

  it("refuses what is not an .xlsx workbook with a message in Chinese", async () => {
    const text = join(dir, "not.xlsx");
    await writeFile(text, "姓名,单位\n张三,一公司\n");
    const cases: [string, RegExp][] = [
      [join(dir, "missing.xlsx"), /文件不存在/],
      [text, /不是有效的 \.xlsx 工作簿/],
      [dir, /是目录/],
    ];
    for (const [path, message] of cases) {
      const e = await readXlsx(path).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(XlsxReadError);
      expect((e as Error).message).toMatch(message);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------

function leader(over: Partial<LeaderResult>): LeaderResult {
  return {
    index: 0, name: "甲", unit: "一公司", position: "党委书记", mode: null, employeeId: null,
    economic: 108.22, keyTasks: 100, partyBuilding: 96, safety: 100, work: 102.09, democratic: 93,
    excellentRate: 0.7, competentRate: 0.95, unfitRate: 0, adjustment: 2, final: 101.36, rank: 1,
    grade: "优秀", status: "graded", flags: [], explain: {} as LeaderExplanation, ...over,
  };
}

const assessment: Assessment = {
  leaders: [
    leader({}),
    leader({
      index: 1, name: "=乙", unit: "二公司", economic: null, work: null, final: null, rank: null,
      grade: "暂缓评定", status: "pending", flags: [{ code: "pending", message: "工作业绩缺失" }],
    }),
    leader({ index: 2, name: "丙", unit: "三公司", final: 65.5, rank: 2, grade: "基本称职", excellentRate: 0.125 }),
  ],
  qualification: null,
  warnings: [],
  summary: { graded: 2, pending: 1, quota: 1, excellent: 1, referenceDate: "2025-06-30" },
};

async function scored(input: string, layout: SheetLayout, name: string): Promise<string> {
  const { workbook } = await readXlsx(input);
  applyLayout(workbook, layout);
  const out = join(dir, name);
  await writeXlsx(workbook, out);
  return out;
}

describe("applyLayout", () => {
  it("adds 考核结果 as the last sheet of a workbook that has none", async () => {
    const out = await scored(join(EXAMPLES, "example-1.xlsx"), resultsLayout(assessment), "ex1.xlsx");
    const wb = await loadWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["考核对象", "经营业绩", "工作评价", "民主测评", "加减分", "考核结果"]);
  });

  it("replaces an earlier 考核结果 at the same tab position, with nothing of the old sheet left", async () => {
    const out = await scored(rich, resultsLayout(assessment), "rich-scored.xlsx");
    const wb = await loadWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(RICH_SHEETS);
    const ws = wb.getWorksheet("考核结果")!;
    expect(ws.model.merges).toEqual([]);
    expect(ws.getCell("A1").value).toBe("姓名");
    expect(ws.rowCount).toBe(4);
    // The name that pointed into the old sheet went with it; the others stay.
    expect(definedNames(wb)).toEqual([
      { name: "优秀比例", ranges: ["'隐藏参数'!$B$1"] },
      { name: "单位列表", ranges: ["'考核对象'!$B$2:$B$4"] },
    ]);
    // Replacing twice is the same as replacing once.
    const again = await scored(out, resultsLayout(assessment), "rich-scored-twice.xlsx");
    const wb2 = await loadWorkbook(again);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(RICH_SHEETS);
    expect(sheetSnapshot(wb2.getWorksheet("考核结果")!)).toEqual(sheetSnapshot(ws));
  });

  it("writes the values, formats, fills, notes, frozen panes and filter of the layout", async () => {
    const out = await scored(join(EXAMPLES, "example-2.xlsx"), resultsLayout(assessment), "ex2.xlsx");
    const ws = (await loadWorkbook(out)).getWorksheet("考核结果")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...RESULT_HEADERS]);
    const row2 = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row2).toEqual(["甲", "一公司", "党委书记", 108.22, 100, 96, 100, 102.09, 93, 0.7, 0.95, 0, 2, 101.36, 1, "优秀"]);
    // Missing values are empty cells.
    for (const a of ["D3", "H3", "N3", "O3"]) expect(ws.getCell(a).type).toBe(ExcelJS.ValueType.Null);
    expect(ws.getCell("P3").value).toBe("暂缓评定");
    expect(ws.getCell("Q3").value).toBe("工作业绩缺失");
    // A name that looks like a formula is text, never a formula, and formatted as text.
    expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A3").value).toBe("=乙");
    expect(ws.getCell("A3").numFmt).toBe("@");

    for (const c of ["D", "E", "F", "G", "H", "I", "M", "N"]) expect(ws.getCell(`${c}2`).numFmt).toBe("0.00");
    for (const c of ["J", "K", "L"]) expect(ws.getCell(`${c}4`).numFmt).toBe("0.00%");
    expect(ws.getCell("O2").numFmt).toBe("0");
    expect(ws.getCell("J4").value).toBe(0.125);

    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("Q1").fill).toMatchObject({ type: "pattern", pattern: "solid" });
    const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
    expect(ws.getCell("P2").fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS["优秀"]) } });
    expect(ws.getCell("P3").fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS["暂缓评定"]) } });
    expect(ws.getCell("P4").fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS["基本称职"]) } });

    const noteText = (a: string) => {
      const n = ws.getCell(a).note;
      return typeof n === "string" ? n : (n?.texts ?? []).map((t) => t.text).join("");
    };
    expect(noteText("O1")).toContain("不是公式");
    expect(noteText("P1")).toContain("优秀名额 1 名");

    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:Q4");
    const layout = resultsLayout(assessment);
    layout.columns.forEach((c, i) => expect(ws.getColumn(i + 1).width).toBeCloseTo(c.width, 6));
  });

  it("writes formulas with the engine's value as their cached result", async () => {
    const layout: SheetLayout = {
      ...resultsLayout(assessment),
      formulas: [{ row: 1, col: 7, formula: "=ROUND(0.4*D2+0.6*G2,2)" }],
    };
    const out = await scored(join(EXAMPLES, "example-1.xlsx"), layout, "formulas.xlsx");
    const ws = (await loadWorkbook(out)).getWorksheet("考核结果")!;
    expect(ws.getCell("H2").value).toEqual({ formula: "ROUND(0.4*D2+0.6*G2,2)", result: 102.09 });
  });
});

describe("round trip: every other sheet unchanged", () => {
  const inputs = [
    join(EXAMPLES, "example-1.xlsx"),
    join(EXAMPLES, "example-2.xlsx"),
    join(EXAMPLES, "example-3-qualification.xlsx"),
    LIBREOFFICE_FIXTURE,
    EXCEL_TABLES_FIXTURE,
    join(__dirname, "../../assets/sample.xlsx"),
  ];

  it.each([...inputs, "rich"])("%s", async (input) => {
    const path = input === "rich" ? rich : input;
    const out = await scored(path, resultsLayout(assessment), `rt-${inputs.indexOf(input)}.xlsx`);
    const before = await loadWorkbook(path);
    const after = await loadWorkbook(out);
    const others = (wb: ExcelJS.Workbook) => wb.worksheets.filter((w) => w.name !== "考核结果").map((w) => w.name);
    expect(others(after)).toEqual(others(before));
    for (const name of others(before)) {
      const b = sheetSnapshot(before.getWorksheet(name)!);
      const a = sheetSnapshot(after.getWorksheet(name)!);
      // Cell by cell first, for a readable failure.
      expect(Object.keys(a.cells).sort()).toEqual(Object.keys(b.cells).sort());
      for (const addr of Object.keys(b.cells)) expect({ addr, ...a.cells[addr] }).toEqual({ addr, ...b.cells[addr] });
      expect(a).toEqual(b);
    }
    const withoutResults = (wb: ExcelJS.Workbook) =>
      JSON.stringify(definedNames(wb) ?? []).includes("考核结果")
        ? (definedNames(wb) as { name: string; ranges: string[] }[]).filter((n) => !n.ranges.some((r) => r.includes("考核结果")))
        : definedNames(wb);
    expect(definedNames(after)).toEqual(withoutResults(before));
    // And the Grids the reader makes of them.
    const grids = async (p: string) => (await readXlsx(p)).book.filter((g) => g.name !== "考核结果");
    expect(await grids(out)).toEqual(await grids(path));
  });

  it("keeps Excel tables valid: header row, filter buttons, a filter range, as Excel wrote them", async () => {
    const out = await scored(EXCEL_TABLES_FIXTURE, resultsLayout(assessment), "tables.xlsx");
    const parts = zipEntries(out);
    const withFilter = parts.get("xl/tables/table1.xml")!;
    // headerRowCount="0" beside an autoFilter is what makes Excel repair a file ExcelJS saved.
    expect(withFilter).not.toMatch(/headerRowCount="0"/);
    expect(withFilter).toMatch(/<autoFilter ref="A1:C3"/);
    expect(withFilter).not.toMatch(/hiddenButton="1"/);
    const withoutFilter = parts.get("xl/tables/table2.xml")!;
    expect(withoutFilter).not.toMatch(/headerRowCount="0"/);
    expect(withoutFilter).toMatch(/<autoFilter ref="B2:C3"/); // never an autoFilter without a range
    const after = await loadWorkbook(out);
    const before = await loadWorkbook(EXCEL_TABLES_FIXTURE);
    for (const ws of before.worksheets) expect(sheetSnapshot(after.getWorksheet(ws.name)!).cells).toEqual(sheetSnapshot(ws).cells);
  });

  it("writes each sheet filter's name local to its sheet, the one of 考核结果 included", async () => {
    const out = await scored(EXCEL_TABLES_FIXTURE, resultsLayout(assessment), "filters.xlsx");
    const book = zipEntries(out).get("xl/workbook.xml")!;
    const names = [...book.matchAll(/<definedName name="_xlnm._FilterDatabase" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map(
      (m) => [Number(m[1]), m[2].replace(/&apos;/g, "'")],
    );
    expect(names).toEqual([
      [2, "'民主测评'!$A$1:$C$2"],
      [3, "'考核结果'!$A$1:$Q$4"],
    ]);
    expect(book.match(/_xlnm._FilterDatabase/g)).toHaveLength(2);
  });

  it("keeps a column of width exactly 9, which ExcelJS alone would drop", async () => {
    const { workbook } = await readXlsx(join(EXAMPLES, "example-1.xlsx"));
    // As if the file had said <col min="2" max="2" width="9" customWidth="1"/>, as WPS often writes.
    workbook.getWorksheet("考核对象")!.getColumn(2).width = 9;
    workbook.getWorksheet("考核对象")!.getColumn(3).width = 12;
    applyLayout(workbook, resultsLayout(assessment));
    const out = join(dir, "nine.xlsx");
    await writeXlsx(workbook, out);
    const after = (await loadWorkbook(out)).getWorksheet("考核对象")!;
    expect(after.getColumn(2).width).toBeCloseTo(9, 6);
    expect(after.getColumn(3).width).toBe(12);
  });
});

describe("writing files", () => {
  it("creates missing parent directories and leaves no temporary file behind", async () => {
    const target = join(dir, "a", "b", "c", "out.json");
    await writeFileAtomic(target, "{}\n");
    expect(await readdir(join(dir, "a", "b", "c"))).toEqual(["out.json"]);
  });

  it("leaves neither the file nor a temporary file when the write fails", async () => {
    const blocked = join(dir, "blocked");
    await writeFileAtomic(join(blocked, "x", "keep.txt"), "x");
    // The target is an existing directory: the rename fails.
    await expect(writeFileAtomic(join(blocked, "x"), "data")).rejects.toThrow();
    expect(await readdir(blocked)).toEqual(["x"]);
    expect(await readdir(join(blocked, "x"))).toEqual(["keep.txt"]);
  });
});
