/**
 * Rank robustness (稳健性检验), as the OECD/JRC handbook on composite indicators does it: the ranking is
 * recomputed under many plausible alternative weightings and the spread of each leader's rank is reported.
 *
 * Each draw perturbs every weight of the method by a uniform factor in [1 − p, 1 + p] (p = 25%), renormalized
 * within its level so that the level's sum is unchanged (indicators, work blocks, dimensions with the overall
 * item, evaluator groups, the two final weights), and takes the vote points as 100/80/60/40 or 100/80/60/0
 * with equal chance. Scores are then recomputed from the values the nominal run explains (indicator scores
 * s, ratings, vote counts, the adjustment), rounded and ranked as docs/method.md §5 says, and graded by the
 * same rules: bands, the caps whose conditions hold, personal circumstances, the quota per group.
 * What depends on data rather than weights stays as in the nominal run: who is graded, whether a unit has E
 * (enough indicator weight with data), whether D has enough ballots. Decisions of the committee are not
 * part of the draws: a grade is compared with the one the rules gave.
 */
import type { Grade, Method } from "../method/types";
import { applyCaps, applyQuota, band } from "./grading";
import { compareKeys } from "./ranking";
import { roundScore } from "./round";
import type { Assessment, LeaderResult } from "./types";

export interface RobustnessOptions {
  draws: number;
  seed: number;
  /** Half-width of the uniform weight factor; 0.25 = ±25%. */
  perturbation?: number;
  /** Draw the vote points with the lowest category at 0 in half of the draws (default true). */
  switchVotePoints?: boolean;
}

export interface RobustnessLeader {
  /** Position in 考核对象. */
  index: number;
  name: string;
  unit: string;
  nominalRank: number;
  medianRank: number;
  p5Rank: number;
  p95Rank: number;
  /** Share of the draws in which the grade differs from the nominal one (before any committee decision). */
  gradeChangeShare: number;
  unstable: boolean;
}

export interface RobustnessResult {
  draws: number;
  seed: number;
  perturbation: number;
  /** The thresholds a leader is flagged `unstable` at. */
  unstableIf: { rankSpan: number; gradeChangeShare: number };
  /** Graded leaders, in the order of 考核对象. */
  leaders: RobustnessLeader[];
}

/** A rank range p95 − p5 this wide or wider, or a grade changing in more than this share of draws: unstable. */
export const UNSTABLE_RANK_SPAN = 3;
export const UNSTABLE_GRADE_SHARE = 0.1;

/** mulberry32: small, fast and the same on every platform for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The numbers of one graded leader that the weights act on, taken from the nominal explanation. */
interface Subject {
  leader: LeaderResult;
  /** Per indicator of the method: the score s used in E, or null when not available. */
  s: (number | null)[];
  /** The nominal run has E (enough indicator weight available). */
  hasE: boolean;
  /** K, B, S. */
  ratings: (number | null)[];
  guide: boolean;
  /** Per group of the method, per item (dimensions then the overall item): counts, or null when absent. */
  votes: (number[] | null)[][];
  groupsPresent: boolean[];
  ballotsOk: boolean;
  adjustment: number;
  excellentRate: number | null;
  /** The caps whose conditions hold (applied ones only), the unfit circumstance, the quota group. */
  caps: LeaderResult["explain"]["grade"]["caps"];
  unfit: boolean;
  group: string;
  nominalGrade: string;
}

function subjectOf(l: LeaderResult, m: Method, items: string[]): Subject {
  const x = l.explain;
  const byName = new Map(x.economic.indicators.map((i) => [i.name, i]));
  const votes = m.democratic.groups.map((g) => {
    // A group's dimensions are made each time they are read: once here, not once per item.
    const dims = x.democratic.groups.find((y) => y.group === g.name)?.dimensions;
    return items.map((item) => {
      const d = dims?.find((y) => y.dimension === item);
      return d ? d.counts : null;
    });
  });
  return {
    leader: l,
    s: m.economic.indicators.map((ind) => {
      const i = byName.get(ind.name);
      return i && i.available ? i.score : null;
    }),
    hasE: x.economic.value !== null,
    ratings: x.work.blocks.slice(1).map((b) => b.value),
    guide: x.work.economicWeightZeroed,
    votes,
    groupsPresent: m.democratic.groups.map((g) => x.democratic.groups.some((y) => y.group === g.name)),
    ballotsOk: x.democratic.ballots > 0 && x.democratic.ballots >= x.democratic.minBallots,
    adjustment: x.adjustment.value,
    excellentRate: l.excellentRate,
    caps: x.grade.caps.filter((c) => c.applied),
    unfit: x.grade.personal === "unfit",
    group: x.grade.quota.group ?? "",
    nominalGrade: x.grade.computed,
  };
}

/** Multiplies each weight by a factor in [1 − p, 1 + p] and rescales so the sum is unchanged. */
function perturb(weights: readonly number[], p: number, rnd: () => number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => w * (1 - p + 2 * p * rnd()));
  const s2 = out.reduce((a, b) => a + b, 0);
  return s2 > 0 ? out.map((w) => (w * sum) / s2) : out;
}

/** The nearest-rank percentile of sorted values (p in 0–100). */
function percentile(sorted: readonly number[], p: number): number {
  const k = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[k - 1];
}

export function robustness(a: Assessment, m: Method, opts: RobustnessOptions): RobustnessResult {
  const p = opts.perturbation ?? 0.25;
  const rnd = seededRandom(opts.seed);
  const dims = Object.entries(m.democratic.dimensions);
  const items = [...dims.map(([d]) => d), m.democratic.overall.name];
  const graded = a.leaders.filter((l) => l.status === "graded" && l.rank !== null);
  const subjects = graded.map((l) => subjectOf(l, m, items));
  const n = subjects.length;

  const nominal = {
    ind: m.economic.indicators.map((i) => i.weight),
    work: [m.work.weights.economic, m.work.weights.keyTasks, m.work.weights.partyBuilding, m.work.weights.safety],
    items: [...dims.map(([, w]) => w), m.democratic.overall.weight],
    groups: m.democratic.groups.map((g) => g.weight),
    final: [m.final.workWeight, m.final.democraticWeight],
  };
  const points = m.democratic.categories.map((c) => c.points);
  // The alternative scheme: the lowest category worth nothing (100/80/60/0 with the default points).
  const altPoints = [...points.slice(0, -1), 0];
  const switchPoints = opts.switchVotePoints ?? true;
  const quota = new Map<string, number>();
  for (const l of graded) quota.set(l.explain.grade.quota.group ?? "", l.explain.grade.quota.q);

  const ranks = subjects.map(() => new Array<number>(opts.draws));
  const changed = new Array<number>(n).fill(0);
  const keys = new Array<(number | null)[]>(n);
  const order = subjects.map((_, i) => i);

  for (let draw = 0; draw < opts.draws; draw++) {
    const wInd = perturb(nominal.ind, p, rnd);
    const wWork = perturb(nominal.work, p, rnd);
    const wItems = perturb(nominal.items, p, rnd);
    const wGroups = perturb(nominal.groups, p, rnd);
    const wFinal = perturb(nominal.final, p, rnd);
    const pts = switchPoints && rnd() < 0.5 ? altPoints : points;

    for (let i = 0; i < n; i++) {
      const sub = subjects[i];
      // E over the available indicators; missing when too little weight is available (§2.1).
      let sw = 0;
      let sws = 0;
      for (let k = 0; k < sub.s.length; k++) {
        const s = sub.s[k];
        if (s === null) continue;
        sw += wInd[k];
        sws += wInd[k] * s;
      }
      // Whether E exists is a matter of data coverage, not of weighting: it stays as in the nominal run.
      const E = sub.hasE && sw > 0 ? (100 * sws) / sw : null;
      // P (§2.3).
      const wE = sub.guide ? 0 : wWork[0];
      let P: number | null = null;
      if (!(E === null && wE > 0) && sub.ratings.some((r) => r !== null)) {
        let pw = 0;
        let pv = 0;
        const blocks: [number | null, number][] = [
          [E, wE],
          [sub.ratings[0], wWork[1]],
          [sub.ratings[1], wWork[2]],
          [sub.ratings[2], wWork[3]],
        ];
        for (const [v, w] of blocks) {
          if (v === null || w <= 0) continue;
          pw += w;
          pv += w * v;
        }
        P = pw > 0 ? pv / pw : null;
      }
      // D (§3, §10.4).
      let D: number | null = null;
      if (sub.ballotsOk) {
        let gw = 0;
        let gv = 0;
        sub.votes.forEach((row, g) => {
          if (!sub.groupsPresent[g]) return;
          let vw = 0;
          let vv = 0;
          row.forEach((counts, k) => {
            if (!counts) return;
            const total = counts[0] + counts[1] + counts[2] + counts[3];
            if (total === 0) return;
            const mean = (counts[0] * pts[0] + counts[1] * pts[1] + counts[2] * pts[2] + counts[3] * pts[3]) / total;
            vw += wItems[k];
            vv += wItems[k] * mean;
          });
          if (vw > 0) {
            gw += wGroups[g];
            gv += (wGroups[g] * vv) / vw;
          }
        });
        D = gw > 0 ? gv / gw : null;
      }
      const F =
        P === null || D === null ? null : (wFinal[0] * P + wFinal[1] * D) / (wFinal[0] + wFinal[1]) + sub.adjustment;
      keys[i] = [roundScore(F), roundScore(P), roundScore(D), sub.excellentRate, roundScore(E)];
    }

    // Ranks as §5.1 (competition or dense), a missing F last.
    order.sort((x, y) => compareKeys(keys[x], keys[y]) || x - y);
    let distinct = 0;
    const rankOf = new Array<number>(n);
    order.forEach((idx, pos) => {
      const prev = pos > 0 ? order[pos - 1] : -1;
      const tied = prev >= 0 && compareKeys(keys[prev], keys[idx]) === 0;
      if (!tied) distinct++;
      rankOf[idx] = tied ? rankOf[prev] : m.ranking.ties === "dense" ? distinct : pos + 1;
    });

    // Grades: band, the caps that hold, a circumstance, then the quota per group (§5.2–§5.4, §10).
    const grade = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const F = keys[i][0];
      if (F === null) {
        grade[i] = "暂缓评定";
        continue;
      }
      const sub = subjects[i];
      grade[i] = sub.unfit ? "不称职" : applyCaps(band(F, m.grades) as Grade, sub.caps);
    }
    for (const [g, q] of quota) {
      const candidates: number[] = [];
      for (let i = 0; i < n; i++) if (grade[i] === "优秀" && subjects[i].group === g) candidates.push(i);
      const decisions = applyQuota(
        candidates.map((i) => rankOf[i]),
        q,
      );
      candidates.forEach((i, k) => {
        if (decisions[k] !== "kept") grade[i] = "称职";
      });
    }
    for (let i = 0; i < n; i++) {
      ranks[i][draw] = rankOf[i];
      if (grade[i] !== subjects[i].nominalGrade) changed[i]++;
    }
  }

  const leaders: RobustnessLeader[] = subjects.map((sub, i) => {
    const sorted = [...ranks[i]].sort((x, y) => x - y);
    const p5 = opts.draws > 0 ? percentile(sorted, 5) : (sub.leader.rank as number);
    const p95 = opts.draws > 0 ? percentile(sorted, 95) : (sub.leader.rank as number);
    const share = opts.draws > 0 ? changed[i] / opts.draws : 0;
    return {
      index: sub.leader.index,
      name: sub.leader.name,
      unit: sub.leader.unit,
      nominalRank: sub.leader.rank as number,
      medianRank: opts.draws > 0 ? percentile(sorted, 50) : (sub.leader.rank as number),
      p5Rank: p5,
      p95Rank: p95,
      gradeChangeShare: Math.round(share * 1e4) / 1e4,
      unstable: p95 - p5 >= UNSTABLE_RANK_SPAN || share > UNSTABLE_GRADE_SHARE,
    };
  });
  leaders.sort((x, y) => x.index - y.index);
  return {
    draws: opts.draws,
    seed: opts.seed,
    perturbation: p,
    unstableIf: { rankSpan: UNSTABLE_RANK_SPAN, gradeChangeShare: UNSTABLE_GRADE_SHARE },
    leaders,
  };
}
