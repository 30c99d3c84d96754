import type { EconomicMethod, Indicator } from "../method/types";
import type { IndicatorValues, UnitEconomics } from "../workbook/input";
import { roundHalfAway } from "./round";
import type { EconomicExplanation, IndicatorExplanation } from "./types";

/** Guards truncation against binary noise: 0.09 × 100 / 3 must be 3 steps, not 2.9999999999999996. */
const EPS = 1e-9;

/** One indicator of one unit, docs/method.md §2.1, before the below-base rule. */
export function scoreIndicator(
  ind: Indicator,
  values: IndicatorValues | undefined,
  m: EconomicMethod,
  /**
   * Filled in place of a new explanation, its cells left blank: scoreEconomic reuses one while it only needs the
   * numbers (a cell's address is made when read).
   */
  into?: IndicatorExplanation,
): IndicatorExplanation {
  const T = values?.target.value ?? null;
  const A = values?.actual.value ?? null;
  const base = into ?? blankIndicator();
  base.name = ind.name;
  base.weight = ind.weight;
  base.direction = ind.direction;
  base.target = T;
  base.actual = A;
  base.targetCell = into || !values ? "" : values.target.cell;
  base.actualCell = into || !values ? "" : values.actual.cell;
  base.available = false;
  base.unavailableReason = null;
  base.lossTarget = T !== null && T < 0;
  base.lossCase = null;
  base.d = null;
  base.steps = null;
  base.rawPoints = null;
  base.points = null;
  base.clamped = null;
  base.scoreBeforeCap = null;
  base.score = null;
  base.cappedByBelowBase = false;
  // `base` is this call's own: completed in place rather than copied (one object per unit and indicator).
  if (T === null || A === null) {
    base.unavailableReason = T === null ? "目标值缺失" : "完成值缺失";
    return base;
  }
  if (T === 0) {
    base.unavailableReason = "目标值为0，无法计算完成偏差";
    return base;
  }

  let d: number;
  let lossCase: IndicatorExplanation["lossCase"] = null;
  if (T > 0) {
    d = ind.direction === "higher" ? (A - T) / T : (T - A) / T;
  } else {
    // The reader rejects a 'lower' indicator with a loss target; kept unavailable here should one arrive.
    if (ind.direction === "lower") {
      base.unavailableReason = "逆向指标的目标值不能为负";
      return base;
    }
    const r = m.lossReductionFactor;
    const absT = Math.abs(T);
    if (A <= T) {
      d = (A - T) / absT;
      lossCase = "belowTarget";
    } else if (A <= 0) {
      d = (r * (A - T)) / absT;
      lossCase = "reducedLoss";
    } else {
      d = r + A / absT;
      lossCase = "profit";
    }
  }

  // Inputs carry binary noise (a target of 0.026000000000000002 against an actual of 0.026 is "on target"
  // to anyone reading the sheet): d is cut to 12 decimals so that noise never makes s < 1.
  d = Math.round(d * 1e12) / 1e12 + 0; // + 0 turns -0 into 0
  let steps = (d * 100) / m.stepPercent;
  if (m.stepwise) steps = Math.trunc(steps + Math.sign(steps) * EPS);
  const rawPoints = steps * m.pointsPerStep;
  const upper = T < 0 ? m.lossMaxBonusPoints : m.maxBonusPoints;
  const lower = -m.maxPenaltyPoints;
  let points = rawPoints;
  let clamped: IndicatorExplanation["clamped"] = null;
  if (rawPoints > upper) {
    points = upper;
    clamped = T < 0 ? "lossBonus" : "bonus";
  } else if (rawPoints < lower) {
    points = lower;
    clamped = "penalty";
  }
  const s = 1 + points / m.basePoints;
  base.available = true;
  base.lossCase = lossCase;
  base.d = d;
  base.steps = steps;
  base.rawPoints = rawPoints;
  base.points = points;
  base.clamped = clamped;
  base.scoreBeforeCap = s;
  base.score = s;
  return base;
}

/**
 * The below-base rule of docs/method.md §2.1 over a unit's indicator scores `s` (those with `ok` set are
 * available), in place: when one is below 1 and the method says so, every score above 1 becomes 1. `capped(i)`
 * hears of each; the result says whether any was.
 */
function capBelowBase(
  s: Float64Array,
  ok: Uint8Array,
  n: number,
  m: EconomicMethod,
  capped?: (i: number) => void,
): boolean {
  if (!m.belowBaseCapsOthers) return false;
  let belowBase = false;
  for (let i = 0; i < n; i++) if (ok[i] === 1 && s[i] < 1) belowBase = true;
  if (!belowBase) return false;
  let applied = false;
  for (let i = 0; i < n; i++) {
    if (ok[i] === 0 || s[i] <= 1) continue;
    applied = true;
    s[i] = 1;
    capped?.(i);
  }
  return applied;
}

const SOURCE: unique symbol = Symbol("unit economics");
const METHOD: unique symbol = Symbol("economic method");
const INDICATORS: unique symbol = Symbol("indicators");

/**
 * E of one unit with its per-indicator detail made when first read (and for JSON), not for every unit of a run:
 * at 5,000 units that detail was 25,000 objects of 19 fields that a run of `score` only carried along, and on a
 * machine whose fresh memory is slow, most of the engine's time.
 */
class EconomicScore implements EconomicExplanation {
  readonly [SOURCE]: UnitEconomics | undefined;
  readonly [METHOD]: EconomicMethod;
  private [INDICATORS]: IndicatorExplanation[] | null = null;

  constructor(
    readonly unit: string,
    source: UnitEconomics | undefined,
    m: EconomicMethod,
    readonly found: boolean,
    readonly totalWeight: number,
    readonly availableWeight: number,
    readonly availableShare: number,
    readonly minAvailableShare: number,
    readonly belowBaseApplied: boolean,
    readonly stillInLoss: boolean,
    readonly value: number | null,
  ) {
    this[SOURCE] = source;
    this[METHOD] = m;
  }

  get indicators(): IndicatorExplanation[] {
    const made = this[INDICATORS];
    if (made) return made;
    const m = this[METHOD];
    const source = this[SOURCE];
    const n = m.indicators.length;
    const out = new Array<IndicatorExplanation>(n);
    const s = new Float64Array(n);
    const ok = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const ind = m.indicators[i];
      const x = (out[i] = scoreIndicator(ind, source?.indicators[ind.name], m));
      ok[i] = x.available ? 1 : 0;
      s[i] = x.available ? (x.score as number) : 0;
    }
    capBelowBase(s, ok, n, m, (i) => {
      out[i].score = 1;
      out[i].cappedByBelowBase = true;
    });
    this[INDICATORS] = out;
    return out;
  }

  toJSON(): EconomicExplanation {
    return {
      unit: this.unit,
      found: this.found,
      indicators: this.indicators,
      totalWeight: this.totalWeight,
      availableWeight: this.availableWeight,
      availableShare: this.availableShare,
      minAvailableShare: this.minAvailableShare,
      belowBaseApplied: this.belowBaseApplied,
      stillInLoss: this.stillInLoss,
      value: this.value,
    };
  }
}

/** E of one unit (docs/method.md §2.1). `unit` is undefined when the unit is absent from 经营业绩. */
export function scoreEconomic(
  unitName: string,
  unit: UnitEconomics | undefined,
  m: EconomicMethod,
): EconomicExplanation {
  // Plain loops, sums in indicator order: this runs once per unit (thousands), mostly before it is optimized. Each
  // indicator is scored into one scratch explanation: only its score, availability and signs are kept.
  const n = m.indicators.length;
  if (scratchScores.length < n) {
    scratchScores = new Float64Array(n);
    scratchAvailable = new Uint8Array(n);
  }
  const s = scratchScores;
  const ok = scratchAvailable;
  const x = scratchIndicator;
  let stillInLoss = false;
  for (let i = 0; i < n; i++) {
    const ind = m.indicators[i];
    scoreIndicator(ind, unit?.indicators[ind.name], m, x);
    ok[i] = x.available ? 1 : 0;
    s[i] = x.available ? (x.score as number) : 0;
    if (x.target !== null && x.target < 0 && x.actual !== null && x.actual < 0) stillInLoss = true;
  }
  const belowBaseApplied = capBelowBase(s, ok, n, m);

  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += m.indicators[i].weight;
  let availableWeight = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    if (ok[i] === 0) continue;
    const w = m.indicators[i].weight;
    availableWeight += w;
    weighted += w * s[i];
  }
  const availableShare = totalWeight > 0 ? roundHalfAway(availableWeight / totalWeight, 4) : 0;
  let value: number | null = null;
  if (availableWeight > 0 && availableShare >= m.minAvailableShare) value = (100 * weighted) / availableWeight;

  return new EconomicScore(
    unitName,
    unit,
    m,
    unit !== undefined,
    totalWeight,
    availableWeight,
    availableShare,
    m.minAvailableShare,
    belowBaseApplied,
    stillInLoss,
    value,
  );
}

// One indicator scored at a time, and its score kept until the unit's E is summed: reused unit after unit.
let scratchScores = new Float64Array(0);
let scratchAvailable = new Uint8Array(0);
const scratchIndicator = blankIndicator();

function blankIndicator(): IndicatorExplanation {
  return {
    name: "",
    weight: 0,
    direction: "higher",
    target: null,
    actual: null,
    targetCell: "",
    actualCell: "",
    available: false,
    unavailableReason: null,
    lossTarget: false,
    lossCase: null,
    d: null,
    steps: null,
    rawPoints: null,
    points: null,
    clamped: null,
    scoreBeforeCap: null,
    score: null,
    cappedByBelowBase: false,
  };
}
