/**
 * The demonstration workbook assets/sample.xlsx (written by scripts/make-sample.ts): what `npm run demo`
 * scores and what a new user sees first. It must be current, in the standard layout, and show the method's
 * special cases — and scoring it must show them too.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleBytes } from "../../scripts/make-sample";
import type { Assessment, LeaderResult } from "../../src/engine/types";

const SAMPLE = fileURLToPath(new URL("../../assets/sample.xlsx", import.meta.url));
const INDICATORS = ["实现利润", "主营业务收入", "净资产收益率", "上缴资金", "经营活动现金流入量"];

type Row = Record<string, ExcelJS.CellValue>;

/** The rows below a one-row header on row `headerRow`, keyed by header text. */
function table(ws: ExcelJS.Worksheet, headerRow = 1): Row[] {
  const headers: string[] = [];
  ws.getRow(headerRow).eachCell((c, col) => (headers[col] = String(c.value)));
  const rows: Row[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row: Row = {};
    headers.forEach((h, col) => {
      if (h) row[h] = ws.getCell(r, col).value;
    });
    if (Object.values(row).some((v) => v !== null && v !== "")) rows.push(row);
  }
  return rows;
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? "" : String(v));

let wb: ExcelJS.Workbook;
let leaders: Row[];

beforeAll(async () => {
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  leaders = table(wb.getWorksheet("考核对象")!);
});

describe("assets/sample.xlsx", () => {
  it("is exactly what scripts/make-sample.ts writes (current, and the same bytes on every run)", async () => {
    const a = await sampleBytes();
    const b = await sampleBytes();
    expect(a.equals(b)).toBe(true);
    expect(a.equals(readFileSync(SAMPLE))).toBe(true);
  });

  it("has the standard sheets in tab order and no 考核方法 sheet (the defaults apply)", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "考核对象",
      "经营业绩",
      "工作评价",
      "民主测评",
      "加减分",
      "资质审查",
    ]);
  });

  it("lists 20 leaders of 10 units, with one 党政一肩挑 and one 党建工作指导员", () => {
    expect(Object.keys(leaders[0]!)).toEqual(["姓名", "单位", "职务", "任职模式", "工号"]);
    expect(leaders).toHaveLength(20);
    expect(new Set(leaders.map((l) => l["单位"])).size).toBe(10);
    expect(new Set(leaders.map((l) => l["工号"])).size).toBe(20);

    const oneShoulder = leaders.filter((l) => l["任职模式"] === "党政一肩挑");
    expect(oneShoulder).toHaveLength(1);
    expect(text(oneShoulder[0]!["职务"])).toMatch(/党委书记.*董事长|董事长.*党委书记/);
    const guides = leaders.filter((l) => l["任职模式"] === "党建工作指导员");
    expect(guides).toHaveLength(1);
    // The firm the group does not control has no other leader.
    expect(leaders.filter((l) => l["单位"] === guides[0]!["单位"])).toHaveLength(1);
  });

  it("has 经营业绩 in the two-row header form under a title, with a 合计 row and a negative target", () => {
    const ws = wb.getWorksheet("经营业绩")!;
    expect(text(ws.getCell("A1").value)).toMatch(/2025年度经营业绩/);
    expect(ws.getCell("A1").isMerged).toBe(true);
    const upper: string[] = [];
    const lower: string[] = [];
    ws.getRow(2).eachCell((c) => upper.push(text(c.value)));
    ws.getRow(3).eachCell((c) => lower.push(text(c.value)));
    for (const name of INDICATORS) {
      const col = upper.findIndex((h) => h.startsWith(name));
      expect(col, name).toBeGreaterThan(0);
      expect(upper[col]).toMatch(/（(万元|%)）$/);
      // Merged over target and actual.
      expect(ws.getCell(2, col + 2).isMerged).toBe(true);
    }
    expect(lower.filter((h) => h === "目标")).toHaveLength(INDICATORS.length);
    expect(lower.filter((h) => h === "完成")).toHaveLength(INDICATORS.length);

    const firstCol: string[] = [];
    for (let r = 4; r <= ws.rowCount; r++) firstCol.push(text(ws.getCell(r, 1).value));
    const totalAt = firstCol.indexOf("合计");
    expect(totalAt).toBeGreaterThan(0);
    // Every unit but the guide's is assessed; after 合计 only a footnote.
    const units = firstCol.slice(0, totalAt);
    const guideUnit = leaders.find((l) => l["任职模式"] === "党建工作指导员")!["单位"];
    expect(new Set(units)).toEqual(new Set(leaders.map((l) => text(l["单位"])).filter((u) => u !== guideUnit)));
    expect(firstCol.slice(totalAt + 1).every((v) => v === "" || v.startsWith("注"))).toBe(true);

    const profitTargets = units.map((_, i) => ws.getCell(4 + i, 2).value as number);
    const profitActuals = units.map((_, i) => ws.getCell(4 + i, 3).value as number);
    expect(profitTargets.some((t, i) => t < 0 && profitActuals[i]! < 0)).toBe(true); // still in loss
    expect(profitTargets.some((t, i) => t < 0 && profitActuals[i]! > 0)).toBe(true); // loss turned into profit
    expect(ws.getCell(4, 2).numFmt).toBe("#,##0.00");
  });

  it("has one veto on 工作评价 and both rating words and numbers", () => {
    const rows = table(wb.getWorksheet("工作评价")!);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => text(r["否决事项"]) !== "")).toHaveLength(1);
    const values = rows.flatMap((r) => [r["重点工作"], r["党的建设"], r["安全稳定"]]);
    expect(values.some((v) => typeof v === "number")).toBe(true);
    expect(values.filter((v) => typeof v === "string")).toEqual(expect.arrayContaining(["好", "较好", "一般", "差"]));
  });

  it("has a full 民主测评: every leader × 3 groups × 4 dimensions, realistic ballots, some aliases", () => {
    const rows = table(wb.getWorksheet("民主测评")!);
    expect(rows).toHaveLength(20 * 3 * 4);
    const canonical: Record<string, string> = {
      上级: "上级",
      集团领导: "上级",
      上级领导: "上级",
      同级: "同级",
      班子成员: "同级",
      下级: "下级",
      中层及职工代表: "下级",
      职工代表: "下级",
      中层干部: "下级",
    };
    const labels = new Set(rows.map((r) => text(r["测评人类别"])));
    expect([...labels].every((l) => l in canonical)).toBe(true);
    expect([...labels].some((l) => canonical[l] !== l)).toBe(true);

    const totals = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${text(r["姓名"])}|${canonical[text(r["测评人类别"])]}`;
      const n = ["优秀", "称职", "基本称职", "不称职", "弃权"].map((h) => r[h] as number);
      expect(n.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      totals.set(key, [...(totals.get(key) ?? []), n.reduce((a, b) => a + b, 0)]);
    }
    expect(totals.size).toBe(60);
    for (const [key, t] of totals) {
      expect(t, key).toHaveLength(4);
      expect(new Set(t).size, `${key}: every ballot rates all four dimensions`).toBe(1);
      const ballots = t[0]!;
      const group = key.split("|")[1];
      const [lo, hi] = group === "上级" ? [8, 12] : group === "同级" ? [5, 10] : [25, 60];
      expect(ballots, key).toBeGreaterThanOrEqual(lo);
      expect(ballots, key).toBeLessThanOrEqual(hi);
    }
  });

  it("has 加分 and 减分 items, one of them for a whole unit (姓名 blank)", () => {
    const rows = table(wb.getWorksheet("加减分")!);
    expect(rows.some((r) => r["类型"] === "加分")).toBe(true);
    expect(rows.some((r) => r["类型"] === "减分")).toBe(true);
    const unitWide = rows.filter((r) => text(r["姓名"]) === "");
    expect(unitWide).toHaveLength(1);
    expect(leaders.some((l) => l["单位"] === unitWide[0]!["单位"])).toBe(true);
  });

  it("has 8–10 candidates on 资质审查, dates as Excel dates and as text, one date missing", () => {
    const rows = table(wb.getWorksheet("资质审查")!);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.length).toBeLessThanOrEqual(10);
    const dates = rows.flatMap((r) => [r["出生日期"], r["入党时间"], r["参加工作时间"]]);
    expect(dates.some((d) => d instanceof Date)).toBe(true);
    expect(
      new Set(dates.filter((d) => typeof d === "string").map((d) => String(d).replace(/\d/g, "9"))).size,
    ).toBeGreaterThanOrEqual(5);
    expect(dates.filter((d) => d === null || d === undefined)).toHaveLength(1);
  });
});

describe("scoring assets/sample.xlsx with the default method", () => {
  let a: Assessment;
  const unitsOf = (pred: (l: LeaderResult) => boolean) => new Set(a.leaders.filter(pred).map((l) => l.unit));

  beforeAll(async () => {
    // Imported here so that the checks of the workbook itself run even when the pipeline does not load.
    const { readXlsx } = await import("../../src/cli/xlsx");
    const { scoreBook } = await import("../../src/app/score");
    const { book } = await readXlsx(SAMPLE);
    const outcome = scoreBook({ book, today: "2026-03-31" });
    if (!outcome.ok) throw new Error(`scoring failed: ${JSON.stringify(outcome.errors, null, 1)}`);
    a = outcome.assessment;
  });

  it("grades all 20 leaders, with exactly q = 4 优秀 and the quota binding", () => {
    expect(a.leaders).toHaveLength(20);
    expect(a.leaders.every((l) => l.status === "graded")).toBe(true);
    expect(a.summary.quota).toBe(4);
    expect(a.leaders.filter((l) => l.grade === "优秀")).toHaveLength(4);
    const overQuota = a.leaders.filter((l) => l.flags.some((f) => f.code === "excellentQuota"));
    expect(overQuota.length).toBeGreaterThan(0);
    expect(overQuota.every((l) => l.grade === "称职" && l.final! >= 90)).toBe(true);
    expect(a.leaders.some((l) => l.flags.some((f) => f.code === "quotaTie"))).toBe(false);
  });

  it("caps the unit still in loss at 称职 although it scores above 90", () => {
    const loss = a.leaders.filter((l) => l.flags.some((f) => f.code === "stillInLoss"));
    expect(loss.length).toBeGreaterThan(0);
    expect(unitsOf((l) => l.explain.economic.stillInLoss)).toEqual(new Set(loss.map((l) => l.unit)));
    expect(loss.every((l) => l.grade === "称职")).toBe(true);
    expect(loss.some((l) => l.final! >= 90)).toBe(true);
  });

  it("caps the unit with a veto at 基本称职", () => {
    const veto = a.leaders.filter((l) => l.flags.some((f) => f.code === "veto"));
    expect(veto.length).toBeGreaterThan(0);
    expect(new Set(veto.map((l) => l.unit)).size).toBe(1);
    expect(veto.every((l) => l.grade === "基本称职" && l.final! >= 70)).toBe(true);
  });

  it("caps a leader with fewer than 2/3 称职-or-better votes at 基本称职", () => {
    const low = a.leaders.filter((l) => l.flags.some((f) => f.code === "lowCompetentVotes"));
    expect(low).toHaveLength(1);
    expect(low[0]!.competentRate!).toBeLessThan(2 / 3);
    expect(low[0]!.grade).toBe("基本称职");
    expect(a.leaders.some((l) => l.flags.some((f) => f.code === "unfitVotes"))).toBe(false);
  });

  it("exercises the economic rules: +6 cap, loss turned into profit (+3 cap), below base", () => {
    const indicators = a.leaders.flatMap((l) => l.explain.economic.indicators);
    expect(indicators.some((i) => i.clamped === "bonus" && i.score === 1.2)).toBe(true);
    expect(indicators.some((i) => i.lossCase === "profit" && i.clamped === "lossBonus")).toBe(true);
    expect(indicators.some((i) => i.lossCase === "reducedLoss")).toBe(true);
    expect(a.leaders.some((l) => l.explain.economic.belowBaseApplied && l.economic! < 100)).toBe(true);
  });

  it("scores the 党建工作指导员 without economics", () => {
    const guide = a.leaders.find((l) => l.mode === "党建工作指导员")!;
    expect(guide.economic).toBeNull();
    expect(guide.explain.work.economicWeightZeroed).toBe(true);
    expect(guide.work).not.toBeNull();
    expect(guide.status).toBe("graded");
  });

  it("gives the leaders of a unit the same 工作业绩 and different 民主测评", () => {
    const byUnit = new Map<string, LeaderResult[]>();
    for (const l of a.leaders) byUnit.set(l.unit, [...(byUnit.get(l.unit) ?? []), l]);
    for (const [unit, ls] of byUnit) {
      if (ls.length < 2) continue;
      expect(new Set(ls.map((l) => l.work)).size, unit).toBe(1);
      expect(new Set(ls.map((l) => l.democratic)).size, unit).toBe(ls.length);
    }
  });

  it("applies the unit-wide bonus to every leader of that unit", () => {
    const items = a.leaders.map((l) => l.explain.adjustment.items.filter((i) => i.scope === "unit"));
    const withUnitItem = a.leaders.filter((_, i) => items[i]!.length > 0);
    expect(withUnitItem.length).toBeGreaterThanOrEqual(2);
    const unit = withUnitItem[0]!.unit;
    expect(withUnitItem.every((l) => l.unit === unit)).toBe(true);
    expect(a.leaders.filter((l) => l.unit === unit)).toHaveLength(withUnitItem.length);
  });

  it("screens the candidates: some 符合, some 不符合, one 待核实", () => {
    const q = a.qualification!;
    expect(q).not.toBeNull();
    const results = q.map((c) => c.result);
    expect(results.filter((r) => r === "待核实")).toHaveLength(1);
    expect(results.filter((r) => r === "符合").length).toBeGreaterThanOrEqual(3);
    const unmet = new Set(q.flatMap((c) => c.unmet.map((u) => u.criterion)));
    expect(unmet).toEqual(new Set(["minAge", "minEducation", "minTitle", "minDepartments", "minPartyYears"]));
  });
});
