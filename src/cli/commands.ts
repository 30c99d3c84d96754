/**
 * The command-line handlers of docs/method.md §8. Each returns the exit code; output goes through the injected
 * CliIO so that tests run them in-process.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { resultDocument } from "../app/report";
import type { Deck } from "../deck/deck";
import { scoreBook } from "../app/score";
import { isIsoDate } from "../method/schema";
import type { Diagnostic } from "../workbook/diagnostic";
import { formulaLayouts } from "../workbook/formulas";
import { resultsLayout } from "../workbook/layout";
import { titleInfo } from "../workbook/titles";
import { pad, resultsTable } from "./table";
import { GraftError, graftSheet } from "./graft";
import { readXlsx, writeFileAtomic, type XlsxFile, XlsxReadError } from "./xlsx";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The day of the run, YYYY-MM-DD; by default the local date of the system clock. */
  today?(): string;
}

export const EXIT = {
  ok: 0,
  /** The workbook has errors: nothing computed, nothing written. */
  workbook: 1,
  /** Bad usage: options, unreadable files, an invalid method document. */
  usage: 2,
  /** A fault of the program itself. */
  internal: 3,
} as const;

/** A mistake of the user on the command line; its message is in Chinese and printed as it is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ScoreOptions {
  workbook: string;
  method?: string;
  json?: string;
  out?: string;
  referenceDate?: string;
  /** Directory for the meeting charts (PNG). */
  charts?: string;
  /** A font file with Simplified-Chinese glyphs for the charts. */
  font?: string;
  /** The meeting deck (.pptx). */
  pptx?: string;
  /** A 个人考核画像 slide per leader in the deck. */
  pptxPortraits: boolean;
  /** With `out`: the scores of 考核结果 as live formulas over a 计算明细 sheet (docs/method.md §9). */
  formulas: boolean;
  quiet: boolean;
}

export type Command = { kind: "help" } | { kind: "score"; options: ScoreOptions };

interface OptionSpec {
  takesValue: boolean;
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "--method": { takesValue: true },
  "--json": { takesValue: true },
  "--out": { takesValue: true },
  "--reference-date": { takesValue: true },
  "--quiet": { takesValue: false },
  "--help": { takesValue: false },
  "--charts": { takesValue: true },
  "--pptx": { takesValue: true },
  "--pptx-portraits": { takesValue: false },
  "--font": { takesValue: true },
  "--formulas": { takesValue: false },
};

const SHORT: Readonly<Record<string, string>> = { "-h": "--help", "-q": "--quiet" };

const USAGE = "用法：npm run --silent cli -- score <工作簿.xlsx> [选项]（--help 查看全部选项）";

export function helpText(): string {
  const rows: [string, string][] = [
    ["--method <文件.json>", "考核方法文档；不给出时用工作簿的“考核方法”表，没有该表则用默认办法"],
    ["--json <文件>", "写出结果文档（JSON，含每项得分的计算明细）"],
    ["--out <文件.xlsx>", "写出工作簿副本：结果写入“考核结果”表，其他工作表不变"],
    ["--reference-date <YYYY-MM-DD>", "资质审查的基准日（默认：考核方法中的基准日，否则为今天）"],
    ["-q, --quiet", "不在标准输出打印结果表"],
    ["--charts <目录>", "把会议图表和每人的考核画像写成 PNG（2 倍分辨率）"],
    ["--pptx <文件.pptx>", "写出会议幻灯片：标题页，每张会议图表一页（PowerPoint 可编辑的原生图表，其余为图片）"],
    ["--pptx-portraits", "会议幻灯片中再加每人一页个人考核画像（与 --pptx 一起使用）"],
    ["--font <文件>", "图表图片用的中文字体文件（默认在本机查找；幻灯片文字用微软雅黑）"],
    ["--formulas", "与 --out 一起使用：“考核结果”的得分写为公式，逐步计算过程写入“计算明细”表，修改输入后随之重算"],
    ["-h, --help", "显示本帮助"],
  ];
  const w = Math.max(...rows.map(([o]) => o.length));
  return [
    "考评 Kaoping — 企业党组织负责人考核评价（命令行）",
    "",
    "用法：",
    "  npm run --silent cli -- score <工作簿.xlsx> [选项]",
    "",
    "选项：",
    ...rows.map(([o, d]) => `  ${pad(o, w)}  ${d}`),
    "",
    "退出码：",
    "  0  评分完成（警告逐条写到标准错误输出）",
    "  1  工作簿有错误：逐条列出“工作表!单元格 错误：原因”，不写出任何文件",
    "  2  用法错误：未知选项、缺少参数、文件无法读取、考核方法文档无效等",
    "",
  ].join("\n");
}

/** Parses the arguments after `cli --`; throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
  const positional: string[] = [];
  const values = new Map<string, string | true>();
  let help = false;
  let onlyPositional = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositional || !arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositional = true;
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const rawName = eq >= 0 ? arg.slice(0, eq) : arg;
    const name = SHORT[rawName] ?? rawName;
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError(`未知选项：${rawName}`);
    if (name === "--help") {
      help = true;
      continue;
    }
    if (values.has(name)) throw new UsageError(`选项 ${name} 只能给出一次`);
    if (!spec.takesValue) {
      if (eq >= 0) throw new UsageError(`选项 ${name} 不带参数`);
      values.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
    if (value === undefined || value === "") throw new UsageError(`选项 ${name} 缺少参数`);
    values.set(name, value);
  }

  if (help) return { kind: "help" };

  const [command, ...rest] = positional;
  if (command === undefined) throw new UsageError("缺少命令：目前只有 score");
  if (command !== "score") throw new UsageError(`未知命令：${command}（目前只有 score）`);
  if (rest.length === 0) throw new UsageError("缺少要评分的工作簿（.xlsx 文件）");
  if (rest.length > 1) throw new UsageError(`多余的参数：${rest.slice(1).join(" ")}（一次只评一个工作簿）`);

  const text = (k: string): string | undefined => {
    const v = values.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const referenceDate = text("--reference-date");
  if (referenceDate !== undefined && !isIsoDate(referenceDate)) {
    throw new UsageError(`--reference-date 应为 YYYY-MM-DD 格式的有效日期，收到：${referenceDate}`);
  }
  const out = text("--out");
  if (out !== undefined && !/\.xlsx$/i.test(out)) {
    throw new UsageError(`--out 的文件名应以 .xlsx 结尾：${out}`);
  }
  const pptx = text("--pptx");
  if (pptx !== undefined && !/\.pptx$/i.test(pptx)) {
    throw new UsageError(`--pptx 的文件名应以 .pptx 结尾：${pptx}`);
  }
  if (values.has("--pptx-portraits") && pptx === undefined) {
    throw new UsageError("--pptx-portraits 只在给出 --pptx 时使用");
  }
  if (values.has("--formulas") && out === undefined) {
    throw new UsageError("--formulas 只在给出 --out 时使用（公式写入输出的工作簿）");
  }
  return {
    kind: "score",
    options: {
      workbook: rest[0],
      method: text("--method"),
      json: text("--json"),
      out,
      referenceDate,
      charts: text("--charts"),
      font: text("--font"),
      pptx,
      pptxPortraits: values.has("--pptx-portraits"),
      formulas: values.has("--formulas"),
      quiet: values.has("--quiet"),
    },
  };
}

/** YYYY-MM-DD of the local calendar day. */
export function localDate(d: Date = new Date()): string {
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${mm}-${dd}`;
}

const SEVERITY_LABEL: Readonly<Record<Diagnostic["severity"], string>> = {
  error: "错误",
  warning: "警告",
  notice: "提示",
};

/** `经营业绩!C4 错误：…` — the address first, one line whatever the message holds. */
export function diagnosticLine(d: Diagnostic): string {
  const message = d.message.replace(/\s*[\r\n]+\s*/g, " ");
  return `${d.cell} ${SEVERITY_LABEL[d.severity]}：${message}`;
}

function samePath(a: string, b: string): boolean {
  const ra = resolve(a);
  const rb = resolve(b);
  if (ra === rb) return true;
  try {
    return realpathSync(ra) === realpathSync(rb);
  } catch {
    return false; // one of them does not exist yet, so they are different files
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Outputs must not overwrite the inputs or each other, nor be a directory. */
function checkOutputs(o: ScoreOptions): void {
  const inputs: [string, string][] = [[o.workbook, "输入工作簿"]];
  if (o.method !== undefined) inputs.push([o.method, "考核方法文件"]);
  const outputs: [string, string][] = [];
  if (o.out !== undefined) outputs.push([o.out, "--out"]);
  if (o.json !== undefined) outputs.push([o.json, "--json"]);
  if (o.pptx !== undefined) outputs.push([o.pptx, "--pptx"]);
  for (const [path, option] of outputs) {
    for (const [input, what] of inputs) {
      if (samePath(path, input)) throw new UsageError(`${option} 不能与${what}是同一个文件：${path}（请另取文件名）`);
    }
    if (isDirectory(path)) throw new UsageError(`${option} 指向的是目录，应为文件：${path}`);
  }
  outputs.forEach(([a, optionA], i) => {
    for (const [b, optionB] of outputs.slice(i + 1)) {
      if (samePath(a, b)) throw new UsageError(`${optionA} 与 ${optionB} 不能是同一个文件：${a}`);
    }
  });
}

async function readMethodDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
    const why = code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "这是目录" : code || String(e);
    throw new UsageError(`无法读取考核方法文件 ${path}：${why}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(`考核方法文件 ${path} 不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
}

function errorCode(e: unknown): string {
  if (typeof e === "object" && e !== null && "code" in e) return String((e as { code: unknown }).code);
  return e instanceof Error ? e.message : String(e);
}

/** `score`: read, score, print, and only then write the outputs. */
export async function scoreCommand(o: ScoreOptions, io: CliIO): Promise<number> {
  checkOutputs(o);
  if (o.font !== undefined && o.charts === undefined && o.pptx === undefined) {
    throw new UsageError("--font 只在给出 --charts 或 --pptx 时使用");
  }
  if (o.font !== undefined && !isFile(o.font)) throw new UsageError(`找不到字体文件：${o.font}`);
  if (o.charts !== undefined && existsSync(o.charts) && !isDirectory(o.charts)) {
    throw new UsageError(`--charts 应为目录，而 ${o.charts} 是一个文件`);
  }
  const method = o.method === undefined ? undefined : await readMethodDocument(o.method);

  let file: XlsxFile;
  try {
    file = await readXlsx(o.workbook);
  } catch (e) {
    if (e instanceof XlsxReadError) throw new UsageError(e.message);
    throw e;
  }

  const today = (io.today ?? (() => localDate()))();
  const outcome = scoreBook({ book: file.book, method, referenceDate: o.referenceDate, today });

  if (!outcome.ok && outcome.kind === "method") {
    const source = o.method === undefined ? "考核方法" : `考核方法文件 ${o.method}`;
    for (const e of outcome.errors) io.stderr(`${source} 有误：${e.path}：${e.message}\n`);
    return EXIT.usage;
  }
  if (!outcome.ok) {
    for (const d of outcome.errors) io.stderr(`${diagnosticLine(d)}\n`);
    for (const d of outcome.warnings) io.stderr(`${diagnosticLine(d)}\n`);
    return EXIT.workbook;
  }

  const a = outcome.assessment;
  for (const d of outcome.warnings) io.stderr(`${diagnosticLine(d)}\n`);

  // Everything to write is produced in memory first: a failure here leaves no file behind.
  const writes: [string, string | Uint8Array][] = [];
  if (o.json !== undefined) {
    writes.push([o.json, `${JSON.stringify(resultDocument(a, { explain: true }), null, 2)}\n`]);
  }
  if (o.out !== undefined) {
    try {
      let book: Uint8Array;
      if (o.formulas) {
        const layouts = formulaLayouts({
          book: file.book,
          input: outcome.input,
          method: outcome.method,
          assessment: a,
        });
        // 考核结果 first, so that a workbook without either sheet shows the results before their workings.
        book = await graftSheet(await graftSheet(file.data, layouts.results), layouts.details);
      } else {
        book = await graftSheet(file.data, resultsLayout(a));
      }
      writes.push([o.out, book]);
    } catch (e) {
      if (e instanceof GraftError) throw new UsageError(`无法写出 ${o.out}：${e.message}`);
      throw e;
    }
  }

  // The deck too is built before anything is written; it is written last.
  const titles = titleInfo(file.book, outcome.input);
  const warnings = new Set<string>();
  let deck: Deck | undefined;
  if (o.pptx !== undefined) {
    // Loaded only when asked for: pptxgenjs, Chart.js and the canvas binding cost start-up time.
    const { nodeDeck } = await import("./deck");
    const built = await nodeDeck(a, { font: o.font, date: today, ...titles, portraits: o.pptxPortraits });
    built.warnings.forEach((w) => warnings.add(w));
    deck = built;
  }

  if (!o.quiet) io.stdout(resultsTable(a));

  for (const [path, data] of writes) {
    try {
      await writeFileAtomic(path, data);
    } catch (e) {
      io.stderr(`无法写入 ${path}：${errorCode(e)}\n`);
      return EXIT.usage;
    }
    if (!o.quiet) io.stdout(`已写入 ${path}\n`);
  }

  if (o.charts !== undefined) {
    // Loaded only when asked for: Chart.js and the canvas binding cost start-up time.
    const { writeCharts } = await import("./png");
    let charts: Awaited<ReturnType<typeof writeCharts>>;
    try {
      charts = await writeCharts(a, o.charts, { font: o.font, date: today, ...titles });
    } catch (e) {
      io.stderr(`无法写出图表到 ${o.charts}：${errorCode(e)}\n`);
      return EXIT.usage;
    }
    charts.warnings.forEach((w) => warnings.add(w));
    if (!o.quiet) io.stdout(`已写入 ${charts.files.length} 张图表到 ${o.charts}\n`);
  }

  if (o.pptx !== undefined && deck !== undefined) {
    try {
      await writeFileAtomic(o.pptx, deck.bytes);
    } catch (e) {
      io.stderr(`无法写入 ${o.pptx}：${errorCode(e)}\n`);
      return EXIT.usage;
    }
    if (!o.quiet) io.stdout(`已写入 ${o.pptx}（会议幻灯片 ${deck.slides.length} 页）\n`);
  }
  for (const w of warnings) io.stderr(`${w}\n`);
  return EXIT.ok;
}

/** The whole command line: `argv` is what follows `cli --`. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 0) {
    io.stderr(helpText());
    return EXIT.usage;
  }
  try {
    const command = parseArgs(argv);
    if (command.kind === "help") {
      io.stdout(helpText());
      return EXIT.ok;
    }
    return await scoreCommand(command.options, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    io.stderr(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}
