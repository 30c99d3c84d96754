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
): IndicatorExplanation {
  const T = values?.target.value ?? null;
  const A = values?.actual.value ?? null;
  const base: IndicatorExplanation = {
    name: ind.name,
    weight: ind.weight,
    direction: ind.direction,
    target: T,
    actual: A,
    targetCell: values?.target.cell ?? "",
    actualCell: values?.actual.cell ?? "",
    available: false,
    unavailableReason: null,
    lossTarget: T !== null && T < 0,
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

/** E of one unit (docs/method.md §2.1). `unit` is undefined when the unit is absent from 经营业绩. */
export function scoreEconomic(
  unitName: string,
  unit: UnitEconomics | undefined,
  m: EconomicMethod,
): EconomicExplanation {
  // Plain loops, sums in indicator order: this runs once per unit (thousands), mostly before it is optimized.
  const n = m.indicators.length;
  const indicators = new Array<IndicatorExplanation>(n);
  let belowBase = false;
  for (let i = 0; i < n; i++) {
    const ind = m.indicators[i];
    const x = (indicators[i] = scoreIndicator(ind, unit?.indicators[ind.name], m));
    if (x.available && (x.score as number) < 1) belowBase = true;
  }
  let belowBaseApplied = false;
  if (m.belowBaseCapsOthers && belowBase) {
    // The indicators are this call's own: capped in place.
    for (let i = 0; i < n; i++) {
      const x = indicators[i];
      if (!x.available || (x.score as number) <= 1) continue;
      belowBaseApplied = true;
      x.score = 1;
      x.cappedByBelowBase = true;
    }
  }

  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += m.indicators[i].weight;
  let availableWeight = 0;
  let weighted = 0;
  let stillInLoss = false;
  for (let i = 0; i < n; i++) {
    const x = indicators[i];
    if (x.available) {
      availableWeight += x.weight;
      weighted += x.weight * (x.score as number);
    }
    if (x.target !== null && x.target < 0 && x.actual !== null && x.actual < 0) stillInLoss = true;
  }
  const availableShare = totalWeight > 0 ? roundHalfAway(availableWeight / totalWeight, 4) : 0;
  let value: number | null = null;
  if (availableWeight > 0 && availableShare >= m.minAvailableShare) value = (100 * weighted) / availableWeight;

  return {
    unit: unitName,
    found: unit !== undefined,
    indicators,
    totalWeight,
    availableWeight,
    availableShare,
    minAvailableShare: m.minAvailableShare,
    belowBaseApplied,
    stillInLoss,
    value,
  };
}
