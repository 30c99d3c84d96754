import { GRADES, PERSONAL_EFFECTS } from "../method/schema";
import type { Grade, GradesMethod, Method } from "../method/types";
import { cellAddress } from "../workbook/address";
import { appendDiagnostics, error, sortDiagnostics, warning, type Diagnostic } from "../workbook/diagnostic";
import { LeaderIndex } from "../workbook/identity";
import { SHEETS } from "../workbook/input";
import { attachedVoteColumns, VoteColumns } from "../workbook/voteColumns";
import type {
  AdjustmentItem,
  AssessmentInput,
  Leader,
  LeaderMode,
  PersonalRow,
  UnitEconomics,
  UnitWork,
  VoteRow,
} from "../workbook/input";
import { scoreAdjustment } from "./adjustment";
import { competentShare, DimensionRows, excellentShare, scoreDemocraticRows, unfitShare } from "./democratic";
import { scoreEconomic } from "./economic";
import { applyCaps, applyQuota, band, caps, excellentQuota, gradeOrder, type QuotaDecision } from "./grading";
import { PERSONAL_FLAG, circumstanceMessage, personalOf } from "./personal";
import { screenCandidate } from "./qualification";
import { Explanation, putRankKeys, RANK_KEYS, type FinalWeights } from "./leaderExplanation";
import { rankFlat } from "./ranking";
import { roundRate, roundScore } from "./round";
import type {
  Assessment,
  CapExplanation,
  EconomicExplanation,
  Flag,
  GradeExplanation,
  LeaderResult,
  QualificationResult,
  QuotaExplanation,
  Status,
  WorkExplanation,
} from "./types";
import { PENDING_GRADE, UNGRADED_GRADE } from "./types";
import { scoreWork, zeroesEconomic } from "./work";

export interface AssessOptions {
  /** YYYY-MM-DD: the date qualification is screened at. */
  referenceDate: string;
  /** The reader's warnings, to travel with the result. */
  warnings?: Diagnostic[];
}

/** A unit's rows, and what its leaders share (同目标、同奖惩): computed once per unit rather than per leader. */
interface UnitScores {
  economics: UnitEconomics | undefined;
  work: UnitWork | undefined;
  /** E, and the rounded E, K, B, S: set when the unit's first leader is met. */
  econ: EconomicExplanation | null;
  economic: number | null;
  keyTasks: number | null;
  partyBuilding: number | null;
  safety: number | null;
  /** P and its rounded value, for the unit's leaders with and without the economic block (by zeroesEconomic). */
  withEconomic: UnitWorkScore | null;
  withoutEconomic: UnitWorkScore | null;
}

interface UnitWorkScore {
  p: WorkExplanation;
  work: number | null;
}

type ScoredUnit = UnitScores & { econ: EconomicExplanation };

/** A 优秀名额 group (§10.3): its counts, its graded leaders still 优秀 after the caps, its explanations. */
interface QuotaGroupState {
  label: string;
  graded: number;
  q: number;
  excellent: number;
  /** Positions among the graded of the candidates, in list order. */
  candidates: number[];
  /** The quota explanation per decision, shared by the group's leaders (identical values). */
  explain: { [decision: string]: QuotaExplanation };
  /** The quota's flag as a leader's only flag, per decision. */
  flags: { [decision: string]: Flag[] | undefined };
  /** Grade explanations without caps, circumstance or decision, by decision and band (see DECISIONS). */
  grades: GradeExplanation[];
}

/** What the quota can decide, in a fixed order (null: not a candidate). */
const DECISIONS: (QuotaDecision | null)[] = [null, "kept", "excellentQuota", "quotaTie"];

/** The whole method (docs/method.md §2–§6) on validated input. Pure: the same input always gives the same result. */
export function assess(input: AssessmentInput, method: Method, opts: AssessOptions): Assessment {
  const units = unitTable(input);
  const index = new LeaderIndex(input.leaders);
  // Each leader's vote rows, as row numbers in the vote columns, grouped by leader in their order.
  const voteRows = leaderVoteRows(input, method, index);
  const dimensionRows = new DimensionRows(voteRows.cols);
  const items = new Map<number, AdjustmentItem[]>();
  // The leaders of the units that items name as a whole, only those units.
  const unitWide = new Set(input.adjustments.filter((it) => it.nameKey === null).map((it) => it.unitKey));
  const byUnit =
    unitWide.size === 0
      ? new Map<string, Leader[]>()
      : groupBy(input.leaders, (l: Leader) => (unitWide.has(l.unitKey) ? l.unitKey : undefined));
  for (const it of input.adjustments) {
    const targets = it.nameKey === null ? (byUnit.get(it.unitKey) ?? []) : [index.find(it)].filter(isLeader);
    for (const l of targets) {
      const list = items.get(l.index);
      if (list) list.push(it);
      else items.set(l.index, [it]);
    }
  }
  // E, K, B, S and P are properties of the unit (同目标、同奖惩): computed once and shared by the unit's leaders,
  // who mostly follow one another in the list.
  let lastUnitKey: string | null = null;
  let lastUnit: UnitScores | null = null;
  const unitOf = (l: Leader): ScoredUnit => {
    if (l.unitKey === lastUnitKey) return lastUnit as ScoredUnit;
    const u = unitSlot(units, l.unitKey);
    if (u.econ === null) {
      const econ = scoreEconomic(l.unit, u.economics, method.economic);
      const w = u.work;
      u.econ = econ;
      u.economic = roundScore(econ.value);
      u.keyTasks = roundScore(w?.keyTasks.value ?? null);
      u.partyBuilding = roundScore(w?.partyBuilding.value ?? null);
      u.safety = roundScore(w?.safety.value ?? null);
    }
    lastUnitKey = l.unitKey;
    lastUnit = u;
    return u as ScoredUnit;
  };
  const workOf = (u: ScoredUnit, mode: LeaderMode | null): UnitWorkScore => {
    const zeroed = zeroesEconomic(mode);
    const known = zeroed ? u.withoutEconomic : u.withEconomic;
    if (known) return known;
    const p = scoreWork(u.econ.value, u.economics?.cell ?? "", u.work, mode, method.work.weights);
    const s = { p, work: roundScore(p.value) };
    if (zeroed) u.withoutEconomic = s;
    else u.withEconomic = s;
    return s;
  };

  const personalRows = groupBy(input.personal, (r: PersonalRow) => r.leader);
  const voidUnits = new Map((input.voidUnits ?? []).map((v) => [v.unitKey, v]));
  const engineWarnings: Diagnostic[] = [];
  const fw = method.final.workWeight;
  const fd = method.final.democraticWeight;
  const finalWeights: FinalWeights = { workWeight: fw, democraticWeight: fd };
  // What most leaders have, identical for all of them: one object each per run (nothing downstream changes them).
  const noAdjustment = scoreAdjustment([], method.final.maxBonus);
  const noAdjustmentScore = roundScore(noAdjustment.value) as number;
  const noPersonal = personalOf([], method.personal.rules);
  const noFlags: Flag[] = [];
  const noCaps: CapExplanation[] = [];

  // Nothing past the reader's and the method's bounds should overflow, but an infinite or NaN score would rank first
  // and be written as 优秀: every computed score is checked before anything is ranked.
  const overflow: Diagnostic[] = [];
  // The positions in the list of the graded (ranked) leaders.
  const gradedAt: number[] = [];
  // Per graded leader (by position among the graded): band, caps (noCaps when none) and the grade after them,
  // found while the leader's scores are at hand.
  const gm = method.grades;
  const bands: Grade[] = [];
  const capsOf: CapExplanation[][] = [];
  const afterCapsOf: Grade[] = [];
  let circumstances = 0;

  // Each leader's result, built once: what the grading below decides (rank, grade, flags, explain.grade) is filled
  // in later, in place.
  const leaders = mapPacked(input.leaders, (l, i): LeaderResult => {
    const u = unitOf(l);
    const econ = u.econ;
    const pw = workOf(u, l.mode);
    const p = pw.p;
    // A unit below the minimum turnout (docs/method.md §11.2) has its evaluation void: D is missing, with the reason.
    const voided = voidUnits.get(l.unitKey);
    const dem = scoreDemocraticRows(
      voteRows.cols,
      voteRows.order,
      voteRows.start[l.index],
      voteRows.start[l.index + 1],
      method.democratic,
      dimensionRows,
      voided ? voided.reason : null,
    );
    const itemsOf = items.size === 0 ? undefined : items.get(l.index);
    const adj = itemsOf === undefined ? noAdjustment : scoreAdjustment(itemsOf, method.final.maxBonus);
    const rowsOf = personalRows.size === 0 ? undefined : personalRows.get(l.index);
    const personal = rowsOf === undefined ? noPersonal : personalOf(rowsOf, method.personal.rules);
    const finalRaw =
      p.value !== null && dem.value !== null ? (fw * p.value + fd * dem.value) / (fw + fd) + adj.value : null;
    if (!(finite(econ.value) && finite(p.value) && finite(dem.value) && finite(adj.value) && finite(finalRaw))) {
      overflow.push(...nonFinite({ leader: l, econ, p, dem, adj, finalRaw }));
    }
    // Who is graded (docs/method.md §4, §10.2): F present and no circumstance that holds the grade back.
    const status: Status =
      finalRaw === null || personal.effect === "pending"
        ? "pending"
        : personal.effect === "noGrade"
          ? "ungraded"
          : "graded";
    let flags = noFlags;
    if (finalRaw === null) {
      const pendingReasons: string[] = [];
      if (p.missingReason) pendingReasons.push(`工作业绩无法计算（${p.missingReason}）`);
      if (dem.missingReason) pendingReasons.push(`民主测评无法计算（${dem.missingReason}）`);
      const why = pendingReasons.join("；");
      engineWarnings.push(warning(l.cell, "pending", `${l.name}（${l.unit}）暂缓评定：${why}`));
      flags = [{ code: "pending", message: `暂缓评定：${why}` }];
    }
    // The circumstance that decides comes first: strongest effect, then the method's rule order.
    if (personal.circumstances.length > 0) {
      const applying = personal.circumstances
        .map((c, k) => ({ c, k }))
        .filter(({ c }) => c.applies)
        .sort((a, b) => PERSONAL_EFFECTS.indexOf(a.c.effect) - PERSONAL_EFFECTS.indexOf(b.c.effect) || a.k - b.k);
      if (applying.length > 0) {
        circumstances++;
        if (flags === noFlags) flags = [];
      }
      for (const { c } of applying) {
        flags.push({
          code: PERSONAL_FLAG[c.effect],
          message: circumstanceMessage(c),
          cells: c.rows.map((r) => r.cell),
        });
      }
    }
    // Ranking and grading use the rounded values (docs/method.md §5); ranks are one list over the graded.
    const final = roundScore(finalRaw);
    const workScore = pw.work;
    const democratic = roundScore(dem.value);
    const excellentRate = roundRate(excellentShare(dem));
    if (status === "graded") {
      gradedAt.push(i);
      const b = band(final as number, gm);
      const noExcellent =
        personal.circumstances.length === 0
          ? undefined
          : personal.circumstances.find((c) => c.applies && c.effect === "noExcellent");
      const c = caps(
        {
          totals: dem.totals,
          total: dem.total,
          veto: u.work?.veto?.reason ?? null,
          stillInLoss: econ.stillInLoss,
          noExcellent: noExcellent ? circumstanceMessage(noExcellent) : null,
        },
        gm,
        noCaps,
      );
      bands.push(b);
      capsOf.push(c);
      // 确定为不称职 by a circumstance overrides band and caps (§10.2).
      afterCapsOf.push(personal.effect === "unfit" ? "不称职" : applyCaps(b, c));
    }
    // F of a leader held back by a circumstance is still reported (§10.2); only §4's pending has none.
    const result: LeaderResult = {
      index: l.index,
      name: l.name,
      unit: l.unit,
      position: l.position,
      mode: l.mode,
      employeeId: l.employeeId,
      economic: u.economic,
      keyTasks: u.keyTasks,
      partyBuilding: u.partyBuilding,
      safety: u.safety,
      work: workScore,
      democratic,
      excellentRate,
      competentRate: roundRate(competentShare(dem)),
      unfitRate: roundRate(unfitShare(dem)),
      adjustment: adj === noAdjustment ? noAdjustmentScore : (roundScore(adj.value) as number),
      final,
      rank: null,
      grade: status === "ungraded" ? UNGRADED_GRADE : PENDING_GRADE,
      status,
      flags,
      explain: null as unknown as Explanation,
    };
    result.explain = new Explanation(result, econ, p, dem, adj, finalWeights, finalRaw, personal);
    return result;
  });
  if (overflow.length > 0) return failed(overflow, input, opts);

  // The graded leaders' keys (rankKeysOf) in one flat array: no list of five per leader.
  const keys = new Float64Array(gradedAt.length * RANK_KEYS);
  for (let g = 0; g < gradedAt.length; g++) putRankKeys(leaders[gradedAt[g]], keys, g * RANK_KEYS);
  const ranks = rankFlat(keys, gradedAt.length, RANK_KEYS, method.ranking.ties);
  const grouped = gm.quotaGroupColumn !== null;
  const { quotaGroups, groupAt, decisionOf } = quotaGroupsOf(input.leaders, gradedAt, afterCapsOf, ranks, gm);
  const engineErrors: Diagnostic[] = [];
  const counts = gradeLeaders(
    {
      leaders,
      input,
      method,
      ranks,
      bands,
      capsOf,
      afterCapsOf,
      groupAt,
      decisionOf,
      noFlags,
      noCaps,
    },
    engineErrors,
  );

  // Decisions may give more 优秀 than the quota: the run still scores, and says so (§12).
  const decisionSheet = input.sheets[SHEETS.decisions];
  if (input.decisions.length > 0 && decisionSheet) {
    const at = cellAddress(
      decisionSheet.sheet,
      decisionSheet.headerRow,
      Math.min(...Object.values(decisionSheet.columns)),
    );
    for (const qg of quotaGroups.values()) {
      if (qg.excellent <= qg.q) continue;
      const which = grouped ? `“${qg.label || "（空）"}”组` : "";
      engineWarnings.push(
        warning(at, "decisionsOverQuota", `组织决定后${which}优秀 ${qg.excellent} 名，超过优秀名额 ${qg.q} 名`),
      );
    }
  }

  let qualification: QualificationResult[] | null = null;
  if (input.candidates) {
    qualification = [];
    for (const c of input.candidates) qualification.push(screenCandidate(c, method.qualification, opts.referenceDate));
    for (const r of qualification) {
      for (const ch of r.checks) {
        if (
          (ch.criterion === "minEducation" || ch.criterion === "minTitle") &&
          ch.status === "unknown" &&
          ch.found !== "（空）"
        ) {
          engineWarnings.push(warning(ch.cell, "unreadable", ch.reason));
        }
      }
    }
  }

  const warnings = appendDiagnostics(
    opts.warnings ?? [],
    dedupe(engineWarnings, opts.warnings ?? []),
    input.sheetOrder,
  );
  return {
    leaders,
    qualification,
    warnings,
    errors: sortDiagnostics(engineErrors, input.sheetOrder),
    summary: {
      graded: counts.graded,
      pending: counts.pending,
      ungraded: counts.ungraded,
      quota: [...quotaGroups.values()].reduce((s, g) => s + g.q, 0),
      excellent: counts.excellent,
      decided: counts.decided,
      quotaGroups: grouped
        ? [...quotaGroups.values()].map((g) => ({
            group: g.label,
            graded: g.graded,
            quota: g.q,
            excellent: g.excellent,
          }))
        : null,
      circumstances,
      referenceDate: opts.referenceDate,
    },
  };
}

/**
 * The vote rows of each leader: the reader's vote columns when `input.votes` has not been read or replaced, else
 * columns of the plain rows; `order[start[i]], …, order[start[i + 1] - 1]` are the rows of the leader of index i.
 */
function leaderVoteRows(
  input: AssessmentInput,
  method: Method,
  index: LeaderIndex,
): { cols: VoteColumns; order: Int32Array; start: Int32Array } {
  const attached = attachedVoteColumns(input);
  const fromReader = attached?.democratic === method.democratic ? attached : undefined;
  let cols: VoteColumns;
  // The leader each row belongs to, found as the rows come: a leader's rows come together (twelve of them in the
  // long form), so the last row's leader is tried first.
  const engineLeader = new Int32Array(fromReader ? fromReader.length : input.votes.length);
  if (fromReader) {
    cols = fromReader;
    let last: Leader | undefined | null = null;
    let at = -1;
    for (let i = 0; i < cols.length; i++) {
      const l = cols.leader[i];
      if (l !== last) {
        last = l;
        // The reader's leader, found again here by its own 工号 and keys, as for a plain row.
        at = l === undefined ? -1 : (index.find(l)?.index ?? -1);
      }
      engineLeader[i] = at;
    }
  } else {
    let lastVote: VoteRow | null = null;
    let lastLeader: Leader | undefined;
    let i = 0;
    cols = VoteColumns.ofRows(input.votes, method.democratic, (v) => {
      if (
        lastVote === null ||
        v.nameKey !== lastVote.nameKey ||
        v.unitKey !== lastVote.unitKey ||
        v.employeeId !== lastVote.employeeId
      ) {
        lastLeader = index.find(v);
        lastVote = v;
      }
      engineLeader[i++] = lastLeader?.index ?? -1;
      return lastLeader;
    });
  }
  let size = 0;
  for (const l of input.leaders) if (l.index + 1 > size) size = l.index + 1;
  // A counting sort: the rows of each leader keep their order.
  const start = new Int32Array(size + 2);
  for (let i = 0; i < cols.length; i++) {
    const at = engineLeader[i];
    if (at >= 0 && at < size) start[at + 2]++;
  }
  for (let k = 2; k < start.length; k++) start[k] += start[k - 1];
  const order = new Int32Array(start[start.length - 1]);
  for (let i = 0; i < cols.length; i++) {
    const at = engineLeader[i];
    if (at >= 0 && at < size) order[start[at + 1]++] = i;
  }
  return { cols, order, start };
}

/** The unit keys of 经营业绩 and 工作评价 with their rows (the last where a key repeats). */
function unitTable(input: AssessmentInput): Map<string, UnitScores> {
  const units = new Map<string, UnitScores>();
  for (const u of input.economics) unitSlot(units, u.unitKey).economics = u;
  for (const u of input.work) unitSlot(units, u.unitKey).work = u;
  return units;
}

function unitSlot(units: Map<string, UnitScores>, key: string): UnitScores {
  let u = units.get(key);
  if (!u) {
    u = {
      economics: undefined,
      work: undefined,
      econ: null,
      economic: null,
      keyTasks: null,
      partyBuilding: null,
      safety: null,
      withEconomic: null,
      withoutEconomic: null,
    };
    units.set(key, u);
  }
  return u;
}

/**
 * The 优秀 quota, per quota group when the method names a group column (§10.3), groups in list order; ranks stay
 * global. Returns each leader's group and each graded leader's quota decision (null when not a candidate).
 */
function quotaGroupsOf(
  leaders: Leader[],
  gradedAt: number[],
  afterCapsOf: Grade[],
  ranks: number[],
  gm: GradesMethod,
): { quotaGroups: Map<string, QuotaGroupState>; groupAt: QuotaGroupState[]; decisionOf: (QuotaDecision | null)[] } {
  const quotaGroups = new Map<string, QuotaGroupState>();
  const groupAt: QuotaGroupState[] = [];
  let lastGroupKey: string | null = null;
  let lastGroup: QuotaGroupState | null = null;
  for (const l of leaders) {
    const k = l.quotaGroup?.key ?? "";
    if (k !== lastGroupKey) {
      let g = quotaGroups.get(k);
      if (!g) {
        g = {
          label: l.quotaGroup?.label ?? "",
          graded: 0,
          q: 0,
          excellent: 0,
          candidates: [],
          explain: {},
          flags: {},
          grades: [],
        };
        quotaGroups.set(k, g);
      }
      lastGroupKey = k;
      lastGroup = g;
    }
    groupAt.push(lastGroup as QuotaGroupState);
  }
  // The candidates of each group (still 优秀 after the caps), in one pass: there may be hundreds of groups.
  for (let k = 0; k < gradedAt.length; k++) {
    const g = groupAt[gradedAt[k]];
    g.graded++;
    if (afterCapsOf[k] === "优秀") g.candidates.push(k);
  }
  const decisionOf: (QuotaDecision | null)[] = [];
  for (let k = 0; k < gradedAt.length; k++) decisionOf.push(null);
  for (const qg of quotaGroups.values()) {
    qg.q = excellentQuota(qg.graded, gm.excellentQuotaPercent, gm.quotaRounding);
    const candidateRanks: number[] = [];
    for (const k of qg.candidates) candidateRanks.push(ranks[k]);
    const decisions = applyQuota(candidateRanks, qg.q);
    for (let j = 0; j < qg.candidates.length; j++) decisionOf[qg.candidates[j]] = decisions[j];
  }
  return { quotaGroups, groupAt, decisionOf };
}

/** What gradeLeaders needs: the results so far and, per graded leader (by position among the graded), the steps before. */
interface Grading {
  leaders: LeaderResult[];
  input: AssessmentInput;
  method: Method;
  ranks: number[];
  bands: Grade[];
  capsOf: CapExplanation[][];
  afterCapsOf: Grade[];
  groupAt: QuotaGroupState[];
  decisionOf: (QuotaDecision | null)[];
  noFlags: Flag[];
  noCaps: CapExplanation[];
}

/**
 * Each leader's rank, grade, flags and grade explanation, in place: the quota's decision and the committee's
 * (组织决定, §12) over the grade after the caps. Counts each group's 优秀; adds the errors of decisions on leaders
 * who are not graded.
 */
function gradeLeaders(
  g: Grading,
  engineErrors: Diagnostic[],
): { graded: number; pending: number; ungraded: number; excellent: number; decided: number } {
  const { leaders, input, ranks, bands } = g;
  const { capsOf, afterCapsOf, groupAt, decisionOf, noFlags, noCaps } = g;
  const gm = g.method.grades;
  const grouped = gm.quotaGroupColumn !== null;
  const decisionFor = new Map(input.decisions.map((d) => [d.leader, d]));
  const groupName = (label: string) => (label === "" ? `「${gm.quotaGroupColumn}」为空的一组` : label);
  // The quota's flag, one list per group and decision (the message names the group's q only).
  const quotaFlagsOf = (qg: QuotaGroupState, decision: "excellentQuota" | "quotaTie"): Flag[] => {
    const known = qg.flags[decision];
    if (known) return known;
    const inGroup = grouped ? `${groupName(qg.label)} ` : "";
    const flag: Flag =
      decision === "excellentQuota"
        ? { code: "excellentQuota", message: `超出优秀名额（${inGroup}${qg.q} 名），由优秀调整为称职` }
        : { code: "quotaTie", message: `并列处于名额边界，需集体研究（${inGroup}名额 ${qg.q} 名，暂按称职）` };
    return (qg.flags[decision] = [flag]);
  };
  const quota = (qg: QuotaGroupState, decision: QuotaDecision | null): QuotaExplanation => {
    const key = decision ?? "";
    return (
      qg.explain[key] ??
      (qg.explain[key] = {
        group: grouped ? qg.label : null,
        q: qg.q,
        graded: qg.graded,
        percent: gm.excellentQuotaPercent,
        rounding: gm.quotaRounding,
        decision,
      })
    );
  };
  let graded = 0;
  let pending = 0;
  let ungraded = 0;
  let excellent = 0;
  let decidedCount = 0;
  for (let i = 0; i < leaders.length; i++) {
    const x = leaders[i];
    const l = input.leaders[i];
    const qg = groupAt[i];
    const decided = decisionFor.size === 0 ? undefined : decisionFor.get(l.index);
    const status = x.status;
    if (status !== "graded") {
      if (status === "pending") pending++;
      else ungraded++;
      const grade = x.grade;
      if (decided) {
        engineErrors.push(
          error(
            decided.gradeCell,
            "decisionNotGraded",
            `${l.name}（${l.unit}）为“${grade}”，不参加等次评定，不能作出等次决定；请先处理其暂缓或不定等次的原因，或删除此行`,
          ),
        );
      }
      x.explain.grade = {
        band: null,
        caps: noCaps,
        voteCaps: gm.voteCaps,
        afterCaps: null,
        quota: quota(qg, null),
        // F is missing exactly when its unrounded value is (explain.final is made anew on each read).
        personal: x.final === null ? null : x.explain.personal.effect,
        computed: grade,
        committee: null,
        final: grade,
      };
      continue;
    }
    const k = graded++;
    const c = capsOf[k];
    const decision = decisionOf[k];
    const afterCaps = afterCapsOf[k];
    const quotaFlags = decision === "excellentQuota" || decision === "quotaTie" ? quotaFlagsOf(qg, decision) : null;
    const computed: Grade = quotaFlags ? "称职" : afterCaps;
    const grade: Grade = decided ? decided.grade : computed;
    let flags = x.flags;
    if (flags === noFlags && c === noCaps && !decided) {
      // Most leaders: no flag, or only the quota's, the same for the whole group.
      if (quotaFlags) flags = quotaFlags;
    } else {
      if (flags === noFlags) flags = [];
      for (const cap of c) {
        if (cap.code === "personalNoExcellent") continue; // flagged above, with its rows
        flags.push({
          code: cap.code,
          message: cap.applied
            ? `${cap.reason}，等次最高为${cap.cap}`
            : `${cap.reason}，提请组织研究（不自动限定等次）`,
        });
      }
      if (quotaFlags) flags.push(quotaFlags[0]);
      // The committee decides after every rule (§12): its grade replaces the computed one, flagged.
      if (decided) {
        const basis = decided.basis ? `，${decided.basis}` : "";
        const was = computed === grade ? `计算结果亦为${computed}` : `原为${computed}`;
        flags.push({ code: "committee", message: `经组织研究确定为${grade}（${was}${basis}）`, cells: [decided.cell] });
        decidedCount++;
      }
    }
    if (grade === "优秀") {
      qg.excellent++;
      excellent++;
    }
    x.rank = ranks[k];
    x.grade = grade;
    x.flags = flags;
    const personal = x.explain.personal.effect === "unfit" ? "unfit" : null;
    // Without caps, circumstance or decision the explanation depends on the band and the quota only: shared.
    const plain = c === noCaps && personal === null && !decided;
    const slot = plain ? DECISIONS.indexOf(decision) * GRADES.length + gradeOrder(afterCaps) : -1;
    x.explain.grade = (plain ? qg.grades[slot] : undefined) ?? {
      band: bands[k],
      caps: c,
      voteCaps: gm.voteCaps,
      afterCaps,
      quota: quota(qg, decision),
      personal,
      computed,
      committee: decided ? { grade: decided.grade, basis: decided.basis, cell: decided.cell } : null,
      final: grade,
    };
    if (plain) qg.grades[slot] = x.explain.grade;
  }
  return { graded, pending, ungraded, excellent, decided: decidedCount };
}

/** The computed values of a leader that are not finite numbers, as internal errors at the leader's row. */
function nonFinite(x: {
  leader: Leader;
  econ: { value: number | null };
  p: { value: number | null };
  dem: { value: number | null };
  adj: { value: number };
  finalRaw: number | null;
}): Diagnostic[] {
  // Nearly always all finite: checked before any list is built.
  if (finite(x.econ.value) && finite(x.p.value) && finite(x.dem.value) && finite(x.adj.value) && finite(x.finalRaw)) {
    return [];
  }
  const values: [string, number | null][] = [
    ["经营业绩", x.econ.value],
    ["工作业绩", x.p.value],
    ["民主测评", x.dem.value],
    ["加减分", x.adj.value],
    ["综合得分", x.finalRaw],
  ];
  const bad = values.filter(([, v]) => v !== null && !Number.isFinite(v));
  return bad.length === 0
    ? []
    : [
        error(
          x.leader.cell,
          "nonFiniteScore",
          `内部错误：${x.leader.name}（${x.leader.unit}）的${bad.map(([k, v]) => `${k}得分为 ${v}`).join("、")}，不是有限的数值；本次不排名、不输出结果，请检查其输入数据和考核方法的参数`,
        ),
      ];
}

function finite(v: number | null): boolean {
  return v === null || Number.isFinite(v);
}

/** An assessment that stopped before ranking: its errors, and no results. */
function failed(errors: Diagnostic[], input: AssessmentInput, opts: AssessOptions): Assessment {
  return {
    leaders: [],
    qualification: null,
    warnings: opts.warnings ?? [],
    errors: sortDiagnostics(errors, input.sheetOrder),
    summary: {
      graded: 0,
      pending: 0,
      ungraded: 0,
      quota: 0,
      excellent: 0,
      decided: 0,
      quotaGroups: null,
      circumstances: 0,
      referenceDate: opts.referenceDate,
    },
  };
}

/**
 * list.map(f), always into an array of one kind (pushed): Array.prototype.map's result differs in V8's element
 * kind between its optimized and unoptimized forms, and code reading the result is deoptimized when it changes.
 */
function mapPacked<T, U>(list: T[], f: (t: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out.push(f(list[i], i));
  return out;
}

function isLeader(l: Leader | undefined): l is Leader {
  return l !== undefined;
}

function groupBy<T, K>(list: T[], key: (t: T) => K | undefined): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of list) {
    const k = key(t);
    if (k === undefined) continue;
    const arr = m.get(k);
    if (arr) arr.push(t);
    else m.set(k, [t]);
  }
  return m;
}

/** The reader may already have warned about the same cell for the same reason. */
function dedupe(extra: Diagnostic[], existing: Diagnostic[]): Diagnostic[] {
  if (extra.length === 0) return [];
  // Keys only for the cells and codes `extra` names: the reader's warnings run to tens of thousands, mostly with
  // other codes (codes hold no "|": a key matches only on both cell and code).
  const cells = new Set(extra.map((d) => d.cell));
  const codes = new Set(extra.map((d) => d.code));
  const seen = new Set<string>();
  for (const d of existing) if (codes.has(d.code) && cells.has(d.cell)) seen.add(`${d.cell}|${d.code}`);
  return extra.filter((d) => !seen.has(`${d.cell}|${d.code}`));
}
