/**
 * 考核结果 on paper (issue 8, item 3): the page setup grafted into the package, and LibreOffice printing the
 * sheet to PDF — A4 landscape pages, every column on each page, the header row and the title repeated, the
 * page numbers in the footer.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graftSheet } from "../../src/cli/graft";
import type { Assessment } from "../../src/engine/types";
import { PRINT_FONT, resultsLayout } from "../../src/workbook/layout";
import { largeAssessment } from "../charts/fixtures";
import * as ox from "./inspect";
import { zipParts } from "./zip";

const TITLE = "恒川能源集团2025年度党组织负责人考核评价结果";
let dir: string;
let a: Assessment;
let file: string;
let parts: Map<string, Buffer>;

/** A workbook whose only sheet is 考核结果, so that a PDF of the workbook is a PDF of the sheet. */
async function resultsOnly(assessment: Assessment, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("考核结果");
  const base = new Uint8Array(await wb.xlsx.writeBuffer());
  return graftSheet(base, resultsLayout(assessment, { title }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kaoping-print-"));
  a = largeAssessment(120);
  file = join(dir, "考核结果.xlsx");
  writeFileSync(file, await resultsOnly(a, TITLE));
  parts = zipParts(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the page setup in the package", () => {
  const sheetXml = () => ox.text(parts, ox.sheets(parts).find((s) => s.name === "考核结果")!.part);

  it("fits the sheet to one page wide (fitToPage in sheetPr), A4 landscape, centred", () => {
    const xml = sheetXml();
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain('<printOptions horizontalCentered="1"/>');
    // CT_Worksheet's order: sheetPr first, then …, printOptions, pageMargins, pageSetup, headerFooter.
    const at = (s: string) => xml.indexOf(s);
    expect(at("<sheetPr>")).toBeLessThan(at("<dimension"));
    expect(at("<printOptions")).toBeLessThan(at("<pageMargins"));
    expect(at("<pageMargins")).toBeLessThan(at("<pageSetup"));
    expect(at("<pageSetup")).toBeLessThan(at("<headerFooter>"));
    expect(at("<headerFooter>")).toBeLessThan(at("<legacyDrawing"));
  });

  it("puts the title in the header and 第 &P 页 共 &N 页 in the footer", () => {
    const xml = sheetXml();
    expect(xml).toContain(`<oddHeader>&amp;C&amp;"${PRINT_FONT},Regular"&amp;14&amp;B${TITLE}</oddHeader>`);
    expect(xml).toContain(`<oddFooter>&amp;C&amp;"${PRINT_FONT},Regular"&amp;10第 &amp;P 页 共 &amp;N 页</oddFooter>`);
  });

  it("repeats row 1 on every page: _xlnm.Print_Titles local to the sheet", () => {
    expect(ox.definedNamesXml(parts).filter((n) => n.name === "_xlnm.Print_Titles")).toEqual([
      { name: "_xlnm.Print_Titles", localSheetId: "0", hidden: undefined, text: "'考核结果'!$1:$1" },
    ]);
  });

  it("sets every cell of the table in one Chinese face with thin borders", () => {
    const styles = ox.text(parts, "xl/styles.xml");
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]);
    const borders = [...styles.matchAll(/<border>([\s\S]*?)<\/border>/g)].map((m) => m[1]);
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf ([^>]*?)\/?>/g)].map((m) =>
      ox.attrs(`<xf ${m[1]}>`),
    );
    const used = new Set([...sheetXml().matchAll(/<c r="[A-Z]+\d+" s="(\d+)"/g)].map((m) => Number(m[1])));
    const cells = [...sheetXml().matchAll(/<c r="([A-Z]+\d+)"( s="\d+")?/g)];
    // Every cell of the table carries a style …
    expect(cells.every((m) => m[2] !== undefined)).toBe(true);
    // … and each of those styles is 宋体 with thin lines on the four sides.
    for (const s of used) {
      const xf = xfs[s];
      expect(fonts[Number(xf.fontId)]).toContain(`<name val="${PRINT_FONT}"/>`);
      expect(fonts[Number(xf.fontId)]).not.toContain("<scheme");
      const b = borders[Number(xf.borderId)];
      for (const side of ["left", "right", "top", "bottom"]) expect(b).toContain(`<${side} style="thin">`);
    }
  });

  it("gives a row with a long note the height of its lines", () => {
    const heights = [...sheetXml().matchAll(/<row r="(\d+)" ht="([\d.]+)" customHeight="1">/g)].map((m) =>
      Number(m[2]),
    );
    expect(heights).toHaveLength(a.leaders.length + 1);
    expect(Math.max(...heights)).toBeGreaterThan(15);
    expect(Math.min(...heights)).toBe(15);
  });
});

/** Runs LibreOffice headless with a fresh profile, converting `input` to PDF; returns the PDF's path. */
function toPdf(input: string): string {
  const profile = mkdtempSync(join(tmpdir(), "kaoping-lo-profile-"));
  const out = mkdtempSync(join(dir, "pdf-"));
  try {
    const r = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        input,
        "--outdir",
        out,
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    const files = readdirSync(out);
    if (files.length !== 1) throw new Error(`soffice wrote ${files.length} files: ${r.stderr}${r.stdout}`);
    return join(out, files[0]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function pdfPages(pdf: string): { count: number; sizes: string[] } {
  const info = spawnSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
  if (info.status !== 0) throw new Error(`pdfinfo failed: ${info.stderr} (Debian: poppler-utils)`);
  const count = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)![1]);
  const sizes = [...info.stdout.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1].trim());
  return { count, sizes };
}

function pageText(pdf: string, page: number): string {
  const r = spawnSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

describe("LibreOffice prints 考核结果", () => {
  let pdf: string;
  beforeAll(() => {
    pdf = toPdf(file);
  });

  it("on A4 landscape pages, one page wide: the rows need a few pages, the columns none more", () => {
    const { count, sizes } = pdfPages(pdf);
    expect(count).toBeGreaterThanOrEqual(2);
    // 121 rows, none taller than 4 lines, cannot need more than a page per 20 rows.
    expect(count).toBeLessThanOrEqual(Math.ceil((a.leaders.length + 1) / 20));
    expect(sizes).toHaveLength(count);
    for (const s of sizes) expect(s).toBe("841.89 x 595.304 pts (A4)");
  });

  it("with the title, the whole header row (first to last column) and 第 n 页 共 m 页 on every page", () => {
    const { count } = pdfPages(pdf);
    const names = new Set(a.leaders.map((l) => l.name));
    let seen = 0;
    for (let p = 1; p <= count; p++) {
      const text = pageText(pdf, p);
      expect(text, `page ${p}`).toContain(TITLE);
      expect(text, `page ${p}`).toMatch(/姓名\s+单位\s+职务\s+经营业绩/);
      expect(text, `page ${p}`).toMatch(/排名\s+等次\s+说明/);
      expect(text.replace(/\s+/g, ""), `page ${p}`).toContain(`第${p}页共${count}页`);
      seen += text.split("\n").filter((line) => names.has(line.trim().split(/\s+/)[0])).length;
    }
    // Every leader's row is printed once, on some page.
    expect(seen).toBe(a.leaders.length);
  });
});
