import type { Grade } from "../method/types";

/**
 * What the workbook reader gives the engine: typed, normalized input with the address of every value,
 * so that each number of a result can be traced back to its cell.
 */

export type LeaderMode = "党政一肩挑" | "交叉任职" | "专职书记" | "党建工作指导员";
export const LEADER_MODES: readonly LeaderMode[] = ["党政一肩挑", "交叉任职", "专职书记", "党建工作指导员"];

export interface Leader {
  /** Position in 考核对象 (0-based): results keep this order. */
  index: number;
  name: string;
  unit: string;
  position: string;
  mode: LeaderMode | null;
  employeeId: string | null;
  /** Normalized name and unit (docs/method.md §1 folding), for matching across sheets. */
  nameKey: string;
  unitKey: string;
  /** The row's first cell on 考核对象. */
  cell: string;
  /** The leader's 优秀名额 group (docs/method.md §10.3) when the method sets `grades.quotaGroupColumn`, else null. */
  quotaGroup: QuotaGroup | null;
}

export interface QuotaGroup {
  /** As written in the first row of the group; "" for a blank cell (a group of its own). */
  label: string;
  /** Normalized (§1): leaders whose values fold to the same key share a quota. */
  key: string;
  cell: string;
}

/** A number read from a cell; `value` null means missing. `cell` is "" when the column is absent. */
export interface Measured {
  value: number | null;
  cell: string;
}

export interface IndicatorValues {
  target: Measured;
  actual: Measured;
}

export interface UnitEconomics {
  unit: string;
  unitKey: string;
  cell: string;
  /** Keyed by the method's indicator name (not the alias the sheet used). Every indicator of the method is present. */
  indicators: Record<string, IndicatorValues>;
}

export interface UnitWork {
  unit: string;
  unitKey: string;
  cell: string;
  keyTasks: Measured;
  partyBuilding: Measured;
  safety: Measured;
  /** The 否决事项 text, or null when none. */
  veto: { reason: string; cell: string } | null;
}

export interface VoteRow {
  name: string;
  unit: string;
  nameKey: string;
  unitKey: string;
  employeeId: string | null;
  /** Canonical group name of the method (aliases resolved). */
  group: string;
  /** Canonical dimension name of the method (德/能/勤/廉 by default), or the overall item's name (§10.4). */
  dimension: string;
  /** The row rates the overall item 综合评价 rather than a dimension. */
  overall: boolean;
  /** Votes per category in the method's category order (优秀, 称职, 基本称职, 不称职). */
  counts: number[];
  abstain: number | null;
  /** The row's first cell on 民主测评, or for votes tallied from 测评票 (docs/method.md §11.3) the first ballot's cell. */
  cell: string;
  /**
   * The cell of each count (category order) and of 弃权, where they sit on 民主测评 ("" for a count that has no cell
   * there: an absent 弃权 column, or votes tallied in memory). Absent: found from `cell`'s row and the sheet's columns.
   */
  countCells?: string[];
  abstainCell?: string;
}

export interface AdjustmentItem {
  /** null: applies to every leader of the unit. */
  name: string | null;
  nameKey: string | null;
  unit: string;
  unitKey: string;
  employeeId: string | null;
  kind: "bonus" | "penalty";
  /** Positive. */
  value: number;
  item: string;
  cell: string;
}

/** A row of 个人情况 (docs/method.md §10.1), matched to its leader and rule. */
export interface PersonalRow {
  /** Leader.index of the leader it concerns. */
  leader: number;
  /** The rule's name in the method (an alias written on the sheet is resolved). */
  rule: string;
  /** The 情形 as written. */
  text: string;
  /** 天数; null when blank (or the column is absent). */
  days: number | null;
  /** 说明, as written ("" when none). */
  note: string;
  /** The row's first cell. */
  cell: string;
  ruleCell: string;
  /** "" when the sheet has no 天数 column. */
  daysCell: string;
}

/** A row of 组织决定 (docs/method.md §12): the grade the committee decided for a leader. */
export interface Decision {
  /** Leader.index. */
  leader: number;
  grade: Grade;
  /** 依据 as written ("" when none). */
  basis: string;
  /** The row's first cell, and the 等次 cell. */
  cell: string;
  gradeCell: string;
}

/** A calendar date without time. */
export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** A qualification field: its parsed value, or why there is none. Unreadable values are not errors here. */
export type QualValue<T> =
  | { status: "ok"; value: T; cell: string }
  | { status: "missing"; cell: string }
  | { status: "unreadable"; raw: string; cell: string };

export interface Candidate {
  name: string;
  unit: string;
  cell: string;
  birth: QualValue<YMD>;
  /** Normalized text; the engine maps it onto the education ladder. */
  education: QualValue<string>;
  major: QualValue<string>;
  partyDate: QualValue<YMD>;
  workDate: QualValue<YMD>;
  title: QualValue<string>;
  departments: QualValue<number>;
  postYears: QualValue<number>;
  health: QualValue<string>;
}

/** Where a standard sheet's data sits, for formulas and for pointing back at cells. */
export interface SheetMap {
  sheet: string;
  headerRow: number;
  /** Last header row (the lower one of 经营业绩's two-row form), 0-based. */
  headerEndRow: number;
  /** Canonical column key → 0-based column. Keys: the header words of docs/method.md §1 (`姓名`, `优秀`…);
   * for 经营业绩, `{indicator}|目标` and `{indicator}|完成`. */
  columns: Record<string, number>;
  /** 0-based rows that hold data, in sheet order. */
  dataRows: number[];
}

export interface AssessmentInput {
  leaders: Leader[];
  economics: UnitEconomics[];
  work: UnitWork[];
  votes: VoteRow[];
  adjustments: AdjustmentItem[];
  /** null when the workbook has no 资质审查 sheet. */
  candidates: Candidate[] | null;
  /** Rows of 个人情况, in sheet order; empty when the workbook has no such sheet. */
  personal: PersonalRow[];
  /** Rows of 组织决定, in sheet order; empty when the workbook has no such sheet. */
  decisions: Decision[];
  /**
   * Units whose evaluation is void for too low a turnout (§11.2): their leaders' D is missing with this reason. Set
   * by the run from the tally of the ballots.
   */
  voidUnits?: { unitKey: string; reason: string; cell: string }[];
  /** Sheet names in tab order, for ordering diagnostics. */
  sheetOrder: string[];
  sheets: Partial<Record<StandardSheet, SheetMap>>;
}

export type StandardSheet =
  | "考核对象"
  | "经营业绩"
  | "工作评价"
  | "民主测评"
  | "加减分"
  | "资质审查"
  | "个人情况"
  | "组织决定"
  | "测评票"
  | "测评票（复核）"
  | "测评组织"
  | "测评票列对应";
export const SHEETS = {
  leaders: "考核对象",
  economic: "经营业绩",
  work: "工作评价",
  votes: "民主测评",
  adjustments: "加减分",
  qualification: "资质审查",
  personal: "个人情况",
  decisions: "组织决定",
  ballots: "测评票",
  ballotsReview: "测评票（复核）",
  turnout: "测评组织",
  ballotColumns: "测评票列对应",
  method: "考核方法",
  results: "考核结果",
  blankBallots: "测评票（空白）",
} as const;
