import type { DemocraticMethod } from "../method/types";
import type { VoteRow } from "../workbook/input";
import { VoteColumns } from "../workbook/voteColumns";
import type { DemocraticExplanation, DimensionExplanation, GroupExplanation } from "./types";

/** What every leader's scoring reads from the method, worked out once per method. */
interface Layout {
  points: number[];
  /** The items (dimensions, then the overall item) as in VoteColumns.items: name, weight, overall. */
  items: [string, number, boolean][];
  /** Each item's slot: the first index of its name (VoteColumns.item holds the same). */
  itemSlot: number[];
  /** Each group's slot: the first index of its name (VoteColumns.group holds the same). */
  groupSlot: number[];
}

const layouts = new WeakMap<DemocraticMethod, Layout>();

function layoutOf(m: DemocraticMethod): Layout {
  let l = layouts.get(m);
  if (!l) {
    const items: [string, number, boolean][] = [
      ...Object.entries(m.dimensions).map(([d, w]): [string, number, boolean] => [d, w, false]),
      [m.overall.name, m.overall.weight, true],
    ];
    const names = items.map(([d]) => d);
    const groupNames = m.groups.map((g) => g.name);
    l = {
      points: m.categories.map((c) => c.points),
      items,
      itemSlot: names.map((d) => names.indexOf(d)),
      groupSlot: groupNames.map((g) => groupNames.indexOf(g)),
    };
    layouts.set(m, l);
  }
  return l;
}

/** Σ n × points over a row's counts, in the order of the categories (as the method reads). */
function weightedSum(cols: VoteColumns, r: number, points: number[]): number {
  const n = cols.categories;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += cols.counts[r * n + i] * points[i];
  return weighted;
}

function countTotal(cols: VoteColumns, r: number): number {
  const n = cols.categories;
  let total = 0;
  for (let i = 0; i < n; i++) total += cols.counts[r * n + i];
  return total;
}

/**
 * Where the per-dimension detail of many groups' explanations is: for each dimension present, its item (index in
 * the layout) and its row in `cols`, pair after pair; a group keeps the place and number of its pairs.
 */
export class DimensionRows {
  data = new Int32Array(256);
  length = 0;
  /** Scratch for scoreDemocraticRows: per (group × item), a leader's first row of it; reused leader to leader. */
  private slots = new Int32Array(0);

  constructor(readonly cols: VoteColumns) {}

  /** The first `n` scratch slots, each -1. */
  emptySlots(n: number): Int32Array {
    if (this.slots.length < n) this.slots = new Int32Array(n);
    this.slots.fill(-1, 0, n);
    return this.slots;
  }

  push(item: number, row: number): void {
    if (this.length + 2 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = item;
    this.data[this.length++] = row;
  }
}

// Not own string-keyed properties: code that walks an explanation's keys (or copies it) sees plain data.
const ROWS: unique symbol = Symbol("dimension rows");
const AT: unique symbol = Symbol("first pair");
const COUNT: unique symbol = Symbol("pairs");

/**
 * An evaluator group's part of D. Its per-dimension detail is made when it is read (and for JSON) from the vote
 * columns, not kept for every leader: at 10,000 leaders that was 120,000 objects that the run only carried along.
 */
class GroupScore implements GroupExplanation {
  readonly [ROWS]: DimensionRows;
  readonly [AT]: number;
  readonly [COUNT]: number;

  constructor(
    readonly group: string,
    readonly weight: number,
    readonly ballots: number,
    readonly value: number | null,
    rows: DimensionRows,
    at: number,
    count: number,
  ) {
    this[ROWS] = rows;
    this[AT] = at;
    this[COUNT] = count;
  }

  get dimensions(): DimensionExplanation[] {
    const source = this[ROWS];
    const cols = source.cols;
    const { items, points } = layoutOf(cols.democratic);
    const out = new Array<DimensionExplanation>(this[COUNT]);
    for (let k = 0; k < out.length; k++) {
      const item = items[source.data[this[AT] + 2 * k]];
      const r = source.data[this[AT] + 2 * k + 1];
      const total = countTotal(cols, r);
      out[k] = {
        dimension: item[0],
        overall: item[2],
        weight: item[1],
        counts: cols.countsOf(r),
        abstain: cols.abstainOf(r),
        total,
        m: total > 0 ? weightedSum(cols, r, points) / total : null,
        cell: cols.cellOf(r),
      };
    }
    return out;
  }

  toJSON(): GroupExplanation {
    return {
      group: this.group,
      weight: this.weight,
      ballots: this.ballots,
      dimensions: this.dimensions,
      value: this.value,
    };
  }
}

/**
 * D of docs/method.md §3 for one leader's vote rows. The overall item 综合评价 (§10.4) is one more dimension with its
 * own weight; when the leader has overall rows, the rates and vote rules count those rows only.
 */
export function scoreDemocratic(rows: VoteRow[], m: DemocraticMethod): DemocraticExplanation {
  const cols = VoteColumns.ofRows(rows, m, () => undefined);
  const order = new Int32Array(rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return scoreDemocraticRows(cols, order, 0, order.length, m, new DimensionRows(cols));
}

// The counts per category as groupPass sums them, pooled and of the overall item: reused leader after leader, the
// one that counts copied into the leader's explanation.
const pooledScratch = [0, 0, 0, 0];
const overallScratch = [0, 0, 0, 0];

/** scoreDemocratic of the rows order[from], …, order[to - 1] of the columns. */
export function scoreDemocraticRows(
  cols: VoteColumns,
  order: Int32Array,
  from: number,
  to: number,
  m: DemocraticMethod,
  /** Where the groups' dimension detail goes (one for all the leaders of a run): of `cols`. */
  sink: DimensionRows,
  /** A reason that makes D missing whatever the votes (a unit below the minimum turnout, §11.2). */
  voidReason: string | null = null,
): DemocraticExplanation {
  const pooled = pooledScratch;
  const overallTotals = overallScratch;
  for (let i = 0; i < 4; i++) {
    pooled[i] = 0;
    overallTotals[i] = 0;
  }
  const sums = groupPass(cols, order, from, to, m, sink, pooled, overallTotals, null);
  // The pooled counts of §3 count each dimension's rows; with an overall item, only its rows (§10.4).
  const counted = sums.hasOverall ? overallTotals : pooled;
  const totals = [counted[0], counted[1], counted[2], counted[3]];
  let total = 0;
  for (let i = 0; i < totals.length; i++) total += totals[i];
  const ballots = sums.ballots;
  let value: number | null = null;
  let missingReason: string | null = null;
  if (ballots === 0) missingReason = "没有民主测评票";
  else if (ballots < m.minBallots) missingReason = `测评票数 ${ballots} 少于最低要求 ${m.minBallots}`;
  else if (sums.weight > 0) value = sums.sum / sums.weight;
  else missingReason = "测评人类别权重之和为0";
  if (voidReason !== null) {
    value = null;
    missingReason = voidReason;
  }
  return new DemocraticScore(
    sink,
    order,
    m,
    from,
    to,
    ballots,
    m.minBallots,
    totals,
    total,
    sums.hasOverall ? "overall" : "pooled",
    value,
    missingReason,
  );
}

/** What D's formula needs of a leader's groups, summed in the groups' order. */
interface GroupSums {
  /** Σ of the groups' ballots. */
  ballots: number;
  /** Σ weight and Σ weight × value over the groups with a value. */
  weight: number;
  sum: number;
  hasOverall: boolean;
}

// What groupPass returns, read at once by its caller: one object reused leader after leader.
const scratchSums: GroupSums = { ballots: 0, weight: 0, sum: 0, hasOverall: false };

/**
 * One pass over a leader's groups: each group's value and ballots (the largest total of its dimensions), summed
 * into `pooled` and `overallTotals` per category. With `groups`, each group's explanation is made too, its
 * dimensions recorded in `sink`; without, nothing is kept. The sums are good until the next call.
 */
function groupPass(
  cols: VoteColumns,
  order: Int32Array,
  from: number,
  to: number,
  m: DemocraticMethod,
  sink: DimensionRows,
  pooled: number[],
  overallTotals: number[],
  groups: GroupExplanation[] | null,
): GroupSums {
  const { points, items, itemSlot, groupSlot } = layoutOf(m);
  const nCat = cols.categories;
  const out = scratchSums;
  out.ballots = 0;
  out.weight = 0;
  out.sum = 0;
  out.hasOverall = false;
  // The first row of each (group, item), in one pass over the rows.
  const nItems = items.length;
  const nSlots = m.groups.length * nItems;
  const slots = sink.emptySlots(nSlots);
  for (let j = from; j < to; j++) {
    const r = order[j];
    const gi = cols.group[r];
    const di = cols.item[r];
    if (gi < 0 || di < 0) continue;
    const k = gi * nItems + di;
    if (slots[k] < 0) slots[k] = r;
  }
  for (let gi = 0; gi < m.groups.length; gi++) {
    const g = m.groups[gi];
    const gBase = groupSlot[gi] * nItems;
    let present = 0;
    for (let j = 0; j < nItems; j++) if (slots[gBase + itemSlot[j]] >= 0) present++;
    if (present === 0) continue;
    const at = sink.length;
    let k = 0;
    // The weighted mean over the dimensions with a mean, summed in their order; ballots: the largest total.
    let vw = 0;
    let vs = 0;
    let ballots = 0;
    for (let j = 0; j < nItems; j++) {
      const r = slots[gBase + itemSlot[j]];
      if (r < 0) continue;
      const item = items[j];
      const weight = item[1];
      const overall = item[2];
      // Sums in the order of the categories, as the method reads.
      let total = 0;
      let weighted = 0;
      for (let i = 0; i < nCat; i++) {
        const n = cols.counts[r * nCat + i];
        total += n;
        pooled[i] += n;
        if (overall) overallTotals[i] += n;
        weighted += n * points[i];
      }
      if (overall) out.hasOverall = true;
      if (k === 0 || total > ballots) ballots = total;
      k++;
      if (groups) sink.push(j, r);
      if (total > 0) {
        vw += weight;
        vs += weight * (weighted / total);
      }
    }
    const value = vw > 0 ? vs / vw : null;
    out.ballots += ballots;
    if (value !== null) {
      out.weight += g.weight;
      out.sum += g.weight * value;
    }
    if (groups) groups.push(new GroupScore(g.name, g.weight, ballots, value, sink, at, k));
  }
  return out;
}

// Where a leader's votes are (the run's vote columns through `sink`): what DemocraticScore makes its groups from.
const SINK: unique symbol = Symbol("vote columns");
const ORDER: unique symbol = Symbol("row order");
const METHOD: unique symbol = Symbol("democratic method");
const FROM: unique symbol = Symbol("first row");
const TO: unique symbol = Symbol("end row");
const GROUPS: unique symbol = Symbol("groups");

/**
 * D of one leader. Its groups (and their dimensions) are made when first read, and for JSON, from the vote
 * columns: a run keeps D, the pooled totals and the reasons, not three groups' objects per leader.
 */
class DemocraticScore implements DemocraticExplanation {
  readonly [SINK]: DimensionRows;
  readonly [ORDER]: Int32Array;
  readonly [METHOD]: DemocraticMethod;
  readonly [FROM]: number;
  readonly [TO]: number;
  private [GROUPS]: GroupExplanation[] | null = null;

  constructor(
    sink: DimensionRows,
    order: Int32Array,
    m: DemocraticMethod,
    from: number,
    to: number,
    readonly ballots: number,
    readonly minBallots: number,
    readonly totals: number[],
    readonly total: number,
    readonly rateBasis: "pooled" | "overall",
    readonly value: number | null,
    readonly missingReason: string | null,
  ) {
    this[SINK] = sink;
    this[ORDER] = order;
    this[METHOD] = m;
    this[FROM] = from;
    this[TO] = to;
  }

  get groups(): GroupExplanation[] {
    const made = this[GROUPS];
    if (made) return made;
    const sink = this[SINK];
    const groups: GroupExplanation[] = [];
    groupPass(sink.cols, this[ORDER], this[FROM], this[TO], this[METHOD], sink, [0, 0, 0, 0], [0, 0, 0, 0], groups);
    this[GROUPS] = groups;
    return groups;
  }

  toJSON(): DemocraticExplanation {
    return {
      groups: this.groups,
      ballots: this.ballots,
      minBallots: this.minBallots,
      totals: this.totals,
      total: this.total,
      rateBasis: this.rateBasis,
      value: this.value,
      missingReason: this.missingReason,
    };
  }
}

/** The rates of docs/method.md §3 / §10.4 (null without votes). */
/** 优秀率 (§3): the share of 优秀 in the leader's total; null without votes. */
export function excellentShare(d: DemocraticExplanation): number | null {
  return d.total === 0 ? null : d.totals[0] / d.total;
}

/** 称职以上率: the share of 优秀 and 称职. */
export function competentShare(d: DemocraticExplanation): number | null {
  return d.total === 0 ? null : (d.totals[0] + d.totals[1]) / d.total;
}

/** 不称职率: the share of 不称职. */
export function unfitShare(d: DemocraticExplanation): number | null {
  return d.total === 0 ? null : d.totals[3] / d.total;
}
