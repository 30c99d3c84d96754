/**
 * The pane's Internet Explorer 11 bundle (taskpane-legacy: ES5 + core-js) in headless Chromium, on the fake
 * Excel of test/excel/fake, and the modern bundle as Edge Legacy would run it.
 *
 * There is no Internet Explorer on Linux. This is the closest this machine gets: Chromium runs the legacy
 * bundle as a classic script (nomodule, as Internet Explorer would), after a prelude has removed the
 * built-ins of ES2015 and later that Internet Explorer 11 lacks (Promise, Map, Set, Object.fromEntries,
 * Array.from, String.prototype.padStart, the array and string iterators, …) and the DOM methods it lacks
 * (Element.closest/matches/remove/append, NodeList.forEach, the Event constructors, …), so the bundle must
 * bring back what it uses. Keys are sent with the names Internet Explorer gives them ("Right", "Down",
 * "Esc"). What this cannot show: Internet Explorer's own engine (Chakra's quirks), its CSS (no custom
 * properties, old flexbox), and Symbol — Chromium keeps its own, because without it the fake Excel (modern
 * code) could not iterate what core-js builds; test/taskpane/polyfills.test.ts checks the Symbol polyfill is
 * in the bundle. The ES5 syntax itself is checked by test/build/legacy.test.ts.
 *
 * Then the modern bundle with what Edge Legacy (EdgeHTML 18) lacks removed: it must fetch its polyfill chunk
 * and score; and in a browser that has everything, it must not.
 *
 * Clicks through 新建模板 → 方法 → data → 计算 → 为什么 → 撤销 and saves out/screenshots/20-legacy.png (and
 * 21-legacy-status.png). Needs /usr/bin/chromium (test/support/tools.ts: a failure under CI, a skip saying so locally).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICE_JS_CDN } from "../../scripts/office-js-local.js";
import { example1Book, toJsonBook, typeExample1 } from "./example1Book";
import {
  type E2E,
  type E2EWindow,
  clickAndWait,
  scriptFile,
  shot,
  startE2E,
  switchLanguage,
  tab,
  textOf,
} from "./harness";
import { skipWithout } from "../support/tools";
import { EDGE18_PRELUDE, IE11_PRELUDE } from "./preludes";

// Without Chromium: a failure under CI, a skip listed after the summary locally (test/support/tools.ts).
const NO_CHROMIUM = skipWithout("chromium", "the Internet Explorer and Edge Legacy bundle tests");

const GREEN = "rgb(99, 190, 123)"; // GRADE_COLORS.优秀 #63BE7B
const BLUE = "rgb(141, 180, 226)"; // GRADE_COLORS.称职 #8DB4E2
const EXPECTED_ROWS = [
  "1 甲 一公司 101.36 优秀",
  "2 乙 二公司 93.46 称职",
  "3 丁 四公司 93.03 称职",
  "4 丙 三公司 88.61 称职",
];

/** The part of the fake Excel (test/excel/fake) the test touches: a sheet's protection. */
interface FakeHandle {
  state: { sheet(name: string): { protected: boolean } | undefined };
}

/** What the preludes leave on the page. */
interface PreludeWindow extends E2EWindow {
  __kpRemoved: string[];
  __kpKeyboardEvent: typeof KeyboardEvent;
}

describe.skipIf(NO_CHROMIUM)("the Internet Explorer bundle and Edge Legacy, in headless Chromium", () => {
  let e2e: E2E;
  let legacyBundle = "";
  let modernBundle = "";

  beforeAll(async () => {
    // Production: the legacy bundle as Internet Explorer gets it (minified at the ES5 target).
    e2e = await startE2E({ mode: "production" });

    // The pages: taskpane.html as built, with one bundle taken out and a prelude after office.js.
    const html = readFileSync(join(e2e.dist, "taskpane.html"), "utf8");
    const moduleTag = /<script type="module" src="([^"]+)"><\/script>/.exec(html);
    const legacyTag = /<script src="([^"]+)" nomodule defer(?:="defer")?><\/script>/.exec(html);
    if (!moduleTag || !legacyTag) throw new Error(`taskpane.html lacks its two bundles:\n${html}`);
    modernBundle = moduleTag[1];
    legacyBundle = legacyTag[1];
    const afterOfficeJs = (page: string, script: string) =>
      page.replace(`<script src="${OFFICE_JS_CDN}"></script>`, `$&${scriptFile(e2e.dist, script)}`);
    // Chromium skips nomodule scripts; Internet Explorer runs them as classic scripts, as this page does.
    const ie = afterOfficeJs(
      html.replace(moduleTag[0], "").replace(legacyTag[0], `<script src="${legacyBundle}" defer></script>`),
      IE11_PRELUDE,
    );
    writeFileSync(join(e2e.dist, "ie11.html"), ie);
    writeFileSync(join(e2e.dist, "edge18.html"), afterOfficeJs(html, EDGE18_PRELUDE));
  });

  afterAll(async () => {
    if (e2e) await e2e.stop();
  });

  /** A keydown with the key name Internet Explorer uses, on the focused element. */
  async function ieKey(page: Page, key: string): Promise<void> {
    await page.evaluate((k) => {
      const w = window as unknown as PreludeWindow;
      const target = document.activeElement || document.body;
      target.dispatchEvent(new w.__kpKeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
    }, key);
  }

  const focusedKey = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-focus") ?? null);
  const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as E2EWindow).__kaopingE2E.sheetNames());
  const cell = (page: Page, address: string) =>
    page.evaluate((a) => (window as unknown as E2EWindow).__kaopingE2E.cell(a), address);

  // Page queries go through page.evaluate and querySelectorAll: Playwright's $$eval needs Element.matches in
  // the page, which the Internet Explorer prelude removes.
  async function results(page: Page): Promise<string[]> {
    return page.evaluate(
      () =>
        Array.prototype.map.call(document.querySelectorAll(".kp-result"), (e: Element) =>
          [".kp-result-rank", ".kp-result-name", ".kp-result-unit", ".kp-result-score", ".kp-chip"]
            .map((s) => e.querySelector(s)?.textContent)
            .join(" "),
        ) as string[],
    );
  }

  it(
    "Internet Explorer 11: 新建模板 → 方法 → data → 计算 → 为什么 → 撤销 on the ES5 bundle alone",
    { timeout: 180_000 },
    async () => {
      const { page, problems, outside, requested, context } = await e2e.openPane(
        // Volume-licensed Excel 2019: Internet Explorer and ExcelApi 1.7, the oldest pair that scores.
        { requirements: "Excel 2019", latencyMs: 10 },
        { path: "ie11.html" },
      );

      // Only the legacy bundle ran, and it brought back what the prelude took away and the pane uses.
      expect(requested).toContain(legacyBundle);
      expect(requested).not.toContain(modernBundle);
      expect(requested.filter((p) => p.startsWith("polyfills-modern"))).toEqual([]);
      const removed = await page.evaluate(() => (window as unknown as PreludeWindow).__kpRemoved);
      expect(removed).toEqual(
        expect.arrayContaining(["Promise", "Map", "Set", "Object.fromEntries", "Array.from", "new KeyboardEvent()"]),
      );
      expect(removed.length).toBeGreaterThan(60);
      const restored = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const fn = (x: unknown) => typeof x === "function";
        return {
          Promise: fn(w.Promise),
          Map: fn(w.Map) && new Map([[1, 2]]).get(1) === 2,
          Set: fn(w.Set) && Array.from(new Set("aab")).join("") === "ab",
          fromEntries: fn(Object.fromEntries),
          padStart: fn(String.prototype.padStart),
          flatMap: fn(Array.prototype.flatMap),
          arrayIterator: fn((Array.prototype as unknown as Record<symbol, unknown>)[Symbol.iterator]),
          structuredClone: w.structuredClone === undefined,
        };
      });
      expect(restored).toEqual({
        Promise: true,
        Map: true,
        Set: true,
        fromEntries: true,
        padStart: true,
        flatMap: true,
        arrayIterator: true,
        structuredClone: true,
      });

      // ── 状态: ExcelApi 1.7 scores; the notes that charts and drop-downs need a newer Excel ──
      expect(await tab(page, "状态").getAttribute("aria-selected")).toBe("true");
      // Plain words on the pane; the interface version behind 技术细节.
      expect(await page.locator('[data-line="api"]').count()).toBe(0);
      await clickAndWait(page, '[data-focus="details:api"]');
      expect(await textOf(page, '[data-line="api"]')).toContain("ExcelApi 1.7");
      expect(await textOf(page, '[data-line="api"]')).toContain("下拉列表和输入检查：需要 ExcelApi 1.8");
      expect(await textOf(page, '[data-line="limits"]')).toContain("图表需要较新的 Excel");
      expect(await textOf(page, "#kp-template-hint")).toContain("这个工作簿还没有标准工作表");
      await shot(page, "21-legacy-status.png", '[data-line="limits"]', { ifNeeded: true });

      // ── 新建模板 ──
      await clickAndWait(page, 'button:has-text("新建模板")');
      expect(await textOf(page, '[data-template="created"]')).toBe(
        "已新建：考核对象、经营业绩、工作评价、民主测评、加减分、资质审查、个人情况、组织决定、考核方法。",
      );
      expect(await textOf(page, ".kp-msg")).toContain("此 Excel 不支持表头说明和下拉列表");

      // ── 方法: two indicators, 60/40, saved to the 考核方法 sheet ──
      await tab(page, "方法").click();
      await page.locator('[data-path="economic.indicators[0].name"]').waitFor();
      for (const name of ["主营业务收入", "上缴资金", "经营活动现金流入量"]) {
        await page.getByRole("button", { name: `删除指标“${name}”` }).click();
      }
      expect(await page.locator(".kp-indicator").count()).toBe(2);
      await page.locator('[data-path="economic.indicators[0].weight"]').fill("60");
      await page.locator('[data-path="economic.indicators[1].weight"]').fill("40");
      const maxBonus = page.locator('[data-path="final.maxBonus"]');
      await maxBonus.fill("五");
      await maxBonus.press("Tab");
      expect(await page.locator('.kp-field:has([data-path="final.maxBonus"]) .kp-field-error').textContent()).toBe(
        "应为数值",
      );
      await maxBonus.fill("5");
      await clickAndWait(page, '[data-focus="method:save"]');
      expect(await textOf(page, ".kp-msg-success")).toContain("已保存到“考核方法”工作表");

      // ── the data, typed under the template's headers ──
      await typeExample1(page);
      await tab(page, "状态").click();
      await clickAndWait(page, 'button:has-text("刷新")');
      expect(await textOf(page, '[data-stat="leaders"] .kp-stat-value')).toBe("4");
      expect(await textOf(page, '[data-stat="voteRows"] .kp-stat-value')).toBe("48");
      expect(await textOf(page, "#kp-problems")).toContain("没有发现问题");

      // ── 计算, reached with Internet Explorer's "Right" from the tab bar ──
      await tab(page, "状态").focus();
      await ieKey(page, "Right");
      expect(await tab(page, "计算").getAttribute("aria-selected")).toBe("true");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("kp-tab-calculate");
      await ieKey(page, "Left");
      expect(await tab(page, "状态").getAttribute("aria-selected")).toBe("true");
      await ieKey(page, "Right");
      await clickAndWait(page, '[data-focus="calc:run"]');
      expect(await textOf(page, '[data-line="summary"]')).toBe("参评 4 人，暂缓评定 0 人；优秀 1 人（名额 1 名）。");
      await clickAndWait(page, '[data-focus="details:calc"]');
      expect(await textOf(page, '[data-line="syncs"]')).toContain("读写 Excel 3 次");
      expect(await results(page)).toEqual(EXPECTED_ROWS);
      const chipColors = await page.evaluate(
        () =>
          Array.prototype.map.call(
            document.querySelectorAll(".kp-result .kp-chip"),
            (e: Element) => getComputedStyle(e).backgroundColor,
          ) as string[],
      );
      expect(chipColors).toEqual([GREEN, BLUE, BLUE, BLUE]);
      expect(await cell(page, "考核结果!N2")).toBe(101.36);
      // The results list: "Down" and "Up" move along it.
      await page.locator(".kp-result").first().focus();
      await ieKey(page, "Down");
      expect(await page.evaluate(() => document.activeElement?.querySelector(".kp-result-name")?.textContent)).toBe(
        "乙",
      );
      await ieKey(page, "Up");
      expect(await page.evaluate(() => document.activeElement?.querySelector(".kp-result-name")?.textContent)).toBe(
        "甲",
      );
      await shot(page, "20-legacy.png");

      // ── Excel refusing: the add-in's own message comes through as it is (a KaopingExcelError, which
      // compiled to ES5 is one only because its constructor restores the prototype) ──
      const protect = (on: boolean) =>
        page.evaluate((yes) => {
          const fake = (window as unknown as { __kaopingFakeExcel: FakeHandle }).__kaopingFakeExcel;
          fake.state.sheet("考核结果")!.protected = yes;
        }, on);
      await protect(true);
      await clickAndWait(page, '[data-focus="calc:run"]');
      expect(await textOf(page, ".kp-msg-error .kp-msg-body")).toMatch(/^工作表“考核结果”受保护，无法写入。/);
      await protect(false);

      // ── 为什么 ──
      await page.locator('.kp-result:has-text("甲")').click();
      expect(await tab(page, "为什么").getAttribute("aria-selected")).toBe("true");
      expect(await textOf(page, "#kp-why-name")).toBe("甲");
      expect(await textOf(page, '[data-fact="final"]')).toBe("101.36");
      const explain = await textOf(page, ".kp-explain");
      expect(explain).toContain("经营业绩 E = 100 × Σ(权重 × s) / 100 = 108.22");
      expect(explain).toContain("最终等次：优秀");
      // The search box: typed, "Down", "Esc" closes the list; typed again, Enter picks.
      const search = page.getByRole("combobox");
      await search.fill("公司");
      expect(await page.locator(".kp-option").count()).toBe(4);
      await ieKey(page, "Down");
      expect(await page.locator('.kp-option[aria-selected="true"]').count()).toBe(1);
      await ieKey(page, "Esc");
      expect(await page.locator(".kp-options").isHidden()).toBe(true);
      await search.fill("四公司");
      await search.press("Enter");
      expect(await textOf(page, "#kp-why-name")).toBe("丁");
      // A match picked with the mouse.
      await search.fill("二公司");
      await page.locator('.kp-option:has-text("乙")').click();
      expect(await textOf(page, "#kp-why-name")).toBe("乙");

      // ── 撤销: "Esc" cancels the confirmation; then 考核结果 is deleted (it did not exist before) ──
      await tab(page, "计算").click();
      await page.locator('[data-focus="calc:undo"]').click();
      expect(await page.getByRole("alertdialog").textContent()).toContain("撤销将删除它");
      expect(await focusedKey(page)).toBe("undo:yes");
      await ieKey(page, "Esc");
      expect(await page.getByRole("alertdialog").count()).toBe(0);
      expect(await sheetNames(page)).toContain("考核结果");
      await page.locator('[data-focus="calc:undo"]').click();
      await clickAndWait(page, '[data-focus="undo:yes"]');
      expect(await textOf(page, ".kp-msg-success")).toContain("已删除“考核结果”");
      expect(await sheetNames(page)).not.toContain("考核结果");
      expect(await page.locator(".kp-result").count()).toBe(0);

      // ── 测评票 under Internet Explorer: the ballots to print (no page setup on 1.8, and it says so), the sheet
      // for typing them, a tally and its undo — the ballot code arrives as a chunk of the ES5 bundle ──
      const typedVotes = await cell(page, "民主测评!E2");
      await tab(page, "测评票").click();
      await clickAndWait(page, '[data-focus="ballots:blank"]');
      expect(await textOf(page, '[data-line="blank"]')).toContain("4 个单位");
      expect(await textOf(page, '[data-line="noPrint"]')).toContain("此 Excel 不能设置打印格式");
      await clickAndWait(page, '[data-focus="ballots:entry"]');
      await page.evaluate(
        (rows) => (window as unknown as E2EWindow).__kaopingE2E.fill("测评票", rows),
        [1, 2].map((n) => ({
          票号: n,
          单位: "一公司",
          测评人类别: "上级",
          姓名: "甲",
          德: "优秀",
          能: "称职",
          勤: "称职",
          廉: "优秀",
        })),
      );
      await clickAndWait(page, '[data-focus="ballots:tally"]');
      expect(await textOf(page, '[data-line="tally"]')).toBe(
        "共 2 张测评票，有效 2 张，无效 0 张；“民主测评”共 4 行。",
      );
      expect(await cell(page, "民主测评!E2")).toBe(2);
      await clickAndWait(page, '[data-focus="ballots:undo"]');
      await clickAndWait(page, '[data-focus="ballots-undo:yes"]');
      expect(await textOf(page, '[data-line="tallyUndone"]')).toContain("已恢复");
      expect(await cell(page, "民主测评!E2")).toBe(typedVotes);
      await tab(page, "计算").click();

      // ── a bad cell: listed, nothing written ──
      const col = await page.evaluate(() =>
        (window as unknown as E2EWindow).__kaopingE2E.column("经营业绩", "实现利润/完成"),
      );
      const bad = `经营业绩!${String.fromCharCode(65 + col)}3`;
      await page.evaluate((a) => (window as unknown as E2EWindow).__kaopingE2E.setCell(a, "约100"), bad);
      await clickAndWait(page, '[data-focus="calc:run"]');
      expect(await page.locator(`.kp-diag[data-cell="${bad}"]`).count()).toBe(1);
      expect(await textOf(page, '[data-line="errors"]')).toBe("发现 1 个错误，请修正后重新计算。");
      expect(await sheetNames(page)).not.toContain("考核结果");

      // ── English ──
      await switchLanguage(page);
      expect(await page.locator(".kp-tab").allTextContents()).toEqual([
        "Status",
        "Calculate",
        "Why",
        "Method",
        "Ballots",
      ]);
      await tab(page, "Status").click();
      expect(await textOf(page, '[data-line="limits"]')).toContain("charts need a newer Excel");

      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
      await context.close();
    },
  );

  it("Internet Explorer 11: a circumstance linked to its cell, and 记录组织决定", { timeout: 60_000 }, async () => {
    const personal = {
      name: "个人情况",
      rows: [
        ["姓名", "单位", "情形"],
        ["甲", "一公司", "诫勉"],
      ],
    };
    const { page, problems, outside, context } = await e2e.openPane(
      { book: toJsonBook([...example1Book(), personal]), requirements: "ExcelApi 1.8" },
      { path: "ie11.html" },
    );
    await tab(page, "计算").click();
    await clickAndWait(page, '[data-focus="calc:run"]');
    // 甲 cannot be 优秀 (诫勉): the quota goes to 乙.
    expect((await results(page)).slice(0, 2)).toEqual(["1 甲 一公司 101.36 称职", "2 乙 二公司 93.46 优秀"]);
    await page.locator('.kp-result:has-text("甲")').click();
    const link = page.locator('.kp-flag[data-flag="personalNoExcellent"] .kp-cell');
    expect(await link.getAttribute("data-cell")).toBe("个人情况!A2");
    await link.click();
    await page.waitForFunction(() => document.documentElement.getAttribute("aria-busy") === "false");
    expect(await page.evaluate(() => (window as unknown as E2EWindow).__kaopingE2E.selection())).toBe("个人情况!A2");

    await page.getByRole("combobox").fill("乙");
    await page.getByRole("combobox").press("Enter");
    await page.locator('[data-focus="decision:open"]').click();
    // The grade chosen as a person would, with a change event built the way Internet Explorer builds one.
    await page.evaluate(() => {
      const select = document.querySelector('[data-focus="decision:grade"]') as HTMLSelectElement;
      select.value = "称职";
      const e = document.createEvent("HTMLEvents");
      e.initEvent("change", true, false);
      select.dispatchEvent(e);
    });
    await page.locator('[data-focus="decision:basis"]').fill("党委会研究决定");
    await clickAndWait(page, '[data-focus="decision:save"]');
    expect(await textOf(page, '[data-line="decision-written"]')).toContain("已在“组织决定”第 2 行记录：乙，称职。");
    expect(await textOf(page, '[data-fact="grade"]')).toBe("称职");
    expect(await textOf(page, '.kp-flag[data-flag="committee"]')).toContain(
      "经组织研究确定为称职（原为优秀，党委会研究决定）",
    );
    expect(await cell(page, "组织决定!C2")).toBe("称职");
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it("Excel 2016 (1.1) under Internet Explorer is told", { timeout: 60_000 }, async () => {
    const { page, problems, outside, context } = await e2e.openPane(
      { requirements: "Excel 2016" },
      { path: "ie11.html" },
    );
    expect(await textOf(page, ".kp-msg-error")).toContain("此版本的 Excel 无法运行考评：需要 Excel 2019 或更新版本");
    expect(await page.locator('button:has-text("刷新")').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it(
    "Edge Legacy: the modern bundle fetches its polyfills, scores, explains and undoes",
    { timeout: 120_000 },
    async () => {
      const { page, problems, outside, requested, context } = await e2e.openPane(
        { book: toJsonBook(example1Book()), requirements: "ExcelApi 1.9" },
        { path: "edge18.html" },
      );
      const removed = await page.evaluate(() => (window as unknown as PreludeWindow).__kpRemoved);
      expect(removed).toEqual(
        expect.arrayContaining([
          "Object.fromEntries",
          "Array.prototype.flat",
          "Array.prototype.flatMap",
          "String.prototype.matchAll",
        ]),
      );
      expect(requested).toContain(modernBundle);
      expect(requested).not.toContain(legacyBundle);
      expect(requested.filter((p) => p.startsWith("polyfills-modern")).length).toBe(1);
      expect(await page.evaluate(() => typeof Object.fromEntries)).toBe("function");
      // The modern build has no limitations to report.
      expect(await page.locator('[data-line="limits"]').count()).toBe(0);
      expect(await textOf(page, '[data-stat="leaders"] .kp-stat-value')).toBe("4");

      await tab(page, "计算").click();
      await clickAndWait(page, '[data-focus="calc:run"]');
      expect(await results(page)).toEqual(EXPECTED_ROWS);
      expect(await cell(page, "考核结果!N2")).toBe(101.36);
      await page.locator('.kp-result:has-text("甲")').click();
      expect(await textOf(page, '[data-fact="final"]')).toBe("101.36");
      await tab(page, "计算").click();
      await page.locator('[data-focus="calc:undo"]').click();
      await clickAndWait(page, '[data-focus="undo:yes"]');
      expect(await sheetNames(page)).not.toContain("考核结果");
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
      await context.close();

      // A browser with every built-in does not download the polyfills.
      const full = await e2e.openPane({ book: toJsonBook(example1Book()) });
      expect(full.requested).toContain(modernBundle);
      expect(full.requested.filter((p) => p.startsWith("polyfills-modern") || p === legacyBundle)).toEqual([]);
      expect(full.problems).toEqual([]);
      expect(full.outside).toEqual([]);
      await full.context.close();
    },
  );
});
