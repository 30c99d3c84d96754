/** `score --robustness [N] --seed S` (issue 10): the option's forms, and the `robustness` member of --json. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args";
import { runCli } from "../../src/cli/main";

const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
const dir = mkdtempSync(join(tmpdir(), "kaoping-robust-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (argv: string[]) => {
  const c = parseArgs(argv);
  if (c.kind !== "score") throw new Error("not score");
  return c.options;
};

async function cli(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), today: () => "2025-12-31" });
  return { code, out, err };
}

describe("--robustness", () => {
  it("takes an optional count and a seed", () => {
    expect(options(["score", "a.xlsx", "--robustness"]).robustness).toEqual({ draws: 1000, seed: 1 });
    expect(options(["score", "--robustness", "a.xlsx"]).robustness).toEqual({ draws: 1000, seed: 1 });
    expect(options(["score", "a.xlsx", "--robustness", "200", "--seed", "9"]).robustness).toEqual({
      draws: 200,
      seed: 9,
    });
    expect(options(["score", "a.xlsx", "--robustness=50"]).robustness).toEqual({ draws: 50, seed: 1 });
    expect(options(["score", "a.xlsx"]).robustness).toBeUndefined();
    expect(() => options(["score", "a.xlsx", "--seed", "3"])).toThrow("--seed 只在给出 --robustness 时使用");
    expect(() => options(["score", "a.xlsx", "--robustness=0"])).toThrow("--robustness 应为 1～100000 的整数");
    expect(() => options(["score", "a.xlsx", "--robustness", "--seed", "x"])).toThrow("--seed 应为");
  });

  it("adds robustness to --json, the same for the same seed, and prints a table", async () => {
    const json = (n: string) => join(dir, `${n}.json`);
    const a = await cli(["score", SAMPLE, "--robustness", "300", "--seed", "5", "--json", json("a")]);
    const b = await cli(["score", SAMPLE, "-q", "--robustness", "300", "--seed", "5", "--json", json("b")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const ra = JSON.parse(readFileSync(json("a"), "utf8")).robustness;
    expect(JSON.parse(readFileSync(json("b"), "utf8")).robustness).toEqual(ra);
    expect(ra).toMatchObject({ draws: 300, seed: 5 });
    expect(Object.keys(ra.leaders[0])).toEqual([
      "name",
      "unit",
      "nominalRank",
      "medianRank",
      "p5Rank",
      "p95Rank",
      "gradeChangeShare",
      "unstable",
    ]);
    expect(a.out).toContain("稳健性检验：权重随机浮动 ±25%，测评票分值两种方案，共 300 次（种子 5）");
    expect(b.out).toBe("");
  });
});
