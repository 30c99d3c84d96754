/**
 * An independent tally of docs/method.md §11 (测评票 → 民主测评), computed from a clean case's ballots
 * (test/support/case.ts, `ballots`). Written from docs/method.md alone, without reading the product's code.
 *
 * Readings where docs/method.md is silent or ambiguous (also listed in the report to the lead):
 *  T1  A ballot is the lines of one 单位 and 票号, compared after §1 name normalization (票号 as text: 3 and "3"
 *      are one ballot); 票号 may repeat across units. Its lines must agree on the canonical 测评人类别.
 *  T2  A mark is a category's name or alias, or 弃权, compared after §1 name normalization; an empty cell (or
 *      spaces only) is not marked. Anything else is an error (the §1 missing markers -, —, /, 无 included: a
 *      rating cell is not a numeric field).
 *  T3  A line belongs to the leader of 考核对象 with that 姓名 in the ballot's 单位. A ballot of a 单位 without
 *      assessed leaders is ignored altogether (no error, no turnout count).
 *  T4  invalidIfAllSame: invalid when every item of every line (the items the sheet has columns for) carries a
 *      category, and it is one and the same category (a name and its alias are the same category). A blank or
 *      弃权 anywhere makes the ballot not "all the same". (The generator avoids ballots whose marked items are
 *      all the same category with some blank or 弃权 — the other reading would void them.)
 *  T5  maxExcellentShare: L = the lines of the ballot (leaders on it, whatever their marks); allowed =
 *      max(1, ⌊share × L⌋), computed exactly on share's decimal digits; invalid when the lines whose overall
 *      item is 优秀 (or an alias) exceed it. Only when the sheet has an overall column.
 *  T6  Both rules may void a ballot; it is listed once, with every reason.
 *  T7  Turnout counts the ballots (valid and invalid) per 单位 × canonical 测评人类别. A 单位 × 类别 with ballots and
 *      no 测评组织 row has no 应到人数: no over-count check. minTurnout: a 单位 is void when its ballots, all groups
 *      together, are fewer than minTurnout × Σ应到人数 over its 测评组织 rows (exact decimal comparison); a 单位
 *      without 测评组织 rows is never void. Without the sheet, nothing is void.
 *  T8  A void 单位's ballots count for nothing: the tally writes no rows for its leaders, so their D is missing
 *      (ballots 0 < minBallots: pending, flag `pending`) and their rates are empty — after `tally`, and when
 *      `score` tallies in memory.
 *  T9  A row of 民主测评 is written for a leader × 类别 × item when at least one VALID ballot of a non-void 单位 has a
 *      line for the leader in that 类别 (a leader whose ballots are all invalid gets no row); every item the sheet
 *      has a column for gets its row then, also when all its marks are blank or 弃权 (counts 0, 弃权 > 0).
 *  T10 The rows carry 考核对象's 姓名 and 单位, the canonical 类别 and 维度 names (the overall item under
 *      `democratic.overall.name`), in the order of 考核对象, then the method's groups, then the method's
 *      dimensions and the overall item last.
 */
import type { CaseBallot, CaseVote, CleanCase, OracleMethod } from "./case";
import { OVERALL_ITEM } from "./case";
import { decimalParts, mergeMethod } from "./oracle";
import { normName } from "./text";

export type InvalidReason = "allSame" | "tooManyExcellent";

export interface InvalidBallot {
  unit: string;
  no: number | string;
  /** Canonical 测评人类别. */
  group: string;
  reasons: InvalidReason[];
}

export interface TallyResult {
  /** The rows of 民主测评 (T9, T10), with 弃权 in `abstain`. */
  votes: CaseVote[];
  invalid: InvalidBallot[];
  /** Units of 考核对象 (as written there) whose evaluation is void (T7, T8). */
  voidUnits: string[];
  /** Ballots per unit (normalized) → canonical group → count (valid and invalid). */
  counted: Map<string, Map<string, number>>;
  /** Valid ballots per unit (normalized). */
  valid: Map<string, number>;
}

export type TallyErrorKind =
  "unknownGroup" | "groupsDisagree" | "leaderTwice" | "badMark" | "unknownLeader" | "overCount" | "unknownItem";

/** What docs/method.md §11 calls an error (the product must refuse the workbook at a cell). */
export class TallyError extends Error {
  constructor(
    readonly kind: TallyErrorKind,
    message: string,
  ) {
    super(`tally: ${kind}: ${message}`);
  }
}

/** The canonical group of a 测评人类别 word, or undefined. */
export function groupOf(method: OracleMethod, word: string): string | undefined {
  const k = normName(word);
  return method.democratic.groups.find((g) => normName(g.name) === k || g.aliases.some((a) => normName(a) === k))?.name;
}

export type MarkValue = { kind: "category"; index: number } | { kind: "abstain" } | { kind: "blank" };

/** A rating cell (T2). */
export function markOf(method: OracleMethod, mark: string | null | undefined): MarkValue | undefined {
  if (mark === null || mark === undefined || normName(mark) === "") return { kind: "blank" };
  const k = normName(mark);
  if (k === "弃权") return { kind: "abstain" };
  const index = method.democratic.categories.findIndex(
    (c) => normName(c.name) === k || c.aliases.some((a) => normName(a) === k),
  );
  return index < 0 ? undefined : { kind: "category", index };
}

/** The items of the method in tally order: its dimensions, then the overall item (T10). */
export function itemOrder(method: OracleMethod): string[] {
  return [...Object.keys(method.democratic.dimensions), OVERALL_ITEM];
}

/** ⌊x × n⌋ for a decimal x, exactly. */
function floorTimes(x: number, n: number): number {
  const [M, s] = decimalParts(x);
  const den = 10 ** s;
  return (M * n - ((M * n) % den)) / den;
}

/** a < x × n for a decimal x, exactly. */
function lessThanTimes(a: number, x: number, n: number): boolean {
  const [M, s] = decimalParts(x);
  return a * 10 ** s < M * n;
}

interface Merged {
  unit: string;
  unitKey: string;
  no: number | string;
  group: string;
  /** leader index, marks */
  lines: { leader: number; marks: MarkValue[] }[];
}

export function tally(c: CleanCase): TallyResult {
  const sheet = c.ballots;
  if (!sheet) throw new Error("tally: the case has no ballots");
  const method = mergeMethod(c.method);
  const bm = method.ballots;
  const items = itemOrder(method).filter((i) => sheet.items.includes(i));
  for (const i of sheet.items)
    if (!items.includes(i)) throw new TallyError("unknownItem", `item ${i} is no dimension of the method`);
  const overallAt = items.indexOf(OVERALL_ITEM);

  const leaderKey = (name: string, unit: string) => `${normName(name)}\u0000${normName(unit)}`;
  const leaderAt = new Map<string, number>();
  c.leaders.forEach((l, i) => leaderAt.set(leaderKey(l.name, l.unit), i));
  const assessedUnits = new Set(c.leaders.map((l) => normName(l.unit)));

  // T1: merge the lines of one 单位 and 票号
  const merged = new Map<string, Merged>();
  const order: Merged[] = [];
  const add = (b: CaseBallot) => {
    const unitKey = normName(b.unit);
    if (!assessedUnits.has(unitKey)) return; // T3
    const group = groupOf(method, b.group);
    if (group === undefined) throw new TallyError("unknownGroup", `${b.unit} 票号 ${b.no}: ${b.group}`);
    const key = `${unitKey}\u0000${normName(String(b.no))}`;
    let m = merged.get(key);
    if (!m) {
      merged.set(key, (m = { unit: b.unit, unitKey, no: b.no, group, lines: [] }));
      order.push(m);
    } else if (m.group !== group)
      throw new TallyError("groupsDisagree", `${b.unit} 票号 ${b.no}: ${m.group} and ${group}`);
    for (const line of b.lines) {
      const leader = leaderAt.get(leaderKey(line.name, b.unit));
      if (leader === undefined) throw new TallyError("unknownLeader", `${line.name} (${b.unit}) 票号 ${b.no}`);
      if (m.lines.some((x) => x.leader === leader))
        throw new TallyError("leaderTwice", `${line.name} twice on ${b.unit} 票号 ${b.no}`);
      const marks = items.map((item) => {
        const v = markOf(method, line.marks[item]);
        if (!v) throw new TallyError("badMark", `${line.name} ${item}: ${line.marks[item]}`);
        return v;
      });
      m.lines.push({ leader, marks });
    }
  };
  for (const b of sheet.ballots) add(b);

  // §11.2 validity
  const invalid: InvalidBallot[] = [];
  const invalidSet = new Set<Merged>();
  for (const m of order) {
    const reasons: InvalidReason[] = [];
    if (bm.invalidIfAllSame && m.lines.length > 0) {
      const all = m.lines.flatMap((l) => l.marks);
      const first = all[0];
      if (
        first?.kind === "category" &&
        all.every((x) => x.kind === "category" && x.index === first.index) // T4
      )
        reasons.push("allSame");
    }
    if (bm.maxExcellentShare !== null && overallAt >= 0) {
      const allowed = Math.max(1, floorTimes(bm.maxExcellentShare, m.lines.length));
      const excellent = m.lines.filter((l) => {
        const x = l.marks[overallAt]!;
        return x.kind === "category" && x.index === 0;
      }).length;
      if (excellent > allowed) reasons.push("tooManyExcellent");
    }
    if (reasons.length > 0) {
      invalid.push({ unit: m.unit, no: m.no, group: m.group, reasons });
      invalidSet.add(m);
    }
  }

  // turnout (T7)
  const counted = new Map<string, Map<string, number>>();
  for (const m of order) {
    let g = counted.get(m.unitKey);
    if (!g) counted.set(m.unitKey, (g = new Map()));
    g.set(m.group, (g.get(m.group) ?? 0) + 1);
  }
  const expected = new Map<string, Map<string, number>>();
  for (const t of sheet.turnout ?? []) {
    const group = groupOf(method, t.group);
    if (group === undefined) throw new TallyError("unknownGroup", `测评组织 ${t.unit}: ${t.group}`);
    const u = normName(t.unit);
    let g = expected.get(u);
    if (!g) expected.set(u, (g = new Map()));
    if (g.has(group)) throw new Error(`tally: 测评组织 lists ${t.unit} ${group} twice (the generator avoids it)`);
    g.set(group, t.expected);
  }
  for (const [u, byGroup] of counted)
    for (const [g, n] of byGroup) {
      const e = expected.get(u)?.get(g);
      if (e !== undefined && n > e) throw new TallyError("overCount", `${u} ${g}: ${n} ballots > 应到 ${e}`);
    }
  const voidKeys = new Set<string>();
  if (bm.minTurnout !== null)
    for (const [u, byGroup] of expected) {
      const sum = [...byGroup.values()].reduce((a, b) => a + b, 0);
      const ballots = [...(counted.get(u)?.values() ?? [])].reduce((a, b) => a + b, 0);
      if (lessThanTimes(ballots, bm.minTurnout, sum)) voidKeys.add(u);
    }

  // §11.3 the counts over the valid ballots of units that are not void
  const groups = method.democratic.groups.map((g) => g.name);
  // leader → group → item → [n1, n2, n3, n4, abstain]
  const cells = new Map<number, Map<string, number[][]>>();
  const valid = new Map<string, number>();
  for (const m of order) {
    if (invalidSet.has(m) || voidKeys.has(m.unitKey)) continue;
    valid.set(m.unitKey, (valid.get(m.unitKey) ?? 0) + 1);
    for (const line of m.lines) {
      let byGroup = cells.get(line.leader);
      if (!byGroup) cells.set(line.leader, (byGroup = new Map()));
      let counts = byGroup.get(m.group);
      if (!counts) byGroup.set(m.group, (counts = items.map(() => [0, 0, 0, 0, 0])));
      line.marks.forEach((x, i) => {
        counts[i]![x.kind === "category" ? x.index : 4]! += 1;
      });
    }
  }
  const votes: CaseVote[] = [];
  c.leaders.forEach((l, i) => {
    const byGroup = cells.get(i);
    if (!byGroup) return;
    for (const g of groups) {
      const counts = byGroup.get(g);
      if (!counts) continue;
      items.forEach((item, k) => {
        const n = counts[k]!;
        const v: CaseVote = {
          name: l.name,
          unit: l.unit,
          group: g,
          dim: item === OVERALL_ITEM ? method.democratic.overall.name : item,
          n: [n[0]!, n[1]!, n[2]!, n[3]!],
          abstain: n[4]!,
        };
        if (l.id) v.id = l.id;
        votes.push(v);
      });
    }
  });
  const voidUnits = [...new Set(c.leaders.map((l) => l.unit))].filter((u) => voidKeys.has(normName(u)));
  return { votes, invalid, voidUnits, counted, valid };
}

/** The case as `score` sees it after the tally: the tallied votes in place of the ballots. */
export function withTally(c: CleanCase): CleanCase {
  const { ballots: _ballots, ...rest } = c;
  void _ballots;
  return { ...rest, votes: tally(c).votes };
}
