import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/cli/files";
import { readXlsx, readXlsxData, XlsxReadError } from "../../src/cli/xlsx";
import { cellAt, type Grid, type GridBook } from "../../src/workbook/grid";
import { RICH_SHEETS, richWorkbook } from "./richWorkbook";
import { EXAMPLES_DIR } from "../support/examples";
import { workbookToGrids } from "../support/exceljsGrid";
import { generateCase } from "../support/generate";
import { writeCaseFiles } from "../support/writeCase";

const EXAMPLES = EXAMPLES_DIR;
const LIBREOFFICE_FIXTURE = join(__dirname, "../fixtures/cli/rich-libreoffice.xlsx");

let dir: string;
let rich: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-xlsx-"));
  rich = join(dir, "rich.xlsx");
  await richWorkbook().xlsx.writeFile(rich);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sheet = (book: GridBook, name: string): Grid => {
  const g = book.find((s) => s.name === name);
  if (!g) throw new Error(`no sheet ${name}`);
  return g;
};

/** A1 → 0-based row and column. */
const at = (g: Grid, a1: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return cellAt(g, Number(m[2]) - 1, col);
};

describe("readXlsx: sheets as Grids", () => {
  it("gives every sheet in tab order, and a merged area's value only in its top-left cell", async () => {
    const { book } = await readXlsx(join(EXAMPLES, "example-1.xlsx"));
    expect(book.map((g) => g.name)).toEqual(["考核对象", "经营业绩", "工作评价", "民主测评", "加减分"]);
    const econ = sheet(book, "经营业绩");
    // A1:A2, B1:C1 and D1:E1 are merged in this workbook; ExcelJS repeats the master's value in them.
    expect(econ.rows[0]).toEqual(["单位", "实现利润", null, "净资产收益率", null]);
    expect(econ.rows[1]).toEqual([null, "目标值", "完成值", "目标值", "完成值"]);
    expect(econ.rows[2]).toEqual(["一公司", 1000, 1090, 8, 8.4]);
    // Rows are dense arrays: no holes where cells are empty.
    const work = sheet(book, "工作评价");
    expect(work.rows[1]).toEqual(["一公司", "好", 96, 100]);
    for (const g of book) for (const r of g.rows) expect(r.every((v) => v !== undefined)).toBe(true);
  });

  it("reads text, rich text, hyperlinks, booleans, and text that looks like a formula", async () => {
    const { book } = await readXlsx(rich);
    expect(book.map((g) => g.name)).toEqual(RICH_SHEETS);
    const intro = sheet(book, "说明页");
    expect(at(intro, "A1")).toBe("2024 年度党组织负责人考核");
    for (const a of ["B1", "F1", "A2", "F2"]) expect(at(intro, a)).toBeNull();
    expect(at(intro, "A4")).toBe("注意：请勿修改表头");
    expect(at(intro, "A5")).toBe("考核办法");
    expect(at(intro, "A6")).toBe("=这不是公式");
    const leaders = sheet(book, "考核对象");
    expect([at(leaders, "G2"), at(leaders, "G3")]).toEqual([true, false]);
  });

  it("gives formulas' cached results, shared formulas too, null without one, and errors as {error}", async () => {
    const { book } = await readXlsx(rich);
    const econ = sheet(book, "经营业绩");
    expect(at(econ, "D3")).toBe(1.2345); // master of a shared formula
    expect(at(econ, "D4")).toBe(0.94); // a cell that shares D3's formula
    expect(at(econ, "C4")).toBe(470);
    expect(at(econ, "C5")).toEqual({ error: "#N/A" });
    expect(at(econ, "D5")).toEqual({ error: "#DIV/0!" }); // a formula whose result is an error
    expect(at(econ, "B6")).toBeNull(); // a formula saved without a result
    expect(at(econ, "C6")).toEqual(new Date(Date.UTC(2024, 0, 31))); // a date-formatted formula result
    expect(sheet(book, "隐藏参数").rows).toEqual([["优秀比例", 0.2]]);
  });

  it("gives dates as UTC midnight of the calendar day, in any time zone, dropping the time of day", async () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["Asia/Shanghai", "Pacific/Kiritimati", "America/Los_Angeles", "UTC"]) {
        process.env.TZ = tz;
        const { book } = await readXlsx(rich);
        const leaders = sheet(book, "考核对象");
        expect(at(leaders, "E2")).toEqual(new Date(Date.UTC(1975, 2, 15)));
        expect(at(leaders, "E4")).toEqual(new Date(Date.UTC(1977, 4, 15)));
        // 2024-03-15 18:30 is the 15th wherever the reader sits.
        expect(at(leaders, "F2")).toEqual(new Date(Date.UTC(2024, 2, 15)));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("reads the same Grids from the LibreOffice copy of the rich workbook", async () => {
    const a = await readXlsx(rich);
    const b = await readXlsx(LIBREOFFICE_FIXTURE);
    expect(b.book.map((g) => g.name)).toEqual(RICH_SHEETS);
    const econA = sheet(a.book, "经营业绩");
    const econB = sheet(b.book, "经营业绩");
    // LibreOffice recomputes what it can: the formula without a result now has one, and C5/B5 is #N/A.
    expect(at(econB, "B6")).toBe(1500);
    expect(at(econB, "D5")).toEqual({ error: "#N/A" });
    for (const a1 of ["A1", "B1", "C1", "B2", "C3", "D3", "D4", "C5", "C6"])
      expect(at(econB, a1)).toEqual(at(econA, a1));
    expect(
      sheet(b.book, "考核对象")
        .rows.slice(0, 3)
        .map((r) => r.slice(0, 6)),
    ).toEqual(
      sheet(a.book, "考核对象")
        .rows.slice(0, 3)
        .map((r) => r.slice(0, 6)),
    );
  });

  it("keeps the file's bytes, for the writer to graft into", async () => {
    const path = join(EXAMPLES, "example-2.xlsx");
    expect((await readXlsx(path)).data.equals(await readFile(path))).toBe(true);
  });

  it("refuses what is not an .xlsx workbook with a message in Chinese", async () => {
    const text = join(dir, "not.xlsx");
    await writeFile(text, "姓名,单位\n张三,一公司\n");
    const cases: [string, RegExp][] = [
      [join(dir, "missing.xlsx"), /文件不存在/],
      [text, /不是有效的 \.xlsx 工作簿/],
      [dir, /是目录/],
    ];
    for (const [path, message] of cases) {
      const e = await readXlsx(path).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(XlsxReadError);
      expect((e as Error).message).toMatch(message);
    }
  });
});

/** ExcelJS's reading of the same file, as the command line read workbooks before its streaming reader. */
async function exceljsGrids(path: string): Promise<GridBook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return workbookToGrids(wb);
}

describe("readXlsx reads what ExcelJS reads", () => {
  const files = () => [
    join(EXAMPLES, "example-1.xlsx"),
    join(EXAMPLES, "example-2.xlsx"),
    join(EXAMPLES, "example-3-qualification.xlsx"),
    join(__dirname, "../../assets/sample.xlsx"),
    join(__dirname, "../fixtures/cli/charts-pivot.xlsx"),
    join(__dirname, "../fixtures/cli/excel-tables.xlsx"),
    rich,
  ];

  it("gives the same Grids for the worked examples, the demo and the test workbooks", async () => {
    // ExcelJS has no mark for a formula without a result (Grid.uncached): compared without it.
    const unmarked = (book: GridBook) => book.map(({ name, rows }) => ({ name, rows }));
    for (const f of files()) expect(unmarked((await readXlsx(f)).book), f).toEqual(await exceljsGrids(f));
  });

  it("gives the same Grids for generated workbooks in every layout", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const c = generateCase(seed, { minLeaders: 20, maxLeaders: 60 });
      const written = await writeCaseFiles(c, dir, seed, `gen-${seed}`);
      expect((await readXlsx(written.xlsx)).book, `seed ${seed}`).toEqual(await exceljsGrids(written.xlsx));
    }
  });

  it("keeps a formula's cached 0 or FALSE, which ExcelJS reads as empty", async () => {
    const ours = sheet((await readXlsx(LIBREOFFICE_FIXTURE)).book, "考核对象");
    const theirs = sheet(await exceljsGrids(LIBREOFFICE_FIXTURE), "考核对象");
    expect([at(ours, "G3"), at(theirs, "G3")]).toEqual([false, null]); // =FALSE(), saved with its result 0
    expect(ours.rows.map((r) => r.slice(0, 6))).toEqual(theirs.rows.map((r) => r.slice(0, 6)));
  });

  it("reads the same whether a sheet is read whole or streamed in chunks", async () => {
    const c = generateCase(5, { minLeaders: 60, maxLeaders: 60 });
    const written = await writeCaseFiles(c, dir, 5, "streamed");
    const data = await readFile(written.xlsx);
    const whole = await readXlsxData(data);
    const streamed = await readXlsxData(data, { streamAbove: 0 });
    expect(streamed).toEqual(whole);
    expect((await readXlsxData(await readFile(rich), { streamAbove: 0 })).book).toEqual((await readXlsx(rich)).book);
  });

  it("lists the formulas saved without a result, which read as empty cells", async () => {
    const { uncachedFormulas } = await readXlsx(rich);
    expect(uncachedFormulas).toEqual([{ sheet: "经营业绩", row: 5, col: 1 }]);
    const { book } = await readXlsx(rich);
    expect(book.filter((g) => g.uncached).map((g) => [g.name, g.uncached])).toEqual([
      ["经营业绩", [{ row: 5, col: 1 }]],
    ]);
    expect((await readXlsx(LIBREOFFICE_FIXTURE)).uncachedFormulas).toEqual([]);
  });
});

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook written part by part, to read what Excel and others write that ExcelJS never does. */
async function handmade(o: {
  sheet: string;
  strings?: string;
  numFmts?: string;
  xfs?: string[];
  workbookPr?: string;
}): Promise<string> {
  const zip = new JSZip();
  const type = (t: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${t}+xml`;
  zip.file(
    "[Content_Types].xml",
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${type("sheet.main")}"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${type("worksheet")}"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${type("styles")}"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${type("sharedStrings")}"/></Types>`,
  );
  const rels = (list: [string, string, string][]) =>
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    list.map(([id, t, target]) => `<Relationship Id="${id}" Type="${REL}/${t}" Target="${target}"/>`).join("") +
    "</Relationships>";
  zip.file("_rels/.rels", rels([["rId1", "officeDocument", "xl/workbook.xml"]]));
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels([
      ["rId1", "worksheet", "worksheets/sheet1.xml"],
      ["rId2", "styles", "/xl/styles.xml"],
      ["rId3", "sharedStrings", "sharedStrings.xml"],
    ]),
  );
  zip.file(
    "xl/workbook.xml",
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${o.workbookPr ?? ""}` +
      '<sheets><sheet name="表&amp;一" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    "xl/styles.xml",
    `<styleSheet xmlns="${MAIN}">${o.numFmts ?? ""}<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>` +
      `<borders count="1"><border/></borders><cellXfs>${(o.xfs ?? ['<xf numFmtId="0"/>']).join("")}</cellXfs></styleSheet>`,
  );
  zip.file("xl/sharedStrings.xml", `<sst xmlns="${MAIN}">${o.strings ?? ""}</sst>`);
  zip.file("xl/worksheets/sheet1.xml", o.sheet);
  const path = join(dir, `handmade-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return path;
}

const worksheet = (data: string, after = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData>${after}</worksheet>`;

describe("readXlsx: what Excel and other producers write", () => {
  it("reads shared strings with rich text and phonetic runs, inline strings, escapes and line ends", async () => {
    const path = await handmade({
      strings:
        "<si><t>纯文本</t></si>" +
        '<si><r><rPr><b/></rPr><t>注意：</t></r><r><t xml:space="preserve">请勿 修改</t></r><rPh sb="0" eb="1"><t>チュウイ</t></rPh></si>' +
        "<si><t>a_x0041__x005F_x0042_</t></si><si><t>一\r\n二</t></si><si><t/></si>",
      sheet: worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
          '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>行内&amp;文字</t></is></c>' +
          '<c r="B2" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>' +
          '<c r="C2" t="str"><v>x</v></c><c r="D2" t="e"><v>#REF!</v></c><c r="E2" t="b"><v>1</v></c></row>',
      ),
    });
    const g = (await readXlsx(path)).book[0];
    expect(g.name).toBe("表&一");
    expect(g.rows).toEqual([
      ["纯文本", "注意：请勿 修改", "aA_x0042_", "一\n二", ""],
      ["行内&文字", "富文本", "x", { error: "#REF!" }, true],
    ]);
  });

  it("gives dates by the cell's number format — custom, or built in as Chinese Excel shows them — in either date system", async () => {
    const cells =
      '<row r="1"><c r="A1" s="1"><v>45382</v></c><c r="B1" s="2"><v>45382.75</v></c><c r="C1" s="3"><v>45382</v></c>' +
      '<c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5"><v>45382</v></c><c r="F1"><v>45382</v></c>' +
      '<c r="G1" t="d"><v>2024-03-31T00:00:00</v></c><c r="H1" s="1"><f>DATE(2024,3,31)</f><v>45382</v></c></row>';
    const styles = {
      numFmts:
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>',
      xfs: [
        '<xf numFmtId="0"/>',
        '<xf numFmtId="164"/>',
        '<xf numFmtId="22"/>',
        '<xf numFmtId="31"/>',
        '<xf numFmtId="20"/>',
        '<xf numFmtId="10"/>',
      ],
    };
    const day = new Date(Date.UTC(2024, 2, 31));
    const g1900 = (await readXlsx(await handmade({ ...styles, sheet: worksheet(cells) }))).book[0];
    expect(g1900.rows[0]).toEqual([day, day, day, 0.5, 45382, 45382, day, day]);
    const g1904 = (
      await readXlsx(await handmade({ ...styles, sheet: worksheet(cells), workbookPr: '<workbookPr date1904="1"/>' }))
    ).book[0];
    const later = new Date(Date.UTC(2028, 3, 1)); // 45382 days after 1904-01-01
    expect(g1904.rows[0]).toEqual([later, later, later, 0.5, 45382, 45382, day, later]);
  });

  it("places cells without addresses, keeps merged areas' values in their first cell, and reads prefixed names", async () => {
    const sheetXml =
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c>` +
      '<x:c><x:v>2</x:v></x:c><x:c s="1"/><x:c/></x:row><x:row r="4"><x:c r="C4"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c>' +
      '</x:row></x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A1:B2"/><x:mergeCell ref="C4:C5"/></x:mergeCells></x:worksheet>';
    const g = (await readXlsx(await handmade({ sheet: sheetXml, xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="0"/>'] })))
      .book[0];
    expect(g.rows).toEqual([["甲", null], [null, null], [], [null, null, 3, 4], [null, null, null]]);
  });

  it("reads a sheet of a million formatted empty rows as the few cells it has", async () => {
    const rows: string[] = ['<row r="1"><c r="A1"><v>1</v></c></row>'];
    for (let r = 2; r <= 1_048_576; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
    const g = (await readXlsx(await handmade({ sheet: worksheet(rows.join("")) }))).book[0];
    expect(g.rows).toEqual([[1]]);
  });

  it.each([
    ["a cell beyond the sheet", worksheet('<row r="1"><c r="XFE1"><v>1</v></c></row>')],
    ["a row beyond the sheet", worksheet('<row r="1048577"><c><v>1</v></c></row>')],
    ["a shared string that is not there", worksheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>')],
    ["malformed XML", worksheet('<row r="1"><c r="A1"><v>1</c></row>')],
  ])("refuses %s as not a valid workbook", async (_, sheetXml) => {
    const path = await handmade({ sheet: sheetXml });
    await expect(readXlsx(path)).rejects.toThrow(XlsxReadError);
    await expect(readXlsx(path)).rejects.toThrow(/不是有效的 \.xlsx 工作簿/);
  });
});

describe("writing files", () => {
  it("creates missing parent directories and leaves no temporary file behind", async () => {
    const target = join(dir, "a", "b", "c", "out.json");
    await writeFileAtomic(target, "{}\n");
    expect(await readdir(join(dir, "a", "b", "c"))).toEqual(["out.json"]);
  });

  it("leaves neither the file nor a temporary file when the write fails", async () => {
    const blocked = join(dir, "blocked");
    await writeFileAtomic(join(blocked, "x", "keep.txt"), "x");
    // The target is an existing directory: the rename fails.
    await expect(writeFileAtomic(join(blocked, "x"), "data")).rejects.toThrow();
    expect(await readdir(blocked)).toEqual(["x"]);
    expect(await readdir(join(blocked, "x"))).toEqual(["keep.txt"]);
  });
});
