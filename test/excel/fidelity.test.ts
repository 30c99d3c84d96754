/**
 * Where real Excel and Office.js would have failed while the fake passed (issue 12): each case runs the add-in
 * on the fake made strict in the same way, and fails on the gateway as it was before the fix.
 * - the office.js of the npm package (KAOPING_OFFICE_JS=local) has no Note API, Microsoft 365 reports 1.18;
 * - a hidden sheet's frozen panes (unfreeze throws there, office-js #1463);
 * - a selection of several areas, or a chart, when 为什么 asks which row is selected;
 * - data-validation texts Excel refuses: an error alert over 225 characters, a formula over 255;
 * - a workbook on the 1904 date system;
 * - 插入会议图表 for 1,700 leaders, whose one request Office.js serialized to 5.45 MB.
 */
import { describe, expect, it } from "vitest";
import { resultDocument } from "../../src/app/report";
import { scoreBook } from "../../src/app/score";
import { readXlsx } from "../../src/cli/xlsx";
import { MEETING_SHEET } from "../../src/excel/charts";
import {
  ERROR_MESSAGE_MAX,
  INPUT_SHEETS,
  RESULTS_SHEET,
  VALIDATION_FORMULA_MAX,
  newWriteBatch,
  queueValidation,
  readBook,
  writeSheet,
  NEW_SHEET,
} from "../../src/excel/gateway";
import { Session, detectApi } from "../../src/excel/session";
import { scoreRule } from "../../src/excel/template";
import { defaultMethod } from "../../src/method/defaults";
import { resultsLayout } from "../../src/workbook/layout";
import { METHOD_SHEET } from "../../src/workbook/methodSheet";
import { bigBook } from "./bigBook";
import { FakeExcel, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { TODAY, addinOn, example, fakeFromXlsx } from "./helpers";

type Alert = { message: string } | null;
type Prompt = { message: string } | null;

describe("the local office.js (1.1.110, no Note API) on an Excel that reports ExcelApi 1.20", () => {
  it("计算, 撤销, 新建模板 and 保存方法 write header explanations as input messages", async () => {
    const ex = example("example-2");
    const fake = new FakeExcel(workbookFromGridBook((await readXlsx(ex.xlsx)).book), {
      requirements: "Microsoft 365",
      library: "office.js 1.1.110",
    });
    const addin = addinOn(fake);
    expect(addin.supports()).toMatchObject({ version: "1.20", notes: false, headerNotes: "prompt" });
    const r = await addin.calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    expect(r.notesVia).toBe("prompt");
    const results = dumpWorkbook(fake.state)[RESULTS_SHEET];
    expect(results.notes).toEqual({});
    expect(results.validations.filter((v) => v.prompt !== null).map((v) => v.range)).toEqual(["O1", "P1"]);
    expect(await addin.calculate({ today: TODAY, method: ex.method })).toMatchObject({ ok: true });
    expect(await addin.undoLast()).toMatchObject({ restored: true });
    expect(await addin.saveMethod(defaultMethod())).toMatchObject({ ok: true });
    expect(await addin.saveMethod(defaultMethod())).toMatchObject({ ok: true });

    const empty = new FakeExcel(workbookFromGridBook([{ name: "Sheet1", rows: [] }]), {
      requirements: "Microsoft 365",
      library: "office.js 1.1.110",
    });
    const t = await addinOn(empty).createTemplate();
    expect(t).toMatchObject({ ok: true, notesVia: "prompt" });
    expect(dumpWorkbook(empty.state)[METHOD_SHEET].validations.length).toBeGreaterThan(0);
  });
});

describe("hidden sheets (freezePanes.unfreeze throws there on builds before office-js #1463's fix)", () => {
  it("计算 over a hidden 考核结果, and 撤销, leave its panes alone and keep it hidden", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method });
    const results = fake.state.sheet(RESULTS_SHEET)!;
    expect(results.freeze).toEqual({ rows: 1, columns: 2 });
    results.visibility = "Hidden";
    fake.state.activeSheetId = fake.state.sheets[0].id;
    expect(await addin.calculate({ today: TODAY, method: ex.method })).toMatchObject({ ok: true });
    expect(await addin.undoLast()).toMatchObject({ restored: true });
    expect(results.visibility).toBe("Hidden");
    expect(results.freeze).toEqual({ rows: 1, columns: 2 });
  });

  it("保存方法 over a hidden 考核方法, and 插入会议图表 over a hidden 会议图表", async () => {
    const fake = new FakeExcel(workbookFromGridBook((await readXlsx(example("example-1").xlsx)).book));
    const addin = addinOn(fake);
    expect(await addin.saveMethod(defaultMethod())).toMatchObject({ ok: true });
    fake.state.sheet(METHOD_SHEET)!.visibility = "Hidden";
    expect(await addin.saveMethod(defaultMethod())).toMatchObject({ ok: true });
    const c = await addin.calculate({ today: TODAY });
    if (!c.ok) throw new Error("not scored");
    expect(await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: c.assessment })).toMatchObject({
      ok: true,
    });
    fake.state.sheet(MEETING_SHEET)!.visibility = "Hidden";
    const again = await addin.insertMeetingCharts({
      today: TODAY,
      mode: "native",
      assessment: c.assessment,
      replace: true,
    });
    expect(again).toMatchObject({ ok: true });
  });
});

describe("the selected leader", () => {
  it("follows the active cell when several areas are selected; a selected chart is no row", async () => {
    const ex = example("example-1");
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    const r = await addin.calculate({ today: TODAY, method: ex.method });
    if (!r.ok) throw new Error("not scored");
    const sheet = fake.state.sheet(RESULTS_SHEET)!;
    const row = (n: number) => ({ top: n, left: 0, bottom: n, right: 3 });
    // Ctrl+click: rows 2 and 4 selected, the active cell in row 4.
    fake.state.selection = { sheetId: sheet.id, rect: row(3), areas: [row(1), row(3)], active: { row: 3, col: 2 } };
    expect(await addin.selectedLeaderRow()).toBe(2);
    expect(await addin.selectedLeaderRow(r.assessment.leaders)).toBe(2);
    fake.state.selection = { sheetId: sheet.id, rect: row(1), object: "chart" };
    expect(await addin.selectedLeaderRow(r.assessment.leaders)).toBeNull();
  });
});

describe("data-validation texts within Excel's limits", () => {
  it("an error alert's message is cut to 225 characters, and a formula over 255 is not sent", async () => {
    const fake = new FakeExcel(workbookFromGridBook([{ name: "甲", rows: [["x"]] }]));
    await fake.run(async (ctx) => {
      const s = new Session(ctx, detectApi(fake.isSetSupported));
      const batch = newWriteBatch(s);
      const ws = ctx.workbook.worksheets.getItem("甲");
      const range = { top: 1, bottom: 99, left: 0, right: 0 };
      const long = "请".repeat(240);
      await queueValidation(batch, ws, {
        range,
        rule: { list: ["甲", "乙"] },
        errorAlert: { style: "Stop", title: "标题", message: long },
      });
      await queueValidation(batch, ws, {
        range: { ...range, left: 1, right: 1 },
        rule: { custom: `=LEN(B2)<${"9".repeat(260)}` },
        prompt: { title: "提示", message: "说明" },
      });
      await batch.flush();
    });
    const v = dumpWorkbook(fake.state)["甲"].validations;
    expect(v).toHaveLength(2);
    expect([...(v[0].errorAlert as Alert)!.message]).toHaveLength(ERROR_MESSAGE_MAX);
    expect(v[1].rule).toBeNull();
    expect((v[1].prompt as Prompt)?.message).toBe("说明");
  });

  it("新建模板 for a method with many rating words keeps each score column's rule within 255 characters", async () => {
    const method = defaultMethod();
    const words = Array.from({ length: 14 }, (_, i) => `评价等级第${"一二三四五六七八九十"[i % 10]}${i}档`);
    method.ratings = Object.fromEntries(words.map((w, i) => [w, 100 - i * 5]));
    expect(scoreRule(words)).not.toBeNull();
    expect(scoreRule(words)!.length).toBeLessThanOrEqual(VALIDATION_FORMULA_MAX);
    expect(scoreRule(Array.from({ length: 40 }, (_, i) => `很长的一个评价词第${i}号`))).toBeNull();
    const fake = new FakeExcel(workbookFromGridBook([{ name: "Sheet1", rows: [] }]));
    const addin = addinOn(fake);
    expect(await addin.saveMethod(method)).toMatchObject({ ok: true });
    expect(await addin.createTemplate()).toMatchObject({ ok: true });
    const rules = dumpWorkbook(fake.state)["工作评价"].validations.filter((v) => v.rule !== null);
    expect(rules).toHaveLength(3);
  });

  it("a long list of evaluator-group aliases gives an error alert within 225 characters", async () => {
    const method = defaultMethod();
    method.democratic.groups = method.democratic.groups.map((g, i) => ({
      ...g,
      aliases: Array.from({ length: 9 }, (_, k) => `${g.name}的第${k}种写法${"甲乙丙"[i]}`),
    }));
    const fake = new FakeExcel(workbookFromGridBook([{ name: "Sheet1", rows: [] }]));
    const addin = addinOn(fake);
    expect(await addin.saveMethod(method)).toMatchObject({ ok: true });
    expect(await addin.createTemplate()).toMatchObject({ ok: true });
    const alerts = dumpWorkbook(fake.state)["民主测评"].validations.map((v) => (v.errorAlert as Alert)?.message ?? "");
    expect(Math.max(...alerts.map((m) => m.length))).toBe(ERROR_MESSAGE_MAX);
  });
});

describe("a workbook on the 1904 date system", () => {
  it("reads every date as the same calendar day as in a 1900 workbook, and qualifies the same", async () => {
    const ex = example("example-3-qualification");
    const book = (await readXlsx(ex.xlsx)).book;
    const read = (date1904: boolean) => {
      const fake = new FakeExcel(workbookFromGridBook(book, { date1904 }));
      return fake.run(async (ctx) => readBook(new Session(ctx, detectApi(fake.isSetSupported)), INPUT_SHEETS));
    };
    const [a, b] = [await read(false), await read(true)];
    expect(b.date1904).toBe(true);
    expect(a.date1904).toBe(false);
    expect(b.book).toEqual(a.book);
    expect(b.book.some((g) => g.rows.some((row) => row.some((v) => v instanceof Date)))).toBe(true);

    const fake = new FakeExcel(workbookFromGridBook(book, { date1904: true }));
    const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method, referenceDate: ex.referenceDate });
    if (!r.ok) throw new Error("not scored");
    const cli = scoreBook({ book, method: ex.method, referenceDate: ex.referenceDate, today: TODAY });
    if (!cli.ok) throw new Error("not scored");
    expect(resultDocument(r.assessment)).toEqual(resultDocument(cli.assessment));
    expect(gridBookOf(fake.state).find((g) => g.name === "资质审查")).toEqual(book.find((g) => g.name === "资质审查"));
  });
});

describe("Excel on the web's 5 MB, with requests measured as Office.js serializes them", () => {
  it("插入会议图表 for 1,700 leaders splits its write; every request stays under 5 MB", async () => {
    const out = scoreBook({ book: bigBook(1700, { qualification: false }), today: TODAY });
    if (!out.ok) throw new Error("not scored");
    const fake = new FakeExcel(workbookFromGridBook(bigBook(1700, { qualification: false })));
    await fake.run(async (ctx) => {
      const s = new Session(ctx, detectApi(fake.isSetSupported));
      await writeSheet(s, { layout: resultsLayout(out.assessment) }, NEW_SHEET);
    });
    fake.resetStats();
    fake.payloadLimit = 5 * 1024 * 1024;
    const r = await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: out.assessment });
    expect(r).toMatchObject({ ok: true });
    expect(fake.stats.requests.every((q) => q.failed === undefined)).toBe(true);
    const writes = fake.stats.requests.slice(1);
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.max(...writes.map((q) => q.bytes))).toBeLessThan(5 * 1024 * 1024);
  });
});
