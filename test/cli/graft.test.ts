/**
 * graftSheet: the results sheet written into the user's own package, everything else left byte for byte.
 * Checked on the worked examples, the demo workbook, workbooks saved by ExcelJS, LibreOffice and (as far as
 * its parts go) Excel, and one with charts, a pivot table, a table with a filter criterion and notes; read
 * back by ExcelJS and by LibreOffice, and against the structure of the package.
 */
import { readFileSync } from "node:fs";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraftError, graftSheet, graftSheets } from "../../src/cli/graft";
import { packageProblems, type PackageView } from "../../src/cli/ooxml/check";
import { readXlsx } from "../../src/cli/xlsx";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { RESULT_HEADERS, resultsLayout, type SheetLayout } from "../../src/workbook/layout";
import { assessment } from "../support/assessment";
import * as ox from "./inspect";
import { richWorkbook, RICH_SHEETS } from "./richWorkbook";
import { definedNames, loadWorkbook, sheetSnapshot } from "./snapshot";
import { zipParts } from "./zip";
import { EXAMPLES_DIR } from "../support/examples";

const EXAMPLES = EXAMPLES_DIR;
const FIXTURES = join(__dirname, "../fixtures/cli");
const RESULTS = "考核结果";
/** What a graft may change besides the results sheet's own parts (and docProps/app.xml when adding a sheet). */
const WORKBOOK_PARTS = new Set([
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "[Content_Types].xml",
  "xl/styles.xml",
]);

const layout = resultsLayout(assessment);

interface Case {
  label: string;
  /** A copy of the input under a name LibreOffice's CSV export will not confuse with another. */
  input: string;
  out: string;
  before: ox.Parts;
  after: ox.Parts;
  adding: boolean;
}

/**
 * excel-tables: three sheets as Excel writes them — a table with a filter and a table without one (no
 * headerRowCount, which defaults to 1; no filterColumn for a visible button), and a sheet filter with its
 * sheet-local `_xlnm._FilterDatabase` name. charts-pivot: see make-charts-pivot.py beside it.
 * rich-exceljs: richWorkbook() as ExcelJS writes it.
 */
const SOURCES: [string, string | null][] = [
  ["example-1", join(EXAMPLES, "example-1.xlsx")],
  ["example-2", join(EXAMPLES, "example-2.xlsx")],
  ["example-3", join(EXAMPLES, "example-3-qualification.xlsx")],
  ["sample", join(__dirname, "../../assets/sample.xlsx")],
  ["rich-libreoffice", join(FIXTURES, "rich-libreoffice.xlsx")],
  ["excel-tables", join(FIXTURES, "excel-tables.xlsx")],
  ["charts-pivot", join(FIXTURES, "charts-pivot.xlsx")],
  ["rich-exceljs", null],
];

/** Text and numbers that need care in XML and in Excel's string escapes. */
const odd: SheetLayout = {
  sheet: RESULTS,
  values: [
    ["文本", "数"],
    ["  前后空格  ", 1],
    ["行1\n行2", -0.5],
    ["_x0041_", 1e-7],
    ["a\u0001b\uFFFEc\uD800d", 12345678901],
    ["<&>\"'", true],
    ["=1+1", null],
    ["😀汉字", 0],
  ],
  textCells: [{ row: 6, col: 0 }],
  formulas: [],
  headerRows: 1,
  columns: [
    { width: 20, numberFormat: null },
    { width: 12, numberFormat: null },
  ],
  freeze: { rows: 0, columns: 0 },
  autoFilter: null,
  styles: [],
  notes: [],
};

let dir: string;
const cases = new Map<string, Case>();
const ODD = () => join(dir, "odd.xlsx");
/** example-1 with its workbook, relationships and content types written with namespace prefixes. */
const PREFIXED = () => join(dir, "prefixed.xlsx");

/** Every element of a part put into a prefix for its (default) namespace. */
async function prefixAll(zip: JSZip, part: string, prefix: string): Promise<void> {
  const xml = await zip.file(part)!.async("string");
  zip.file(
    part,
    xml.replace(/<(\/?)([A-Za-z][\w]*)(?=[\s/>])/g, `<$1${prefix}:$2`).replace(/ xmlns="/, ` xmlns:${prefix}="`),
  );
}

const view = (parts: ox.Parts): PackageView => ({
  names: [...parts.keys()].filter((n) => !n.endsWith("/")),
  read: async (n) => parts.get(n) ?? null,
});

async function graftTo(input: Buffer | string, target: string, l: SheetLayout = layout): Promise<ox.Parts> {
  const bytes = typeof input === "string" ? zipBytes(input) : input;
  const out = await graftSheet(bytes, l);
  await writeFile(target, out);
  return zipParts(out);
}

const zipBytes = (path: string): Buffer => readFileSync(path);

/** The package with some of its parts changed, for cases no fixture has. */
async function edited(input: string | Buffer, change: (zip: JSZip) => Promise<void> | void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(typeof input === "string" ? zipBytes(input) : input);
  await change(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function replaceIn(zip: JSZip, part: string, from: string | RegExp, to: string): Promise<void> {
  const xml = await zip.file(part)!.async("string");
  const next = xml.replace(from, to);
  if (next === xml) throw new Error(`${part}: nothing replaced`);
  zip.file(part, next);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-graft-"));
  for (const [label, source] of SOURCES) {
    const input = join(dir, `in-${label}.xlsx`);
    if (source) await copyFile(source, input);
    else await richWorkbook().xlsx.writeFile(input);
    const before = zipParts(input);
    const out = join(dir, `out-${label}.xlsx`);
    const after = await graftTo(input, out);
    cases.set(label, { label, input, out, before, after, adding: !ox.sheets(before).some((s) => s.name === RESULTS) });
  }
  await graftTo(get("example-1").input, ODD(), odd);
  const prefixed = await edited(get("example-1").input, async (zip) => {
    await prefixAll(zip, "xl/workbook.xml", "x");
    await prefixAll(zip, "xl/_rels/workbook.xml.rels", "pr");
    await prefixAll(zip, "[Content_Types].xml", "ct");
  });
  await graftTo(prefixed, PREFIXED());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (label: string): Case => cases.get(label)!;
const labels = SOURCES.map(([l]) => l);

describe("every part the graft does not own stays byte for byte", () => {
  it.each(labels)("%s", (label) => {
    const c = get(label);
    const oldSheet = ox.sheets(c.before).find((s) => s.name === RESULTS);
    const newSheet = ox.sheets(c.after).find((s) => s.name === RESULTS)!;
    const ours = ox.reachable(c.after, newSheet.part);
    const mayGo = oldSheet ? ox.reachable(c.before, oldSheet.part) : new Set<string>();
    for (const [name, bytes] of c.before) {
      if (WORKBOOK_PARTS.has(name) || ours.has(name)) continue;
      if (name === "docProps/app.xml" && c.adding) continue;
      if (!c.after.has(name)) {
        expect(mayGo.has(name), `${name} removed but not the old sheet's`).toBe(true);
        continue;
      }
      expect(c.after.get(name)!.equals(bytes), `${name} changed`).toBe(true);
    }
    for (const name of c.after.keys()) if (!c.before.has(name)) expect(ours.has(name), `new entry ${name}`).toBe(true);
  });

  it.each(labels)("%s: the package is sound (relationships, content types, names, XML)", async (label) => {
    const c = get(label);
    expect(await packageProblems(view(c.before), { wellFormed: "all" })).toEqual([]);
    expect(await packageProblems(view(c.after), { wellFormed: "all" })).toEqual([]);
    // Every part written is well-formed for libxml2 too.
    for (const [name, bytes] of c.after) {
      if (c.before.get(name)?.equals(bytes) || !/\.(xml|rels|vml)$/.test(name)) continue;
      expect(ox.xmllintProblems(name, bytes)).toBeNull();
    }
  });

  it.each(labels)("%s: xl/workbook.xml and xl/styles.xml change only where the sheet is", (label) => {
    const c = get(label);
    const wb = (p: ox.Parts) =>
      ox
        .text(p, "xl/workbook.xml")
        .replace(/<sheets>[\s\S]*<\/sheets>/, "<sheets/>")
        .replace(/<definedNames>[\s\S]*<\/definedNames>|<definedNames\/>/, "");
    expect(wb(c.after)).toBe(wb(c.before));
    const before = ox.text(c.before, "xl/workbook.xml");
    const after = ox.text(c.after, "xl/workbook.xml");
    for (const [tag] of before.matchAll(/<sheet\b[^>]*>/g))
      if (!tag.includes(`"${RESULTS}"`)) expect(after).toContain(tag);
    for (const [element] of before.matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)) {
      if (!/localSheetId/.test(element) || !/_xlnm\./.test(element)) expect(after).toContain(element);
    }

    const styles = (p: ox.Parts) => ox.text(p, "xl/styles.xml");
    const lists = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"];
    const inner = (xml: string, list: string) =>
      new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml)?.[1] ?? "";
    for (const list of lists)
      expect(inner(styles(c.after), list).startsWith(inner(styles(c.before), list)), list).toBe(true);
    const rest = (xml: string) =>
      xml.replace(new RegExp(`<(${lists.join("|")})\\b[^>]*(/>|>[\\s\\S]*?</\\1>)`, "g"), "");
    expect(rest(styles(c.after))).toBe(rest(styles(c.before)));
  });

  it.each(labels)("%s: ExcelJS reads the other sheets as before and 考核结果 as laid out", async (label) => {
    const c = get(label);
    const before = await loadWorkbook(c.input);
    const after = await loadWorkbook(c.out);
    const names = before.worksheets.map((w) => w.name);
    expect(after.worksheets.map((w) => w.name)).toEqual(c.adding ? [...names, RESULTS] : names);
    for (const ws of before.worksheets) {
      if (ws.name === RESULTS) continue;
      expect(sheetSnapshot(after.getWorksheet(ws.name)!), ws.name).toEqual(sheetSnapshot(ws));
    }
    const ws = after.getWorksheet(RESULTS)!;
    layout.values.forEach((row, r) =>
      row.forEach((v, col) => expect(ws.getCell(r + 1, col + 1).value ?? null, `${r},${col}`).toEqual(v)),
    );
    expect(ws.rowCount).toBe(layout.values.length);
    const grids = async (p: string) => (await readXlsx(p)).book.filter((g) => g.name !== RESULTS);
    expect(await grids(c.out)).toEqual(await grids(c.input));
  });
});

describe("the results sheet", () => {
  it("holds the values, formats, fills, notes, widths, frozen panes and filter of the layout, as ExcelJS reads them", async () => {
    const ws = (await loadWorkbook(get("example-2").out)).getWorksheet(RESULTS)!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...RESULT_HEADERS]);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      "甲",
      "一公司",
      "党委书记",
      108.22,
      100,
      96,
      100,
      102.09,
      93,
      0.7,
      0.95,
      0,
      2,
      101.36,
      1,
      "优秀",
    ]);
    // Missing values are empty cells (formatted, as the rest of their column).
    for (const a of ["D3", "H3", "N3", "O3"]) expect(ws.getCell(a).type).toBe(ExcelJS.ValueType.Null);
    expect(ws.getCell("D3").numFmt).toBe("0.00");
    expect(ws.getCell("P3").value).toBe("暂缓评定");
    expect(ws.getCell("Q3").value).toBe("工作业绩缺失");
    // A name that looks like a formula is text, formatted as text.
    expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("A3").value).toBe("=乙");
    expect(ws.getCell("A3").numFmt).toBe("@");

    for (const c of ["D", "E", "F", "G", "H", "I", "M", "N"]) expect(ws.getCell(`${c}2`).numFmt).toBe("0.00");
    for (const c of ["J", "K", "L"]) expect(ws.getCell(`${c}4`).numFmt).toBe("0.00%");
    expect(ws.getCell("O2").numFmt).toBe("0");
    expect(ws.getCell("J4").value).toBe(0.125);

    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A1").alignment).toMatchObject({ horizontal: "center", vertical: "middle" });
    expect(ws.getCell("A2").font?.bold).toBeFalsy();
    expect(ws.getCell("Q1").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } });
    const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;
    expect(ws.getCell("P2").fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS["优秀"]) } });
    expect(ws.getCell("P3").fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS["暂缓评定"]) } });
    expect(ws.getCell("P4").fill).toMatchObject({ fgColor: { argb: argb(GRADE_COLORS["基本称职"]) } });
    expect(ws.getCell("O2").alignment).toMatchObject({ horizontal: "center" });

    const noteText = (a: string) => {
      const n = ws.getCell(a).note;
      return typeof n === "string" ? n : (n?.texts ?? []).map((t) => t.text).join("");
    };
    expect(noteText("O1")).toBe(layout.notes[0].text);
    expect(noteText("P1")).toContain("优秀名额 1 名");

    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 1, topLeftCell: "C2" });
    expect(ws.autoFilter).toBe("A1:Q4");
    layout.columns.forEach((c, i) => expect(ws.getColumn(i + 1).width).toBeCloseTo(c.width, 6));
  });

  it("writes strings inline (sharedStrings untouched), its filter under a hidden name local to the sheet", () => {
    const c = get("sample");
    const sheet = ox.sheets(c.after).find((s) => s.name === RESULTS)!;
    const xml = ox.text(c.after, sheet.part);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>/);
    expect(xml).not.toMatch(/t="s"/);
    expect(xml).toContain('<c r="A1" s="');
    expect(xml).toContain('<autoFilter ref="A1:Q4"/>');
    expect(c.after.get("xl/sharedStrings.xml")!.equals(c.before.get("xl/sharedStrings.xml")!)).toBe(true);
    const filters = ox.definedNamesXml(c.after).filter((n) => n.name === "_xlnm._FilterDatabase");
    expect(filters).toEqual([
      { name: "_xlnm._FilterDatabase", localSheetId: "6", hidden: "1", text: "'考核结果'!$A$1:$Q$4" },
    ]);
    // The print titles of the six input sheets keep their sheets; 考核结果 repeats its header row.
    expect(
      ox
        .definedNamesXml(c.after)
        .filter((n) => n.name === "_xlnm.Print_Titles")
        .map((n) => [n.localSheetId, n.text]),
    ).toEqual([...["0", "1", "2", "3", "4", "5"].map((id) => [id, expect.any(String)]), ["6", "'考核结果'!$1:$1"]]);
  });

  it("adds the sheet last, with a new sheetId, relationship and content type, and lists it in docProps/app.xml", () => {
    const c = get("sample");
    const before = ox.sheets(c.before);
    const after = ox.sheets(c.after);
    expect(after.slice(0, -1)).toEqual(before);
    const added = after[after.length - 1];
    expect(added).toMatchObject({
      name: RESULTS,
      sheetId: "7",
      rid: "rId10",
      index: 6,
      part: "xl/worksheets/sheet7.xml",
    });
    expect(ox.text(c.after, "[Content_Types].xml")).toContain(
      '<Override PartName="/xl/worksheets/sheet7.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    const app = ox.text(c.after, "docProps/app.xml");
    expect(app).toContain("<vt:i4>7</vt:i4>");
    expect(app).toContain('<vt:vector size="7" baseType="lpstr">');
    expect(app).toContain("<vt:lpstr>资质审查</vt:lpstr><vt:lpstr>考核结果</vt:lpstr></vt:vector>");
    // example-1's app.xml lists no sheets: it stays as it was.
    const ex1 = get("example-1");
    expect(ex1.after.get("docProps/app.xml")!.equals(ex1.before.get("docProps/app.xml")!)).toBe(true);
    // example-1 declares r: on each <sheet>, not on <sheets>: the new one declares it too.
    expect(ox.text(ex1.after, "xl/workbook.xml")).toMatch(
      /<sheet name="考核结果" sheetId="6" xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships" r:id="rId8"\/><\/sheets>/,
    );
  });

  it("replaces an earlier 考核结果 in place: same tab, sheetId, relationship and part", () => {
    for (const label of ["rich-exceljs", "rich-libreoffice", "charts-pivot"]) {
      const c = get(label);
      expect(ox.sheets(c.after), label).toEqual(ox.sheets(c.before));
      expect(
        ox.sheets(c.after).findIndex((s) => s.name === RESULTS),
        label,
      ).toBe(2);
      expect(c.after.get("docProps/app.xml")!.equals(c.before.get("docProps/app.xml")!), label).toBe(true);
    }
  });

  it("keeps the user's names (those pointing into the old sheet too), drops the old sheet's print area", async () => {
    const c = get("rich-exceljs");
    expect(ox.definedNamesXml(c.after)).toEqual([
      { name: "单位列表", localSheetId: undefined, hidden: undefined, text: "'考核对象'!$B$2:$B$4" },
      { name: "优秀比例", localSheetId: undefined, hidden: undefined, text: "'隐藏参数'!$B$1" },
      { name: "旧结果区域", localSheetId: undefined, hidden: undefined, text: "'考核结果'!$A$1:$B$2" },
      { name: "_xlnm.Print_Titles", localSheetId: "3", hidden: undefined, text: "'经营业绩'!$1:$2" },
      { name: "_xlnm._FilterDatabase", localSheetId: "2", hidden: "1", text: "'考核结果'!$A$1:$Q$4" },
      { name: "_xlnm.Print_Titles", localSheetId: "2", hidden: undefined, text: "'考核结果'!$1:$1" },
    ]);
    const wb = await loadWorkbook(c.out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(RICH_SHEETS);
    expect(definedNames(wb)).toContainEqual({ name: "旧结果区域", ranges: ["'考核结果'!$A$1:$B$2"] });
    // Nothing of the old sheet is left in the new one: its merge, its values, its note.
    const ws = wb.getWorksheet(RESULTS)!;
    expect(ws.model.merges).toEqual([]);
    expect(ws.getCell("A1").value).toBe("姓名");
    expect(ws.getCell("B2").note).toBeUndefined();
    // The names LibreOffice wrote for constants and formulas are kept as written.
    const cp = ox.definedNamesXml(get("charts-pivot").after);
    expect(cp.find((n) => n.name === "优秀比例")?.text).toBe("0.2");
    expect(cp.find((n) => n.name === "利润目标合计")?.text).toBe("SUM(经营业绩!$B$3:$B$6)");
  });

  it("drops exactly the old sheet's own notes, drawing and chart; charts, pivot table, table and notes elsewhere stay", async () => {
    const c = get("charts-pivot");
    const gone = [...c.before.keys()].filter((n) => !c.after.has(n)).sort();
    expect(gone).toEqual([
      "xl/charts/chart2.xml",
      "xl/comments3.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/drawings/drawing2.xml",
    ]);
    const changed = [...c.before.keys()]
      .filter((n) => c.after.has(n) && !c.after.get(n)!.equals(c.before.get(n)!))
      .sort();
    expect(changed).toEqual([
      "[Content_Types].xml",
      "xl/drawings/vmlDrawing2.vml", // its name is free again: the new notes' drawing
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/_rels/sheet3.xml.rels",
      "xl/worksheets/sheet3.xml",
    ]);
    const ct = ox.text(c.after, "[Content_Types].xml");
    for (const part of gone) expect(ct).not.toContain(`"/${part}"`);
    // The note on 考核对象 is still there.
    const wb = await loadWorkbook(c.out);
    const note = wb.getWorksheet("考核对象")!.getCell("A1").note;
    expect(typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("")).toBe("姓名按干部名册填写");
  });

  it("gives its notes' VML drawing a block of shape ids no other drawing uses", () => {
    const c = get("rich-exceljs");
    const blocks = new Map<string, string[]>();
    for (const [name, bytes] of c.after) {
      if (!name.endsWith(".vml")) continue;
      const xml = bytes.toString("utf8");
      blocks.set(
        name,
        [...xml.matchAll(/<o:idmap[^>]*data="([^"]*)"/g)].map((m) => m[1]),
      );
      const ids = [...xml.matchAll(/_x0000_s(\d+)/g)].map((m) => Math.floor(Number(m[1]) / 1024));
      for (const b of ids) expect(blocks.get(name)).toContain(String(b));
    }
    const all = [...blocks.values()].flat();
    expect(all.length).toBe(2);
    expect(new Set(all).size).toBe(2);
  });

  it("writes new elements in the prefixes a producer chose for its namespaces", async () => {
    const after = zipParts(PREFIXED());
    expect(await packageProblems(view(after), { wellFormed: "all" })).toEqual([]);
    const wb = ox.text(after, "xl/workbook.xml");
    expect(wb).toContain(
      '<x:sheet name="考核结果" sheetId="6" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId8"/></x:sheets>',
    );
    expect(wb).toContain('<x:definedNames><x:definedName name="_xlnm._FilterDatabase" localSheetId="5" hidden="1">');
    expect(ox.text(after, "xl/_rels/workbook.xml.rels")).toContain(
      '<pr:Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet6.xml"/></pr:Relationships>',
    );
    expect(ox.text(after, "[Content_Types].xml")).toContain('<ct:Override PartName="/xl/worksheets/sheet6.xml"');
  });

  it("selects its tab when it is the workbook's active tab, and shows an old sheet that was hidden", async () => {
    const input = await edited(get("charts-pivot").input, async (zip) => {
      await replaceIn(zip, "xl/workbook.xml", 'activeTab="0"', 'activeTab="2"');
      await replaceIn(
        zip,
        "xl/workbook.xml",
        '<sheet name="考核结果" sheetId="3" state="visible"',
        '<sheet name="考核结果" sheetId="3" state="hidden"',
      );
    });
    const after = await graftTo(input, join(dir, "active.xlsx"));
    expect(ox.text(after, "xl/worksheets/sheet3.xml")).toContain('<sheetView tabSelected="1" workbookViewId="0">');
    expect(ox.sheets(after)[2]).toMatchObject({ name: RESULTS, state: undefined });
    expect((await loadWorkbook(join(dir, "active.xlsx"))).getWorksheet(RESULTS)!.state).toBe("visible");
    expect(ox.text(get("example-1").after, "xl/worksheets/sheet6.xml")).toContain('<sheetView workbookViewId="0">');
  });

  it("takes away what an earlier results sheet had and the new one has not: notes, filter name", async () => {
    const ex1 = get("example-1");
    const after = await graftTo(ex1.out, join(dir, "plain-again.xlsx"), odd);
    expect(await packageProblems(view(after), { wellFormed: "all" })).toEqual([]);
    // Its filter name was the only name: no <definedNames> is left, as in the input.
    expect(ox.text(after, "xl/workbook.xml")).not.toContain("definedName");
    for (const gone of ["xl/worksheets/_rels/sheet6.xml.rels", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]) {
      expect(after.has(gone), gone).toBe(false);
      expect(ox.text(after, "[Content_Types].xml")).not.toContain(`"/${gone}"`);
    }
    // A filter name of another sheet stays.
    const tables = await graftTo(get("excel-tables").out, join(dir, "tables-plain.xlsx"), odd);
    expect(ox.definedNamesXml(tables)).toEqual([
      { name: "_xlnm._FilterDatabase", localSheetId: "2", hidden: "1", text: "民主测评!$A$1:$C$2" },
    ]);
  });

  it("is stable: grafting into its own output changes nothing", async () => {
    for (const label of ["example-1", "sample", "charts-pivot", "rich-exceljs", "excel-tables"]) {
      const c = get(label);
      const again = await graftTo(c.out, join(dir, `again-${label}.xlsx`));
      expect([...again.keys()], label).toEqual([...c.after.keys()]);
      for (const [name, bytes] of c.after) expect(again.get(name)!.equals(bytes), `${label}: ${name}`).toBe(true);
    }
  });
});

describe("several sheets in one pass", () => {
  const details: SheetLayout = {
    ...odd,
    sheet: "计算明细",
    formulas: [
      { row: 1, col: 1, formula: "=考核结果!D2*2" },
      { row: 3, col: 0, formula: '=IF(B4>0,"正","负")' },
    ],
    notes: [{ row: 0, col: 0, text: "说明" }],
  };
  const pairs: [string, SheetLayout[]][] = [
    ["results then details", [layout, details]],
    ["the same sheet twice (the second replaces the first)", [layout, { ...details, sheet: RESULTS }]],
    ["one sheet", [details]],
  ];

  it.each(labels)("%s: graftSheets gives the bytes of grafting each sheet in turn", async (label) => {
    const inputs = [zipBytes(get(label).input)];
    // A workbook that has both sheets already: both are replaced.
    inputs.push(await graftSheet(await graftSheet(inputs[0], layout), details));
    for (const input of inputs) {
      for (const [, layouts] of pairs) {
        let oneByOne: Uint8Array = input;
        for (const l of layouts) oneByOne = await graftSheet(oneByOne, l);
        expect(Buffer.compare(await graftSheets(input, layouts), oneByOne)).toBe(0);
      }
    }
  });
});

describe("formulas and the calculation chain", () => {
  const withFormulas: SheetLayout = {
    ...layout,
    formulas: [
      { row: 1, col: 7, formula: "=ROUND(0.4*D2+0.6*G2,2)" },
      { row: 2, col: 15, formula: '=IF(N3="","暂缓评定","?")' },
      { row: 3, col: 13, formula: "=1/0" },
    ],
  };

  it("writes <f> with the engine's value cached, and asks for a full recalculation on opening", async () => {
    const out = join(dir, "formulas.xlsx");
    const after = await graftTo(get("sample").input, out, withFormulas);
    const xml = ox.text(after, "xl/worksheets/sheet7.xml");
    expect(xml).toMatch(/<c r="H2" s="\d+"><f>ROUND\(0\.4\*D2\+0\.6\*G2,2\)<\/f><v>102\.09<\/v><\/c>/);
    expect(xml).toMatch(/<c r="P3" s="\d+" t="str"><f>IF\(N3="","暂缓评定","\?"\)<\/f><v>暂缓评定<\/v><\/c>/);
    expect(ox.text(after, "xl/workbook.xml")).toContain('<calcPr calcId="171027" fullCalcOnLoad="1"/>');
    const ws = (await loadWorkbook(out)).getWorksheet(RESULTS)!;
    expect(ws.getCell("H2").value).toEqual({ formula: "ROUND(0.4*D2+0.6*G2,2)", result: 102.09 });
    expect(ws.getCell("P3").value).toEqual({ formula: 'IF(N3="","暂缓评定","?")', result: "暂缓评定" });
    expect(ws.getCell("N4").value).toEqual({ formula: "1/0", result: 65.5 });
    // Without formulas the workbook's calculation settings are left alone.
    expect(ox.text(get("sample").after, "xl/workbook.xml")).toContain('<calcPr calcId="171027"/>');
  });

  it("adds <calcPr> where the schema wants it when the workbook has none", async () => {
    const input = await edited(get("excel-tables").input, (zip) =>
      replaceIn(zip, "xl/workbook.xml", '<calcPr calcId="171027"/>', ""),
    );
    const after = await graftTo(input, join(dir, "no-calcpr.xlsx"), withFormulas);
    expect(ox.text(after, "xl/workbook.xml")).toMatch(/<\/definedNames><calcPr fullCalcOnLoad="1"\/><\/workbook>$/);
  });

  async function withCalcChain(source: string, chain: string): Promise<Buffer> {
    return edited(source, async (zip) => {
      zip.file(
        "xl/calcChain.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${chain}</calcChain>`,
      );
      await replaceIn(
        zip,
        "xl/_rels/workbook.xml.rels",
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
      );
      await replaceIn(
        zip,
        "[Content_Types].xml",
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      );
    });
  }

  it("keeps the calculation chain unless it would name cells the sheet no longer has, or miss new formulas", async () => {
    const chainOf = (p: ox.Parts) => p.get("xl/calcChain.xml");
    const cp = get("charts-pivot").input;
    // The chain names only 考核对象 (sheetId 1; the second entry inherits i): kept as it is.
    const kept = await withCalcChain(cp, '<c r="A1" i="1"/><c r="A2"/>');
    const a = await graftTo(kept, join(dir, "chain-kept.xlsx"));
    expect(chainOf(a)?.equals(zipParts(kept).get("xl/calcChain.xml")!)).toBe(true);
    expect(await packageProblems(view(a), { wellFormed: "all" })).toEqual([]);
    // It names a cell of the old 考核结果 (sheetId 3): it goes, with its relationship and content type.
    const stale = await withCalcChain(cp, '<c r="A1" i="1"/><c r="B2" i="3"/>');
    const b = await graftTo(stale, join(dir, "chain-stale.xlsx"));
    expect(chainOf(b)).toBeUndefined();
    expect(ox.text(b, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(ox.text(b, "[Content_Types].xml")).not.toContain("calcChain");
    expect(await packageProblems(view(b), { wellFormed: "all" })).toEqual([]);
    // New formulas: it goes too (Excel rebuilds it).
    const c = await graftTo(kept, join(dir, "chain-formulas.xlsx"), withFormulas);
    expect(chainOf(c)).toBeUndefined();
    expect(await packageProblems(view(c), { wellFormed: "all" })).toEqual([]);
  });
});

describe("text and numbers as Excel and LibreOffice need them", () => {
  let out: string;
  let after: ox.Parts;

  beforeAll(() => {
    out = ODD();
    after = zipParts(out);
  });

  it("escapes markup, drops characters XML cannot hold, keeps spaces and line breaks, and writes no styles it does not need", async () => {
    const xml = ox.text(after, "xl/worksheets/sheet6.xml");
    expect(xml).toContain('<t xml:space="preserve">  前后空格  </t>');
    expect(xml).toContain("<t>&lt;&amp;&gt;\"'</t>");
    expect(xml).toContain("<t>_x005F_x0041_</t>"); // Excel would read _x0041_ as "A"
    expect(xml).not.toMatch(/<pane|<autoFilter|<legacyDrawing/);
    expect(ox.text(after, "xl/workbook.xml")).not.toContain("_FilterDatabase");
    expect(after.has("xl/worksheets/_rels/sheet6.xml.rels")).toBe(false);
    const ws = (await loadWorkbook(out)).getWorksheet(RESULTS)!;
    expect(ws.getCell("A2").value).toBe("  前后空格  ");
    expect(ws.getCell("A3").value).toBe("行1\n行2");
    expect(ws.getCell("A5").value).toBe("abcd");
    expect(ws.getCell("A6").value).toBe("<&>\"'");
    expect(ws.getCell("B6").value).toBe(true);
    expect(ws.getCell("A7").value).toBe("=1+1");
    expect(ws.getCell("A7").numFmt).toBe("@");
    expect(ws.getCell("A8").value).toBe("😀汉字");
    expect(ws.getCell("B4").value).toBe(1e-7);
    expect(ws.getCell("B5").value).toBe(12345678901);
    expect(ws.views).toEqual([expect.not.objectContaining({ state: "frozen" })]);
  });

  it("refuses a value no cell can hold", async () => {
    const bad: SheetLayout = { ...odd, values: [["x", Number.NaN]] };
    await expect(graftSheet(zipBytes(get("example-1").input), bad)).rejects.toThrow(/NaN/);
  });
});

describe("LibreOffice opens every output", () => {
  let sheetsOf: Map<string, Map<string, string[][]>>;

  beforeAll(() => {
    const files = [...cases.values()].flatMap((c) => [c.input, c.out]);
    sheetsOf = ox.libreOfficeSheets([...files, ODD(), PREFIXED()]);
  });

  /** The layout's values as Calc shows them under the sheet's number formats. */
  const shown = (v: unknown, row: number, col: number): string => {
    if (v === null || v === undefined) return "";
    const fmt = row >= layout.headerRows ? layout.columns[col].numberFormat : null;
    if (typeof v !== "number") return String(v);
    if (fmt === "0.00") return v.toFixed(2);
    if (fmt === "0.00%") return `${(v * 100).toFixed(2)}%`;
    if (fmt === "0") return v.toFixed(0);
    return String(v);
  };

  it.each(labels)("%s: 考核结果 as laid out, every other sheet as before", (label) => {
    const c = get(label);
    const before = sheetsOf.get(c.input)!;
    const after = sheetsOf.get(c.out)!;
    expect([...after.keys()].sort()).toEqual([...new Set([...before.keys(), RESULTS])].sort());
    for (const [name, rows] of before) if (name !== RESULTS) expect(after.get(name), name).toEqual(rows);
    const results = after.get(RESULTS)!;
    expect(results).toEqual(layout.values.map((row, r) => row.map((v, col) => shown(v, r, col))));
  });

  it("reads text as written: spaces, line breaks, markup characters, a literal _x0041_", () => {
    const rows = sheetsOf.get(ODD())!.get(RESULTS)!;
    expect(rows.map((r) => r[0])).toEqual([
      "文本",
      "  前后空格  ",
      "行1\n行2",
      "_x0041_",
      "abcd",
      "<&>\"'",
      "=1+1",
      "😀汉字",
    ]);
    expect(rows[5][1]).toBe("TRUE");
  });

  it("reads a workbook whose parts use prefixes for their namespaces", () => {
    const sheetsOfPrefixed = sheetsOf.get(PREFIXED())!;
    expect([...sheetsOfPrefixed.keys()]).toContain(RESULTS);
    expect(sheetsOfPrefixed.get(RESULTS)![1].slice(0, 4)).toEqual(["甲", "一公司", "党委书记", "108.22"]);
    expect(sheetsOfPrefixed.get("经营业绩")).toEqual(sheetsOf.get(get("example-1").input)!.get("经营业绩"));
  });

  it("keeps the charts and the pivot table of charts-pivot (it saves them again)", () => {
    const resaved = ox.libreOfficeResave(get("charts-pivot").out);
    const names = [...resaved.keys()];
    expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(2);
    expect(names.filter((n) => /^xl\/pivotTables\/pivotTable\d+\.xml$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^xl\/comments\d+\.xml$/.test(n))).toHaveLength(2); // 考核对象's and ours
  });
});

describe("workbooks it cannot or need not write into in the usual way", () => {
  it("creates a stylesheet for a package without one", async () => {
    const input = await edited(get("example-1").input, async (zip) => {
      zip.remove("xl/styles.xml");
      await replaceIn(zip, "xl/_rels/workbook.xml.rels", /<Relationship [^>]*styles[^>]*\/>/, "");
      await replaceIn(zip, "[Content_Types].xml", /<Override PartName="\/xl\/styles.xml"[^>]*\/>/, "");
    });
    const out = join(dir, "no-styles.xlsx");
    const after = await graftTo(input, out);
    expect(await packageProblems(view(after), { wellFormed: "all" })).toEqual([]);
    expect(ox.text(after, "xl/_rels/workbook.xml.rels")).toContain('Target="styles.xml"');
    const ws = (await loadWorkbook(out)).getWorksheet(RESULTS)!;
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("J2").numFmt).toBe("0.00%");
  });

  it("adds a custom number format after the workbook's own", async () => {
    const custom: SheetLayout = {
      ...layout,
      columns: layout.columns.map((c, i) => (i === 3 ? { ...c, numberFormat: "0.000" } : c)),
    };
    const out = join(dir, "custom-format.xlsx");
    const after = await graftTo(get("rich-exceljs").input, out, custom);
    const styles = ox.text(after, "xl/styles.xml");
    expect(styles).toMatch(/<numFmt numFmtId="(\d+)" formatCode="0\.000"\/><\/numFmts>/);
    expect((await loadWorkbook(out)).getWorksheet(RESULTS)!.getCell("D2").numFmt).toBe("0.000");
  });

  it("refuses what is not a zip, and a Strict Open XML workbook, with a message for the user", async () => {
    await expect(graftSheet(Buffer.from("姓名,单位\n"), layout)).rejects.toBeInstanceOf(GraftError);
    const strict = await edited(get("example-1").input, (zip) =>
      replaceIn(
        zip,
        "_rels/.rels",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
      ),
    );
    await expect(graftSheet(strict, layout)).rejects.toThrow(/Strict Open XML/);
  });
});

describe("packageProblems", () => {
  it("finds a dangling relationship, a part without a content type, duplicate sheets and a bad local name", async () => {
    const broken = await edited(get("example-1").input, async (zip) => {
      zip.file("xl/media/image1.png", "png");
      await replaceIn(
        zip,
        "xl/_rels/workbook.xml.rels",
        "</Relationships>",
        '<Relationship Id="rId50" Type="x" Target="nowhere.xml"/></Relationships>',
      );
      await replaceIn(zip, "xl/workbook.xml", 'name="经营业绩" sheetId="2"', 'name="考核对象" sheetId="1"');
      await replaceIn(
        zip,
        "xl/workbook.xml",
        "<definedNames/>",
        '<definedNames><definedName name="x" localSheetId="9">1</definedName></definedNames>',
      );
    });
    const problems = await packageProblems(view(zipParts(broken)));
    expect(problems).toEqual(
      expect.arrayContaining([
        "xl/media/image1.png：没有内容类型",
        "xl/_rels/workbook.xml.rels：rId50 指向不存在的部件 xl/nowhere.xml",
        "xl/workbook.xml：工作表名称为空或重复：考核对象",
        "xl/workbook.xml：sheetId 无效或重复：1（考核对象）",
        "xl/workbook.xml：名称 x 的 localSheetId 9 不是工作表序号",
      ]),
    );
  });
});
