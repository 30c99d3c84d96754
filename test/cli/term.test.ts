/**
 * `term` (任期考核, issue 10): yearly 考核结果 brought together per leader. The expected numbers are computed
 * here by hand from the rows written, independently of src/app/term.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { yearOf } from "../../src/app/term";
import { runCli } from "../../src/cli/main";
import { readXlsx } from "../../src/cli/xlsx";
import { cellAt } from "../../src/workbook/grid";

const dir = mkdtempSync(join(tmpdir(), "kaoping-term-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
const HEADER = ["姓名", "单位", "职务", "综合得分", "排名", "等次", "说明"];

type Row = [string, string, number | null, string];

async function yearBook(
  file: string,
  rows: Row[],
  extra?: { leaders?: (string | null)[][]; idColumn?: (string | null)[] },
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("考核结果");
  ws.addRow(extra?.idColumn ? ["工号", ...HEADER] : HEADER);
  rows.forEach(([name, unit, final, grade], i) =>
    ws.addRow([...(extra?.idColumn ? [extra.idColumn[i]] : []), name, unit, "书记", final, null, grade, null]),
  );
  if (extra?.leaders) {
    const l = wb.addWorksheet("考核对象");
    for (const r of extra.leaders) l.addRow(r);
  }
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

async function cli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), today: () => "2025-12-31" });
  return { code, out, err };
}

describe("term", () => {
  it("gives each leader's years, the weighted term score, the missing years and two low years in a row", async () => {
    const y1 = await yearBook("2023年度考核.xlsx", [
      ["甲", "一公司", 92.5, "优秀"],
      ["乙", "二公司", 65, "基本称职"],
      ["丙", "三公司", 80, "称职"],
      ["丁", "四公司", null, "暂缓评定"],
    ]);
    const y2 = await yearBook("2024年度考核.xlsx", [
      ["甲", "一 公司", 88.25, "称职"],
      ["乙", "二公司", 58, "不称职"],
      ["丁", "四公司", 75, "称职"],
    ]);
    const y3 = await yearBook("2025年度考核.xlsx", [
      ["乙", "二公司", 71, "称职"],
      ["丙", "三公司", 61, "基本称职"],
      ["甲", "一公司", 90.01, "优秀"],
      ["戊", "五公司", 85, "称职"],
    ]);
    const json = join(dir, "term.json");
    const out = join(dir, "term.xlsx");
    const r = await cli(["term", y1, y2, y3, "--weights", "1,1,2", "--json", json, "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(json, "utf8"));
    expect(doc.years).toEqual([
      { year: 2023, weight: 1 },
      { year: 2024, weight: 1 },
      { year: 2025, weight: 2 },
    ]);
    const by = (n: string) => doc.leaders.find((l: { name: string }) => l.name === n);
    expect(doc.leaders.map((l: { name: string }) => l.name)).toEqual(["甲", "乙", "丙", "丁", "戊"]);
    // 甲: (92.5 + 88.25 + 2 × 90.01) / 4 = 360.77 / 4 = 90.1925 → 90.19
    expect(by("甲")).toEqual({
      name: "甲",
      unit: "一公司",
      years: [
        { year: 2023, final: 92.5, grade: "优秀" },
        { year: 2024, final: 88.25, grade: "称职" },
        { year: 2025, final: 90.01, grade: "优秀" },
      ],
      termScore: 90.19,
      missingYears: [],
      flags: [],
    });
    // 乙: (65 + 58 + 142) / 4 = 66.25; 基本称职 then 不称职: two low years in a row.
    expect(by("乙").termScore).toBe(66.25);
    expect(by("乙").flags.map((f: { code: string }) => f.code)).toEqual(["consecutiveLow"]);
    // 丙: (80 + 2 × 61) / 3 = 67.333… → 67.33; 2024 missing, so 2023 and 2025 are not consecutive.
    expect(by("丙")).toMatchObject({ termScore: 67.33, missingYears: [2024], flags: [] });
    // 丁: pending in 2023 (no score): only 2024 counts.
    expect(by("丁")).toMatchObject({ termScore: 75, missingYears: [2025] });
    expect(by("丁").years[0]).toEqual({ year: 2023, final: null, grade: "暂缓评定" });
    expect(by("戊")).toMatchObject({ termScore: 85, missingYears: [2023, 2024] });

    const book = (await readXlsx(out)).book;
    const term = book.find((g) => g.name === "任期考核")!;
    expect(term.rows[0]).toEqual([
      "姓名",
      "单位",
      "2023综合得分",
      "2023等次",
      "2024综合得分",
      "2024等次",
      "2025综合得分",
      "2025等次",
      "任期得分",
      "缺少年度",
      "说明",
    ]);
    expect(cellAt(term, 2, 8)).toBe(66.25);
    expect(String(cellAt(term, 2, 10))).toContain("连续两年等次为基本称职及以下（2023年基本称职，2024年不称职）");
    expect(book.map((g) => g.name)).toEqual(["考核结果", "任期考核"]);
    expect(r.out).toContain("90.19");
  });

  it("matches by 工号 across a change of unit, and says when a match could be two people", async () => {
    const a = await yearBook("a2022.xlsx", [["张伟", "一公司", 80, "称职"]], {
      leaders: [
        ["姓名", "单位", "职务", "工号"],
        ["张伟", "一公司", "书记", "E01"],
      ],
    });
    const b = await yearBook("b2023.xlsx", [["张伟", "二公司", 82, "称职"]], { idColumn: ["E01"] });
    const json = join(dir, "id.json");
    expect((await cli(["term", a, b, "--json", json, "-q"])).code).toBe(0);
    const doc = JSON.parse(readFileSync(json, "utf8"));
    expect(doc.leaders).toHaveLength(1);
    expect(doc.leaders[0]).toMatchObject({ termScore: 81, missingYears: [] });

    const twice = await yearBook("c2024.xlsx", [
      ["李明", "一公司", 80, "称职"],
      ["李明", "一公司", 70, "称职"],
    ]);
    const r = await cli(["term", a, twice, "-q"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "[c2024.xlsx]考核结果!A3 错误：与 [c2024.xlsx]考核结果!A2 是同一姓名和单位（李明，一公司）",
    );
  });

  it("reads what score --out writes, and refuses files out of order or without 考核结果", async () => {
    const scored = join(dir, "2025-scored.xlsx");
    expect((await cli(["score", SAMPLE, "-q", "--out", scored])).code).toBe(0);
    const json = join(dir, "one.json");
    expect((await cli(["term", scored, "--json", json, "-q"])).code).toBe(0);
    const one = JSON.parse(readFileSync(json, "utf8"));
    expect(one.years).toEqual([{ year: 2025, weight: 1 }]);
    expect(one.leaders.length).toBe(20);
    const early = await yearBook("2020.xlsx", [["甲", "一公司", 80, "称职"]]);
    expect((await cli(["term", scored, early])).err).toContain("工作簿应按年度先后给出");
    expect((await cli(["term", SAMPLE])).err).toContain("没有“考核结果”表");
    expect((await cli(["term", scored, early, "--weights", "1"])).err).toContain("--weights 给出了 1 个权重");
  });

  it("takes the year from a 4-digit year in the name", () => {
    expect(yearOf("2024年度考核.xlsx")).toBe(2024);
    expect(yearOf("考核结果2023")).toBe(2023);
    expect(yearOf("v12025x.xlsx")).toBeNull();
    expect(yearOf("book.xlsx")).toBeNull();
  });
});
