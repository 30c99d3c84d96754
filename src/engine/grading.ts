import type { Grade, GradesMethod } from "../method/types";
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
  /** Pooled vote totals per category (优秀, 称职, 基本称职, 不称职) and N. */
  totals: number[];
  total: number;
  veto: string | null;
  stillInLoss: boolean;
}

/**
 * The caps of docs/method.md §5.3 that apply. Vote shares are compared as integers (3·Σn₄ > ΣN), never as
 * floating-point thirds.
 */
export function caps(x: CapInputs, m: GradesMethod): CapExplanation[] {
  const out: CapExplanation[] = [];
  const [n1, n2, , n4] = x.totals;
  const N = x.total;
  if (N > 0 && 3 * n4 > N) {
    out.push({ code: "unfitVotes", cap: "不称职", reason: `不称职票 ${n4} 张，超过总票数 ${N} 的三分之一` });
  }
  if (N > 0 && 3 * (n1 + n2) < 2 * N) {
    out.push({
      code: "lowCompetentVotes",
      cap: "基本称职",
      reason: `称职以上票 ${n1 + n2} 张，不足总票数 ${N} 的三分之二`,
    });
  }
  if (x.veto !== null) out.push({ code: "veto", cap: m.vetoCap, reason: `单位存在否决事项：${x.veto}` });
  if (x.stillInLoss)
    out.push({ code: "stillInLoss", cap: m.lossCap, reason: "单位仍处于亏损状态（亏损目标且实际仍亏损）" });
  return out;
}

export function applyCaps(grade: Grade, list: CapExplanation[]): Grade {
  return list.reduce((g, c) => lowerOf(g, c.cap), grade);
}

/** q of docs/method.md §5.4. Integer arithmetic where the percent allows it, so 15 × 20 / 100 is exactly 3. */
export function excellentQuota(graded: number, percent: number): number {
  return Math.max(1, Math.floor((graded * percent) / 100 + 1e-9));
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
