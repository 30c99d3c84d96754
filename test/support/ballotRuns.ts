/**
 * The checks of the §11 differential tests (test/differential/tally*.test.ts, scoreBallots*.test.ts), on one seed,
 * against a command line: the real one (runCli), or a stand-in for the commands the product does not have yet.
 *
 * The stand-in (`standInCli`) does `tally` with the tests' own reader and tally (readBack.ts, tally.ts) and an
 * ExcelJS writer, and `score` on a workbook without 民主测评 by tallying it so first; everything else — and the
 * scoring itself — is the real command line. It shows that the checks pass against a correct tally, and makes the
 * product's scoring of tallied votes (弃权, overall rows, void units) part of the tests today.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { runCli } from "../../src/cli/main";
import type { CaseVote, CleanCase } from "./case";
import { compareResults } from "./compare";
import { generateBallotCase } from "./generateBallots";
import { oracle } from "./oracle";
import { readBack, readVotesOf } from "./readBack";
import { tally, withTally } from "./tally";
import { normHeader, normName } from "./text";
import { writeCaseFiles } from "./writeCase";

export interface Io {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  today: () => string;
}
export type Cli = (args: string[], io: Io) => Promise<number>;

const io = (err: string[]): Io => ({ stdout: () => {}, stderr: (t) => void err.push(t), today: () => "2025-12-31" });

/** A row as compared: 姓名 and 单位 after §1 normalization, the canonical 类别 and 维度, the counts, 弃权 (blank = 0). */
export const rowOf = (v: CaseVote) =>
  [normName(v.name), normName(v.unit), v.group, v.dim, ...v.n, v.abstain ?? 0].join(" ");

/** A stale 民主测评 the tally must replace: the right rows with wrong counts, one row too many, some missing. */
export function stale(c: CleanCase): CaseVote[] {
  const votes = withTally(c).votes.map((v) => ({ ...v, n: [v.n[0] + 1, v.n[1], v.n[2], v.n[3]] as CaseVote["n"] }));
  const l = c.leaders[0]!;
  votes.push({ name: l.name, unit: l.unit, group: "上级", dim: "德", n: [9, 9, 9, 9] });
  return votes.filter((_, i) => i % 7 !== 3);
}

/** Every sheet's cell values, an empty cell as null, trailing empty cells and rows dropped. */
async function sheetsOf(file: string): Promise<Map<string, unknown[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const trim = (a: unknown[]) => {
    while (
      a.length > 0 &&
      (a[a.length - 1] === null || (Array.isArray(a[a.length - 1]) && (a[a.length - 1] as unknown[]).length === 0))
    )
      a.pop();
    return a;
  };
  return new Map(
    wb.worksheets.map((ws) => {
      const rows = ws.getSheetValues() as unknown[][];
      const grid = Array.from({ length: rows.length }, (_, r) =>
        trim(Array.from({ length: rows[r]?.length ?? 0 }, (_, c) => rows[r]?.[c] ?? null)),
      );
      return [ws.name, trim(grid)];
    }),
  );
}

const HEADS = ["姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职", "弃权"];

/**
 * `tally` on seed's ballots (a stale 民主测评 in every third seed) writes exactly the independent tally, in the §1
 * layout, leaves every other sheet as it was and warns of the invalid ballots (their 票号) and the void units
 * (参评率不足); `score` on the tallied workbook equals the oracle.
 */
export async function checkTally(seed: number, dir: string, cli: Cli): Promise<void> {
  const c = generateBallotCase(seed);
  const input: CleanCase = seed % 3 === 0 ? { ...c, votes: stale(c) } : c;
  const f = await writeCaseFiles(input, dir, seed, `t${seed}`);
  const out = join(dir, `t${seed}.tallied.xlsx`);
  const err: string[] = [];
  const code = await cli(["tally", f.xlsx, "--out", out, ...(f.method ? ["--method", f.method] : [])], io(err));
  expect(code, err.join("")).toBe(0);

  const t = tally(c);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(readVotesOf(wb, c.method).map(rowOf)).toEqual(t.votes.map(rowOf));
  let heads: string[] = [];
  wb.getWorksheet("民主测评")!.eachRow((r) => {
    const h = (r.values as unknown[])
      .filter((v) => v !== null && v !== undefined && String(v).trim() !== "")
      .map((v) => normHeader(String(v)));
    if (heads.length === 0 && h.includes("姓名")) heads = h;
  });
  expect(heads, "民主测评 in the §1 layout").toEqual(HEADS);
  const before = await sheetsOf(f.xlsx);
  const after = await sheetsOf(out);
  for (const [name, values] of before) if (name !== "民主测评") expect(after.get(name), name).toEqual(values);
  const stderr = err.join("");
  for (const b of t.invalid) expect(stderr, `invalid ballot ${b.unit} ${b.no}`).toContain(String(b.no));
  for (const u of t.voidUnits) {
    const lines = stderr.split("\n").filter((l) => normName(l).includes(normName(u)) && l.includes("参评率不足"));
    expect(lines, `void unit ${u}`).not.toEqual([]);
  }

  const json = join(dir, `t${seed}.result.json`);
  const args = ["score", out, "--json", json, ...(f.method ? ["--method", f.method] : [])];
  if (f.referenceDate) args.push("--reference-date", f.referenceDate);
  const err2: string[] = [];
  expect(await cli(args, io(err2)), err2.join("")).toBe(0);
  expect(compareResults(JSON.parse(readFileSync(json, "utf8")), oracle(withTally(c)))).toEqual([]);
}

/** `score` straight from seed's ballots (no 民主测评: the command line tallies in memory) equals the oracle. */
export async function checkScoreFromBallots(seed: number, dir: string, cli: Cli): Promise<void> {
  const c = generateBallotCase(seed);
  const f = await writeCaseFiles(c, dir, seed * 7 + 1, `b${seed}`);
  const err: string[] = [];
  expect(await cli(f.args, io(err)), err.join("")).toBe(0);
  expect(existsSync(f.json)).toBe(true);
  expect(compareResults(JSON.parse(readFileSync(f.json, "utf8")), oracle(withTally(c)))).toEqual([]);
}

// ───────────────────────────── the stand-in ─────────────────────────────

function optionOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Writes the tally of `file`'s ballots into a copy at `out` (民主测评 replaced); returns the warnings. */
async function standInTally(file: string, out: string, methodFile: string | undefined): Promise<string[]> {
  const patch = methodFile ? (JSON.parse(readFileSync(methodFile, "utf8")) as CleanCase["method"]) : undefined;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const c = readBack(wb, patch);
  const t = tally(c);
  const old = wb.getWorksheet("民主测评");
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet("民主测评");
  ws.addRow(HEADS);
  for (const v of t.votes) ws.addRow([v.name, v.unit, v.group, v.dim, ...v.n, v.abstain ?? 0]);
  await wb.xlsx.writeFile(out);
  return [
    ...t.invalid.map((b) => `测评票 警告：${b.unit} 票号 ${b.no} 无效（${b.reasons.join("、")}）\n`),
    ...t.voidUnits.map((u) => `测评组织 警告：${u} 参评率不足，民主测评无效\n`),
  ];
}

/** The real command line, with `tally` (and `score` from ballots) done by the tests' own tally. */
export const standInCli: Cli = async (args, cio) => {
  const methodFile = optionOf(args, "--method");
  if (args[0] === "tally") {
    for (const w of await standInTally(args[1]!, optionOf(args, "--out")!, methodFile)) cio.stderr(w);
    return 0;
  }
  if (args[0] === "score") {
    // the product does not know the `ballots` keys yet: scoring does not need them
    const rest = args.slice(2);
    if (methodFile) {
      const doc = JSON.parse(readFileSync(methodFile, "utf8")) as Record<string, unknown>;
      delete doc.ballots;
      const copy = `${methodFile}.standin.json`;
      writeFileSync(copy, JSON.stringify(doc));
      rest[rest.indexOf(methodFile)] = copy;
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(args[1]!);
    if (!wb.getWorksheet("民主测评") && wb.getWorksheet("测评票")) {
      const tallied = `${args[1]}.standin.xlsx`;
      await standInTally(args[1]!, tallied, methodFile);
      return runCli(["score", tallied, ...rest], cio);
    }
    return runCli(["score", args[1]!, ...rest], cio);
  }
  return runCli(args, cio);
};
