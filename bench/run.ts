/**
 * `npm run bench`: how long a run takes on a large group, stage by stage. Measures; asserts nothing.
 * Sizes: KAOPING_BENCH_LEADERS (default 2000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { scoreBook } from "../src/app/score";
import { resultDocument } from "../src/app/report";
import { graftSheet } from "../src/cli/graft";
import { readXlsx } from "../src/cli/xlsx";
import { formulaLayouts } from "../src/workbook/formulas";
import { defaultMethod } from "../src/method/defaults";
import { resultsLayout } from "../src/workbook/layout";
import { readWorkbook } from "../src/workbook/read";
import { generateCase } from "../test/support/generate";
import { writeCaseFiles } from "../test/support/writeCase";

const LEADERS = Number(process.env.KAOPING_BENCH_LEADERS ?? 2000);
const RUNS = Number(process.env.KAOPING_BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time<T>(label: string, f: () => T | Promise<T>, rows: [string, number][]): Promise<T> {
  const samples: number[] = [];
  let out!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = await f();
    samples.push(performance.now() - t0);
  }
  rows.push([label, median(samples)]);
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-bench-"));
  try {
    const c = generateCase(7, {
      minLeaders: LEADERS,
      maxLeaders: LEADERS,
      qualification: true,
      methodOverrides: false,
    });
    const files = await writeCaseFiles(c, dir, 7, "bench");
    const rows: [string, number][] = [];
    const { book, data } = await time("read .xlsx → Grids (ExcelJS)", () => readXlsx(files.xlsx), rows);
    const method = defaultMethod();
    await time("readWorkbook (headers, cells, diagnostics)", () => readWorkbook(book, method), rows);
    const outcome = await time(
      "scoreBook (read + engine)",
      () => scoreBook({ book, today: "2025-12-31", referenceDate: files.referenceDate ?? undefined }),
      rows,
    );
    if (!outcome.ok) throw new Error(`bench workbook has errors: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    await time("resultsLayout (考核结果)", () => resultsLayout(outcome.assessment), rows);
    await time(
      "resultDocument with explain (JSON)",
      () => JSON.stringify(resultDocument(outcome.assessment, { explain: true })),
      rows,
    );
    const layout = resultsLayout(outcome.assessment);
    await time("graft 考核结果 into the package (--out)", () => graftSheet(data, layout), rows);
    const req = { book, input: outcome.input, method: outcome.method, assessment: outcome.assessment };
    const formulas = await time("formulaLayouts (--formulas)", () => formulaLayouts(req), rows);
    await time(
      "graft both sheets (--out --formulas)",
      async () => graftSheet(await graftSheet(data, formulas.results), formulas.details),
      rows,
    );
    const votes = outcome.input.votes.length;
    console.log(
      `Kaoping bench: ${outcome.assessment.leaders.length} leaders, ${outcome.input.economics.length} units, ${votes} vote rows; median of ${RUNS} runs`,
    );
    for (const [label, ms] of rows) console.log(`  ${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
