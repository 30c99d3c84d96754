/**
 * 测评票 in the built pane (headless Chromium, the fake Excel): 生成测评票 (and the question before replacing it) →
 * 新建测评票录入表 → ballots typed under its headers → 汇总测评票 (the invalid ballot listed, its link selecting its
 * cell; 民主测评 written as the command line's tally) → 计算 → 为什么 with the 票号 behind the counts → 撤销上次汇总.
 *
 * Needs /usr/bin/chromium (test/support/tools.ts: a failure under CI, a skip saying so locally).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tallyBook } from "../../src/app/tally";
import { loadMethod } from "../../src/method/schema";
import type { GridBook } from "../../src/workbook/grid";
import { methodToSheet } from "../../src/workbook/methodSheet";
import { BALLOTS, SURVEY, ballotBook } from "../excel/ballotBook";
import { skipWithout } from "../support/tools";
import { toJsonBook } from "./example1Book";
import type { JsonCell } from "./fakeOffice";
import { type E2E, type E2EWindow, clickAndWait, shot, startE2E, tab, textOf } from "./harness";

const NO_CHROMIUM = skipWithout("chromium", "the 测评票 view's end-to-end test");

const hook = <T>(page: Page, fn: (h: E2EWindow["__kaopingE2E"], arg: never) => T, arg?: unknown): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__kaopingE2E, ${JSON.stringify(arg ?? null)})`) as Promise<T>;
const sheetNames = (page: Page) => hook(page, (h) => h.sheetNames());

/** Two indicators as the book has them; a ballot all the same, or with more than half 优秀 overall, is invalid. */
const METHOD = {
  economic: {
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
      { name: "主营业务收入", aliases: ["营业收入"], weight: 40, direction: "higher" },
    ],
  },
  ballots: { invalidIfAllSame: true, maxExcellentShare: 0.5 },
};

function startBook(): GridBook {
  const loaded = loadMethod(METHOD);
  if (!loaded.ok) throw new Error("method");
  return [...ballotBook({}), methodToSheet(loaded.method).grid];
}

/** The ballots as a person types them, row by row under the headers of the sheet the pane made. */
function ballotRecords(): Record<string, JsonCell>[] {
  const header = BALLOTS[0] as string[];
  return BALLOTS.slice(1).map((row) => Object.fromEntries(header.map((k, i) => [k, row[i] as JsonCell])));
}

describe.skipIf(NO_CHROMIUM)("测评票 in headless Chromium", () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E({ mode: "development" });
  });

  afterAll(async () => {
    if (e2e) await e2e.stop();
  });

  it("生成测评票 → typing → 汇总测评票 → 计算 → 为什么 → 撤销上次汇总", { timeout: 180_000 }, async () => {
    const { page, problems, outside, context } = await e2e.openPane({
      book: toJsonBook(startBook()),
      requirements: "Microsoft 365",
    });
    await tab(page, "测评票").click();
    expect(await tab(page, "测评票").getAttribute("aria-selected")).toBe("true");

    // ── 生成测评票, then again: the pane asks before replacing ──
    await clickAndWait(page, '[data-focus="ballots:blank"]');
    expect(await textOf(page, '[data-line="blank"]')).toBe(
      "“测评票（空白）”：2 个单位，每个单位一页（一公司 2 人、二公司 1 人）。",
    );
    expect(await hook(page, (h) => h.cell("测评票（空白）!A1"))).toBe("一公司党组织负责人民主测评票");
    await hook(page, (h) => h.setCell("测评票（空白）!A1", "改过的标题"));
    await clickAndWait(page, '[data-focus="ballots:blank"]');
    expect(await textOf(page, ".kp-confirm-title")).toBe("替换“测评票（空白）”？");
    expect(await hook(page, (h) => h.cell("测评票（空白）!A1"))).toBe("改过的标题");
    await clickAndWait(page, '[data-focus="ballots-replace:yes"]');
    expect(await hook(page, (h) => h.cell("测评票（空白）!A1"))).toBe("一公司党组织负责人民主测评票");
    await shot(page, "50-ballots-print.png");

    // ── 新建测评票录入表, and the ballots typed under its headers ──
    await tab(page, "测评票").click();
    await clickAndWait(page, '[data-focus="ballots:entry"]');
    expect(await sheetNames(page)).toContain("测评票");
    expect(await textOf(page, '[data-line="entry"]')).toContain("工作簿中已有“测评票”表");
    const typed = await page.evaluate(([rows]) => (window as unknown as E2EWindow).__kaopingE2E.fill("测评票", rows), [
      ballotRecords(),
    ] as const);
    expect(typed).toBe(BALLOTS.length - 1);

    // ── 汇总测评票: ballot 7 is not counted, and says why; its link selects its 票号 ──
    await clickAndWait(page, '[data-focus="ballots:tally"]');
    expect(await textOf(page, '[data-line="tally"]')).toBe(
      "共 13 张测评票，有效 12 张，无效 1 张；“民主测评”共 45 行。",
    );
    const invalid = page.locator('[data-block="invalid"] .kp-diag');
    expect(await invalid.count()).toBe(1);
    expect(await invalid.first().getAttribute("data-cell")).toBe("测评票!A14");
    expect(await invalid.first().textContent()).toContain("一公司第“7”号测评票（下级）视为无效票：全部评价相同");
    await shot(page, "51-ballots-tally.png", "#kp-h-tally");
    await invalid.first().click();
    await page.waitForFunction(() => document.documentElement.getAttribute("aria-busy") === "false");
    expect(await hook(page, (h) => h.selection())).toBe("测评票!A14");
    // 民主测评 holds what the command line's tally writes.
    const book = startBook();
    const sheets = await hook(page, (h) => h.sheetNames());
    expect(sheets).toContain("民主测评");
    const cli = tallyBook({ book: [...book, { name: "测评票", rows: BALLOTS }], method: METHOD });
    if (!cli.ok) throw new Error("the CLI's tally failed");
    for (const [r, row] of cli.layout.values.entries())
      for (const [c, v] of row.entries()) {
        const address = `民主测评!${String.fromCharCode(65 + c)}${r + 1}`;
        expect(await hook(page, (h, a: string) => h.cell(a), address), address).toBe(v);
      }

    // ── 计算 on the tallied votes, and 为什么 shows the ballots behind 甲's counts ──
    await page.locator('[data-focus="ballots:goCalc"]').click();
    expect(await tab(page, "计算").getAttribute("aria-selected")).toBe("true");
    await clickAndWait(page, '[data-focus="calc:run"]');
    expect(await textOf(page, '[data-line="summary"]')).toContain("参评 3 人");
    await clickAndWait(page, '.kp-result[data-leader="0"]');
    expect(await textOf(page, "#kp-why-name")).toBe("甲");
    expect(await textOf(page, '[data-votes="下级·能"]')).toBe("下级·能：优秀 1 票（5 号）；称职 2 票（4、6 号）");
    await page.locator('[data-section="ballots"]').scrollIntoViewIfNeeded();
    await shot(page, "52-ballots-why.png", '[data-section="ballots"]');

    // ── 撤销上次汇总: 民主测评 did not exist before, so it goes ──
    await tab(page, "测评票").click();
    await clickAndWait(page, '[data-focus="ballots:undo"]');
    await clickAndWait(page, '[data-focus="ballots-undo:yes"]');
    expect(await sheetNames(page)).not.toContain("民主测评");
    expect(await textOf(page, '[data-line="tallyUndone"]')).toContain("已删除“民主测评”");
    expect(await page.locator('[data-focus="ballots:undo"]').isDisabled()).toBe(true);

    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it(
    "refuses to count while the double entry differs, with both cells, and writes nothing",
    { timeout: 60_000 },
    async () => {
      const review = BALLOTS.map((row) => [...row]);
      review[2][5] = "优秀";
      const { page, problems, context } = await e2e.openPane({
        book: toJsonBook([...startBook(), { name: "测评票", rows: BALLOTS }, { name: "测评票（复核）", rows: review }]),
        requirements: "Microsoft 365",
      });
      await tab(page, "测评票").click();
      await clickAndWait(page, '[data-focus="ballots:tally"]');
      expect(await textOf(page, '[data-line="errors"]')).toBe("发现 1 个错误，请修正后重新汇总。");
      const diff = page.locator('[data-block="diffs"] [data-diff="0"]');
      expect(await diff.locator(".kp-cell").evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")))).toEqual([
        "测评票!F3",
        "测评票（复核）!F3",
      ]);
      await diff.locator(".kp-cell").nth(1).click();
      await page.waitForFunction(() => document.documentElement.getAttribute("aria-busy") === "false");
      expect(await hook(page, (h) => h.selection())).toBe("测评票（复核）!F3");
      expect(await sheetNames(page)).not.toContain("民主测评");
      await shot(page, "53-ballots-double-entry.png", "#kp-h-tally");
      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it("maps a survey column the headers do not name, once, and the tally reads it", { timeout: 60_000 }, async () => {
    const { page, problems, context } = await e2e.openPane({
      book: toJsonBook([...startBook(), { name: "测评票", rows: SURVEY }]),
      requirements: "Microsoft 365",
    });
    await tab(page, "测评票").click();
    await clickAndWait(page, '[data-focus="ballots:columns"]');
    expect(await textOf(page, '[data-line="columns"]')).toContain("7 列已按列标题识别；以下 2 列需要指定");
    const header = "Q6. 对甲同志的工作能力评价";
    await page.getByLabel(`“${header}”对应的考核对象`).selectOption({ label: "甲（一公司）" });
    await page.getByLabel(`“${header}”对应的测评项目`).selectOption("能");
    await shot(page, "54-ballots-columns.png", "#kp-h-columns");
    await clickAndWait(page, '[data-focus="ballots:saveColumns"]');
    expect(await textOf(page, '[data-line="columnsSaved"]')).toBe("已保存到“测评票列对应”（1 行）。请重新汇总测评票。");
    expect(await hook(page, (h) => h.cell("测评票列对应!A2"))).toBe(header);
    expect(await hook(page, (h) => h.cell("测评票列对应!D2"))).toBe("能");
    await clickAndWait(page, '[data-focus="ballots:tally"]');
    expect(await textOf(page, '[data-line="tally"]')).toBe("共 2 张测评票，有效 2 张，无效 0 张；“民主测评”共 16 行。");
    expect(problems).toEqual([]);
    await context.close();
  });
});
