/**
 * Which docs/method.md §11 features a ballot case exercises (as the independent tally computes it): for the coverage
 * test of the ballot seeds and for counting them.
 */
import type { CleanCase } from "./case";
import { OVERALL_ITEM } from "./case";
import { decimalParts, mergeMethod, oracle } from "./oracle";
import { groupOf, markOf, tally, withTally } from "./tally";
import { normName } from "./text";

export const SECTION11_FEATURES = [
  "form:long",
  "form:wide",
  "items:overall",
  "items:overallAlias",
  "items:noOverall",
  "keys:none",
  "keys:invalidIfAllSame",
  "keys:maxExcellentShare",
  "keys:minTurnout",
  "mark:alias",
  "mark:blank",
  "mark:emptyText",
  "mark:abstain",
  "group:alias",
  "no:text",
  "no:repeatedAcrossUnits",
  "ballot:bigUnit",
  "ballot:leaderLeftOff",
  "ballot:unitWithoutLeaders",
  "invalid:allSame",
  "invalid:allSameWithAliases",
  "invalid:tooManyExcellent",
  "invalid:both",
  "valid:excellentAtLimit",
  "valid:allSameNotVoided",
  "tally:noRowsAllInvalid",
  "tally:itemAllAbstain",
  "turnout:sheet",
  "turnout:noSheet",
  "turnout:groupAlias",
  "turnout:atExpected",
  "turnout:groupWithoutBallots",
  "turnout:unitWithoutRows",
  "turnout:present",
  "turnout:void",
  "turnout:exactlyAtMin",
  "turnout:minWithoutSheet",
  "score:pendingVoid",
  "score:pendingFewBallots",
  "score:overallRates",
] as const;

export function section11Features(c: CleanCase): Set<string> {
  const f = new Set<string>();
  const b = c.ballots;
  if (!b) return f;
  const m = mergeMethod(c.method);
  const t = tally(c);
  f.add(`form:${b.form}`);
  if (b.items.includes(OVERALL_ITEM)) {
    f.add("items:overall");
    if (b.overallWord && normName(b.overallWord) !== normName(m.democratic.overall.name)) f.add("items:overallAlias");
  } else f.add("items:noOverall");
  const keys = c.method?.ballots;
  if (!keys) f.add("keys:none");
  if (m.ballots.invalidIfAllSame) f.add("keys:invalidIfAllSame");
  if (m.ballots.maxExcellentShare !== null) f.add("keys:maxExcellentShare");
  if (m.ballots.minTurnout !== null) f.add("keys:minTurnout");
  const units = new Set(c.leaders.map((l) => normName(l.unit)));
  const noSeen = new Map<string, Set<string>>();
  for (const x of b.ballots) {
    if (typeof x.no === "string") f.add("no:text");
    const key = normName(String(x.no));
    noSeen.set(key, (noSeen.get(key) ?? new Set()).add(normName(x.unit)));
    if (normName(x.group) !== groupOf(m, x.group)) f.add("group:alias");
    if (!units.has(normName(x.unit))) {
      f.add("ballot:unitWithoutLeaders");
      continue;
    }
    const unitLeaders = c.leaders.filter((l) => normName(l.unit) === normName(x.unit)).length;
    if (x.lines.length >= 3) f.add("ballot:bigUnit");
    if (x.lines.length < unitLeaders) f.add("ballot:leaderLeftOff");
    const words = new Set<string>();
    for (const line of x.lines)
      for (const item of b.items) {
        const mark = line.marks[item];
        const v = markOf(m, mark)!;
        if (v.kind === "blank") f.add(mark === "" ? "mark:emptyText" : "mark:blank");
        if (v.kind === "abstain") f.add("mark:abstain");
        if (v.kind === "category") {
          words.add(mark!);
          if (normName(mark!) !== m.democratic.categories[v.index]!.name) f.add("mark:alias");
        }
      }
    const inv = t.invalid.find((y) => normName(y.unit) === normName(x.unit) && String(y.no) === String(x.no));
    const allSame = x.lines.every((line) =>
      b.items.every((it) => {
        const v = markOf(m, line.marks[it])!;
        const first = markOf(m, x.lines[0]!.marks[b.items[0]!])!;
        return v.kind === "category" && first.kind === "category" && v.index === first.index;
      }),
    );
    if (inv?.reasons.includes("allSame") && words.size > 1) f.add("invalid:allSameWithAliases");
    if (allSame && !m.ballots.invalidIfAllSame) f.add("valid:allSameNotVoided");
    if (m.ballots.maxExcellentShare !== null && b.items.includes(OVERALL_ITEM)) {
      const [M, s] = decimalParts(m.ballots.maxExcellentShare);
      const allowed = Math.max(1, Math.floor((M * x.lines.length) / 10 ** s));
      const excellent = x.lines.filter((line) => {
        const v = markOf(m, line.marks[OVERALL_ITEM])!;
        return v.kind === "category" && v.index === 0;
      }).length;
      if (excellent === allowed && x.lines.length >= 2) f.add("valid:excellentAtLimit");
    }
  }
  for (const us of noSeen.values()) if (us.size >= 2) f.add("no:repeatedAcrossUnits");
  for (const inv of t.invalid) {
    for (const r of inv.reasons) f.add(`invalid:${r}`);
    if (inv.reasons.length === 2) f.add("invalid:both");
  }
  for (const v of t.votes) if (v.n.every((x) => x === 0) && (v.abstain ?? 0) > 0) f.add("tally:itemAllAbstain");
  // a leader × group with ballots, all invalid
  for (const l of c.leaders)
    for (const g of m.democratic.groups) {
      const mine = b.ballots.filter(
        (x) =>
          normName(x.unit) === normName(l.unit) &&
          groupOf(m, x.group) === g.name &&
          x.lines.some((line) => normName(line.name) === normName(l.name)),
      );
      const invalid = mine.filter((x) =>
        t.invalid.some((y) => normName(y.unit) === normName(x.unit) && String(y.no) === String(x.no)),
      );
      if (
        mine.length > 0 &&
        invalid.length === mine.length &&
        !t.voidUnits.some((u) => normName(u) === normName(l.unit))
      )
        f.add("tally:noRowsAllInvalid");
    }
  if (b.turnout) {
    f.add("turnout:sheet");
    const listed = new Set(b.turnout.map((r) => normName(r.unit)));
    for (const r of b.turnout) {
      const g = groupOf(m, r.group)!;
      if (normName(r.group) !== g) f.add("turnout:groupAlias");
      const n = t.counted.get(normName(r.unit))?.get(g) ?? 0;
      if (n === r.expected) f.add("turnout:atExpected");
      if (n === 0) f.add("turnout:groupWithoutBallots");
      if (r.present !== undefined && r.present !== null) f.add("turnout:present");
    }
    if ([...units].some((u) => !listed.has(u) && t.counted.has(u))) f.add("turnout:unitWithoutRows");
    if (t.voidUnits.length > 0) f.add("turnout:void");
    const mt = m.ballots.minTurnout;
    if (mt !== null)
      for (const u of listed) {
        const sum = b.turnout.filter((r) => normName(r.unit) === u).reduce((a, r) => a + r.expected, 0);
        const ballots = [...(t.counted.get(u)?.values() ?? [])].reduce((a, x) => a + x, 0);
        const [M, s] = decimalParts(mt);
        // not void, and one more expected would void it
        if (ballots * 10 ** s >= M * sum && ballots * 10 ** s < M * (sum + 1)) f.add("turnout:exactlyAtMin");
      }
  } else {
    f.add("turnout:noSheet");
    if (m.ballots.minTurnout !== null) f.add("turnout:minWithoutSheet");
  }
  const e = oracle(withTally(c));
  e.leaders.forEach((l, i) => {
    if (l.status !== "pending" || l.democratic !== null) return;
    const unit = normName(c.leaders[i]!.unit);
    if (t.voidUnits.some((u) => normName(u) === unit)) f.add("score:pendingVoid");
    else if (t.votes.some((v) => normName(v.unit) === unit && normName(v.name) === normName(l.name)))
      f.add("score:pendingFewBallots");
  });
  if (b.items.includes(OVERALL_ITEM) && e.leaders.some((l) => l.excellentRate !== null)) f.add("score:overallRates");
  return f;
}
