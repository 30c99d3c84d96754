/**
 * The gateway's read gives the Grids the xlsx adapter gives for the same file (src/workbook/grid.ts
 * conventions), and its writes split at the request budget without changing what is written.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx";
import { INPUT_SHEETS, RESULTS_SHEET, readBook } from "../../src/excel/gateway";
import { Session, detectApi } from "../../src/excel/session";
import type { GridBook } from "../../src/workbook/grid";
import { FakeExcel, dumpWorkbook, workbookFromGridBook } from "./fake";
import { workbookFromXlsx } from "./fakeXlsx";
import { EXAMPLES, TODAY, addinOn, example, fakeFromXlsx, withoutSheets } from "./helpers";

async function gatewayRead(fake: FakeExcel, sheets: readonly string[] = INPUT_SHEETS): Promise<GridBook> {
  return fake.run(async (ctx) => (await readBook(new Session(ctx, detectApi(fake.isSetSupported)), sheets)).book);
}

/** The sheets of `book` that the gateway reads, by name; rows without trailing empty cells (rows are ragged). */
function only(book: GridBook, names: readonly string[]): GridBook {
  return book
    .filter((g) => names.includes(g.name))
    .map((g) => {
      const rows = g.rows.map((row) => {
        const r = [...row];
        while (r.length > 0 && r[r.length - 1] === null) r.pop();
        return r;
      });
      while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
      return { name: g.name, rows };
    });
}

/** A workbook with what the reader meets in practice: dates in several formats, errors, merges, text numbers. */
async function variedWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const leaders = wb.addWorksheet("考核对象");
  leaders.addRow(["姓名", "单位", "职务", "任职模式", "工号"]);
  leaders.addRow(["张三", "一公司", "党委书记", "交叉任职", "00123"]);
  leaders.addRow(["李四", "二公司", "党委书记", null, 456]);
  leaders.addRow(["合计", null, null, null, null]);
  const econ = wb.addWorksheet("经营业绩");
  econ.addRow(["单位", "实现利润（万元）", null, "净资产收益率", null]);
  econ.addRow([null, "目标值", "完成值", "目标", "完成"]);
  econ.mergeCells("A1:A2");
  econ.mergeCells("B1:C1");
  econ.mergeCells("D1:E1");
  econ.addRow(["一公司", 1000, "1,090", 0.08, 0.084]);
  econ.addRow(["二公司", 500, { error: "#N/A" }, "8%", "—"]);
  econ.getCell("D3").numFmt = "0.0%";
  econ.getCell("E3").numFmt = "0.0%";
  const qual = wb.addWorksheet("资质审查");
  qual.addRow(["姓名", "单位", "出生日期", "学历", "入党时间", "参加工作时间", "部门经历数"]);
  const formats = ["yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "m/d/yyyy", "yyyy/m/d h:mm"];
  formats.forEach((f, i) => {
    const row = qual.addRow([
      `候选${i}`,
      "一公司",
      new Date(Date.UTC(1975 + i, 2, 15)),
      "本科",
      "1999.07",
      new Date(Date.UTC(1998, 6, 1)),
      true,
    ]);
    row.getCell(3).numFmt = f;
    row.getCell(6).numFmt = "yyyy-mm-dd";
  });
  const votes = wb.addWorksheet("民主测评");
  votes.addRow(["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"]);
  votes.addRow(["张三", "一公司", "上级", "德", 8, 2, 0, { error: "#DIV/0!" }]);
  wb.addWorksheet("说明").addRow(["这张表不读"]);
  const file = join(mkdtempSync(join(tmpdir(), "kaoping-gw-")), "varied.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("reading", () => {
  it.each(EXAMPLES)("gives the same Grids as the xlsx adapter for %s", async (name) => {
    const ex = example(name);
    const fake = await fakeFromXlsx(ex.xlsx);
    const viaExcel = await gatewayRead(fake);
    const viaFile = (await readXlsx(ex.xlsx)).book;
    expect(viaExcel.map((g) => g.name)).toEqual(viaFile.map((g) => g.name));
    expect(only(viaExcel, INPUT_SHEETS)).toEqual(only(viaFile, INPUT_SHEETS));
    expect(fake.stats.syncs).toBe(1);
  });

  it("gives the same Grids for dates in several formats, errors, merges and text numbers", async () => {
    const file = await variedWorkbook();
    const fake = new FakeExcel(await workbookFromXlsx(file));
    const viaExcel = await gatewayRead(fake);
    const viaFile = (await readXlsx(file)).book;
    expect(only(viaExcel, INPUT_SHEETS)).toEqual(only(viaFile, INPUT_SHEETS));
    // Sheets the reader does not use are listed (for the tab order) but not read.
    expect(viaExcel.find((g) => g.name === "说明")).toEqual({ name: "说明", rows: [] });
    const qual = viaExcel.find((g) => g.name === "资质审查")!;
    expect(qual.rows[1][2]).toEqual(new Date(Date.UTC(1975, 2, 15)));
    expect(qual.rows[2][2]).toEqual(new Date(Date.UTC(1976, 2, 15)));
    expect(viaExcel.find((g) => g.name === "经营业绩")!.rows[3][2]).toEqual({ error: "#N/A" });
  });

  it("reads in smaller and smaller parts while Excel finds an answer too large, and gets the same Grids", async () => {
    const long = "较长的说明文字".repeat(70);
    const book: GridBook = [
      {
        name: "考核对象",
        rows: [
          ["姓名", "单位", "职务"],
          ...Array.from({ length: 300 }, (_, i) => [`人${i}`, `单位${i}`, `${i}${long}`]),
        ],
      },
      { name: "说明", rows: [["不读"]] },
    ];
    const whole = new FakeExcel(workbookFromGridBook(book));
    const expected = await gatewayRead(whole);
    const limited = new FakeExcel(workbookFromGridBook(book));
    limited.responseLimit = 200_000;
    const got = await gatewayRead(limited);
    expect(got).toEqual(expected);
    const failed = limited.stats.requests.filter((q) => q.failed === "ResponsePayloadSizeLimitExceeded").length;
    expect(failed).toBeGreaterThan(1);
    expect(limited.stats.requests.filter((q) => !q.failed).every((q) => q.responseBytes <= 200_000)).toBe(true);
  });

  it("reads a sheet whose name has spaces around it, in one more round trip", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    fake.state.sheet("工作评价")!.name = " 工作评价 ";
    const book = await gatewayRead(fake);
    expect(book.find((g) => g.name === " 工作评价 ")!.rows.length).toBeGreaterThan(1);
    expect(fake.stats.syncs).toBe(2);
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    expect(r.ok).toBe(true);
  });
});

describe("writing", () => {
  it("splits a write above the request budget into several requests, with the same outcome", async () => {
    const ex = example("example-2");
    const whole = await fakeFromXlsx(ex.xlsx);
    await addinOn(whole).calculate({ today: TODAY, method: ex.method });
    const split = await fakeFromXlsx(ex.xlsx);
    const budget = 2500;
    await addinOn(split, { maxRequestBytes: budget }).calculate({ today: TODAY, method: ex.method });
    const writes = split.stats.requests.slice(1);
    expect(writes.length).toBeGreaterThan(3);
    // Each request stays within the budget (one action alone may pass it only if it cannot be split).
    for (const q of writes) expect(q.bytes).toBeLessThanOrEqual(budget + 1024);
    expect(writes.every((q) => q.calculationSuspended)).toBe(true);
    const a = withoutSheets(dumpWorkbook(whole.state), ["_kaoping_snapshot"]);
    const b = withoutSheets(dumpWorkbook(split.state), ["_kaoping_snapshot"]);
    expect(b).toEqual(a);
    expect(dumpWorkbook(split.state)[RESULTS_SHEET]).toEqual(dumpWorkbook(whole.state)[RESULTS_SHEET]);
  });
});
