/**
 * 公式模式 in the built pane (headless Chromium, the fake Excel holding assets/sample.xlsx): the switch beside
 * 计算 writes 考核结果 over 计算明细 with exactly the command line's formulas (its reader, formulaLayouts), in
 * three round trips; the switch then stays on for this workbook; 撤销上次计算 takes 计算明细 away again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { readXlsx } from "../../src/cli/xlsx";
import { paperTitle, resultsTitle } from "../../src/papers/title";
import { localDay } from "../../src/taskpane/format";
import { DETAILS_SHEET, formulaLayouts } from "../../src/workbook/formulas";
import type { GridBook } from "../../src/workbook/grid";
import type { SheetLayout } from "../../src/workbook/layout";
import { titleInfo } from "../../src/workbook/titles";
import { SAMPLE } from "../charts/fixtures";
import { skipWithout } from "../support/tools";
import { toJsonBook } from "./example1Book";
import { type E2E, type E2EWindow, clickAndWait, idle, startE2E, tab } from "./harness";

const NO_CHROMIUM = skipWithout("chromium", "the pane's 公式模式 in headless Chromium");

const byCell = (l: SheetLayout) => Object.fromEntries(l.formulas.map((f) => [`${f.row},${f.col}`, f.formula]));

describe.skipIf(NO_CHROMIUM)("公式模式 in headless Chromium", () => {
  let e2e: E2E;
  let sample: GridBook;

  beforeAll(async () => {
    e2e = await startE2E({ mode: "development" });
    sample = (await readXlsx(SAMPLE)).book;
  });

  afterAll(async () => {
    if (e2e) await e2e.stop();
  });

  it("writes the command line's formulas, remembers the switch, and is undone", { timeout: 240_000 }, async () => {
    const pane = await e2e.openPane({ book: toJsonBook(sample), requirements: "Microsoft 365" });
    const { page, problems, outside } = pane;
    const formulas = (name: string) =>
      page.evaluate((n) => (window as unknown as E2EWindow).__kaopingE2E.formulas(n), name);
    const syncs = () => page.evaluate(() => (window as unknown as E2EWindow).__kaopingE2E.syncs());
    await idle(page);
    await tab(page, "计算").click();
    await idle(page);
    const box = page.locator('[data-focus="calc:formulas"]');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    const before = await syncs();
    await clickAndWait(page, '[data-focus="calc:run"]');
    expect(await page.locator('[data-line="formulas"]').first().textContent()).toContain("计算明细");

    // The command line's layouts for the same file on the same day.
    const r = scoreBook({ book: sample, today: localDay(new Date()) });
    if (!r.ok) throw new Error("the sample does not score");
    const title = paperTitle(r.method.name, titleInfo(sample, r.input), r.assessment.summary.referenceDate);
    const cli = formulaLayouts(
      { book: sample, input: r.input, method: r.method, assessment: r.assessment },
      { title: resultsTitle(title) },
    );
    expect(await formulas("考核结果")).toEqual(byCell(cli.results));
    expect(await formulas(DETAILS_SHEET)).toEqual(byCell(cli.details));
    // 计算 took three round trips; the pane's 状态 refresh after it one more.
    expect((await syncs()) - before).toBe(4);

    // The switch follows the workbook: drawn again, it is on.
    await tab(page, "状态").click();
    await tab(page, "计算").click();
    await idle(page);
    expect(await page.locator('[data-focus="calc:formulas"]').isChecked()).toBe(true);

    // 撤销上次计算: both sheets go (there were none before).
    await clickAndWait(page, '[data-focus="calc:undo"]');
    await clickAndWait(page, '[data-focus="undo:yes"]');
    expect(await formulas(DETAILS_SHEET)).toBeNull();
    expect(await formulas("考核结果")).toBeNull();

    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await pane.context.close();
  });
});
