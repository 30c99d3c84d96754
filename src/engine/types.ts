import type { Grade } from "../method/types";
import type { Diagnostic } from "../workbook/diagnostic";
import type { LeaderMode } from "../workbook/input";

export type FlagCode =
  "excellentQuota" | "quotaTie" | "unfitVotes" | "lowCompetentVotes" | "veto" | "stillInLoss" | "pending";

export interface Flag {
  code: FlagCode;
  message: string;
}

export type Status = "graded" | "pending";
export const PENDING_GRADE = "暂缓评定";

/** One indicator of one unit, every step of docs/method.md §2.1. */
export interface IndicatorExplanation {
  name: string;
  weight: number;
  direction: "higher" | "lower";
  target: number | null;
  actual: number | null;
  targetCell: string;
  actualCell: string;
  available: boolean;
  /** Why not available: 目标或完成值缺失 / 目标值为0. */
  unavailableReason: string | null;
  /** T < 0 (a loss target). */
  lossTarget: boolean;
  /** Which branch of the loss rule applied. */
  lossCase: "belowTarget" | "reducedLoss" | "profit" | null;
  d: number | null;
  /** d × 100 / stepPercent, after truncation when stepwise. */
  steps: number | null;
  /** Δ before clamping. */
  rawPoints: number | null;
  /** Δ after clamping. */
  points: number | null;
  clamped: "bonus" | "penalty" | "lossBonus" | null;
  /** s before the below-base rule. */
  scoreBeforeCap: number | null;
  /** s used in E. */
  score: number | null;
  cappedByBelowBase: boolean;
}

export interface EconomicExplanation {
  unit: string;
  /** false when the unit is absent from 经营业绩. */
  found: boolean;
  indicators: IndicatorExplanation[];
  totalWeight: number;
  availableWeight: number;
  /** Rounded to 4 decimals as the rule compares it. */
  availableShare: number;
  minAvailableShare: number;
  belowBaseApplied: boolean;
  stillInLoss: boolean;
  value: number | null;
}

export interface BlockExplanation {
  key: "economic" | "keyTasks" | "partyBuilding" | "safety";
  label: string;
  weight: number;
  value: number | null;
  cell: string;
}

export interface WorkExplanation {
  blocks: BlockExplanation[];
  /** True for 党建工作指导员: W_E = 0. */
  economicWeightZeroed: boolean;
  value: number | null;
  missingReason: string | null;
}

export interface DimensionExplanation {
  dimension: string;
  weight: number;
  counts: number[];
  abstain: number | null;
  total: number;
  m: number | null;
  cell: string;
}

export interface GroupExplanation {
  group: string;
  weight: number;
  ballots: number;
  dimensions: DimensionExplanation[];
  value: number | null;
}

export interface DemocraticExplanation {
  groups: GroupExplanation[];
  ballots: number;
  minBallots: number;
  /** Σ over all groups and dimensions, per category, and N. */
  totals: number[];
  total: number;
  value: number | null;
  missingReason: string | null;
}

export interface AdjustmentExplanation {
  items: { item: string; kind: "bonus" | "penalty"; value: number; scope: "leader" | "unit"; cell: string }[];
  bonusTotal: number;
  maxBonus: number;
  bonusCounted: number;
  penaltyTotal: number;
  value: number;
}

export interface CapExplanation {
  code: "unfitVotes" | "lowCompetentVotes" | "veto" | "stillInLoss";
  cap: Grade;
  reason: string;
}

export interface GradeExplanation {
  band: Grade | null;
  caps: CapExplanation[];
  afterCaps: Grade | null;
  quota: {
    q: number;
    graded: number;
    percent: number;
    /** What the quota did to this leader, if they were 优秀 after the caps. */
    decision: "kept" | "excellentQuota" | "quotaTie" | null;
  };
  final: Grade | typeof PENDING_GRADE;
}

export interface LeaderExplanation {
  economic: EconomicExplanation;
  work: WorkExplanation;
  democratic: DemocraticExplanation;
  adjustment: AdjustmentExplanation;
  final: { workWeight: number; democraticWeight: number; raw: number | null };
  /** The five tie-break keys (rounded) used for ranking. */
  rankKeys: (number | null)[] | null;
  grade: GradeExplanation;
}

/** A leader's result. Scores are rounded as docs/method.md §5 says; the explanation keeps the unrounded values. */
export interface LeaderResult {
  index: number;
  name: string;
  unit: string;
  position: string;
  mode: LeaderMode | null;
  employeeId: string | null;
  economic: number | null;
  keyTasks: number | null;
  partyBuilding: number | null;
  safety: number | null;
  work: number | null;
  democratic: number | null;
  excellentRate: number | null;
  competentRate: number | null;
  unfitRate: number | null;
  adjustment: number;
  final: number | null;
  rank: number | null;
  grade: Grade | typeof PENDING_GRADE;
  status: Status;
  flags: Flag[];
  explain: LeaderExplanation;
}

export type QualificationCriterion =
  | "minAge"
  | "minEducation"
  | "minPartyYears"
  | "minWorkYears"
  | "minTitle"
  | "minDepartments"
  | "minPostYears"
  | "health";

export interface CriterionCheck {
  criterion: QualificationCriterion;
  status: "met" | "unmet" | "unknown";
  /** The required level, and what was found, in Chinese. */
  required: string;
  found: string;
  reason: string;
  cell: string;
}

export interface QualificationResult {
  name: string;
  unit: string;
  cell: string;
  result: "符合" | "不符合" | "待核实";
  unmet: { criterion: QualificationCriterion; reason: string }[];
  unknown: { criterion: QualificationCriterion; reason: string }[];
  notices: string[];
  checks: CriterionCheck[];
}

export interface Assessment {
  leaders: LeaderResult[];
  qualification: QualificationResult[] | null;
  /** Warnings of the reader and the engine together, in sheet and cell order. */
  warnings: Diagnostic[];
  /** Graded leaders and the 优秀 quota q. */
  summary: { graded: number; pending: number; quota: number; excellent: number; referenceDate: string };
}
