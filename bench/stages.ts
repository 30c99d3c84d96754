/**
 * The stages of `score` timed one by one (bench/run.ts runs this, bundled, in a process of its own):
 * `node stages.cjs <runs> <reference date> <book.xlsx> <leaders> [<book.xlsx> <leaders> …]` prints, as JSON,
 * for each workbook in turn its `{ leaders, figures: [{ what, ms, cpu, target? }] }`, each figure the median of
 * `runs` runs.
 *
 * Bundled and in a fresh process, as the product runs them: the command line and the pane run bundles (one
 * scope, direct calls), and a run of either does not hold what the bench held just before (the workbooks it
 * wrote through ExcelJS). Timed under tsx, in the bench's own process, the reader at 10,000 leaders took
 * 20–30 % longer: calls across modules through tsx's export getters, and collections over that heap. The
 * workbooks are timed in one process, the smaller first, as before, so that the larger one's first runs do not
 * pay for compiling what the smaller one's already did.
 */
import { performance } from "node:perf_hooks";
import { resultDocument } from "../src/app/report";
import { resolveMethod } from "../src/app/score";
import { graftSheet, graftSheets } from "../src/cli/graft";
import { readXlsx } from "../src/cli/xlsx";
import { assess } from "../src/engine";
import { streamedFormulaLayouts } from "../src/workbook/formulas";
import { resultsLayout } from "../src/workbook/layout";
import { readWorkbook } from "../src/workbook/read";

export interface StageFigure {
  what: string;
  ms: number;
  cpu: number;
  /** The largest allowed wall-clock milliseconds, when the stage has a target. */
  target?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The stages of one workbook. */
async function stages(file: string, n: number, runs: number, today: string): Promise<StageFigure[]> {
  const figures: StageFigure[] = [];

  async function time<T>(what: string, f: () => T | Promise<T>, target?: number, times = runs): Promise<T> {
    const samples: number[] = [];
    const cpus: number[] = [];
    let out!: T;
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      const c0 = cpuNow();
      out = await f();
      samples.push(performance.now() - t0);
      cpus.push(cpuNow() - c0);
    }
    figures.push({ what, ms: median(samples), cpu: median(cpus), ...(target === undefined ? {} : { target }) });
    return out;
  }

  const read = await time("readXlsx (file → Grids)", () => readXlsx(file));
  const grids = read.book;
  const source = resolveMethod(grids, undefined);
  if (!source.ok) throw new Error("bench workbook: method");
  const method = source.method;
  const input = await time(
    "reader (readWorkbook from Grids)",
    () => readWorkbook(grids, method),
    n >= 10000 ? 150 : undefined,
  );
  if (input.errors.length > 0) {
    throw new Error(`bench workbook has errors: ${JSON.stringify(input.errors.slice(0, 3))}`);
  }
  const a = await time(
    "engine (assess)",
    () => assess(input.input, method, { referenceDate: today, warnings: input.warnings }),
    n >= 10000 ? 100 : undefined,
  );
  const layout = await time("resultsLayout (考核结果)", () => resultsLayout(a));
  await time("result document with explanations (--json)", () => JSON.stringify(resultDocument(a, { explain: true })));
  await time("graft 考核结果 into the package (--out)", () => graftSheet(read.data, layout));
  if (n === 2000) {
    const req = { book: grids, input: input.input, method, assessment: a };
    // As the command line does it: 计算明细's rows are made as the graft writes them.
    const formulas = await time("formula layouts (--formulas; 计算明细's rows made in the graft)", () =>
      streamedFormulaLayouts(req),
    );
    await time(
      "graft 考核结果 and 计算明细, making its rows (--formulas)",
      () => graftSheets(read.data, [formulas.results, formulas.details]),
      undefined,
      Math.min(runs, 3),
    );
  }
  return figures;
}

async function main(): Promise<void> {
  const [runsText, today, ...books] = process.argv.slice(2);
  const out: { leaders: number; figures: StageFigure[] }[] = [];
  for (let k = 0; k + 1 < books.length; k += 2) {
    const leaders = Number(books[k + 1]);
    out.push({ leaders, figures: await stages(books[k], leaders, Number(runsText), today) });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
