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
 *
 * docs/method.md §11 (optional): `ballots` — the sheet 测评票 (long or wide form) and the optional sheet 测评组织, and
 * `method.ballots` (invalidIfAllSame, maxExcellentShare, minTurnout). A case with ballots carries no votes of
 * its own: its votes are the independent tally's (test/support/tally.ts).
 *
 * docs/method.md §12 (optional): `decisions` — the rows of the sheet 组织决定 (姓名, 单位 or 工号, 等次 as typed, 依据).
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

/** The `ballots` keys of docs/method.md §11.2. */
export interface BallotsMethod {
  /** A ballot giving one and the same category to every item of every leader on it is invalid. */
  invalidIfAllSame: boolean;
  /** A ballot rating more than ⌊share × leaders⌋ leaders 优秀 (at least 1 allowed) on the overall item is invalid. */
  maxExcellentShare: number | null;
  /** A unit whose ballots are fewer than minTurnout × Σ应到人数 has its evaluation void. */
  minTurnout: number | null;
}

/** docs/method.md §7 with the §10.5 keys and the §11.2 `ballots` keys (the product's own type may not carry them yet). */
export interface OracleMethod extends Omit<Method, "democratic" | "grades"> {
  democratic: Method["democratic"] & { overall: OverallItem };
  grades: Method["grades"] & {
    quotaRounding: "floor" | "round";
    quotaGroupColumn: string | null;
    voteCaps: "cap" | "flag";
  };
  personal: { rules: PersonalRule[] };
  ballots: BallotsMethod;
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

/** A row of 组织决定 (docs/method.md §12). */
export interface CaseDecision {
  name: string;
  unit: string;
  id?: string | null;
  /** 等次 as typed: one of the method's grades (a faulty case may carry anything). */
  grade: string;
  /** 依据 (e.g. 2026年1月8日党委会研究决定); null: blank. */
  basis?: string | null;
}

/** A rating cell of 测评票 as typed: a category name or alias, 弃权, or null (not marked). */
export type BallotMark = string | null;

/** One leader on one ballot: 姓名 as on the ballot, and a mark per item (德, 能, 勤, 廉 and the overall item). */
export interface BallotLine {
  name: string;
  /** Item (a dimension of the method, or OVERALL_ITEM) → the mark; an item absent is not marked. */
  marks: Record<string, BallotMark>;
}

/** A ballot (测评票): the rows of one 单位 and 票号. */
export interface CaseBallot {
  unit: string;
  /** 票号 (or, in the wide form, the 序号 of the row). */
  no: number | string;
  /** 测评人类别 as typed (a group's name or alias). */
  group: string;
  lines: BallotLine[];
}

/** A row of 测评组织 (docs/method.md §11.2). */
export interface CaseTurnout {
  unit: string;
  /** 测评人类别 as typed. */
  group: string;
  /** 应到人数. */
  expected: number;
  /** 实到人数 (ignored by the count); null: blank. */
  present?: number | null;
}

/** The key of the overall item (§10.4) in BallotLine.marks. */
export const OVERALL_ITEM = "综合评价";

export interface CaseBallots {
  /** How 测评票 is written: one row per ballot × leader, or one row per ballot (a survey's export). */
  form: "long" | "wide";
  /** The items the sheet has columns for: the method's dimensions, and OVERALL_ITEM when it has one. */
  items: string[];
  /** The header word of the overall item (the overall item's name or an alias). */
  overallWord?: string;
  ballots: CaseBallot[];
  /** The sheet 测评组织; undefined: no such sheet. */
  turnout?: CaseTurnout[];
}

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
  /** The sheet 组织决定 (docs/method.md §12); undefined: no such sheet. */
  decisions?: CaseDecision[];
  /** The sheets 测评票 and 测评组织 (docs/method.md §11); then `votes` is empty and the tally gives them. */
  ballots?: CaseBallots;
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
  | "personalPending"
  | "committee";

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
