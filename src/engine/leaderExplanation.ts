import type { RankKeys } from "./ranking";
import type {
  AdjustmentExplanation,
  DemocraticExplanation,
  EconomicExplanation,
  GradeExplanation,
  LeaderExplanation,
  LeaderResult,
  PersonalExplanation,
  WorkExplanation,
} from "./types";

/** The five tie-break keys of docs/method.md §5.1, in order: the leader's rounded F, P, D, 优秀率 and E. */
export function rankKeysOf(r: LeaderResult): RankKeys {
  return [r.final, r.work, r.democratic, r.excellentRate, r.economic];
}

/**
 * rankKeysOf(r) written into `flat` from `at` as rankFlat reads keys: a missing key as -Infinity. The engine checks
 * every score is finite before it ranks.
 */
export function putRankKeys(r: LeaderResult, flat: Float64Array, at: number): void {
  flat[at] = r.final ?? -Infinity;
  flat[at + 1] = r.work ?? -Infinity;
  flat[at + 2] = r.democratic ?? -Infinity;
  flat[at + 3] = r.excellentRate ?? -Infinity;
  flat[at + 4] = r.economic ?? -Infinity;
}

/** How many keys rankKeysOf gives. */
export const RANK_KEYS = 5;

const RESULT: unique symbol = Symbol("result");
const RAW: unique symbol = Symbol("raw final");
const WEIGHTS: unique symbol = Symbol("final weights");

/** The method's weights of P and D in F: one object per run. */
export interface FinalWeights {
  workWeight: number;
  democraticWeight: number;
}

/**
 * A leader's explanation. `final` and `rankKeys` are made when read (and for JSON) from the result's own values:
 * a run keeps F unrounded, not an object and a list of five numbers per leader that repeat what the result holds.
 */
export class Explanation implements LeaderExplanation {
  readonly [RESULT]: LeaderResult;
  readonly [RAW]: number | null;
  readonly [WEIGHTS]: FinalWeights;
  /** Set once the quota groups are counted (engine/index.ts, gradeLeaders). */
  grade: GradeExplanation = null as unknown as GradeExplanation;

  constructor(
    result: LeaderResult,
    readonly economic: EconomicExplanation,
    readonly work: WorkExplanation,
    readonly democratic: DemocraticExplanation,
    readonly adjustment: AdjustmentExplanation,
    weights: FinalWeights,
    raw: number | null,
    readonly personal: PersonalExplanation,
  ) {
    this[RESULT] = result;
    this[WEIGHTS] = weights;
    this[RAW] = raw;
  }

  get final(): { workWeight: number; democraticWeight: number; raw: number | null } {
    const w = this[WEIGHTS];
    return { workWeight: w.workWeight, democraticWeight: w.democraticWeight, raw: this[RAW] };
  }

  /** Null for a leader who is not ranked (暂缓评定, 不定等次). */
  get rankKeys(): RankKeys | null {
    const r = this[RESULT];
    return r.status === "graded" ? rankKeysOf(r) : null;
  }

  toJSON(): LeaderExplanation {
    return {
      economic: this.economic,
      work: this.work,
      democratic: this.democratic,
      adjustment: this.adjustment,
      final: this.final,
      rankKeys: this.rankKeys,
      grade: this.grade,
      personal: this.personal,
    };
  }
}
