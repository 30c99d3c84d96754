/**
 * The browser entry of the fake (test/excel/fake/browser.ts) bundles for the browser with esbuild — no Node
 * APIs — and, installed as the Office.js globals in a bare JavaScript context, runs the add-in through
 * officeHost() as the pane will: 新建模板, filling in, 计算, 撤销.
 */
import { runInNewContext } from "node:vm";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ENTRY = `
import { installFakeOffice } from "./fake/browser";
import { gridBookOf } from "./fake/fixtures";
import { createAddin, officeHost } from "../../src/excel/addin";

export async function flow() {
  const fake = installFakeOffice({ requirements: "ExcelApi 1.8" });
  const info = await Office.onReady();
  const addin = createAddin(officeHost());
  const template = await addin.createTemplate();
  const st = fake.state;
  const put = (sheet, rows, top) => rows.forEach((row, r) => row.forEach((v, c) => {
    if (v === null) return;
    Object.assign(st.sheet(sheet).edit(top + r, c), typeof v === "number" ? { value: v, type: "Double" } : { value: v, type: "String" });
  }));
  put("考核对象", [["张三", "一公司", "党委书记", null], ["李四", "二公司", "党委书记", null]], 1);
  put("经营业绩", [["一公司", 100, 110, 200, 210, 8, 8.5, 50, 50, 300, 330], ["二公司", 100, 95, 200, 190, 8, 7, 50, 48, 300, 280]], 2);
  put("工作评价", [["一公司", "好", 95, 100, null], ["二公司", 85, "较好", 90, null]], 1);
  const votes = [];
  for (const [n, u] of [["张三", "一公司"], ["李四", "二公司"]])
    for (const g of ["上级", "同级", "下级"]) for (const d of ["德", "能", "勤", "廉"]) votes.push([n, u, g, d, 8, 2, 0, 0]);
  put("民主测评", votes, 1);
  const result = await addin.calculate({ today: "2025-12-31" });
  const undo = await addin.undoLast();
  return {
    host: info.host,
    created: template.ok ? template.created : [],
    grades: result.ok ? result.assessment.leaders.map((l) => l.grade) : result,
    syncs: result.syncs,
    undo: undo.restored,
    sheets: gridBookOf(st).map((g) => g.name),
  };
}
`;

describe("the fake's browser entry", () => {
  it("bundles without Node APIs and runs the add-in behind Office.js globals", async () => {
    const out = await build({
      stdin: { contents: ENTRY, resolveDir: join(__dirname), sourcefile: "entry.ts", loader: "ts" },
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "kaopingTest",
      write: false,
      logLevel: "silent",
    });
    const code = out.outputFiles[0].text;
    expect(code).not.toMatch(/require\(["']node:|require\(["'](fs|path|os|crypto)["']\)/);
    // A bare context: no require, no process, no Buffer — what a page gives (structuredClone too), minus the DOM.
    const sandbox: Record<string, unknown> = { console, setTimeout, structuredClone };
    sandbox.globalThis = sandbox;
    runInNewContext(code, sandbox);
    const flow = (sandbox.kaopingTest as { flow: () => Promise<Record<string, unknown>> }).flow;
    const r = await flow();
    expect(r.host).toBe("Excel");
    expect(r.created).toEqual([
      "考核对象",
      "经营业绩",
      "工作评价",
      "民主测评",
      "加减分",
      "资质审查",
      "个人情况",
      "组织决定",
      "考核方法",
    ]);
    expect(r.grades).toEqual(["优秀", "称职"]);
    expect(r.syncs).toBe(3);
    expect(r.undo).toBe(true);
    expect(r.sheets).not.toContain("考核结果");
  });
});
