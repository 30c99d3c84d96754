import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/cli/files";
import { readXlsx, XlsxReadError } from "../../src/cli/xlsx";
import { cellAt, type Grid, type GridBook } from "../../src/workbook/grid";
import { RICH_SHEETS, richWorkbook } from "./richWorkbook";
import { EXAMPLES_DIR } from "../support/examples";

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

describe("readXlsx: ExcelJS sheets as Grids", () => {
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
