/**
 * An independent reference implementation of docs/method.md §2–§6 and §10, computed from a clean case
 * (test/support/case.ts). Written from docs/method.md alone, without reading src/engine or the workbook reader; its
 * method defaults are its own copy of docs/method.md §7 and §10.5 (ORACLE_DEFAULTS), not the product's.
 *
 * Readings where docs/method.md is silent or ambiguous (also listed in the report to the lead):
 *  R1  F is computed from the unrounded P, D and X; only reported values are rounded. Band, rank and tie
 *      comparisons use the rounded values (§5).
 *  R2  A cap's flag is given whenever its condition holds, even when the band is already at or below the cap
 *      (`capFlags: "always"`); `capFlags: "whenLowering"` gives the other reading.
 *  R3  Ballots of a group = the largest n₁+…+n₄ among its rows (abstentions are not counted).
 *  R4  The rates are reported whenever ΣN > 0, also for a leader whose D is missing (too few ballots).
 *  R5  A pending leader of §4 (P or D missing) carries the `pending` flag and, by §10.2, the flags of its
 *      applying circumstances — no cap or quota flag (caps and quota concern graded leaders); its
 *      adjustment X is still reported.
 *  R6  "Still in loss" needs an indicator with T < 0 and A < 0 (both present); it does not depend on E being
 *      available. E of a unit is reported for a 党建工作指导员 leader when the unit has one (weight 0 in P).
 *  R7  Stepwise truncation applies to the exact decimal value of d·100/stepPercent: the float is first
 *      rounded to 12 significant digits, so (10.3% − 10%)/10% is one full step, not 0.999….
 *  R8  The bonus cap applies to the leader's total bonus (own items plus unit-wide items).
 *  R9  Qualification: full years compare (month, day) with the reference date; a month without a day is the
 *      1st. A missing or unreadable value makes its criterion unknown (待核实 unless another is unmet). A health
 *      value outside the list is unmet. The major only ever gives a notice.
 *  R10 Caps never raise a grade; the quota is applied after the caps to the leaders still 优秀.
 * §10:
 *  R11 A leader pending or ungraded by a circumstance carries only the flags of its applying circumstances:
 *      no `pending` flag (that one means P or D missing), no cap, vote or quota flag.
 *  R12 Every applying rule is flagged, also when a stronger one decides (诫勉 on a leader 撤销党内职务 gives
 *      personalNoExcellent too). Flags compare as a set of codes, so one flag per rule or one per effect (two
 *      noExcellent rules) both agree with the oracle.
 *  R13 A leader 不称职 by a circumstance (unfit) keeps the cap flags whose conditions hold (R2); the grade is
 *      不称职 whatever they say. personalNoExcellent is given whenever its rule applies (as R2).
 *  R14 A 个人情况 row belongs to a leader as rows of other sheets do: by 工号 when both have one, else by
 *      (姓名, 单位) after §1 normalization. 情形 matches a rule's name or alias after the same normalization
 *      (fold, spaces removed). The sum of 天数 is exact (decimals allowed) and compared with ≥ minDays.
 *  R15 Quota groups: the column is found by its header after §1 header normalization; values compare after §1
 *      name normalization; a blank value (empty or spaces only) is one group of its own. A group with N = 0
 *      gives no 优秀. q uses p as the decimal its JSON text gives, in integer arithmetic.
 *  R16 Overall item: a leader "has overall rows" when it has at least one row of the item, whatever its
 *      counts. With weight 0 the item is left out of D, and a group whose only rows are overall rows has no
 *      D_g (Σv = 0) and is left out of D, though its ballots count for minBallots.
 *  R17 voteCaps "flag": the two vote flags are raised whenever their conditions hold (as R2); the grade is not
 *      lowered by them (other caps still apply).
 *  R18 With quota groups, the summary gives no single q (it is compared only without groups).
 * docs/method.md §12 (组织决定):
 *  R19 A decision belongs to a leader as rows of 个人情况 do (R14): by 工号 when both have one, else by (姓名, 单位).
 *      等次 matches one of the method's grades (grades.bands) after §1 name normalization (fold, spaces removed).
 *  R20 The decided grade replaces the grade after the caps, §10.2 and the quota; the leader keeps every flag the
 *      rules gave (quotaTie, unfitVotes …) and gains `committee` — also when the decided grade equals the
 *      computed one (the decision is still recorded). Rank, F and status do not change.
 *  R21 The summary's `excellent` counts the grades after the decisions. More 优秀 than q in a quota group after
 *      the decisions is no error (a warning at 组织决定; `overQuota` lists the groups).
 */
import type { Grade } from "../../src/method/types";
import type {
  CaseCandidate,
  CasePersonal,
  CleanCase,
  Expected,
  ExpectedCandidate,
  ExpectedLeader,
  FlagCode,
  OracleMethod,
  OracleMethodPatch,
  PersonalEffect,
  PersonalRule,
  QualCell,
  QualCriterion,
} from "./case";
import { fold, isMissingText, normHeader, normName, parseNumberText } from "./text";

export interface OracleOptions {
  capFlags?: "always" | "whenLowering";
  /** Overrides the case's referenceDate (YYYY-MM-DD). */
  referenceDate?: string;
}

// ───────────────────────────── rounding ─────────────────────────────

/** Excel's ROUND: half away from zero, on the value's 15 significant digits (1.005 → 1.01). */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const p = Number(x.toPrecision(15));
  const a = Math.abs(p);
  let r: number;
  const str = String(a);
  if (str.includes("e")) r = Math.round(a * 10 ** digits) / 10 ** digits;
  else r = Number(Math.round(Number(`${str}e${digits}`)) + `e-${digits}`);
  const out = p < 0 ? -r : r;
  return out === 0 ? 0 : out;
}

const r2 = (x: number | null): number | null => (x === null ? null : excelRound(x, 2));
const r4 = (x: number | null): number | null => (x === null ? null : excelRound(x, 4));

// ───────────────────────────── method ─────────────────────────────

/**
 * The defaults of docs/method.md §7 and §10.5, copied here by hand from docs/method.md (not from src/method): a test
 * (test/oracle/defaults.test.ts) checks that the product's defaults equal them.
 */
export const ORACLE_DEFAULTS: OracleMethod = {
  name: "党组织负责人考核评价（默认）",
  referenceDate: null,
  economic: {
    indicators: [
      { name: "实现利润", aliases: ["利润总额"], weight: 30, direction: "higher" },
      { name: "主营业务收入", aliases: ["营业收入"], weight: 20, direction: "higher" },
      { name: "净资产收益率", aliases: ["ROE"], weight: 20, direction: "higher" },
      { name: "上缴资金", aliases: [], weight: 15, direction: "higher" },
      { name: "经营活动现金流入量", aliases: ["经营现金流入"], weight: 15, direction: "higher" },
    ],
    stepPercent: 3,
    pointsPerStep: 1,
    basePoints: 30,
    stepwise: false,
    maxBonusPoints: 6,
    maxPenaltyPoints: 6,
    belowBaseCapsOthers: true,
    lossReductionFactor: 0.5,
    lossMaxBonusPoints: 3,
    minAvailableShare: 0.6667,
  },
  work: { weights: { economic: 40, keyTasks: 20, partyBuilding: 30, safety: 10 } },
  ratings: { 好: 100, 较好: 80, 一般: 60, 差: 40, 未完成: 0 },
  democratic: {
    categories: [
      { name: "优秀", points: 100, aliases: ["好"] },
      { name: "称职", points: 80, aliases: ["较好"] },
      { name: "基本称职", points: 60, aliases: ["一般"] },
      { name: "不称职", points: 40, aliases: ["差", "较差"] },
    ],
    dimensions: { 德: 25, 能: 25, 勤: 25, 廉: 25 },
    groups: [
      { name: "上级", weight: 30, aliases: ["集团领导", "上级领导"] },
      { name: "同级", weight: 30, aliases: ["班子成员"] },
      { name: "下级", weight: 40, aliases: ["中层干部", "职工代表", "中层及职工代表"] },
    ],
    minBallots: 5,
    overall: { name: "综合评价", aliases: ["综合", "总体评价"], weight: 0 },
  },
  final: { workWeight: 70, democraticWeight: 30, maxBonus: 5 },
  grades: {
    bands: [
      { grade: "优秀", min: 90 },
      { grade: "称职", min: 70 },
      { grade: "基本称职", min: 60 },
      { grade: "不称职", min: null },
    ],
    excellentQuotaPercent: 20,
    vetoCap: "基本称职",
    lossCap: "称职",
    quotaRounding: "floor",
    quotaGroupColumn: null,
    voteCaps: "cap",
  },
  ranking: { ties: "competition" },
  qualification: {
    minAge: 35,
    minEducation: "本科",
    minPartyYears: 5,
    minWorkYears: 10,
    minTitle: "中级",
    minDepartments: 3,
    minPostYears: 5,
    health: ["良好", "健康"],
    preferredMajors: ["党政", "管理"],
  },
  personal: {
    rules: [
      { name: "诫勉", aliases: ["诫勉谈话"], effect: "noExcellent" },
      { name: "党内警告", aliases: ["警告处分"], effect: "noExcellent" },
      { name: "党内严重警告", aliases: ["严重警告", "记过", "记大过"], effect: "noGrade" },
      { name: "撤销党内职务", aliases: ["留党察看", "撤职", "降级"], effect: "unfit" },
      { name: "立案审查", aliases: ["立案调查", "立案未结案"], effect: "pending" },
      { name: "病事假", aliases: ["病假", "事假"], effect: "noGrade", minDays: 183 },
    ],
  },
  // docs/method.md §11.2
  ballots: { invalidIfAllSame: false, maxExcellentShare: null, minTurnout: null },
};

/** A fresh copy of the oracle's defaults. */
export function oracleDefaults(): OracleMethod {
  return structuredClone(ORACLE_DEFAULTS);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeValue(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (Array.isArray(patch)) return structuredClone(patch);
  if (isPlainObject(patch) && isPlainObject(base)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = mergeValue(base[k], v);
    return out;
  }
  return isPlainObject(patch) ? structuredClone(patch) : patch;
}

/** The oracle's defaults with a partial document merged over them: objects key by key, arrays replace. */
export function mergeMethod(patch?: OracleMethodPatch | null): OracleMethod {
  return mergeValue(oracleDefaults(), patch ?? undefined) as OracleMethod;
}

// ───────────────────────────── §2 work results ─────────────────────────────

export interface IndicatorDetail {
  name: string;
  weight: number;
  target: number | null;
  actual: number | null;
  d: number | null;
  points: number | null;
  /** Score before and after the below-base rule. */
  s: number | null;
  sFinal: number | null;
}

export interface UnitEconomicDetail {
  indicators: IndicatorDetail[];
  availableShare: number;
  E: number | null;
  stillInLoss: boolean;
}

/** 12 significant digits: the exact decimal a float computed from short decimals stands for. */
function decimalClean(x: number): number {
  return Number(x.toPrecision(12));
}

export function economicOfUnit(
  method: OracleMethod,
  data: Record<string, [number | null, number | null]> | undefined,
): UnitEconomicDetail {
  const em = method.economic;
  const details: IndicatorDetail[] = em.indicators.map((ind) => {
    const pair = data?.[ind.name];
    const T = pair ? pair[0] : null;
    const A = pair ? pair[1] : null;
    const det: IndicatorDetail = {
      name: ind.name,
      weight: ind.weight,
      target: T,
      actual: A,
      d: null,
      points: null,
      s: null,
      sFinal: null,
    };
    if (T === null || A === null || T === 0) return det;
    let d: number;
    let loss = false;
    if (T > 0) d = ind.direction === "higher" ? (A - T) / T : (T - A) / T;
    else {
      if (ind.direction === "lower") throw new Error(`oracle: a lower indicator with a loss target (${ind.name})`);
      loss = true;
      const r = em.lossReductionFactor;
      const absT = Math.abs(T);
      if (A <= T) d = (A - T) / absT;
      else if (A <= 0) d = (r * (A - T)) / absT;
      else d = r + A / absT;
    }
    let steps = (d * 100) / em.stepPercent;
    if (em.stepwise) steps = Math.trunc(decimalClean(steps));
    let pts = steps * em.pointsPerStep;
    const upper = loss ? em.lossMaxBonusPoints : em.maxBonusPoints;
    pts = Math.min(upper, Math.max(-em.maxPenaltyPoints, pts));
    det.d = d;
    det.points = pts;
    det.s = 1 + pts / em.basePoints;
    return det;
  });
  const available = details.filter((x) => x.s !== null);
  const anyBelow = available.some((x) => x.s! < 1);
  for (const x of available) x.sFinal = em.belowBaseCapsOthers && anyBelow ? Math.min(x.s!, 1) : x.s;
  const totalW = details.reduce((a, x) => a + x.weight, 0);
  const availW = available.reduce((a, x) => a + x.weight, 0);
  const share = totalW > 0 ? excelRound(availW / totalW, 4) : 0;
  let E: number | null = null;
  if (available.length > 0 && availW > 0 && share >= em.minAvailableShare) {
    E = (100 * available.reduce((a, x) => a + x.weight * x.sFinal!, 0)) / availW;
  }
  const stillInLoss = details.some((x) => x.target !== null && x.actual !== null && x.target < 0 && x.actual < 0);
  return { indicators: details, availableShare: share, E, stillInLoss };
}

function workValue(method: OracleMethod, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") {
    if (!(v >= 0 && v <= 100)) throw new Error(`oracle: work value out of range: ${v}`);
    return v;
  }
  if (typeof v === "string") {
    if (isMissingText(v)) return null;
    const key = normName(v);
    for (const [word, pts] of Object.entries(method.ratings)) if (normName(word) === key) return pts;
    const n = parseNumberText(v);
    if (n !== undefined && n >= 0 && n <= 100) return n;
    throw new Error(`oracle: not a rating word: ${v}`);
  }
  throw new Error(`oracle: bad work value ${String(v)}`);
}

// ───────────────────────────── §3 democratic, §10.4 overall item ─────────────────────────────

export interface DemocraticDetail {
  D: number | null;
  ballots: number;
  /** Whether the leader has rows of the overall item (§10.4). */
  overall: boolean;
  /** The counts the rates and vote caps use: the overall rows' when `overall`, else pooled over dimensions. */
  n1: number;
  n2: number;
  n4: number;
  N: number;
  excellentRate: number | null;
  competentRate: number | null;
  unfitRate: number | null;
}

const OVERALL = "\u0000overall";

/** A vote row's dimension: a dimension of the method, the overall item (OVERALL), or undefined. */
export function dimensionOf(method: OracleMethod, dim: string): string | undefined {
  const dm = method.democratic;
  const k = normName(dim);
  const d = Object.keys(dm.dimensions).find((x) => normName(x) === k);
  if (d !== undefined) return d;
  const o = dm.overall;
  if (normName(o.name) === k || o.aliases.some((a) => normName(a) === k)) return OVERALL;
  return undefined;
}

function democraticOf(method: OracleMethod, votes: CleanCase["votes"]): DemocraticDetail {
  const dm = method.democratic;
  const points = dm.categories.map((c) => c.points);
  // group → dim → counts (rows of the same (group, dim) are summed)
  const cells = new Map<string, Map<string, number[]>>();
  let overall = false;
  for (const v of votes) {
    const gk = normName(v.group);
    const g = dm.groups.find((x) => normName(x.name) === gk || x.aliases.some((a) => normName(a) === gk));
    if (!g) throw new Error(`oracle: unknown evaluator group ${v.group}`);
    const dim = dimensionOf(method, v.dim);
    if (dim === undefined) throw new Error(`oracle: unknown dimension ${v.dim}`);
    if (dim === OVERALL) overall = true;
    let byDim = cells.get(g.name);
    if (!byDim) cells.set(g.name, (byDim = new Map()));
    const cur = byDim.get(dim) ?? [0, 0, 0, 0];
    byDim.set(
      dim,
      cur.map((x, i) => x + v.n[i]!),
    );
  }
  let sumWD = 0;
  let sumW = 0;
  let ballots = 0;
  // [pooled over dimensions, overall rows]: n1, n2, n4, N
  const pooled = [0, 0, 0, 0];
  const over = [0, 0, 0, 0];
  for (const g of dm.groups) {
    const byDim = cells.get(g.name);
    if (!byDim) continue;
    let sv = 0;
    let svm = 0;
    let maxN = 0;
    for (const [dim, n] of byDim) {
      const total = n[0]! + n[1]! + n[2]! + n[3]!;
      const acc = dim === OVERALL ? over : pooled;
      acc[0] += n[0]!;
      acc[1] += n[1]!;
      acc[2] += n[3]!;
      acc[3] += total;
      maxN = Math.max(maxN, total);
      if (total === 0) continue;
      const m = (points[0]! * n[0]! + points[1]! * n[1]! + points[2]! * n[2]! + points[3]! * n[3]!) / total;
      const w = dim === OVERALL ? dm.overall.weight : dm.dimensions[dim]!;
      sv += w;
      svm += w * m;
    }
    ballots += maxN;
    if (sv > 0) {
      sumW += g.weight;
      sumWD += (g.weight * svm) / sv;
    }
  }
  const D = ballots < dm.minBallots || sumW === 0 ? null : sumWD / sumW;
  const [n1, n2, n4, N] = (overall ? over : pooled) as [number, number, number, number];
  return {
    D,
    ballots,
    overall,
    n1,
    n2,
    n4,
    N,
    excellentRate: N > 0 ? n1 / N : null,
    competentRate: N > 0 ? (n1 + n2) / N : null,
    unfitRate: N > 0 ? n4 / N : null,
  };
}

// ───────────────────────────── §10 circumstances and quota ─────────────────────────────

/** Strongest first (§10.2). */
export const EFFECT_ORDER: PersonalEffect[] = ["pending", "unfit", "noGrade", "noExcellent"];

export const EFFECT_FLAG: Record<PersonalEffect, FlagCode> = {
  pending: "personalPending",
  unfit: "personalUnfit",
  noGrade: "personalNoGrade",
  noExcellent: "personalNoExcellent",
};

/** The rule a 情形 names (by name or alias, after §1 normalization), or undefined. */
export function ruleOf(method: OracleMethod, kind: string): PersonalRule | undefined {
  const k = normName(kind);
  return method.personal.rules.find((r) => normName(r.name) === k || r.aliases.some((a) => normName(a) === k));
}

export interface RuleApplication {
  rule: PersonalRule;
  /** Rows of the rule (its name and aliases) for the leader. */
  rows: CasePersonal[];
  /** Σ 天数 over those rows, a missing 天数 counting 0. */
  days: number;
  applies: boolean;
}

/** The rules of a leader's rows, whether each applies (§10.1), in the method's order. */
export function applicationsOf(method: OracleMethod, rows: CasePersonal[]): RuleApplication[] {
  const out: RuleApplication[] = [];
  for (const row of rows) {
    const rule = ruleOf(method, row.kind);
    if (!rule) throw new Error(`oracle: 情形 ${row.kind} is no rule of the method`);
    if (typeof row.days === "string") throw new Error(`oracle: 天数 ${row.days} is not a number`);
    if (typeof row.days === "number" && !(row.days >= 0)) throw new Error(`oracle: 天数 ${row.days} is negative`);
    let a = out.find((x) => x.rule === rule);
    if (!a) out.push((a = { rule, rows: [], days: 0, applies: false }));
    a.rows.push(row);
  }
  for (const a of out) {
    // exact sum of short decimals (R14)
    a.days = Number(a.rows.reduce((s, r) => s + ((r.days as number | null | undefined) ?? 0), 0).toPrecision(12));
    const min = a.rule.minDays;
    a.applies = min === undefined || min === null ? a.rows.length > 0 : a.days >= min;
  }
  out.sort((x, y) => method.personal.rules.indexOf(x.rule) - method.personal.rules.indexOf(y.rule));
  return out;
}

/** p as an exact decimal: [M, s] with p = M / 10^s. */
export function decimalParts(p: number): [number, number] {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(p));
  if (!m) throw new Error(`oracle: bad quota percent ${p}`);
  let digits = m[1]! + (m[2] ?? "");
  let scale = (m[2] ?? "").length - Number(m[3] ?? 0);
  while (scale < 0) {
    digits += "0";
    scale++;
  }
  return [Number(digits), scale];
}

/**
 * q of docs/method.md §5.4 / §10.3 for N graded leaders: max(1, ⌊N·p/100⌋) or, rounding "round", max(1,
 * ⌊N·p/100 + 1/2⌋) — in integer arithmetic on p's decimal digits, never a float near .5.
 */
export function quotaOf(N: number, p: number, rounding: "floor" | "round"): number {
  const [M, s] = decimalParts(p);
  const num = N * M; // N·p/100 = num / den
  const den = 100 * 10 ** s;
  if (!Number.isSafeInteger(num * 2 + den)) throw new Error("oracle: quota out of integer range");
  const div = (a: number, b: number) => (a - (a % b)) / b;
  const q = rounding === "floor" ? div(num, den) : div(2 * num + den, 2 * den);
  return Math.max(1, q);
}

/** Whether N·p/100 is exactly an integer and a half (the case that tells floor from round). */
export function quotaAtHalf(N: number, p: number): boolean {
  const [M, s] = decimalParts(p);
  const den = 100 * 10 ** s;
  return (2 * N * M) % (2 * den) === den;
}

/** A leader's value in the column of 考核对象 whose header is `header` (§1 header normalization). */
export function columnValue(l: CleanCase["leaders"][number], header: string): { found: boolean; value: string | null } {
  const h = normHeader(header);
  for (const [k, v] of Object.entries(l.columns ?? {})) if (normHeader(k) === h) return { found: true, value: v };
  return { found: false, value: null };
}

/** The quota group of a value (R15): §1 name normalization; blank is the group "". */
export function groupKey(value: string | null | undefined): string {
  return value === null || value === undefined ? "" : normName(fold(value).trim());
}

// ───────────────────────────── the whole case ─────────────────────────────

const GRADE_ORDER: Grade[] = ["优秀", "称职", "基本称职", "不称职"];
const lower = (a: Grade, b: Grade): Grade => (GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b);

export type Status = "graded" | "pending" | "ungraded";

export interface LeaderDetail {
  index: number;
  E: number | null;
  K: number | null;
  B: number | null;
  S: number | null;
  P: number | null;
  dem: DemocraticDetail;
  X: number;
  F: number | null;
  veto: boolean;
  stillInLoss: boolean;
  /** The leader's 个人情况 rules (applying or not). */
  circumstances: RuleApplication[];
  /** The strongest applying effect, or null. */
  effect: PersonalEffect | null;
  status: Status;
  /** The quota group (§10.3), "" without groups or for a blank value. */
  group: string;
  band: Grade | null;
  /** Grade after the caps, before the quota. */
  capped: Grade | null;
  grade: Grade | null;
  rank: number | null;
  flags: FlagCode[];
}

export interface QuotaGroup {
  key: string;
  /** Graded leaders of the group. */
  N: number;
  q: number;
}

export interface OracleDetails {
  method: OracleMethod;
  units: Map<string, UnitEconomicDetail>;
  leaders: LeaderDetail[];
  /** q without quota groups; with groups, the q of the group "" (see `groups`). */
  quota: number;
  groups: QuotaGroup[];
  /** §12: the quota groups left with more 优秀 than q by the committee's decisions (R21). */
  overQuota: (QuotaGroup & { excellent: number })[];
  expected: Expected;
}

function leaderKey(name: string, unit: string): string {
  return `${normName(name)}\u0000${normName(unit)}`;
}

export function oracleDetails(c: CleanCase, opts: OracleOptions = {}): OracleDetails {
  if (c.ballots) throw new Error("oracle: a case with ballots is tallied first (tally.ts withTally)");
  const method = mergeMethod(c.method);
  const capFlags = opts.capFlags ?? "always";
  // A row belongs to a leader by 工号 when both have one, else by (姓名, 单位) after normalization.
  type Who = { name: string; unit: string; id?: string | null };
  const same = (a: Who, b: Who): boolean =>
    a.id && b.id ? normName(a.id) === normName(b.id) : leaderKey(a.name, a.unit) === leaderKey(b.name, b.unit);

  const units = new Map<string, UnitEconomicDetail>();
  const econByKey = new Map<string, Record<string, [number | null, number | null]>>();
  for (const [u, data] of Object.entries(c.economic)) econByKey.set(normName(u), data);
  const workByKey = new Map<string, CleanCase["work"][string]>();
  for (const [u, w] of Object.entries(c.work)) workByKey.set(normName(u), w);

  const personal = c.personal ?? [];
  for (const row of personal)
    if (!c.leaders.some((l) => same(row, l)))
      throw new Error(`oracle: 个人情况 row of ${row.name}/${row.unit}: no leader`);
  const groupColumn = method.grades.quotaGroupColumn;
  if (groupColumn !== null && c.leaders.length > 0 && !c.leaders.some((l) => columnValue(l, groupColumn).found))
    throw new Error(`oracle: no column ${groupColumn} in 考核对象`);

  const W = method.work.weights;
  const fin = method.final;
  const leaders: LeaderDetail[] = c.leaders.map((l, index) => {
    const uk = normName(l.unit);
    let ue = units.get(uk);
    if (!ue) units.set(uk, (ue = economicOfUnit(method, econByKey.get(uk))));
    const w = workByKey.get(uk);
    const K = workValue(method, w?.["重点工作"]);
    const B = workValue(method, w?.["党的建设"]);
    const S = workValue(method, w?.["安全稳定"]);
    const vetoText = w?.["否决事项"];
    const veto = typeof vetoText === "string" && !isMissingText(vetoText);
    const wE = l.mode === "党建工作指导员" ? 0 : W.economic;
    let P: number | null = null;
    if (!(ue.E === null && wE > 0) && !(K === null && B === null && S === null)) {
      let sw = 0;
      let swx = 0;
      const blocks: [number | null, number][] = [
        [ue.E, wE],
        [K, W.keyTasks],
        [B, W.partyBuilding],
        [S, W.safety],
      ];
      for (const [x, wt] of blocks) {
        if (x === null) continue;
        sw += wt;
        swx += wt * x;
      }
      P = sw > 0 ? swx / sw : null;
    }
    const dem = democraticOf(
      method,
      c.votes.filter((v) => same(v, l)),
    );
    let bonus = 0;
    let penalty = 0;
    for (const a of c.adjust ?? []) {
      if (normName(a.unit) !== uk) continue;
      const applies = a.name === null || normName(a.name) === "" || same({ name: a.name, unit: a.unit, id: a.id }, l);
      if (!applies) continue;
      if (a.type === "加分") bonus += a.value;
      else penalty += a.value;
    }
    const X = Math.min(bonus, fin.maxBonus) - penalty;
    const F =
      P === null || dem.D === null
        ? null
        : (fin.workWeight * P + fin.democraticWeight * dem.D) / (fin.workWeight + fin.democraticWeight) + X;
    const circumstances = applicationsOf(
      method,
      personal.filter((r) => same(r, l)),
    );
    const effects = circumstances.filter((a) => a.applies).map((a) => a.rule.effect);
    const effect = EFFECT_ORDER.find((e) => effects.includes(e)) ?? null;
    const personalFlags = [...new Set(effects)].map((e) => EFFECT_FLAG[e]);
    const status: Status =
      F === null ? "pending" : effect === "pending" ? "pending" : effect === "noGrade" ? "ungraded" : "graded";
    return {
      index,
      E: ue.E,
      K,
      B,
      S,
      P,
      dem,
      X,
      F,
      veto,
      stillInLoss: ue.stillInLoss,
      circumstances,
      effect,
      status,
      group: groupColumn === null ? "" : groupKey(columnValue(l, groupColumn).value),
      band: null,
      capped: null,
      grade: null,
      rank: null,
      flags: F === null ? ["pending", ...personalFlags] : personalFlags,
    };
  });

  // §5.1 rank on rounded values, over graded leaders only (§10.2)
  const graded = leaders.filter((x) => x.status === "graded");
  const low = Number.NEGATIVE_INFINITY;
  const key = (x: LeaderDetail): number[] => [
    r2(x.F)!,
    r2(x.P)!,
    r2(x.dem.D)!,
    r4(x.dem.excellentRate) ?? low,
    r2(x.E) ?? low,
  ];
  const cmp = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]! ? -1 : 1;
    return 0;
  };
  const keys = new Map(graded.map((x) => [x, key(x)]));
  const distinct: number[][] = [];
  for (const k of keys.values()) if (!distinct.some((d) => cmp(d, k) === 0)) distinct.push(k);
  for (const x of graded) {
    const k = keys.get(x)!;
    x.rank =
      method.ranking.ties === "dense"
        ? 1 + distinct.filter((d) => cmp(d, k) < 0).length
        : 1 + graded.filter((y) => cmp(keys.get(y)!, k) < 0).length;
  }

  // §5.2 bands, §5.3 caps (with §10.2 noExcellent and unfit, §10.3 voteCaps)
  const bands = [...method.grades.bands].sort((a, b) => (b.min ?? low) - (a.min ?? low));
  const cats = method.democratic.categories.length;
  if (cats !== 4) throw new Error("oracle: four vote categories expected");
  const voteCaps = method.grades.voteCaps === "cap";
  for (const x of graded) {
    const F2 = r2(x.F)!;
    const band = bands.find((b) => b.min === null || F2 >= b.min)!.grade;
    x.band = band;
    let g: Grade = band;
    const cap = (cond: boolean, to: Grade, flag: FlagCode | null, lowers = true) => {
      if (!cond) return;
      if (flag) {
        const lowering = lowers && GRADE_ORDER.indexOf(g) < GRADE_ORDER.indexOf(to);
        if (capFlags === "always" || lowering) x.flags.push(flag);
      }
      if (lowers) g = lower(g, to);
    };
    const { n1, n2, n4, N } = x.dem;
    cap(3 * n4 > N, "不称职", "unfitVotes", voteCaps);
    cap(3 * (n1 + n2) < 2 * N, "基本称职", "lowCompetentVotes", voteCaps);
    cap(x.veto, method.grades.vetoCap, "veto");
    cap(x.stillInLoss, method.grades.lossCap, "stillInLoss");
    // personalNoExcellent is already among the flags (every applying rule is listed)
    const rules = x.circumstances.filter((a) => a.applies).map((a) => a.rule.effect);
    cap(rules.includes("noExcellent"), "称职", null);
    if (x.effect === "unfit") g = "不称职";
    x.capped = g;
    x.grade = g;
  }

  // §5.4 quota, per quota group (§10.3), ranks one list over everybody
  const p = method.grades.excellentQuotaPercent;
  const groupKeys = [...new Set(leaders.map((x) => x.group))];
  const groups: QuotaGroup[] = [];
  for (const gk of groupKeys) {
    const members = graded.filter((x) => x.group === gk);
    const q = quotaOf(members.length, p, method.grades.quotaRounding);
    groups.push({ key: gk, N: members.length, q });
    const excellent = members.filter((x) => x.grade === "优秀").sort((a, b) => a.rank! - b.rank! || a.index - b.index);
    if (excellent.length > q) {
      const boundary = excellent[q]!.rank!;
      const tie = excellent[q - 1]!.rank === boundary;
      for (const x of excellent) {
        if (tie && x.rank === boundary) {
          x.grade = "称职";
          x.flags.push("quotaTie");
        } else if (x.rank! > boundary || (!tie && x.rank === boundary)) {
          x.grade = "称职";
          x.flags.push("excellentQuota");
        }
      }
    }
  }
  const quota = quotaOf(
    groupColumn === null ? graded.length : (groups.find((g) => g.key === "")?.N ?? 0),
    p,
    method.grades.quotaRounding,
  );

  // §12 the committee's decisions, after every rule (R19–R21)
  const decided = new Set<LeaderDetail>();
  for (const dec of c.decisions ?? []) {
    const x = leaders.find((y) => same(dec, c.leaders[y.index]!));
    if (!x) throw new Error(`oracle: 组织决定 for ${dec.name}/${dec.unit}: no such leader`);
    if (decided.has(x)) throw new Error(`oracle: 组织决定 for ${dec.name}/${dec.unit}: a second decision`);
    if (x.status !== "graded") throw new Error(`oracle: 组织决定 for ${dec.name}/${dec.unit}: not graded`);
    const g = gradeOf(method, dec.grade);
    if (g === undefined) throw new Error(`oracle: 组织决定 for ${dec.name}/${dec.unit}: no grade ${dec.grade}`);
    decided.add(x);
    x.grade = g;
    x.flags.push("committee");
  }
  const overQuota = groups
    .map((g) => ({ ...g, excellent: graded.filter((x) => x.group === g.key && x.grade === "优秀").length }))
    .filter((g) => decided.size > 0 && g.excellent > g.q);

  const out: ExpectedLeader[] = leaders.map((x) => {
    const l = c.leaders[x.index]!;
    return {
      name: l.name,
      unit: l.unit,
      position: l.position,
      economic: r2(x.E),
      keyTasks: r2(x.K),
      partyBuilding: r2(x.B),
      safety: r2(x.S),
      work: r2(x.P),
      democratic: r2(x.dem.D),
      excellentRate: r4(x.dem.excellentRate),
      competentRate: r4(x.dem.competentRate),
      unfitRate: r4(x.dem.unfitRate),
      adjustment: r2(x.X)!,
      final: r2(x.F),
      rank: x.status === "graded" ? x.rank : null,
      grade: x.status === "graded" ? x.grade! : x.status === "ungraded" ? "不定等次" : "暂缓评定",
      status: x.status,
      flags: [...x.flags],
    };
  });
  const expected: Expected = {
    leaders: out,
    summary: {
      graded: graded.length,
      excellent: graded.filter((x) => x.grade === "优秀").length,
      quota: groupColumn === null ? quota : undefined,
    },
  };
  if (c.qualification) {
    const ref = opts.referenceDate ?? c.referenceDate ?? method.referenceDate;
    if (!ref) throw new Error("oracle: qualification needs a reference date");
    expected.qualification = c.qualification.map((cand) => screen(method, cand, parseIsoDate(ref)));
  }
  return { method, units, leaders, quota, groups, overQuota, expected };
}

/** The method's grade a 等次 cell names (R19), or undefined. */
export function gradeOf(method: OracleMethod, text: string): Grade | undefined {
  const k = normName(text);
  return method.grades.bands.find((b) => normName(b.grade) === k)?.grade;
}

export function oracle(c: CleanCase, opts: OracleOptions = {}): Expected {
  return oracleDetails(c, opts).expected;
}

// ───────────────────────────── §6 qualification ─────────────────────────────

export interface YMD {
  y: number;
  m: number;
  d: number;
}

function validYmd(y: number, m: number, d: number): YMD | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days ? { y, m, d } : undefined;
}

function parseIsoDate(s: string): YMD {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const v = m ? validYmd(+m[1]!, +m[2]!, +m[3]!) : undefined;
  if (!v) throw new Error(`oracle: bad date ${s}`);
  return v;
}

/** The date forms of docs/method.md §6 (text); undefined when unreadable. */
export function parseDateText(raw: string): YMD | undefined {
  const s = fold(raw).trim().replace(/\s+/g, "");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?$/.exec(s);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s);
  if (m) return validYmd(+m[1]!, +m[2]!, m[3] ? +m[3] : 1);
  m = /^(\d{4})[./-](\d{1,2})$/.exec(s);
  if (m) return validYmd(+m[1]!, +m[2]!, 1);
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) return validYmd(+m[1]!, +m[2]!, 1);
  return undefined;
}

export function fullYears(from: YMD, at: YMD): number {
  const before = at.m < from.m || (at.m === from.m && at.d < from.d);
  return at.y - from.y - (before ? 1 : 0);
}

type Val<T> = { kind: "ok"; v: T } | { kind: "missing" } | { kind: "unreadable" };

function isMissingCell(v: QualCell | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && isMissingText(v));
}

function dateVal(v: QualCell | undefined): Val<YMD> {
  if (isMissingCell(v)) return { kind: "missing" };
  if (typeof v === "object" && v !== null) {
    const d = parseDateText(v.date);
    return d ? { kind: "ok", v: d } : { kind: "unreadable" };
  }
  if (typeof v === "string") {
    const d = parseDateText(v);
    return d ? { kind: "ok", v: d } : { kind: "unreadable" };
  }
  return { kind: "unreadable" };
}

function numVal(v: QualCell | undefined): Val<number> {
  if (isMissingCell(v)) return { kind: "missing" };
  if (typeof v === "number") return { kind: "ok", v };
  if (typeof v === "string") {
    const n = parseNumberText(v);
    return n === undefined ? { kind: "unreadable" } : { kind: "ok", v: n };
  }
  return { kind: "unreadable" };
}

function textVal(v: QualCell | undefined): Val<string> {
  if (isMissingCell(v)) return { kind: "missing" };
  if (typeof v === "string") return { kind: "ok", v: normName(v) };
  if (typeof v === "number") return { kind: "ok", v: String(v) };
  return { kind: "unreadable" };
}

/** 0 中专/高中 < 1 大专 < 2 本科 < 3 硕士 < 4 博士. */
export function educationLevel(s: string): number | undefined {
  const t = normName(s);
  if (t.includes("博士")) return 4;
  if (t.includes("硕士") || t.includes("研究生")) return 3;
  if (t.includes("本科")) return 2;
  if (t.includes("大专") || t.includes("专科")) return 1;
  if (/中专|高中|中技|职高|技校/.test(t)) return 0;
  return undefined;
}

/** 0 初级 < 1 中级 < 2 副高级 < 3 正高级. */
export function titleLevel(s: string): number | undefined {
  const t = normName(s);
  if (t.startsWith("正高级") || t === "正高") return 3;
  if (t.startsWith("副高级") || t.startsWith("高级") || t === "副高") return 2;
  if (t === "中级") return 1;
  if (t === "初级" || t.startsWith("助理") || t.endsWith("员")) return 0;
  if (t.endsWith("师")) return 1;
  return undefined;
}

function screen(method: OracleMethod, cand: CaseCandidate, ref: YMD): ExpectedCandidate {
  const qm = method.qualification;
  const unmet: QualCriterion[] = [];
  const unknown: QualCriterion[] = [];
  const check = (crit: QualCriterion, v: Val<unknown>, ok: () => boolean | undefined) => {
    if (v.kind !== "ok") unknown.push(crit);
    else {
      const r = ok();
      if (r === undefined) unknown.push(crit);
      else if (!r) unmet.push(crit);
    }
  };
  const birth = dateVal(cand["出生日期"]);
  check("minAge", birth, () => birth.kind === "ok" && fullYears(birth.v, ref) >= qm.minAge);
  const edu = textVal(cand["学历"]);
  check("minEducation", edu, () => {
    if (edu.kind !== "ok") return undefined;
    const lv = educationLevel(edu.v);
    const need = educationLevel(qm.minEducation);
    return lv === undefined || need === undefined ? undefined : lv >= need;
  });
  const party = dateVal(cand["入党时间"]);
  check("minPartyYears", party, () => party.kind === "ok" && fullYears(party.v, ref) >= qm.minPartyYears);
  const work = dateVal(cand["参加工作时间"]);
  check("minWorkYears", work, () => work.kind === "ok" && fullYears(work.v, ref) >= qm.minWorkYears);
  const title = textVal(cand["职称"]);
  check("minTitle", title, () => {
    if (title.kind !== "ok") return undefined;
    const lv = titleLevel(title.v);
    const need = titleLevel(qm.minTitle);
    return lv === undefined || need === undefined ? undefined : lv >= need;
  });
  const dep = numVal(cand["部门经历数"]);
  check("minDepartments", dep, () => dep.kind === "ok" && dep.v >= qm.minDepartments);
  const post = numVal(cand["相关任职年限"]);
  check("minPostYears", post, () => post.kind === "ok" && post.v >= qm.minPostYears);
  const health = textVal(cand["健康状况"]);
  check("health", health, () => health.kind === "ok" && qm.health.some((h) => normName(h) === health.v));
  const notices: string[] = [];
  const major = textVal(cand["专业"]);
  if (major.kind === "ok" && !qm.preferredMajors.some((p) => major.v.includes(normName(p)))) notices.push("major");
  unmet.sort();
  unknown.sort();
  const name = typeof cand["姓名"] === "string" ? cand["姓名"] : String(cand["姓名"] ?? "");
  const unit = typeof cand["单位"] === "string" ? cand["单位"] : null;
  return {
    name,
    unit,
    result: unmet.length > 0 ? "不符合" : unknown.length > 0 ? "待核实" : "符合",
    unmet,
    unknown,
    notices,
  };
}
