/**
 * A random group whose votes come from ballots (docs/method.md §11), per seed: the case of generateCase (leaders,
 * 经营业绩, 工作评价, 加减分, §10 now and then) with its 民主测评 replaced by the ballots that would give such votes.
 * Deterministic per seed and options.
 *
 * What a case may hold: per unit a number of ballots per evaluator group (上级 2–6, 同级 3–9, 下级 5–25; a group
 * now and then missing; a unit with no ballots at all, or too few for minBallots); a unit with 3–5 assessed
 * leaders on one ballot; marks drawn from each leader's lean, under the category names or their aliases
 * (好/较好/一般/差/较差), blanks and 弃权; ballots giving one category to everything (the names and aliases mixed);
 * with an overall column (综合评价 or an alias), ballots rating more leaders 优秀 than ⌊share × leaders⌋, or exactly
 * that many; 测评人类别 under its aliases (集团领导, 班子成员, 中层干部 …); 票号 as numbers or codes, repeating across
 * units; in the long form a ballot's rows scattered over the sheet, a leader left off a ballot, and ballots of a
 * unit without assessed leaders (ignored); a 测评组织 sheet or none (应到人数 at or above the ballots, units exactly
 * at and just below minTurnout, a unit without rows, groups with no ballots); the `ballots` method keys or none.
 *
 * Guards (so that the case reads one way under docs/method.md, see tally.ts T4): a ballot whose marked items all carry
 * one category has no blank or 弃权; in the wide form every leader of a unit is on each of its ballots with at
 * least one mark, and no ballot of a unit without assessed leaders is written.
 */
import type {
  BallotLine,
  BallotsMethod,
  CaseBallot,
  CaseLeader,
  CaseTurnout,
  CleanCase,
  OracleMethod,
  OracleMethodPatch,
} from "./case";
import { OVERALL_ITEM } from "./case";
import { generateCase } from "./generate";
import { decimalParts, mergeMethod } from "./oracle";
import { Rng } from "./prng";
import { normName } from "./text";

export interface BallotCaseOptions {
  /** The form of 测评票; undefined: long in 60% of seeds. */
  form?: "long" | "wide";
  maxLeaders?: number;
}

/** The seeds of the §11 differential tests (test/differential/ballots*.test.ts) and of their coverage check. */
export const BALLOT_SEEDS = { first: 1, count: 30, maxLeaders: 14 } as const;

const EXTRA_POSITIONS = ["党委副书记、纪委书记", "党委副书记、工会主席", "党委委员、副总经理", "党委委员、总会计师"];
const EXTRA_NAMES = [
  "周文华",
  "吴立新",
  "郑海燕",
  "冯建国",
  "陈思远",
  "褚卫东",
  "卫红梅",
  "蒋振华",
  "沈德明",
  "韩雪峰",
];
const STRANGER_NAMES = ["某甲", "某乙", "钱某", "孙某"];

function floorTimes(x: number, n: number): number {
  const [M, s] = decimalParts(x);
  const den = 10 ** s;
  return (M * n - ((M * n) % den)) / den;
}

function lessThanTimes(a: number, x: number, n: number): boolean {
  const [M, s] = decimalParts(x);
  return a * 10 ** s < M * n;
}

/** A leader's lean over the four categories, from the votes generateCase gave them. */
function leanOf(c: CleanCase, l: CaseLeader): number[] {
  const dims = c.votes.filter(
    (v) => v.name === l.name && v.unit === l.unit && ["德", "能", "勤", "廉"].includes(v.dim),
  );
  const n = [0, 1, 2, 3].map((k) => dims.reduce((a, v) => a + v.n[k]!, 0));
  const total = n.reduce((a, b) => a + b, 0);
  if (total === 0) return [0.5, 0.35, 0.1, 0.05];
  return n.map((x) => (x + 0.3) / (total + 1.2));
}

function draw(rng: Rng, probs: number[]): number {
  return rng.weighted(probs.map((p, k) => [k, p] as const));
}

function genBallotsPatch(rng: Rng, overall: boolean): Partial<BallotsMethod> | undefined {
  if (rng.chance(0.2)) return undefined;
  const b: Partial<BallotsMethod> = {};
  if (rng.chance(0.6)) b.invalidIfAllSame = true;
  else if (rng.chance(0.3)) b.invalidIfAllSame = false;
  if (overall && rng.chance(0.65)) b.maxExcellentShare = rng.pick([0.3, 0.25, 0.5, 0.2, 0.35]);
  else if (rng.chance(0.15)) b.maxExcellentShare = null;
  if (rng.chance(0.55)) b.minTurnout = rng.pick([0.6667, 0.8, 0.75, 0.5]);
  return Object.keys(b).length > 0 ? b : undefined;
}

/** A unit with more assessed leaders: 2–4 more on one of the units (sharing its work results). */
function addBigUnit(rng: Rng, c: CleanCase, maxLeaders: number): void {
  const units = [...new Set(c.leaders.filter((l) => l.mode !== "党建工作指导员").map((l) => l.unit))];
  if (units.length === 0) return;
  const unit = rng.pick(units);
  const taken = new Set(c.leaders.filter((l) => l.unit === unit).map((l) => normName(l.name)));
  const useIds = c.leaders.some((l) => l.id);
  const ids = new Set(c.leaders.map((l) => l.id));
  const at = c.leaders.findIndex((l) => l.unit === unit);
  const more = Math.min(rng.int(2, 4), Math.max(0, maxLeaders + 4 - c.leaders.length));
  const added: CaseLeader[] = [];
  for (const name of rng.shuffle(EXTRA_NAMES.filter((n) => !taken.has(normName(n)))).slice(0, more)) {
    const l: CaseLeader = {
      name,
      unit,
      position: rng.pick(EXTRA_POSITIONS),
      mode: rng.chance(0.5) ? "交叉任职" : null,
    };
    if (useIds) {
      let id: string;
      do id = `B${rng.int(10000, 99999)}`;
      while (ids.has(id));
      ids.add(id);
      l.id = id;
    }
    const cols = c.leaders[at]!.columns;
    if (cols) l.columns = { ...cols };
    added.push(l);
  }
  c.leaders.splice(at + 1, 0, ...added);
}

interface UnitPlan {
  unit: string;
  leaders: CaseLeader[];
  /** canonical group → ballots */
  sizes: Map<string, number>;
  /** canonical group → the word the unit's ballots give */
  words: Map<string, string>;
}

export function generateBallotCase(seed: number, opts: BallotCaseOptions = {}): CleanCase {
  const rng = new Rng(seed * 7717 + 11);
  const maxLeaders = opts.maxLeaders ?? BALLOT_SEEDS.maxLeaders;
  const c = generateCase(seed, { section10: rng.chance(0.5), maxLeaders, qualification: false });
  const form = opts.form ?? (rng.chance(0.6) ? "long" : "wide");
  if (rng.chance(0.4)) addBigUnit(rng, c, maxLeaders);

  const base: OracleMethod = mergeMethod(c.method);
  const overall = rng.chance(0.55);
  const ov = base.democratic.overall;
  const overallWord = rng.chance(0.6) ? ov.name : rng.pick(ov.aliases.length > 0 ? ov.aliases : [ov.name]);
  const bpatch = genBallotsPatch(rng, overall);
  if (bpatch) c.method = { ...(c.method ?? {}), ballots: bpatch } as OracleMethodPatch;
  const method = mergeMethod(c.method);
  const bm = method.ballots;
  const dm = method.democratic;
  const items = [...Object.keys(dm.dimensions), ...(overall ? [OVERALL_ITEM] : [])];

  const pBlank = rng.pick([0, 0.01, 0.03]);
  const pAbstain = rng.pick([0, 0.02, 0.05]);
  const pAlias = rng.pick([0, 0.1, 0.25]);
  const textNumbers = rng.chance(0.3);
  const codePrefix = rng.pick(["", "A", "2025-", "CP"]);
  const catWord = (k: number): string => {
    const cat = dm.categories[k]!;
    return cat.aliases.length > 0 && rng.chance(pAlias) ? rng.pick(cat.aliases) : cat.name;
  };
  const blank = (): string | null => (rng.chance(0.15) ? "" : null);

  const unitNames = [...new Set(c.leaders.map((l) => l.unit))];
  const plans: UnitPlan[] = [];
  for (const unit of unitNames) {
    const leaders = c.leaders.filter((l) => l.unit === unit);
    const shape = rng.weighted<string>([
      ["normal", 90],
      ["none", 3],
      ["few", 4],
      ["oneGroup", 3],
    ]);
    const sizes = new Map<string, number>();
    if (shape === "none") {
      plans.push({ unit, leaders, sizes, words: new Map() });
      continue;
    }
    const range: Record<string, [number, number]> = { 上级: [2, 6], 同级: [3, 9], 下级: [5, 25] };
    for (const g of dm.groups) {
      const [lo, hi] = range[g.name] ?? [3, 10];
      if (shape === "normal" && rng.chance(0.08)) continue;
      sizes.set(g.name, rng.int(lo, hi));
    }
    if (shape === "few") {
      sizes.clear();
      let left = rng.int(1, Math.max(1, dm.minBallots - 1));
      for (const g of rng.shuffle(dm.groups.map((x) => x.name))) {
        const n = Math.min(left, rng.int(1, 2));
        if (n > 0) sizes.set(g, n);
        left -= n;
      }
    } else if (shape === "oneGroup") {
      const g = rng.pick([...sizes.keys()]);
      for (const k of [...sizes.keys()]) if (k !== g) sizes.delete(k);
    }
    if (sizes.size === 0) sizes.set(dm.groups[0]!.name, rng.int(2, 6));
    const words = new Map<string, string>();
    for (const g of dm.groups)
      words.set(g.name, g.aliases.length > 0 && rng.chance(0.35) ? rng.pick(g.aliases) : g.name);
    plans.push({ unit, leaders, sizes, words });
  }

  const ballots: CaseBallot[] = [];
  const nominalShare = bm.maxExcellentShare ?? 0.3;
  for (const p of plans) {
    let no = rng.chance(0.2) ? rng.int(1, 50) : 1;
    const order = rng.chance(0.5) ? [...p.sizes.keys()] : rng.shuffle([...p.sizes.keys()]);
    for (const g of order) {
      const leans = new Map(
        p.leaders.map((l) => {
          const lean = leanOf(c, l).map((x) => Math.max(0.01, x + rng.real(-0.05, 0.05)));
          return [l, lean] as const;
        }),
      );
      for (let i = 0; i < p.sizes.get(g)!; i++) {
        const kind = rng.weighted<string>([
          ["normal", 86],
          ["allSame", 6],
          ["excellent", overall && p.leaders.length >= 2 ? 10 : 0],
        ]);
        let lines: BallotLine[] = p.leaders.map((l) => {
          const marks: Record<string, string | null> = {};
          for (const item of items) {
            const r = rng.next();
            marks[item] = r < pBlank ? blank() : r < pBlank + pAbstain ? "弃权" : catWord(draw(rng, leans.get(l)!));
          }
          return { name: l.name, marks };
        });
        if (kind === "allSame") {
          const k = rng.chance(0.75) ? 0 : 1;
          for (const line of lines) for (const item of items) line.marks[item] = catWord(k);
        } else if (kind === "excellent") {
          const allowed = Math.max(1, floorTimes(nominalShare, lines.length));
          const k = rng.chance(0.6) ? rng.int(Math.min(allowed + 1, lines.length), lines.length) : allowed;
          const chosen = new Set(rng.shuffle(lines).slice(0, k));
          for (const line of lines) line.marks[OVERALL_ITEM] = chosen.has(line) ? catWord(0) : catWord(rng.int(1, 2));
        }
        if (form === "long" && lines.length >= 2 && rng.chance(0.03)) lines = rng.shuffle(lines).slice(1);
        guard(rng, lines, items, form, method, catWord);
        const code = textNumbers ? `${codePrefix}${String(no).padStart(3, "0")}` : no;
        ballots.push({ unit: p.unit, no: code, group: p.words.get(g)!, lines });
        no++;
      }
    }
  }
  if (form === "long" && rng.chance(0.1)) {
    // ballots of a unit with no assessed leader: ignored by the tally (T3)
    const unit = rng.pick(["集团本部", "集团总部机关"]);
    const names = rng.shuffle(STRANGER_NAMES).slice(0, rng.int(1, 2));
    for (let i = 1; i <= rng.int(3, 6); i++)
      ballots.push({
        unit,
        no: textNumbers ? `${codePrefix}${String(i).padStart(3, "0")}` : i,
        group: rng.pick(dm.groups).name,
        lines: names.map((name) => ({
          name,
          marks: Object.fromEntries(items.map((it) => [it, catWord(rng.int(0, 3))])),
        })),
      });
  }

  c.votes = [];
  c.ballots = { form, items, ballots };
  if (overall) c.ballots.overallWord = overallWord;
  if (rng.chance(bm.minTurnout !== null ? 0.85 : 0.55)) c.ballots.turnout = genTurnout(rng, plans, bm);
  return c;
}

/** T4 and the wide form's reading (see the header): adjusts a ballot's marks. */
function guard(
  rng: Rng,
  lines: BallotLine[],
  items: string[],
  form: "long" | "wide",
  method: OracleMethod,
  catWord: (k: number) => string,
): void {
  const cat = (m: string | null | undefined): number => {
    if (m === null || m === undefined || normName(m) === "" || normName(m) === "弃权") return -1;
    const k = normName(m);
    return method.democratic.categories.findIndex(
      (c) => normName(c.name) === k || c.aliases.some((a) => normName(a) === k),
    );
  };
  if (form === "wide")
    for (const line of lines)
      if (items.every((it) => cat(line.marks[it]) < 0 && line.marks[it] !== "弃权"))
        line.marks[rng.pick(items)] = catWord(rng.int(0, 2));
  const cells = lines.flatMap((l) => items.map((it) => [l, it] as const));
  const cats = new Set(cells.map(([l, it]) => cat(l.marks[it])).filter((k) => k >= 0));
  const unmarked = cells.filter(([l, it]) => cat(l.marks[it]) < 0);
  if (cats.size <= 1 && unmarked.length > 0) {
    if (cats.size === 1 && rng.chance(0.5)) {
      // fill the blanks: all the same
      const k = [...cats][0]!;
      for (const [l, it] of unmarked) l.marks[it] = catWord(k);
    } else {
      // two different categories somewhere
      const [a, b] = rng.shuffle(cells).slice(0, 2);
      const k = cats.size === 1 ? [...cats][0]! : rng.int(0, 3);
      if (a) a[0].marks[a[1]] = catWord(k);
      if (b) b[0].marks[b[1]] = catWord((k + 1 + rng.int(0, 2)) % 4);
      if (!b && a) a[0].marks[a[1]] = catWord(k);
    }
  }
}

function genTurnout(rng: Rng, plans: UnitPlan[], bm: BallotsMethod): CaseTurnout[] {
  const rows: CaseTurnout[] = [];
  const belowUnits = new Set<string>();
  const atUnits = new Set<string>();
  if (bm.minTurnout !== null) {
    const withBallots = plans.filter((p) => p.sizes.size > 0);
    for (const p of rng.shuffle(withBallots).slice(0, rng.chance(0.7) ? rng.int(1, 2) : 0)) belowUnits.add(p.unit);
    for (const p of rng.shuffle(withBallots.filter((x) => !belowUnits.has(x.unit))).slice(0, rng.chance(0.5) ? 1 : 0))
      atUnits.add(p.unit);
  }
  for (const p of plans) {
    if (p.sizes.size === 0 && !rng.chance(0.3)) continue;
    if (rng.chance(0.08)) continue; // a unit without 测评组织 rows
    const unitRows: CaseTurnout[] = [];
    for (const [g, n] of p.sizes) {
      const slack = rng.weighted<number>([
        [0, 35],
        [rng.int(1, 2), 40],
        [rng.int(3, 6), 25],
      ]);
      unitRows.push({ unit: p.unit, group: p.words.get(g) ?? g, expected: n + slack });
    }
    if (rng.chance(0.1) || unitRows.length === 0) {
      const free = ["上级", "同级", "下级"].filter((g) => !p.sizes.has(g));
      if (free.length > 0) unitRows.push({ unit: p.unit, group: rng.pick(free), expected: rng.int(1, 3) });
    }
    const ballots = [...p.sizes.values()].reduce((a, b) => a + b, 0);
    const sum = () => unitRows.reduce((a, r) => a + r.expected, 0);
    if (bm.minTurnout !== null && (belowUnits.has(p.unit) || atUnits.has(p.unit))) {
      // the smallest Σ that voids the unit; one less is exactly at the turnout
      let s = Math.max(sum(), 1);
      while (!lessThanTimes(ballots, bm.minTurnout, s)) s++;
      const target = belowUnits.has(p.unit) ? s : s - 1;
      if (target >= sum()) unitRows[unitRows.length - 1]!.expected += target - sum();
    }
    for (const r of unitRows)
      if (rng.chance(0.4)) r.present = rng.chance(0.7) ? (p.sizes.get(r.group) ?? 0) : r.expected;
    rows.push(...unitRows);
  }
  return rng.chance(0.3) ? rng.shuffle(rows) : rows;
}
