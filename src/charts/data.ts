/** The numbers the charts show, derived from an Assessment (pure). */
import type { Assessment, EconomicExplanation, IndicatorExplanation, LeaderResult } from "../engine/types";
import { roundHalfAway } from "../engine/round";

/** The four vote categories of docs/method.md §3, in the order the engine counts them. */
export const VOTE_CATEGORIES = ["优秀", "称职", "基本称职", "不称职"] as const;

/** Graded leaders by rank; leaders sharing a rank keep the order of 考核对象. */
export function rankedLeaders(a: Assessment): LeaderResult[] {
  return a.leaders
    .filter((l) => l.status === "graded")
    .sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.index - y.index);
}

export function pendingLeaders(a: Assessment): LeaderResult[] {
  return a.leaders.filter((l) => l.status === "pending").sort((x, y) => x.index - y.index);
}

/** Leaders without a grade (暂缓评定 and 不定等次), in the order of 考核对象. */
export function notGradedLeaders(a: Assessment): LeaderResult[] {
  return a.leaders.filter((l) => l.status !== "graded").sort((x, y) => x.index - y.index);
}

/** Graded leaders by rank, then those without a grade (暂缓评定, 不定等次) in the order of 考核对象. */
export function leadersInRankOrder(a: Assessment): LeaderResult[] {
  return [...rankedLeaders(a), ...notGradedLeaders(a)];
}

/** What a leader without a rank shows where the rank goes: 暂缓 or 不定. */
export function rankText(l: LeaderResult): string {
  return l.rank !== null ? String(l.rank) : l.status === "ungraded" ? "不定" : "暂缓";
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round2 = (x: number): number => roundHalfAway(x, 2);

/** Why a leader has no grade: the missing data (暂缓评定：…) or the circumstance (个人情况：…), without the prefix. */
export function pendingReason(l: LeaderResult): string {
  const m =
    l.flags.find((f) => f.code === "pending")?.message ??
    l.flags.find((f) => f.code === "personalPending" || f.code === "personalNoGrade")?.message ??
    "";
  return m.replace(/^(暂缓评定|个人情况)[：:]\s*/, "") || l.grade;
}

// ───────────────────────────── 德能勤廉 ─────────────────────────────

/** The dimensions that occur in the votes, in the order of the method (德, 能, 勤, 廉 by default). */
export function dimensionNames(a: Assessment): string[] {
  const names: string[] = [];
  for (const l of a.leaders) {
    for (const g of l.explain.democratic.groups)
      for (const d of g.dimensions) if (!names.includes(d.dimension)) names.push(d.dimension);
  }
  return names;
}

/**
 * A leader's score per dimension: the evaluator groups' m(g,k), weighted by the group weights over the
 * groups that rated that dimension — the same weighting D uses, so that with every group present D is the
 * dimension-weighted mean of these.
 */
export function dimensionScores(l: LeaderResult, dims: readonly string[]): (number | null)[] {
  // A group's dimensions are made each time they are read: once each here, not once per dimension asked for.
  const groups = l.explain.democratic.groups.map((g) => ({ weight: g.weight, dimensions: g.dimensions }));
  return dims.map((dim) => {
    let sw = 0;
    let s = 0;
    for (const g of groups) {
      const d = g.dimensions.find((x) => x.dimension === dim);
      if (!d || d.m === null) continue;
      sw += g.weight;
      s += g.weight * d.m;
    }
    return sw > 0 ? round2(s / sw) : null;
  });
}

/** The mean over all leaders (graded and pending) who have a score on the dimension. */
export function dimensionAverages(a: Assessment, dims: readonly string[]): (number | null)[] {
  const all = a.leaders.map((l) => dimensionScores(l, dims));
  return dims.map((_, k) => {
    const m = mean(all.map((s) => s[k]).filter((v): v is number => v !== null));
    return m === null ? null : round2(m);
  });
}

export interface RadarScale {
  min: number;
  max: number;
  stepSize: number;
}

/**
 * One radial scale for every radar of an assessment (the small multiples and each portrait), so that shapes
 * compare: from 60 (or a round 10 below the lowest score, if lower) to 100 (higher if a score passes 100).
 * Vote means lie between the lowest and highest category points (40–100 by default); starting at 60 rather
 * than just below the lowest score keeps small differences from looking large.
 */
export function radarScale(a: Assessment, dims: readonly string[]): RadarScale {
  const values = a.leaders.flatMap((l) => dimensionScores(l, dims)).filter((v): v is number => v !== null);
  if (values.length === 0) return { min: 40, max: 100, stepSize: 10 };
  const lo = Math.max(0, Math.min(60, Math.floor((Math.min(...values) - 2) / 10) * 10));
  const hi = Math.max(100, Math.ceil(Math.max(...values) / 10) * 10);
  return { min: lo, max: hi, stepSize: hi - lo <= 30 ? 5 : 10 };
}

// ───────────────────────────── votes ─────────────────────────────

export interface VoteComposition {
  counts: number[];
  total: number;
  /** Each category's share of the total, 0–1 (all 0 without votes). */
  shares: number[];
}

export function voteComposition(counts: readonly number[]): VoteComposition {
  const c = VOTE_CATEGORIES.map((_, i) => counts[i] ?? 0);
  const total = c.reduce((s, n) => s + n, 0);
  return { counts: c, total, shares: c.map((n) => (total > 0 ? n / total : 0)) };
}

/** A leader's votes pooled over groups and dimensions (what the caps read). */
export function leaderVotes(l: LeaderResult): VoteComposition {
  return voteComposition(l.explain.democratic.totals);
}

/** A leader's votes per evaluator group, pooled over the dimensions. */
export function groupVotes(l: LeaderResult): { group: string; votes: VoteComposition }[] {
  return l.explain.democratic.groups.map((g) => {
    const counts = [0, 0, 0, 0];
    for (const d of g.dimensions) d.counts.forEach((n, i) => (counts[i] += n));
    return { group: g.group, votes: voteComposition(counts) };
  });
}

// ───────────────────────────── indicators ─────────────────────────────

export type CompletionBasis = "ratio" | "lower" | "loss";

export interface Completion {
  indicator: string;
  weight: number;
  direction: "higher" | "lower";
  target: number | null;
  actual: number | null;
  /**
   * Actual against target with the target at 100%: 100% + the relative deviation before any scoring factor.
   * ratio (T > 0, 正向): A ÷ T; lower (T > 0, 逆向): 100% + (T − A) ÷ T; loss (T < 0, a loss target):
   * 100% + (A − T) ÷ |T| — halving the loss shows 150%, breaking even 200%, a deeper loss under 100%.
   * Null when T or A is missing or T = 0.
   */
  percent: number | null;
  basis: CompletionBasis | null;
  /** Actual at or above target (for 逆向: at or below). */
  met: boolean | null;
  /** Why percent is null. */
  missing: string | null;
}

export function completion(ind: IndicatorExplanation): Completion {
  const { target: t, actual: x } = ind;
  const base = { indicator: ind.name, weight: ind.weight, direction: ind.direction, target: t, actual: x };
  if (t === null || x === null || t === 0) {
    return {
      ...base,
      percent: null,
      basis: null,
      met: null,
      missing: ind.unavailableReason ?? (t === 0 ? "目标值为0" : "目标或完成值缺失"),
    };
  }
  let ratio: number;
  let basis: CompletionBasis;
  if (t < 0) {
    ratio = 1 + (x - t) / Math.abs(t);
    basis = "loss";
  } else if (ind.direction === "lower") {
    ratio = 1 + (t - x) / t;
    basis = "lower";
  } else {
    ratio = x / t;
    basis = "ratio";
  }
  const percent = roundHalfAway(ratio * 100, 1);
  return { ...base, percent, basis, met: percent >= 100, missing: null };
}

export interface UnitIndicators {
  unit: string;
  leaders: LeaderResult[];
  economic: EconomicExplanation;
}

/** Units in the order their first leader appears on 考核对象, with the unit's economic explanation. */
export function unitsOf(a: Assessment): UnitIndicators[] {
  const byUnit = new Map<string, UnitIndicators>();
  for (const l of [...a.leaders].sort((x, y) => x.index - y.index)) {
    const key = l.explain.economic.unit;
    const u = byUnit.get(key);
    if (u) u.leaders.push(l);
    else byUnit.set(key, { unit: key, leaders: [l], economic: l.explain.economic });
  }
  return [...byUnit.values()];
}

/** The indicator names in method order, as the explanations list them. */
export function indicatorNames(a: Assessment): string[] {
  const names: string[] = [];
  for (const l of a.leaders)
    for (const i of l.explain.economic.indicators) if (!names.includes(i.name)) names.push(i.name);
  return names;
}

// ───────────────────────────── paging ─────────────────────────────

/** Splits items into the fewest pages of at most `max`, as even as possible (23 → 12 + 11, not 20 + 3). */
export function pages<T>(items: readonly T[], max: number): T[][] {
  if (items.length <= max) return [items.slice()];
  const count = Math.ceil(items.length / max);
  const out: T[][] = [];
  let start = 0;
  for (let p = 0; p < count; p++) {
    const size = Math.floor(items.length / count) + (p < items.length % count ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}
