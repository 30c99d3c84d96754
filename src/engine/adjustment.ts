import type { AdjustmentItem } from "../workbook/input";
import type { AdjustmentExplanation } from "./types";

/**
 * X of docs/method.md §4: min(Σ加分, maxBonus) − Σ减分 over the items of the leader and of the leader's unit.
 * `items` are those already matched to this leader (see engine/index.ts).
 */
export function scoreAdjustment(items: AdjustmentItem[], maxBonus: number): AdjustmentExplanation {
  const bonusTotal = items.filter((it) => it.kind === "bonus").reduce((s, it) => s + it.value, 0);
  const penaltyTotal = items.filter((it) => it.kind === "penalty").reduce((s, it) => s + it.value, 0);
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
