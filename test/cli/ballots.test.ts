/**
 * The commands of docs/method.md §11: `tally` (测评票 → 民主测评, grafted like `score --out`) and `ballots` (the
 * printable blank ballots). Exit codes, nothing written on error, the grafted sheet read back by us and by
 * LibreOffice, and the ballots printed one unit per page.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args";
import { UsageError } from "../../src/cli/io";
import { runCli } from "../../src/cli/main";
import { readXlsx } from "../../src/cli/xlsx";
import type { CellValue } from "../../src/workbook/grid";
import { BALLOT_HEADER as HEADER, BALLOTS, ECONOMIC, LEADERS, type Rows, WORK } from "../excel/ballotBook";
import { libreOfficeSheets } from "./inspect";
import { zipParts } from "./zip";

type Cell = CellValue;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    today: () => "2025-06-30",
  });
  return { code, stdout, stderr };
}

const lines = (s: string) => s.split("\n").filter((l) => l !== "");
const ADDRESSED = /^[^\s!]+(![A-Z]{1,3}\d+)? (错误|警告|提示)：\S/;

const METHOD = {
  economic: {
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
      { name: "主营业务收入", aliases: ["营业收入"], weight: 40, direction: "higher" },
    ],
  },
  ballots: { invalidIfAllSame: true, maxExcellentShare: 0.5 },
};

async function writeBook(file: string, sheets: Record<string, Rows>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
  }
  await wb.xlsx.writeFile(file);
  return file;
}

let dir: string;
let method: string;
let full: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-ballots-"));
  method = join(dir, "method.json");
  await writeFile(method, JSON.stringify(METHOD));
  full = await writeBook(join(dir, "full.xlsx"), {
    考核对象: LEADERS,
    经营业绩: ECONOMIC,
    工作评价: WORK,
    测评票: BALLOTS,
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("parseArgs for tally and ballots", () => {
  it("reads both commands", () => {
    expect(parseArgs(["tally", "a.xlsx", "--out", "o.xlsx", "--method", "m.json"])).toEqual({
      kind: "tally",
      options: { workbook: "a.xlsx", out: "o.xlsx", method: "m.json", quiet: false },
    });
    expect(parseArgs(["ballots", "a.xlsx", "--out=o.xlsx", "--overall", "-q"])).toEqual({
      kind: "ballots",
      options: { workbook: "a.xlsx", out: "o.xlsx", method: undefined, overall: true, quiet: true },
    });
  });

  it.each([
    [["tally", "a.xlsx"], /缺少 --out/],
    [["tally", "a.xlsx", "--out", "o.xls"], /\.xlsx 结尾/],
    [["tally"], /缺少要汇总测评票的工作簿/],
    [["tally", "a.xlsx", "b.xlsx", "--out", "o.xlsx"], /多余的参数/],
    [["tally", "a.xlsx", "--out", "o.xlsx", "--json", "r.json"], /--json 不适用于 tally 命令/],
    [["ballots", "a.xlsx"], /缺少 --out/],
    [["score", "a.xlsx", "--overall"], /--overall 不适用于 score 命令/],
  ])("%j is bad usage", (args, message) => {
    expect(() => parseArgs(args)).toThrow(UsageError);
    expect(() => parseArgs(args)).toThrow(message);
  });

  it("the help lists the three commands", async () => {
    const h = await cli(["--help"]);
    expect(h.code).toBe(0);
    for (const c of ["score", "tally", "ballots"]) expect(h.stdout).toContain(`npm run --silent cli -- ${c} `);
    expect(h.stdout).toContain("tally 的选项：");
  });
});

describe("tally", () => {
  it("writes 民主测评 into a copy (exit 0), the invalid ballots as warnings at their cells; the rest byte for byte", async () => {
    const out = join(dir, "tallied.xlsx");
    const r = await cli(["tally", full, "--out", out, "--method", method]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual([
      "测评票!A14 警告：一公司第「7」号测评票（下级）视为无效票：全部评价相同（均为「优秀」）；综合评价为「优秀」的有 2 人，超过允许的 1 人（票上 2 人 × 0.5，向下取整，至少 1 人）",
    ]);
    expect(lines(r.stdout)).toEqual(["汇总测评票：共 13 张，有效 12 张，无效 1 张；民主测评 45 行", `已写入 ${out}`]);

    const back = await readXlsx(out);
    const votes = back.book.find((g) => g.name === "民主测评")!;
    expect(votes.rows[0]).toEqual(["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职", "弃权"]);
    expect(votes.rows.length).toBe(46);
    // 甲, 上级, 德: ballot 1 (优秀); 乙, 下级, 勤: ballots 4 (blank), 5 and 6 (基本称职); 乙, 下级, 综合评价: 弃权 once.
    expect(votes.rows[1]).toEqual(["甲", "一公司", "上级", "德", 1, 0, 0, 0, 0]);
    const row = (n: string, g: string, d: string) => votes.rows.find((x) => x[0] === n && x[2] === g && x[3] === d);
    expect(row("乙", "下级", "勤")).toEqual(["乙", "一公司", "下级", "勤", 0, 0, 2, 0, 1]);
    expect(row("乙", "下级", "综合评价")).toEqual(["乙", "一公司", "下级", "综合评价", 0, 2, 0, 0, 1]);
    expect(row("丙", "同级", "综合评价")).toEqual(["丙", "二公司", "同级", "综合评价", 0, 2, 0, 0, 0]);

    // Every part of the input but the few a graft edits is there, byte for byte.
    const before = zipParts(full);
    const after = zipParts(out);
    const edited = new Set([
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/styles.xml",
      "docProps/app.xml",
    ]);
    for (const [name, bytes] of before) {
      if (!edited.has(name)) expect(after.get(name)?.equals(bytes), name).toBe(true);
    }
  });

  it("score after tally gives exactly what score gives straight from the ballots", async () => {
    const out = join(dir, "tallied2.xlsx");
    expect((await cli(["tally", full, "--out", out, "--method", method, "-q"])).code).toBe(0);
    const direct = join(dir, "direct.json");
    const after = join(dir, "after.json");
    const a = await cli(["score", full, "--method", method, "--json", direct, "-q"]);
    const b = await cli(["score", out, "--method", method, "--json", after, "-q"]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // After the tally 民主测评 equals the ballots: no warning that it differs.
    expect(b.stderr).not.toContain("votesNotTallied");
    expect(b.stderr).not.toContain("不一致");
    const strip = (file: string) =>
      import("node:fs").then((fs) => {
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { leaders: Record<string, unknown>[] };
        return doc.leaders.map(({ explain: _explain, ...rest }) => rest);
      });
    expect(await strip(after)).toEqual(await strip(direct));
  });

  it("replaces an existing 民主测评 in place, and LibreOffice opens the result with the same numbers", async () => {
    const old = await writeBook(join(dir, "with-old.xlsx"), {
      考核对象: LEADERS,
      民主测评: [
        ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"],
        ["甲", "一公司", "上级", "德", 99, 0, 0, 0],
      ],
      测评票: BALLOTS,
    });
    const out = join(dir, "replaced.xlsx");
    expect((await cli(["tally", old, "--out", out, "-q"])).code).toBe(0);
    const back = await readXlsx(out);
    expect(back.book.map((g) => g.name)).toEqual(["考核对象", "民主测评", "测评票"]);
    const ours = back.book[1].rows;
    const lo = libreOfficeSheets([out]).get(out)!.get("民主测评")!;
    expect(lo.length).toBe(ours.length);
    expect(lo.map((r) => r.slice(0, 9).map((c) => (/^\d+$/.test(c) ? Number(c) : c)))).toEqual(ours);
  });

  it("exit 1 and nothing written: a reader error, a double-entry difference, ballots above 应到人数", async () => {
    const cases: [string, Record<string, Rows>, string[]][] = [
      [
        "bad-rating",
        { 考核对象: LEADERS, 测评票: [HEADER, [1, "一公司", "上级", "甲", "优", "优秀", "优秀", "优秀", "优秀"]] },
        ["测评票!E2 错误："],
      ],
      [
        "double-entry",
        {
          考核对象: LEADERS,
          测评票: BALLOTS,
          "测评票（复核）": BALLOTS.map((r, i) => (i === 3 ? [...r.slice(0, 4), "称职", ...r.slice(5)] : r)),
        },
        ["测评票!E4 错误："],
      ],
      [
        "turnout",
        {
          考核对象: LEADERS,
          测评票: BALLOTS,
          测评组织: [
            ["单位", "测评人类别", "应到人数"],
            ["一公司", "下级", 3],
            ["一公司", "上级", 1],
          ],
        },
        ["测评组织!C2 错误：收回测评票多于应到人数：一公司「下级」收回 4 张，应到 3 人"],
      ],
    ];
    for (const [name, sheets, expected] of cases) {
      const file = await writeBook(join(dir, `${name}.xlsx`), sheets);
      const out = join(dir, `${name}-out.xlsx`);
      const r = await cli(["tally", file, "--out", out]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
      expect(existsSync(out), name).toBe(false);
      const errs = lines(r.stderr).filter((l) => l.includes(" 错误："));
      expect(errs.length, name).toBe(expected.length);
      expected.forEach((e, i) => expect(errs[i].startsWith(e), `${name}: ${errs[i]}`).toBe(true));
      for (const l of lines(r.stderr)) expect(l, name).toMatch(ADDRESSED);
      expect(r.stdout).toBe("");
    }
  });

  it("exit 2: an invalid method document, an unreadable workbook, --out onto the input", async () => {
    const badMethod = join(dir, "bad-method.json");
    await writeFile(badMethod, JSON.stringify({ ballots: { minTurnout: 2 } }));
    const m = await cli(["tally", full, "--out", join(dir, "x.xlsx"), "--method", badMethod]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("ballots.minTurnout：不能大于 1");
    expect((await cli(["tally", join(dir, "nope.xlsx"), "--out", join(dir, "y.xlsx")])).code).toBe(2);
    expect((await cli(["tally", full, "--out", full])).code).toBe(2);
    expect(existsSync(join(dir, "x.xlsx")) || existsSync(join(dir, "y.xlsx"))).toBe(false);
  });

  it("a void unit is a warning of tally, and score reports its leaders pending with 参评率不足", async () => {
    const file = await writeBook(join(dir, "void.xlsx"), {
      考核对象: LEADERS,
      经营业绩: ECONOMIC,
      工作评价: WORK,
      测评票: BALLOTS,
      测评组织: [
        ["单位", "测评人类别", "应到人数"],
        ["一公司", "上级", 1],
        ["一公司", "同级", 2],
        ["一公司", "下级", 5],
        ["二公司", "上级", 10],
        ["二公司", "同级", 10],
        ["二公司", "下级", 10],
      ],
    });
    const doc = { ...METHOD, ballots: { ...METHOD.ballots, minTurnout: 0.5 } };
    const m = join(dir, "void-method.json");
    await writeFile(m, JSON.stringify(doc));
    const t = await cli(["tally", file, "--out", join(dir, "void-out.xlsx"), "--method", m]);
    expect(t.code, t.stderr).toBe(0);
    expect(lines(t.stderr)).toContain(
      "测评组织!A5 警告：二公司的民主测评无效（参评率不足：收回测评票 6 张，应到 30 人，参评率 20.00%，低于 50.00%），其考核对象暂缓评定",
    );
    const json = join(dir, "void.json");
    const s = await cli(["score", join(dir, "void-out.xlsx"), "--method", m, "--json", json, "-q"]);
    expect(s.code, s.stderr).toBe(0);
    const { readFileSync } = await import("node:fs");
    const leaders = (
      JSON.parse(readFileSync(json, "utf8")) as {
        leaders: {
          name: string;
          democratic: number | null;
          grade: string;
          flags: { code: string; message: string }[];
        }[];
      }
    ).leaders;
    const bing = leaders.find((l) => l.name === "丙")!;
    expect([bing.democratic, bing.grade]).toEqual([null, "暂缓评定"]);
    expect(bing.flags.find((f) => f.code === "pending")?.message).toContain("参评率不足");
  });
});

/** Runs LibreOffice headless with a fresh profile: the .xlsx to PDF; returns the text of each page (poppler). */
function pdfPages(file: string): string[] {
  const profile = mkdtempSync(join(tmpdir(), "kaoping-lo-profile-"));
  const out = mkdtempSync(join(tmpdir(), "kaoping-lo-pdf-"));
  try {
    const r = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        out,
        file,
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    const pdf = join(
      out,
      readdirSync(out).find((f) => f.endsWith(".pdf"))!,
    );
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    const texts: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const t = spawnSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdf, "-"], { encoding: "utf8" });
      texts.push(t.stdout);
    }
    return texts;
  } finally {
    rmSync(profile, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

describe("ballots", () => {
  it("adds 测评票（空白） to a copy; printed, each unit's ballot is one whole A4 page", async () => {
    // Units of 1, 2 and 7 leaders (the last with the overall item: 35 rows of boxes).
    const leaders: Rows = [
      ["姓名", "单位", "职务"],
      ["甲", "一公司", "党委书记"],
      ["乙", "一公司", "党委副书记"],
      ["丙", "二公司", "党支部书记"],
      ...[1, 2, 3, 4, 5, 6, 7].map((k): Cell[] => [`成员${k}`, "三公司", "班子成员"]),
    ];
    const file = await writeBook(join(dir, "roster.xlsx"), { 考核对象: leaders });
    const out = join(dir, "ballots.xlsx");
    const r = await cli(["ballots", file, "--out", out, "--overall"]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "空白测评票：3 个单位，每单位一页（一公司 2 人，二公司 1 人，三公司 7 人）",
      `已写入 ${out}（工作表“测评票（空白）”）`,
    ]);
    const back = await readXlsx(out);
    expect(back.book.map((g) => g.name)).toEqual(["考核对象", "测评票（空白）"]);
    const sheetXml = [...zipParts(out)].find(([n]) => n === "xl/worksheets/sheet2.xml")![1].toString("utf8");
    expect(sheetXml).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(sheetXml).toMatch(/<rowBreaks count="2" manualBreakCount="2">/);

    const pages = pdfPages(out).filter((p) => p.includes("民主测评票"));
    expect(pages).toHaveLength(3);
    ["一公司", "二公司", "三公司"].forEach((u, i) => {
      expect(pages[i]).toContain(`${u}党组织负责人民主测评票`);
      // The whole ballot on its page: the last box row's leader and the date line below the table.
      expect(pages[i]).toContain("测评日期");
      expect(pages[i]).toContain("综合评价");
    });
    expect(pages[2]).toContain("成员7");
  });

  it("exit 1 when 考核对象 has errors, and nothing written", async () => {
    const file = await writeBook(join(dir, "bad-roster.xlsx"), {
      考核对象: [
        ["姓名", "单位", "职务"],
        [null, "一公司", "书记"],
      ],
    });
    const out = join(dir, "bad-ballots.xlsx");
    const r = await cli(["ballots", file, "--out", out]);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(["考核对象!A2 错误：姓名为空"]);
    expect(existsSync(out)).toBe(false);
  });
});
