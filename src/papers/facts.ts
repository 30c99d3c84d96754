/**
 * What both papers say about the results, in the words a department prints: numbers as they are shown,
 * dates in Chinese, the order of the table, and what each flag means for the committee.
 */
import type { Flag, FlagCode, LeaderResult } from "../engine/types";

/** A score as the results show it: two decimals; a missing one as —. */
export function score(x: number | null): string {
  return x === null ? "—" : x.toFixed(2);
}

/** An adjustment with its sign: +1.00, -0.50, 0.00. */
export function signed(x: number): string {
  return x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2);
}

/** A rate as a percentage with two decimals: 0.7 → 70.00%. */
export function percent(x: number | null): string {
  return x === null ? "—" : `${(x * 100).toFixed(2)}%`;
}

/** 2026-01-15 → 2026年1月15日. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** The order of the papers: those graded by rank (a tie in the order of 考核对象), then the others as listed. */
export function paperOrder(leaders: readonly LeaderResult[]): LeaderResult[] {
  const graded = leaders
    .filter((l) => l.status === "graded")
    .sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.index - y.index);
  const others = leaders.filter((l) => l.status !== "graded").sort((x, y) => x.index - y.index);
  return [...graded, ...others];
}

/** A flag's rule in a few words, for the 事项 column (the charts' badges say the same). */
export const FLAG_RULES: Readonly<Record<FlagCode, string>> = {
  excellentQuota: "超出优秀名额",
  quotaTie: "并列处于名额边界",
  unfitVotes: "票数规则（不称职票）",
  lowCompetentVotes: "票数规则（称职以上票）",
  veto: "否决事项",
  stillInLoss: "亏损限档",
  pending: "暂缓评定",
  personalNoExcellent: "个人情况",
  personalUnfit: "个人情况",
  personalNoGrade: "个人情况",
  personalPending: "个人情况",
  committee: "组织决定",
};

/** What the committee has to do about a leader's flags. */
export type Handling = "decide" | "decided" | "rule";

export const HANDLING_TEXT: Readonly<Record<Handling, string>> = {
  decide: "需研究决定",
  decided: "已经组织研究",
  rule: "按办法确定",
};

/** A vote rule under `grades.voteCaps: "flag"` only raised its flag: the grade waits for the committee. */
function voteRuleOnlyFlagged(l: LeaderResult, f: Flag): boolean {
  const cap = l.explain.grade.caps.find((c) => c.code === f.code);
  return cap !== undefined && !cap.applied;
}

function needsDecision(l: LeaderResult, f: Flag): boolean {
  switch (f.code) {
    case "quotaTie":
    case "pending":
    case "personalPending":
      return true;
    case "unfitVotes":
    case "lowCompetentVotes":
      return voteRuleOnlyFlagged(l, f);
    default:
      return false;
  }
}

/**
 * decided: the committee's decision is recorded (组织决定); decide: a rule left the grade to the committee
 * (a tie at the quota, a vote rule that only flags, a leader waiting — 暂缓评定); rule: the method decided it.
 */
export function handling(l: LeaderResult): Handling | null {
  if (l.flags.length === 0) return null;
  if (l.flags.some((f) => f.code === "committee")) return "decided";
  if (l.flags.some((f) => needsDecision(l, f))) return "decide";
  return "rule";
}

/** The rules behind a leader's flags, each named once: 超出优秀名额、个人情况. */
export function flagRules(l: LeaderResult): string {
  return [...new Set(l.flags.map((f) => FLAG_RULES[f.code]))].join("、");
}

/** Every flag's message, as 考核结果's 说明 lists them. */
export function flagMessages(l: LeaderResult): string {
  return l.flags.map((f) => f.message).join("；");
}
