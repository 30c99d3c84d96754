/**
 * Differential test of docs/method.md §12: random groups with a 组织决定 sheet (decisions for leaders at a quota tie,
 * for leaders flagged by the vote rules under voteCaps "flag", for others at random; 等次 under the headers a
 * person writes), in random §1 layouts, scored by the real command line (in-process), compared exactly with the
 * independent oracle (test/support/oracle.ts), which applies the decisions after every rule. More 优秀 than q
 * after the decisions is no error: the run scores, with a warning at the 组织决定 sheet.
 * test/oracle/section12.test.ts checks that these seeds exercise every feature (features12.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { compareResults } from "../support/compare";
import { SECTION12_SEEDS, generateCase } from "../support/generate";
import { oracleDetails } from "../support/oracle";
import type { CleanCase } from "../support/case";
import { buildCaseWorkbook, writeCaseFiles, writeCaseJsonMethod } from "../support/writeCase";

const SEEDS = Number(process.env.KAOPING_DIFF12_SEEDS ?? SECTION12_SEEDS.count);
const FIRST = Number(process.env.KAOPING_DIFF12_FIRST ?? SECTION12_SEEDS.first);
const dir = mkdtempSync(join(tmpdir(), "kaoping-diff12-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the product applies the committee's decisions (组织决定) as an independent computation does", () => {
  for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
    it(`seed ${seed}`, async () => {
      const c = generateCase(seed, { section10: true, section12: true, maxLeaders: SECTION12_SEEDS.maxLeaders });
      const f = await writeCaseFiles(c, dir, seed, `s${seed}`);
      const err: string[] = [];
      const code = await runCli(f.args, { stdout: () => {}, stderr: (t) => err.push(t), today: () => "2025-12-31" });
      expect(code, err.join("\n")).toBe(0);
      const actual = JSON.parse(readFileSync(f.json, "utf8")) as { warnings?: { cell?: string }[] };
      const det = oracleDetails(c);
      expect(compareResults(actual, det.expected)).toEqual([]);
      if (det.overQuota.length > 0)
        expect(
          (actual.warnings ?? []).map((w) => w.cell ?? ""),
          "a warning at 组织决定: more 优秀 than q",
        ).toContainEqual(expect.stringMatching(/^组织决定!/));
    });
  }
});

/** docs/method.md §12 names the columns "姓名, 单位 (or 工号), 等次, 依据": a sheet keyed by 姓名 + 工号, no 单位. */
describe("组织决定 keyed by 工号 instead of 单位", () => {
  it("scores a decision named by 姓名 + 工号 with no 单位 column", async () => {
    const dims = ["德", "能", "勤", "廉"];
    const c: CleanCase = {
      method: { economic: { indicators: [{ name: "实现利润", aliases: [], weight: 1, direction: "higher" }] } },
      leaders: [
        { name: "甲", unit: "一公司", position: "党委书记", id: "E001" },
        { name: "乙", unit: "二公司", position: "党委书记", id: "E002" },
      ],
      economic: { 一公司: { 实现利润: [100, 100] }, 二公司: { 实现利润: [100, 103] } },
      work: {
        一公司: { 重点工作: 90, 党的建设: 90, 安全稳定: 90 },
        二公司: { 重点工作: 90, 党的建设: 90, 安全稳定: 90 },
      },
      votes: ["甲", "乙"].flatMap((name, i) =>
        dims.map((dim) => ({
          name,
          unit: ["一公司", "二公司"][i]!,
          group: "上级",
          dim,
          n: [9, 1, 0, 0] as [number, number, number, number],
        })),
      ),
      decisions: [{ name: "甲", unit: "一公司", id: "E001", grade: "优秀", basis: "2026年1月8日党委会研究决定" }],
    };
    // a layout whose 组织决定 has 工号 and no 单位
    let seed = 1;
    const hasUnit = (s: number) => {
      const ws = buildCaseWorkbook(c, s, { decisionsById: true }).getWorksheet("组织决定")!;
      const heads: string[] = [];
      ws.eachRow((r) => r.eachCell((cell) => void heads.push(String(cell.value).replace(/\s/g, ""))));
      return heads.includes("单位") || !heads.includes("工号");
    };
    while (hasUnit(seed)) seed++;
    const base = join(dir, "by-id");
    await buildCaseWorkbook(c, seed, { decisionsById: true }).xlsx.writeFile(`${base}.xlsx`);
    await writeCaseJsonMethod(c, `${base}.method.json`);
    const err: string[] = [];
    const code = await runCli(["score", `${base}.xlsx`, "--json", `${base}.json`, "--method", `${base}.method.json`], {
      stdout: () => {},
      stderr: (t) => err.push(t),
      today: () => "2025-12-31",
    });
    expect(code, err.join("\n")).toBe(0);
    // 乙 ranks first (F 96.13) and takes q = 1; 甲 (F 95.2) is 称职 by the quota, 优秀 by the decision
    const det = oracleDetails(c);
    expect(det.expected.leaders.map((l) => [l.grade, l.flags])).toEqual([
      ["优秀", ["excellentQuota", "committee"]],
      ["优秀", []],
    ]);
    expect(compareResults(JSON.parse(readFileSync(`${base}.json`, "utf8")), det.expected)).toEqual([]);
  });
});
