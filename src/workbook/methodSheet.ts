/**
 * The `考核方法` sheet (docs/method.md §1): the method document of §7 as a sheet an HR officer can read and edit,
 * and back. The sheet is a title, an instruction line, then sections — a row `【节名】`, a header row, data
 * rows up to the next section. Parameters are keyed by the 键 column (their JSON path), so the Chinese labels
 * may be reworded; a section or parameter row that is absent keeps its default.
 */

import { defaultMethod } from "../method/defaults";
import { GRADES, loadMethod, mergeOver } from "../method/schema";
import type { Method, PersonalEffect } from "../method/types";
import { a1, cellAddress } from "./address";
import { cellText, formatYMD, parseDate, parseNumber } from "./cells";
import type { Diagnostic } from "./diagnostic";
import { error, sortDiagnostics } from "./diagnostic";
import type { CellValue, Grid } from "./grid";
import { cellAt } from "./grid";
import { foldWidth, headerKey, nameKey, removeSpaces } from "./normalize";
import { displayWidth } from "./textWidth";

export const METHOD_SHEET = "考核方法";

/**
 * The sheet's content for a method: a plain Grid plus presentation hints for the writers.
 * Rows are 0-based as in Grid. Row 0 is the title and row 1 the instruction line.
 */
export interface MethodSheet {
  grid: Grid;
  /** Rows holding a section title `【…】` (bold, shaded). */
  sectionRows: number[];
  /** Rows holding a section's column headers. */
  headerRows: number[];
  /** One per column from A, in Excel character units. */
  widths: number[];
  /** A1 address (without the sheet name) → the text of a cell note. */
  notes: Record<string, string>;
}

export type MethodSheetRead =
  | { ok: true; /** The full method document the sheet describes. */ doc: unknown; method: Method }
  | { ok: false; errors: Diagnostic[] };

type Json = unknown;
type JsonObject = Record<string, Json>;

// ───────────────────────────── the parameters of 【基本参数】 ─────────────────────────────

type ScalarKind =
  | "text"
  | "number"
  /** A number shown as a percentage figure (20 = 20%): `20%` typed as text, or a %-formatted cell, reads 20. */
  | "percent"
  | "bool"
  | "date"
  | "grade"
  | "ties"
  | "education"
  | "title"
  | "list"
  /** Text that may be left blank, read as null. */
  | "optionalText"
  | "rounding"
  | "voteCaps"
  /** A fraction of 1 that may be left blank (null: the rule is off); `30%` typed as text reads 0.3. */
  | "optionalShare";

interface ScalarSpec {
  key: string;
  label: string;
  kind: ScalarKind;
  help: string;
}

const SCALARS: readonly ScalarSpec[] = [
  { key: "name", label: "方法名称", kind: "text", help: "显示在考核结果和会议材料中" },
  { key: "referenceDate", label: "资质审查基准日", kind: "date", help: "计算年龄、党龄、工龄的日期；留空则按运行当天" },
  {
    key: "economic.stepPercent",
    label: "每档偏差（%）",
    kind: "percent",
    help: "完成值偏离目标每达到此百分比计为一档",
  },
  { key: "economic.pointsPerStep", label: "每档得分", kind: "number", help: "每一档加（扣）的分数" },
  { key: "economic.basePoints", label: "基准分", kind: "number", help: "单项指标得分 = 1 + 加扣分 ÷ 基准分" },
  {
    key: "economic.stepwise",
    label: "逐档计分",
    kind: "bool",
    help: "是：不足一档的部分不计分；否：按偏差比例连续计分",
  },
  { key: "economic.maxBonusPoints", label: "单项指标加分上限", kind: "number", help: "每个指标最多加的分数" },
  { key: "economic.maxPenaltyPoints", label: "单项指标扣分上限", kind: "number", help: "每个指标最多扣的分数" },
  {
    key: "economic.belowBaseCapsOthers",
    label: "一项低于基准则其余封顶",
    kind: "bool",
    help: "是：任一指标得分低于基准时，该单位其余指标得分不超过基准",
  },
  {
    key: "economic.lossReductionFactor",
    label: "减亏折算系数",
    kind: "number",
    help: "目标为亏损时，减亏部分按此系数折算",
  },
  {
    key: "economic.lossMaxBonusPoints",
    label: "亏损目标加分上限",
    kind: "number",
    help: "目标为亏损的指标最多加的分数",
  },
  {
    key: "economic.minAvailableShare",
    label: "指标最低有效权重占比",
    kind: "number",
    help: "有数据的指标权重合计占比（0～1）低于此值时，经营业绩暂缺",
  },
  {
    key: "work.weights.economic",
    label: "工作业绩权重-经营业绩",
    kind: "number",
    help: "党建工作指导员的此项权重按 0 计",
  },
  {
    key: "work.weights.keyTasks",
    label: "工作业绩权重-重点工作",
    kind: "number",
    help: "四项加权平均，缺项按其余各项折算",
  },
  { key: "work.weights.partyBuilding", label: "工作业绩权重-党的建设", kind: "number", help: "" },
  { key: "work.weights.safety", label: "工作业绩权重-安全稳定", kind: "number", help: "" },
  { key: "final.workWeight", label: "综合得分权重-工作业绩", kind: "number", help: "综合得分 = 两项加权平均 + 加减分" },
  { key: "final.democraticWeight", label: "综合得分权重-民主测评", kind: "number", help: "" },
  { key: "final.maxBonus", label: "加分合计上限", kind: "number", help: "加分合计最多计入的分数（减分不设上限）" },
  { key: "democratic.minBallots", label: "最少有效票数", kind: "number", help: "测评票合计少于此数时，民主测评暂缺" },
  {
    key: "grades.excellentQuotaPercent",
    label: "优秀名额比例（%）",
    kind: "percent",
    help: "优秀人数不超过参评人数的此比例（至少 1 名）",
  },
  { key: "grades.vetoCap", label: "有否决事项时最高等次", kind: "grade", help: "单位有否决事项的，等次最高为此" },
  { key: "grades.lossCap", label: "仍亏损单位最高等次", kind: "grade", help: "单位仍处于亏损的，等次最高为此" },
  {
    key: "grades.quotaRounding",
    label: "优秀名额取整",
    kind: "rounding",
    help: "参评人数×比例不是整数时：向下取整，或四舍五入（至少 1 名）",
  },
  {
    key: "grades.quotaGroupColumn",
    label: "优秀名额分组列",
    kind: "optionalText",
    help: "考核对象表中的列名（如 考核类别、职务层级）：按该列分组分别计算名额；留空则全体统一计算",
  },
  {
    key: "grades.voteCaps",
    label: "票数规则",
    kind: "voteCaps",
    help: "不称职票超过三分之一、称职以上票不足三分之二时：直接限定等次，或仅作标记提请组织研究",
  },
  { key: "ranking.ties", label: "并列名次排法", kind: "ties", help: "竞争排名：1,2,2,4；中国式排名：1,2,2,3" },
  {
    key: "democratic.overall.name",
    label: "综合评价项名称",
    kind: "text",
    help: "民主测评表“维度”列中表示总体评价的取值",
  },
  { key: "democratic.overall.aliases", label: "综合评价项别名", kind: "list", help: "用“、”分隔" },
  {
    key: "democratic.overall.weight",
    label: "综合评价项权重",
    kind: "number",
    help: "计入民主测评得分时与各维度并列的权重；0 表示不计入得分（有综合评价票时，优秀率等比例和票数规则按其计算）",
  },
  {
    key: "ballots.invalidIfAllSame",
    label: "全部评价相同的测评票无效",
    kind: "bool",
    help: "是：一张测评票对所有人、所有项目的评价全部相同时，视为无效票",
  },
  {
    key: "ballots.maxExcellentShare",
    label: "综合评价优秀比例上限",
    kind: "optionalShare",
    help: "如 0.3：一张测评票综合评价为优秀的人数超过票上人数×此比例（向下取整，至少 1 人）时无效；留空则不限",
  },
  {
    key: "ballots.minTurnout",
    label: "最低参评率",
    kind: "optionalShare",
    help: "如 0.6667：单位收回的测评票少于测评组织表应到人数合计×此比例时，该单位民主测评无效；留空则不限",
  },
  { key: "qualification.minAge", label: "最低年龄（周岁）", kind: "number", help: "资质审查：年满此周岁" },
  { key: "qualification.minEducation", label: "最低学历", kind: "education", help: "中专、大专、本科、硕士、博士之一" },
  { key: "qualification.minPartyYears", label: "最低党龄（年）", kind: "number", help: "" },
  { key: "qualification.minWorkYears", label: "最低工龄（年）", kind: "number", help: "" },
  { key: "qualification.minTitle", label: "最低职称", kind: "title", help: "初级、中级、副高级、正高级之一" },
  { key: "qualification.minDepartments", label: "最少部门经历数", kind: "number", help: "" },
  { key: "qualification.minPostYears", label: "最低相关任职年限（年）", kind: "number", help: "" },
  { key: "qualification.health", label: "健康状况要求", kind: "list", help: "符合其一即可，用“、”分隔" },
  {
    key: "qualification.preferredMajors",
    label: "优先专业",
    kind: "list",
    help: "用“、”分隔；仅作提示，不影响是否符合",
  },
  {
    key: "papers.reviewNotice",
    label: "复核告知",
    kind: "text",
    help: "个人考核结果通知书中告知如何申请复核的一段话（不超过 300 字）",
  },
];

// ───────────────────────────── sections ─────────────────────────────

type SectionId = "basic" | "indicators" | "ratings" | "categories" | "dimensions" | "groups" | "bands" | "personal";

interface SectionColumn {
  id: string;
  header: string;
  /** Other header texts accepted for the column. */
  synonyms: readonly string[];
  required: boolean;
}

interface SectionSpec {
  id: SectionId;
  title: string;
  /** The method document path the section replaces; "" for 【基本参数】 (one path per row). */
  path: string;
  /** Shown beside the title on the sheet. */
  hint: string;
  note: string;
  columns: readonly SectionColumn[];
}

const col = (id: string, header: string, synonyms: readonly string[] = [], required = true): SectionColumn => ({
  id,
  header,
  synonyms,
  required,
});

const SECTIONS: readonly SectionSpec[] = [
  {
    id: "basic",
    title: "基本参数",
    path: "",
    hint: "修改“值”列即可；“键”列供程序识别，请勿改动",
    note: "每行一个参数。程序按“键”列识别参数，“项目”“说明”可以改写。删除某一行，该参数使用默认值。",
    // 项目 and 键 are each optional, but a row needs one of them (checked per row); 说明 is not read.
    columns: [
      col("label", "项目", ["参数", "参数名称"], false),
      col("value", "值", ["数值", "取值", "参数值"]),
      col("help", "说明", ["备注"], false),
      col("key", "键", [], false),
    ],
  },
  {
    id: "indicators",
    title: "经营业绩指标",
    path: "economic.indicators",
    hint: "每行一个指标；别名用“、”分隔；方向填 正向 或 逆向",
    note: "经营业绩表按“指标”或“别名”识别列。正向：越高越好；逆向：越低越好。增删行即增删指标。",
    columns: [
      col("name", "指标", ["指标名称"]),
      col("aliases", "别名"),
      col("weight", "权重"),
      col("direction", "方向", ["指标方向"]),
    ],
  },
  {
    id: "ratings",
    title: "工作评价等级",
    path: "ratings",
    hint: "工作评价表中可填写的评价词及其分值（0～100）",
    note: "重点工作、党的建设、安全稳定可以填分数，也可以填这里的评价词。",
    columns: [col("word", "评价词", ["评价"]), col("points", "分值", ["分数"])],
  },
  {
    id: "categories",
    title: "测评票类",
    path: "democratic.categories",
    hint: "恰好四行，依次为 优秀、称职、基本称职、不称职",
    note: "民主测评每票的分值。别名是民主测评表中可用的列名，用“、”分隔。",
    columns: [col("name", "票类", ["档次"]), col("aliases", "别名"), col("points", "分值", ["分数"])],
  },
  {
    id: "dimensions",
    title: "测评维度",
    path: "democratic.dimensions",
    hint: "各维度在民主测评中的权重",
    note: "民主测评表“维度”列的取值及其权重。",
    columns: [col("name", "维度"), col("weight", "权重")],
  },
  {
    id: "groups",
    title: "测评人类别",
    path: "democratic.groups",
    hint: "各类测评人的权重；别名用“、”分隔",
    note: "民主测评表“测评人类别”列的取值（或其别名）及其权重。",
    columns: [col("name", "类别", ["测评人类别"]), col("aliases", "别名"), col("weight", "权重")],
  },
  {
    id: "bands",
    title: "等次分数线",
    path: "grades.bands",
    hint: "综合得分达到最低分即为该等次；不称职的最低分留空",
    note: "恰好四行，依次为 优秀、称职、基本称职、不称职，分数线逐级降低。",
    columns: [col("grade", "等次"), col("min", "最低分", ["分数线"])],
  },
  {
    id: "personal",
    title: "个人情况规则",
    path: "personal.rules",
    hint: "个人情况表中“情形”的取值及其处理；别名用“、”分隔；最少天数留空表示有此情形即适用",
    note:
      "处理填 暂缓确定等次、确定为不称职、不确定等次 或 不得确定为优秀。一人有多项情形时按最重的处理（依此顺序）。" +
      "填了最少天数的，同一人该情形各行天数合计达到此数才适用。",
    columns: [
      col("name", "情形", ["情形名称"]),
      col("aliases", "别名"),
      col("effect", "处理", ["处理方式", "影响"]),
      col("minDays", "最少天数", ["天数"], false),
    ],
  },
];

const INSTRUCTION = "修改“值”列即可；删除某一行或某一节，该部分使用默认值；删除本表则使用默认办法。";

// ───────────────────────────── words ─────────────────────────────

const DIRECTION_WORDS: Readonly<Record<"higher" | "lower", readonly string[]>> = {
  higher: ["正向", "正", "higher", "越高越好", "越大越好"],
  lower: ["逆向", "反向", "逆", "lower", "越低越好", "越小越好"],
};
const TIES_WORDS: Readonly<Record<"competition" | "dense", readonly string[]>> = {
  competition: ["竞争排名", "竞争", "标准排名", "competition", "1,2,2,4", "1224"],
  dense: ["中国式排名", "中国式", "密集排名", "dense", "1,2,2,3", "1223"],
};
const TIES_LABEL: Readonly<Record<"competition" | "dense", string>> = { competition: "竞争排名", dense: "中国式排名" };
const ROUNDING_WORDS: Readonly<Record<"floor" | "round", readonly string[]>> = {
  floor: ["向下取整", "取整", "舍去", "floor"],
  round: ["四舍五入", "round"],
};
const VOTE_CAPS_WORDS: Readonly<Record<"cap" | "flag", readonly string[]>> = {
  cap: ["直接限定等次", "限定等次", "限档", "cap"],
  flag: ["仅作标记", "标记", "仅提示", "提请研究", "flag"],
};
/** The first word of each list is what the sheet is written with. */
const EFFECT_WORDS: Readonly<Record<PersonalEffect, readonly string[]>> = {
  pending: ["暂缓确定等次", "暂缓评定", "暂缓", "pending"],
  unfit: ["确定为不称职", "不称职", "unfit"],
  noGrade: ["不确定等次", "不定等次", "noGrade"],
  noExcellent: ["不得确定为优秀", "不得评为优秀", "不得优秀", "noExcellent"],
};
const PERSONAL_EFFECT_LIST = Object.keys(EFFECT_WORDS) as PersonalEffect[];
const BOOL_WORDS: Readonly<Record<"true" | "false", readonly string[]>> = {
  true: ["是", "true", "yes", "y", "1", "对", "√", "✓", "启用"],
  false: ["否", "false", "no", "n", "0", "错", "×", "✗", "不启用", "停用"],
};
const EDUCATION_WORDS: Readonly<Record<string, readonly string[]>> = {
  中专: ["中专", "中职", "中技", "高中", "职高", "技校"],
  大专: ["大专", "专科", "大学专科", "高职"],
  本科: ["本科", "大学本科", "大学", "学士"],
  硕士: ["硕士", "研究生", "硕士研究生"],
  博士: ["博士", "博士研究生"],
};
const TITLE_WORDS: Readonly<Record<string, readonly string[]>> = {
  初级: ["初级", "初级职称"],
  中级: ["中级", "中级职称"],
  副高级: ["副高级", "副高", "高级", "副高级职称"],
  正高级: ["正高级", "正高", "正高级职称"],
};
const FOOTNOTE_PREFIXES = ["注", "说明", "备注"];

/** Compared after folding width, removing spaces and case: `ＴＲＵＥ`, ` 是 ` and `True` all read. */
const wordKey = (s: string) => removeSpaces(foldWidth(s)).toLowerCase();

function lookupWord<T extends string>(table: Readonly<Record<T, readonly string[]>>, text: string): T | null {
  const k = wordKey(text);
  for (const [value, words] of Object.entries(table) as [T, readonly string[]][]) {
    if (words.some((w) => wordKey(w) === k)) return value;
  }
  return null;
}

/** Separators of a list in one cell: 、 , ， ; ； and line breaks. Items keep their text as typed. */
function splitList(v: CellValue): string[] {
  return cellText(v)
    .split(/[、,，;；\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

// ───────────────────────────── writing ─────────────────────────────

function getPath(obj: Json, path: string): Json {
  let cur = obj;
  for (const k of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as JsonObject)[k];
  }
  return cur;
}

function setPath(obj: JsonObject, path: string, value: Json): void {
  const keys = path.split(".");
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    if (typeof next !== "object" || next === null || Array.isArray(next)) cur[k] = {};
    cur = cur[k] as JsonObject;
  }
  cur[keys[keys.length - 1]] = value;
}

/** A percentage figure; one below 1 is written as text `0.5%` so that it cannot be taken for a fraction. */
function percentCell(v: number): CellValue {
  return v > 0 && v < 1 ? `${v}%` : v;
}

function scalarCell(spec: ScalarSpec, v: Json): CellValue {
  switch (spec.kind) {
    case "bool":
      return v === true ? "是" : "否";
    case "ties":
      return TIES_LABEL[v === "dense" ? "dense" : "competition"];
    case "list":
      return Array.isArray(v) ? v.join("、") : "";
    case "rounding":
      return ROUNDING_WORDS[v === "round" ? "round" : "floor"][0];
    case "voteCaps":
      return VOTE_CAPS_WORDS[v === "flag" ? "flag" : "cap"][0];
    case "percent":
      return typeof v === "number" ? percentCell(v) : null;
    case "number":
    case "optionalShare":
      return typeof v === "number" ? v : null;
    default:
      return typeof v === "string" ? v : null;
  }
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 56;

export function methodToSheet(m: Method): MethodSheet {
  const rows: CellValue[][] = [[m.name], [INSTRUCTION]];
  const sectionRows: number[] = [];
  const headerRows: number[] = [];
  const notes: Record<string, string> = {};
  const section = (id: SectionId, data: CellValue[][]) => {
    const spec = SECTIONS.find((s) => s.id === id)!;
    rows.push([]);
    sectionRows.push(rows.length);
    notes[a1(rows.length, 0)] = spec.note;
    rows.push([`【${spec.title}】`, spec.hint]);
    headerRows.push(rows.length);
    rows.push(spec.columns.map((c) => c.header));
    rows.push(...data);
  };

  section(
    "basic",
    SCALARS.map((s) => [s.label, scalarCell(s, getPath(m, s.key)), s.help, s.key]),
  );
  notes[a1(headerRows[0], 3)] = "程序按此列识别参数，请勿修改。";
  section(
    "indicators",
    m.economic.indicators.map((i) => [
      i.name,
      i.aliases.join("、"),
      i.weight,
      i.direction === "lower" ? "逆向" : "正向",
    ]),
  );
  section(
    "ratings",
    Object.entries(m.ratings).map(([word, points]) => [word, points]),
  );
  section(
    "categories",
    m.democratic.categories.map((c) => [c.name, c.aliases.join("、"), c.points]),
  );
  section(
    "dimensions",
    Object.entries(m.democratic.dimensions).map(([name, weight]) => [name, weight]),
  );
  section(
    "groups",
    m.democratic.groups.map((g) => [g.name, g.aliases.join("、"), g.weight]),
  );
  section(
    "bands",
    m.grades.bands.map((b) => [b.grade, b.min]),
  );
  section(
    "personal",
    m.personal.rules.map((r) => [r.name, r.aliases.join("、"), EFFECT_WORDS[r.effect][0], r.minDays ?? null]),
  );

  // Widths from headers and data only: the title, the instruction and the section hints overflow to the right.
  const skip = new Set([0, 1, ...sectionRows]);
  const widths = [0, 1, 2, 3].map((c) => {
    let w = 0;
    rows.forEach((row, r) => {
      if (!skip.has(r)) w = Math.max(w, displayWidth(cellText(row[c] ?? null)));
    });
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
  });

  return { grid: { name: METHOD_SHEET, rows }, sectionRows, headerRows, widths, notes };
}

// ───────────────────────────── reading ─────────────────────────────

/** Where a path of the method document sits on the sheet, to report loadMethod's findings there. */
interface Location {
  row: number;
  col: number;
  label: string;
  /** The cell was empty (a finding there is then "不能为空"). */
  blank: boolean;
  /** A section's title cell, standing for the whole section. */
  section?: SectionId;
}

interface FoundSection {
  spec: SectionSpec;
  titleRow: number;
  titleCol: number;
  columns: Map<string, number>;
  dataRows: number[];
}

const rowOf = (grid: Grid, r: number): CellValue[] => grid.rows[r] ?? [];

function isBlankCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && removeSpaces(v) === "");
}

function nonBlankCols(grid: Grid, r: number): number[] {
  const out: number[] = [];
  rowOf(grid, r).forEach((v, c) => {
    if (!isBlankCell(v)) out.push(c);
  });
  return out;
}

/** The section title of a row, `【基本参数】` (also `[基本参数]`), or null. */
function titleOf(grid: Grid, r: number): { title: string; col: number } | null {
  const cols = nonBlankCols(grid, r);
  if (cols.length === 0) return null;
  const v = cellAt(grid, r, cols[0]);
  if (typeof v !== "string") return null;
  const m = /^[【[]\s*([^【】[\]]+?)\s*[】\]]$/.exec(foldWidth(v).trim());
  return m ? { title: m[1], col: cols[0] } : null;
}

/** A footnote line: one cell, starting with 注, 说明 or 备注. */
function isFootnote(grid: Grid, r: number): boolean {
  const cols = nonBlankCols(grid, r);
  if (cols.length !== 1) return false;
  const t = removeSpaces(foldWidth(cellText(cellAt(grid, r, cols[0]))));
  return FOOTNOTE_PREFIXES.some((p) => t.startsWith(p));
}

/** Turns -0 into 0 and 0.07 * 100 = 7.000000000000001 into 7: a percentage typed in Excel is a short decimal. */
function times100(v: number): number {
  const x = Number((v * 100).toPrecision(15));
  return x === 0 ? 0 : x;
}

type Parsed = { ok: true; value: Json; blank: boolean } | { ok: false; message: string };

const good = (value: Json, blank = false): Parsed => ({ ok: true, value, blank });
const bad = (message: string): Parsed => ({ ok: false, message });

function readNumber(v: CellValue, label: string): Parsed {
  const p = parseNumber(v);
  if (p.kind === "missing") return good(null, true);
  if (p.kind === "invalid") return bad(`${label}「${p.text}」不是有效的数字`);
  return good(p.value);
}

/**
 * A percentage figure: 20 means 20%. `20%` typed as text reads 20, and so does a cell Excel formatted as a
 * percentage (it holds 0.2): a value strictly between 0 and 1 is taken as such a fraction.
 */
function readPercent(v: CellValue, label: string): Parsed {
  if (typeof v === "string") {
    const s = removeSpaces(foldWidth(v));
    if (s.endsWith("%")) return readNumber(s.slice(0, -1), label);
    return readNumber(v, label);
  }
  const p = readNumber(v, label);
  if (p.ok && typeof p.value === "number" && p.value > 0 && p.value < 1) return good(times100(p.value));
  return p;
}

function readScalar(spec: ScalarSpec, v: CellValue, label: string): Parsed {
  const text = cellText(v).trim();
  const blank = isBlankCell(v);
  switch (spec.kind) {
    case "number":
      return readNumber(v, label);
    case "percent":
      return readPercent(v, label);
    case "text":
      return good(text, blank);
    case "optionalText":
      return good(blank ? null : text, blank);
    case "optionalShare": {
      if (typeof v === "string") {
        const t = removeSpaces(foldWidth(v));
        if (t.endsWith("%")) {
          const p = readNumber(t.slice(0, -1), label);
          return p.ok && typeof p.value === "number" ? good(Number((p.value / 100).toPrecision(15))) : p;
        }
      }
      const p = readNumber(v, label);
      return p.ok && p.blank ? good(null, false) : p;
    }
    case "rounding": {
      if (blank) return good(null, true);
      const t = lookupWord(ROUNDING_WORDS, text);
      return t === null ? bad(`${label}应填“向下取整”或“四舍五入”，不能是「${text}」`) : good(t);
    }
    case "voteCaps": {
      if (blank) return good(null, true);
      const t = lookupWord(VOTE_CAPS_WORDS, text);
      return t === null ? bad(`${label}应填“直接限定等次”或“仅作标记”，不能是「${text}」`) : good(t);
    }
    case "list":
      return good(splitList(v), blank);
    case "bool": {
      if (typeof v === "boolean") return good(v);
      if (typeof v === "number" && (v === 0 || v === 1)) return good(v === 1);
      if (blank) return good(null, true);
      const b = lookupWord(BOOL_WORDS, text);
      return b === null ? bad(`${label}应填“是”或“否”，不能是「${text}」`) : good(b === "true");
    }
    case "ties": {
      if (blank) return good(null, true);
      const t = lookupWord(TIES_WORDS, text);
      return t === null ? bad(`${label}应填“竞争排名”或“中国式排名”，不能是「${text}」`) : good(t);
    }
    case "date": {
      const d = parseDate(v);
      if (d === "missing") return good(null, true);
      if (d === "invalid") return bad(`${label}「${text}」不是有效的日期（如 2024-12-31），不用时请留空`);
      return good(formatYMD(d));
    }
    case "grade": {
      const g = GRADES.find((x) => x === nameKey(text));
      return good(g ?? text, blank);
    }
    case "education":
      return good(lookupWord(EDUCATION_WORDS, text) ?? text, blank);
    case "title":
      return good(lookupWord(TITLE_WORDS, text) ?? text, blank);
  }
}

/** Reads the 考核方法 sheet into a method: the sheet's values over the defaults, validated as a whole. */
export function readMethodSheet(grid: Grid): MethodSheetRead {
  const sheet = grid.name;
  const errors: Diagnostic[] = [];
  const addr = (r: number, c: number) => cellAddress(sheet, r, c);
  const fail = (r: number, c: number, code: string, message: string) => errors.push(error(addr(r, c), code, message));
  const locations = new Map<string, Location>();

  const sections = findSections(grid, fail);
  const patch: JsonObject = {};
  // Records replace as a whole, as arrays do: a rating deleted from the sheet is gone, not restored by merging.
  const base = defaultMethod();

  for (const s of sections.values()) {
    if (s.spec.path !== "")
      locations.set(s.spec.path, {
        row: s.titleRow,
        col: s.titleCol,
        label: s.spec.title,
        blank: false,
        section: s.spec.id,
      });
    const at = (id: string) => s.columns.get(id) ?? 0;
    const cell = (r: number, id: string): CellValue => (s.columns.has(id) ? cellAt(grid, r, s.columns.get(id)!) : null);
    const header = (id: string) => s.spec.columns.find((c) => c.id === id)!.header;
    /** Reads a field, records where it sits; on a parse error reports it and gives null. */
    const field = (path: string, r: number, id: string, read: (v: CellValue, label: string) => Parsed): Json => {
      const label = header(id);
      const p = read(cell(r, id), label);
      const c = at(id);
      // Registered even when unreadable, so that loadMethod's finding on the null stays with this cell.
      locations.set(path, { row: r, col: c, label, blank: p.ok && p.blank });
      if (!p.ok) {
        fail(r, c, "invalidValue", p.message);
        return null;
      }
      return p.value;
    };
    const text = (v: CellValue) => good(cellText(v).trim(), isBlankCell(v));
    const list = (v: CellValue) => good(splitList(v), isBlankCell(v));

    switch (s.spec.id) {
      case "basic":
        readBasic(grid, s, patch, locations, fail);
        break;
      case "indicators":
        setPath(
          patch,
          "economic.indicators",
          s.dataRows.map((r, i) => {
            const p = `economic.indicators[${i}]`;
            locations.set(p, { row: r, col: s.columns.get("name")!, label: "指标", blank: false });
            return {
              name: field(`${p}.name`, r, "name", text),
              aliases: field(`${p}.aliases`, r, "aliases", list),
              weight: field(`${p}.weight`, r, "weight", readNumber),
              direction: field(`${p}.direction`, r, "direction", (v, label) => {
                if (isBlankCell(v)) return good("higher", true);
                const d = lookupWord(DIRECTION_WORDS, cellText(v));
                return d === null ? bad(`${label}应填“正向”或“逆向”，不能是「${cellText(v).trim()}」`) : good(d);
              }),
            };
          }),
        );
        break;
      case "categories":
      case "groups": {
        const points = s.spec.id === "categories" ? "points" : "weight";
        const items = s.dataRows.map((r, i) => {
          const p = `${s.spec.path}[${i}]`;
          locations.set(p, { row: r, col: s.columns.get("name")!, label: header("name"), blank: false });
          return {
            name: field(`${p}.name`, r, "name", text),
            [points]: field(`${p}.${points}`, r, points, readNumber),
            aliases: field(`${p}.aliases`, r, "aliases", list),
          };
        });
        setPath(patch, s.spec.path, items);
        break;
      }
      case "ratings":
      case "dimensions": {
        const [keyCol, valueCol] = s.spec.id === "ratings" ? ["word", "points"] : ["name", "weight"];
        const entries: [string, Json][] = [];
        const seen = new Map<string, number>();
        for (const r of s.dataRows) {
          const name = cellText(cell(r, keyCol)).trim();
          if (name === "") {
            fail(r, at(keyCol), "invalidValue", `${header(keyCol)}不能为空`);
            continue;
          }
          const earlier = seen.get(nameKey(name));
          if (earlier !== undefined) {
            fail(r, at(keyCol), "duplicate", `${header(keyCol)}「${name}」与第${earlier + 1}行重复`);
            continue;
          }
          seen.set(nameKey(name), r);
          entries.push([name, field(`${s.spec.path}.${name}`, r, valueCol, readNumber)]);
        }
        setPath(patch, s.spec.path, Object.fromEntries(entries));
        setPath(base as unknown as JsonObject, s.spec.path, {});
        break;
      }
      case "personal":
        setPath(
          patch,
          "personal.rules",
          s.dataRows.map((r, i) => {
            const p = `personal.rules[${i}]`;
            locations.set(p, { row: r, col: s.columns.get("name")!, label: "情形", blank: false });
            const rule: JsonObject = {
              name: field(`${p}.name`, r, "name", text),
              aliases: field(`${p}.aliases`, r, "aliases", list),
              effect: field(`${p}.effect`, r, "effect", (v, label) => {
                if (isBlankCell(v)) return good(null, true);
                const e = lookupWord(EFFECT_WORDS, cellText(v));
                const words = PERSONAL_EFFECT_LIST.map((x) => EFFECT_WORDS[x][0]).join("、");
                return e === null ? bad(`${label}应填 ${words} 之一，不能是「${cellText(v).trim()}」`) : good(e);
              }),
            };
            // A blank 最少天数 means the rule applies as soon as the leader has a row of it: no key at all.
            const days = field(`${p}.minDays`, r, "minDays", readNumber);
            if (days !== null) rule.minDays = days;
            return rule;
          }),
        );
        break;
      case "bands":
        setPath(
          patch,
          "grades.bands",
          s.dataRows.map((r, i) => {
            const p = `grades.bands[${i}]`;
            locations.set(p, { row: r, col: s.columns.get("grade")!, label: "等次", blank: false });
            return {
              grade: field(`${p}.grade`, r, "grade", (v) => {
                const t = cellText(v).trim();
                return good(GRADES.find((g) => g === nameKey(t)) ?? t, isBlankCell(v));
              }),
              min: field(`${p}.min`, r, "min", readNumber),
            };
          }),
        );
        break;
    }
  }

  if (sections.size === 0 && !errors.length && hasContentBelowInstruction(grid)) {
    fail(0, 0, "noSections", "未找到任何【…】节（如【基本参数】）；不需要自定义考核方法时请删除本表");
  }

  const doc = mergeOver(base, patch);
  const loaded = loadMethod(doc, base);
  if (!loaded.ok) {
    const reported = new Set(errors.map((e) => e.cell));
    const basic = [...sections.values()].find((s) => s.spec.id === "basic");
    const fallback: Location = basic
      ? { row: basic.titleRow, col: basic.titleCol, label: "", blank: false, section: "basic" }
      : { row: 0, col: 0, label: "", blank: false };
    for (const issue of loaded.errors) {
      const loc = locate(issue.path, locations) ?? fallback;
      const cell = addr(loc.row, loc.col);
      if (reported.has(cell)) continue;
      reported.add(cell);
      errors.push(error(cell, "invalidValue", describe(issue.path, issue.message, loc, locations)));
    }
  }
  if (errors.length > 0) return { ok: false, errors: sortDiagnostics(errors, [sheet]) };
  if (!loaded.ok) throw new Error("unreachable: a failed load reports at least one error");
  return { ok: true, doc, method: loaded.method };
}

function hasContentBelowInstruction(grid: Grid): boolean {
  for (let r = 2; r < grid.rows.length; r++) if (nonBlankCols(grid, r).length > 0) return true;
  return false;
}

type Fail = (r: number, c: number, code: string, message: string) => void;

/** The sections of the sheet by id, each with its header columns and data rows. */
function findSections(grid: Grid, fail: Fail): Map<SectionId, FoundSection> {
  const titles: { row: number; col: number; title: string }[] = [];
  for (let r = 0; r < grid.rows.length; r++) {
    const t = titleOf(grid, r);
    if (t) titles.push({ row: r, ...t });
  }
  const found = new Map<SectionId, FoundSection>();
  titles.forEach((t, i) => {
    const end = i + 1 < titles.length ? titles[i + 1].row : grid.rows.length;
    const spec = SECTIONS.find((s) => nameKey(s.title) === nameKey(t.title));
    if (!spec) {
      const known = SECTIONS.map((s) => `【${s.title}】`).join("、");
      fail(t.row, t.col, "unknownSection", `未知的节「${t.title}」；可用的节为 ${known}`);
      return;
    }
    const earlier = found.get(spec.id);
    if (earlier) {
      fail(t.row, t.col, "duplicate", `【${spec.title}】与第${earlier.titleRow + 1}行重复`);
      return;
    }
    let headerRow = -1;
    for (let r = t.row + 1; r < end && headerRow < 0; r++) if (nonBlankCols(grid, r).length > 0) headerRow = r;
    if (headerRow < 0) {
      fail(
        t.row,
        t.col,
        "missingColumn",
        `【${spec.title}】下缺少表头行（${spec.columns.map((c) => c.header).join(" | ")}）`,
      );
      return;
    }
    const columns = new Map<string, number>();
    rowOf(grid, headerRow).forEach((v, c) => {
      const k = headerKey(cellText(v ?? null));
      const column = spec.columns.find((sc) => [sc.header, ...sc.synonyms].some((w) => headerKey(w) === k));
      if (column && !columns.has(column.id)) columns.set(column.id, c);
    });
    const missing = spec.columns.filter((c) => c.required && !columns.has(c.id)).map((c) => `「${c.header}」`);
    if (spec.id === "basic" && !columns.has("key") && !columns.has("label")) missing.push("「键」");
    if (missing.length > 0) {
      const first = nonBlankCols(grid, headerRow)[0] ?? 0;
      fail(headerRow, first, "missingColumn", `【${spec.title}】的表头缺少${missing.join("、")}列`);
      return;
    }
    const dataRows: number[] = [];
    for (let r = headerRow + 1; r < end; r++) {
      if (nonBlankCols(grid, r).length > 0 && !isFootnote(grid, r)) dataRows.push(r);
    }
    found.set(spec.id, { spec, titleRow: t.row, titleCol: t.col, columns, dataRows });
  });
  return found;
}

const SCALAR_BY_KEY = new Map(SCALARS.map((s) => [wordKey(s.key), s]));
const SCALAR_BY_LABEL = new Map(SCALARS.map((s) => [headerKey(s.label), s]));

/** 【基本参数】: one parameter per row, found by its 键 (or, when 键 is empty, by its 项目 label). */
function readBasic(grid: Grid, s: FoundSection, patch: JsonObject, locations: Map<string, Location>, fail: Fail): void {
  const keyCol = s.columns.get("key");
  const labelCol = s.columns.get("label");
  const valueCol = s.columns.get("value")!;
  const seen = new Map<string, number>();
  for (const r of s.dataRows) {
    const keyText = keyCol === undefined ? "" : cellText(cellAt(grid, r, keyCol)).trim();
    const labelText = labelCol === undefined ? "" : cellText(cellAt(grid, r, labelCol)).trim();
    let spec: ScalarSpec | undefined;
    if (keyText !== "") {
      spec = SCALAR_BY_KEY.get(wordKey(keyText));
      if (!spec) {
        fail(r, keyCol!, "unknownKey", `未知的参数键「${keyText}」`);
        continue;
      }
    } else if (labelText !== "") {
      spec = SCALAR_BY_LABEL.get(headerKey(labelText));
      if (!spec) {
        fail(r, labelCol!, "unknownKey", `无法识别的参数「${labelText}」，请填写“键”列`);
        continue;
      }
    } else {
      // A row with neither 键 nor 项目: a remark in the 说明 column is fine, a lone value is not.
      if (!isBlankCell(cellAt(grid, r, valueCol))) fail(r, valueCol, "unknownKey", "此行缺少“键”，无法识别是哪个参数");
      continue;
    }
    const idCol = keyText !== "" ? keyCol! : labelCol!;
    const earlier = seen.get(spec.key);
    if (earlier !== undefined) {
      fail(r, idCol, "duplicate", `参数「${spec.label}」与第${earlier + 1}行重复`);
      continue;
    }
    seen.set(spec.key, r);
    const label = labelText !== "" ? labelText : spec.label;
    const p = readScalar(spec, cellAt(grid, r, valueCol), label);
    if (!p.ok) {
      fail(r, valueCol, "invalidValue", p.message);
      continue;
    }
    setPath(patch, spec.key, p.value);
    locations.set(spec.key, { row: r, col: valueCol, label, blank: p.blank });
  }
  // A check on a sum points at the first of its parts on the sheet.
  for (const [group, keys] of [
    ["work.weights", ["economic", "keyTasks", "partyBuilding", "safety"]],
    ["final", ["workWeight", "democraticWeight"]],
  ] as const) {
    const first = keys.map((k) => locations.get(`${group}.${k}`)).find((l) => l !== undefined);
    if (first) locations.set(group, { ...first, blank: false });
  }
}

/** The location of a path, or of its nearest registered ancestor: `a.b[1].c` → `a.b[1]` → `a.b` → `a`. */
function locate(path: string, locations: Map<string, Location>): Location | undefined {
  let p = path;
  for (;;) {
    const loc = locations.get(p);
    if (loc) return loc;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

const SECTION_MESSAGES: Partial<Record<SectionId, string>> = {
  indicators: "【经营业绩指标】至少应有一个指标",
  categories: "【测评票类】应恰好四行：优秀、称职、基本称职、不称职（按此顺序）",
  groups: "【测评人类别】至少应有一行",
  bands: "【等次分数线】应恰好四行：优秀、称职、基本称职、不称职（按此顺序），不称职的最低分留空",
};

/** Findings on a whole group of parameters, which the sheet shows at the first of them. */
const GROUP_MESSAGES: Readonly<Record<string, string>> = {
  "work.weights": "工作业绩四项权重之和应大于 0",
  final: "综合得分两项权重（工作业绩、民主测评）之和应大于 0",
};

const MESSAGE_WORDS: Readonly<Record<string, string>> = {
  应为非空文字: "不能为空",
  "应为 true 或 false": "应填“是”或“否”",
  "最低等次的 min 应为 null": "应留空（最低等次没有分数线）",
  分数线应逐级降低: "应低于上一等次的最低分",
  "应为 YYYY-MM-DD 格式的日期或 null": "应为日期（如 2024-12-31），不用时请留空",
};

/** loadMethod's message in the sheet's words: the cell's label, 是/否 for booleans, rows for duplicates. */
function describe(path: string, message: string, loc: Location, locations: Map<string, Location>): string {
  if (GROUP_MESSAGES[path] !== undefined) return GROUP_MESSAGES[path];
  const exact = locations.get(path) === loc;
  if (loc.section !== undefined && exact) return SECTION_MESSAGES[loc.section] ?? message;
  // A duplicate name, as `“利润总额”与 economic.indicators[0].name 重复`: point at the other cell by its row.
  const dup = /^“(.*)”与 (\S+) 重复$/.exec(message);
  if (dup) {
    const other = locate(dup[2], locations);
    if (other) {
      const where = other.row === loc.row ? "本行" : `第${other.row + 1}行`;
      return `${loc.label}「${dup[1]}」与${where}的${other.label}重复`;
    }
  }
  if (loc.label === "") return `${message}（${path}）`;
  if (exact && loc.blank) return `${loc.label}不能为空`;
  return `${loc.label}${MESSAGE_WORDS[message] ?? message}`;
}

/** Exposed for tests: the parameter keys of 【基本参数】 with their labels, in sheet order. */
export const METHOD_SHEET_PARAMETERS: readonly { key: string; label: string }[] = SCALARS.map(({ key, label }) => ({
  key,
  label,
}));
