/**
 * SheetReader reads the rows of a sheet by a loop of its own where it understands them, and hands every other
 * row to the general scanner (src/cli/xlsx.ts). These tests read tricky but valid sheets, and broken ones,
 * both ways — and streamed in chunks, where rows cut by a chunk's end go to the scanner — and require the
 * same Grids, the same formulas without results and the same errors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeZip } from "../../src/cli/ooxml/zip";
import { readXlsxData } from "../../src/cli/xlsx";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const STRINGS = ["甲", "乙", "a_x0041_", "", "丙丁", ...Array.from({ length: 45 }, (_, k) => `串${k}`)];

/** A package of one sheet (or several), with shared strings and cell formats 0 (General), 1 (a date), 2 (0.00). */
function workbook(sheets: (string | Buffer)[], o: { date1904?: boolean; strings?: string } = {}): Buffer {
  const file = (name: string, text: string | Buffer) => ({
    kind: "data" as const,
    name,
    data: typeof text === "string" ? Buffer.from(text, "utf8") : text,
    time: 0,
    date: 33,
  });
  const rels = (list: [string, string, string][]) =>
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    list.map(([id, t, target]) => `<Relationship Id="${id}" Type="${REL}/${t}" Target="${target}"/>`).join("") +
    "</Relationships>";
  return writeZip([
    file("_rels/.rels", rels([["rId1", "officeDocument", "xl/workbook.xml"]])),
    file(
      "xl/_rels/workbook.xml.rels",
      rels([
        ...sheets.map((_, k): [string, string, string] => [
          `rId${k + 10}`,
          "worksheet",
          `worksheets/sheet${k + 1}.xml`,
        ]),
        ["rId2", "styles", "styles.xml"],
        ["rId3", "sharedStrings", "sharedStrings.xml"],
      ]),
    ),
    file(
      "xl/workbook.xml",
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${o.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>` +
        sheets.map((_, k) => `<sheet name="S${k + 1}" sheetId="${k + 1}" r:id="rId${k + 10}"/>`).join("") +
        "</sheets></workbook>",
    ),
    file(
      "xl/styles.xml",
      `<styleSheet xmlns="${MAIN}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="2"/></cellXfs></styleSheet>`,
    ),
    file(
      "xl/sharedStrings.xml",
      o.strings ?? `<sst xmlns="${MAIN}">${STRINGS.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
    ),
    ...sheets.map((xml, k) => file(`xl/worksheets/sheet${k + 1}.xml`, xml)),
  ]);
}

const workbookOfBytes = (sheet: Buffer) => workbook([sheet]);

const sheetXml = (rows: string, after = "") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" ` +
  `xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1"/><sheetData>` +
  `${rows}</sheetData>${after}</worksheet>`;

type Outcome = { ok: Awaited<ReturnType<typeof readXlsxData>> } | { error: string };

async function outcome(data: Buffer, options: Parameters<typeof readXlsxData>[1]): Promise<Outcome> {
  try {
    return { ok: await readXlsxData(data, options) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** Read with the row loop and by the scanner alone, whole and streamed: the same each way. */
async function readBothWays(data: Buffer): Promise<Outcome> {
  const general = await outcome(data, { scannerOnly: true });
  expect(await outcome(data, {})).toStrictEqual(general);
  const streamed = await outcome(data, { streamAbove: 0, scannerOnly: true });
  expect(await outcome(data, { streamAbove: 0 })).toStrictEqual(streamed);
  return general;
}

async function rowsOf(rows: string, o: { date1904?: boolean; after?: string } = {}) {
  const r = await readBothWays(workbook([sheetXml(rows, o.after)], o));
  if (!("ok" in r)) throw new Error(r.error);
  return { rows: r.ok.book[0].rows, uncached: r.ok.uncachedFormulas.map(({ row, col }) => [row, col]) };
}

async function errorOf(rows: string): Promise<string> {
  const r = await readBothWays(workbook([sheetXml(rows)]));
  if ("ok" in r) throw new Error("read without error");
  return r.error;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("a sheet's rows read by SheetReader's loop and by the scanner", () => {
  it("reads the shape Excel writes, and cells without values, without r, self-closing, rows without r", async () => {
    const { rows } = await rowsOf(
      '<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>8518.82</v></c>' +
        '<c r="C1"/><c r="D1" s="1"><v>45382</v></c></row><row><c><v>1</v></c><c/><c><v>3</v></c></row>' +
        '<row r="5"/><row r="4"><c r="B4" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>' +
        // Rows given twice, and cells placed in other rows than their own.
        '<row r="6"><c r="A6"><v>1</v></c><c r="C6"><v>3</v></c></row><row r="6"><c r="B6"><v>2</v></c><c r="E6"><v>5</v></c></row>' +
        '<row r="7"><c r="A8"><v>8</v></c><c><v>9</v></c></row><row r="9"><c r="B9"><v>1</v></c><c r="A7"><v>7</v></c></row>',
    );
    expect(rows).toStrictEqual([
      ["甲", 8518.82, null, day(2024, 3, 31)],
      ["乙", null, 3], // the second row 2 puts 乙 over the first one's 1
      [],
      [null, "丙丁"],
      [],
      [1, 2, 3, null, 5],
      [7],
      [8, 9],
      [null, 1],
    ]);
  });

  it("fills the gaps a row given twice leaves, when the loop reads both", async () => {
    const { rows } = await rowsOf('<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="C1"><v>3</v></c></row>');
    expect(rows).toStrictEqual([[1, null, 3]]);
  });

  it("reads numbers as parseFloat does: signs, decimals, exponents, leading zeros, long ones", async () => {
    const values = [
      "-0",
      "0.1",
      "1.50",
      "-12.125",
      "007",
      "5.",
      ".5",
      "-.5",
      "1E3",
      "2.5e-7",
      "123456789012345",
      "1234567890123456",
      "9007199254740993",
      "0.30000000000000004",
      "12abc",
      "-",
      "+5",
      "0.000000000000000000001",
    ];
    const cells = values.map((v, k) => `<c r="A${k + 1}"><v>${v}</v></c>`);
    const { rows } = await rowsOf(cells.map((c, k) => `<row r="${k + 1}">${c}</row>`).join(""));
    expect(rows.map((r) => r[0])).toStrictEqual(values.map((v) => parseFloat(v)));
    expect(Object.is(rows[0][0], -0)).toBe(true);
  });

  it("reads every cell type, formulas with and without results, and shared formulas", async () => {
    const { rows, uncached } = await rowsOf(
      '<row r="1"><c r="A1" t="str"><v>x_x0041_</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>' +
        '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="d"><v>2024-03-31T08:00:00</v></c><c r="F1" t="n"><v>7</v></c>' +
        '<c r="G1" t="inlineStr"><is><t>行内</t></is></c><c r="H1" t="inlineStr"><v>9</v></c><c r="I1" t="x"><v>4</v></c>' +
        '<c r="J1" t="s"><v>1.9</v></c></row>' +
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>1/0</f></c><c r="C2" t="s"><f>A1</f><v>2</v></c>' +
        '<c r="D2"><f t="shared" ref="D2:D3" si="0">A2+1</f><v>3</v></c><c r="E2"><f/></c><c r="F2"><f t="shared" si="0"/></c>' +
        '<c r="G2" t="b"><f>TRUE</f><v>1</v></c><c r="H2" t="str"><f>"a"</f><v></v></c><c r="I2"><f></f><v>5</v></c></row>' +
        // A formula without a result before a cell the loop leaves to the scanner: listed once.
        '<row r="3"><c r="A3"><f>1/0</f></c><c r="B3" t="inlineStr"><is><t>x</t></is></c></row>',
    );
    expect(rows).toStrictEqual([
      ["xA", true, false, { error: "#N/A" }, day(2024, 3, 31), 7, "行内", null, 4, "乙"],
      [2, null, "aA", 3, null, null, true, null, 5],
      [null, "x"],
    ]);
    expect(uncached).toStrictEqual([
      [1, 1],
      [1, 5],
      [1, 7],
      [2, 0],
    ]);
  });

  it("reads dates by the cell's format in either date system", async () => {
    const xml =
      '<row r="1"><c r="A1" s="1"><v>45382</v></c><c r="B1" s="1"><v>45382.75</v></c><c r="C1" s="2"><v>45382</v></c></row>';
    expect((await rowsOf(xml)).rows).toStrictEqual([[day(2024, 3, 31), day(2024, 3, 31), 45382]]);
    expect((await rowsOf(xml, { date1904: true })).rows).toStrictEqual([[day(2028, 4, 1), day(2028, 4, 1), 45382]]);
  });

  it("reads white space, other quotes and attributes, references and prefixes as the scanner does", async () => {
    const { rows } = await rowsOf(
      "\n  <row r='1'\n  spans=\"1:3\">\n    <c r='A1' t='s'>\n      <v>0</v>\n    </c >\n" +
        '    <c  s="2"   r="B1" ><v>2</v ></c><c t="s" r="C1" cm="1"><v>1</v></c>\n  </row >\n' +
        '<row r="&#50;"><c r="A2"><v>1</v></c></row><row r="3"><c r="&#65;3" t="&#115;" s="&#49;"><v>4</v></c>' +
        '<c r="b3"><v>5</v></c></row><row r="4"><c r="A4"><v>1&#48;</v></c><c r="B4" t="str"><v>a&amp;b\r\nc</v></c>' +
        '<c r="C4"><v>\n 6 </v></c></row>' +
        '<x:row r="5" xmlns:x="' +
        MAIN +
        '"><x:c r="A5"><x:v>7</x:v></x:c></x:row><row r="6"><c r="A6"><!-- 注 --><v>8</v></c>' +
        '<c r="B6"><v><![CDATA[9]]></v></c><c r="C6"><?pi x?><v>10</v></c><c r="D6">文字<v>11</v></c></row>' +
        '<row r="7"><c r="A7"><v>1</v><v>2</v></c><c r="B7"><v/><v>3</v></c><c r="C7"><v></v><v>4</v></c>' +
        '<c r="D7"><extLst/><v>5</v></c></row><row r="8"><c r="A8"><v>1</v></c><foo/><c><v>2</v></c></row>',
    );
    expect(rows).toStrictEqual([
      ["甲", 2, "乙"],
      [1],
      // t and s are read as written, not decoded (the scanner's reader does so): a number, in format 1.
      [day(1900, 1, 4), 5],
      [10, "a&b\nc", 6],
      [7],
      [8, 9, 10, 11],
      [12, 3, 4, 5],
      // An unknown element in a row ends a cell again, as the scanner's reader has it.
      [1, 2],
    ]);
  });

  it("keeps merged areas and the extent of the cells the loop read", async () => {
    const { rows } = await rowsOf('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="C3"><v>3</v></c></row>', {
      after: '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3:XFD1048576"/></mergeCells>',
    });
    expect(rows).toStrictEqual([
      [1, null],
      [null, null],
      [null, null, 3],
    ]);
  });

  it("refuses what the scanner refuses, with the same message", async () => {
    for (const [rows, message] of [
      ['<row r="1"><c r="A1"><v>1</c></row>', /不匹配/],
      ['<row r="1"><c r="A1"><v>1</v></c>', /不匹配|未结束/],
      ['<row r="1"><c r="A1" r="A1"><v>1</v></c></row>', /重复/],
      ['<row r="1" r="1"><c r="A1"><v>1</v></c></row>', /重复/],
      ['<row r="1"><c r="A1"s="1"><v>1</v></c></row>', /缺少空白/],
      ['<row r="1"><c r="A1" s=1><v>1</v></c></row>', /缺少引号/],
      ['<row r="1"><c r="A1"/ ></row>', /标签格式错误/],
      ['<row r="1"><c r="XFE1"><v>1</v></c></row>', /超出工作表范围/],
      ['<row r="1"><c r="ABCD1"><v>1</v></c></row>', /单元格地址无效/],
      ['<row r="1"><c r="A0"><v>1</v></c></row>', /单元格地址无效/],
      ['<row r="1048577"><c><v>1</v></c></row>', /行号无效/],
      ['<row r="0"><c><v>1</v></c></row>', /行号无效/],
      ['<row r="1048576"><c/></row><row><c><v>1</v></c></row>', /行号无效/],
      ['<row r="1"><c r="A1" t="s"><v>50</v></c></row>', /不存在的共享字符串：50/],
      ['<row r="1"><c r="A1" t="s"><v>1234567890123456</v></c></row>', /不存在的共享字符串/],
      ['<row r="1"><c r="A1" t="s"><v>-1</v></c></row>', /不存在的共享字符串/],
    ] as const) {
      expect(await errorOf(rows)).toMatch(message);
    }
  });

  it("reads rows the loop leaves to the scanner among rows it reads, and a chunk's end inside a row", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 3000; r++) {
      const odd = r % 7 === 0 ? '<c t="inlineStr"><is><t>第' + r + "</t></is></c>" : "";
      rows.push(`<row r="${r}"><c r="A${r}" t="s"><v>${r % 5}</v></c><c r="B${r}"><v>${r / 8}</v></c>${odd}</row>`);
    }
    const { rows: grid } = await rowsOf(rows.join(""));
    expect(grid.length).toBe(3000);
    expect(grid[6]).toStrictEqual(["aA", 7 / 8, "第7"]);
  });
});

/** One of `common` nearly always, now and then one of `rare` (the pieces that break a sheet). */
const pick = (common: string[], rare: string[]) =>
  fc.oneof({ weight: 15, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });

/** Pieces of rows, tricky and broken, put together at random. */
const cellArb = fc
  .record({
    ref: pick(["own", "own", "own", "none", "lower", "next"], ["entity", "far", "bad"]),
    s: fc.constantFrom("", "", ' s="1"', ' s="2"', ' s="0"', ' s="&#49;"', ' s="x"', ' s="9"'),
    t: fc.constantFrom(
      "",
      "",
      "",
      ' t="s"',
      ' t="s"',
      ' t="n"',
      ' t="str"',
      ' t="b"',
      ' t="e"',
      ' t="d"',
      ' t="inlineStr"',
      ' t="q"',
      ' t="&#115;"',
    ),
    extra: fc.constantFrom("", "", "", ' cm="1"', " vm='2'", "  ", "\n", ' ph="中"'),
    quote: fc.constantFrom('"', '"', "'"),
    order: fc.boolean(),
    body: pick(
      [
        "/>",
        "></c>",
        "><v>VAL</v></c>",
        "><v>VAL</v></c>",
        "><v>VAL</v></c>",
        "><f>A1+1</f><v>VAL</v></c>",
        "><f>A1</f></c>",
        '><f t="shared" si="0"/></c>',
        '><f t="shared" si="0"/><v>VAL</v></c>',
        "><f/><v>VAL</v></c>",
        "><f/></c>",
        "><is><t>内</t></is></c>",
        "><v/></c>",
        "><v>VAL</v><v>VAL</v></c>",
        ">\n <v>VAL</v>\n</c>",
        "><!--x--><v>VAL</v></c>",
        "><v><![CDATA[VAL]]></v></c>",
        "><v>VAL</v></c >",
        "><f>'表一'!A1</f><v>VAL</v></c>",
        '><v>VAL</v><extLst><ext uri="中"/></extLst></c>',
      ],
      ["><v>VAL</v></x>", "><v>VAL</c>", "><v>VAL</v>", ' s="1" s="2"/>', "><v>VAL</v></c"],
    ),
    value: pick(
      ["0", "1", "3", "4", "12", "-3", "2.5", "1e2", "", " 7", "-0", "0.1", "45382"],
      ["#N/A", "2024-01-02", "a&amp;b", "99"],
    ),
  })
  .map(({ ref, s, t, extra, quote, order, body, value }) => ({
    ref,
    attrs: order ? s + t + extra : t + extra + s,
    quote,
    body: body.replace(/VAL/g, value),
  }));

const rowArb = fc.record({
  r: pick(["next", "next", "next", "none", "same", "back"], ["zero", "entity", "last"]),
  attrs: fc.constantFrom("", "", ' spans="1:3" x14ac:dyDescent="0.25"', ' ht="20" customHeight="1"', " spans='1:2' "),
  cells: fc.array(cellArb, { maxLength: 6 }),
  close: pick(["</row>", "</row>", "</row>", "</row >", "/>", "<!--c--></row>", "文</row>"], ["", "</rowx>"]),
});

type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function buildRows(rows: Row[]): string {
  let n = 0;
  return rows
    .map((row) => {
      n = row.r === "back" ? Math.max(1, n - 1) : row.r === "same" ? Math.max(1, n) : n + 1;
      const r =
        row.r === "none"
          ? ""
          : ` r="${row.r === "zero" ? 0 : row.r === "entity" ? `&#${48 + (n % 10)};` : row.r === "last" ? 1048576 : n}"`;
      if (row.r === "entity") n = n % 10 || n;
      const cells = row.cells
        .map((c, k) => {
          const col = String.fromCharCode(65 + k);
          const ref =
            c.ref === "none"
              ? ""
              : ` r=${c.quote}${
                  c.ref === "lower"
                    ? col.toLowerCase() + n
                    : c.ref === "entity"
                      ? `&#${col.charCodeAt(0)};${n}`
                      : c.ref === "far"
                        ? `XFD${n}`
                        : c.ref === "bad"
                          ? `${col}0`
                          : c.ref === "next"
                            ? `${String.fromCharCode(66 + k)}${n}`
                            : col + n
                }${c.quote}`;
          return `<c${ref}${c.attrs.replace(/"/g, c.quote)}${c.body}`;
        })
        .join("");
      return row.close === "/>" && cells === ""
        ? `<row${r}${row.attrs}/>`
        : `<row${r}${row.attrs}>${cells}${row.close === "/>" ? "</row>" : row.close}`;
    })
    .join("");
}

describe("a sheet's bytes: the loop reads ASCII rows from them, the scanner the rest from windows of text", () => {
  it("reads rows with other characters, across windows, and gives an error's position as the scanner does", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 6000; r++) {
      rows.push(
        r % 3 === 0
          ? `<row r="${r}"><c r="A${r}"><f>'表一'!A${r}&amp;"中文"</f><v>${r}</v></c><c r="B${r}" t="str"><v>甲${"乙".repeat(r % 5)}</v></c></row>`
          : `<row r="${r}" spans="1:2"><c r="A${r}" t="s"><v>${r % 5}</v></c><c r="B${r}"><v>${r / 4}</v></c></row>`,
      );
    }
    const good = await readBothWays(workbook([sheetXml(rows.join(""))]));
    if (!("ok" in good)) throw new Error(good.error);
    expect(good.ok.book[0].rows[2999]).toStrictEqual([3000, "甲"]);
    expect(good.ok.book[0].rows[3000]).toStrictEqual(["乙", 3001 / 4]);
    for (const broken of [
      '<row r="6001"><c r="A6001"><v>1</c></row>',
      '中<row r="6001"><c r="A6001" r="A6001"/></row>',
    ]) {
      const bad = await readBothWays(workbook([sheetXml(rows.join("") + broken)]));
      expect("error" in bad && bad.error).toMatch(/位置 \d+/);
    }
  });

  it("reads a sheet after byte order marks, in UTF-16, and refuses one that is not UTF-8 the same way", async () => {
    const xml = sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>');
    for (const head of ["\uFEFF", "\uFEFF\uFEFF"]) {
      const r = await readBothWays(workbook([head + xml]));
      expect("ok" in r && r.ok.book[0].rows).toStrictEqual([[1, "甲"]]);
    }
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    const r16 = await readBothWays(workbookOfBytes(utf16));
    expect("ok" in r16 && r16.ok.book[0].rows).toStrictEqual([[1, "甲"]]);
    const invalid = Buffer.from(xml.replace("<v>1</v>", "<v>1\u00ff</v>"), "latin1");
    expect(await readBothWays(workbookOfBytes(invalid))).toStrictEqual({ error: "XmlError: 不是有效的 UTF-8 文本" });
  });
});

describe("a sheet streamed in chunks: the same text, the same errors at the same chunks as the scanner's decoder", () => {
  it("refuses bytes that are not UTF-8 at a chunk's end before or after an error in the XML, as the scanner does", async () => {
    const head = Buffer.from(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace(/<\/sheetData>.*$/s, ""));
    const broken = Buffer.from('<row r="2"><c r="A2"><v>1</c></row>');
    const filler = (length: number) =>
      Buffer.from(`<row r="3"><c r="A3"><v>${"9".repeat(Math.max(0, length - 38))}</v></c></row>`);
    const tail = Buffer.from(`</sheetData></worksheet>`);
    const outcomes = new Set<string>();
    for (const bad of [[0xe0, 0x80], [0xe0, 0xa0], [0xff], [0xed, 0xa0, 0x80], [0xe4, 0xb8, 0xad]]) {
      for (const [early, at] of [
        [true, 65534],
        [true, 65535],
        [false, 65535],
        [false, 65533],
      ] as const) {
        const before = Buffer.concat([head, early ? broken : Buffer.alloc(0)]);
        const text = Buffer.concat([before, filler(at - before.length), Buffer.from(bad), broken, tail]);
        const data = workbook([text]);
        await readBothWays(data); // the loop and the scanner agree, whole and streamed
        const streamed = await outcome(data, { streamAbove: 0, scannerOnly: true });
        outcomes.add("error" in streamed ? streamed.error.replace(/（.*/, "") : "read");
      }
    }
    // Streamed, the decoder refuses a chunk before the scanner reads it, or the scanner refuses first.
    expect([...outcomes].sort()).toStrictEqual(
      ["XmlError: 文本编码无效", "XmlError: 结束标签 </c> 与 <v> 不匹配"].sort(),
    );
  });
});

describe("shared strings read by the loop of SharedStringsReader and by the scanner", () => {
  it("reads plain strings by the loop and every other kind by the scanner, in order", async () => {
    const items = [
      "<si><t>纯文本</t></si>",
      '<si><t xml:space="preserve"> 前后 空格 </t></si>',
      "<si><t>a&amp;b&#x4E2D;</t></si>",
      "<si><t>一\r\n二\n三\t四</t></si>",
      "<si><t/></si>",
      "<si></si>",
      "<si><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r></si>",
      '<si><t>注意</t><rPh sb="0" eb="1"><t>チュウイ</t></rPh><phoneticPr fontId="1"/></si>',
      "<si>\n  <t>有空白</t>\n</si>",
      "<si><t>a_x0041__x005F_x0042_</t></si>",
      `<x:si xmlns:x="${MAIN}"><x:t>前缀</x:t></x:si>`,
      "<!-- 注释 --><si><t><![CDATA[<数据>]]></t></si>",
      "<si><t>结束标签</t ></si>",
      "<si ><t>开始标签</t></si>",
      '<si><t xml:space="default">别的属性</t></si>',
      "<si><t>两个</t><t>t</t></si>",
      "<si><t>末尾</t></si>",
    ];
    const strings = `<sst xmlns="${MAIN}" count="${items.length}">\n${items.join("\n")}\n</sst>`;
    const cells = items.map((_, k) => `<c t="s"><v>${k}</v></c>`).join("");
    const r = await readBothWays(workbook([sheetXml(`<row r="1">${cells}</row>`)], { strings }));
    if (!("ok" in r)) throw new Error(r.error);
    expect(r.ok.book[0].rows[0]).toStrictEqual([
      "纯文本",
      " 前后 空格 ",
      "a&b中",
      "一\n二\n三\t四",
      "",
      "",
      "富文本",
      "注意",
      "有空白",
      "aA_x0042_",
      "前缀",
      "<数据>",
      "结束标签",
      "开始标签",
      "别的属性",
      "两个t",
      "末尾",
    ]);
  });

  it("refuses broken shared strings the same way", async () => {
    for (const broken of ["<si><t>a</si>", "<si><t>a</t></si", "<si><t>a</t></si></sst>x", "<si><t>a<t></si>"]) {
      const r = await readBothWays(workbook([sheetXml("")], { strings: `<sst xmlns="${MAIN}">${broken}</sst>` }));
      expect("error" in r).toBe(true);
    }
  });
});

describe("random rows, read by SheetReader's loop and by the scanner", () => {
  it("gives the same Grids and the same errors", async () => {
    let read = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom("", "", "\uFEFF"),
        async (rows, date1904, bom) => {
          const r = await readBothWays(workbook([bom + sheetXml(buildRows(rows))], { date1904 }));
          if ("ok" in r) read++;
        },
      ),
      { numRuns: 500, seed: 11 },
    );
    // Enough of them are valid to mean something.
    expect(read).toBeGreaterThan(150);
  });
});
