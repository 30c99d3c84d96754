/**
 * 稳健性检验 and 任期考核 in the built pane (headless Chromium, the fake Excel holding assets/sample.xlsx with two
 * yearly sheets 考核结果2023 and 考核结果2024): the 任期考核 tab is offered because of them; after 计算, 图表 →
 * 稳健性检验 draws the rank-range chart with the seed said; 任期考核 lists the term scores, draws a leader's
 * trend, and writes the sheet 任期考核.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx";
import type { GridBook } from "../../src/workbook/grid";
import { SAMPLE } from "../charts/fixtures";
import { skipWithout } from "../support/tools";
import { toJsonBook } from "./example1Book";
import { type E2E, type E2EWindow, clickAndWait, idle, startE2E, tab, textOf } from "./harness";

const NO_CHROMIUM = skipWithout("chromium", "稳健性检验 and 任期考核 in headless Chromium");

const HEAD = ["姓名", "单位", "综合得分", "等次"];

describe.skipIf(NO_CHROMIUM)("稳健性检验 and 任期考核 in headless Chromium", () => {
  let e2e: E2E;
  let book: GridBook;

  beforeAll(async () => {
    e2e = await startE2E({ mode: "development" });
    book = [
      ...(await readXlsx(SAMPLE)).book,
      {
        name: "考核结果2023",
        rows: [HEAD, ["张三", "甲公司", 92.5, "优秀"], ["李四", "乙公司", 68, "基本称职"]],
      },
      {
        name: "考核结果2024",
        rows: [HEAD, ["张三", "甲公司", 88.25, "称职"], ["李四", "乙公司", 55, "不称职"]],
      },
    ];
  });

  afterAll(async () => {
    if (e2e) await e2e.stop();
  });

  it(
    "the rank-range chart after 计算, and the term results with a trend and the sheet",
    { timeout: 240_000 },
    async () => {
      const pane = await e2e.openPane({ book: toJsonBook(book), requirements: "Microsoft 365" });
      const { page, problems, outside } = pane;
      await idle(page);
      expect(await page.locator(".kp-tab").allTextContents()).toEqual([
        "状态",
        "计算",
        "为什么",
        "图表",
        "任期考核",
        "方法",
        "测评票",
      ]);

      // ── 稳健性检验 ──
      await tab(page, "计算").click();
      await clickAndWait(page, '[data-focus="calc:run"]');
      await tab(page, "图表").click();
      await page.waitForSelector('[data-charts="ready"]');
      await page.locator('[data-focus="charts:section:robustness"]').click();
      await idle(page);
      await page.locator('[data-focus="robust:seed"]').fill("7");
      await clickAndWait(page, '[data-focus="robust:run"]');
      expect(await textOf(page, '[data-line="robust-summary"]')).toContain("抽样 1000 次（随机种子 7）");
      // Drawn as its card comes near the screen, as the gallery's are.
      await page.locator('.kp-figure[data-kind="robustness"]').first().scrollIntoViewIfNeeded();
      await page.waitForSelector('.kp-figure[data-kind="robustness"] .kp-figure-canvas');

      // ── 任期考核 ──
      await tab(page, "任期考核").click();
      await page.waitForSelector('[data-focus="term:read"]');
      expect(await textOf(page, '[data-line="term-sheets"]')).toContain("考核结果2023、考核结果2024");
      await clickAndWait(page, '[data-focus="term:read"]');
      expect(await page.locator("[data-term-leader]").count()).toBe(2);
      expect(await page.locator('[data-flag="consecutiveLow"]').count()).toBe(1);
      expect(await textOf(page, '[data-term-leader="0"] .kp-result-score')).toBe("90.38");
      await page.locator('[data-term-leader="0"]').click();
      await page.waitForSelector(".kp-term .kp-figure-canvas");
      await clickAndWait(page, '[data-focus="term:write"]');
      const names = await page.evaluate(() => (window as unknown as E2EWindow).__kaopingE2E.sheetNames());
      expect(names).toContain("任期考核");

      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
      await pane.context.close();
    },
  );
});
