/**
 * The 图表 view is loaded on demand: from one production build into a temporary folder, the pane's entry
 * (what every user downloads first) holds none of Chart.js, pptxgenjs, jszip, the view or the deck builder
 * and stays inside its 400 KiB budget with no size warning; the view and Chart.js come in chunks fetched by
 * import() when the tab is opened, pptxgenjs in another fetched only for the deck; chunk files are named
 * relative to the page (publicPath ""). The layer of webpack.config.js is what keeps Chart.js out of the
 * entry although the entry reaches src/charts (插入会议图表's layout takes its constants).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webpack } from "../support/webpack";

const temp = mkdtempSync(join(tmpdir(), "kaoping-chunks-"));
const dist = join(temp, "dist");
let output = "";
let status: number | null = null;

beforeAll(() => {
  ({ status, output } = webpack(dist, { mode: "production" }));
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/**
 * The sources of a bundle (its source map), as "./src/…" and "./node_modules/…"; none for the tiny chunks
 * of pptxgenjs's Node-only imports (empty modules, no map).
 */
function sourcesOf(file: string): string[] {
  if (!existsSync(join(dist, `${file}.map`))) return [];
  const map = JSON.parse(readFileSync(join(dist, `${file}.map`), "utf8")) as { sources: string[] };
  return map.sources.map((s) =>
    s
      .replace(/^webpack:\/\/[^/]*\//, "./")
      .replace(/^\.\/\.\//, "./")
      .replace(/\?[0-9a-f]+$/, ""),
  );
}

const modernJs = () => readdirSync(dist).filter((f) => f.endsWith(".js") && !/-legacy\./.test(f));
const entryFile = () => modernJs().find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))!;
/** The modern chunk whose sources include one matching `re`. */
const chunkWith = (re: RegExp) => modernJs().filter((f) => f !== entryFile() && sourcesOf(f).some((s) => re.test(s)));

const CHART_CODE = /node_modules\/(chart\.js|pptxgenjs|jszip)\/|src\/taskpane\/features\/chartsView\.ts|src\/deck\//;

describe("the 图表 chunks", () => {
  it("the build succeeds with no warning (the size hints watch the entry and every chunk)", () => {
    expect(status).toBe(0);
    expect(output).toContain("compiled successfully");
    expect(output).not.toMatch(/WARNING/);
  });

  it("the entry carries the tab, not its code, and stays within 400 KiB", () => {
    const sources = sourcesOf(entryFile());
    expect(sources).toContain("./src/taskpane/features/charts.ts");
    expect(sources.filter((s) => CHART_CODE.test(s))).toEqual([]);
    expect(statSync(join(dist, entryFile())).size).toBeLessThan(400 * 1024);
  });

  it("the view, the chart builders and Chart.js come on demand; pptxgenjs only with the deck", () => {
    const view = chunkWith(/src\/taskpane\/features\/chartsView\.ts$/);
    expect(view).toHaveLength(1);
    expect(view[0]).toMatch(/^charts\.[0-9a-f]{8}\.js$/);
    // The builders: in the view's chunk, or in one it shares with the papers (which draw the charts too); 插入会议图表
    // (src/excel/charts.ts, loaded on first use) has its own copy, in its own chunk. Never in the entry.
    const builders = chunkWith(/src\/charts\/ranking\.ts$/);
    expect(builders).not.toContain(entryFile());
    expect(builders.filter((f) => sourcesOf(f).some((x) => /src\/excel\/charts\.ts$/.test(x)))).not.toHaveLength(0);
    expect(builders.length).toBeLessThanOrEqual(3);
    expect(chunkWith(/node_modules\/chart\.js\//)).toHaveLength(1);
    const pptx = chunkWith(/node_modules\/pptxgenjs\//);
    expect(pptx).toHaveLength(1);
    expect(sourcesOf(pptx[0]).some((s) => s.includes("node_modules/chart.js/"))).toBe(false);
    expect(chunkWith(/src\/deck\/deck\.ts$/)[0]).toMatch(/^deck\.[0-9a-f]{8}\.js$/);
    // The view's style sheet is a chunk of its own too.
    expect(readdirSync(dist).some((f) => /^charts\.[0-9a-f]{8}\.css$/.test(f))).toBe(true);
  });

  it("the papers (导出考核报告, 导出个人通知书): their builders and docx come on demand, apart from the 图表 view", () => {
    expect(sourcesOf(entryFile())).toContain("./src/taskpane/features/papers.ts");
    expect(
      sourcesOf(entryFile()).filter((s) => /node_modules\/docx\/|src\/papers\/(report|letters|docx)/.test(s)),
    ).toEqual([]);
    const docx = chunkWith(/node_modules\/docx\//);
    expect(docx).toHaveLength(1);
    expect(chunkWith(/src\/taskpane\/features\/papersBuild\.ts$/)[0]).toMatch(/^papers\.[0-9a-f]{8}\.js$/);
    // The 图表 view does not bring docx along, nor the papers pptxgenjs.
    const view = chunkWith(/src\/taskpane\/features\/chartsView\.ts$/)[0];
    expect(sourcesOf(view).some((s) => s.includes("node_modules/docx/"))).toBe(false);
    expect(sourcesOf(docx[0]).some((s) => s.includes("node_modules/pptxgenjs/"))).toBe(false);
  });

  it("the 测评票 tab: its view, the tally and the ballot readers come on demand, in a chunk of their own", () => {
    const entry = sourcesOf(entryFile());
    expect(entry).toContain("./src/taskpane/views/ballots.ts");
    const ballotCode =
      /src\/taskpane\/views\/ballotsView\.ts|src\/excel\/ballots\.ts|src\/engine\/ballots\/tally\.ts|src\/app\/tally\.ts|src\/workbook\/read\/ballots\.ts/;
    expect(entry.filter((x) => ballotCode.test(x))).toEqual([]);
    expect(chunkWith(/src\/taskpane\/views\/ballotsView\.ts$/)[0]).toMatch(/^ballots\.[0-9a-f]{8}\.js$/);
  });

  it("chunks load relative to the page: the runtime names no absolute path or host", () => {
    const entry = readFileSync(join(dist, entryFile()), "utf8");
    // publicPath "" in webpack.config.js: the runtime's prefix for chunk URLs is the empty string.
    expect(entry).toMatch(/\.p=""/);
    expect(entry).not.toMatch(/https?:\/\/localhost/);
  });
});
