/**
 * Which docs/method.md §10 features a clean case exercises, as the oracle computes it: for the coverage test of the
 * §10 differential seeds (every feature must occur) and for counting them.
 */
import type { CleanCase } from "./case";
import { dimensionOf, EFFECT_ORDER, oracleDetails, quotaAtHalf, quotaOf, ruleOf } from "./oracle";
import { normName } from "./text";

export const SECTION10_FEATURES = [
  // 个人情况 and the effects (§10.1–10.2)
  "circ:noExcellent",
  "circ:noExcellentLowers",
  "circ:noGrade",
  "circ:unfit",
  "circ:unfitLowers",
  "circ:pending",
  "circ:ruleName",
  "circ:ruleAlias",
  "circ:customRules",
  "days:sumOverAliases",
  "days:exactlyMin",
  "days:belowMin",
  "days:missing",
  "days:decimal",
  "circ:severalRules",
  "precedence:pending>unfit",
  "precedence:unfit>noGrade",
  "precedence:noGrade>noExcellent",
  "circ:onPendingP/D",
  "circ:ungradedAboveGraded",
  "circ:emptySheet",
  // §10.3
  "quota:floor",
  "quota:round",
  "quota:half",
  "quota:halfDecides:floor",
  "quota:halfDecides:round",
  "groups:考核类别",
  "groups:职务层级",
  "groups:blank",
  "groups:severalQuotas",
  "groups:tie",
  "groups:excellentBelowOthers",
  "groups:unusedColumn",
  "voteCaps:flag",
  "voteCaps:flagKeepsGrade",
  "voteCaps:cap",
  // §10.4
  "overall:rows",
  "overall:name",
  "overall:alias",
  "overall:weight0",
  "overall:weightInD",
  "overall:ratesDiffer",
  "overall:capsDiffer",
  "overall:liftsBallots",
  "overall:onlyOverallGroup",
] as const;

export function section10Features(c: CleanCase): Set<string> {
  const f = new Set<string>();
  const d = oracleDetails(c);
  const m = d.method;
  if (c.personal && c.personal.length === 0) f.add("circ:emptySheet");
  if (c.method?.personal?.rules) f.add("circ:customRules");
  for (const r of c.personal ?? []) {
    const rule = ruleOf(m, r.kind)!;
    f.add(normName(r.kind) === normName(rule.name) ? "circ:ruleName" : "circ:ruleAlias");
    if (typeof r.days === "number" && !Number.isInteger(r.days)) f.add("days:decimal");
    if ((r.days === null || r.days === undefined) && rule.minDays != null) f.add("days:missing");
  }
  const graded = d.leaders.filter((x) => x.status === "graded");
  const lowestGradedF = Math.min(...graded.map((x) => x.F!));
  for (const x of d.leaders) {
    const applying = x.circumstances.filter((a) => a.applies);
    const effects = new Set(applying.map((a) => a.rule.effect));
    if (x.effect) f.add(`circ:${x.effect}`);
    if (effects.size >= 2) f.add("circ:severalRules");
    for (let i = 0; i + 1 < EFFECT_ORDER.length; i++)
      if (x.effect === EFFECT_ORDER[i] && effects.has(EFFECT_ORDER[i + 1]!))
        f.add(`precedence:${EFFECT_ORDER[i]}>${EFFECT_ORDER[i + 1]}`);
    if (x.F === null && applying.length > 0) f.add("circ:onPendingP/D");
    if (x.F !== null && x.status !== "graded" && x.F > lowestGradedF) f.add("circ:ungradedAboveGraded");
    if (x.status === "graded" && effects.has("noExcellent") && x.band === "优秀") f.add("circ:noExcellentLowers");
    if (x.effect === "unfit" && x.F !== null && x.band !== "不称职") f.add("circ:unfitLowers");
    for (const a of x.circumstances) {
      if (a.rule.minDays === undefined || a.rule.minDays === null) continue;
      if (a.days === a.rule.minDays) f.add("days:exactlyMin");
      if (a.days < a.rule.minDays) f.add("days:belowMin");
      const words = new Set(a.rows.map((r) => normName(r.kind)));
      if (a.applies && words.size >= 2) f.add("days:sumOverAliases");
    }
    const voteFlag = x.status === "graded" && x.flags.some((g) => g === "unfitVotes" || g === "lowCompetentVotes");
    if (voteFlag && m.grades.voteCaps === "flag") {
      f.add("voteCaps:flag");
      if (x.grade === "优秀" || x.grade === "称职") f.add("voteCaps:flagKeepsGrade");
    }
    if (voteFlag && m.grades.voteCaps === "cap") f.add("voteCaps:cap");
  }
  f.add(`quota:${m.grades.quotaRounding}`);
  const p = m.grades.excellentQuotaPercent;
  for (const g of d.groups) {
    if (!quotaAtHalf(g.N, p) || g.N * p < 150) continue;
    f.add("quota:half");
    const candidates = d.leaders.filter((x) => x.group === g.key && x.status === "graded" && x.capped === "优秀");
    if (candidates.length > quotaOf(g.N, p, "floor")) f.add(`quota:halfDecides:${m.grades.quotaRounding}`);
  }
  const col = m.grades.quotaGroupColumn;
  if (col !== null) {
    f.add(`groups:${col}`);
    if (d.groups.some((g) => g.key === "")) f.add("groups:blank");
    if (d.groups.filter((g) => g.N > 0).length >= 2) f.add("groups:severalQuotas");
    if (d.leaders.some((x) => x.flags.includes("quotaTie"))) f.add("groups:tie");
    const kept = d.leaders.filter((x) => x.grade === "优秀");
    const cut = d.leaders.filter((x) => x.flags.includes("excellentQuota") || x.flags.includes("quotaTie"));
    if (kept.some((k) => cut.some((x) => x.group !== k.group && x.rank! < k.rank!)))
      f.add("groups:excellentBelowOthers");
  }
  if (c.leaders.some((l) => Object.keys(l.columns ?? {}).some((k) => normName(k) !== normName(col ?? ""))))
    f.add("groups:unusedColumn");
  // §10.4
  const isDim = (dim: string) => dim in m.democratic.dimensions;
  const overallRows = c.votes.filter((v) => !isDim(v.dim) && dimensionOf(m, v.dim) !== undefined);
  if (overallRows.length > 0) {
    f.add("overall:rows");
    f.add(m.democratic.overall.weight > 0 ? "overall:weightInD" : "overall:weight0");
    for (const v of overallRows)
      f.add(normName(v.dim) === normName(m.democratic.overall.name) ? "overall:name" : "overall:alias");
  }
  for (const x of d.leaders) {
    if (!x.dem.overall) continue;
    const l = c.leaders[x.index]!;
    const mine = c.votes.filter((v) => v.name === l.name && v.unit === l.unit);
    const dims = mine.filter((v) => isDim(v.dim));
    const sum = (k: number) => dims.reduce((a, v) => a + v.n[k]!, 0);
    const N = [0, 1, 2, 3].reduce((a, k) => a + sum(k), 0);
    if (N > 0 && x.dem.N > 0 && sum(0) * x.dem.N !== x.dem.n1 * N) f.add("overall:ratesDiffer");
    const capsOf = (n1: number, n2: number, n4: number, NN: number) => [3 * n4 > NN, 3 * (n1 + n2) < 2 * NN].join();
    if (capsOf(sum(0), sum(1), sum(3), N) !== capsOf(x.dem.n1, x.dem.n2, x.dem.n4, x.dem.N))
      f.add("overall:capsDiffer");
    const groupsWithDims = new Set(dims.map((v) => v.group));
    if (mine.some((v) => !groupsWithDims.has(v.group))) f.add("overall:onlyOverallGroup");
    let ballotsDims = 0;
    for (const g of groupsWithDims)
      ballotsDims += Math.max(...dims.filter((v) => v.group === g).map((v) => v.n.reduce((s, y) => s + y, 0)));
    if (ballotsDims < m.democratic.minBallots && x.dem.ballots >= m.democratic.minBallots)
      f.add("overall:liftsBallots");
  }
  return f;
}
