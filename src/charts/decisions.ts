/**
 * What decided each grade, in the words the meeting uses (pure): for every leader whose grade a rule lowered
 * or decided — a cap (亏损限档, 否决事项, 票数规则), the quota (超出名额, 并列·待研究), a personal circumstance
 * (个人情况, docs/method.md §10), missing data (暂缓评定, §4) or the committee (组织决定, §12) — a short badge
 * for the bar, the reason, the effect, and whether the committee still has to decide (quota ties, the vote
 * rules when they only flag). And the way from "reached the 优秀 line" to "rated 优秀" as a waterfall.
 *
 * A cap counts only where it lowered the grade (a 亏损限档 at 称职 on a leader whose score gives 称职 changes
 * nothing and is not listed); the vote rules under `voteCaps: "flag"` count where they would have lowered it.
 */
import type { CapExplanation, LeaderResult } from "../engine/types";
import { GRADES } from "../method/schema";
import type { Grade, GradeBand } from "../method/types";
import { defaultMethod } from "../method/defaults";

export type DecisionRule =
  "personal" | "veto" | "stillInLoss" | "votes" | "quota" | "quotaTie" | "committee" | "pending";

/** The badge on a bar, by rule (the vote rules when they only flag: VOTES_OPEN_BADGE). */
export const BADGES: Readonly<Record<DecisionRule, string>> = {
  personal: "个人情况",
  veto: "否决事项",
  stillInLoss: "亏损限档",
  votes: "票数规则",
  quota: "超出名额",
  quotaTie: "并列·待研究",
  committee: "组织决定",
  pending: "暂缓评定",
};
export const VOTES_OPEN_BADGE = "票数·待研究";

/** What each badge means, for the notes under a chart. */
export const BADGE_MEANING: Readonly<Record<DecisionRule, string>> = {
  personal: "个人情况规则确定了等次（不得评为优秀、不称职、不定等次或暂缓）",
  veto: "单位存在否决事项，等次受限",
  stillInLoss: "单位仍处于亏损，等次受限",
  votes: "测评票触及三分之一／三分之二票数规则",
  quota: "达到优秀条件但超出优秀名额，调整为称职",
  quotaTie: "并列处于名额边界，暂按称职，需集体研究",
  committee: "等次由组织研究决定（组织决定表）",
  pending: "工作业绩或民主测评缺失，暂缓评定",
};

export interface Decision {
  rule: DecisionRule;
  badge: string;
  /** Why, in the engine's words (the flag's message or the cap's reason). */
  reason: string;
  /** What it did to the grade: "优秀 → 称职", "不定等次", "暂按称职，需集体研究" … */
  effect: string;
  /** The committee still has to decide (a tie at the quota boundary, a vote rule that only flags). */
  open: boolean;
}

const order = (g: Grade): number => GRADES.indexOf(g);
/** True when `cap` is a lower grade than `band`. */
const lowers = (cap: Grade, band: Grade | null): boolean => band !== null && order(cap) > order(band);

function flagMessage(l: LeaderResult, code: string): string {
  return l.flags.find((f) => f.code === code)?.message ?? "";
}

/**
 * The caps that lowered the grade (or, flagged only, would have), the vote rules as one. A rule that only
 * flags is open until the committee decides the leader's grade.
 */
function capDecisions(l: LeaderResult): Decision[] {
  const g = l.explain.grade;
  const decided = g.committee !== null;
  const out: Decision[] = [];
  const votes = g.caps.filter(
    (c) => (c.code === "unfitVotes" || c.code === "lowCompetentVotes") && lowers(c.cap, g.band),
  );
  if (votes.length > 0) {
    const lowest = votes.reduce((a, b) => (order(b.cap) > order(a.cap) ? b : a));
    const applied = votes.some((c) => c.applied);
    const open = !applied && !decided;
    out.push({
      rule: "votes",
      badge: open ? VOTES_OPEN_BADGE : BADGES.votes,
      reason: votes.map((c) => c.reason).join("；"),
      effect: applied
        ? `${g.band} → ${lowest.cap}`
        : `按规则最高为${lowest.cap}，未自动调整，${decided ? "已提请组织研究" : "需集体研究"}`,
      open,
    });
  }
  const one = (c: CapExplanation, rule: DecisionRule, reason: string) =>
    out.push({ rule, badge: BADGES[rule], reason, effect: `${g.band} → ${c.cap}`, open: false });
  for (const c of g.caps) {
    if (!c.applied || !lowers(c.cap, g.band)) continue;
    if (c.code === "veto") one(c, "veto", c.reason);
    else if (c.code === "stillInLoss") one(c, "stillInLoss", c.reason);
    else if (c.code === "personalNoExcellent") one(c, "personal", flagMessage(l, "personalNoExcellent") || c.reason);
  }
  return out;
}

/** Every rule that lowered or decided this leader's grade, in the order they act. */
export function leaderDecisions(l: LeaderResult): Decision[] {
  const g = l.explain.grade;
  const out: Decision[] = [];
  if (l.flags.some((f) => f.code === "pending")) {
    out.push({
      rule: "pending",
      badge: BADGES.pending,
      reason: flagMessage(l, "pending").replace(/^暂缓评定[：:]\s*/, ""),
      effect: "暂缓评定（数据不全）",
      open: false,
    });
  }
  const personal: [string, string][] = [
    ["personalPending", "暂缓评定"],
    ["personalNoGrade", "不定等次"],
    ["personalUnfit", `${g.band ?? "—"} → 不称职`],
  ];
  for (const [code, effect] of personal) {
    const m = flagMessage(l, code);
    // The strongest circumstance decides (§10.2); the flags list the others too.
    if (m && out.every((d) => d.rule !== "personal")) {
      const decides =
        (code === "personalPending" && l.status === "pending" && !l.flags.some((f) => f.code === "pending")) ||
        (code === "personalNoGrade" && l.status === "ungraded") ||
        (code === "personalUnfit" && g.personal === "unfit");
      if (decides) out.push({ rule: "personal", badge: BADGES.personal, reason: m, effect, open: false });
    }
  }
  if (l.status === "graded" && g.personal !== "unfit") out.push(...capDecisions(l));
  if (g.quota.decision === "excellentQuota") {
    const inGroup = g.quota.group !== null ? `${g.quota.group || "未分组"}` : "";
    out.push({
      rule: "quota",
      badge: BADGES.quota,
      reason: flagMessage(l, "excellentQuota"),
      effect: `优秀 → 称职（${inGroup}名额 ${g.quota.q} 名）`,
      open: false,
    });
  } else if (g.quota.decision === "quotaTie") {
    out.push({
      rule: "quotaTie",
      badge: g.committee ? "名额并列" : BADGES.quotaTie,
      reason: flagMessage(l, "quotaTie"),
      effect: g.committee
        ? `并列处于名额边界（名额 ${g.quota.q} 名），已提请组织研究`
        : `暂按称职，需集体研究（名额 ${g.quota.q} 名）`,
      open: !g.committee,
    });
  }
  if (g.committee) {
    out.push({
      rule: "committee",
      badge: BADGES.committee,
      reason: g.committee.basis || flagMessage(l, "committee"),
      effect:
        g.committee.grade === g.computed
          ? `经组织研究确定为${g.committee.grade}（与计算结果相同）`
          : `经组织研究确定为${g.committee.grade}（原为${g.computed}）`,
      open: false,
    });
  }
  return out;
}

/** The grade bands of the method, or the defaults (90 / 70 / 60). */
export function bandsOf(bands?: readonly GradeBand[]): readonly GradeBand[] {
  return bands ?? defaultMethod().grades.bands;
}

/** The score of the 优秀 line. */
export function excellentLine(bands?: readonly GradeBand[]): number {
  return bandsOf(bands).find((b) => b.grade === "优秀")?.min ?? 90;
}

// ───────────────────────────── the waterfall ─────────────────────────────

export interface WaterfallStep {
  /** "reached", a DecisionRule, "committeeIn" / "committeeOut", "excellent". */
  key: string;
  label: string;
  /** The bar's change (negative for a rule that takes leaders out); for the end bars, the total. */
  delta: number;
  /** Where the bar starts and ends (running total before and after). */
  from: number;
  to: number;
  leaders: LeaderResult[];
}

export interface Waterfall {
  threshold: number;
  steps: WaterfallStep[];
  /** Leaders rated 优秀 in the end (= the last step's total). */
  excellent: number;
  quota: number;
}

const STEP_ORDER: { key: string; label: string }[] = [
  { key: "personal", label: "个人情况" },
  { key: "veto", label: "否决事项" },
  { key: "stillInLoss", label: "亏损限档" },
  { key: "votes", label: "票数规则" },
  { key: "quota", label: "超出名额" },
  { key: "quotaTie", label: "并列·待研究" },
  { key: "committeeOut", label: "组织决定" },
  { key: "committeeIn", label: "组织决定" },
];

/**
 * Why a leader whose score reached the 优秀 line did not get 优秀 from the rules: the first rule in the
 * order they act — a personal circumstance, then the cap that set the grade (the lowest; ties in the
 * engine's order), then the quota.
 */
function lostBy(l: LeaderResult): string {
  const g = l.explain.grade;
  if (l.status !== "graded" || g.personal === "unfit") return "personal";
  const applied = g.caps.filter((c) => c.applied && lowers(c.cap, g.band));
  if (applied.length > 0) {
    const decisive = applied.reduce((a, b) => (order(b.cap) > order(a.cap) ? b : a));
    if (decisive.code === "personalNoExcellent") return "personal";
    if (decisive.code === "unfitVotes" || decisive.code === "lowCompetentVotes") return "votes";
    return decisive.code;
  }
  if (g.quota.decision === "quotaTie") return "quotaTie";
  return "quota";
}

/**
 * 达到优秀分数线 n → each rule −k → 超出名额 −k → (组织决定 ±k) → 优秀. n counts every leader with a score at or
 * above the 优秀 line, graded or not (a circumstance takes the others out); only steps that move someone.
 */
export function excellentWaterfall(
  leaders: readonly LeaderResult[],
  quota: number,
  bands?: readonly GradeBand[],
): Waterfall {
  const threshold = excellentLine(bands);
  const reached = leaders.filter((l) => l.final !== null && l.final >= threshold);
  const buckets = new Map<string, LeaderResult[]>();
  const put = (k: string, l: LeaderResult) => buckets.set(k, [...(buckets.get(k) ?? []), l]);
  for (const l of reached) if (l.explain.grade.computed !== "优秀") put(lostBy(l), l);
  for (const l of leaders) {
    const c = l.explain.grade.committee;
    if (!c) continue;
    const was = l.explain.grade.computed === "优秀";
    if (was && c.grade !== "优秀") put("committeeOut", l);
    if (!was && c.grade === "优秀") put("committeeIn", l);
  }
  const steps: WaterfallStep[] = [
    { key: "reached", label: "达到优秀分数线", delta: reached.length, from: 0, to: reached.length, leaders: reached },
  ];
  let total = reached.length;
  for (const s of STEP_ORDER) {
    const ls = buckets.get(s.key) ?? [];
    if (ls.length === 0) continue;
    const delta = s.key === "committeeIn" ? ls.length : -ls.length;
    steps.push({ key: s.key, label: s.label, delta, from: total, to: total + delta, leaders: ls });
    total += delta;
  }
  const excellent = leaders.filter((l) => l.grade === "优秀");
  steps.push({ key: "excellent", label: "评为优秀", delta: total, from: 0, to: total, leaders: excellent });
  return { threshold, steps, excellent: total, quota };
}
