import type { Grade, PersonalEffect, QuotaRounding, VoteCapMode } from "../method/types";
import type { Diagnostic } from "../workbook/diagnostic";
import type { LeaderMode } from "../workbook/input";

export type FlagCode =
  | "excellentQuota"
  | "quotaTie"
  | "unfitVotes"
  | "lowCompetentVotes"
  | "veto"
  | "stillInLoss"
  | "pending"
  | "personalNoExcellent"
  | "personalUnfit"
  | "personalNoGrade"
  | "personalPending"
  | "committee";

export interface Flag {
  code: FlagCode;
  message: string;
  /** The cells the flag rests on, where it rests on rows of a sheet (个人情况). */
  cells?: string[];
}

/** `graded`: ranked and graded; `pending`: 暂缓评定 (§4, or 立案审查 …); `ungraded`: 不定等次 (§10.2). */
export type Status = "graded" | "pending" | "ungraded";
export const PENDING_GRADE = "暂缓评定";
export const UNGRADED_GRADE = "不定等次";
/** What 等次 shows: one of the four grades, or why there is none. */
export type ResultGrade = Grade | typeof PENDING_GRADE | typeof UNGRADED_GRADE;

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
  /** The overall item 综合评价 (docs/method.md §10.4) rather than a dimension. */
  overall: boolean;
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
  /**
   * The counts the rates and the vote rules use, per category, and N: Σ over all groups and dimensions, or over
   * the overall rows only when the leader has any (`rateBasis`).
   */
  totals: number[];
  total: number;
  rateBasis: "pooled" | "overall";
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
  code: "unfitVotes" | "lowCompetentVotes" | "veto" | "stillInLoss" | "personalNoExcellent";
  cap: Grade;
  reason: string;
  /** False for a vote rule under `grades.voteCaps: "flag"`: flagged for the committee, grade not lowered. */
  applied: boolean;
}

/** The 优秀 quota of the leader's quota group (the whole list when the method sets no group column). */
export interface QuotaExplanation {
  /** The group's label (考核对象's value), or null without quota groups. */
  group: string | null;
  q: number;
  /** Graded leaders of the group: N. */
  graded: number;
  percent: number;
  rounding: QuotaRounding;
  /** What the quota did to this leader, if they were 优秀 after the caps. */
  decision: "kept" | "excellentQuota" | "quotaTie" | null;
}

export interface GradeExplanation {
  band: Grade | null;
  caps: CapExplanation[];
  voteCaps: VoteCapMode;
  afterCaps: Grade | null;
  quota: QuotaExplanation;
  /** A personal circumstance that decided the grade (`unfit`, `noGrade`, `pending`), else null. */
  personal: PersonalEffect | null;
  /** The grade the rules give, before any decision of the committee. */
  computed: ResultGrade;
  /** The committee's decision (组织决定, docs/method.md §12) that replaced the computed grade. */
  committee: { grade: Grade; basis: string; cell: string } | null;
  final: ResultGrade;
}

/** One rule of 个人情况 that a leader has rows of (docs/method.md §10.1–§10.2). */
export interface CircumstanceExplanation {
  rule: string;
  effect: PersonalEffect;
  /** The rule's minDays, or null when any row makes it apply. */
  minDays: number | null;
  /** Σ 天数 of the rows (blank counts 0); null for a rule without minDays. */
  days: number | null;
  applies: boolean;
  rows: { text: string; days: number | null; note: string; cell: string; ruleCell: string; daysCell: string }[];
}

export interface PersonalExplanation {
  circumstances: CircumstanceExplanation[];
  /** The strongest effect among the rules that apply, or null. */
  effect: PersonalEffect | null;
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
  personal: PersonalExplanation;
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
  grade: ResultGrade;
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
  /**
   * Errors only the rules can find (a decision of 组织决定 for a leader who is not graded). A run with any
   * writes nothing, as with the reader's errors.
   */
  errors: Diagnostic[];
  summary: AssessmentSummary;
}

export interface AssessmentSummary {
  graded: number;
  pending: number;
  ungraded: number;
  /** The 优秀 quota q; with quota groups, the sum of the groups' q. */
  quota: number;
  excellent: number;
  /** Leaders whose grade the committee decided (组织决定). */
  decided: number;
  /** Per quota group in the order of 考核对象 (docs/method.md §10.3); null without a group column. */
  quotaGroups: { group: string; graded: number; quota: number; excellent: number }[] | null;
  /** Leaders with at least one personal circumstance that applies. */
  circumstances: number;
  referenceDate: string;
}
