/**
 * Formulas mode in the command line makes 计算明细's rows as the graft writes them (streamedFormulaLayouts), so
 * that its hundreds of thousands of formulas are never all held at once. What it writes must be what the
 * layout held whole (formulaLayouts, as the pane writes it) would write: the same cells, notes, widths and
 * package, byte for byte.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveMethod } from "../../src/app/score";
import { graftSheets } from "../../src/cli/graft";
import { formatKey, laidOutRows, notesInOrder } from "../../src/cli/ooxml/sheetXml";
import { readZip } from "../../src/cli/ooxml/zip";
import { assess } from "../../src/engine";
import { formulaLayouts, type FormulaRequest, streamedFormulaLayouts } from "../../src/workbook/formulas";
import { SheetBuilder } from "../../src/workbook/formulas/sheet";
import type { GridBook } from "../../src/workbook/grid";
import type { SheetLayout } from "../../src/workbook/layout";
import { readWorkbook } from "../../src/workbook/read";
import { type BaseBook, BASE_BOOK_NAMES, loadBaseBooks } from "../fuzz/books";
import { EXAMPLES_DIR } from "../support/examples";
import { sheet, TWO_INDICATORS, VOTE_HEADER, voteRows } from "../workbook/helpers";

const TODAY = "2026-03-31";

function request(book: GridBook, methodDoc: unknown): FormulaRequest {
  const source = resolveMethod(book, methodDoc);
  if (!source.ok) throw new Error("method");
  const r = readWorkbook(book, source.method);
  expect(r.errors).toEqual([]);
  const assessment = assess(r.input, source.method, { referenceDate: TODAY, warnings: r.warnings });
  return { book, input: r.input, method: source.method, assessment };
}

/** Every cell a pass of laidOutRows gives: row, column, value, formula and format. */
function cells(layout: SheetLayout): unknown[][] {
  const out: unknown[][] = [];
  laidOutRows(layout).forEachCell((row, col, value, formula, format) =>
    out.push([row, col, value, formula, formatKey(format)]),
  );
  return out;
}

/** Text numbers (１１０, 2,000, 1.5): their cells in 计算明细 carry notes, on rows made as they are written. */
const TEXT_NUMBERS: GridBook = [
  sheet("考核对象", [
    ["姓名", "单位", "职务", "任职模式"],
    ["甲", "一公司", "党委书记", null],
    ["乙", "二公司", "党委书记", "交叉任职"],
  ]),
  sheet("经营业绩", [
    ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
    ["一公司", 100, "１１０", 1000, 1050],
    ["二公司", 200, 190, "2,000", 2100],
  ]),
  sheet("工作评价", [
    ["单位", "重点工作", "党的建设", "安全稳定"],
    ["一公司", 90, "好", "较 好"],
    ["二公司", "92", null, 88],
  ]),
  sheet("民主测评", [
    VOTE_HEADER,
    ...voteRows([
      ["甲", "一公司"],
      ["乙", "二公司"],
    ]),
  ]),
  sheet("加减分", [
    ["姓名", "单位", "类型", "分值", "事项"],
    ["甲", "一公司", "加分", "1.5", "表彰"],
    [null, "二公司", "减分", 1, "=通报"],
  ]),
];

let books: { name: string; book: GridBook; method: unknown }[];
beforeAll(async () => {
  books = [
    ...(await loadBaseBooks()).filter((b: BaseBook) => !b.ballots),
    { name: "text numbers", book: TEXT_NUMBERS, method: TWO_INDICATORS },
  ];
});

describe("计算明细 made as it is written holds the cells of the one held whole", () => {
  for (const name of [...BASE_BOOK_NAMES.filter((n) => !n.startsWith("ballots")), "text numbers"]) {
    it(name, () => {
      const b = books.find((x) => x.name === name)!;
      const req = request(b.book, b.method);
      const whole = formulaLayouts(req, { title: "标题" });
      const streamed = streamedFormulaLayouts(req, { title: "标题" });
      expect(streamed.results).toEqual(whole.results);

      const details = streamed.details;
      // Held: the titles, headers and parameters only.
      expect(details.formulas.length).toBeLessThan(whole.details.formulas.length / 2 + 60);
      expect(details.values.length).toBeLessThan(whole.details.values.length);

      const expected = cells(whole.details);
      expect(expected.some((c) => c[3] !== null)).toBe(true);
      expect(cells(details)).toEqual(expected);
      // Once written: the notes and widths of the rows made join the layout's.
      expect(notesInOrder(details.notes)).toEqual(notesInOrder(whole.details.notes));
      expect(details.columns).toEqual(whole.details.columns);
      // A second pass makes the rows anew, the same, and gives their notes once.
      expect(cells(details)).toEqual(expected);
      expect(details.notes.length).toBe(whole.details.notes.length);
      if (name === "text numbers") {
        // Notes and text that looks like a formula, on rows made as they are written.
        expect(whole.details.notes.filter((n) => n.row > 0).length).toBeGreaterThanOrEqual(4);
        expect(whole.details.textCells.length).toBeGreaterThan(0);
        expect(details.textCells).toEqual([]);
      }
    });
  }
});

describe("the package grafted from 计算明细 made as it is written", () => {
  const files = [
    ["sample", join(__dirname, "../../assets/sample.xlsx")],
    ["example-1", join(EXAMPLES_DIR, "example-1.xlsx")],
    ["example-3-qualification", join(EXAMPLES_DIR, "example-3-qualification.xlsx")],
  ] as const;
  for (const [name, file] of files) {
    it(`is the same bytes: ${name}`, async () => {
      const b = books.find((x) => x.name === name)!;
      const req = request(b.book, b.method);
      const data = readFileSync(file);
      const whole = formulaLayouts(req);
      const streamed = streamedFormulaLayouts(req);
      const a = await graftSheets(data, [whole.results, whole.details]);
      const c = await graftSheets(data, [streamed.results, streamed.details]);
      expect(c.equals(a)).toBe(true);
    });
  }

  /** A sheet built by `fill` held whole and made as written, grafted into the sample: the same bytes. */
  async function sameGraft(fill: (b: SheetBuilder) => void): Promise<Buffer> {
    const data = readFileSync(join(__dirname, "../../assets/sample.xlsx"));
    const whole = new SheetBuilder();
    fill(whole);
    const streamed = new SheetBuilder(true);
    fill(streamed);
    const a = await graftSheets(data, [whole.layout("明细")]);
    const c = await graftSheets(data, [streamed.streamedLayout("明细")]);
    expect(c.equals(a)).toBe(true);
    return c;
  }
  const parts = (xlsx: Uint8Array) => readZip(xlsx).map((e) => e.name);

  it("writes notes given only by rows made as it is written, with their columns' widths", async () => {
    const out = await sameGraft((b) => {
      b.put(0, 0, "标题");
      b.rows(2, 50, (k) => {
        b.put(2 + k, 0, `第${k}行`);
        b.put(2 + k, 1, { f: `=A${k + 3}&"很长很长很长很长的一段说明"`, v: `第${k}行很长很长很长很长的一段说明` });
        if (k % 7 === 3) b.note(2 + k, 1, `批注${k}`);
      });
    });
    const names = parts(out);
    expect(names.some((n) => /comments\d*\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /vmlDrawing\d*\.vml$/.test(n))).toBe(true);
  });

  it("writes no notes' parts when neither the sheet nor its rows give a note, and no formulas when none are made", async () => {
    const before = parts(readFileSync(join(__dirname, "../../assets/sample.xlsx"))).length;
    const out = await sameGraft((b) => {
      b.put(0, 0, "标题");
      b.rows(1, 30, (k) => b.putRow(1 + k, [k, `=不是公式${k}`, k / 3]));
    });
    const names = parts(out);
    // The new sheet and nothing else.
    expect(names.length).toBe(before + 1);
    expect(out.includes(Buffer.from("fullCalcOnLoad"))).toBe(
      readFileSync(join(__dirname, "../../assets/sample.xlsx")).includes(Buffer.from("fullCalcOnLoad")),
    );
  });
});

describe("SheetBuilder's rows made when written", () => {
  it("refuse a cell put in another row, a style, and rows that overlap or were put", () => {
    const other = new SheetBuilder(true);
    other.rows(0, 2, (k) => other.put(k + 1, 0, 1));
    expect(() => other.streamedLayout("x").madeWhenWritten.row(0)).toThrow(/put a cell in row 1/);

    const styled = new SheetBuilder(true);
    styled.rows(0, 1, () => styled.style({ top: 0, left: 0, bottom: 0, right: 0 }, { bold: true }));
    expect(() => styled.streamedLayout("x").madeWhenWritten.row(0)).toThrow(/style/);

    const overlap = new SheetBuilder(true);
    overlap.rows(0, 3, () => undefined);
    overlap.rows(2, 3, () => undefined);
    expect(() => overlap.streamedLayout("x")).toThrow(/overlap/);

    const put = new SheetBuilder(true);
    put.put(4, 0, "x");
    put.rows(3, 3, () => undefined);
    expect(() => put.streamedLayout("x")).toThrow(/both put and made/);

    expect(() => new SheetBuilder().streamedLayout("x")).toThrow();
    expect(() => new SheetBuilder(true).layout("x")).toThrow();
  });

  it("a builder held whole makes its rows at once, in order", () => {
    const b = new SheetBuilder();
    const order: number[] = [];
    b.rows(5, 3, (k) => {
      order.push(k);
      b.put(5 + k, 1, { f: `=A${6 + k}`, v: k });
    });
    expect(order).toEqual([0, 1, 2]);
    const l = b.layout("x");
    expect(l.formulas.map((f) => [f.row, f.col, f.formula])).toEqual([
      [5, 1, "=A6"],
      [6, 1, "=A7"],
      [7, 1, "=A8"],
    ]);
    expect(l.values[7]).toEqual([null, 2]);
  });

  it("a streamed layout's columns widen as its rows are made, and stay the same object while no width changes", () => {
    const b = new SheetBuilder(true);
    b.put(0, 0, "姓名");
    b.rows(1, 3, (k) => b.put(1 + k, 1, ["短", "短", "一个很长很长很长的单位名称"][k]));
    const l = b.streamedLayout("x");
    const widths = () => l.columns.map((c) => c.width);
    const before = widths();
    expect(before).toHaveLength(1);
    expect(l.columns).toBe(l.columns);
    l.madeWhenWritten.row(1);
    const short = l.columns;
    expect(short).toHaveLength(2);
    l.madeWhenWritten.row(2);
    expect(l.columns).toBe(short);
    l.madeWhenWritten.row(3);
    expect(l.columns).not.toBe(short);
    expect(l.columns[1].width).toBeGreaterThan(short[1].width);
    expect(l.columns[0].width).toBe(before[0]);
  });
});
