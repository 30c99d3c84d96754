/**
 * 计算 on the fake Excel: the worked examples and a 2,000-leader workbook score in at most three round trips,
 * the results equal the command line's, and nothing outside 考核结果 (and the snapshot) changes.
 */
import { describe, expect, it } from "vitest";
import { resultDocument } from "../../src/app/report";
import { KaopingExcelError } from "../../src/excel/addin";
import { RESULTS_SHEET, SNAPSHOT_SHEET } from "../../src/excel/gateway";
import { RESULT_HEADERS } from "../../src/workbook/layout";
import { compareResults } from "../support/compare";
import type { Expected } from "../support/case";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bigBook, gridBookToExcelJS } from "./bigBook";
import { FakeExcel, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { EXAMPLES, TODAY, addinOn, cliResult, cliResultOfBook, dumpsExcept, example, fakeFromXlsx } from "./helpers";

describe.each(EXAMPLES)("%s", (name) => {
  const ex = example(name);

  it("scores in three round trips, as the CLI does, touching nothing but 考核结果 and the snapshot", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const before = dumpsExcept(fake.state);
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method, referenceDate: ex.referenceDate });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.syncs).toBe(3);
    expect(fake.stats.syncs).toBe(3);

    const doc = resultDocument(r.assessment);
    expect(doc).toEqual(await cliResult(ex.xlsx, ex.method, ex.referenceDate));
    expect(compareResults(doc, ex.expected as Expected)).toEqual([]);
    expect(dumpsExcept(fake.state)).toEqual(before);

    // The sheet shows what the assessment says, row by row (values as Excel holds them).
    const results = gridBookOf(fake.state).find((g) => g.name === RESULTS_SHEET)!;
    expect(results.rows[0]).toEqual([...RESULT_HEADERS]);
    doc.leaders.forEach((l, i) => {
      const row = results.rows[i + 1];
      expect(row[0]).toBe(l.name);
      expect(row[1]).toBe(l.unit);
      expect(row[13] ?? null).toBe(l.final);
      expect(row[15]).toBe(l.grade);
    });
    const snapshot = fake.state.sheet(SNAPSHOT_SHEET)!;
    expect(snapshot.visibility).toBe("VeryHidden");
  });
});

describe("the method", () => {
  it("comes from the 考核方法 sheet as well as from the API, with the same result", async () => {
    const ex = example("example-1");
    const viaApi = await fakeFromXlsx(ex.xlsx);
    const a = await addinOn(viaApi).calculate({ today: TODAY, method: ex.method });
    const viaSheet = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(viaSheet);
    const saved = await addin.saveMethod(ex.method);
    expect(saved.ok).toBe(true);
    viaSheet.resetStats();
    const b = await addin.calculate({ today: TODAY });
    if (!a.ok || !b.ok) throw new Error("not scored");
    expect(resultDocument(b.assessment)).toEqual(resultDocument(a.assessment));
    expect(b.method.economic.indicators.map((i) => i.name)).toEqual(["实现利润", "净资产收益率"]);
    expect(viaSheet.stats.syncs).toBe(3);
  });
});

describe("a 2,000-leader workbook", () => {
  const book = bigBook(2000);
  let file: string | null = null;
  /** The same workbook as an .xlsx file, for the CLI's reader. */
  async function xlsxFile(): Promise<string> {
    if (file === null) {
      file = join(mkdtempSync(join(tmpdir(), "kaoping-big-")), "big.xlsx");
      await gridBookToExcelJS(book).xlsx.writeFile(file);
    }
    return file;
  }

  it("scores in at most three round trips, each request and answer within Excel on the web's 5 MB", async () => {
    const fake = new FakeExcel(workbookFromGridBook(book));
    fake.payloadLimit = 5_000_000;
    fake.responseLimit = 5_000_000;
    const before = dumpsExcept(fake.state);
    const r = await addinOn(fake).calculate({ today: TODAY });
    if (!r.ok) throw new Error(JSON.stringify(r.errors).slice(0, 500));
    expect(r.assessment.leaders).toHaveLength(2000);
    expect(fake.stats.syncs).toBeLessThanOrEqual(3);
    expect(r.syncs).toBe(fake.stats.syncs);
    // The write is one request, with calculation suspended.
    const last = fake.stats.requests.at(-1)!;
    expect(last.calculationSuspended).toBe(true);
    expect(dumpsExcept(fake.state)).toEqual(before);

    // Equal to the CLI's, which reads the same workbook from an .xlsx file.
    expect(resultDocument(r.assessment)).toEqual(await cliResult(await xlsxFile(), undefined, undefined));
  });

  it("scores again over its own earlier results in three round trips", async () => {
    const fake = new FakeExcel(workbookFromGridBook(book));
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY });
    fake.resetStats();
    const r = await addin.calculate({ today: TODAY });
    expect(r.ok).toBe(true);
    expect(fake.stats.syncs).toBe(3);
  });

  it("reads in parts when Excel refuses an answer as too large, and scores the same", async () => {
    const fake = new FakeExcel(workbookFromGridBook(book));
    fake.responseLimit = 2_300_000;
    const r = await addinOn(fake).calculate({ today: TODAY });
    if (!r.ok) throw new Error("not scored");
    expect(fake.stats.requests[0].failed).toBe("ResponsePayloadSizeLimitExceeded");
    expect(fake.stats.requests.every((q) => q.failed !== undefined || q.responseBytes <= 2_300_000)).toBe(true);
    expect(resultDocument(r.assessment)).toEqual(cliResultOfBook(book, undefined, undefined));
  });
});

describe("errors", () => {
  it("a workbook with errors is read once and nothing is written", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const votes = fake.state.sheet("民主测评")!;
    votes.edit(2, 4).value = "约10";
    votes.edit(2, 4).type = "String";
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "workbook") throw new Error("expected workbook errors");
    expect(r.errors.map((e) => e.cell)).toContain("民主测评!E3");
    expect(r.syncs).toBe(1);
    expect(fake.stats.syncs).toBe(1);
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("an invalid method document is reported by path and nothing is written", async () => {
    const fake = await fakeFromXlsx(example("example-1").xlsx);
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).calculate({ today: TODAY, method: { final: { workWeight: -1 } } });
    if (r.ok || r.kind !== "method") throw new Error("expected method errors");
    expect(r.errors[0].path).toContain("final.workWeight");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("a protected 考核结果 gives 请先撤销工作表保护, before anything is written", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method });
    fake.state.sheet(RESULTS_SHEET)!.protected = true;
    const before = dumpWorkbook(fake.state);
    const err = await addin.calculate({ today: TODAY, method: ex.method }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KaopingExcelError);
    expect((err as Error).message).toContain("请先撤销工作表保护");
    expect((err as Error).message).toContain("考核结果");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("a protected sheet met while writing (Excel's own AccessDenied) gives the same advice, and changes nothing", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method });
    // Not checked before writing (nobody protects a very hidden sheet): Excel refuses the snapshot write.
    fake.state.sheet(SNAPSHOT_SHEET)!.protected = true;
    const before = dumpWorkbook(fake.state);
    const err = await addin.calculate({ today: TODAY, method: ex.method }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KaopingExcelError);
    expect((err as KaopingExcelError).code).toBe("AccessDenied");
    expect((err as Error).message).toContain("请先撤销工作表保护");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("a workbook whose structure is protected: no first run (a sheet must be added), later runs go on", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    fake.state.protected = true;
    const before = dumpWorkbook(fake.state);
    const err = await addinOn(fake)
      .calculate({ today: TODAY, method: ex.method })
      .catch((e: unknown) => e);
    expect((err as Error).message).toContain("撤销工作簿保护");
    expect(dumpWorkbook(fake.state)).toEqual(before);
    fake.state.protected = false;
    await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    fake.state.protected = true;
    const again = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    expect(again.ok).toBe(true);
    // Undo cannot delete the snapshot sheet then; it empties it, so that nothing is restored twice.
    expect(await addinOn(fake).undoLast()).toMatchObject({ restored: true });
    expect(await addinOn(fake).undoLast()).toMatchObject({ restored: false });
  });

  it("a hidden 考核结果 is rewritten without being shown", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method });
    fake.state.sheet(RESULTS_SHEET)!.visibility = "Hidden";
    fake.state.activeSheetId = fake.state.sheets[0].id;
    const r = await addin.calculate({ today: TODAY, method: ex.method });
    expect(r.ok).toBe(true);
    expect(fake.state.active()!.name).toBe("考核对象");
  });

  it("cell edit mode gives 请先按 Enter 或 Esc 结束单元格编辑", async () => {
    const fake = await fakeFromXlsx(example("example-1").xlsx);
    fake.cellEditMode = true;
    const before = dumpWorkbook(fake.state);
    const err = await addinOn(fake)
      .calculate({ today: TODAY })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KaopingExcelError);
    expect((err as Error).message).toContain("请先按 Enter 或 Esc 结束单元格编辑");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("Excel 2016 (ExcelApi 1.1) is told which Excel scores", async () => {
    const fake = new FakeExcel(workbookFromGridBook([]), { requirements: "Excel 2016" });
    const err = await addinOn(fake)
      .calculate({ today: TODAY })
      .catch((e: unknown) => e);
    // In plain words (the pane shows it as it is): which Excel, not which requirement set.
    expect((err as Error).message).toContain("考评需要 Excel 2019 及以上版本、Microsoft 365、Mac 版或网页版 Excel");
    expect((err as Error).message).not.toContain("ExcelApi");
    expect(fake.stats.syncs).toBe(0);
  });
});

describe("volume-licensed Excel 2019 (ExcelApi 1.7, the lowest Excel that scores)", () => {
  it("scores, undoes and makes the template exactly as the command line, without data validation", async () => {
    const ex = example("example-2");
    const fake = await fakeFromXlsx(ex.xlsx, "Excel 2019");
    const before = dumpWorkbook(fake.state);
    const addin = addinOn(fake);
    expect(addin.supports()).toMatchObject({ version: "1.7", scoring: true, validation: false, nativeCharts: false });
    const r = await addin.calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    expect(r.syncs).toBe(3);
    expect(r.notesVia).toBe("none");
    expect(resultDocument(r.assessment)).toEqual(await cliResult(ex.xlsx, ex.method, undefined));
    const sheet = dumpWorkbook(fake.state)[RESULTS_SHEET];
    expect(sheet.validations).toEqual([]);
    expect(sheet.notes).toEqual({});
    expect(sheet.freeze).toEqual({ rows: 1, columns: 2 });
    // Undo restores the workbook as it was (the snapshot reads no data validation either).
    expect(await addin.undoLast()).toMatchObject({ restored: true });
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("新建模板 creates the sheets without drop-downs and says so; 插入会议图表 is refused in plain words", async () => {
    const fake = new FakeExcel(workbookFromGridBook([]), { requirements: "Excel 2019" });
    const addin = addinOn(fake);
    const t = await addin.createTemplate();
    if (!t.ok) throw new Error("no template");
    expect(t.created.length).toBeGreaterThan(3);
    expect(t).toMatchObject({ notesVia: "none", validations: false });
    for (const name of t.created) expect(dumpWorkbook(fake.state)[name].validations).toEqual([]);
    const syncs = fake.stats.syncs;
    const err = await addin.insertMeetingCharts({ today: TODAY, mode: "native" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KaopingExcelError);
    expect((err as Error).message).toContain("导出会议幻灯片");
    expect((err as Error).message).not.toContain("ExcelApi");
    expect(fake.stats.syncs).toBe(syncs);
  });
});

describe("ExcelApi 1.8 (Microsoft 365 of 2018)", () => {
  it("scores the same without AutoFilter and notes: the header explanations become input messages", async () => {
    const ex = example("example-2");
    const fake = await fakeFromXlsx(ex.xlsx, "ExcelApi 1.8");
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    expect(r.syncs).toBe(3);
    expect(r.autoFilter).toBe(false);
    expect(r.notesVia).toBe("prompt");
    expect(resultDocument(r.assessment)).toEqual(await cliResult(ex.xlsx, ex.method, undefined));
    const sheet = dumpWorkbook(fake.state)[RESULTS_SHEET];
    expect(sheet.autoFilter).toBeNull();
    expect(sheet.notes).toEqual({});
    const prompts = sheet.validations.filter((v) => v.prompt !== null);
    expect(prompts.map((v) => v.range).sort()).toEqual(["O1", "P1"]);
    expect(sheet.freeze).toEqual({ rows: 1, columns: 2 });
  });

  it("Microsoft 365 with notes (1.18) writes notes and an AutoFilter", async () => {
    const ex = example("example-2");
    const fake = await fakeFromXlsx(ex.xlsx, "ExcelApi 1.18");
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    expect(r.notesVia).toBe("notes");
    const sheet = dumpWorkbook(fake.state)[RESULTS_SHEET];
    expect(Object.keys(sheet.notes).sort()).toEqual(["O1", "P1"]);
    expect(sheet.autoFilter).toBe(`A1:Q${r.assessment.leaders.length + 1}`);
  });
});

describe("the results sheet", () => {
  it("keeps text that looks like a formula or a number as text, and formats scores and rates", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const leaders = fake.state.sheet("考核对象")!;
    // A position of "=A1" and one of "3-1" must arrive as typed.
    leaders.edit(1, 2).value = "=A1";
    leaders.edit(2, 2).value = "3-1";
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    const sheet = dumpWorkbook(fake.state)[RESULTS_SHEET];
    expect(sheet.cells.C2).toMatchObject({ value: "=A1", type: "String", numberFormat: "@" });
    expect(sheet.cells.C3).toMatchObject({ value: "3-1", type: "String", numberFormat: "@" });
    expect(sheet.cells.D2.numberFormat).toBe("0.00");
    expect(sheet.cells.J2.numberFormat).toBe("0.00%");
    expect(sheet.cells.A1).toMatchObject({ bold: true, fill: "#D9E1F2" });
    expect(Object.keys(sheet.widths)).toHaveLength(RESULT_HEADERS.length);
  });

  it("replaces an earlier 考核结果 in place: same tab position, other sheets untouched", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const old = fake.state.addSheet(RESULTS_SHEET);
    fake.state.sheets.splice(fake.state.sheets.indexOf(old), 1);
    fake.state.sheets.splice(1, 0, old);
    for (let r = 0; r < 30; r++)
      for (let c = 0; c < 20; c++) ((old.edit(r, c).value = `旧${r},${c}`), (old.edit(r, c).type = "String"));
    old.merges.push({ top: 0, left: 0, bottom: 0, right: 3 });
    const id = old.id;
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    const now = fake.state.sheet(RESULTS_SHEET)!;
    expect(now.id).toBe(id);
    expect(fake.state.sheets.indexOf(now)).toBe(1);
    const grid = gridBookOf(fake.state).find((g) => g.name === RESULTS_SHEET)!;
    expect(grid.rows).toHaveLength(r.assessment.leaders.length + 1);
    expect(grid.rows.flat().some((v) => typeof v === "string" && v.startsWith("旧"))).toBe(false);
    expect(now.merges).toEqual([]);
  });
});

describe("preview (score without writing)", () => {
  it("gives the same assessment as 计算 in one round trip and changes no cell at all", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).preview({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.syncs).toBe(1);
    expect(dumpWorkbook(fake.state)).toEqual(before);
    expect(resultDocument(r.assessment)).toEqual(await cliResult(ex.xlsx, ex.method, ex.referenceDate));
  });

  it("reports workbook errors like 计算 does", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    fake.state.sheet("民主测评")!.edit(2, 4).value = "约10";
    fake.state.sheet("民主测评")!.edit(2, 4).type = "String";
    const r = await addinOn(fake).preview({ today: TODAY, method: ex.method });
    if (r.ok || r.kind !== "workbook") throw new Error("expected workbook errors");
    expect(r.errors.map((e) => e.cell)).toContain("民主测评!E3");
  });
});
