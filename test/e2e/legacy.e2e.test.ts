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
 * 21-legacy-status.png). Skipped, saying why, when /usr/bin/chromium is absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, relative, resolve } from "node:path";
import { build as esbuild } from "esbuild";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFICE_JS_CDN } from "../../scripts/office-js-local.js";
import type { CellValue } from "../../src/workbook/grid";
import { EXAMPLE1_ADJUSTMENTS, EXAMPLE1_ECONOMIC, EXAMPLE1_LEADERS, EXAMPLE1_VOTES, EXAMPLE1_WORK } from "./example1";
import { example1Book, toJsonBook } from "./example1Book";
import type { E2EOptions, JsonCell } from "./fakeOffice";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  console.warn(`[legacy.e2e] skipped: ${CHROMIUM} not found (Debian: apt-get install chromium fonts-wqy-microhei).`);
}

const ROOT = resolve(__dirname, "../..");
const SHOTS = join(ROOT, "out", "screenshots");
const WEBPACK_CLI = resolve(ROOT, "node_modules/webpack-cli/bin/cli.js");
const GREEN = "rgb(99, 190, 123)"; // GRADE_COLORS.优秀 #63BE7B
const BLUE = "rgb(141, 180, 226)"; // GRADE_COLORS.称职 #8DB4E2
const EXPECTED_ROWS = [
  "1 甲 一公司 101.36 优秀",
  "2 乙 二公司 93.46 称职",
  "3 丁 四公司 93.03 称职",
  "4 丙 三公司 88.61 称职",
];

/**
 * Runs before the legacy bundle: takes away what Internet Explorer 11 does not have. ES5 itself, so that
 * nothing here needs what it removes. Saves the KeyboardEvent constructor for the test's own key presses and
 * lists what it removed on window.__kpRemoved.
 */
const IE11_PRELUDE = `(function () {
  var removed = [];
  function drop(owner, label, names) {
    for (var i = 0; i < names.length; i++) {
      var n = names[i];
      if (!(n in owner)) continue;
      try { delete owner[n]; } catch (e) {}
      if (n in owner && owner[n] !== undefined) { try { owner[n] = undefined; } catch (e) {} }
      if (owner[n] === undefined) removed.push(label + (typeof n === "symbol" ? "[Symbol.iterator]" : n));
    }
  }
  window.__kpKeyboardEvent = window.KeyboardEvent;
  drop(window, "", ["Promise", "Map", "Set", "structuredClone", "queueMicrotask", "fetch", "URLSearchParams",
    "TextEncoder", "TextDecoder", "requestIdleCallback", "IntersectionObserver", "ResizeObserver", "customElements"]);
  // (Object.is stays: Playwright's own page scripts use it.)
  drop(Object, "Object.", ["assign", "entries", "values", "fromEntries", "getOwnPropertyDescriptors", "hasOwn"]);
  drop(Array, "Array.", ["from", "of"]);
  drop(Array.prototype, "Array.prototype.", ["find", "findIndex", "fill", "includes", "flat", "flatMap",
    "copyWithin", "entries", "keys", "values", Symbol.iterator, "at", "findLast", "findLastIndex", "toSorted",
    "toReversed", "toSpliced", "with"]);
  drop(String, "String.", ["fromCodePoint", "raw"]);
  drop(String.prototype, "String.prototype.", ["startsWith", "endsWith", "includes", "repeat", "padStart",
    "padEnd", "codePointAt", "normalize", "matchAll", "trimStart", "trimEnd", "replaceAll", "at", Symbol.iterator]);
  drop(Number, "Number.", ["isInteger", "isFinite", "isNaN", "isSafeInteger", "parseFloat", "parseInt"]);
  drop(Math, "Math.", ["trunc", "sign", "log10", "log2", "hypot", "cbrt", "expm1", "log1p", "fround", "imul",
    "clz32", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]);
  drop(Element.prototype, "Element.prototype.", ["closest", "matches", "remove", "append", "prepend", "before",
    "after", "replaceWith", "replaceChildren", "toggleAttribute", "getAttributeNames", "scroll", "scrollTo",
    "scrollBy", "animate"]);
  drop(CharacterData.prototype, "CharacterData.prototype.", ["remove", "before", "after", "replaceWith"]);
  drop(Document.prototype, "Document.prototype.", ["append", "prepend", "replaceChildren"]);
  drop(DocumentFragment.prototype, "DocumentFragment.prototype.", ["append", "prepend", "replaceChildren"]);
  drop(Node.prototype, "Node.prototype.", ["isConnected", "getRootNode"]);
  drop(NodeList.prototype, "NodeList.prototype.", ["forEach", "entries", "keys", "values", Symbol.iterator]);
  drop(DOMTokenList.prototype, "DOMTokenList.prototype.", ["replace", "entries", "forEach", "keys", "values"]);
  // Internet Explorer has these interfaces but cannot construct them (document.createEvent only).
  var names = ["Event", "CustomEvent", "KeyboardEvent", "MouseEvent", "FocusEvent", "InputEvent", "UIEvent"];
  for (var i = 0; i < names.length; i++) {
    var Native = window[names[i]];
    var NoConstructor = function () { throw new TypeError("Object doesn't support this action"); };
    NoConstructor.prototype = Native.prototype;
    window[names[i]] = NoConstructor;
    removed.push("new " + names[i] + "()");
  }
  window.__kpRemoved = removed;
})();`;

/** Runs before the modern bundle: takes away the built-ins of ES2018 and later that EdgeHTML 18 lacks. */
const EDGE18_PRELUDE = `(function () {
  var removed = [];
  function drop(owner, label, names) {
    for (var i = 0; i < names.length; i++) {
      if (!(names[i] in owner)) continue;
      delete owner[names[i]];
      if (!(names[i] in owner)) removed.push(label + names[i]);
    }
  }
  drop(window, "", ["structuredClone", "queueMicrotask"]);
  drop(Object, "Object.", ["fromEntries", "hasOwn", "groupBy"]);
  drop(Array.prototype, "Array.prototype.", ["flat", "flatMap", "at", "findLast", "findLastIndex", "toSorted",
    "toReversed", "toSpliced", "with"]);
  drop(String.prototype, "String.prototype.", ["matchAll", "replaceAll", "at", "trimStart", "trimEnd",
    "isWellFormed", "toWellFormed"]);
  drop(Promise, "Promise.", ["allSettled", "any", "withResolvers"]);
  drop(Symbol.prototype, "Symbol.prototype.", ["description"]);
  window.__kpRemoved = removed;
})();`;

/** The part of the fake Excel (test/excel/fake) the test touches: a sheet's protection. */
interface FakeHandle {
  state: { sheet(name: string): { protected: boolean } | undefined };
}

interface E2EWindow {
  __kaopingE2E: {
    fill(name: string, records: Record<string, JsonCell>[]): number;
    setCell(address: string, value: JsonCell): void;
    cell(address: string): CellValue;
    column(name: string, header: string): number;
    sheetNames(): string[];
    selection(): string | null;
  };
  __kpRemoved: string[];
  __kpKeyboardEvent: typeof KeyboardEvent;
}

describe.skipIf(!HAVE_CHROMIUM)("the Internet Explorer bundle and Edge Legacy, in headless Chromium", () => {
  const temp = mkdtempSync(join(tmpdir(), "kaoping-legacy-e2e-"));
  const dist = join(temp, "dist");
  let server: Server;
  let origin = "";
  let browser: Browser;
  let fakeScript = "";
  let legacyBundle = "";
  let modernBundle = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("KAOPING_")));
    // Production: the legacy bundle as Internet Explorer gets it (minified at the ES5 target).
    const built = spawnSync(
      process.execPath,
      [WEBPACK_CLI, "--mode", "production", "--devtool", "false", "--output-path", dist],
      { cwd: ROOT, env: clean, encoding: "utf8", timeout: 180_000 },
    );
    if (built.status !== 0) throw new Error(`webpack failed:\n${built.stdout}\n${built.stderr}`);
    const bundled = await esbuild({
      entryPoints: [join(__dirname, "fakeOffice.ts")],
      bundle: true,
      format: "iife",
      write: false,
      target: "es2020",
      logLevel: "silent",
    });
    fakeScript = bundled.outputFiles[0].text;

    // The pages: taskpane.html as built, with one bundle taken out and a prelude after office.js.
    const html = readFileSync(join(dist, "taskpane.html"), "utf8");
    const moduleTag = /<script type="module" src="([^"]+)"><\/script>/.exec(html);
    const legacyTag = /<script src="([^"]+)" nomodule defer(?:="defer")?><\/script>/.exec(html);
    if (!moduleTag || !legacyTag) throw new Error(`taskpane.html lacks its two bundles:\n${html}`);
    modernBundle = moduleTag[1];
    legacyBundle = legacyTag[1];
    const afterOfficeJs = (page: string, script: string) =>
      page.replace(`<script src="${OFFICE_JS_CDN}"></script>`, `$&<script>${script}</script>`);
    // Chromium skips nomodule scripts; Internet Explorer runs them as classic scripts, as this page does.
    const ie = afterOfficeJs(
      html.replace(moduleTag[0], "").replace(legacyTag[0], `<script src="${legacyBundle}" defer></script>`),
      IE11_PRELUDE,
    );
    writeFileSync(join(dist, "ie11.html"), ie);
    writeFileSync(join(dist, "edge18.html"), afterOfficeJs(html, EDGE18_PRELUDE));

    const types: Record<string, string> = {
      ".html": "text/html; charset=utf-8",
      ".js": "text/javascript; charset=utf-8",
      ".css": "text/css; charset=utf-8",
      ".png": "image/png",
    };
    server = createServer((req, res) => {
      const file = resolve(dist, `.${decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)}`);
      if (relative(dist, file).startsWith("..") || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(readFileSync(file));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
  });

  afterAll(async () => {
    if (browser) await browser.close();
    if (server) await new Promise<void>((done) => server.close(() => done()));
    rmSync(temp, { recursive: true, force: true });
  });

  interface Pane {
    context: BrowserContext;
    page: Page;
    problems: string[];
    /** Every URL the page asked this server for (path only). */
    requested: string[];
  }

  async function openPane(pagePath: string, options: E2EOptions = {}): Promise<Pane> {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const problems: string[] = [];
    const requested: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    const install = `\n;globalThis.__kaopingE2E.install(${JSON.stringify(options)});\n`;
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS_CDN)
        return route.fulfill({
          status: 200,
          contentType: "text/javascript; charset=utf-8",
          body: fakeScript + install,
        });
      if (url.startsWith(`${origin}/`)) {
        requested.push(new URL(url).pathname.slice(1));
        return route.continue();
      }
      problems.push(`request outside: ${url}`);
      return route.abort();
    });
    await page.goto(`${origin}/${pagePath}`);
    await idle(page);
    return { context, page, problems, requested };
  }

  async function idle(page: Page): Promise<void> {
    await page.waitForFunction(
      () => document.documentElement.getAttribute("aria-busy") === "false" && !!document.querySelector("#kp-panel"),
    );
  }

  async function clickAndWait(page: Page, selector: string): Promise<void> {
    await page.locator(selector).first().click();
    await idle(page);
  }

  /** A keydown with the key name Internet Explorer uses, on the focused element. */
  async function ieKey(page: Page, key: string): Promise<void> {
    await page.evaluate((k) => {
      const w = window as unknown as E2EWindow;
      const target = document.activeElement || document.body;
      target.dispatchEvent(new w.__kpKeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
    }, key);
  }

  const tab = (page: Page, name: string) => page.getByRole("tab", { name });
  const textOf = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? "";
  const focusedKey = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-focus") ?? null);
  const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as E2EWindow).__kaopingE2E.sheetNames());
  const cell = (page: Page, address: string) =>
    page.evaluate((a) => (window as unknown as E2EWindow).__kaopingE2E.cell(a), address);

  async function shot(page: Page, name: string, scrollTo?: string): Promise<void> {
    if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
    else
      await page.evaluate(() => {
        document.getElementById("kp-app")!.scrollTop = 0;
      });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, name) });
  }

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
      const { page, problems, requested, context } = await openPane("ie11.html", {
        requirements: "Excel 2019",
        latencyMs: 10,
      });

      // Only the legacy bundle ran, and it brought back what the prelude took away and the pane uses.
      expect(requested).toContain(legacyBundle);
      expect(requested).not.toContain(modernBundle);
      expect(requested.filter((p) => p.startsWith("polyfills-modern"))).toEqual([]);
      const removed = await page.evaluate(() => (window as unknown as E2EWindow).__kpRemoved);
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

      // ── 状态: Excel 2019's ExcelApi 1.8 scores; the note that charts need a newer Excel ──
      expect(await tab(page, "状态").getAttribute("aria-selected")).toBe("true");
      expect(await textOf(page, '[data-line="api"]')).toContain("ExcelApi 1.8");
      expect(await textOf(page, '[data-line="limits"]')).toContain("图表需要较新的 Excel");
      expect(await textOf(page, "#kp-template-hint")).toContain("这个工作簿还没有标准工作表");
      await shot(page, "21-legacy-status.png", '[data-line="limits"]');

      // ── 新建模板 ──
      await clickAndWait(page, 'button:has-text("新建模板")');
      expect(await textOf(page, '[data-template="created"]')).toBe(
        "已新建：考核对象、经营业绩、工作评价、民主测评、加减分、资质审查、考核方法。",
      );

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
      const fill = (name: string, rows: Record<string, JsonCell>[]) =>
        page.evaluate(([n, r]) => (window as unknown as E2EWindow).__kaopingE2E.fill(n, r), [name, rows] as const);
      expect(await fill("考核对象", EXAMPLE1_LEADERS)).toBe(4);
      expect(await fill("经营业绩", EXAMPLE1_ECONOMIC)).toBe(4);
      expect(await fill("工作评价", EXAMPLE1_WORK)).toBe(4);
      expect(await fill("民主测评", EXAMPLE1_VOTES)).toBe(48);
      expect(await fill("加减分", EXAMPLE1_ADJUSTMENTS)).toBe(2);
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
      expect(await textOf(page, '[data-line="syncs"]')).toContain("Excel 往返 3 次");
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
      await page.locator(".kp-lang").click();
      expect(await page.locator(".kp-tab").allTextContents()).toEqual(["Status", "Calculate", "Why", "Method"]);
      await tab(page, "Status").click();
      expect(await textOf(page, '[data-line="limits"]')).toContain("charts need a newer Excel");

      expect(problems).toEqual([]);
      await context.close();
    },
  );

  it("an Excel older than 2019 under Internet Explorer is told what it needs", { timeout: 60_000 }, async () => {
    const { page, problems, context } = await openPane("ie11.html", { requirements: "Excel 2016" });
    expect(await textOf(page, ".kp-msg-error")).toContain("此版本的 Excel 无法运行考评：需要 ExcelApi 1.8");
    expect(await page.locator('button:has-text("刷新")').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it(
    "Edge Legacy: the modern bundle fetches its polyfills, scores, explains and undoes",
    { timeout: 120_000 },
    async () => {
      const { page, problems, requested, context } = await openPane("edge18.html", {
        book: toJsonBook(example1Book()),
        requirements: "ExcelApi 1.9",
      });
      const removed = await page.evaluate(() => (window as unknown as E2EWindow).__kpRemoved);
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
      await context.close();

      // A browser with every built-in does not download the polyfills.
      const full = await openPane("taskpane.html", { book: toJsonBook(example1Book()) });
      expect(full.requested).toContain(modernBundle);
      expect(full.requested.filter((p) => p.startsWith("polyfills-modern") || p === legacyBundle)).toEqual([]);
      expect(full.problems).toEqual([]);
      await full.context.close();
    },
  );
});
