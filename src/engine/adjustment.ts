import type { AdjustmentItem } from "../workbook/input";
import type { AdjustmentExplanation } from "./types";

/**
 * X of docs/method.md §4: min(Σ加分, maxBonus) − Σ减分 over the items of the leader and of the leader's unit.
 * `items` are those already matched to this leader (see engine/index.ts).
 */
export function scoreAdjustment(items: AdjustmentItem[], maxBonus: number): AdjustmentExplanation {
  // Each kind summed in item order (runs for every leader, most of whom have no items).
  let bonusTotal = 0;
  let penaltyTotal = 0;
  for (const it of items) {
    if (it.kind === "bonus") bonusTotal += it.value;
    else if (it.kind === "penalty") penaltyTotal += it.value;
  }
  const bonusCounted = Math.min(bonusTotal, maxBonus);
  return {
    items: items.map((it) => ({
      item: it.item,
      kind: it.kind,
      value: it.value,
      scope: it.nameKey === null ? "unit" : "leader",
      cell: it.cell,
    })),
    bonusTotal,
    maxBonus,
    bonusCounted,
    penaltyTotal,
    value: bonusCounted - penaltyTotal,
  };
}
