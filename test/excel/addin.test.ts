/** The operations the pane calls, besides 计算 and 撤销: status, the method, cell links, the selected leader. */
import { describe, expect, it } from "vitest";
import { KaopingExcelError, createAddin } from "../../src/excel/addin";
import { RESULTS_SHEET } from "../../src/excel/gateway";
import { defaultMethod } from "../../src/method/defaults";
import { METHOD_SHEET, methodToSheet } from "../../src/workbook/methodSheet";
import { FakeExcel, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { TODAY, addinOn, example, fakeFromXlsx, withoutSheets } from "./helpers";

describe("supports", () => {
  it.each([
    ["ExcelApi 1.8", "cdn", "1.8", false, "prompt"],
    ["Excel 2021", "cdn", "1.14", true, "prompt"],
    ["Excel 2024", "cdn", "1.17", true, "prompt"],
    ["ExcelApi 1.18", "cdn", "1.18", true, "notes"],
    ["Microsoft 365", "cdn", "1.20", true, "notes"],
    ["Microsoft 365", "office.js 1.1.110", "1.20", true, "prompt"],
  ])("detects %s with the %s library", (req, library, version, autoFilter, notes) => {
    const fake = new FakeExcel(workbookFromGridBook([]), { requirements: req, library });
    const s = addinOn(fake).supports();
    expect(s).toMatchObject({ version, scoring: true, autoFilter, headerNotes: notes });
    expect(fake.stats.syncs).toBe(0);
  });

  it("Excel 2016 (ExcelApi 1.1) cannot score; volume-licensed Excel 2019 (1.7) can, without validation", () => {
    const old = addinOn(new FakeExcel(workbookFromGridBook([]), { requirements: "Excel 2016" })).supports();
    expect(old).toMatchObject({ version: "1.1", scoring: false });
    const vl = addinOn(new FakeExcel(workbookFromGridBook([]), { requirements: "Excel 2019" })).supports();
    expect(vl).toMatchObject({ version: "1.7", scoring: true, validation: false, headerNotes: "none" });
  });
});

describe("inspect", () => {
  it("lists the standard sheets, the counts and every diagnostic in one round trip", async () => {
    const ex = example("example-2");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.saveMethod(ex.method);
    fake.resetStats();
    const s = await addin.inspect();
    expect(s.syncs).toBe(1);
    expect(fake.stats.syncs).toBe(1);
    expect(s.sheets.filter((x) => x.found).map((x) => x.name)).toEqual([
      "考核对象",
      "经营业绩",
      "工作评价",
      "民主测评",
      "考核方法",
    ]);
    expect(s.sheets.find((x) => x.name === "加减分")).toEqual({ name: "加减分", required: false, found: false });
    expect(s.counts).toEqual({
      leaders: 3,
      units: 3,
      voteRows: 32,
      candidates: null,
      personalRows: null,
      decisionRows: null,
    });
    // Scored as 计算 would, without writing.
    expect(s.summary).toMatchObject({ graded: 3, pending: 0, ungraded: 0, circumstances: 0, decided: 0 });
    expect(s.errors).toEqual([]);
    expect(s.warnings.length).toBeGreaterThan(0);
    expect(s.warnings.every((w) => /^[^!]+!([A-Z]+\d+)?/.test(w.cell))).toBe(true);
    expect(s.method).toMatchObject({ source: "sheet", valid: true });
    expect(s.results.exists).toBe(false);
    expect(s.snapshot.exists).toBe(false);
    expect(s.supports.version).toBe("1.20");
  });

  it("reports errors of the workbook and of the 考核方法 sheet at their cells", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const votes = fake.state.sheet("民主测评")!;
    Object.assign(votes.edit(3, 5), { value: -2 });
    const s = await addinOn(fake).inspect();
    expect(s.errors.map((e) => e.cell)).toContain("民主测评!F4");

    const broken = new FakeExcel(
      workbookFromGridBook([
        {
          name: METHOD_SHEET,
          rows: [
            ["办法"],
            [],
            ["【基本参数】"],
            ["项目", "值", "说明", "键"],
            ["最少有效票数", "五", "", "democratic.minBallots"],
          ],
        },
      ]),
    );
    const t = await addinOn(broken).inspect();
    expect(t.method.valid).toBe(false);
    expect(t.errors[0].cell).toBe("考核方法!B5");
  });

  it("sees 考核结果 and the snapshot after a run", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method });
    const s = await addin.inspect();
    expect(s.results.exists).toBe(true);
    expect(s.snapshot).toEqual({ exists: true, takenAt: "2025-12-31T08:00:00.000Z", existed: false });
    expect(s.otherSheets).toEqual([]);
  });
});

describe("the method", () => {
  it("reads the defaults when there is no 考核方法 sheet", async () => {
    const fake = new FakeExcel(workbookFromGridBook([{ name: "考核对象", rows: [["姓名"]] }]));
    const r = await addinOn(fake).readMethod();
    expect(r).toEqual({ ok: true, method: defaultMethod(), source: "defaults", syncs: 1 });
  });

  it("saves a method to the 考核方法 sheet and reads it back; only that sheet changes", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    const before = dumpWorkbook(fake.state);
    const saved = await addin.saveMethod({ ...(ex.method as object), grades: { excellentQuotaPercent: 25 } });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(saved.syncs).toBe(2);
    expect(withoutSheets(dumpWorkbook(fake.state), [METHOD_SHEET])).toEqual(withoutSheets(before, [METHOD_SHEET]));
    const back = await addin.readMethod();
    if (!back.ok) throw new Error("unreadable");
    expect(back.source).toBe("sheet");
    expect(back.method).toEqual(saved.method);
    expect(back.method.grades.excellentQuotaPercent).toBe(25);

    // Saving again rewrites the same sheet object in place.
    const id = fake.state.sheet(METHOD_SHEET)!.id;
    const again = await addin.saveMethod(defaultMethod());
    expect(again.ok).toBe(true);
    expect(fake.state.sheet(METHOD_SHEET)!.id).toBe(id);
    expect(gridBookOf(fake.state).find((g) => g.name === METHOD_SHEET)!.rows).toEqual(
      methodToSheet(defaultMethod()).grid.rows.map((r) => {
        // An empty string is an empty cell in Excel.
        const row = r.map((v) => (v === "" ? null : v));
        while (row.length > 0 && row[row.length - 1] === null) row.pop();
        return row;
      }),
    );
  });

  it("refuses an invalid method with each field named, without touching Excel", async () => {
    const fake = new FakeExcel(workbookFromGridBook([{ name: "考核对象", rows: [["姓名"]] }]));
    const r = await addinOn(fake).saveMethod({ democratic: { minBallots: -1 }, final: { workWeight: "七十" } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path).sort()).toEqual(["democratic.minBallots", "final.workWeight"]);
    expect(fake.stats.syncs).toBe(0);
  });

  it("refuses to save over a protected 考核方法 sheet with the Chinese advice", async () => {
    const fake = new FakeExcel(workbookFromGridBook([methodToSheet(defaultMethod()).grid]));
    fake.state.sheet(METHOD_SHEET)!.protected = true;
    const err = await addinOn(fake)
      .saveMethod({})
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KaopingExcelError);
    expect((err as Error).message).toContain("请先撤销工作表保护");
  });
});

describe("cell links", () => {
  it("activates the sheet and selects the cell of a diagnostic", async () => {
    const fake = await fakeFromXlsx(example("example-1").xlsx);
    await addinOn(fake).selectCell("经营业绩!C4");
    const sel = fake.state.selection!;
    expect(fake.state.sheets.find((s) => s.id === sel.sheetId)!.name).toBe("经营业绩");
    expect(sel.rect).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(fake.state.activeSheetId).toBe(sel.sheetId);
    expect(fake.stats.syncs).toBe(1);
  });

  it("activates a sheet named without a cell (a missing-sheet diagnostic names only the sheet)", async () => {
    const fake = await fakeFromXlsx(example("example-1").xlsx);
    await addinOn(fake).selectCell("工作评价");
    expect(fake.state.active()!.name).toBe("工作评价");
  });

  it("says so when the sheet is gone", async () => {
    const fake = await fakeFromXlsx(example("example-1").xlsx);
    await expect(addinOn(fake).selectCell("不存在!A1")).rejects.toThrow("找不到工作表“不存在”");
  });
});

describe("the selected leader", () => {
  it("is the leader of the selected row of 考核结果, matched by name and unit when the pane has them", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    const r = await addin.calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    await addin.selectCell(`${RESULTS_SHEET}!F3`);
    expect(await addin.selectedLeaderRow()).toBe(1);
    // Sorted by the user: the row no longer follows 考核对象, the name and unit still tell.
    const sheet = fake.state.sheet(RESULTS_SHEET)!;
    const a = sheet.get(1, 0)!.value;
    sheet.edit(1, 0).value = sheet.get(2, 0)!.value;
    sheet.edit(2, 0).value = a;
    const b = sheet.get(1, 1)!.value;
    sheet.edit(1, 1).value = sheet.get(2, 1)!.value;
    sheet.edit(2, 1).value = b;
    expect(await addin.selectedLeaderRow(r.assessment.leaders)).toBe(0);
    await addin.selectCell(`${RESULTS_SHEET}!A1`);
    expect(await addin.selectedLeaderRow()).toBeNull();
    await addin.selectCell("考核对象!A2");
    expect(await addin.selectedLeaderRow()).toBeNull();
    await addin.selectCell(`${RESULTS_SHEET}!A40`);
    expect(await addin.selectedLeaderRow()).toBeNull();
  });
});

describe("the host", () => {
  it("takes any Excel.run-like function and isSetSupported", async () => {
    const fake = await fakeFromXlsx(example("example-1").xlsx);
    let runs = 0;
    const addin = createAddin({
      run: (batch) => {
        runs++;
        return fake.run(batch);
      },
      isSetSupported: fake.isSetSupported,
    });
    await addin.inspect();
    expect(runs).toBe(1);
  });
});
