/**
 * The command line's arguments and help: each command declares its options (name, value, help text) and how
 * its arguments become typed options; one parser serves them all. Messages are Chinese, for the user.
 */
import { isIsoDate } from "../method/schema";
import { UsageError } from "./io";
import { pad } from "./table";

export interface OptionSpec {
  /** `--out` */
  name: `--${string}`;
  /** `-q` */
  short?: `-${string}`;
  /** The value's placeholder in the help (`<文件.xlsx>`); absent for a flag. */
  value?: string;
  /** The value may be left out: the next argument is taken only when it is a whole number. */
  optionalNumber?: boolean;
  help: string;
}

/** The options given, by long name: the value, or `true` for a flag. */
export type OptionValues = ReadonlyMap<string, string | true>;

interface CommandSpec<K extends string, O> {
  name: K;
  /** What follows the command's name in the usage line. */
  synopsis: string;
  options: readonly OptionSpec[];
  /** The arguments after the command's name and the options given, as the handler's options; throws UsageError. */
  build(positional: readonly string[], values: OptionValues): O;
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
  /** The face the deck's text is set in (default 微软雅黑). */
  deckFont?: string;
  /** With `out`: the scores of 考核结果 as live formulas over a 计算明细 sheet (docs/method.md §9). */
  formulas: boolean;
  /** Rank robustness: the number of Monte-Carlo draws, and their seed. */
  robustness?: { draws: number; seed: number };
  /** 考核结果报告 (.docx): summary table, 优秀 list, 需集体研究事项, grade counts, the charts. */
  report?: string;
  /** 个人考核结果通知书 (.docx): one page per leader. */
  letters?: string;
  quiet: boolean;
}

/** What `--out` may be named: the extension must match the input's kind, checked once it is read (xlsx.ts). */
const WORKBOOK_NAME = /\.xls[xm]$/i;

const text = (values: OptionValues, name: string): string | undefined => {
  const v = values.get(name);
  return typeof v === "string" ? v : undefined;
};

const SCORE: CommandSpec<"score", ScoreOptions> = {
  name: "score",
  synopsis: "<工作簿.xlsx> [选项]",
  options: [
    {
      name: "--method",
      value: "<文件.json>",
      help: "考核方法文档；不给出时用工作簿的“考核方法”表，没有该表则用默认办法",
    },
    {
      name: "--json",
      value: "<文件>",
      help: "写出结果文档（JSON，含每项得分的计算明细）；写 - 则输出到标准输出（不再打印结果表）",
    },
    { name: "--out", value: "<文件.xlsx>", help: "写出工作簿副本：结果写入“考核结果”表，其他工作表不变" },
    {
      name: "--reference-date",
      value: "<YYYY-MM-DD>",
      help: "资质审查的基准日（默认：考核方法中的基准日，否则为今天）",
    },
    { name: "--quiet", short: "-q", help: "不在标准输出打印结果表" },
    { name: "--charts", value: "<目录>", help: "把会议图表和每人的考核画像写成 PNG（2 倍分辨率）" },
    {
      name: "--pptx",
      value: "<文件.pptx>",
      help: "写出会议幻灯片：标题页，每张会议图表一页（PowerPoint 可编辑的原生图表，其余为图片）",
    },
    { name: "--pptx-portraits", help: "会议幻灯片中再加每人一页个人考核画像（与 --pptx 一起使用）" },
    {
      name: "--deck-font",
      value: "<字体名称>",
      help: "会议幻灯片的字体（默认 微软雅黑；如放映电脑没有该字体，可改为 宋体、SimHei 等）",
    },
    {
      name: "--font",
      value: "<文件>",
      help: "图表图片用的中文字体文件（默认在本机查找；幻灯片文字用微软雅黑）",
    },
    {
      name: "--formulas",
      help: "与 --out 一起使用：“考核结果”的得分写为公式，逐步计算过程写入“计算明细”表，修改输入后随之重算",
    },
    {
      name: "--robustness",
      value: "[N]",
      optionalNumber: true,
      help: "稳健性检验：各项权重随机浮动 ±25%、测评票分值两种方案，重算 N 次（默认 1000）排名，列出名次区间和等次变动比例",
    },
    { name: "--seed", value: "<整数>", help: "与 --robustness 一起使用：随机数种子（默认 1），同一种子结果相同" },
    {
      name: "--report",
      value: "<文件.docx>",
      help: "写出考核结果报告（Word）：结果汇总表、拟定优秀名单、需集体研究事项、等次分布和会议图表",
    },
    {
      name: "--letters",
      value: "<文件.docx>",
      help: "写出个人考核结果通知书（Word）：每人一页，含各项得分、排名、等次及原因和复核方式",
    },
  ],
  build(rest, values) {
    if (rest.length === 0) throw new UsageError("缺少要评分的工作簿（.xlsx 文件）");
    if (rest.length > 1) throw new UsageError(`多余的参数：${rest.slice(1).join(" ")}（一次只评一个工作簿）`);
    const referenceDate = text(values, "--reference-date");
    if (referenceDate !== undefined && !isIsoDate(referenceDate)) {
      throw new UsageError(`--reference-date 应为 YYYY-MM-DD 格式的有效日期，收到：${referenceDate}`);
    }
    const out = text(values, "--out");
    if (out !== undefined && !WORKBOOK_NAME.test(out)) {
      throw new UsageError(`--out 的文件名应以 .xlsx 结尾（含宏的工作簿为 .xlsm）：${out}`);
    }
    const pptx = text(values, "--pptx");
    if (pptx !== undefined && !/\.pptx$/i.test(pptx)) {
      throw new UsageError(`--pptx 的文件名应以 .pptx 结尾：${pptx}`);
    }
    if (values.has("--pptx-portraits") && pptx === undefined) {
      throw new UsageError("--pptx-portraits 只在给出 --pptx 时使用");
    }
    for (const name of ["--report", "--letters"]) {
      const file = text(values, name);
      if (file !== undefined && !/\.docx$/i.test(file)) {
        throw new UsageError(`${name} 的文件名应以 .docx 结尾：${file}`);
      }
    }
    const deckFont = text(values, "--deck-font");
    if (deckFont !== undefined && pptx === undefined) throw new UsageError("--deck-font 只在给出 --pptx 时使用");
    if (deckFont !== undefined && deckFont.trim() === "") throw new UsageError("--deck-font 应为字体名称，如 微软雅黑");
    if (values.has("--formulas") && out === undefined) {
      throw new UsageError("--formulas 只在给出 --out 时使用（公式写入输出的工作簿）");
    }
    const robustness = robustnessOf(values);
    return {
      workbook: rest[0],
      method: text(values, "--method"),
      json: text(values, "--json"),
      out,
      referenceDate,
      charts: text(values, "--charts"),
      font: text(values, "--font"),
      pptx,
      pptxPortraits: values.has("--pptx-portraits"),
      ...(deckFont !== undefined ? { deckFont: deckFont.trim() } : {}),
      formulas: values.has("--formulas"),
      robustness,
      report: text(values, "--report"),
      letters: text(values, "--letters"),
      quiet: values.has("--quiet"),
    };
  },
};

export interface TallyOptions {
  workbook: string;
  out: string;
  method?: string;
  quiet: boolean;
}

/** `--out` is required by tally and ballots; its name must end in .xlsx. */
function outFile(values: OptionValues, what: string): string {
  const out = text(values, "--out");
  if (out === undefined) throw new UsageError(`缺少 --out <文件.xlsx>：${what}写入的工作簿副本`);
  if (!WORKBOOK_NAME.test(out)) throw new UsageError(`--out 的文件名应以 .xlsx 结尾（含宏的工作簿为 .xlsm）：${out}`);
  return out;
}

function oneWorkbook(rest: readonly string[], what: string): string {
  if (rest.length === 0) throw new UsageError(`缺少${what}的工作簿（.xlsx 文件）`);
  if (rest.length > 1) throw new UsageError(`多余的参数：${rest.slice(1).join(" ")}（一次只处理一个工作簿）`);
  return rest[0];
}

const METHOD_OPTION: OptionSpec = {
  name: "--method",
  value: "<文件.json>",
  help: "考核方法文档；不给出时用工作簿的“考核方法”表，没有该表则用默认办法",
};

const TALLY: CommandSpec<"tally", TallyOptions> = {
  name: "tally",
  synopsis: "<工作簿.xlsx> --out <文件.xlsx> [选项]",
  options: [
    {
      name: "--out",
      value: "<文件.xlsx>",
      help: "写出工作簿副本：汇总“测评票”（核对“测评票（复核）”、“测评组织”）得到的票数写入“民主测评”表，其他工作表不变",
    },
    METHOD_OPTION,
    { name: "--quiet", short: "-q", help: "不在标准输出打印汇总情况" },
  ],
  build(rest, values) {
    return {
      workbook: oneWorkbook(rest, "要汇总测评票"),
      out: outFile(values, "汇总结果"),
      method: text(values, "--method"),
      quiet: values.has("--quiet"),
    };
  },
};

export interface BallotsOptions {
  workbook: string;
  out: string;
  method?: string;
  /** Print the overall item 综合评价 on the ballots even when the method does not weigh it. */
  overall: boolean;
  quiet: boolean;
}

const BALLOTS: CommandSpec<"ballots", BallotsOptions> = {
  name: "ballots",
  synopsis: "<工作簿.xlsx> --out <文件.xlsx> [选项]",
  options: [
    {
      name: "--out",
      value: "<文件.xlsx>",
      help: "写出工作簿副本：按“考核对象”每个单位一张空白测评票，写入“测评票（空白）”表（A4 纵向，每单位一页）",
    },
    METHOD_OPTION,
    {
      name: "--overall",
      help: "测评票上加“综合评价”一项（考核方法中综合评价有权重或规定了综合评价优秀比例上限时自动加上）",
    },
    { name: "--quiet", short: "-q", help: "不在标准输出打印生成情况" },
  ],
  build(rest, values) {
    return {
      workbook: oneWorkbook(rest, "要生成测评票"),
      out: outFile(values, "空白测评票"),
      method: text(values, "--method"),
      overall: values.has("--overall"),
      quiet: values.has("--quiet"),
    };
  },
};

const MAX_DRAWS = 100_000;

function wholeNumber(v: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`${option} 应为 ${min}～${max} 的整数，收到：${v}`);
  }
  return Number(v);
}

function robustnessOf(values: OptionValues): ScoreOptions["robustness"] {
  const r = values.get("--robustness");
  const seed = text(values, "--seed");
  if (r === undefined) {
    if (seed !== undefined) throw new UsageError("--seed 只在给出 --robustness 时使用");
    return undefined;
  }
  return {
    draws: r === true ? 1000 : wholeNumber(r, "--robustness", 1, MAX_DRAWS),
    seed: seed === undefined ? 1 : wholeNumber(seed, "--seed", 0, 2 ** 32 - 1),
  };
}

export interface TermOptions {
  /** The yearly workbooks, in chronological order. */
  workbooks: string[];
  /** One weight per workbook; all 1 when not given. */
  weights: number[];
  json?: string;
  out?: string;
  quiet: boolean;
}

const TERM: CommandSpec<"term", TermOptions> = {
  name: "term",
  synopsis: "<第一年.xlsx> <第二年.xlsx> … [选项]",
  options: [
    {
      name: "--weights",
      value: "<1,1,2>",
      help: "各年度在任期得分中的权重，按文件顺序用逗号分隔（默认各年相同）",
    },
    { name: "--json", value: "<文件>", help: "写出任期结果（JSON）；写 - 则输出到标准输出" },
    {
      name: "--out",
      value: "<文件.xlsx>",
      help: "写出最后一年工作簿的副本，加入“任期考核”表（其他工作表不变）",
    },
    { name: "--quiet", short: "-q", help: "不在标准输出打印结果表" },
  ],
  build(rest, values) {
    if (rest.length === 0) throw new UsageError("缺少各年度的工作簿（按年度先后给出含“考核结果”表的 .xlsx 文件）");
    const out = text(values, "--out");
    if (out !== undefined && !WORKBOOK_NAME.test(out)) {
      throw new UsageError(`--out 的文件名应以 .xlsx 结尾（含宏的工作簿为 .xlsm）：${out}`);
    }
    const w = text(values, "--weights");
    let weights = rest.map(() => 1);
    if (w !== undefined) {
      const parts = w.split(/[,，]/).map((s) => s.trim());
      if (parts.length !== rest.length) {
        throw new UsageError(`--weights 给出了 ${parts.length} 个权重，而工作簿有 ${rest.length} 个：${w}`);
      }
      weights = parts.map((s) => {
        const x = Number(s);
        if (s === "" || !Number.isFinite(x) || x < 0) throw new UsageError(`--weights 中的「${s}」应为不小于 0 的数`);
        return x;
      });
      if (weights.every((x) => x === 0)) throw new UsageError("--weights 不能全为 0");
    }
    return { workbooks: [...rest], weights, json: text(values, "--json"), out, quiet: values.has("--quiet") };
  },
};

/** Every command, in the order of the help. */
const COMMANDS = [SCORE, TALLY, BALLOTS, TERM] as const;

type Parsed<C> = C extends CommandSpec<infer K, infer O> ? { kind: K; options: O } : never;
export type Command = { kind: "help" } | Parsed<(typeof COMMANDS)[number]>;
export type CommandName = (typeof COMMANDS)[number]["name"];

const HELP: OptionSpec = { name: "--help", short: "-h", help: "显示本帮助" };

/** Every option of every command by name and short name; an option means the same in every command. */
const ALL_OPTIONS = new Map<string, OptionSpec>();
for (const o of [HELP, ...COMMANDS.flatMap((c) => c.options)]) {
  const seen = ALL_OPTIONS.get(o.name);
  if (seen !== undefined && (seen.value === undefined) !== (o.value === undefined)) {
    throw new Error(`option ${o.name} takes a value in one command and not in another`);
  }
  ALL_OPTIONS.set(o.name, o);
  if (o.short !== undefined) ALL_OPTIONS.set(o.short, o);
}

const commandList = (): string => COMMANDS.map((c) => c.name).join("、");
const available = (): string => `可用的命令：${commandList()}`;

const commandUsage = (c: (typeof COMMANDS)[number]): string => `npm run --silent cli -- ${c.name} ${c.synopsis}`;

/** The short usage printed after a usage error: of the command named in `argv` when there is one. */
export function usageLine(argv: readonly string[] = []): string {
  const named = COMMANDS.find((c) => argv.includes(c.name));
  return named === undefined
    ? "用法：npm run --silent cli -- <命令> [选项]（--help 查看全部命令和选项）"
    : `用法：${commandUsage(named)}（--help 查看全部选项）`;
}

const optionLabel = (o: OptionSpec): string =>
  `${o.short === undefined ? "" : `${o.short}, `}${o.name}${o.value === undefined ? "" : ` ${o.value}`}`;

export function helpText(): string {
  const sections = COMMANDS.flatMap((c) => {
    const rows = [...c.options, HELP].map((o): [string, string] => [optionLabel(o), o.help]);
    const w = Math.max(...rows.map(([o]) => o.length));
    return [`${c.name} 的选项：`, ...rows.map(([o, d]) => `  ${pad(o, w)}  ${d}`), ""];
  });
  return [
    "考评 Kaoping — 企业党组织负责人考核评价（命令行）",
    "",
    "用法：",
    ...COMMANDS.map((c) => `  ${commandUsage(c)}`),
    "",
    ...sections,
    "退出码：",
    "  0  完成（警告逐条写到标准错误输出，如无效测评票、参评率不足的单位）",
    "  1  工作簿有错误：逐条列出“工作表!单元格 错误：原因”，不写出任何文件",
    "  2  用法错误：未知选项、缺少参数、文件无法读取、考核方法文档无效等",
    "",
  ].join("\n");
}

/** Parses the arguments after `cli --`; throws UsageError. Options may come before or after the command. */
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
    const spec = ALL_OPTIONS.get(rawName);
    if (!spec) throw new UsageError(`未知选项：${rawName}`);
    const name = spec.name;
    if (spec === HELP) {
      help = true;
      continue;
    }
    if (values.has(name)) throw new UsageError(`选项 ${name} 只能给出一次`);
    if (spec.value === undefined) {
      if (eq >= 0) throw new UsageError(`选项 ${name} 不带参数`);
      values.set(name, true);
      continue;
    }
    if (spec.optionalNumber && eq < 0) {
      // `--robustness` alone, or followed by its count: only a whole number is taken as the value.
      if (i + 1 < argv.length && /^\d+$/.test(argv[i + 1])) values.set(name, argv[++i]);
      else values.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) value = argv[++i];
    if (value === undefined || value === "") throw new UsageError(`选项 ${name} 缺少参数`);
    values.set(name, value);
  }

  if (help) return { kind: "help" };

  const [name, ...rest] = positional;
  if (name === undefined) throw new UsageError(`缺少命令：${available()}`);
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) throw new UsageError(`未知命令：${name}（${available()}）`);
  for (const given of values.keys()) {
    if (!command.options.some((o) => o.name === given)) {
      throw new UsageError(`选项 ${given} 不适用于 ${command.name} 命令`);
    }
  }
  return buildCommand(command, rest, values);
}

/** The command's typed options; the union keeps each command's kind with its own options. */
function buildCommand(c: (typeof COMMANDS)[number], rest: readonly string[], values: OptionValues): Command {
  switch (c.name) {
    case "score":
      return { kind: "score", options: SCORE.build(rest, values) };
    case "term":
      return { kind: "term", options: TERM.build(rest, values) };
    case "tally":
      return { kind: "tally", options: TALLY.build(rest, values) };
    case "ballots":
      return { kind: "ballots", options: BALLOTS.build(rest, values) };
  }
}
