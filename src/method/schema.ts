import { defaultMethod } from "./defaults";
import type { Grade, Method, PersonalEffect } from "./types";

/** A problem with one field of a method document, e.g. `economic.indicators[2].weight`. */
export interface MethodIssue {
  path: string;
  message: string;
}

export type MethodResult = { ok: true; method: Method } | { ok: false; errors: MethodIssue[] };

export const GRADES: readonly Grade[] = ["优秀", "称职", "基本称职", "不称职"];
export const EDUCATION_LEVELS = ["中专", "大专", "本科", "硕士", "博士"] as const;
export const TITLE_LEVELS = ["初级", "中级", "副高级", "正高级"] as const;
/** The effects of docs/method.md §10.2, strongest first: when several rules apply, the first of these decides. */
export const PERSONAL_EFFECTS: readonly PersonalEffect[] = ["pending", "unfit", "noGrade", "noExcellent"];

/** The longest 复核 paragraph a one-page letter has room for. */
export const REVIEW_NOTICE_MAX = 300;

/**
 * What every number of a method may be (docs/method.md §7.1): past these a number means nothing the method can do,
 * and left in it would overflow the scores (a weight or 基准分 of 1e308 or 1e-320 gives Infinity or NaN).
 */
export const METHOD_LIMITS = {
  /** Any weight: relative, usually percentages; per mille at most. */
  weight: 1000,
  /** Points, bonuses, penalties and every score on the 100-point scale. */
  points: 100,
  /** 基准分 of §2.1: s = 1 + Δ/basePoints, so it is at least 1 point. */
  minBasePoints: 1,
  /** 每档偏差（%）. */
  minStepPercent: 0.01,
  /** 减亏折算系数 r. */
  lossReductionFactor: 10,
  /** 分数线: a final score is 0–100 plus at most maxBonus, less penalties. */
  band: 200,
  /** minBallots: as many as a count may be (src/workbook/limits.ts MAX_VOTES). */
  ballots: 100_000,
  /** Ages and years of §6. */
  years: 100,
  /** 天数 of §10.1: a year. */
  days: 366,
  /** A non-zero number nearer 0 than this is a mistake (it would divide into an overflow). */
  tiny: 1e-6,
  /** How deep a method document may nest (the real one nests four levels). */
  depth: 64,
} as const;

/** Keys that would reach an object's prototype: rejected wherever they appear, as unknown keys are. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Keys a document may carry besides the method's own (ignored). */
const META_KEYS = new Set(["$schema", "description", "about", "version"]);

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A deep copy of a JSON-like document: arrays and plain objects are copied, anything else (numbers, NaN
 * included, strings, a Date) is kept as it is. (Not structuredClone: Internet Explorer and Edge Legacy,
 * where the add-in's pane also runs, have none, and its polyfill is large.)
 */
function copyDocument(v: Json): Json {
  if (Array.isArray(v)) return v.map(copyDocument);
  if (isObject(v)) {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v)) if (!FORBIDDEN_KEYS.has(k)) out[k] = copyDocument(v[k]);
    return out;
  }
  return v;
}

/**
 * The first place (a path) where the document nests deeper than `max`, or a key that reaches a prototype, found
 * without recursion (a document nested 3,000 deep would overflow the stack of any recursive walk).
 */
function unsafePlaces(doc: Json, max: number): MethodIssue[] {
  const issues: MethodIssue[] = [];
  const stack: { v: Json; path: string; depth: number }[] = [{ v: doc, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= max) {
      issues.push({ path: path || "(根)", message: `嵌套过深（超过 ${max} 层），不是有效的考核方法` });
      break;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      if (FORBIDDEN_KEYS.has(k)) issues.push({ path: p, message: "未知的字段（请检查拼写）" });
      else stack.push({ v: (v as Record<string, Json>)[k], path: p, depth: depth + 1 });
    }
  }
  return issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Objects merge key by key over the base; arrays and scalars replace (docs/method.md §7). */
export function mergeOver(base: Json, patch: Json): Json {
  if (patch === undefined) return base;
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, Json> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (!FORBIDDEN_KEYS.has(k))
        out[k] = mergeOver(Object.prototype.hasOwnProperty.call(base, k) ? base[k] : undefined, v);
    }
    return out;
  }
  return patch;
}

/**
 * Validates a (partial) method document merged over the defaults. Every bad field is reported, with its
 * path, in one pass. Unknown keys are errors: a misspelt key silently ignored would change a result.
 */
export function loadMethod(doc: Json, base: Method = defaultMethod()): MethodResult {
  const errors: MethodIssue[] = [];
  if (!isObject(doc)) {
    const what =
      doc === null
        ? "null"
        : doc === undefined
          ? "空"
          : Array.isArray(doc)
            ? "一个列表"
            : typeof doc === "string"
              ? "一段文字"
              : typeof doc === "number"
                ? "一个数"
                : typeof doc === "boolean"
                  ? "true 或 false"
                  : "其他值";
    return {
      ok: false,
      errors: [
        {
          path: "(根)",
          message: `考核方法文档应为一个 JSON 对象（{ … }），而它是${what}；只写与默认不同的部分时，至少写 {}`,
        },
      ],
    };
  }
  const unsafe = unsafePlaces(doc, METHOD_LIMITS.depth);
  if (unsafe.length > 0) return { ok: false, errors: unsafe };
  // A private copy: validation fills in defaults inside array items and must not touch the caller's object.
  const patch = copyDocument(Object.fromEntries(Object.entries(doc).filter(([k]) => !META_KEYS.has(k)))) as Record<
    string,
    Json
  >;
  checkKeys(patch, base as unknown as Record<string, Json>, "", errors);
  const merged = mergeOver(base, patch) as Record<string, Json>;
  validate(merged, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, method: merged as unknown as Method };
}

/** Unknown keys, checked against the shape of the defaults (records such as ratings take any key). */
function checkKeys(patch: Record<string, Json>, shape: Record<string, Json>, path: string, errors: MethodIssue[]) {
  const openRecords = new Set(["ratings", "democratic.dimensions"]);
  for (const [k, v] of Object.entries(patch)) {
    const p = path ? `${path}.${k}` : k;
    if (!Object.prototype.hasOwnProperty.call(shape, k)) {
      errors.push({ path: p, message: "未知的字段（请检查拼写）" });
      continue;
    }
    const s = shape[k];
    if (isObject(s) && isObject(v) && !openRecords.has(p)) checkKeys(v, s, p, errors);
  }
}

function validate(m: Record<string, Json>, errors: MethodIssue[]): void {
  const L = METHOD_LIMITS;
  const err = (path: string, message: string) => errors.push({ path, message });
  const num = (v: Json, path: string, opts: { min?: number; max?: number; gt?: number; int?: boolean } = {}) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return (err(path, "应为数值"), false);
    if (opts.int && !Number.isInteger(v)) return (err(path, "应为整数"), false);
    if (v !== 0 && Math.abs(v) < L.tiny) return (err(path, `过于接近 0（非零时绝对值不小于 ${L.tiny}）`), false);
    if (opts.gt !== undefined && !(v > opts.gt)) return (err(path, `应大于 ${opts.gt}`), false);
    if (opts.min !== undefined && v < opts.min) return (err(path, `不能小于 ${opts.min}`), false);
    if (opts.max !== undefined && v > opts.max) return (err(path, `不能大于 ${opts.max}`), false);
    return true;
  };
  const str = (v: Json, path: string) =>
    typeof v === "string" && v.trim() !== "" ? true : (err(path, "应为非空文字"), false);
  const bool = (v: Json, path: string) => (typeof v === "boolean" ? true : (err(path, "应为 true 或 false"), false));
  const strArray = (v: Json, path: string) => {
    if (!Array.isArray(v)) return (err(path, "应为文字列表"), false);
    v.forEach((x, i) => str(x, `${path}[${i}]`));
    return true;
  };
  const obj = (v: Json, path: string): v is Record<string, Json> =>
    isObject(v) ? true : (err(path, "应为对象"), false);

  str(m.name, "name");
  if (m.referenceDate !== null && (typeof m.referenceDate !== "string" || !isIsoDate(m.referenceDate))) {
    err("referenceDate", "应为 YYYY-MM-DD 格式的日期或 null");
  }

  const e = m.economic;
  if (obj(e, "economic")) {
    const inds = e.indicators;
    if (!Array.isArray(inds) || inds.length === 0) err("economic.indicators", "应为至少含一个指标的列表");
    else {
      const seen = new Map<string, string>();
      inds.forEach((ind, i) => {
        const p = `economic.indicators[${i}]`;
        if (!obj(ind, p)) return;
        for (const k of Object.keys(ind)) {
          if (!["name", "aliases", "weight", "direction"].includes(k)) err(`${p}.${k}`, "未知的字段（请检查拼写）");
        }
        if (str(ind.name, `${p}.name`)) claim(seen, ind.name as string, `${p}.name`, err);
        if (ind.aliases === undefined) ind.aliases = [];
        if (strArray(ind.aliases, `${p}.aliases`)) {
          (ind.aliases as Json[]).forEach((a, j) => {
            if (typeof a === "string") claim(seen, a, `${p}.aliases[${j}]`, err);
          });
        }
        num(ind.weight, `${p}.weight`, { gt: 0, max: L.weight });
        if (ind.direction === undefined) ind.direction = "higher";
        if (ind.direction !== "higher" && ind.direction !== "lower") {
          err(`${p}.direction`, '应为 "higher"（正向）或 "lower"（逆向）');
        }
      });
    }
    num(e.stepPercent, "economic.stepPercent", { min: L.minStepPercent, max: 100 });
    num(e.pointsPerStep, "economic.pointsPerStep", { min: 0, max: L.points });
    num(e.basePoints, "economic.basePoints", { min: L.minBasePoints, max: L.points });
    bool(e.stepwise, "economic.stepwise");
    num(e.maxBonusPoints, "economic.maxBonusPoints", { min: 0, max: L.points });
    num(e.maxPenaltyPoints, "economic.maxPenaltyPoints", { min: 0, max: L.points });
    bool(e.belowBaseCapsOthers, "economic.belowBaseCapsOthers");
    num(e.lossReductionFactor, "economic.lossReductionFactor", { min: 0, max: L.lossReductionFactor });
    num(e.lossMaxBonusPoints, "economic.lossMaxBonusPoints", { min: 0, max: L.points });
    num(e.minAvailableShare, "economic.minAvailableShare", { min: 0, max: 1 });
  }

  const w = m.work;
  if (obj(w, "work") && obj(w.weights, "work.weights")) {
    const ws = w.weights;
    const keys = ["economic", "keyTasks", "partyBuilding", "safety"];
    const ok = keys.map((k) => num(ws[k], `work.weights.${k}`, { min: 0, max: L.weight })).every(Boolean);
    if (ok && keys.reduce((s, k) => s + (ws[k] as number), 0) <= 0) err("work.weights", "权重之和应大于 0");
  }

  if (obj(m.ratings, "ratings")) {
    for (const [k, v] of Object.entries(m.ratings)) {
      if (k.trim() === "") err("ratings", "评价词不能为空");
      num(v, `ratings.${k}`, { min: 0, max: L.points });
    }
  }

  const d = m.democratic;
  if (obj(d, "democratic")) {
    const cats = d.categories;
    if (!Array.isArray(cats) || cats.length !== 4) {
      err("democratic.categories", "应恰好含四个票类（优秀、称职、基本称职、不称职，按此顺序）");
    } else {
      const seen = new Map<string, string>();
      cats.forEach((c, i) => {
        const p = `democratic.categories[${i}]`;
        if (!obj(c, p)) return;
        if (str(c.name, `${p}.name`)) claim(seen, c.name as string, `${p}.name`, err);
        num(c.points, `${p}.points`, { min: 0, max: L.points });
        if (c.aliases === undefined) c.aliases = [];
        if (strArray(c.aliases, `${p}.aliases`)) {
          (c.aliases as Json[]).forEach((a, j) => typeof a === "string" && claim(seen, a, `${p}.aliases[${j}]`, err));
        }
      });
    }
    if (obj(d.dimensions, "democratic.dimensions")) {
      const entries = Object.entries(d.dimensions);
      if (entries.length === 0) err("democratic.dimensions", "至少应有一个测评维度");
      const ok = entries
        .map(([k, v]) => num(v, `democratic.dimensions.${k}`, { min: 0, max: L.weight }))
        .every(Boolean);
      if (ok && entries.length > 0 && entries.reduce((s, [, v]) => s + (v as number), 0) <= 0) {
        err("democratic.dimensions", "维度权重之和应大于 0");
      }
    }
    const groups = d.groups;
    if (!Array.isArray(groups) || groups.length === 0) err("democratic.groups", "应为至少含一个测评人类别的列表");
    else {
      const seen = new Map<string, string>();
      groups.forEach((g, i) => {
        const p = `democratic.groups[${i}]`;
        if (!obj(g, p)) return;
        if (str(g.name, `${p}.name`)) claim(seen, g.name as string, `${p}.name`, err);
        num(g.weight, `${p}.weight`, { min: 0, max: L.weight });
        if (g.aliases === undefined) g.aliases = [];
        if (strArray(g.aliases, `${p}.aliases`)) {
          (g.aliases as Json[]).forEach((a, j) => typeof a === "string" && claim(seen, a, `${p}.aliases[${j}]`, err));
        }
      });
    }
    num(d.minBallots, "democratic.minBallots", { min: 0, max: L.ballots, int: true });
    const o = d.overall;
    if (obj(o, "democratic.overall")) {
      // The overall item is read from the same 维度 column: its words must not be a dimension's.
      const seen = new Map<string, string>(
        isObject(d.dimensions)
          ? Object.keys(d.dimensions).map((k) => [k.trim().toLowerCase(), `democratic.dimensions.${k}`])
          : [],
      );
      if (str(o.name, "democratic.overall.name")) claim(seen, o.name as string, "democratic.overall.name", err);
      if (strArray(o.aliases, "democratic.overall.aliases")) {
        (o.aliases as Json[]).forEach(
          (a, j) => typeof a === "string" && claim(seen, a, `democratic.overall.aliases[${j}]`, err),
        );
      }
      num(o.weight, "democratic.overall.weight", { min: 0, max: L.weight });
    }
  }

  const f = m.final;
  if (obj(f, "final")) {
    const a = num(f.workWeight, "final.workWeight", { min: 0, max: L.weight });
    const b = num(f.democraticWeight, "final.democraticWeight", { min: 0, max: L.weight });
    if (a && b && (f.workWeight as number) + (f.democraticWeight as number) <= 0)
      err("final", "工作业绩与民主测评权重之和应大于 0");
    num(f.maxBonus, "final.maxBonus", { min: 0, max: L.points });
  }

  const g = m.grades;
  if (obj(g, "grades")) {
    const bands = g.bands;
    if (!Array.isArray(bands) || bands.length !== 4) {
      err("grades.bands", "应恰好含四个等次：优秀、称职、基本称职、不称职（按此顺序，最后一个 min 为 null）");
    } else {
      let prev = Infinity;
      bands.forEach((b, i) => {
        const p = `grades.bands[${i}]`;
        if (!obj(b, p)) return;
        if (b.grade !== GRADES[i])
          err(`${p}.grade`, `应为“${GRADES[i]}”（等次须按 优秀、称职、基本称职、不称职 排列）`);
        if (i === 3) {
          if (b.min !== null && b.min !== undefined) err(`${p}.min`, "最低等次的 min 应为 null");
        } else if (num(b.min, `${p}.min`, { min: -L.band, max: L.band })) {
          if ((b.min as number) >= prev) err(`${p}.min`, "分数线应逐级降低");
          prev = b.min as number;
        }
      });
    }
    num(g.excellentQuotaPercent, "grades.excellentQuotaPercent", { min: 0, max: 100 });
    if (!GRADES.includes(g.vetoCap as Grade)) err("grades.vetoCap", "应为 优秀、称职、基本称职 或 不称职");
    if (!GRADES.includes(g.lossCap as Grade)) err("grades.lossCap", "应为 优秀、称职、基本称职 或 不称职");
    if (g.quotaRounding !== "floor" && g.quotaRounding !== "round") {
      err("grades.quotaRounding", '应为 "floor"（向下取整）或 "round"（四舍五入）');
    }
    if (g.quotaGroupColumn !== null) str(g.quotaGroupColumn, "grades.quotaGroupColumn");
    if (g.voteCaps !== "cap" && g.voteCaps !== "flag") {
      err("grades.voteCaps", '应为 "cap"（票数规则直接限定等次）或 "flag"（只作标记，提请组织研究）');
    }
  }

  if (obj(m.ranking, "ranking") && m.ranking.ties !== "competition" && m.ranking.ties !== "dense") {
    err("ranking.ties", '应为 "competition"（1,2,2,4）或 "dense"（中国式排名 1,2,2,3）');
  }

  const q = m.qualification;
  if (obj(q, "qualification")) {
    for (const k of ["minAge", "minPartyYears", "minWorkYears", "minDepartments", "minPostYears"]) {
      num(q[k], `qualification.${k}`, { min: 0, max: L.years });
    }
    if (!(EDUCATION_LEVELS as readonly string[]).includes(q.minEducation as string)) {
      err("qualification.minEducation", `应为 ${EDUCATION_LEVELS.join("、")} 之一`);
    }
    if (!(TITLE_LEVELS as readonly string[]).includes(q.minTitle as string)) {
      err("qualification.minTitle", `应为 ${TITLE_LEVELS.join("、")} 之一`);
    }
    strArray(q.health, "qualification.health");
    strArray(q.preferredMajors, "qualification.preferredMajors");
  }

  const papers = m.papers;
  if (obj(papers, "papers") && str(papers.reviewNotice, "papers.reviewNotice")) {
    // The letter is one page: a paragraph longer than this would push it onto a second.
    if ((papers.reviewNotice as string).length > REVIEW_NOTICE_MAX)
      err("papers.reviewNotice", `不能超过 ${REVIEW_NOTICE_MAX} 字（个人通知书为一页）`);
  }
  validateBallots(m.ballots, err);

  const pers = m.personal;
  if (obj(pers, "personal")) {
    const rules = pers.rules;
    if (!Array.isArray(rules)) err("personal.rules", "应为个人情况规则的列表（可以为空）");
    else {
      const seen = new Map<string, string>();
      rules.forEach((r, i) => {
        const p = `personal.rules[${i}]`;
        if (!obj(r, p)) return;
        for (const k of Object.keys(r)) {
          if (!["name", "aliases", "effect", "minDays"].includes(k)) err(`${p}.${k}`, "未知的字段（请检查拼写）");
        }
        if (str(r.name, `${p}.name`)) claim(seen, r.name as string, `${p}.name`, err);
        if (r.aliases === undefined) r.aliases = [];
        if (strArray(r.aliases, `${p}.aliases`)) {
          (r.aliases as Json[]).forEach((a, j) => typeof a === "string" && claim(seen, a, `${p}.aliases[${j}]`, err));
        }
        if (!PERSONAL_EFFECTS.includes(r.effect as PersonalEffect)) {
          err(
            `${p}.effect`,
            '应为 "pending"（暂缓确定等次）、"unfit"（确定为不称职）、"noGrade"（不确定等次）或 "noExcellent"（不得确定为优秀）',
          );
        }
        if (r.minDays === null) delete r.minDays;
        else if (r.minDays !== undefined) num(r.minDays, `${p}.minDays`, { min: 0, max: L.days });
      });
    }
  }
}

function validateBallots(b: Json, err: (path: string, message: string) => void): void {
  if (!isObject(b)) return err("ballots", "应为对象");
  if (typeof b.invalidIfAllSame !== "boolean") err("ballots.invalidIfAllSame", "应为 true 或 false");
  // Shares of docs/method.md §11.2: null (the rule is off) or a fraction of 1.
  const share = (v: Json, path: string) => {
    if (v === null) return;
    if (typeof v !== "number" || !Number.isFinite(v)) err(path, "应为 0 到 1 之间的比例，或 null（不适用）");
    else if (v < 0) err(path, "不能小于 0");
    else if (v > 1) err(path, "不能大于 1");
  };
  share(b.maxExcellentShare, "ballots.maxExcellentShare");
  share(b.minTurnout, "ballots.minTurnout");
}

function claim(seen: Map<string, string>, name: string, path: string, err: (p: string, m: string) => void) {
  const key = name.trim().toLowerCase();
  const first = seen.get(key);
  if (first !== undefined) err(path, `“${name}”与 ${first} 重复`);
  else seen.set(key, path);
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
