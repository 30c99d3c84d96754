/** Assessments for the chart tests: the demo workbook, and a large generated group scored by the real engine. */
import { join } from "node:path";
import type { Plugin } from "chart.js";
import { scoreBook } from "../../src/app/score";
import type { ChartSpec, Figure } from "../../src/charts";
import type { KpPlugin } from "../../src/charts/plugins";
import { readXlsx } from "../../src/cli/xlsx";
import { workbookToGrids } from "../support/exceljsGrid";
import type { Assessment } from "../../src/engine/types";
import type { GridBook } from "../../src/workbook/grid";
import { generateCase } from "../support/generate";
import { buildCaseWorkbook } from "../support/writeCase";

export const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
export const OPTS = { date: "2026-01-15", scope: "恒川集团所属企业党组织负责人" };

let sample: Promise<Assessment> | undefined;

/** assets/sample.xlsx scored as `npm run demo` does: 20 leaders, 10 units, a loss target, a veto, the quota. */
export function sampleAssessment(): Promise<Assessment> {
  sample ??= readXlsx(SAMPLE).then(({ book }) => {
    const r = scoreBook({ book, today: "2025-12-31", referenceDate: "2025-12-31" });
    if (!r.ok) throw new Error("the sample does not score");
    return r.assessment;
  });
  return sample;
}

/** The sample's sheets, to which a test adds 个人情况 or 组织决定 or a column. */
export async function sampleBook(): Promise<GridBook> {
  return (await readXlsx(SAMPLE)).book;
}

function score(book: GridBook, method?: unknown): Assessment {
  const r = scoreBook({ book, method, today: "2025-12-31", referenceDate: "2025-12-31" });
  if (!r.ok) throw new Error(`does not score: ${JSON.stringify(r)}`);
  return r.assessment;
}

/**
 * The sample with every kind of decision (docs/method.md §10, §12): the vote rules only flag (秦少华: 称职以上票不足
 * 三分之二, for the committee), 许文静 under 诫勉 (cannot be 优秀), 林雪梅 under 党内严重警告 (不定等次), 王晓峰 under
 * 立案审查 (暂缓评定), and the committee's decision on 秦少华 (基本称职). 18 graded: q = 3; 8 reached 90:
 * 亏损限档 2 (赵国栋, 孙立成), 个人情况 1 (许文静), 超出名额 2 (周启明, 陈立航) → 优秀 3.
 */
export async function decisionsAssessment(): Promise<Assessment> {
  const book = await sampleBook();
  book.push({
    name: "个人情况",
    rows: [
      ["姓名", "单位", "情形", "天数", "说明"],
      ["许文静", "恒川新材料有限公司", "诫勉", null, "2025年6月诫勉谈话"],
      ["林雪梅", "恒川发电有限公司", "党内严重警告", null, "2025年9月"],
      ["王晓峰", "恒川物流有限公司", "立案审查", null, "尚未结案"],
    ],
  });
  book.push({
    name: "组织决定",
    rows: [
      ["姓名", "单位", "等次", "依据"],
      ["秦少华", "恒川置业有限公司", "基本称职", "2026年1月8日党委会研究决定"],
    ],
  });
  return score(book, { grades: { voteCaps: "flag" } });
}

/** The sample with the quota split by a column 考核类别 of 考核对象: 经营类 (12) and 党建类 (8). */
export async function groupedAssessment(): Promise<Assessment> {
  const book = await sampleBook();
  const leaders = book.find((g) => g.name === "考核对象")!;
  leaders.rows = leaders.rows.map((r, i) => [
    ...r,
    i === 0 ? "考核类别" : /书记/.test(String(r[2])) && !/副书记、总经理/.test(String(r[2])) ? "党建类" : "经营类",
  ]);
  return score(book, { grades: { quotaGroupColumn: "考核类别" } });
}

const large = new Map<number, Assessment>();

/**
 * A generated group of n leaders (seed 11 gives, at 230, pending leaders, every grade and loss targets),
 * written as a workbook and scored by the real reader and engine.
 */
export function largeAssessment(n = 230, seed = 11): Assessment {
  const key = n * 1000 + seed;
  let a = large.get(key);
  if (!a) {
    const c = generateCase(seed, { minLeaders: n, maxLeaders: n, methodOverrides: false });
    const r = scoreBook({
      book: workbookToGrids(buildCaseWorkbook(c, 1)),
      today: "2025-12-31",
      referenceDate: c.referenceDate ?? undefined,
    });
    if (!r.ok) throw new Error("the generated case does not score");
    a = r.assessment;
    large.set(key, a);
  }
  return a;
}

/** The spec a plugin of the chart was built with. */
export function pluginSpec<S>(chart: ChartSpec, id: string): S {
  const p = (chart.config.plugins ?? []).find((x: Plugin) => x.id === id) as KpPlugin<S> | undefined;
  if (!p) throw new Error(`${chart.id} has no plugin ${id}`);
  return p.spec;
}

export function hasPlugin(chart: ChartSpec, id: string): boolean {
  return (chart.config.plugins ?? []).some((x: Plugin) => x.id === id);
}

/** The chart's datasets, loosely typed for assertions. */
export function datasets(chart: ChartSpec): any[] {
  return chart.config.data.datasets as any[];
}

export function options(chart: ChartSpec): any {
  return chart.config.options as any;
}

export function charts(figures: Figure[]): ChartSpec[] {
  return figures.flatMap((f) =>
    f.type === "chart" ? [f] : f.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])),
  );
}
