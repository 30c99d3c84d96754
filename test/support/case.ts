/**
 * The clean case format of test/fixtures/examples/*.json, extended for generated cases, and the expected
 * result format of *.expected.json (plus `qualification`).
 *
 * Extensions over the examples (all optional, so the example files are valid cases):
 * - leader `mode` (任职模式, null = blank) and `id` (工号; when any leader has one, every leader has one);
 * - work `否决事项` (the veto reason, null = none);
 * - vote `abstain` (弃权) and `id` (工号 of the leader, when leaders have ids);
 * - adjustment `name: null` for a unit-wide item, and `id`;
 * - `null` wherever a value is missing (an economic target/actual, a work score, a qualification field);
 * - an economic entry for a unit with no leader (the workbook has the row; it scores nothing).
 * Vote `group` and `dim` are the canonical names of the method (上级/同级/下级, 德/能/勤/廉).
 * A qualification field is a string (text as typed in the cell), a number, `{ date: "YYYY-MM-DD" }` (an Excel
 * date cell) or null.
 */
import type { Grade, MethodPatch } from "../../src/method/types";
import type { LeaderMode } from "../../src/workbook/input";

export type Num = number | null;

export interface CaseLeader {
  name: string;
  unit: string;
  position: string;
  mode?: LeaderMode | null;
  id?: string | null;
}

/** A number in [0, 100] or a rating word of the method; null is missing. */
export type WorkValue = number | string | null;

export interface CaseWork {
  重点工作?: WorkValue;
  党的建设?: WorkValue;
  安全稳定?: WorkValue;
  否决事项?: string | null;
}

export interface CaseVote {
  name: string;
  unit: string;
  id?: string | null;
  group: string;
  dim: string;
  /** 优秀, 称职, 基本称职, 不称职 */
  n: [number, number, number, number];
  abstain?: number | null;
}

export interface CaseAdjust {
  /** null: applies to every leader of the unit. */
  name: string | null;
  unit: string;
  id?: string | null;
  type: "加分" | "减分";
  value: number;
  item?: string;
}

export type QualCell = string | number | { date: string } | null;

export const QUAL_COLUMNS = [
  "姓名",
  "单位",
  "出生日期",
  "学历",
  "专业",
  "入党时间",
  "参加工作时间",
  "职称",
  "部门经历数",
  "相关任职年限",
  "健康状况",
] as const;
export type QualColumn = (typeof QUAL_COLUMNS)[number];
export type CaseCandidate = Partial<Record<QualColumn, QualCell>>;

export interface CleanCase {
  name?: string;
  about?: string;
  /** Method overrides (a partial method document, docs/method.md §7), passed with --method. */
  method?: MethodPatch;
  /** The date for qualification screening (passed with --reference-date). */
  referenceDate?: string | null;
  leaders: CaseLeader[];
  /** unit → indicator (canonical name) → [target, actual]. */
  economic: Record<string, Record<string, [Num, Num]>>;
  work: Record<string, CaseWork>;
  votes: CaseVote[];
  adjust?: CaseAdjust[];
  qualification?: CaseCandidate[];
  style?: unknown;
}

export type FlagCode =
  "excellentQuota" | "quotaTie" | "unfitVotes" | "lowCompetentVotes" | "veto" | "stillInLoss" | "pending";

export interface ExpectedLeader {
  name: string;
  unit: string;
  economic: Num;
  keyTasks: Num;
  partyBuilding: Num;
  safety: Num;
  work: Num;
  democratic: Num;
  excellentRate: Num;
  competentRate: Num;
  unfitRate: Num;
  adjustment: number;
  final: Num;
  rank: number | null;
  grade: Grade | "暂缓评定";
  status: "graded" | "pending";
  flags: FlagCode[];
}

export type QualCriterion =
  | "minAge"
  | "minEducation"
  | "minPartyYears"
  | "minWorkYears"
  | "minTitle"
  | "minDepartments"
  | "minPostYears"
  | "health";

export interface ExpectedCandidate {
  name: string;
  unit?: string | null;
  result: "符合" | "不符合" | "待核实";
  /** Sorted criterion codes. */
  unmet: QualCriterion[];
  /** Criteria whose value was missing or unreadable (sorted); not part of the examples' format. */
  unknown?: QualCriterion[];
  /** "major" when the major is not a preferred one. */
  notices?: string[];
}

export interface Expected {
  leaders: ExpectedLeader[];
  qualification?: ExpectedCandidate[];
}
