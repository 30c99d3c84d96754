/**
 * `npm run bench [-- --json]`: how long a run takes on a large group, each figure beside its target
 * (issue 11). Measures; asserts nothing, and never runs in the tests.
 *
 * Workbooks: the standard layout of METHOD.md §1 built by test/excel/bigBook.ts (two leaders per unit, five
 * indicators, 3 evaluator groups × 4 dimensions, bonus and penalty items, a 资质审查 roster), written as
 * .xlsx by ExcelJS, at 2,000 and 10,000 leaders.
 *
 * - End to end: `npm run --silent cli -- score <book> --out <copy> -q` as a user types it, beside LibreOffice
 *   merely opening and saving the same workbook (`soffice --headless --convert-to xlsx`), best of
 *   KAOPING_BENCH_E2E_RUNS (default 2) each, interleaved so that both see the same load.
 * - Stages in one process (warm: the median of KAOPING_BENCH_RUNS, default 5): reading the file into Grids,
 *   readWorkbook (Grids → input), the engine (assess), layouts, the JSON document, grafting.
 * - The pane: bench/pane.ts, in headless Chromium on the fake Excel (skipped without Chromium).
 *
 * Sizes: KAOPING_BENCH_SIZES (default "2000,10000").
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { resultDocument } from "../src/app/report";
import { resolveMethod } from "../src/app/score";
import { graftSheet } from "../src/cli/graft";
import { readXlsx } from "../src/cli/xlsx";
import { assess } from "../src/engine";
import { formulaLayouts } from "../src/workbook/formulas";
import { resultsLayout } from "../src/workbook/layout";
import { readWorkbook } from "../src/workbook/read";
import { bigBook, gridBookToExcelJS } from "../test/excel/bigBook";
import { benchPane, type PaneFigures } from "./pane";

const ROOT = resolve(__dirname, "..");
const SIZES = (process.env.KAOPING_BENCH_SIZES ?? "2000,10000").split(",").map(Number);
const RUNS = Number(process.env.KAOPING_BENCH_RUNS ?? 5);
const E2E_RUNS = Number(process.env.KAOPING_BENCH_E2E_RUNS ?? 2);
const JSON_OUTPUT = process.argv.includes("--json");
const TODAY = "2025-12-31";

interface Row {
  what: string;
  leaders: number | null;
  /** Milliseconds, or a plain number for ratios. */
  value: number;
  unit: "ms" | "ratio" | "MB";
  target: number | null;
  /** How the target reads: "≤ 0.25 × LibreOffice". */
  targetText?: string;
}

const rows: Row[] = [];
const log = (s: string) => {
  if (!JSON_OUTPUT) process.stderr.write(`${s}\n`);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time<T>(f: () => T | Promise<T>, runs = RUNS): Promise<{ ms: number; out: T }> {
  const samples: number[] = [];
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await f();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), out };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  // Warnings go to stderr, one per line (28,000 lines at 10,000 leaders): read them as a terminal would.
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 600_000,
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return ms;
}

/** The compiled command line (scripts/cli.cjs → dist-cli/kaoping.cjs); absent before issue 11. */
const COMPILED = existsSync(join(ROOT, "scripts/cli.cjs"));
const haveSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;

/** LibreOffice with its own profile, so that another soffice running on the machine does not take the job. */
function soffice(file: string, outDir: string, profile: string): number {
  return run("soffice", [
    `-env:UserInstallation=file://${profile}`,
    "--headless",
    "--convert-to",
    "xlsx",
    "--outdir",
    outDir,
    file,
  ]);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-bench-"));
  const profile = join(dir, "lo-profile");
  try {
    if (COMPILED) run("node", ["scripts/cli.cjs", "--build-only"]);
    if (haveSoffice) {
      // The first start of a profile sets it up: not part of any figure.
      const warm = join(dir, "warm.xlsx");
      await gridBookToExcelJS(bigBook(4)).xlsx.writeFile(warm);
      soffice(warm, join(dir, "lo-warm"), profile);
    }
    const e2e = new Map<number, { cli: number; lo: number | null }>();
    for (const n of SIZES) {
      log(`${n} leaders: writing the workbook…`);
      const book = bigBook(n);
      const file = join(dir, `book-${n}.xlsx`);
      await gridBookToExcelJS(book).xlsx.writeFile(file);
      const mb = statSync(file).size / 1e6;
      log(`  ${file} (${mb.toFixed(1)} MB)`);

      // End to end, as a user runs it, beside LibreOffice; interleaved, best of E2E_RUNS.
      const out = join(dir, `scored-${n}.xlsx`);
      const cli: number[] = [];
      const direct: number[] = [];
      const lo: number[] = [];
      for (let i = 0; i < E2E_RUNS; i++) {
        cli.push(
          run("npm", ["run", "--silent", "cli", "--", "score", file, "--out", out, "-q", "--reference-date", TODAY]),
        );
        if (COMPILED) {
          direct.push(
            run("node", ["dist-cli/kaoping.cjs", "score", file, "--out", out, "-q", "--reference-date", TODAY]),
          );
        }
        if (haveSoffice) lo.push(soffice(file, join(dir, `lo-${n}`), profile));
      }
      const best = Math.min(...cli);
      const bestLo = lo.length > 0 ? Math.min(...lo) : null;
      e2e.set(n, { cli: best, lo: bestLo });
      rows.push({ what: "score --out (npm run cli), best of runs", leaders: n, value: best, unit: "ms", target: null });
      if (direct.length > 0) {
        rows.push({
          what: "score --out (node dist-cli/kaoping.cjs)",
          leaders: n,
          value: Math.min(...direct),
          unit: "ms",
          target: null,
        });
      }
      if (bestLo !== null) {
        rows.push({
          what: "LibreOffice open and save (soffice --convert-to xlsx)",
          leaders: n,
          value: bestLo,
          unit: "ms",
          target: null,
        });
        rows.push({
          what: "score --out ÷ LibreOffice",
          leaders: n,
          value: best / bestLo,
          unit: "ratio",
          target: 0.25,
          targetText: "≤ 0.25",
        });
      }
      if (COMPILED) {
        rows.push({
          what: "score --out peak memory (RSS)",
          leaders: n,
          value: peakRss(file, out),
          unit: "MB",
          target: null,
        });
      }
      if (n === 2000) {
        const fo = join(dir, `formulas-${n}.xlsx`);
        const f: number[] = [];
        for (let i = 0; i < E2E_RUNS; i++) {
          f.push(
            run("npm", [
              "run",
              "--silent",
              "cli",
              "--",
              "score",
              file,
              "--out",
              fo,
              "--formulas",
              "-q",
              "--reference-date",
              TODAY,
            ]),
          );
        }
        rows.push({
          what: "score --out --formulas (npm run cli)",
          leaders: n,
          value: Math.min(...f),
          unit: "ms",
          target: 2000,
          targetText: "≤ 2 s",
        });
      }

      // Stages, warm, in this process.
      const read = await time(() => readXlsx(file));
      rows.push({ what: "readXlsx (file → Grids)", leaders: n, value: read.ms, unit: "ms", target: null });
      const grids = read.out.book;
      const source = resolveMethod(grids, undefined);
      if (!source.ok) throw new Error("bench workbook: method");
      const method = source.method;
      const reader = await time(() => readWorkbook(grids, method));
      const input = reader.out;
      if (input.errors.length > 0)
        throw new Error(`bench workbook has errors: ${JSON.stringify(input.errors.slice(0, 3))}`);
      rows.push({
        what: "reader (readWorkbook from Grids)",
        leaders: n,
        value: reader.ms,
        unit: "ms",
        target: n >= 10000 ? 150 : null,
        targetText: n >= 10000 ? "≤ 150 ms" : undefined,
      });
      const engine = await time(() => assess(input.input, method, { referenceDate: TODAY, warnings: input.warnings }));
      rows.push({
        what: "engine (assess)",
        leaders: n,
        value: engine.ms,
        unit: "ms",
        target: n >= 10000 ? 100 : null,
        targetText: n >= 10000 ? "≤ 100 ms" : undefined,
      });
      const a = engine.out;
      const layout = await time(() => resultsLayout(a));
      rows.push({ what: "resultsLayout (考核结果)", leaders: n, value: layout.ms, unit: "ms", target: null });
      const doc = await time(() => JSON.stringify(resultDocument(a, { explain: true })));
      rows.push({
        what: "result document with explanations (--json)",
        leaders: n,
        value: doc.ms,
        unit: "ms",
        target: null,
      });
      const graft = await time(() => graftSheet(read.out.data, layout.out));
      rows.push({
        what: "graft 考核结果 into the package (--out)",
        leaders: n,
        value: graft.ms,
        unit: "ms",
        target: null,
      });
      if (n === 2000) {
        const req = { book: grids, input: input.input, method, assessment: a };
        const formulas = await time(() => formulaLayouts(req));
        rows.push({ what: "formulaLayouts (--formulas)", leaders: n, value: formulas.ms, unit: "ms", target: null });
        const both = await time(
          async () => graftSheet(await graftSheet(read.out.data, formulas.out.results), formulas.out.details),
          Math.min(RUNS, 3),
        );
        rows.push({
          what: "graft 考核结果 and 计算明细 (--formulas)",
          leaders: n,
          value: both.ms,
          unit: "ms",
          target: null,
        });
      }
    }
    const [small, large] = [e2e.get(2000), e2e.get(10000)];
    if (small && large) {
      rows.push({
        what: "score --out growth, 10,000 ÷ 2,000 leaders",
        leaders: null,
        value: large.cli / small.cli,
        unit: "ratio",
        target: 6,
        targetText: "≤ 6",
      });
    }
    rows.push(...paneRows(await benchPane(2000, ROOT)));
    if (COMPILED) rows.push(...(await emptyRows(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report();
}

/** Peak resident memory of one `score --out` run (node's own figure, through a preloaded hook). */
function peakRss(file: string, out: string): number {
  const hook = join(tmpdir(), `kaoping-bench-rss-${process.pid}.cjs`);
  writeFileSync(
    hook,
    'process.on("exit", () => process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));\n',
  );
  try {
    const r = spawnSync(
      "node",
      ["--require", hook, "dist-cli/kaoping.cjs", "score", file, "--out", out, "-q", "--reference-date", TODAY],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 },
    );
    const m = /maxRSS=(\d+)/.exec(r.stderr);
    return m ? Number(m[1]) / 1024 : NaN;
  } finally {
    rmSync(hook, { force: true });
  }
}

function paneRows(p: PaneFigures | null): Row[] {
  if (!p) return [];
  return [
    {
      what: "pane 计算 in Chromium: scoring and building the write",
      leaders: p.leaders,
      value: p.productMs,
      unit: "ms",
      target: 300,
      targetText: "≤ 300 ms",
    },
    {
      what: "pane 计算 in Chromium: the whole call, fake Excel included",
      leaders: p.leaders,
      value: p.totalMs,
      unit: "ms",
      target: null,
    },
  ];
}

/** A sheet of 1,048,576 formatted empty rows (about 15 MB): reading it stays small. */
async function emptyRows(dir: string): Promise<Row[]> {
  const { default: JSZip } = await import("jszip");
  const file = join(dir, "empty-rows.xlsx");
  const wb = gridBookToExcelJS([{ name: "考核对象", rows: [["姓名", "单位", "职务"]] }]);
  const base = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(base);
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const rowsXml: string[] = [];
  for (let r = 2; r <= 1_048_576; r++) rowsXml.push(`<row r="${r}" s="0" customFormat="1" ht="15" customHeight="1"/>`);
  zip.file("xl/worksheets/sheet1.xml", sheet.replace("</sheetData>", `${rowsXml.join("")}</sheetData>`));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const hook = join(dir, "rss.cjs");
  writeFileSync(
    hook,
    'process.on("exit", () => process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));\n',
  );
  const t0 = performance.now();
  const r = spawnSync("node", ["--require", hook, "dist-cli/kaoping.cjs", "score", file, "-q"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const ms = performance.now() - t0;
  const m = /maxRSS=(\d+)/.exec(r.stderr);
  const size = statSync(file).size / 1e6;
  return [
    {
      what: `score, a sheet of 1,048,576 formatted empty rows (${size.toFixed(0)} MB file)`,
      leaders: null,
      value: ms,
      unit: "ms",
      target: null,
    },
    { what: "  its peak memory (RSS)", leaders: null, value: m ? Number(m[1]) / 1024 : NaN, unit: "MB", target: null },
  ];
}

function met(r: Row): boolean | null {
  return r.target === null ? null : r.value <= r.target;
}

function format(r: Row): string {
  if (r.unit === "ratio") return r.value.toFixed(2);
  if (r.unit === "MB") return `${r.value.toFixed(0)} MB`;
  return r.value >= 1000 ? `${(r.value / 1000).toFixed(2)} s` : `${r.value.toFixed(0)} ms`;
}

function report() {
  if (JSON_OUTPUT) {
    const machine = { cpus: (require("node:os") as typeof import("node:os")).cpus().length, node: process.version };
    process.stdout.write(`${JSON.stringify({ machine, rows: rows.map((r) => ({ ...r, met: met(r) })) }, null, 2)}\n`);
    return;
  }
  const lines = [
    "| | leaders | figure | target | |",
    "|---|---:|---:|---|---|",
    ...rows.map((r) => {
      const m = met(r);
      return `| ${r.what} | ${r.leaders?.toLocaleString("en-US") ?? ""} | ${format(r)} | ${r.targetText ?? ""} | ${m === null ? "" : m ? "✓" : "✗ not met"} |`;
    }),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
