/**
 * 插入会议图表 on the fake Excel: the sample workbook after 计算 gets a 会议图表 sheet with native charts bound to
 * 考核结果 (directly or through formula tables whose values LibreOffice recalculates to the assessment's rank
 * order), in two round trips, and nothing else in the workbook changes. Pictures with ExcelApi 1.9, native
 * charts and a message below it; replacing only when asked; 考核结果 missing or stale refused.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { leaderVotes, rankedLeaders, VOTE_CATEGORIES } from "../../src/charts/data";
import { leaderDecisions } from "../../src/charts/decisions";
import { gradeCounts } from "../../src/charts/distribution";
import { meetingCharts } from "../../src/charts";
import { scoreBook } from "../../src/app/score";
import { readXlsx } from "../../src/cli/xlsx";
import { renderChartPng } from "../../src/cli/png";
import { PENDING_GRADE, type Assessment, type LeaderResult } from "../../src/engine/types";
import { KaopingExcelError, type MeetingChartsResult } from "../../src/excel/addin";
import { CHART_MESSAGES, MEETING_SHEET } from "../../src/excel/charts";
import { SNAPSHOT_SHEET } from "../../src/excel/gateway";
import { GRADES, RANKING_TABLE, ROWS_TABLE, meetingLayout, resultsMismatch } from "../../src/excel/meetingLayout";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { RESULT_HEADERS, resultColumn, resultsLayout } from "../../src/workbook/layout";
import { bigBook } from "./bigBook";
import {
  type ChartDump,
  FakeExcel,
  FakeOfficeError,
  dumpWorkbook,
  gridBookOf,
  setCellValue,
  workbookFromGridBook,
} from "./fake";
import { attrs, sheets, text } from "../cli/inspect";
import { zipParts } from "../cli/zip";
import { colIndex, colLetters, parseRef } from "./fake/address";
import type { SheetState, WorkbookState } from "./fake/state";
import { TODAY, addinOn, withoutSheets } from "./helpers";

const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
const SCOPE = "企业党组织负责人考核评价";

/** A fake over the sample workbook (values as the CLI reads them), with 考核结果 calculated. */
async function calculated(requirements = "Microsoft 365"): Promise<{ fake: FakeExcel; a: Assessment }> {
  const fake = new FakeExcel(workbookFromGridBook((await readXlsx(SAMPLE)).book), { requirements });
  const r = await addinOn(fake).calculate({ today: TODAY });
  if (!r.ok) throw new Error(`not scored: ${JSON.stringify(r.errors).slice(0, 300)}`);
  fake.resetStats();
  return { fake, a: r.assessment };
}

function ok(r: MeetingChartsResult): Extract<MeetingChartsResult, { ok: true }> {
  if (!r.ok) throw new Error(`insertMeetingCharts: ${r.kind} ${"message" in r ? r.message : ""}`);
  return r;
}

const meeting = (state: WorkbookState) => state.sheet(MEETING_SHEET)!;
const chartsOf = (state: WorkbookState) => dumpWorkbook(state)[MEETING_SHEET].charts;
const chart = (state: WorkbookState, namePart: string) => chartsOf(state).find((c) => c.name.includes(namePart))!;

/** Rows and column of a single-column address such as 会议图表!AA7:AA26. */
function columnRange(address: string): { sheet: string; col: number; top: number; bottom: number } {
  const p = parseRef(address)!;
  expect(p.rect.left).toBe(p.rect.right);
  return { sheet: p.sheet!, col: p.rect.left, top: p.rect.top, bottom: p.rect.bottom };
}

function formulaAt(sheet: SheetState, row: number, col: number): string {
  return sheet.get(row, col)?.formula ?? "";
}

function valueAt(sheet: SheetState, row: number, col: number): unknown {
  return sheet.get(row, col)?.value ?? null;
}

const overlaps = (a: ChartDump["box"], b: ChartDump["box"]) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

// ───────────────────────────── LibreOffice ─────────────────────────────

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Value written as every formula's cached result: a recalculation must replace it. */
const STALE = -12345;

/** The two sheets as an .xlsx (formulas with a stale cached result), recalculated by LibreOffice, read back. */
async function recalculated(state: WorkbookState): Promise<Map<string, Map<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  for (const name of ["考核结果", MEETING_SHEET]) {
    const s = state.sheet(name)!;
    const ws = wb.addWorksheet(name);
    for (const [k, c] of s.cells) {
      const row = Math.floor(k / 16384);
      const col = k % 16384;
      const cell = ws.getCell(row + 1, col + 1);
      if (c.formula) cell.value = { formula: c.formula.slice(1), result: STALE } as ExcelJS.CellFormulaValue;
      else if (c.value !== null) cell.value = c.value;
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "kaoping-charts-lo-"));
  const profile = join(dir, "profile");
  mkdirSync(join(profile, "user"), { recursive: true });
  writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_XCU);
  const file = join(dir, "meeting.xlsx");
  const out = join(dir, "out");
  mkdirSync(out);
  try {
    await wb.xlsx.writeFile(file);
    const r = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        out,
        file,
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    return sheetCells(join(out, basename(file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const xmlText = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

/**
 * Each sheet's cells as LibreOffice saved them (a formula's cell → its result), read from the XML: ExcelJS
 * drops a formula result of 0.
 */
function sheetCells(file: string): Map<string, Map<string, unknown>> {
  const parts = zipParts(file);
  const shared = [...(parts.get("xl/sharedStrings.xml")?.toString("utf8") ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => xmlText([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join("")),
  );
  const out = new Map<string, Map<string, unknown>>();
  for (const sheet of sheets(parts)) {
    const cells = new Map<string, unknown>();
    for (const m of text(parts, sheet.part).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = attrs(m[1]);
      const v = /<v>([^<]*)<\/v>/.exec(m[2] ?? "")?.[1];
      const t = a.t ?? "n";
      const value =
        t === "s"
          ? shared[Number(v)]
          : t === "str"
            ? xmlText(v ?? "")
            : t === "e"
              ? { error: v }
              : t === "b"
                ? v === "1"
                : v === undefined
                  ? ""
                  : Number(v);
      cells.set(a.r, value);
    }
    out.set(sheet.name, cells);
  }
  return out;
}

const NA = { error: "#N/A" };

/**
 * Checks every value the formula tables of 会议图表 show after a recalculation, for 考核结果 as it stands in
 * the fake (its rows in any order): the graded leaders sorted by rank, ties in the sheet's order; per row
 * of 考核结果 its sort key and its 民主测评 under its grade only; the grade counts. Returns the leaders of
 * the sorted table, in order.
 */
function expectRecalculated(cells: Map<string, unknown>, state: WorkbookState, a: Assessment): LeaderResult[] {
  const plan = meetingLayout(a, { date: TODAY });
  const ranking = plan.tables.find((t) => t.key === "ranking")!.range;
  const rowsTable = plan.tables.find((t) => t.key === "rows")!.range;
  const dist = plan.tables.find((t) => t.key === "distribution")!.range;
  const at = (row: number, col: number) => cells.get(`${colLetters(col)}${row + 1}`) ?? "";
  expect([...cells.values()]).not.toContain(STALE);

  const results = gridBookOf(state).find((g) => g.name === "考核结果")!;
  const byKey = new Map(a.leaders.map((l) => [`${l.name}|${l.unit}`, l]));
  const sheetOrder = results.rows.slice(1).map((row) => byKey.get(`${String(row[0])}|${String(row[1])}`)!);
  const sorted = sheetOrder
    .map((l, i) => ({ l, i }))
    .filter((x) => x.l.status === "graded")
    .sort((x, y) => x.l.rank! - y.l.rank! || x.i - y.i)
    .map((x) => x.l);

  sorted.forEach((l, k) => {
    const row = ranking.top + 1 + k;
    const col = (c: number) => at(row, ranking.left + c);
    expect(col(RANKING_TABLE.position)).toBe(k + 1);
    expect(col(RANKING_TABLE.row)).toBe(sheetOrder.indexOf(l) + 2);
    expect(col(RANKING_TABLE.rank)).toBe(l.rank);
    expect(col(RANKING_TABLE.name)).toBe(l.name);
    expect(col(RANKING_TABLE.unit)).toBe(l.unit);
    expect(col(RANKING_TABLE.final)).toBeCloseTo(l.final!, 9);
    expect(col(RANKING_TABLE.grade)).toBe(l.grade);
    GRADES.forEach((g, i) => {
      const v = col(RANKING_TABLE.series + i);
      if (g === l.grade) expect(v).toBeCloseTo(l.final!, 9);
      else expect(v).toBe("");
    });
    // The axis label: the name, and the badges of the rules that decided the grade, found by 姓名 and 单位.
    const badges = leaderDecisions(l).map((d) => d.badge);
    expect(col(RANKING_TABLE.label)).toBe(badges.length > 0 ? `${l.name}  【${badges.join("、")}】` : l.name);
  });
  expect(ranking.bottom - ranking.top).toBe(sorted.length);

  sheetOrder.forEach((l, i) => {
    const row = rowsTable.top + 1 + i;
    const col = (c: number) => at(row, rowsTable.left + c);
    expect(col(ROWS_TABLE.name)).toBe(l.name);
    expect(col(ROWS_TABLE.key)).toBe(l.status === "graded" ? sorted.indexOf(l) + 1 : "");
    GRADES.forEach((g, k) => {
      const v = col(ROWS_TABLE.series + k);
      if (g === l.grade && l.work !== null && l.democratic !== null) expect(v).toBeCloseTo(l.democratic, 9);
      else expect(v).toEqual(NA);
    });
  });

  const counts = gradeCounts(a);
  counts.grades.forEach((g, i) => {
    expect(at(dist.top + 1 + i, dist.left)).toBe(g);
    expect(at(dist.top + 1 + i, dist.left + 1)).toBe(counts.counts[i]);
  });
  return sorted;
}

/** Puts `a`'s 考核结果 values into the fake (as a run for `a` would have written them). */
function writeResults(state: WorkbookState, a: Assessment): void {
  const s = state.sheet("考核结果")!;
  resultsLayout(a).values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === null) {
        const cell = s.edit(r, c);
        cell.value = null;
        cell.type = "Empty";
        cell.formula = null;
        s.tidy(r, c);
      } else setCellValue(s, r, c, v);
    }),
  );
}

/** The sample's assessment with a tie (two leaders share rank 5) and a pending leader (no 工作业绩). */
function withTieAndPending(a: Assessment): Assessment {
  // A copy as the JSON document has it (an assessment is data, but its explanations are not all own properties).
  const b = JSON.parse(JSON.stringify(a)) as Assessment;
  const byRank = (r: number) => b.leaders.find((l) => l.rank === r)!;
  const sixth = byRank(6);
  sixth.rank = 5;
  const pending = byRank(11);
  Object.assign(pending, { status: "pending", grade: PENDING_GRADE, rank: null, final: null, work: null });
  b.summary = { ...b.summary, graded: b.summary.graded - 1, pending: 1 };
  return b;
}

// ───────────────────────────── the sheet ─────────────────────────────

describe("插入会议图表 after 计算 on the sample workbook", () => {
  let fake: FakeExcel;
  let a: Assessment;
  let before: ReturnType<typeof dumpWorkbook>;
  let result: Extract<MeetingChartsResult, { ok: true }>;

  beforeAll(async () => {
    ({ fake, a } = await calculated());
    before = dumpWorkbook(fake.state);
    result = ok(await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: a }));
  });

  it("takes two round trips (read, write) and changes no other sheet, 考核结果 and the undo snapshot included", () => {
    expect(result.syncs).toBe(2);
    expect(fake.stats.syncs).toBe(2);
    const after = dumpWorkbook(fake.state);
    expect(Object.keys(after)).toEqual([...Object.keys(before), MEETING_SHEET]);
    expect(withoutSheets(after, [MEETING_SHEET])).toEqual(withoutSheets(before, [MEETING_SHEET]));
    expect(Object.keys(before)).toContain(SNAPSHOT_SHEET);
    expect(fake.state.active()?.name).toBe(MEETING_SHEET);
    expect(result.replaced).toBeNull();
    expect(result.fallback).toBeNull();
  });

  it("has a chart of each type Excel has, titled with year and scope, laid out on a grid without overlaps", () => {
    const charts = chartsOf(fake.state);
    expect(charts.map((c) => [c.name, c.type])).toEqual([
      ["00-优秀等次的确定", "ColumnStacked"],
      ["02-等次分布", "ColumnClustered"],
      ["01-综合得分排名", "BarClustered"],
      ["05-测评票构成", "BarStacked100"],
      ["03-工作业绩与民主测评", "XYScatter"],
    ]);
    for (const c of charts) {
      expect(c.title).toMatch(/^2025年度/);
      expect(c.title).toContain(SCOPE);
      expect(c.titleFont).toEqual({ size: 14, bold: true });
      expect(c.position).not.toBeNull();
      // Fit for a screen: at most 1280 × 800 px each.
      expect(c.box.width).toBeLessThanOrEqual(960);
      expect(c.box.height).toBeLessThanOrEqual(600);
    }
    expect(result.charts.map((c) => c.title)).toEqual(charts.map((c) => c.title));
    for (let i = 0; i < charts.length; i++)
      for (let j = i + 1; j < charts.length; j++) expect(overlaps(charts[i].box, charts[j].box)).toBe(false);
    // The tables are right of every chart.
    const firstTable = Math.min(...result.tables.map((t) => colIndex(/!([A-Z]+)/.exec(t.address)![1])));
    for (const c of charts) expect(colIndex(/^([A-Z]+)/.exec(c.position!.end!)![1])).toBeLessThan(firstTable);
    // Titles say which charts hold values written now.
    expect(chart(fake.state, "优秀等次").title).toContain("插入时数值");
    expect(chart(fake.state, "测评票").title).toContain("插入时数值");
    expect(chart(fake.state, "综合得分排名").title).not.toContain("插入时数值");
  });

  it("ranks from a sorted formula table, one series per grade in the grade's colour, rank 1 on top", () => {
    const c = chart(fake.state, "综合得分排名");
    const ws = meeting(fake.state);
    expect(c.series.map((s) => [s.name, s.fill])).toEqual(GRADES.map((g) => [g, GRADE_COLORS[g]]));
    expect(c.series.every((s) => s.overlap === 100)).toBe(true);
    // Other grades' rows hold "": a bar of length 0 whose label the format's empty zero section hides.
    expect(c.series.map((s) => s.dataLabels)).toEqual(
      GRADES.map(() => ({ numberFormat: "0.00;-0.00;;", position: "OutsideEnd" })),
    );
    expect(c.axes.category.reversePlotOrder).toBe(true);
    expect(c.axes.value).toMatchObject({ title: "综合得分", minimum: 0 });
    expect(c.legend).toBe("Top");
    const names = columnRange(c.series[0].xValues!);
    expect(names.sheet).toBe(MEETING_SHEET);
    expect(names.bottom - names.top + 1).toBe(rankedLeaders(a).length);
    const left = names.col - RANKING_TABLE.label;
    expect(valueAt(ws, names.top - 1, names.col)).toBe("图表标签");
    c.series.forEach((s, i) => {
      expect(s.xValues).toBe(c.series[0].xValues);
      const v = columnRange(s.values!);
      expect([v.col, v.top, v.bottom]).toEqual([left + RANKING_TABLE.series + i, names.top, names.bottom]);
    });
    expect(c.source).toBe(c.series[0].values);

    // The formulas of a row, in full: the row of 考核结果 whose sort key is the position, then INDEX into it.
    const n = a.leaders.length;
    const L = (k: number) => colLetters(left + k);
    const rowsLeft = colIndex(
      /!([A-Z]+)/.exec(result.tables.find((t) => t.title.startsWith("按考核结果"))!.address)![1],
    );
    const R = (k: number) => colLetters(rowsLeft + k);
    for (let k = 0; k < rankedLeaders(a).length; k++) {
      const row = names.top + k;
      const r = row + 1;
      expect(valueAt(ws, row, left + RANKING_TABLE.position)).toBe(k + 1);
      expect(formulaAt(ws, row, left + RANKING_TABLE.row)).toBe(
        `=IFERROR(INDEX($${R(ROWS_TABLE.row)}$7:$${R(ROWS_TABLE.row)}$${6 + n},MATCH($${L(0)}${r},$${R(ROWS_TABLE.key)}$7:$${R(ROWS_TABLE.key)}$${6 + n},0)),"")`,
      );
      for (const [col, header] of [
        [RANKING_TABLE.rank, "排名"],
        [RANKING_TABLE.name, "姓名"],
        [RANKING_TABLE.unit, "单位"],
        [RANKING_TABLE.final, "综合得分"],
        [RANKING_TABLE.grade, "等次"],
      ] as const) {
        const x = colLetters(resultColumn(header));
        expect(formulaAt(ws, row, left + col)).toBe(
          `=IF($${L(RANKING_TABLE.row)}${r}="","",INDEX('考核结果'!$${x}$1:$${x}$${n + 1},$${L(RANKING_TABLE.row)}${r}))`,
        );
      }
      GRADES.forEach((g, i) =>
        expect(formulaAt(ws, row, left + RANKING_TABLE.series + i)).toBe(
          `=IF(AND($${L(RANKING_TABLE.grade)}${r}="${g}",ISNUMBER($${L(RANKING_TABLE.final)}${r})),$${L(RANKING_TABLE.final)}${r},"")`,
        ),
      );
      // The label: the name and its badges, looked up by 姓名|单位 in the table written at insertion.
      expect(formulaAt(ws, row, left + RANKING_TABLE.label)).toMatch(
        new RegExp(
          `^=IF\\(\\$${L(RANKING_TABLE.name)}${r}="","",\\$${L(RANKING_TABLE.name)}${r}&IF\\(IFERROR\\(INDEX\\(`,
        ),
      );
    }
    // The sort key of each row of 考核结果: smaller ranks, plus this rank's occurrence so far.
    for (let i = 0; i < n; i++) {
      const row = 6 + i;
      const o = `'考核结果'!$O${i + 2}`;
      expect(formulaAt(ws, row, rowsLeft + ROWS_TABLE.key)).toBe(
        `=IF(ISNUMBER(${o}),COUNTIF('考核结果'!$O$2:$O$${n + 1},"<"&${o})+COUNTIF('考核结果'!$O$2:$O${i + 2},${o}),"")`,
      );
    }
    expect(RESULT_HEADERS[colIndex("O")]).toBe("排名");
  });

  it("binds the scatter's X to 考核结果's 工作业绩 column and Y per grade to formulas over its 民主测评 column", () => {
    const c = chart(fake.state, "工作业绩与民主测评");
    const n = a.leaders.length;
    const work = colLetters(resultColumn("工作业绩"));
    const dem = colLetters(resultColumn("民主测评"));
    const grade = colLetters(resultColumn("等次"));
    expect(c.series.map((s) => s.name)).toEqual([...GRADES]);
    for (const s of c.series) expect(s.xValues).toBe(`考核结果!${work}2:${work}${n + 1}`);
    expect(c.series.map((s) => s.marker)).toEqual(
      GRADES.map((g) => ({ style: expect.any(String), fill: GRADE_COLORS[g], border: expect.any(String), size: 8 })),
    );
    expect(new Set(c.series.map((s) => s.marker!.style)).size).toBe(4);
    expect(c.axes.category.title).toBe("工作业绩");
    expect(c.axes.value.title).toBe("民主测评");
    const ws = meeting(fake.state);
    c.series.forEach((s, k) => {
      const y = columnRange(s.values!);
      expect(y.bottom - y.top + 1).toBe(n);
      for (let i = 0; i < n; i++) {
        const r = i + 2;
        expect(formulaAt(ws, y.top + i, y.col)).toBe(
          `=IF(AND('考核结果'!$${grade}${r}="${GRADES[k]}",ISNUMBER('考核结果'!$${work}${r}),ISNUMBER('考核结果'!$${dem}${r})),'考核结果'!$${dem}${r},NA())`,
        );
      }
    });
  });

  it("counts 等次 with COUNTIF over 考核结果, each column in its grade's colour", () => {
    const c = chart(fake.state, "等次分布");
    const counts = gradeCounts(a);
    expect(c.series).toHaveLength(1);
    const s = c.series[0];
    expect(s.pointFills).toEqual(Object.fromEntries(counts.grades.map((g, i) => [String(i), GRADE_COLORS[g]])));
    expect(s.dataLabels).toEqual({ numberFormat: "0", position: "OutsideEnd" });
    const ws = meeting(fake.state);
    const v = columnRange(s.values!);
    const x = columnRange(s.xValues!);
    const p = colLetters(resultColumn("等次"));
    counts.grades.forEach((g, i) => {
      expect(valueAt(ws, x.top + i, x.col)).toBe(g);
      expect(formulaAt(ws, v.top + i, v.col)).toBe(
        `=COUNTIF('考核结果'!$${p}$2:$${p}$${a.leaders.length + 1},$${colLetters(x.col)}${x.top + i + 1})`,
      );
    });
    expect(c.legend).toBeNull();
  });

  it("writes the decisions, the waterfall's steps, 民主测评分项 and the vote counts as values, the charts bound to them", () => {
    const ws = meeting(fake.state);
    const table = (key: string) => result.tables.find((t) => t.title.includes(key))!;
    // 需集体研究事项: a row per rule that decided a grade, first.
    const matters = parseRef(table("需集体研究事项").address)!.rect;
    expect(matters.left).toBe(colIndex("T"));
    expect(valueAt(ws, matters.top, matters.left + 1)).toBe("姓名");
    const names = new Set<unknown>();
    for (let r = matters.top + 1; r <= matters.bottom; r++) names.add(valueAt(ws, r, matters.left + 1));
    for (const l of a.leaders) expect(names.has(l.name), l.name).toBe(l.flags.length > 0);
    // 优秀等次的确定: the base invisible, the steps adding up to those rated 优秀.
    const w = chart(fake.state, "优秀等次");
    expect(w.series.map((x) => [x.name, x.fill])).toEqual([
      ["起点", null],
      ["人数", null],
    ]);
    expect(Object.keys(w.series[1].pointFills ?? {})).toHaveLength(4);
    // The base is planned without a fill (charts.ts clears it).
    const plan = meetingLayout(a, { date: TODAY }).charts.find((x) => x.kind === "decisions")!;
    expect(plan.series[0].fill).toBeNull();
    const steps = columnRange(w.series[0].xValues!);
    const labels = Array.from({ length: steps.bottom - steps.top + 1 }, (_, i) =>
      valueAt(ws, steps.top + i, steps.col),
    );
    expect(labels).toEqual(["达到优秀分数线 8 人", "亏损限档 −2", "超出名额 −2", "评为优秀 4 人"]);
    const sizes = columnRange(w.series[1].values!);
    const n = Array.from({ length: 4 }, (_, i) => valueAt(ws, sizes.top + i, sizes.col) as number);
    expect(n[0] - n[1] - n[2]).toBe(n[3]);
    expect(n[3]).toBe(a.summary.excellent);
    // 民主测评分项: the leaders' scores with their heat fills, the means last.
    const heat = parseRef(table("民主测评分项").address)!.rect;
    expect(valueAt(ws, heat.top + 1, heat.left + 1)).toBe("姓名");
    expect(valueAt(ws, heat.bottom, heat.left)).toBe("全体平均");
    const first = rankedLeaders(a)[0];
    expect(valueAt(ws, heat.top + 2, heat.left + 1)).toBe(first.name);
    expect(valueAt(ws, heat.top + 2, heat.left + 11)).toBe(first.democratic);

    const votes = chart(fake.state, "测评票构成");
    expect(votes.series.map((s) => [s.name, s.fill])).toEqual(VOTE_CATEGORIES.map((c) => [c, GRADE_COLORS[c]]));
    expect(votes.axes.category.reversePlotOrder).toBe(true);
    const voters = columnRange(votes.series[0].xValues!);
    const ranked = rankedLeaders(a);
    ranked.forEach((l, k) => {
      expect(valueAt(ws, voters.top + k, voters.col)).toBe(l.name);
      votes.series.forEach((s, i) => {
        const col = columnRange(s.values!);
        expect(valueAt(ws, col.top + k, col.col)).toBe(leaderVotes(l).counts[i]);
      });
    });
  });

  it("gives values LibreOffice recalculates to the assessment's rank order, grades and counts", async () => {
    const sorted = expectRecalculated((await recalculated(fake.state)).get(MEETING_SHEET)!, fake.state, a);
    expect(sorted.map((l) => l.index)).toEqual(rankedLeaders(a).map((l) => l.index));
  });
});

describe("the formula tables with a tie and a pending leader", () => {
  it("sort ties in the order of 考核对象, leave the pending leader out, and recalculate to rankedLeaders", async () => {
    const { fake, a } = await calculated();
    const b = withTieAndPending(a);
    writeResults(fake.state, b);
    const r = ok(await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: b }));
    expect(r.syncs).toBe(2);
    const ranked = rankedLeaders(b);
    expect(ranked).toHaveLength(a.leaders.length - 1);
    expect(ranked.filter((l) => l.rank === 5)).toHaveLength(2);
    const sorted = expectRecalculated((await recalculated(fake.state)).get(MEETING_SHEET)!, fake.state, b);
    expect(sorted.map((l) => l.index)).toEqual(ranked.map((l) => l.index));
  });
});

// ───────────────────────────── replacing ─────────────────────────────

describe("replacing 会议图表", () => {
  it("asks first (one round trip, nothing written), then replaces in place and lists what was replaced", async () => {
    const { fake, a } = await calculated();
    const addin = addinOn(fake);
    ok(await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: a }));
    const sheet = meeting(fake.state);
    const position = fake.state.sheets.indexOf(sheet);
    // The user edits the sheet: a cell far away, a width, and a chart of their own.
    setCellValue(sheet, 199, 99, "我的备注");
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(MEETING_SHEET);
      ws.charts.add("Line", ws.getRange("AF7:AF10"), "Columns").name = "我的图表";
      await ctx.sync();
    });
    const edited = dumpWorkbook(fake.state);

    fake.resetStats();
    const ask = await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: a });
    expect(ask.ok).toBe(false);
    if (ask.ok || ask.kind !== "confirmReplace") throw new Error("expected a confirmation");
    expect(ask.syncs).toBe(1);
    expect(ask.existing.charts).toContain("我的图表");
    expect(ask.existing.charts).toHaveLength(6);
    expect(ask.existing.usedRange).toBe("A1:CV200");
    expect(ask.message).toContain("无法撤销");
    expect(dumpWorkbook(fake.state)).toEqual(edited);

    fake.resetStats();
    const r = ok(await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: a, replace: true }));
    expect(r.syncs).toBe(2);
    expect(r.replaced).toEqual(ask.existing);
    expect(meeting(fake.state)).toBe(sheet);
    expect(fake.state.sheets.indexOf(sheet)).toBe(position);
    const names = chartsOf(fake.state).map((c) => c.name);
    expect(names).toHaveLength(5);
    expect(names).not.toContain("我的图表");
    expect(sheet.get(199, 99)).toBeUndefined();
    // The same sheet as a first insertion makes.
    const fresh = await calculated();
    ok(await addinOn(fresh.fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: fresh.a }));
    const strip = (d: ReturnType<typeof dumpWorkbook>[string]) => ({ ...d, position: 0 });
    expect(strip(dumpWorkbook(fake.state)[MEETING_SHEET])).toEqual(
      strip(dumpWorkbook(fresh.fake.state)[MEETING_SHEET]),
    );
    expect(withoutSheets(dumpWorkbook(fake.state), [MEETING_SHEET])).toEqual(withoutSheets(edited, [MEETING_SHEET]));
  });

  it("refuses a protected 会议图表 with a message to act on, before writing anything", async () => {
    const { fake, a } = await calculated();
    const addin = addinOn(fake);
    ok(await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: a }));
    meeting(fake.state).protected = true;
    const dump = dumpWorkbook(fake.state);
    const e = await addin
      .insertMeetingCharts({ today: TODAY, mode: "native", assessment: a, replace: true })
      .catch((x) => x);
    expect(e).toBeInstanceOf(KaopingExcelError);
    expect((e as KaopingExcelError).message).toContain("会议图表");
    expect(dumpWorkbook(fake.state)).toEqual(dump);
  });
});

// ───────────────────────────── 考核结果 missing or stale ─────────────────────────────

describe("考核结果", () => {
  it("missing: says to calculate first, in one round trip, writing nothing", async () => {
    const fake = new FakeExcel(workbookFromGridBook((await readXlsx(SAMPLE)).book));
    const dump = dumpWorkbook(fake.state);
    const r = await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native" });
    expect(r).toMatchObject({ ok: false, kind: "noResults", message: CHART_MESSAGES.noResults(), syncs: 1 });
    expect(dumpWorkbook(fake.state)).toEqual(dump);
  });

  it("edited after 计算: names the row and what differs, writing nothing", async () => {
    const { fake, a } = await calculated();
    const s = fake.state.sheet("考核结果")!;
    setCellValue(s, 3, resultColumn("综合得分"), 77.7);
    const dump = dumpWorkbook(fake.state);
    const r = await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: a });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "staleResults") throw new Error("expected staleResults");
    expect(r.message).toContain("第 4 行");
    expect(r.message).toContain("综合得分");
    expect(r.syncs).toBe(1);
    expect(dumpWorkbook(fake.state)).toEqual(dump);
  });

  it("sorted by hand: still the same leaders, so the charts go in (their tables do not depend on row order)", async () => {
    const { fake, a } = await calculated();
    const s = fake.state.sheet("考核结果")!;
    const grid = gridBookOf(fake.state).find((g) => g.name === "考核结果")!;
    const body = grid.rows.slice(1).reverse();
    body.forEach((row, i) => row.forEach((v, c) => setCellValue(s, i + 1, c, v)));
    expect(
      resultsMismatch(
        gridBookOf(fake.state).find((g) => g.name === "考核结果"),
        a,
      ),
    ).toBeNull();
    ok(await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: a }));
    expectRecalculated((await recalculated(fake.state)).get(MEETING_SHEET)!, fake.state, a);
  });

  it("without an assessment: scores the inputs first and builds the same sheet, still in two round trips", async () => {
    const { fake } = await calculated();
    const r = ok(await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native" }));
    expect(r.syncs).toBe(2);
    const other = await calculated();
    ok(await addinOn(other.fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: other.a }));
    expect(dumpWorkbook(fake.state)[MEETING_SHEET]).toEqual(dumpWorkbook(other.fake.state)[MEETING_SHEET]);
  });
});

// ───────────────────────────── requirement sets and pictures ─────────────────────────────

/** Three of the pane's Chart.js renders, as PNG base64. */
async function paneImages(a: Assessment) {
  const specs = meetingCharts(a, { date: TODAY }).slice(0, 3);
  return Promise.all(
    specs.map(async (s) => ({
      name: s.fileName,
      title: s.title,
      base64: (await renderChartPng(s, { scale: 1 })).toString("base64"),
      width: s.width,
      height: s.height,
    })),
  );
}

describe("requirement sets", () => {
  it("ExcelApi 1.8: native charts; pictures mode falls back with a message, touching no 1.9 API", async () => {
    const { fake, a } = await calculated("ExcelApi 1.8");
    const images = await paneImages(a);
    const r = ok(await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "pictures", images, assessment: a }));
    expect(r.mode).toBe("native");
    expect(r.fallback).toBe(CHART_MESSAGES.noPictureApi());
    expect(r.syncs).toBe(2);
    expect(chartsOf(fake.state)).toHaveLength(5);
    expect(meeting(fake.state).shapes).toEqual([]);
    expect(fake.stats.requests.every((q) => q.failed === undefined)).toBe(true);
  });

  it("ExcelApi 1.9: pictures mode places the renders on the grid, sized to keep their aspect ratio", async () => {
    const { fake, a } = await calculated("ExcelApi 1.9");
    const before = dumpWorkbook(fake.state);
    const images = await paneImages(a);
    const r = ok(await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "pictures", images, assessment: a }));
    expect(r).toMatchObject({ mode: "pictures", fallback: null, charts: [], tables: [], syncs: 2 });
    expect(r.pictures).toEqual(images.map((i) => i.name));
    const shapes = dumpWorkbook(fake.state)[MEETING_SHEET].shapes;
    expect(shapes.map((s) => [s.name, s.type, s.imageFormat, s.altTextTitle])).toEqual(
      images.map((i) => [i.name, "Image", "PNG", i.title]),
    );
    shapes.forEach((s, i) => {
      expect(s.box.width / s.box.height).toBeCloseTo(images[i].width / images[i].height, 6);
      for (let j = 0; j < i; j++) expect(overlaps(s.box, shapes[j].box)).toBe(false);
    });
    expect(chartsOf(fake.state)).toEqual([]);
    expect(withoutSheets(dumpWorkbook(fake.state), [MEETING_SHEET])).toEqual(withoutSheets(before, [MEETING_SHEET]));

    // Replacing pictures with charts deletes the pictures.
    const back = ok(
      await addinOn(fake).insertMeetingCharts({ today: TODAY, mode: "native", assessment: a, replace: true }),
    );
    expect(back.replaced?.pictures).toEqual(images.map((i) => i.name));
    expect(meeting(fake.state).shapes).toEqual([]);
    expect(chartsOf(fake.state)).toHaveLength(5);
  });

  it("an image that is not a PNG or JPEG is refused before anything is read or written", async () => {
    const { fake, a } = await calculated("Microsoft 365");
    const e = await addinOn(fake)
      .insertMeetingCharts({
        today: TODAY,
        mode: "pictures",
        assessment: a,
        images: [{ name: "x", base64: "aGVsbG8gd29ybGQ=", width: 10, height: 10 }],
      })
      .catch((x) => x);
    expect(e).toBeInstanceOf(KaopingExcelError);
    expect((e as KaopingExcelError).message).toBe(CHART_MESSAGES.badImage("x"));
    expect(fake.stats.syncs).toBe(0);
  });
});

describe("200 leaders", () => {
  it("pages 排名 and 测评票构成 as the PNGs do, each page screen-sized, still in two round trips", async () => {
    const fake = new FakeExcel(workbookFromGridBook(bigBook(200)));
    const addin = addinOn(fake);
    const c = await addin.calculate({ today: TODAY });
    if (!c.ok) throw new Error("not scored");
    fake.resetStats();
    const r = ok(await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: c.assessment }));
    expect(r.syncs).toBe(2);
    const charts = chartsOf(fake.state);
    const ranking = charts.filter((x) => x.type === "BarClustered");
    expect(ranking.map((x) => x.title!.replace(/ · .*/, ""))).toEqual(
      meetingCharts(c.assessment, { date: TODAY })
        .filter((s) => s.kind === "ranking")
        .map((s) => s.title),
    );
    // Each page binds to its own slice of the sorted table; together they cover it once.
    const slices = ranking.map((x) => columnRange(x.series[0].values!));
    expect(slices.reduce((n, s) => n + s.bottom - s.top + 1, 0)).toBe(rankedLeaders(c.assessment).length);
    for (let i = 1; i < slices.length; i++) expect(slices[i].top).toBe(slices[i - 1].bottom + 1);
    for (const x of charts) expect(x.box.height).toBeLessThanOrEqual(600);
    for (let i = 0; i < charts.length; i++)
      for (let j = i + 1; j < charts.length; j++) expect(overlaps(charts[i].box, charts[j].box)).toBe(false);
  });
});

describe("the layout (pure)", () => {
  const within = (r: { top: number; bottom: number; left: number; right: number }, o: typeof r) =>
    r.top >= o.top && r.bottom <= o.bottom && r.left >= o.left && r.right <= o.right;
  const meets = (x: { top: number; bottom: number; left: number; right: number }, y: typeof x) =>
    x.left <= y.right && y.left <= x.right && x.top <= y.bottom && y.top <= x.bottom;

  it.each([2, 30, 62, 120])(
    "%i leaders: charts and tables never overlap, and every range a chart reads lies in a table or 考核结果",
    (n) => {
      const out = scoreBook({ book: bigBook(n, { qualification: false }), today: TODAY });
      if (!out.ok) throw new Error("not scored");
      const a = out.assessment;
      const plan = meetingLayout(a, { date: TODAY });
      const blocks = [...plan.charts.map((c) => c.at), ...plan.tables.map((t) => t.range)];
      for (let i = 0; i < blocks.length; i++)
        for (let j = i + 1; j < blocks.length; j++) expect(meets(blocks[i], blocks[j])).toBe(false);
      const resultsRows = { top: 1, bottom: a.leaders.length, left: 0, right: RESULT_HEADERS.length - 1 };
      for (const c of plan.charts) {
        expect(c.at.bottom - c.at.top + 1).toBeLessThanOrEqual(40);
        for (const s of c.series)
          for (const r of [s.values, s.xValues]) {
            if (r === null) continue;
            if (r.sheet === "考核结果") expect(within(r.range, resultsRows)).toBe(true);
            else expect(plan.tables.some((t) => within(r.range, { ...t.range, top: t.range.top + 1 }))).toBe(true);
          }
      }
      // Every formula of the sheet lies in a table marked live; every table that is not live has none.
      for (const f of plan.layout.formulas) {
        const t = plan.tables.find((x) => within({ top: f.row, bottom: f.row, left: f.col, right: f.col }, x.range));
        expect(t?.live).toBe(true);
      }
      expect(plan.rows).toBeGreaterThan(Math.max(...blocks.map((b) => b.bottom)));
    },
  );
});

// ───────────────────────────── the fake's charts ─────────────────────────────

describe("the fake Excel's charts and shapes", () => {
  function small(requirements: string) {
    return new FakeExcel(
      workbookFromGridBook([
        {
          name: "数据",
          rows: [
            ["姓名", "得分", "票"],
            ["甲", 90, 3],
            ["乙", 80, 5],
          ],
        },
      ]),
      { requirements },
    );
  }

  it("adds a chart at sync, infers series from the source, and loads items only after a sync", async () => {
    const excel = small("ExcelApi 1.8");
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("数据");
      const c = ws.charts.add("ColumnClustered", ws.getRange("A1:C3"), "Auto");
      c.name = "图";
      expect(excel.state.sheet("数据")!.charts).toHaveLength(0);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a navigation, not a loaded value
      const list = ws.charts;
      list.load("items/name");
      expect(() => list.items).toThrow();
      await ctx.sync();
      expect(list.items.map((x) => x.name)).toEqual(["图"]);
      expect(() => list.items[0].top).toThrow();
    });
    const [c] = dumpWorkbook(excel.state)["数据"].charts;
    expect(c.series.map((s) => [s.name, s.values, s.xValues])).toEqual([
      ["得分", "数据!B2:B3", "数据!A2:A3"],
      ["票", "数据!C2:C3", "数据!A2:A3"],
    ]);
  });

  it("throws ApiNotFound for members beyond the requirement set, as office.js does", async () => {
    const excel = small("ExcelApi 1.6");
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("数据");
      const c = ws.charts.add("BarClustered", ws.getRange("B2:B3"), "Columns");
      expect(() => c.series.add("x")).toThrow(FakeOfficeError);
      expect(() => c.series.getItemAt(0).setValues(ws.getRange("C2:C3"))).toThrow(/ApiNotFound|could not be found/);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a navigation, not a loaded value
      expect(() => ws.shapes).toThrow(/could not be found/);
      await ctx.sync();
    });
    await small("ExcelApi 1.8").run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem("数据").shapes).toThrow(/ExcelApi 1.9/);
      await ctx.sync();
    });
  });

  it("fails the sync where Excel would: a point past the series, a label position the type lacks", async () => {
    for (const queue of [
      (c: Excel.Chart) => c.series.getItemAt(0).points.getItemAt(2).format.fill.setSolidColor("#FF0000"),
      (c: Excel.Chart) => (c.series.getItemAt(0).dataLabels.position = "OutsideEnd"),
      (c: Excel.Chart) => (c.axes.categoryAxis.minimum = 3),
    ]) {
      const excel = small("Microsoft 365");
      const code = await excel
        .run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem("数据");
          const c = ws.charts.add("BarStacked100", ws.getRange("B2:B3"), "Columns") as unknown as Excel.Chart;
          queue(c);
          await ctx.sync();
        })
        .then(
          () => "no error",
          (e: FakeOfficeError) => e.code,
        );
      expect(code).toMatch(/ItemNotFound|InvalidArgument/);
    }
  });

  it("adds images (1.9) from PNG base64 only, at their pixel size until sized", async () => {
    const excel = small("ExcelApi 1.9");
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR4nGP8z8Dwn4GBgYEBAB0JAf9b5N4kAAAAAElFTkSuQmCC";
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("数据");
      ws.shapes.addImage(png).name = "图片甲";
      await ctx.sync();
    });
    expect(dumpWorkbook(excel.state)["数据"].shapes).toEqual([
      {
        name: "图片甲",
        type: "Image",
        imageFormat: "PNG",
        altTextTitle: "",
        box: { left: 0, top: 0, width: 1.5, height: 2.25 },
      },
    ]);
    const code = await excel
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem("数据").shapes.addImage("aGVsbG8=");
        await ctx.sync();
      })
      .then(
        () => "no error",
        (e: FakeOfficeError) => e.code,
      );
    expect(code).toBe("InvalidArgument");
  });
});
