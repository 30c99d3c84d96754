/**
 * The pane's 计算 in headless Chromium on the fake Excel (test/excel/fake): the add-in bundled for the
 * browser as the pane is, a workbook of `leaders` leaders (test/excel/bigBook.ts), and the time of
 * `calculate()` split into what the fake spends in its syncs (standing in for Excel) and the rest — reading
 * the Grids out of the answers, scoring, and building the writes — which is the pane's own. Median of 5 runs
 * after a first one (reported too, as the cold figure), each on a fresh workbook. Null without /usr/bin/chromium.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const CHROMIUM = "/usr/bin/chromium";

export interface PaneFigures {
  leaders: number;
  /** calculate() without the fake's syncs. */
  productMs: number;
  /** calculate() as a whole. */
  totalMs: number;
  /** The first run in the page, before the JIT has warmed up: productMs and totalMs. */
  cold: { productMs: number; totalMs: number };
}

const ENTRY = `
import { installFakeOffice } from "../test/excel/fake/browser";
import { bigBook } from "../test/excel/bigBook";
import { createAddin, officeHost } from "../src/excel/addin";

export async function once(leaders) {
  const fake = installFakeOffice({ book: bigBook(leaders), requirements: "Microsoft 365" });
  await Office.onReady();
  const addin = createAddin(officeHost());
  let inSync = 0;
  const sync = fake.sync.bind(fake);
  fake.sync = async (ctx) => {
    const t = performance.now();
    try { await sync(ctx); } finally { inSync += performance.now() - t; }
  };
  const t0 = performance.now();
  const r = await addin.calculate({ today: "2025-12-31" });
  const total = performance.now() - t0;
  if (!r.ok) throw new Error("calculate failed: " + JSON.stringify(r).slice(0, 500));
  return { total, product: total - inSync };
}
`;

/** `root`: the project's directory. */
export async function benchPane(leaders: number, root: string): Promise<PaneFigures | null> {
  if (!existsSync(CHROMIUM)) return null;
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: join(root, "bench"), sourcefile: "pane-bench.ts", loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "kaopingBench",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
    absWorkingDir: root,
  });
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
  });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: out.outputFiles[0].text });
    const samples: { total: number; product: number }[] = [];
    let cold = { productMs: NaN, totalMs: NaN };
    for (let i = 0; i < 6; i++) {
      const s = await page.evaluate(
        (n) =>
          (
            window as unknown as { kaopingBench: { once(n: number): Promise<{ total: number; product: number }> } }
          ).kaopingBench.once(n),
        leaders,
      );
      if (i > 0) samples.push(s);
      else cold = { productMs: s.product, totalMs: s.total };
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      leaders,
      productMs: median(samples.map((s) => s.product)),
      totalMs: median(samples.map((s) => s.total)),
      cold,
    };
  } finally {
    await browser.close();
  }
}
