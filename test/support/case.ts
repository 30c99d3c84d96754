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
 *
 * docs/method.md §10 (all optional):
 * - leader `columns`: further columns of 考核对象 by header (e.g. 考核类别, 职务层级 — the quota group column of
 *   `grades.quotaGroupColumn`), a value null or "" being blank;
 * - `personal`: the rows of the sheet 个人情况 — 情形 as typed (a rule's name or one of its aliases), 天数 (a
 *   number, null = missing, or — in faulty cases only — text as typed), 说明;
 * - a vote `dim` may be the overall item (`democratic.overall.name`, 综合评价 by default); the writer spells it
 *   as the name or an alias;
 * - `method` may carry the §10.5 keys (personal.rules, democratic.overall, grades.quotaRounding/
 *   quotaGroupColumn/voteCaps).
 */
import type { DeepPartial, Grade, Method } from "../../src/method/types";
import type { LeaderMode } from "../../src/workbook/input";

// ───────────────────────────── the method with §10 (the oracle's own types) ─────────────────────────────

export type PersonalEffect = "noExcellent" | "noGrade" | "unfit" | "pending";

export interface PersonalRule {
  name: string;
  aliases: string[];
  effect: PersonalEffect;
  /** Applies when the leader's 天数 over the rule's rows sum to at least this; absent/null: any row applies. */
  minDays?: number | null;
}

export interface OverallItem {
  name: string;
  aliases: string[];
  weight: number;
}

/** docs/method.md §7 with the §10.5 keys (the product's own type may not carry them yet). */
export interface OracleMethod extends Omit<Method, "democratic" | "grades"> {
  democratic: Method["democratic"] & { overall: OverallItem };
  grades: Method["grades"] & {
    quotaRounding: "floor" | "round";
    quotaGroupColumn: string | null;
    voteCaps: "cap" | "flag";
  };
  personal: { rules: PersonalRule[] };
}

/** A partial method document: objects merge key by key over the defaults, arrays replace. */
export type OracleMethodPatch = DeepPartial<OracleMethod>;

export type Num = number | null;

export interface CaseLeader {
  name: string;
  unit: string;
  position: string;
  mode?: LeaderMode | null;
  id?: string | null;
  /** Further columns of 考核对象 by header (§10.3 quota groups); null or "" is blank. */
  columns?: Record<string, string | null>;
}

/** A row of 个人情况 (docs/method.md §10.1). */
export interface CasePersonal {
  name: string;
  unit: string;
  id?: string | null;
  /** 情形 as typed: a rule's name or alias. */
  kind: string;
  /** 天数: a number, null (missing), or text as typed (faulty cases only). */
  days?: number | string | null;
  note?: string | null;
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
  /** Method overrides (a partial method document, docs/method.md §7 and §10.5), passed with --method. */
  method?: OracleMethodPatch;
  /** The date for qualification screening (passed with --reference-date). */
  referenceDate?: string | null;
  leaders: CaseLeader[];
  /** unit → indicator (canonical name) → [target, actual]. */
  economic: Record<string, Record<string, [Num, Num]>>;
  work: Record<string, CaseWork>;
  votes: CaseVote[];
  adjust?: CaseAdjust[];
  qualification?: CaseCandidate[];
  /** The sheet 个人情况 (§10.1); undefined: no such sheet. */
  personal?: CasePersonal[];
  style?: unknown;
}

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
  | "personalPending";

export interface ExpectedLeader {
  name: string;
  unit: string;
  /** Compared when given (the oracle gives it; the examples' files do not). */
  position?: string;
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
  grade: Grade | "暂缓评定" | "不定等次";
  status: "graded" | "pending" | "ungraded";
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

export interface ExpectedSummary {
  /** Leaders with status graded. */
  graded: number;
  /** Leaders graded 优秀. */
  excellent: number;
  /** The 优秀 quota q; undefined with quota groups (one q per group). */
  quota?: number;
}

export interface Expected {
  leaders: ExpectedLeader[];
  qualification?: ExpectedCandidate[];
  summary?: ExpectedSummary;
}
