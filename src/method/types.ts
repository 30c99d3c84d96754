/** The method document of docs/method.md §7. Every number the engine uses comes from here. */

export type Direction = "higher" | "lower";
export type TieMode = "competition" | "dense";
export type Grade = "优秀" | "称职" | "基本称职" | "不称职";
/** How the 优秀 quota q is rounded (docs/method.md §10.3): ⌊N·p/100⌋ or 四舍五入. */
export type QuotaRounding = "floor" | "round";
/** What the two vote rules of §5.3 do: lower the grade (`cap`), or only flag it for the committee (`flag`). */
export type VoteCapMode = "cap" | "flag";
/** What a personal circumstance does to a leader's grade (docs/method.md §10.2), strongest first. */
export type PersonalEffect = "pending" | "unfit" | "noGrade" | "noExcellent";

export interface Indicator {
  name: string;
  aliases: string[];
  weight: number;
  direction: Direction;
}

export interface EconomicMethod {
  indicators: Indicator[];
  stepPercent: number;
  pointsPerStep: number;
  basePoints: number;
  stepwise: boolean;
  maxBonusPoints: number;
  maxPenaltyPoints: number;
  belowBaseCapsOthers: boolean;
  lossReductionFactor: number;
  lossMaxBonusPoints: number;
  minAvailableShare: number;
}

export interface WorkWeights {
  economic: number;
  keyTasks: number;
  partyBuilding: number;
  safety: number;
}

export interface VoteCategory {
  name: string;
  points: number;
  aliases: string[];
}

export interface EvaluatorGroup {
  name: string;
  weight: number;
  aliases: string[];
}

export interface DemocraticMethod {
  /** Exactly four, in the order 优秀, 称职, 基本称职, 不称职 (the caps read positions 1, 2 and 4). */
  categories: VoteCategory[];
  dimensions: Record<string, number>;
  groups: EvaluatorGroup[];
  minBallots: number;
  /** The overall item 综合评价 (docs/method.md §10.4): one more dimension of D, with its own weight (0: not in D). */
  overall: OverallItem;
}

export interface OverallItem {
  name: string;
  aliases: string[];
  weight: number;
}

export interface GradeBand {
  grade: Grade;
  min: number | null;
}

export interface GradesMethod {
  bands: GradeBand[];
  excellentQuotaPercent: number;
  vetoCap: Grade;
  lossCap: Grade;
  quotaRounding: QuotaRounding;
  /** A header of 考核对象: the quota is then decided within each group sharing that column's value. */
  quotaGroupColumn: string | null;
  voteCaps: VoteCapMode;
}

/** A rule of 个人情况 (docs/method.md §10.1). */
export interface PersonalRule {
  name: string;
  aliases: string[];
  effect: PersonalEffect;
  /** When given, the rule applies only when the leader's 天数 of it sum to at least this. */
  minDays?: number | null;
}

/** Ballots and their tally (docs/method.md §11.2). */
export interface BallotsMethod {
  /** A ballot giving one and the same category to every item of every leader on it is invalid. */
  invalidIfAllSame: boolean;
  /** A ballot rating more than ⌊share × leaders⌋ leaders 优秀 on the overall item (at least 1 allowed) is invalid. */
  maxExcellentShare: number | null;
  /** A unit whose ballots are fewer than this share of Σ应到人数 (测评组织) has its evaluation void. */
  minTurnout: number | null;
}

export interface QualificationMethod {
  minAge: number;
  minEducation: string;
  minPartyYears: number;
  minWorkYears: number;
  minTitle: string;
  minDepartments: number;
  minPostYears: number;
  health: string[];
  preferredMajors: string[];
}

export interface Method {
  name: string;
  /** YYYY-MM-DD or null (then the day of the run). */
  referenceDate: string | null;
  economic: EconomicMethod;
  work: { weights: WorkWeights };
  ratings: Record<string, number>;
  democratic: DemocraticMethod;
  final: { workWeight: number; democraticWeight: number; maxBonus: number };
  grades: GradesMethod;
  ranking: { ties: TieMode };
  qualification: QualificationMethod;
  personal: { rules: PersonalRule[] };
  /** What the printed papers say that the method decides (docs/method.md §7.1). */
  papers: { reviewNotice: string };
  ballots: BallotsMethod;
}

/** A partial method document: objects merge key by key over the defaults, arrays replace. */
export type MethodPatch = DeepPartial<Method>;
export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
