/**
 * The papers as .docx files: written by src/papers/docx.ts (pictures from the Node shell, src/cli/papers.ts),
 * read back from word/document.xml, and opened by LibreOffice Writer — the letters print one page per leader,
 * the report on A4 with its landscape tables and charts and 第 n 页 共 m 页.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingFigures } from "../../src/charts";
import { nodeLetters, nodeReport } from "../../src/cli/papers";
import type { Assessment } from "../../src/engine/types";
import { defaultMethod } from "../../src/method/defaults";
import { renderDocx } from "../../src/papers/docx";
import { lettersDocument } from "../../src/papers/letters";
import { paperOrder } from "../../src/papers/facts";
import { largeAssessment } from "../charts/fixtures";
import { zipParts } from "../cli/zip";
import { DATE, richAssessment, type Scored } from "./fixtures";

let dir: string;
let s: Scored;
let report: Uint8Array;
let letters: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kaoping-papers-"));
  s = await richAssessment();
  report = (await nodeReport(s.a, s.method, { date: DATE, titles: s.titles })).bytes;
  letters = await nodeLetters(s.a, s.method, { date: DATE, titles: s.titles });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function unescape(x: string): string {
  return x
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text of each paragraph of word/document.xml (tables' cells are paragraphs too). */
function paragraphs(docx: Uint8Array): string[] {
  const xml = zipParts(docx).get("word/document.xml")!.toString("utf8");
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) =>
    [...m[1].matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join(""),
  );
}

const documentXml = (docx: Uint8Array) => zipParts(docx).get("word/document.xml")!.toString("utf8");

describe("the .docx files", () => {
  it("the report: everyone graded in rank order in the summary table, every flagged leader after", () => {
    const p = paragraphs(report);
    expect(p[0]).toBe("恒川能源集团2025年度党组织负责人考核评价结果报告");
    // The names appear, in the table's order, between the table heading and the next part.
    const from = p.indexOf("一、考核结果汇总表");
    const to = p.indexOf("二、拟定优秀等次人员名单");
    const names = new Set(s.a.leaders.map((l) => l.name));
    const inTable = p.slice(from, to).filter((x) => names.has(x));
    expect(inTable).toEqual(paperOrder(s.a.leaders).map((l) => l.name));
    const study = p.slice(p.indexOf("三、需集体研究事项"), p.indexOf("四、等次分布")).filter((x) => names.has(x));
    expect(new Set(study)).toEqual(new Set(s.a.leaders.filter((l) => l.flags.length > 0).map((l) => l.name)));
  });

  it("the report: landscape, portrait, landscape sections; header rows repeated; page numbers; the charts", () => {
    const xml = documentXml(report);
    const sections = [...xml.matchAll(/<w:pgSz\b([^>]*)\/>/g)].map(
      (m) => /w:orient="(\w+)"/.exec(m[1])?.[1] ?? "portrait",
    );
    expect(sections).toEqual(["landscape", "portrait", "landscape"]);
    expect((xml.match(/<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/g) ?? []).length).toBeGreaterThanOrEqual(4);
    const parts = zipParts(report);
    const footers = [...parts.keys()]
      .filter((k) => /^word\/footer\d+\.xml$/.test(k))
      .map((k) => parts.get(k)!.toString());
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toMatch(/NUMPAGES/);
    }
    const media = [...parts.keys()].filter((k) => k.startsWith("word/media/"));
    const figures = meetingFigures(s.a, { date: DATE, year: "2025", scope: "恒川能源集团" });
    expect(media).toHaveLength(figures.length);
    for (const m of media) expect(parts.get(m)!.subarray(1, 4).toString()).toBe("PNG");
  });

  it("the letters: one per leader, each with its 综合得分 and 等次, a page break before each but the first", () => {
    const p = paragraphs(letters);
    const titles = p.filter((x) => x === "2025年度党组织负责人考核评价结果通知书");
    expect(titles).toHaveLength(s.a.leaders.length);
    expect(p.filter((x) => x.endsWith("同志：")).map((x) => x.slice(0, -3))).toEqual(s.a.leaders.map((l) => l.name));
    for (const l of s.a.leaders) {
      expect(p).toContain(`考核等次：${l.grade}`);
      if (l.final !== null)
        expect(
          p.some((x) => x.includes(`= ${l.final!.toFixed(2)} 分`)),
          l.name,
        ).toBe(true);
    }
    expect((documentXml(letters).match(/<w:pageBreakBefore\/>/g) ?? []).length).toBe(s.a.leaders.length - 1);
  });

  it("keeps a name that looks like a formula as the text it is", async () => {
    const a: Assessment = {
      ...s.a,
      leaders: s.a.leaders.map((l, i) => (i === 0 ? { ...l, name: '=HYPERLINK("x")', unit: "+1公司&<b>" } : l)),
    };
    const bytes = await renderDocx(lettersDocument(a, s.method, { date: DATE, titles: s.titles }), async () => {
      throw new Error("the letters have no pictures");
    });
    const p = paragraphs(bytes);
    expect(p).toContain('=HYPERLINK("x")同志：');
    expect(p.some((x) => x.includes("单位：+1公司&<b>；"))).toBe(true);
    expect(documentXml(bytes)).not.toMatch(/<w:fldSimple|<w:instrText/);
  });
});

/** Converts a file to PDF with LibreOffice headless (a fresh profile); returns the PDF's path. */
function toPdf(name: string, bytes: Uint8Array): string {
  const input = join(dir, name);
  writeFileSync(input, bytes);
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
    if (files.length !== 1)
      throw new Error(
        `soffice wrote nothing — is LibreOffice Writer installed (Debian: libreoffice-writer-nogui)? ${r.stderr}`,
      );
    return join(out, files[0]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function pdfInfo(pdf: string): { pages: number; sizes: string[] } {
  const r = spawnSync("pdfinfo", ["-f", "1", "-l", "9999", pdf], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pdfinfo failed: ${r.stderr}`);
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(r.stdout)![1]),
    sizes: [...r.stdout.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1].trim()),
  };
}

function pdfText(pdf: string, page: number): string {
  const r = spawnSync("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
  return r.stdout;
}

const PORTRAIT = "595.304 x 841.89 pts (A4)";
const LANDSCAPE = "841.89 x 595.304 pts (A4)";

describe("LibreOffice prints the papers", () => {
  it("the letters: exactly one A4 page per leader", () => {
    const pdf = toPdf("通知书.docx", letters);
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(s.a.leaders.length);
    expect(new Set(info.sizes)).toEqual(new Set([PORTRAIT]));
    // Each page is its leader's letter, from the salutation to the date.
    s.a.leaders.forEach((l, i) => {
      const text = pdfText(pdf, i + 1);
      expect(text, l.name).toContain(`${l.name}同志：`);
      expect(text.replace(/\s+/g, ""), l.name).toContain("2026年1月15日");
    });
  });

  it("the letters of a larger generated group: still one page each", async () => {
    const a = largeAssessment(40);
    const bytes = await renderDocx(lettersDocument(a, defaultMethod(), { date: DATE, titles: {} }), async () => {
      throw new Error("no pictures");
    });
    expect(pdfInfo(toPdf("通知书-40.docx", bytes)).pages).toBe(40);
  });

  it("the report: landscape table pages, portrait lists, landscape charts, numbered 第 n 页 共 m 页", () => {
    const pdf = toPdf("报告.docx", report);
    const info = pdfInfo(pdf);
    const figures = meetingFigures(s.a, { date: DATE }).length;
    expect(info.sizes[0]).toBe(LANDSCAPE);
    expect(info.sizes).toContain(PORTRAIT);
    // The charts, one a page, at the end, landscape.
    expect(info.sizes.slice(-figures)).toEqual(Array(figures).fill(LANDSCAPE));
    for (let p = 1; p <= info.pages; p++) {
      expect(pdfText(pdf, p).replace(/\s+/g, ""), `page ${p}`).toContain(`第${p}页共${info.pages}页`);
    }
  });
});
