/**
 * `--report` and `--letters` (issue 8, items 4 and 5) on the command line: parsed, checked against the other
 * files, written with the other outputs only after the run succeeds, and never when the workbook has errors.
 * What the files hold is tested on the documents themselves (test/papers/).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpText, parseArgs } from "../../src/cli/args";
import { UsageError } from "../../src/cli/io";
import { runCli } from "../../src/cli/main";
import { zipParts } from "./zip";

const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
let dir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    today: () => "2026-01-15",
  });
  return { code, stdout, stderr };
}

const documentText = (file: string) =>
  [
    ...zipParts(file)
      .get("word/document.xml")!
      .toString("utf8")
      .matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g),
  ]
    .map((m) => m[1])
    .join("");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-papers-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("parseArgs", () => {
  it("reads --report and --letters", () => {
    expect(parseArgs(["score", "a.xlsx", "--report", "报告.docx", "--letters=通知书.DOCX"])).toMatchObject({
      kind: "score",
      options: { workbook: "a.xlsx", report: "报告.docx", letters: "通知书.DOCX" },
    });
    expect(parseArgs(["score", "a.xlsx"])).toMatchObject({ options: { report: undefined, letters: undefined } });
  });

  it.each([
    [["score", "a.xlsx", "--report", "r.doc"], /--report 的文件名应以 \.docx 结尾/],
    [["score", "a.xlsx", "--letters", "l.pdf"], /--letters 的文件名应以 \.docx 结尾/],
    [["score", "a.xlsx", "--letters"], /--letters 缺少参数/],
  ])("%j is bad usage", (args, message) => {
    expect(() => parseArgs(args)).toThrow(UsageError);
    expect(() => parseArgs(args)).toThrow(message);
  });

  it("are in the help", () => {
    expect(helpText()).toMatch(/--report <文件\.docx>\s+写出考核结果报告/);
    expect(helpText()).toMatch(/--letters <文件\.docx>\s+写出个人考核结果通知书/);
  });
});

describe("score --report --letters", () => {
  it("writes both files with the other outputs, the report with the charts", async () => {
    const json = join(dir, "r.json");
    const report = join(dir, "out", "考核结果报告.docx"); // parent directories are created
    const letters = join(dir, "out", "通知书.docx");
    const r = await cli([
      "score",
      SAMPLE,
      "--reference-date",
      "2025-12-31",
      "--json",
      json,
      "--report",
      report,
      "--letters",
      letters,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("已写入"))).toEqual([
      `已写入 ${json}`,
      `已写入 ${report}`,
      `已写入 ${letters}`,
    ]);
    expect((await readdir(join(dir, "out"))).sort()).toEqual(["考核结果报告.docx", "通知书.docx"]);
    expect(documentText(report)).toContain("恒川能源集团2025年度党组织负责人考核评价结果报告");
    expect(documentText(report)).toContain("2026年1月15日");
    expect([...zipParts(report).keys()].filter((k) => k.startsWith("word/media/")).length).toBeGreaterThan(0);
    expect(documentText(letters).match(/同志：/g)).toHaveLength(20);
  });

  it("takes --font for the report's charts", async () => {
    const report = join(dir, "font.docx");
    const font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    const r = await cli(["score", SAMPLE, "--report", report, "--font", font, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(report)).toBe(true);
  });

  it("refuses a paper that would overwrite the workbook or another output", async () => {
    const same = join(dir, "same.docx");
    const r = await cli(["score", SAMPLE, "--report", same, "--letters", same]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report 与 --letters 不能是同一个文件/);
    expect(existsSync(same)).toBe(false);
  });

  it("writes no paper when the workbook has errors", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    wb.getWorksheet("民主测评")!.getCell("E3").value = -1;
    const bad = join(dir, "bad.xlsx");
    await wb.xlsx.writeFile(bad);
    const report = join(dir, "none", "r.docx");
    const letters = join(dir, "none", "l.docx");
    const r = await cli(["score", bad, "--report", report, "--letters", letters]);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, "none"))).toBe(false);
  });
});

describe("score --out", () => {
  it("prints 考核结果 under the workbook's own title: the group and the year of its title rows", async () => {
    const out = join(dir, "scored.xlsx");
    const r = await cli(["score", SAMPLE, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const parts = zipParts(out);
    const sheet = [...parts.keys()].map((k) => parts.get(k)!.toString("utf8")).find((x) => x.includes("<oddHeader>"))!;
    expect(sheet).toContain("&amp;B恒川能源集团2025年度党组织负责人考核评价结果</oddHeader>");
  });
});
