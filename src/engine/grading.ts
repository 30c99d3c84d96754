import type { Grade, GradesMethod, QuotaRounding } from "../method/types";
import { GRADES } from "../method/schema";
import type { CapExplanation } from "./types";

/** Lower index = better grade. */
export const gradeOrder = (g: Grade): number => GRADES.indexOf(g);
export const lowerOf = (a: Grade, b: Grade): Grade => (gradeOrder(a) >= gradeOrder(b) ? a : b);

/** The band of docs/method.md §5.2 for a rounded F. */
export function band(final: number, m: GradesMethod): Grade {
  for (const b of m.bands) if (b.min === null || final >= b.min) return b.grade;
  return m.bands[m.bands.length - 1].grade;
}

export interface CapInputs {
  /** Vote totals per category (优秀, 称职, 基本称职, 不称职) and N, as the rates count them (§3, §10.4). */
  totals: number[];
  total: number;
  veto: string | null;
  stillInLoss: boolean;
  /** A personal circumstance with the effect noExcellent applies (§10.2): its message. */
  noExcellent?: string | null;
}

/**
 * The caps of docs/method.md §5.3 (and §10.2's noExcellent) whose condition holds. Vote shares are compared as
 * integers (3·Σn₄ > ΣN), never as floating-point thirds. Under `voteCaps: "flag"` the two vote rules are
 * listed but not applied. `none` when no cap holds.
 */
export function caps(x: CapInputs, m: GradesMethod, none: CapExplanation[] = []): CapExplanation[] {
  // By index, not destructured: once per leader, mostly before it is optimized (destructuring walks an iterator).
  const t = x.totals;
  const n1 = t[0];
  const n2 = t[1];
  const n4 = t[3];
  const N = x.total;
  const unfitVotes = N > 0 && 3 * n4 > N;
  const lowCompetentVotes = N > 0 && 3 * (n1 + n2) < 2 * N;
  // Most leaders have no cap: they share the caller's empty list.
  if (!unfitVotes && !lowCompetentVotes && x.veto === null && !x.stillInLoss && x.noExcellent == null) return none;
  const out: CapExplanation[] = [];
  const votesApply = m.voteCaps === "cap";
  if (unfitVotes) {
    out.push({
      code: "unfitVotes",
      cap: "不称职",
      reason: `不称职票 ${n4} 张，超过总票数 ${N} 的三分之一`,
      applied: votesApply,
    });
  }
  if (lowCompetentVotes) {
    out.push({
      code: "lowCompetentVotes",
      cap: "基本称职",
      reason: `称职以上票 ${n1 + n2} 张，不足总票数 ${N} 的三分之二`,
      applied: votesApply,
    });
  }
  if (x.veto !== null) out.push({ code: "veto", cap: m.vetoCap, reason: `单位存在否决事项：${x.veto}`, applied: true });
  if (x.stillInLoss)
    out.push({
      code: "stillInLoss",
      cap: m.lossCap,
      reason: "单位仍处于亏损状态（亏损目标且实际仍亏损）",
      applied: true,
    });
  if (x.noExcellent != null)
    out.push({ code: "personalNoExcellent", cap: "称职", reason: x.noExcellent, applied: true });
  return out;
}

export function applyCaps(grade: Grade, list: CapExplanation[]): Grade {
  return list.reduce((g, c) => (c.applied ? lowerOf(g, c.cap) : g), grade);
}

/**
 * q of docs/method.md §5.4 / §10.3: max(1, ⌊N·p/100⌋), or with `round` max(1, ⌊N·p/100 + 1/2⌋). N·p/100 is computed
 * exactly on the decimal p (12.5 is 125/10), so an exact .5 is never a float just below or above it.
 */
export function excellentQuota(graded: number, percent: number, rounding: QuotaRounding = "floor"): number {
  const [a, scale] = decimalFraction(percent);
  const num = graded * a;
  const den = 100 * scale;
  let q: number;
  // Integers up to 2^53 are exact (Number.isSafeInteger is missing from Internet Explorer, where the pane runs).
  if (Math.abs(2 * num + den) <= MAX_EXACT && 2 * den <= MAX_EXACT && num % 1 === 0) {
    const div = (x: number, y: number) => (x - (x % y)) / y;
    q = rounding === "floor" ? div(num, den) : div(2 * num + den, 2 * den);
  } else {
    const x = (graded * percent) / 100;
    q = Math.floor(rounding === "floor" ? x + 1e-9 : x + 0.5 + 1e-9);
  }
  return Math.max(1, q);
}

const MAX_EXACT = 9007199254740991;

/** p as a / scale with a an integer and scale a power of ten (at most 10 decimals are kept). */
export function decimalFraction(p: number): [number, number] {
  let scale = 1;
  for (let k = 0; k < 10; k++, scale *= 10) {
    const a = Math.round(p * scale);
    if (a / scale === p) return [a, scale];
  }
  return [Math.round(p * scale), scale];
}

export type QuotaDecision = "kept" | "excellentQuota" | "quotaTie";

/**
 * The 优秀 quota: candidates (still 优秀 after the caps) keep the grade in rank order up to q. A rank
 * shared across the boundary (some of it inside q, some outside) is decided by nobody here: all of it
 * becomes 称职 with quotaTie. Returns a decision per candidate, in input order.
 */
export function applyQuota(candidateRanks: number[], q: number): QuotaDecision[] {
  const order = candidateRanks.map((r, i) => ({ r, i })).sort((a, b) => a.r - b.r || a.i - b.i);
  const out = new Array<QuotaDecision>(candidateRanks.length);
  let before = 0;
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end < order.length && order[end].r === order[k].r) end++;
    const size = end - k;
    const decision: QuotaDecision = before + size <= q ? "kept" : before < q ? "quotaTie" : "excellentQuota";
    for (let j = k; j < end; j++) out[order[j].i] = decision;
    before += size;
    k = end;
  }
  return out;
}
