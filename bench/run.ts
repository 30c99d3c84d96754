/**
 * `npm run bench [-- --json]`: how long a run takes on a large group, each figure beside its target
 * (issue 11). Measures; asserts nothing, and never runs in the tests.
 *
 * Workbooks: the standard layout of docs/method.md §1 built by test/excel/bigBook.ts (two leaders per unit, five
 * indicators, 3 evaluator groups × 4 dimensions, bonus and penalty items, a 资质审查 roster), written as
 * .xlsx by ExcelJS, at 2,000 and 10,000 leaders.
 *
 * - End to end: `npm run --silent cli -- score <book> --out <copy>` as the contract gives it (the results table
 *   on stdout, read by the bench as a script calling the command line reads it), beside LibreOffice
 *   merely opening and saving the same workbook (`soffice --headless --convert-to xlsx`), best of
 *   KAOPING_BENCH_E2E_RUNS (default 2) each, interleaved so that both see the same load.
 * - Stages (bench/stages.ts, bundled, in one fresh process, the workbooks in order of size; the median of
 *   KAOPING_BENCH_RUNS, default 5): reading the file into Grids, readWorkbook (Grids → input), the engine
 *   (assess), layouts, the JSON document, grafting.
 * - The pane: bench/pane.ts, in headless Chromium on the fake Excel (skipped without Chromium).
 *
 * Sizes: KAOPING_BENCH_SIZES (default "2000,10000").
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { buildSync } from "esbuild";
import { inflateEntry, readZip, writeZip } from "../src/cli/ooxml/zip";
import { bigBook, gridBookToExcelJS } from "../test/excel/bigBook";
import { benchPane, type PaneFigures } from "./pane";
import type { StageFigure } from "./stages";

const ROOT = resolve(__dirname, "..");
const SIZES = (process.env.KAOPING_BENCH_SIZES ?? "2000,10000").split(",").map(Number);
const RUNS = Number(process.env.KAOPING_BENCH_RUNS ?? 5);
const E2E_RUNS = Number(process.env.KAOPING_BENCH_E2E_RUNS ?? 2);
const JSON_OUTPUT = process.argv.includes("--json");
const TODAY = "2025-12-31";

interface Row {
  what: string;
  leaders: number | null;
  /** Milliseconds of wall-clock time (the figure the target is about), or a plain number for ratios. */
  value: number;
  /** Milliseconds of CPU (user + system, every thread and child process), or the ratio of CPU times. */
  cpu?: number;
  unit: "ms" | "ratio" | "MB";
  target: number | null;
  /** How the target reads: "≤ 0.25 × LibreOffice". */
  targetText?: string;
}

const rows: Row[] = [];
const log = (s: string) => {
  if (!JSON_OUTPUT) process.stderr.write(`${s}\n`);
};

/** Wall-clock and CPU milliseconds. */
interface Clocked {
  ms: number;
  /** NaN where /usr/bin/time is missing. */
  cpu: number;
}

interface Timed extends Clocked {
  /** Peak resident memory in MB; NaN where /usr/bin/time is missing. */
  rss: number;
}

const TIME = "/usr/bin/time";
const haveTime = existsSync(TIME);

/**
 * Runs a command to its end (`exit`: the status it must end with): wall-clock time, and CPU time and peak memory
 * of it and its children through /usr/bin/time. The peak is /usr/bin/time's, not the process's own maxRSS: Linux
 * carries a process's peak across the exec that follows a fork, so a child of this large process would report
 * this process's memory as its own.
 */
function run(cmd: string, args: string[], exit = 0): Timed {
  const [file, argv] = haveTime ? [TIME, ["-f", "\n__cpu__ %U %S %M", cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  // Warnings go to stderr, one per line (28,000 lines at 10,000 leaders): read them as a terminal would.
  const r = spawnSync(file, argv, { cwd: ROOT, encoding: "utf8", timeout: 600_000, maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== exit) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /__cpu__ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  return m ? { ms, cpu: (Number(m[1]) + Number(m[2])) * 1000, rss: Number(m[3]) / 1024 } : { ms, cpu: NaN, rss: NaN };
}

/** The run with the least wall-clock time. */
function best(runs: readonly Timed[]): Timed {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

/** The compiled command line (scripts/cli.cjs → dist-cli/kaoping.cjs); absent before issue 11. */
const COMPILED = existsSync(join(ROOT, "scripts/cli.cjs"));
/**
 * The command line run by node as `npm run cli` runs it: the node options of package.json's `cli` script
 * (`--v8-pool-size=2`), then the bundle.
 */
const DIRECT: string[] = [
  ...(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.cli
    .split(" ")
    .filter((a) => a.startsWith("--")),
  "dist-cli/kaoping.cjs",
];
const DIRECT_TEXT = `node ${DIRECT.join(" ")}`;
const haveSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;

/** LibreOffice with its own profile, so that another soffice running on the machine does not take the job. */
function soffice(file: string, outDir: string, profile: string): Timed {
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

/** A measured figure as a row; the target (wall-clock milliseconds) when there is one. */
function row(what: string, leaders: number | null, t: Clocked, target?: { ms: number; text: string }): Row {
  return { what, leaders, value: t.ms, cpu: t.cpu, unit: "ms", target: target?.ms ?? null, targetText: target?.text };
}

/** Adds a measured figure's row. */
function push(what: string, leaders: number | null, t: Clocked, target?: { ms: number; text: string }): void {
  rows.push(row(what, leaders, t, target));
}

/** A row of one time over another (wall clock and CPU), with its largest allowed value. */
function pushRatio(what: string, leaders: number | null, t: Clocked, over: Clocked, target: number): void {
  rows.push({
    what,
    leaders,
    value: t.ms / over.ms,
    cpu: t.cpu / over.cpu,
    unit: "ratio",
    target,
    targetText: `≤ ${target}`,
  });
}

/**
 * `npm run --silent cli -- score <file> …` as a user types it: without `-q`, so the results table is made and
 * written (13 ms at 2,000 leaders), as in a run of the command of docs/method.md §8.
 */
const npmScore = (file: string, ...more: string[]): Timed =>
  run("npm", ["run", "--silent", "cli", "--", "score", file, ...more, "--reference-date", TODAY]);

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-bench-"));
  const profile = join(dir, "lo-profile");
  load.start = loadAverage();
  firstTouch = firstTouchMicros();
  try {
    if (COMPILED) run("node", ["scripts/cli.cjs", "--build-only"]);
    if (haveSoffice) {
      // The first start of a profile sets it up: not part of any figure.
      const warm = join(dir, "warm.xlsx");
      await gridBookToExcelJS(bigBook(4)).xlsx.writeFile(warm);
      soffice(warm, join(dir, "lo-warm"), profile);
    }
    if (COMPILED) rows.push(...startRows(dir));
    const stages = bundleStages(dir);
    const books: { file: string; leaders: number; at: number }[] = [];
    const e2e = new Map<number, Timed>();
    for (const n of SIZES) {
      log(`${n} leaders: writing the workbook…`);
      const file = join(dir, `book-${n}.xlsx`);
      await gridBookToExcelJS(bigBook(n)).xlsx.writeFile(file);
      log(`  ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);

      // End to end, as a user runs it, beside LibreOffice; interleaved, best of E2E_RUNS.
      const out = join(dir, `scored-${n}.xlsx`);
      const cli: Timed[] = [];
      const direct: Timed[] = [];
      const lo: Timed[] = [];
      for (let i = 0; i < E2E_RUNS; i++) {
        cli.push(npmScore(file, "--out", out));
        if (COMPILED) {
          direct.push(run("node", [...DIRECT, "score", file, "--out", out, "--reference-date", TODAY]));
        }
        if (haveSoffice) lo.push(soffice(file, join(dir, `lo-${n}`), profile));
      }
      const c = best(cli);
      e2e.set(n, c);
      push("score --out (npm run cli)", n, c);
      if (direct.length > 0) push(`score --out (${DIRECT_TEXT})`, n, best(direct));
      if (lo.length > 0) {
        const l = best(lo);
        push("LibreOffice open and save (soffice --convert-to xlsx)", n, l);
        // npm's own start (about 0.15 s here) is in the first ratio, not in the second.
        pushRatio("score --out ÷ LibreOffice (npm run cli)", n, c, l, 0.25);
        if (direct.length > 0) pushRatio(`score --out ÷ LibreOffice (${DIRECT_TEXT})`, n, best(direct), l, 0.25);
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
        const f: Timed[] = [];
        const fd: Timed[] = [];
        for (let i = 0; i < E2E_RUNS; i++) {
          f.push(npmScore(file, "--out", fo, "--formulas"));
          if (COMPILED) {
            fd.push(run("node", [...DIRECT, "score", file, "--out", fo, "--formulas", "--reference-date", TODAY]));
          }
        }
        push("score --out --formulas (npm run cli)", n, best(f), { ms: 2000, text: "≤ 2 s" });
        if (fd.length > 0) push(`score --out --formulas (${DIRECT_TEXT})`, n, best(fd), { ms: 2000, text: "≤ 2 s" });
      }

      // The stages: timed below, for every workbook in one process, and listed here.
      books.push({ file, leaders: n, at: rows.length });
    }
    // Last first, so that each size's place in the rows stays where it was recorded.
    const timed = stageFigures(stages, books);
    for (const { leaders, at } of [...books].reverse()) {
      const figures = timed.find((t) => t.leaders === leaders)?.figures ?? [];
      rows.splice(
        at,
        0,
        ...figures.map((f) =>
          row(f.what, leaders, f, f.target === undefined ? undefined : { ms: f.target, text: `≤ ${f.target} ms` }),
        ),
      );
    }
    const [small, large] = [e2e.get(2000), e2e.get(10000)];
    if (small && large) {
      pushRatio("score --out growth, 10,000 ÷ 2,000 leaders", null, large, small, 6);
    }
    rows.push(...paneRows(await benchPane(2000, ROOT)));
    if (COMPILED) rows.push(...(await emptyRows(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  load.end = loadAverage();
  report();
}

/**
 * What every run pays before it reads anything: node's own start (an empty script), the command line's start
 * (`--help`), and the same through npm. Best of five each. Where NODE_EXTRA_CA_CERTS is set, node parses
 * those certificates, and its own, at every start, before any script runs (the report says so).
 */
function startRows(dir: string): Row[] {
  const empty = join(dir, "empty.cjs");
  writeFileSync(empty, "");
  const bestOf = (cmd: string, args: string[]) => best(Array.from({ length: 5 }, () => run(cmd, args)));
  const node = bestOf("node", [empty]);
  const cli = bestOf("node", [...DIRECT, "--help"]);
  const npm = bestOf("npm", ["run", "--silent", "cli", "--", "--help"]);
  return [
    row("start: node running an empty script", null, node),
    row(`start: ${DIRECT_TEXT} --help`, null, cli),
    row("start: npm run cli -- --help", null, npm),
  ];
}

/** bench/stages.ts as one file, as esbuild bundles the command line (scripts/cli.cjs). */
function bundleStages(dir: string): string {
  const outfile = join(dir, "stages.cjs");
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: ["bench/stages.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

/** The stages of the workbooks, timed by the bundle in one fresh node with the command line's node options. */
function stageFigures(
  bundle: string,
  books: readonly { file: string; leaders: number }[],
): { leaders: number; figures: StageFigure[] }[] {
  const args = [String(RUNS), TODAY, ...books.flatMap((b) => [b.file, String(b.leaders)])];
  const r = spawnSync("node", [...DIRECT.slice(0, -1), bundle, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`bench/stages.ts failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as { leaders: number; figures: StageFigure[] }[];
}

/** The machine's load while the bench ran: its figures mean little on a busy machine. */
const load = { start: [0, 0, 0], end: [0, 0, 0] };
/** firstTouchMicros(), measured before the runs. */
let firstTouch = NaN;
const loadAverage = (): number[] => (require("node:os") as typeof import("node:os")).loadavg();

/**
 * What a page of memory new to a process costs here, in microseconds per 4 KB: 64 MB written twice in a fresh
 * node, the second pass subtracted (best of three). Every run touches many such pages (the heap as it grows,
 * the inflated parts, the written sheet: 15,000–20,000 at 2,000 leaders), and what the kernel and the
 * hypervisor take for each differs from machine to machine far more than the processor's speed (README,
 * Performance: 11–14 µs here on a freshly booted virtual machine of the usual kind, where perf had counted
 * 1.7 µs a fault on earlier ones). Read the absolute figures with it. NaN if it fails.
 */
function firstTouchMicros(): number {
  const script = [
    "const n = 64 << 20, b = Buffer.allocUnsafeSlow(n);",
    "const t = (v) => { const t0 = process.hrtime.bigint(); b.fill(v); return Number(process.hrtime.bigint() - t0) / 1e3; };",
    "const first = t(1), second = t(2);",
    "process.stdout.write(String((first - second) / (n / 4096)));",
  ].join("\n");
  const each = Array.from({ length: 3 }, () => {
    const r = spawnSync("node", ["-e", script], { encoding: "utf8" });
    return r.status === 0 ? Number(r.stdout) : NaN;
  });
  return Math.min(...each);
}

/** Peak resident memory of one `score --out` run, in MB (NaN without /usr/bin/time). */
function peakRss(file: string, out: string): number {
  return run("node", [...DIRECT, "score", file, "--out", out, "--reference-date", TODAY]).rss;
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

/**
 * A sheet of 1,048,576 formatted empty rows, each with eight formatted empty cells (about 15 MB, as a hostile
 * file of issue 12): reading it takes time, and memory stays small (it is streamed, and an empty cell costs
 * nothing).
 */
async function emptyRows(dir: string): Promise<Row[]> {
  const file = join(dir, "empty-rows.xlsx");
  const base = Buffer.from(
    await gridBookToExcelJS([{ name: "考核对象", rows: [["姓名", "单位", "职务"]] }]).xlsx.writeBuffer(),
  );
  const entries = readZip(base);
  const sheet = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
  const xml = Buffer.from(inflateEntry(sheet, 1 << 20)).toString("utf8");
  const parts: string[] = [];
  for (let r = 2; r <= 1_048_576; r++) {
    let cells = "";
    for (const c of "ABCDEFGH") cells += `<c r="${c}${r}" s="0"/>`;
    parts.push(`<row r="${r}" customFormat="1" ht="15" customHeight="1">${cells}</row>`);
  }
  const [head, tail] = xml.split("</sheetData>");
  const bytes = Buffer.concat([Buffer.from(head), Buffer.from(parts.join("")), Buffer.from(`</sheetData>${tail}`)]);
  writeFileSync(
    file,
    writeZip(
      entries.map((e) =>
        e === sheet
          ? { kind: "data", name: e.name, data: bytes, time: e.time, date: e.date }
          : { kind: "copy", entry: e },
      ),
    ),
  );
  // It has no other sheet: the run reads it whole, then says so and ends with status 1.
  const r = run("node", [...DIRECT, "score", file, "-q"], 1);
  const size = statSync(file).size / 1e6;
  return [
    {
      what: `score, a sheet of 1,048,576 formatted empty rows (${size.toFixed(0)} MB file, ${(bytes.length / 1e6).toFixed(0)} MB of XML)`,
      leaders: null,
      value: r.ms,
      cpu: r.cpu,
      unit: "ms",
      target: null,
    },
    { what: "its peak memory (RSS)", leaders: null, value: r.rss, unit: "MB", target: null },
  ];
}

function met(r: Row): boolean | null {
  return r.target === null ? null : r.value <= r.target;
}

function format(r: Row): string {
  if (r.unit === "ratio") return r.value.toFixed(2);
  if (r.unit === "MB") return Number.isNaN(r.value) ? "" : `${r.value.toFixed(0)} MB`;
  return r.value >= 1000 ? `${(r.value / 1000).toFixed(2)} s` : `${r.value.toFixed(0)} ms`;
}

function report() {
  const os = require("node:os") as typeof import("node:os");
  const machine = {
    cpus: os.cpus().length,
    node: process.version,
    load,
    extraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? process.env.NODE_EXTRA_CA_CERTS : null,
    firstTouchMicrosPer4K: firstTouch,
  };
  if (JSON_OUTPUT) {
    process.stdout.write(`${JSON.stringify({ machine, rows: rows.map((r) => ({ ...r, met: met(r) })) }, null, 2)}\n`);
    return;
  }
  const cpuText = (r: Row) => (r.cpu === undefined || Number.isNaN(r.cpu) ? "" : format({ ...r, value: r.cpu }));
  const lines = [
    `${machine.cpus} CPUs, Node ${machine.node}; load average ${load.start.map((x) => x.toFixed(1)).join(" ")} at the start, ${load.end.map((x) => x.toFixed(1)).join(" ")} at the end`,
    `New memory: ${firstTouch.toFixed(1)} µs per 4 KB page at its first touch; a 2,000-leader run touches 15,000–20,000 pages`,
    ...(machine.extraCaCerts === null
      ? []
      : [
          `NODE_EXTRA_CA_CERTS=${machine.extraCaCerts}: every node process (npm's too) parses these certificates when it starts`,
        ]),
    "",
    "| | leaders | time | CPU | target | |",
    "|---|---:|---:|---:|---|---|",
    ...rows.map((r) => {
      const m = met(r);
      return `| ${r.what} | ${r.leaders?.toLocaleString("en-US") ?? ""} | ${format(r)} | ${cpuText(r)} | ${r.targetText ?? ""} | ${m === null ? "" : m ? "✓" : "✗ not met"} |`;
    }),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
