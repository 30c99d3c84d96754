/** Assessments for the chart tests: the demo workbook, and a large generated group scored by the real engine. */
import { join } from "node:path";
import type { Plugin } from "chart.js";
import { scoreBook } from "../../src/app/score";
import type { ChartSpec, Figure } from "../../src/charts";
import type { KpPlugin } from "../../src/charts/plugins";
import { readXlsx } from "../../src/cli/xlsx";
import { workbookToGrids } from "../support/exceljsGrid";
import type { Assessment } from "../../src/engine/types";
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
