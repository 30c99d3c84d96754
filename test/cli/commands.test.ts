import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args";
import { diagnosticLine, localDate, UsageError } from "../../src/cli/io";
import { runCli } from "../../src/cli/main";
import { readXlsx } from "../../src/cli/xlsx";
import { RESULT_HEADERS } from "../../src/workbook/layout";
import { readCells, splitAddress } from "./recalc";
import { definedNames, loadWorkbook, sheetSnapshot } from "./snapshot";
import { zipParts } from "./zip";
import type { CleanCase, Expected } from "../support/case";
import { compareResults } from "../support/compare";
import { EXAMPLES_DIR } from "../support/examples";
import { oracle } from "../support/oracle";

const EXAMPLES = EXAMPLES_DIR;
const EX1 = join(EXAMPLES, "example-1.xlsx");
const EX3 = join(EXAMPLES, "example-3-qualification.xlsx");
/** The parts of the workbook that --out may change (the results sheet's own parts aside). */
const GRAFTED = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"]);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], today = "2025-06-30"): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    today: () => today,
  });
  return { code, stdout, stderr };
}

const lines = (s: string) => s.split("\n").filter((l) => l !== "");

/** `工作表!A1 …` or, for a problem with a whole sheet, `工作表 …`. */
const ADDRESSED = /^[^\s!]+(![A-Z]{1,3}\d+)? (错误|警告|提示)：\S/;

let dir: string;
let method1: string;
let bad: string;

/** The result document against the expected one: exact, as docs/method.md §5 rounds (test/support/compare.ts). */
function expectMatchesExpected(doc: unknown, expected: Expected): void {
  expect(compareResults(doc, expected)).toEqual([]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-cli-"));
  const example = JSON.parse(await readFile(join(EXAMPLES, "example-1.json"), "utf8")) as { method: unknown };
  method1 = join(dir, "method-1.json");
  await writeFile(method1, JSON.stringify(example.method, null, 2));

  // example-1 with two bad cells: a number with a word in it, and a negative vote count.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EX1);
  wb.getWorksheet("经营业绩")!.getCell("C4").value = "约100";
  wb.getWorksheet("民主测评")!.getCell("E3").value = -1;
  bad = join(dir, "bad.xlsx");
  await wb.xlsx.writeFile(bad);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("parseArgs", () => {
  it("reads the score command and every option, in both --opt value and --opt=value forms", () => {
    expect(
      parseArgs([
        "score",
        "a.xlsx",
        "--method",
        "m.json",
        "--json=r.json",
        "--out",
        "o.xlsx",
        "--reference-date",
        "2025-06-30",
        "--pptx=d.pptx",
        "--pptx-portraits",
        "--deck-font",
        "SimHei",
        "--formulas",
        "-q",
      ]),
    ).toEqual({
      kind: "score",
      options: {
        workbook: "a.xlsx",
        method: "m.json",
        json: "r.json",
        out: "o.xlsx",
        referenceDate: "2025-06-30",
        pptx: "d.pptx",
        pptxPortraits: true,
        deckFont: "SimHei",
        formulas: true,
        quiet: true,
      },
    });
    expect(parseArgs(["score", "a.xlsx"])).toMatchObject({ options: { pptxPortraits: false, formulas: false } });
    expect(parseArgs(["--out", "o.xlsx", "score", "a.xlsx"])).toMatchObject({
      options: { workbook: "a.xlsx", out: "o.xlsx" },
    });
    expect(parseArgs(["score", "--", "-odd-name.xlsx"])).toMatchObject({ options: { workbook: "-odd-name.xlsx" } });
    expect(parseArgs(["score", "a.xlsx", "--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["-h"])).toEqual({ kind: "help" });
  });

  it.each([
    [["score", "a.xlsx", "--bogus"], /未知选项：--bogus/],
    [["score", "a.xlsx", "-x"], /未知选项：-x/],
    [["score", "a.xlsx", "--json"], /--json 缺少参数/],
    [["score", "a.xlsx", "--json", "--out", "o.xlsx"], /--json 缺少参数/],
    [["score", "a.xlsx", "--method="], /--method 缺少参数/],
    [["score", "a.xlsx", "--json", "a.json", "--json", "b.json"], /只能给出一次/],
    [["score", "a.xlsx", "--quiet=yes"], /不带参数/],
    [["score"], /缺少要评分的工作簿/],
    [["score", "a.xlsx", "b.xlsx"], /多余的参数：b\.xlsx/],
    [["rank", "a.xlsx"], /未知命令：rank/],
    [["a.xlsx", "--json", "r.json"], /未知命令/],
    [["score", "a.xlsx", "--reference-date", "2025/06/30"], /YYYY-MM-DD/],
    [["score", "a.xlsx", "--reference-date", "2025-02-29"], /有效日期/],
    [["score", "a.xlsx", "--out", "o.xls"], /\.xlsx 结尾/],
    [["score", "a.xlsx", "--pptx", "deck.ppt"], /--pptx 的文件名应以 \.pptx 结尾/],
    [["score", "a.xlsx", "--pptx-portraits"], /--pptx-portraits 只在给出 --pptx 时使用/],
    [["score", "a.xlsx", "--pptx", "d.pptx", "--pptx-portraits=yes"], /不带参数/],
    [["score", "a.xlsx", "--deck-font", "SimHei"], /--deck-font 只在给出 --pptx 时使用/],
    [["score", "a.xlsx", "--pptx", "d.pptx", "--deck-font", " "], /--deck-font 应为字体名称/],
    [["score", "a.xlsx", "--formulas"], /--formulas 只在给出 --out 时使用/],
    [["score", "a.xlsx", "--json", "r.json", "--formulas"], /--formulas 只在给出 --out 时使用/],
    [["score", "a.xlsx", "--out", "o.xlsx", "--formulas=yes"], /不带参数/],
  ])("%j is bad usage", (args, message) => {
    expect(() => parseArgs(args)).toThrow(UsageError);
    expect(() => parseArgs(args)).toThrow(message);
  });
});

describe("score: exit 0", () => {
  it("prints the table and the summary, writes the JSON document and the scored workbook", async () => {
    const json = join(dir, "ok", "result.json");
    const out = join(dir, "ok", "deep", "scored.xlsx"); // parent directories are created
    const r = await cli(["score", EX1, "--method", method1, "--json", json, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    for (const l of lines(r.stderr)) expect(l).toMatch(ADDRESSED);

    const out1 = lines(r.stdout);
    expect(out1[0].split(/\s+/)).toEqual([
      "排名",
      "姓名",
      "单位",
      "职务",
      "工作业绩",
      "民主测评",
      "加减分",
      "综合得分",
      "等次",
      "说明",
    ]);
    expect(out1[2]).toMatch(/^\s*1\s+甲\s+一公司\s+党委书记\s+102\.09\s+93\.00\s+\+2\.00\s+101\.36\s+优秀$/);
    expect(out1[3]).toMatch(/^\s*2\s+乙\s.*93\.46\s+称职\s+\S/);
    expect(r.stdout).toContain("共 4 人：已评定 4 人，暂缓评定 0 人；优秀名额 q = 1，评为优秀 1 人。");

    const text = await readFile(json, "utf8");
    expect(text).toMatch(/^\{\n {2}"leaders": \[/); // pretty-printed
    const doc = JSON.parse(text) as { leaders: Record<string, unknown>[]; warnings: unknown[] };
    const expected = JSON.parse(await readFile(join(EXAMPLES, "example-1.expected.json"), "utf8")) as Expected;
    expectMatchesExpected(doc, expected);
    const example = JSON.parse(await readFile(join(EXAMPLES, "example-1.json"), "utf8")) as CleanCase;
    expectMatchesExpected(doc, oracle(example));
    expect(doc.leaders[0].explain).toBeDefined(); // explain: true
    expect(doc.leaders[0].position).toBe("党委书记");

    // 考核结果 holds the same numbers, in the order of 考核对象.
    const wb = await loadWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "考核对象",
      "经营业绩",
      "工作评价",
      "民主测评",
      "加减分",
      "考核结果",
    ]);
    const ws = wb.getWorksheet("考核结果")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...RESULT_HEADERS]);
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual([
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
    expect(row(3).slice(0, 16)).toEqual([
      "乙",
      "二公司",
      "党委书记",
      96,
      90,
      98,
      100,
      95.8,
      88,
      0.5,
      0.9,
      0,
      0,
      93.46,
      2,
      "称职",
    ]);
    expect(String(row(3)[16])).toMatch(/优秀名额/);
    expect(ws.getCell("O4").value).toBe(4);
    expect(ws.getCell("O5").value).toBe(3);
    expect(ws.getCell("J2").numFmt).toBe("0.00%");
    expect(ws.getCell("N2").numFmt).toBe("0.00");
    expect(ws.rowCount).toBe(5);
  });

  it("leaves every input sheet of the --out copy as it was, byte for byte and cell by cell", async () => {
    const out = join(dir, "roundtrip.xlsx");
    const r = await cli(["score", EX1, "--method", method1, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const beforeParts = zipParts(EX1);
    const afterParts = zipParts(out);
    for (const [name, bytes] of beforeParts) {
      if (GRAFTED.has(name)) continue;
      expect(afterParts.get(name)?.equals(bytes), name).toBe(true);
    }
    expect([...afterParts.keys()].filter((n) => !beforeParts.has(n)).sort()).toEqual([
      "xl/comments1.xml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/worksheets/_rels/sheet6.xml.rels",
      "xl/worksheets/sheet6.xml",
    ]);
    const before = await loadWorkbook(EX1);
    const after = await loadWorkbook(out);
    for (const ws of before.worksheets) {
      expect(sheetSnapshot(after.getWorksheet(ws.name)!)).toEqual(sheetSnapshot(ws));
    }
    expect(definedNames(after)).toEqual(definedNames(before));
    const inputGrids = (await readXlsx(EX1)).book;
    const outputGrids = (await readXlsx(out)).book.filter((g) => g.name !== "考核结果");
    expect(outputGrids).toEqual(inputGrids);
  });

  it("--formulas: 考核结果's scores become formulas over a new 计算明细, cached as values mode writes them", async () => {
    const plain = join(dir, "formulas-plain.xlsx");
    const out = join(dir, "formulas.xlsx");
    expect((await cli(["score", EX1, "--method", method1, "--out", plain, "-q"])).code).toBe(0);
    const r = await cli(["score", EX1, "--method", method1, "--out", out, "--formulas", "-q"]);
    expect(r.code, r.stderr).toBe(0);

    const beforeParts = zipParts(EX1);
    const afterParts = zipParts(out);
    for (const [name, bytes] of beforeParts) {
      if (GRAFTED.has(name) || name === "docProps/app.xml") continue;
      expect(afterParts.get(name)?.equals(bytes), name).toBe(true);
    }
    expect(afterParts.get("xl/workbook.xml")!.toString()).toMatch(/fullCalcOnLoad="1"/);
    const wb = await loadWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "考核对象",
      "经营业绩",
      "工作评价",
      "民主测评",
      "加减分",
      "考核结果",
      "计算明细",
    ]);
    const before = await loadWorkbook(EX1);
    for (const ws of before.worksheets) {
      expect(sheetSnapshot(wb.getWorksheet(ws.name)!)).toEqual(sheetSnapshot(ws));
    }

    const withFormulas = readCells(out, "考核结果");
    const values = readCells(plain, "考核结果");
    expect([...withFormulas.keys()]).toEqual([...values.keys()]);
    let formulas = 0;
    for (const [address, c] of withFormulas) {
      const { col, row } = splitAddress(address);
      const scoreColumn = row > 1 && col >= "D" && col <= "N";
      expect(c.formula !== null, address).toBe(scoreColumn);
      if (c.formula !== null) {
        formulas++;
        expect(c.formula).toMatch(
          /^(IF\('计算明细'!([A-Z]+)(\d+)="","",ROUND\('计算明细'!\2\3,[24]\)\)|ROUND\('计算明细'![A-Z]+\d+,2\))$/,
        );
      }
      expect(c.value ?? "", address).toEqual(values.get(address)!.value ?? "");
    }
    expect(formulas).toBe(4 * 11);
    expect(readCells(out, "计算明细").get("A1")?.value).toBe("计算明细（公式模式）");
  });

  it("--formulas on its own output replaces 考核结果 and 计算明细 in place", async () => {
    const first = join(dir, "formulas-first.xlsx");
    const again = join(dir, "formulas-again.xlsx");
    expect((await cli(["score", EX1, "--method", method1, "--out", first, "--formulas", "-q"])).code).toBe(0);
    const r = await cli(["score", first, "--method", method1, "--out", again, "--formulas", "-q"]);
    expect(r.code, r.stderr).toBe(0);
    const a = zipParts(first);
    const b = zipParts(again);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, bytes] of a) {
      if (/^xl\/(comments|drawings\/vmlDrawing)\d+/.test(name)) continue; // renumbered, same content
      expect(b.get(name)?.equals(bytes), name).toBe(true);
    }
    // Without --formulas, 计算明细 is left as it is (docs/method.md §8: only 考核结果 changes).
    const plain = join(dir, "formulas-then-plain.xlsx");
    expect((await cli(["score", first, "--method", method1, "--out", plain, "-q"])).code).toBe(0);
    const sheetNames = (await loadWorkbook(plain)).worksheets.map((w) => w.name);
    expect(sheetNames.slice(-2)).toEqual(["考核结果", "计算明细"]);
    expect(readCells(plain, "考核结果").get("D2")?.formula).toBeNull();
  });

  it("scores a workbook with charts, a pivot table and an earlier 考核结果, and keeps all of them", async () => {
    const input = join(__dirname, "../fixtures/cli/charts-pivot.xlsx");
    const out = join(dir, "charts-pivot-scored.xlsx");
    const r = await cli(["score", input, "--method", method1, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const beforeParts = zipParts(input);
    const afterParts = zipParts(out);
    for (const name of beforeParts.keys()) {
      if (
        /^xl\/(charts\/chart[13]|pivotTables\/|pivotCache\/|tables\/|drawings\/drawing[13]|comments1|worksheets\/sheet[^3])/.test(
          name,
        )
      ) {
        expect(afterParts.get(name)?.equals(beforeParts.get(name)!), name).toBe(true);
      }
    }
    const wb = await loadWorkbook(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "考核对象",
      "经营业绩",
      "考核结果",
      "工作评价",
      "民主测评",
      "加减分",
      "图表",
      "透视表",
    ]);
    const ws = wb.getWorksheet("考核结果")!;
    expect((ws.getRow(2).values as unknown[]).slice(1, 4)).toEqual(["甲", "一公司", "党委书记"]);
    expect(ws.getCell("N2").value).toBe(101.36);
  });

  it("prints the table to stdout also with --json, and warnings one per line with their address", async () => {
    // Without --method the workbook is scored by the default method: three indicators are absent.
    const json = join(dir, "defaults.json");
    const r = await cli(["score", EX1, "--json", json]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^排名\s+姓名/);
    expect(lines(r.stderr).length).toBeGreaterThan(0);
    for (const l of lines(r.stderr)) expect(l).toMatch(ADDRESSED);
    expect(r.stderr).toMatch(/^经营业绩!A1 警告：/m);
    const doc = JSON.parse(await readFile(json, "utf8")) as { warnings: { cell: string }[] };
    expect(doc.warnings.length).toBe(lines(r.stderr).length);
  });

  it("screens qualification at --reference-date, else at the method's date, else today", async () => {
    const atRef = join(dir, "q-ref.json");
    const atToday = join(dir, "q-today.json");
    const early = join(dir, "q-early.json");
    expect(
      (await cli(["score", EX3, "--reference-date", "2025-06-30", "--json", atRef, "-q"], "2031-01-01")).code,
    ).toBe(0);
    expect((await cli(["score", EX3, "--json", atToday, "-q"], "2025-06-30")).code).toBe(0);
    expect((await cli(["score", EX3, "--json", early, "-q"], "2000-01-01")).code).toBe(0);
    type Doc = {
      qualification: { name: string; result: string; unmet: { criterion: string }[] }[];
      summary: { referenceDate: string };
    };
    const read = async (p: string) => JSON.parse(await readFile(p, "utf8")) as Doc;
    const [a, b, c] = [await read(atRef), await read(atToday), await read(early)];
    expect(a.summary.referenceDate).toBe("2025-06-30");
    expect(b.summary.referenceDate).toBe("2025-06-30");
    expect(c.summary.referenceDate).toBe("2000-01-01");
    expect(b.qualification).toEqual(a.qualification);
    const expected = JSON.parse(
      await readFile(join(EXAMPLES, "example-3-qualification.expected.json"), "utf8"),
    ) as Expected;
    expectMatchesExpected(a, expected);
    // every field the oracle computes: unknown criteria, notices, the unit
    const example = JSON.parse(await readFile(join(EXAMPLES, "example-3-qualification.json"), "utf8")) as CleanCase;
    expectMatchesExpected(a, oracle(example, { referenceDate: "2025-06-30" }));
    expect(c.qualification).not.toEqual(a.qualification);
  });

  it("takes today from the local calendar day", () => {
    expect(localDate(new Date(2025, 0, 5, 23, 59))).toBe("2025-01-05");
    expect(localDate(new Date(2025, 11, 31, 0, 0))).toBe("2025-12-31");
  });

  it("prints help with exit 0, and help on stderr with exit 2 when called with nothing", async () => {
    const h = await cli(["--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("--reference-date <YYYY-MM-DD>");
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("用法");
  });
});

describe("score: exit 1, workbook errors", () => {
  it("lists every error on its own line starting with its address, and writes nothing", async () => {
    const outDir = join(dir, "errors");
    await mkdir(outDir);
    const out = join(outDir, "scored.xlsx");
    const json = join(outDir, "result.json");
    const r = await cli(["score", bad, "--method", method1, "--out", out, "--json", json]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const errs = lines(r.stderr);
    expect(errs[0]).toMatch(/^经营业绩!C4 错误：.*约100/);
    expect(errs.some((l) => /^民主测评!E3 错误：/.test(l))).toBe(true);
    for (const l of errs) expect(l).toMatch(ADDRESSED);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(json)).toBe(false);
    expect(await readdir(outDir)).toEqual([]); // not even a temporary file
  });

  it("does not create the --out directory either", async () => {
    const out = join(dir, "never", "scored.xlsx");
    expect((await cli(["score", bad, "--method", method1, "--out", out])).code).toBe(1);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });
});

describe("score: exit 2, bad usage", () => {
  const cases: [string, () => string[], RegExp][] = [
    ["an unknown option", () => ["score", EX1, "--bogus"], /未知选项/],
    ["a missing argument", () => ["score", EX1, "--method"], /--method 缺少参数/],
    ["a missing workbook", () => ["score", join(dir, "nope.xlsx")], /文件不存在/],
    ["a file that is not .xlsx", () => ["score", method1], /不是有效的 \.xlsx 工作簿/],
    ["a directory", () => ["score", dir], /是目录/],
    [
      "an unreadable --method file",
      () => ["score", EX1, "--method", join(dir, "nope.json")],
      /无法读取考核方法文件.*文件不存在/,
    ],
    ["--method that is not JSON", () => ["score", EX1, "--method", join(dir, "broken.json")], /不是有效的 JSON/],
    [
      "--method that fails validation, each field named",
      () => ["score", EX1, "--method", join(dir, "invalid.json")],
      /economic\.indicators\[0\]\.weight[\s\S]*final\.workWeight/,
    ],
    ["an invalid --reference-date", () => ["score", EX1, "--reference-date", "2025-13-01"], /--reference-date/],
    [
      "--out equal to the input",
      () => ["score", EX1, "--out", join(EXAMPLES, ".", "example-1.xlsx")],
      /--out 不能与输入工作簿/,
    ],
    ["--json equal to the input", () => ["score", EX1, "--json", EX1], /--json 不能与输入工作簿/],
    [
      "--out equal to --json",
      () => ["score", EX1, "--out", join(dir, "x.xlsx"), "--json", join(dir, "x.xlsx")],
      /不能是同一个文件/,
    ],
    ["--out naming a directory", () => ["score", EX1, "--out", join(dir, "adir.xlsx")], /目录/],
    [
      "--font without --charts, --pptx or --report",
      () => ["score", EX1, "--font", join(dir, "font.ttf")],
      /--font 只在给出 --charts、--pptx 或 --report 时使用/,
    ],
    [
      "--font naming no file",
      () => ["score", EX1, "--charts", join(dir, "c"), "--font", join(dir, "font.ttf")],
      /找不到字体文件/,
    ],
    ["--charts naming a file", () => ["score", EX1, "--charts", EX1], /--charts 应为目录/],
    [
      "--pptx equal to the --method file",
      () => ["score", EX1, "--method", join(dir, "m.pptx"), "--pptx", join(dir, "m.pptx")],
      /--pptx 不能与考核方法文件是同一个文件/,
    ],
    [
      "--pptx equal to --json",
      () => ["score", EX1, "--pptx", join(dir, "d.pptx"), "--json", join(dir, "d.pptx")],
      /--json 与 --pptx 不能是同一个文件/,
    ],
    ["--pptx naming a directory", () => ["score", EX1, "--pptx", join(dir, "adir.pptx")], /--pptx 指向的是目录/],
    ["--formulas without --out", () => ["score", EX1, "--formulas"], /--formulas 只在给出 --out 时使用/],
  ];

  beforeAll(async () => {
    await writeFile(join(dir, "broken.json"), '{ "final": { "workWeight": 70, } ');
    await writeFile(
      join(dir, "invalid.json"),
      JSON.stringify({
        economic: { indicators: [{ name: "实现利润", aliases: [], weight: -1, direction: "higher" }] },
        final: { workWeight: "七十" },
      }),
    );
    await mkdir(join(dir, "adir.xlsx"));
    await mkdir(join(dir, "adir.pptx"));
  });

  it.each(cases)("%s", async (_, args, message) => {
    const outputs = join(dir, "usage-outputs");
    await rm(outputs, { recursive: true, force: true });
    const json = join(outputs, "result.json");
    const withJson = args().includes("--json") ? args() : [...args(), "--json", json];
    const r = await cli(withJson);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(existsSync(outputs)).toBe(false);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
    expect(existsSync(join(dir, "f.xlsx"))).toBe(false);
    expect(existsSync(join(dir, "charts"))).toBe(false);
    expect(existsSync(join(dir, "d.pptx"))).toBe(false);
  });
});

describe("score: a workbook --out cannot write into", () => {
  it("exits 2 naming the part, and writes nothing", async () => {
    // Readable (ExcelJS makes do without fonts), but no stylesheet to add the results' formats to.
    const zip = await JSZip.loadAsync(await readFile(EX1));
    const styles = await zip.file("xl/styles.xml")!.async("string");
    zip.file("xl/styles.xml", styles.replace(/<fonts[\s\S]*?<\/fonts>/, ""));
    const input = join(dir, "no-fonts.xlsx");
    await writeFile(input, await zip.generateAsync({ type: "nodebuffer" }));
    const out = join(dir, "no-fonts-scored.xlsx");
    const json = join(dir, "no-fonts.json");
    const r = await cli(["score", input, "--method", method1, "--out", out, "--json", json]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^无法写出 .*no-fonts-scored\.xlsx：工作簿的样式部件 xl\/styles\.xml 无法使用：styles\.xml 缺少 <fonts>/,
    );
    expect(existsSync(out)).toBe(false);
    expect(existsSync(json)).toBe(false);
  });
});

describe("diagnosticLine", () => {
  it("starts with the address and keeps the message on one line", () => {
    expect(
      diagnosticLine({ severity: "error", cell: "经营业绩!C4", code: "number", message: "不是数字\n请改正" }),
    ).toBe("经营业绩!C4 错误：不是数字 请改正");
    expect(diagnosticLine({ severity: "warning", cell: "经营业绩!D7", code: "missing", message: "缺失" })).toBe(
      "经营业绩!D7 警告：缺失",
    );
  });
});

describe("--charts", () => {
  let cdir: string;
  beforeAll(async () => {
    cdir = await mkdtemp(join(tmpdir(), "kaoping-charts-"));
  });
  afterAll(() => rm(cdir, { recursive: true, force: true }));

  it("writes every meeting chart and one portrait per leader as PNG", async () => {
    const charts = join(cdir, "charts");
    const r = await cli([
      "score",
      join(__dirname, "../../assets/sample.xlsx"),
      "--charts",
      charts,
      "--reference-date",
      "2025-12-31",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(charts)).sort();
    expect(files.filter((f) => f.startsWith("画像-"))).toHaveLength(20);
    expect(files).toEqual(
      expect.arrayContaining(["01-综合得分排名.png", "02-等次分布.png", "06-经营指标完成情况.png"]),
    );
    const png = await readFile(join(charts, "01-综合得分排名.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(r.stdout).toContain(`已写入 ${files.length} 张图表`);
  });

  it("writes no chart when the workbook has errors", async () => {
    const charts = join(cdir, "none");
    const r = await cli(["score", bad, "--charts", charts]);
    expect(r.code).toBe(1);
    expect(existsSync(charts)).toBe(false);
  });
});

describe("--pptx", () => {
  let pdir: string;
  const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
  beforeAll(async () => {
    pdir = await mkdtemp(join(tmpdir(), "kaoping-pptx-"));
  });
  afterAll(() => rm(pdir, { recursive: true, force: true }));

  const slides = (file: string) =>
    [...zipParts(file).keys()].filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).length;

  it("writes the deck last, after the other outputs; --pptx-portraits adds a slide per leader", async () => {
    const json = join(pdir, "r.json");
    const deck = join(pdir, "deck", "会议材料.pptx"); // parent directories are created
    const r = await cli([
      "score",
      SAMPLE,
      "--json",
      json,
      "--pptx",
      deck,
      "--pptx-portraits",
      "--reference-date",
      "2025-12-31",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const written = lines(r.stdout).filter((l) => l.startsWith("已写入"));
    expect(written).toEqual([`已写入 ${json}`, `已写入 ${deck}（会议幻灯片 29 页）`]);
    expect(slides(deck)).toBe(29); // title + 2 decisions + 6 charts + 20 portraits
    expect(await readdir(join(pdir, "deck"))).toEqual(["会议材料.pptx"]); // no temporary file left

    const plain = join(pdir, "plain.pptx");
    const q = await cli(["score", SAMPLE, "--pptx", plain, "--quiet"]);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout).toBe("");
    expect(slides(plain)).toBe(9);
  });

  it("sets the slides in the face --deck-font names", async () => {
    const deck = join(pdir, "face.pptx");
    const r = await cli(["score", SAMPLE, "--pptx", deck, "--deck-font", "SimHei", "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const faces = new Set<string>();
    for (const [path, bytes] of zipParts(deck))
      if (/^ppt\/(slides|charts|theme)\/[^/]+\.xml$/.test(path))
        for (const m of bytes.toString("utf8").matchAll(/<a:(latin|ea) typeface="([^"+][^"]*)"/g)) faces.add(m[2]);
    expect([...faces]).toEqual(["SimHei"]);
  });

  it("takes --font for its pictures without --charts", async () => {
    const font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    const deck = join(pdir, "font.pptx");
    const r = await cli(["score", SAMPLE, "--pptx", deck, "--font", font, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(deck)).toBe(true);
  });

  it("writes no deck when the workbook has errors", async () => {
    const deck = join(pdir, "none.pptx");
    const r = await cli(["score", bad, "--pptx", deck]);
    expect(r.code).toBe(1);
    expect(existsSync(deck)).toBe(false);
  });
});
