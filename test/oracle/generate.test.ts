import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { CleanCase } from "../support/case";
import { compareResults } from "../support/compare";
import { SECTION10_FEATURES, section10Features } from "../support/features10";
import { SECTION10_SEEDS, generateCase } from "../support/generate";
import { oracle, oracleDetails } from "../support/oracle";
import { readBack } from "../support/readBack";
import { buildCaseWorkbook, writeCaseJsonMethod, writeCaseXlsx } from "../support/writeCase";

const STANDARD = ["考核对象", "经营业绩", "工作评价", "民主测评"];
const dir = mkdtempSync(join(tmpdir(), "kaoping-gen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(c: CleanCase, layoutSeed: number): Promise<ExcelJS.Workbook> {
  const buf = await buildCaseWorkbook(c, layoutSeed).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  return wb;
}

describe("generateCase", () => {
  it("is deterministic per seed and differs between seeds", () => {
    for (const seed of [1, 2, 77, 123456]) expect(generateCase(seed)).toEqual(generateCase(seed));
    expect(generateCase(1)).not.toEqual(generateCase(2));
  });

  it("keeps to 3–40 leaders with unique identities and canonical vote names", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const c = generateCase(seed);
      expect(c.leaders.length).toBeGreaterThanOrEqual(3);
      expect(c.leaders.length).toBeLessThanOrEqual(40);
      const ids = c.leaders.map((l) => `${l.name}|${l.unit}`);
      expect(new Set(ids).size).toBe(ids.length);
      for (const v of c.votes) {
        expect(["上级", "同级", "下级"]).toContain(v.group);
        expect(["德", "能", "勤", "廉"]).toContain(v.dim);
      }
    }
  });

  it("covers every rule across seeds", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const c = generateCase(seed);
      const d = oracleDetails(c);
      for (const l of d.expected.leaders) for (const f of l.flags) seen.add(f);
      for (const l of d.expected.leaders) seen.add(`grade:${l.grade}`);
      if (c.leaders.some((l) => l.mode === "党建工作指导员")) seen.add("guide");
      if (c.leaders.some((l) => l.mode === "党政一肩挑")) seen.add("oneHat");
      if (d.method.ranking.ties === "dense") seen.add("dense");
      if (d.method.economic.stepwise) seen.add("stepwise");
      if (d.method.economic.indicators.some((i) => i.direction === "lower")) seen.add("lower");
      if ((c.adjust ?? []).some((a) => a.name === null)) seen.add("unitWide");
      for (const u of d.units.values()) {
        if (u.indicators.some((i) => i.target !== null && i.target < 0 && i.actual !== null && i.actual > 0))
          seen.add("turnedProfitable");
        if (u.availableShare === 0.6667) seen.add("twoThirdsShare");
        if (u.indicators.some((i) => i.target === 0)) seen.add("zeroTarget");
      }
      for (const l of d.leaders) {
        if (l.dem.N > 0 && 3 * l.dem.n4 === l.dem.N) seen.add("unfitExactlyThird");
        if (l.dem.N > 0 && 3 * (l.dem.n1 + l.dem.n2) === 2 * l.dem.N) seen.add("competentExactlyTwoThirds");
      }
      const ranks = d.expected.leaders.map((l) => l.rank).filter((r) => r !== null);
      if (new Set(ranks).size < ranks.length) seen.add("sharedRank");
      if (c.qualification) for (const q of oracle(c).qualification!) seen.add(`qual:${q.result}`);
    }
    for (const k of [
      "excellentQuota",
      "quotaTie",
      "unfitVotes",
      "lowCompetentVotes",
      "veto",
      "stillInLoss",
      "pending",
      "grade:优秀",
      "grade:称职",
      "grade:基本称职",
      "grade:不称职",
      "grade:暂缓评定",
      "guide",
      "oneHat",
      "dense",
      "stepwise",
      "lower",
      "unitWide",
      "turnedProfitable",
      "twoThirdsShare",
      "zeroTarget",
      "unfitExactlyThird",
      "competentExactlyTwoThirds",
      "sharedRank",
      "qual:符合",
      "qual:不符合",
      "qual:待核实",
    ])
      expect(seen, k).toContain(k);
  });
});

describe("generateCase with §10", () => {
  const seeds = Array.from({ length: SECTION10_SEEDS.count }, (_, i) => SECTION10_SEEDS.first + i);
  const gen = (seed: number) => generateCase(seed, { section10: true, maxLeaders: SECTION10_SEEDS.maxLeaders });

  it("is deterministic per seed and leaves the cases without §10 as they were", () => {
    for (const seed of [1, 2, 77]) expect(gen(seed)).toEqual(gen(seed));
    const plain = generateCase(5);
    expect(plain.personal).toBeUndefined();
    expect(plain.leaders.some((l) => l.columns)).toBe(false);
  });

  it("exercises every §10 feature on the seeds of the §10 differential test", () => {
    const seen = new Set<string>();
    for (const seed of seeds) for (const f of section10Features(gen(seed))) seen.add(f);
    for (const k of SECTION10_FEATURES) expect(seen, k).toContain(k);
  });

  it("carries §10 in every layout: 个人情况, the group column and overall rows read back to the same result", async () => {
    for (const seed of seeds.slice(0, 12)) {
      const c = gen(seed);
      const back = readBack(await roundTrip(c, seed * 31 + 1), c.method, c.referenceDate);
      expect(compareResults(oracle(back), oracle(c)), `seed ${seed}`).toEqual([]);
      const back2 = readBack(await roundTrip(c, seed * 31 + 2), c.method, c.referenceDate, "master");
      expect(compareResults(oracle(back2), oracle(c)), `seed ${seed}, layout 2`).toEqual([]);
    }
  });
});

describe("writeCaseXlsx", () => {
  it("writes a workbook exceljs opens, with the standard sheets, and the method document", async () => {
    for (const seed of [3, 4, 5]) {
      const c = generateCase(seed, { qualification: true });
      const file = join(dir, `case-${seed}.xlsx`);
      await writeCaseXlsx(c, file, seed);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const names = wb.worksheets.map((w) => w.name);
      for (const s of [...STANDARD, "资质审查"]) expect(names).toContain(s);
      const mfile = join(dir, `case-${seed}.method.json`);
      const wrote = await writeCaseJsonMethod(c, mfile);
      expect(wrote).toBe(c.method !== undefined);
      if (wrote) expect(JSON.parse(readFileSync(mfile, "utf8"))).toEqual(c.method);
    }
  });

  it("is deterministic per layout seed", async () => {
    const c = generateCase(9);
    const a = await roundTrip(c, 1);
    const b = await roundTrip(c, 1);
    const dump = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.getSheetValues());
    expect(dump(a)).toEqual(dump(b));
  });

  it("carries the case in every layout: read back under §1, the oracle gives the same result", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const c = generateCase(seed);
      const wb = await roundTrip(c, seed * 31 + 1);
      const back = readBack(wb, c.method, c.referenceDate);
      expect(compareResults(oracle(back), oracle(c)), `seed ${seed}`).toEqual([]);
      // the same case in another layout, merged cells read as ExcelJS gives them
      const back2 = readBack(await roundTrip(c, seed * 31 + 2), c.method, c.referenceDate, "master");
      expect(compareResults(oracle(back2), oracle(c)), `seed ${seed}, layout 2`).toEqual([]);
    }
  });
});
