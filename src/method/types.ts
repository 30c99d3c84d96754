/** The method document of docs/method.md §7. Every number the engine uses comes from here. */

export type Direction = "higher" | "lower";
export type TieMode = "competition" | "dense";
export type Grade = "优秀" | "称职" | "基本称职" | "不称职";

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
}

/** A partial method document: objects merge key by key over the defaults, arrays replace. */
export type MethodPatch = DeepPartial<Method>;
export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
