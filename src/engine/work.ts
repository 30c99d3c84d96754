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
  // The blocks are only summed here, in scratch blocks: WorkScore makes them again when they are read.
  const blocks = blocksOf(economic, economicCell, work, zeroed, weights, scratchBlocks);
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
  return new WorkScore(economic, economicCell, work, weights, zeroed, value, missingReason);
}

/**
 * The four blocks of P, in order: E (weight 0 for 党建工作指导员), K, B, S; new ones, or `into`'s filled in without
 * the cells of K, B and S (scoreWork only sums them; a cell's address is made when read).
 */
function blocksOf(
  economic: number | null,
  economicCell: string,
  work: UnitWork | undefined,
  zeroed: boolean,
  weights: WorkWeights,
  into?: BlockExplanation[],
): BlockExplanation[] {
  const out = into ?? [blank(), blank(), blank(), blank()];
  fill(out[0], "economic", zeroed ? 0 : weights.economic, economic, economicCell);
  const cells = !into && work !== undefined;
  fill(out[1], "keyTasks", weights.keyTasks, work?.keyTasks.value ?? null, cells ? work.keyTasks.cell : "");
  fill(
    out[2],
    "partyBuilding",
    weights.partyBuilding,
    work?.partyBuilding.value ?? null,
    cells ? work.partyBuilding.cell : "",
  );
  fill(out[3], "safety", weights.safety, work?.safety.value ?? null, cells ? work.safety.cell : "");
  return out;
}

function blank(): BlockExplanation {
  return { key: "economic", label: "", weight: 0, value: null, cell: "" };
}

function fill(
  b: BlockExplanation,
  key: BlockExplanation["key"],
  weight: number,
  value: number | null,
  cell: string,
): void {
  b.key = key;
  b.label = BLOCK_LABELS[key];
  b.weight = weight;
  b.value = value;
  b.cell = cell;
}

// scoreWork sums the blocks of one unit at a time: the same four reused unit after unit.
const scratchBlocks = [blank(), blank(), blank(), blank()];

const E: unique symbol = Symbol("economic score");
const E_CELL: unique symbol = Symbol("economic cell");
const WORK: unique symbol = Symbol("unit work");
const WEIGHTS: unique symbol = Symbol("work weights");
const BLOCKS: unique symbol = Symbol("blocks");

/** P of a unit (for its leaders with or without the economic block), its blocks made when first read and for JSON. */
class WorkScore implements WorkExplanation {
  readonly [E]: number | null;
  readonly [E_CELL]: string;
  readonly [WORK]: UnitWork | undefined;
  readonly [WEIGHTS]: WorkWeights;
  private [BLOCKS]: BlockExplanation[] | null = null;

  constructor(
    economic: number | null,
    economicCell: string,
    work: UnitWork | undefined,
    weights: WorkWeights,
    readonly economicWeightZeroed: boolean,
    readonly value: number | null,
    readonly missingReason: string | null,
  ) {
    this[E] = economic;
    this[E_CELL] = economicCell;
    this[WORK] = work;
    this[WEIGHTS] = weights;
  }

  get blocks(): BlockExplanation[] {
    const made = this[BLOCKS];
    if (made) return made;
    const blocks = blocksOf(this[E], this[E_CELL], this[WORK], this.economicWeightZeroed, this[WEIGHTS]);
    this[BLOCKS] = blocks;
    return blocks;
  }

  toJSON(): WorkExplanation {
    return {
      blocks: this.blocks,
      economicWeightZeroed: this.economicWeightZeroed,
      value: this.value,
      missingReason: this.missingReason,
    };
  }
}
