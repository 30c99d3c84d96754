import type { DemocraticMethod } from "../method/types";
import type { VoteRow } from "../workbook/input";
import type { DemocraticExplanation, DimensionExplanation, GroupExplanation } from "./types";

/**
 * D of docs/method.md §3 for one leader's vote rows. The overall item 综合评价 (§10.4) is one more dimension with its
 * own weight; when the leader has overall rows, the rates and vote rules count those rows only.
 */
interface Layout {
  points: number[];
  items: [string, number, boolean][];
  /** Group name → its index in m.groups; dimension or overall item name → its first index in `items`. */
  groupIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  /** Each item's slot: the first index of its name. */
  itemSlot: number[];
}

/** What every leader's scoring reads from the method, worked out once per method. */
const layouts = new WeakMap<DemocraticMethod, Layout>();

function layoutOf(m: DemocraticMethod): Layout {
  let l = layouts.get(m);
  if (!l) {
    const items: [string, number, boolean][] = [
      ...Object.entries(m.dimensions).map(([d, w]): [string, number, boolean] => [d, w, false]),
      [m.overall.name, m.overall.weight, true],
    ];
    const groupIndex = new Map<string, number>();
    m.groups.forEach((g, i) => {
      if (!groupIndex.has(g.name)) groupIndex.set(g.name, i);
    });
    const itemIndex = new Map<string, number>();
    items.forEach(([d], i) => {
      if (!itemIndex.has(d)) itemIndex.set(d, i);
    });
    const itemSlot = items.map(([d]) => itemIndex.get(d)!);
    l = { points: m.categories.map((c) => c.points), items, groupIndex, itemIndex, itemSlot };
    layouts.set(m, l);
  }
  return l;
}

export function scoreDemocratic(rows: VoteRow[], m: DemocraticMethod): DemocraticExplanation {
  const { points, items, groupIndex, itemIndex, itemSlot } = layoutOf(m);
  const pooled = [0, 0, 0, 0];
  const overallTotals = [0, 0, 0, 0];
  let hasOverall = false;
  // The first row of each (group, item), in one pass over the rows.
  const nItems = items.length;
  const slots = new Array<VoteRow | undefined>(m.groups.length * nItems);
  // Indexed loops, no destructuring: this runs once per leader, mostly before the code is optimized.
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const gi = groupIndex.get(r.group);
    const di = itemIndex.get(r.dimension);
    if (gi === undefined || di === undefined) continue;
    const k = gi * nItems + di;
    if (slots[k] === undefined) slots[k] = r;
  }
  const groups: GroupExplanation[] = [];
  for (let gi = 0; gi < m.groups.length; gi++) {
    const g = m.groups[gi];
    const gBase = groupIndex.get(g.name)! * nItems;
    // Sized up front (an array grown by push() keeps room for 16), as every leader's explanation is kept.
    let present = 0;
    for (let j = 0; j < nItems; j++) if (slots[gBase + itemSlot[j]]) present++;
    if (present === 0) continue;
    const dims = new Array<DimensionExplanation>(present);
    let k = 0;
    for (let j = 0; j < nItems; j++) {
      const row = slots[gBase + itemSlot[j]];
      if (!row) continue;
      const item = items[j];
      const dimension = item[0];
      const weight = item[1];
      const overall = item[2];
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
      dims[k++] = {
        dimension,
        overall,
        weight,
        // The row's own array: neither is changed once read.
        counts,
        abstain: row.abstain,
        total,
        m: mean,
        cell: row.cell,
      };
    }
    // The weighted mean over the dimensions with a mean, summed in their order; ballots: the largest total.
    let vw = 0;
    let vs = 0;
    let ballots = dims[0].total;
    for (let j = 0; j < present; j++) {
      const d = dims[j];
      if (d.total > ballots) ballots = d.total;
      if (d.m === null) continue;
      vw += d.weight;
      vs += d.weight * d.m;
    }
    const value = vw > 0 ? vs / vw : null;
    groups.push({ group: g.name, weight: g.weight, ballots, dimensions: dims, value });
  }
  // The pooled counts of §3 count each dimension's rows; with an overall item, only its rows (§10.4).
  const totals = hasOverall ? overallTotals : pooled;
  let total = 0;
  for (let i = 0; i < totals.length; i++) total += totals[i];
  let ballots = 0;
  for (let i = 0; i < groups.length; i++) ballots += groups[i].ballots;
  let value: number | null = null;
  let missingReason: string | null = null;
  if (ballots === 0) missingReason = "没有民主测评票";
  else if (ballots < m.minBallots) missingReason = `测评票数 ${ballots} 少于最低要求 ${m.minBallots}`;
  else {
    let w = 0;
    let sum = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (g.value === null) continue;
      w += g.weight;
      sum += g.weight * g.value;
    }
    if (w > 0) value = sum / w;
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
  // By index, not destructured: once per leader, mostly before it is optimized (destructuring walks an iterator).
  const t = d.totals;
  const n1 = t[0];
  const n2 = t[1];
  const n4 = t[3];
  return { excellent: n1 / d.total, competent: (n1 + n2) / d.total, unfit: n4 / d.total };
}
