import type { DemocraticMethod } from "../method/types";
import type { VoteRow } from "../workbook/input";
import type { DemocraticExplanation, DimensionExplanation, GroupExplanation } from "./types";

/**
 * D of docs/method.md §3 for one leader's vote rows. The overall item 综合评价 (§10.4) is one more dimension with its
 * own weight; when the leader has overall rows, the rates and vote rules count those rows only.
 */
export function scoreDemocratic(rows: VoteRow[], m: DemocraticMethod): DemocraticExplanation {
  const points = m.categories.map((c) => c.points);
  const pooled = [0, 0, 0, 0];
  const overallTotals = [0, 0, 0, 0];
  let hasOverall = false;
  const items: [string, number, boolean][] = [
    ...Object.entries(m.dimensions).map(([d, w]): [string, number, boolean] => [d, w, false]),
    [m.overall.name, m.overall.weight, true],
  ];
  const groups: GroupExplanation[] = [];
  for (const g of m.groups) {
    const dims: DimensionExplanation[] = [];
    for (const [dimension, weight, overall] of items) {
      let row: VoteRow | undefined;
      for (const r of rows) {
        if (r.group === g.name && r.dimension === dimension) {
          row = r;
          break;
        }
      }
      if (!row) continue;
      // Sums in the order of the categories, as the method reads.
      const counts = row.counts;
      let total = 0;
      let weighted = 0;
      for (let i = 0; i < counts.length; i++) {
        const n = counts[i];
        total += n;
        pooled[i] += n;
        if (overall) overallTotals[i] += n;
        weighted += n * points[i];
      }
      if (overall) hasOverall = true;
      const mean = total > 0 ? weighted / total : null;
      dims.push({
        dimension,
        overall,
        weight,
        counts: counts.slice(),
        abstain: row.abstain,
        total,
        m: mean,
        cell: row.cell,
      });
    }
    if (dims.length === 0) continue;
    const present = dims.filter((d) => d.m !== null);
    const vw = present.reduce((s, d) => s + d.weight, 0);
    const value = vw > 0 ? present.reduce((s, d) => s + d.weight * (d.m as number), 0) / vw : null;
    const ballots = Math.max(...dims.map((d) => d.total));
    groups.push({ group: g.name, weight: g.weight, ballots, dimensions: dims, value });
  }
  // The pooled counts of §3 count each dimension's rows; with an overall item, only its rows (§10.4).
  const totals = hasOverall ? overallTotals : pooled;
  const total = totals.reduce((s, n) => s + n, 0);
  const ballots = groups.reduce((s, g) => s + g.ballots, 0);
  let value: number | null = null;
  let missingReason: string | null = null;
  if (ballots === 0) missingReason = "没有民主测评票";
  else if (ballots < m.minBallots) missingReason = `测评票数 ${ballots} 少于最低要求 ${m.minBallots}`;
  else {
    const present = groups.filter((g) => g.value !== null);
    const w = present.reduce((s, g) => s + g.weight, 0);
    if (w > 0) value = present.reduce((s, g) => s + g.weight * (g.value as number), 0) / w;
    else missingReason = "测评人类别权重之和为0";
  }
  return {
    groups,
    ballots,
    minBallots: m.minBallots,
    totals,
    total,
    rateBasis: hasOverall ? "overall" : "pooled",
    value,
    missingReason,
  };
}

/** The rates of docs/method.md §3 / §10.4 (null without votes). */
export function voteRates(d: DemocraticExplanation): {
  excellent: number | null;
  competent: number | null;
  unfit: number | null;
} {
  if (d.total === 0) return { excellent: null, competent: null, unfit: null };
  const [n1, n2, , n4] = d.totals;
  return { excellent: n1 / d.total, competent: (n1 + n2) / d.total, unfit: n4 / d.total };
}
