/**
 * 计算 in formulas mode on the fake Excel: 考核结果 and 计算明细 hold exactly the cells of the command line's
 * `--formulas` (the same layouts, built from the CLI's reader of the same file), in three round trips for the
 * worked examples and in requests below 4 MB at 2,000 leaders; nothing else changes; 撤销上次计算 removes
 * 计算明细 again, or puts an earlier one back.
 */
import { describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { readXlsx } from "../../src/cli/xlsx";
import { DETAILS_BACKUP } from "../../src/excel/addin";
import { RESULTS_SHEET, SNAPSHOT_SHEET } from "../../src/excel/gateway";
import { paperTitle, resultsTitle } from "../../src/papers/title";
import type { GridBook } from "../../src/workbook/grid";
import { DETAILS_SHEET, type FormulaLayouts, formulaLayouts } from "../../src/workbook/formulas";
import type { SheetLayout } from "../../src/workbook/layout";
import { titleInfo } from "../../src/workbook/titles";
import { bigBook } from "./bigBook";
import { FakeExcel, dumpWorkbook, workbookFromGridBook } from "./fake";
import type { WorkbookState } from "./fake/state";
import { EXAMPLES, TODAY, addinOn, dumpsExcept, example, fakeFromXlsx, withoutSheets } from "./helpers";

/** The layouts the command line's `score --formulas --out` grafts, for a book its reader read. */
function cliLayouts(book: GridBook, method: unknown, referenceDate: string | undefined): FormulaLayouts {
  const out = scoreBook({ book, method, referenceDate, today: TODAY });
  if (!out.ok) throw new Error("the CLI path failed");
  const title = paperTitle(out.method.name, titleInfo(book, out.input), out.assessment.summary.referenceDate);
  return formulaLayouts(
    { book, input: out.input, method: out.method, assessment: out.assessment },
    { title: resultsTitle(title) },
  );
}

/** Every formula of a sheet of the fake, by A1-less key "row,col". */
function formulasOf(state: WorkbookState, sheet: string): Map<string, string> {
  const s = state.sheet(sheet)!;
  const out = new Map<string, string>();
  for (const [k, c] of s.cells) if (c.formula !== null) out.set(`${Math.floor(k / 16384)},${k % 16384}`, c.formula);
  return out;
}

function layoutFormulas(l: SheetLayout): Map<string, string> {
  return new Map(l.formulas.map((f) => [`${f.row},${f.col}`, f.formula]));
}

const DETAILS_AND_RESULTS = [RESULTS_SHEET, DETAILS_SHEET, SNAPSHOT_SHEET];

describe.each(EXAMPLES)("%s in formulas mode", (name) => {
  const ex = example(name);

  it("writes the command line's formulas in three round trips, touching nothing but its two sheets and the snapshot", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const before = dumpsExcept(fake.state, DETAILS_AND_RESULTS);
    const r = await addinOn(fake).calculate({
      today: TODAY,
      method: ex.method,
      referenceDate: ex.referenceDate,
      formulas: true,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.formulas).toBe(true);
    expect(fake.stats.syncs).toBe(3);
    expect(r.syncs).toBe(3);
    expect(dumpsExcept(fake.state, DETAILS_AND_RESULTS)).toEqual(before);

    const cli = cliLayouts((await readXlsx(ex.xlsx)).book, ex.method, ex.referenceDate);
    const results = formulasOf(fake.state, RESULTS_SHEET);
    expect(results.size).toBeGreaterThan(10);
    expect(results).toEqual(layoutFormulas(cli.results));
    expect(formulasOf(fake.state, DETAILS_SHEET)).toEqual(layoutFormulas(cli.details));
    // 考核结果 before 计算明细 among the tabs, as the command line puts them; 考核结果 shown.
    const names = fake.state.sheets.map((s) => s.name).filter((n) => n !== SNAPSHOT_SHEET);
    expect(names.indexOf(RESULTS_SHEET)).toBe(names.indexOf(DETAILS_SHEET) - 1);
    expect(fake.state.active()!.name).toBe(RESULTS_SHEET);
  });

  it("is undone exactly: 计算明细 and 考核结果 go again after a first run", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const before = dumpWorkbook(fake.state);
    await addinOn(fake).calculate({ today: TODAY, method: ex.method, formulas: true });
    const u = await addinOn(fake).undoLast();
    expect(u).toMatchObject({ restored: true, deleted: true, syncs: 2 });
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });
});

describe("undo over earlier runs", () => {
  const ex = example("example-1");

  it("puts back an earlier formulas run's 计算明细 and 考核结果 formula for formula", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method, formulas: true });
    const first = withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET]);
    const firstDetails = formulasOf(fake.state, DETAILS_SHEET);
    // A leader fewer: the second run's 计算明细 is shorter, its rows elsewhere.
    const leaders = fake.state.sheet("考核对象")!;
    const last = Math.max(...[...leaders.cells.keys()].map((k) => Math.floor(k / 16384)));
    for (let c = 0; c < 16; c++) leaders.edit(last, c).value = null;
    for (let c = 0; c < 16; c++) leaders.edit(last, c).type = "Empty";
    const second = await addin.calculate({ today: TODAY, method: ex.method, formulas: true });
    expect(second.ok).toBe(true);
    expect(formulasOf(fake.state, DETAILS_SHEET)).not.toEqual(firstDetails);
    expect(fake.state.sheet(DETAILS_BACKUP)!.visibility).toBe("VeryHidden");
    expect((await addin.inspect()).otherSheets).not.toContain(DETAILS_BACKUP);

    expect(await addin.undoLast()).toMatchObject({ restored: true, deleted: false });
    // The input edit stays (the user's); both sheets are the first run's again.
    expect(formulasOf(fake.state, DETAILS_SHEET)).toEqual(firstDetails);
    const now = withoutSheets(dumpWorkbook(fake.state), []);
    expect(now[RESULTS_SHEET]).toEqual(first[RESULTS_SHEET]);
    // The very 计算明细 of the first run, kept aside whole: fills, notes and all.
    expect(now[DETAILS_SHEET]).toEqual(first[DETAILS_SHEET]);
    expect(Object.keys(now)).toEqual(Object.keys(first));
  });

  it("a plain run after a formulas run leaves 计算明细 alone, and its undo brings the formulas back", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method, formulas: true });
    expect((await addin.inspect()).results.formulas).toBe(true);
    const details = dumpWorkbook(fake.state)[DETAILS_SHEET];
    const results = formulasOf(fake.state, RESULTS_SHEET);
    const plain = await addin.calculate({ today: TODAY, method: ex.method });
    if (!plain.ok) throw new Error("not scored");
    expect(plain.formulas).toBe(false);
    expect(formulasOf(fake.state, RESULTS_SHEET).size).toBe(0);
    expect(dumpWorkbook(fake.state)[DETAILS_SHEET]).toEqual(details);
    expect((await addin.inspect()).results.formulas).toBe(false);
    await addin.undoLast();
    expect(formulasOf(fake.state, RESULTS_SHEET)).toEqual(results);
    expect((await addin.inspect()).results.formulas).toBe(true);
  });

  it("the next run drops the kept 计算明细 (only the last run is undone)", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method, formulas: true });
    await addin.calculate({ today: TODAY, method: ex.method, formulas: true });
    const second = withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET, DETAILS_BACKUP])[DETAILS_SHEET];
    await addin.calculate({ today: TODAY, method: ex.method });
    expect(fake.state.sheet(DETAILS_BACKUP)).toBeUndefined();
    await addin.undoLast();
    expect(fake.state.sheet(DETAILS_BACKUP)).toBeUndefined();
    expect(withoutSheets(dumpWorkbook(fake.state), [])[DETAILS_SHEET]).toEqual(second);
    expect((await addin.inspect()).results.formulas).toBe(true);
  });

  it("a protected 计算明细 is refused before anything is written", async () => {
    const fake = await fakeFromXlsx(ex.xlsx);
    const addin = addinOn(fake);
    await addin.calculate({ today: TODAY, method: ex.method, formulas: true });
    fake.state.sheet(DETAILS_SHEET)!.protected = true;
    const before = dumpWorkbook(fake.state);
    const err = await addin.calculate({ today: TODAY, method: ex.method, formulas: true }).catch((e: unknown) => e);
    expect((err as Error).message).toContain("计算明细");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });
});

describe("a 2,000-leader workbook in formulas mode", () => {
  const book = bigBook(2000);

  it("writes the same formulas as the command line in requests below 4 MB; again over its own, and is undone", async () => {
    const fake = new FakeExcel(workbookFromGridBook(book));
    fake.payloadLimit = 4 * 1024 * 1024;
    fake.responseLimit = 5_000_000;
    const addin = addinOn(fake);
    const r = await addin.calculate({ today: TODAY, formulas: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors).slice(0, 500));
    // About 20 MB of formulas: split, each request within the budget, calculation suspended in each.
    const requests = fake.stats.requests;
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.every((q) => q.bytes < 4 * 1024 * 1024)).toBe(true);
    expect(requests.slice(2).every((q) => q.calculationSuspended)).toBe(true);
    expect(r.syncs).toBe(fake.stats.syncs);

    // The CLI's reader of the same workbook gives the same grids for these sheets: its layouts are these.
    const cli = cliLayouts(book, undefined, undefined);
    expect(formulasOf(fake.state, RESULTS_SHEET)).toEqual(layoutFormulas(cli.results));
    const details = formulasOf(fake.state, DETAILS_SHEET);
    expect(details.size).toBe(cli.details.formulas.length);
    expect(details).toEqual(layoutFormulas(cli.details));

    // Again, over its own 计算明细: nothing of it is read back (it is moved aside whole), so no answer grows.
    const first = withoutSheets(dumpWorkbook(fake.state), [SNAPSHOT_SHEET]);
    fake.resetStats();
    const again = await addin.calculate({ today: TODAY, formulas: true });
    expect(again.ok).toBe(true);
    // The read passes Excel on the web's 5 MB answer with the earlier 考核结果's formulas: it is read again
    // in parts (readBook), as any large workbook is; every answer given is within the limit.
    const answered = fake.stats.requests.filter((q) => q.failed === undefined);
    expect(answered.every((q) => q.bytes < 4 * 1024 * 1024 && q.responseBytes <= 5_000_000)).toBe(true);

    fake.resetStats();
    expect(await addin.undoLast()).toMatchObject({ restored: true, deleted: false });
    expect(fake.stats.requests.every((q) => q.bytes < 4 * 1024 * 1024)).toBe(true);
    const now = withoutSheets(dumpWorkbook(fake.state), []);
    expect(Object.keys(now)).toEqual(Object.keys(first));
    // 计算明细 exactly; 考核结果 as a large one comes back (its read in parts is lean: grade fills by column).
    expect(now[DETAILS_SHEET]).toEqual(first[DETAILS_SHEET]);
    expect(formulasOf(fake.state, RESULTS_SHEET)).toEqual(layoutFormulas(cli.results));
  });
});
