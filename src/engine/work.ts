import type { WorkWeights } from "../method/types";
import type { LeaderMode, UnitWork } from "../workbook/input";
import type { BlockExplanation, WorkExplanation } from "./types";

export const BLOCK_LABELS = {
  economic: "经营业绩",
  keyTasks: "重点工作",
  partyBuilding: "党的建设",
  safety: "安全稳定",
} as const;

/** 党建工作指导员 have no economic block (W_E = 0): the only part of the mode that P depends on. */
export function zeroesEconomic(mode: LeaderMode | null): boolean {
  return mode === "党建工作指导员";
}

/** P of docs/method.md §2.3: the weighted mean of E, K, B, S over the blocks present. */
export function scoreWork(
  economic: number | null,
  economicCell: string,
  work: UnitWork | undefined,
  mode: LeaderMode | null,
  weights: WorkWeights,
): WorkExplanation {
  const zeroed = zeroesEconomic(mode);
  const blocks: BlockExplanation[] = [
    {
      key: "economic",
      label: BLOCK_LABELS.economic,
      weight: zeroed ? 0 : weights.economic,
      value: economic,
      cell: economicCell,
    },
    block("keyTasks", weights.keyTasks, work?.keyTasks),
    block("partyBuilding", weights.partyBuilding, work?.partyBuilding),
    block("safety", weights.safety, work?.safety),
  ];
  const e = blocks[0];
  let missingReason: string | null = null;
  if (e.value === null && e.weight > 0) missingReason = "经营业绩得分缺失";
  else if (blocks[1].value === null && blocks[2].value === null && blocks[3].value === null) {
    missingReason = "重点工作、党的建设、安全稳定均缺失";
  }
  let value: number | null = null;
  if (missingReason === null) {
    // The weighted mean over the blocks present, summed in block order.
    let w = 0;
    let sum = 0;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.value === null || !(b.weight > 0)) continue;
      w += b.weight;
      sum += b.weight * b.value;
    }
    if (w > 0) value = sum / w;
    else missingReason = "没有权重大于0的可用项";
  }
  return { blocks, economicWeightZeroed: zeroed, value, missingReason };
}

function block(
  key: "keyTasks" | "partyBuilding" | "safety",
  weight: number,
  m: UnitWork["keyTasks"] | undefined,
): BlockExplanation {
  return { key, label: BLOCK_LABELS[key], weight, value: m?.value ?? null, cell: m?.cell ?? "" };
}
