/**
 * The browser harness of the end-to-end tests, as pane.e2e.test.ts sets it up inline: webpack builds the pane
 * into a temporary folder, a small HTTP server serves it, headless Chromium (Debian's, through
 * playwright-core) opens taskpane.html, and the office.js request is answered with a bundle of
 * fakeOffice.ts that installs the fake Excel (test/excel/fake) with the options given, and its hooks.
 *
 *   const e2e = await startE2E({ mode: "development" });
 *   const pane = await e2e.openPane({ book, requirements: "Microsoft 365" });
 *   … pane.page, pane.problems (page errors, console errors, Content-Security-Policy violations),
 *   pane.requested (paths asked of the server), pane.outside (requests for anything but the server and
 *   office.js: aborted, and pane.context.close() then fails the test)
 *   await e2e.stop();
 *
 * The pages keep their Content-Security-Policy: a script put into a page (a prelude, see preludes.ts) is a
 * file of the server (scriptFile), never inline.
 *
 * Needs /usr/bin/chromium: the tests ask test/support/tools.ts (skipWithout), which fails them under CI and
 * skips them locally, saying so, when it is absent.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { OFFICE_JS_CDN } from "../../scripts/office-js-local.js";
import { CHROMIUM_PATH } from "../support/tools";
import { ROOT, serveDir, webpack } from "../support/webpack";
import type { E2EHooks, E2EOptions } from "./fakeOffice";

export const CHROMIUM = CHROMIUM_PATH;
export const SHOTS = join(ROOT, "out", "screenshots");

/** The dark Office theme the pane tests use. */
export const DARK_THEME = {
  bodyBackgroundColor: "#262626",
  bodyForegroundColor: "#FFFFFF",
  controlBackgroundColor: "#333333",
  controlForegroundColor: "#FFFFFF",
};

/** The page's window with the hooks of fakeOffice.ts. */
export interface E2EWindow {
  __kaopingE2E: E2EHooks;
}

export interface Pane {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Paths (without the leading slash) the page asked the server for, in order. */
  requested: string[];
  outside: string[];
}

export interface PaneContext {
  /** The page of e2e.dist to open; taskpane.html unless given. */
  path?: string;
  colorScheme?: "light" | "dark";
  width?: number;
  /** A script put into taskpane.html right after office.js (the fake), before the pane's bundles. */
  afterOfficeJs?: string;
}

/**
 * Writes `script` into `dist` as a file of its own and gives the tag that loads it: what a page of the test
 * adds must come from the server, as the pane's Content-Security-Policy allows no inline script.
 */
export function scriptFile(dist: string, script: string): string {
  const name = `e2e-${createHash("sha256").update(script).digest("hex").slice(0, 12)}.js`;
  writeFileSync(join(dist, name), script);
  return `<script src="${name}"></script>`;
}

export interface E2E {
  dist: string;
  origin: string;
  browser: Browser;
  openPane(options?: E2EOptions, ctx?: PaneContext): Promise<Pane>;
  stop(): Promise<void>;
}

/** Builds the pane (webpack, in `mode`), serves it and launches Chromium; out/screenshots/ is made ready too. */
export async function startE2E(opts: { mode: "development" | "production" }): Promise<E2E> {
  mkdirSync(SHOTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), "kaoping-e2e-"));
  const dist = join(temp, "dist");
  const built = webpack(dist, { mode: opts.mode, noSourceMaps: true });
  if (built.status !== 0) throw new Error(`webpack failed:\n${built.output}`);
  const bundled = await esbuild({
    entryPoints: [join(__dirname, "fakeOffice.ts")],
    bundle: true,
    format: "iife",
    write: false,
    target: "es2020",
    logLevel: "silent",
  });
  const fakeScript = bundled.outputFiles[0].text;
  const server = await serveDir(dist);
  const origin = server.origin;

  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    // launch() gives Chromium a fresh --user-data-dir of its own in the temp directory (and removes it on
    // close); playwright refuses one passed in args, which is for launchPersistentContext.
  });

  async function openPane(options: E2EOptions = {}, ctx: PaneContext = {}): Promise<Pane> {
    const context = await browser.newContext({
      viewport: { width: ctx.width ?? 360, height: 800 },
      deviceScaleFactor: 2,
      colorScheme: ctx.colorScheme ?? "light",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const requested: string[] = [];
    const outside: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    // Chromium reports a blocked load in the console; an event names every violation, eval included.
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
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
        const path = new URL(url).pathname.slice(1);
        requested.push(path);
        if (path === "taskpane.html" && ctx.afterOfficeJs !== undefined) {
          const html = readFileSync(join(dist, "taskpane.html"), "utf8");
          const tag = `<script src="${OFFICE_JS_CDN}"></script>`;
          if (!html.includes(tag)) throw new Error("taskpane.html does not load office.js as expected");
          return route.fulfill({
            status: 200,
            contentType: "text/html; charset=utf-8",
            body: html.replace(tag, `${tag}${scriptFile(dist, ctx.afterOfficeJs)}`),
          });
        }
        return route.continue();
      }
      // blob: URLs (downloads) never reach the route; anything else leaving the server is a bug.
      outside.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/${ctx.path ?? "taskpane.html"}`);
    await idle(page);
    // Closing the pane's context is where a test ends: a request that left the server fails it there.
    const close = context.close.bind(context);
    context.close = async (options) => {
      await close(options);
      if (outside.length > 0)
        throw new Error(`the pane asked for what is neither its server nor office.js: ${outside.join(", ")}`);
    };
    return { context, page, problems, requested, outside };
  }

  async function stop(): Promise<void> {
    await browser.close();
    await server.close();
    rmSync(temp, { recursive: true, force: true });
  }

  return { dist, origin, browser, openPane, stop };
}

/** Waits until no operation runs (the pane sets aria-busy on <html>) and a view is drawn. */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.documentElement.getAttribute("aria-busy") === "false" && !!document.querySelector("#kp-panel"),
  );
}

export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().click();
  await idle(page);
}

/** Clicks the language switch and waits until the page has changed language (English is fetched on demand). */
export async function switchLanguage(page: Page): Promise<void> {
  const before = await page.evaluate(() => document.documentElement.lang);
  await page.locator(".kp-lang").click();
  await page.waitForFunction((b) => document.documentElement.lang !== b, before);
  await idle(page);
}

export const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

export const textOf = async (page: Page, selector: string): Promise<string> =>
  (await page.locator(selector).first().textContent()) ?? "";

/**
 * A screenshot of the pane into out/screenshots/, with the mouse off every row (no hover colour shows),
 * scrolled to the top, or to `scrollTo`: that element at the top of the pane, or with `ifNeeded` only as far
 * as brings it into view.
 */
export async function shot(
  page: Page,
  name: string,
  scrollTo?: string,
  { ifNeeded = false }: { ifNeeded?: boolean } = {},
): Promise<void> {
  const target = scrollTo ? page.locator(scrollTo).first() : null;
  if (target && ifNeeded) await target.scrollIntoViewIfNeeded();
  else if (target) await target.evaluate((el) => el.scrollIntoView({ block: "start" }));
  else
    await page.evaluate(() => {
      // scrollTop rather than scrollTo(): the Internet Explorer prelude of legacy.e2e.test.ts removes the latter.
      document.getElementById("kp-app")!.scrollTop = 0;
    });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SHOTS, name) });
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => bytes[i] === b)) throw new Error("not a PNG");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
