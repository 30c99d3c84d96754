import { PERSONAL_EFFECTS } from "../method/schema";
import type { Method } from "../method/types";
import { cellAddress } from "../workbook/address";
import { error, sortDiagnostics, warning, type Diagnostic } from "../workbook/diagnostic";
import { LeaderIndex } from "../workbook/identity";
import { SHEETS } from "../workbook/input";
import { attachedVoteColumns, VoteColumns } from "../workbook/voteColumns";
import type {
  AdjustmentItem,
  AssessmentInput,
  Leader,
  PersonalRow,
  UnitEconomics,
  UnitWork,
  VoteRow,
} from "../workbook/input";
import { scoreAdjustment } from "./adjustment";
import { DimensionRows, scoreDemocraticRows, voteRates } from "./democratic";
import { scoreEconomic } from "./economic";
import { applyCaps, applyQuota, band, caps, excellentQuota, type QuotaDecision } from "./grading";
import { PERSONAL_FLAG, circumstanceMessage, personalOf } from "./personal";
import { screenCandidate } from "./qualification";
import { rank, type RankKeys } from "./ranking";
import { roundRate, roundScore } from "./round";
import type {
  Assessment,
  EconomicExplanation,
  Flag,
  GradeExplanation,
  LeaderResult,
  QualificationResult,
  QuotaExplanation,
  ResultGrade,
  Status,
} from "./types";
import { PENDING_GRADE, UNGRADED_GRADE } from "./types";
import { scoreWork } from "./work";

export interface AssessOptions {
  /** YYYY-MM-DD: the date qualification is screened at. */
  referenceDate: string;
  /** The reader's warnings, to travel with the result. */
  warnings?: Diagnostic[];
}

/** The whole method (docs/method.md §2–§6) on validated input. Pure: the same input always gives the same result. */
export function assess(input: AssessmentInput, method: Method, opts: AssessOptions): Assessment {
  const economics = new Map<string, UnitEconomics>(input.economics.map((u) => [u.unitKey, u]));
  const work = new Map<string, UnitWork>(input.work.map((u) => [u.unitKey, u]));
  const index = new LeaderIndex(input.leaders);
  // Each leader's vote rows, as row numbers in the vote columns, grouped by leader in their order.
  const voteRows = leaderVoteRows(input, method, index);
  const dimensionRows = new DimensionRows(voteRows.cols);
  const items = new Map<number, AdjustmentItem[]>();
  const byUnit = groupBy(input.leaders, (l: Leader) => l.unitKey);
  for (const it of input.adjustments) {
    const targets = it.nameKey === null ? (byUnit.get(it.unitKey) ?? []) : [index.find(it)].filter(isLeader);
    for (const l of targets) {
      const list = items.get(l.index);
      if (list) list.push(it);
      else items.set(l.index, [it]);
    }
  }
  // E is a property of the unit: computed once and shared by the unit's leaders (同目标、同奖惩).
  const econCache = new Map<string, EconomicExplanation>();
  const unitEconomic = (l: Leader) => {
    let e = econCache.get(l.unitKey);
    if (!e) econCache.set(l.unitKey, (e = scoreEconomic(l.unit, economics.get(l.unitKey), method.economic)));
    return e;
  };

  const personalRows = groupBy(input.personal, (r: PersonalRow) => r.leader);
  const voidUnits = new Map((input.voidUnits ?? []).map((v) => [v.unitKey, v]));
  const engineWarnings: Diagnostic[] = [];
  const fw = method.final.workWeight;
  const fd = method.final.democraticWeight;

  const partial = input.leaders.map((l) => {
    const econ = unitEconomic(l);
    const w = work.get(l.unitKey);
    const p = scoreWork(econ.value, economics.get(l.unitKey)?.cell ?? "", w, l.mode, method.work.weights);
    // A unit below the minimum turnout (docs/method.md §11.2) has its evaluation void: D is missing, with the reason.
    const voided = voidUnits.get(l.unitKey);
    const scored = scoreDemocraticRows(
      voteRows.cols,
      voteRows.order,
      voteRows.start[l.index],
      voteRows.start[l.index + 1],
      method.democratic,
      dimensionRows,
    );
    const dem = voided ? { ...scored, value: null, missingReason: voided.reason } : scored;
    const rates = voteRates(dem);
    const adj = scoreAdjustment(items.get(l.index) ?? [], method.final.maxBonus);
    const finalRaw =
      p.value !== null && dem.value !== null ? (fw * p.value + fd * dem.value) / (fw + fd) + adj.value : null;
    const pendingReasons: string[] = [];
    if (p.missingReason) pendingReasons.push(`工作业绩无法计算（${p.missingReason}）`);
    if (dem.missingReason) pendingReasons.push(`民主测评无法计算（${dem.missingReason}）`);
    const result = {
      leader: l,
      personal: personalOf(personalRows.get(l.index) ?? [], method.personal.rules),
      econ,
      work: w,
      p,
      dem,
      adj,
      finalRaw,
      pendingReasons,
      economic: roundScore(econ.value),
      keyTasks: roundScore(w?.keyTasks.value ?? null),
      partyBuilding: roundScore(w?.partyBuilding.value ?? null),
      safety: roundScore(w?.safety.value ?? null),
      workScore: roundScore(p.value),
      democratic: roundScore(dem.value),
      excellentRate: roundRate(rates.excellent),
      competentRate: roundRate(rates.competent),
      unfitRate: roundRate(rates.unfit),
      adjustment: roundScore(adj.value) as number,
      final: roundScore(finalRaw),
    };
    if (finalRaw === null) {
      engineWarnings.push(warning(l.cell, "pending", `${l.name}（${l.unit}）暂缓评定：${pendingReasons.join("；")}`));
    }
    return result;
  });

  // Nothing past the reader's and the method's bounds should overflow, but an infinite or NaN score would rank first
  // and be written as 优秀: every computed score is checked before anything is ranked.
  const overflow: Diagnostic[] = [];
  for (const x of partial) {
    const bad = nonFinite(x);
    if (bad.length > 0) overflow.push(...bad);
  }
  if (overflow.length > 0) return failed(overflow, input, opts);

  // Who is graded (docs/method.md §4, §10.2): F present and no circumstance that holds the grade back.
  const statusOf = (x: (typeof partial)[number]): Status =>
    x.finalRaw === null || x.personal.effect === "pending"
      ? "pending"
      : x.personal.effect === "noGrade"
        ? "ungraded"
        : "graded";
  // Ranking and grading use the rounded values (docs/method.md §5); ranks are one list over the graded.
  const graded = partial.filter((x) => statusOf(x) === "graded");
  const keys: RankKeys[] = graded.map((x) => [x.final, x.workScore, x.democratic, x.excellentRate, x.economic]);
  const ranks = rank(keys, method.ranking.ties);
  const gm = method.grades;
  const gradeInfo = graded.map((x, i) => {
    const b = band(x.final as number, gm);
    const noExcellent = x.personal.circumstances.find((c) => c.applies && c.effect === "noExcellent");
    const c = caps(
      {
        totals: x.dem.totals,
        total: x.dem.total,
        veto: x.work?.veto?.reason ?? null,
        stillInLoss: x.econ.stillInLoss,
        noExcellent: noExcellent ? circumstanceMessage(noExcellent) : null,
      },
      gm,
    );
    // 确定为不称职 by a circumstance overrides band and caps (§10.2).
    const afterCaps = x.personal.effect === "unfit" ? "不称职" : applyCaps(b, c);
    return { x, rank: ranks[i], band: b, caps: c, afterCaps };
  });

  // The 优秀 quota, per quota group when the method names a group column (§10.3); ranks stay global.
  const groupKey = (x: (typeof partial)[number]) => x.leader.quotaGroup?.key ?? "";
  const quotaGroups = new Map<string, { label: string; graded: number; q: number; excellent: number }>();
  for (const x of partial) {
    const k = groupKey(x);
    if (!quotaGroups.has(k))
      quotaGroups.set(k, { label: x.leader.quotaGroup?.label ?? "", graded: 0, q: 0, excellent: 0 });
  }
  for (const g of gradeInfo) quotaGroups.get(groupKey(g.x))!.graded++;
  for (const qg of quotaGroups.values()) qg.q = excellentQuota(qg.graded, gm.excellentQuotaPercent, gm.quotaRounding);
  // The candidates of each group (still 优秀 after the caps), in one pass: there may be hundreds of groups.
  const candidatesOf = groupBy(
    gradeInfo.filter((g) => g.afterCaps === "优秀"),
    (g) => groupKey(g.x),
  );
  const decisionOf = new Map<(typeof gradeInfo)[number], QuotaDecision>();
  for (const [k, qg] of quotaGroups) {
    const candidates = candidatesOf.get(k) ?? [];
    const decisions = applyQuota(
      candidates.map((g) => g.rank),
      qg.q,
    );
    candidates.forEach((g, i) => decisionOf.set(g, decisions[i]));
  }
  const grouped = gm.quotaGroupColumn !== null;
  const decisionFor = new Map(input.decisions.map((d) => [d.leader, d]));
  const engineErrors: Diagnostic[] = [];
  const groupName = (label: string) => (label === "" ? `「${gm.quotaGroupColumn}」为空的一组` : label);

  const quota = (
    qg: { label: string; graded: number; q: number },
    decision: QuotaDecision | null,
  ): QuotaExplanation => ({
    group: grouped ? qg.label : null,
    q: qg.q,
    graded: qg.graded,
    percent: gm.excellentQuotaPercent,
    rounding: gm.quotaRounding,
    decision,
  });
  const byLeader = new Map(gradeInfo.map((g) => [g.x.leader.index, g]));
  const leaders: LeaderResult[] = partial.map((x) => {
    const g = byLeader.get(x.leader.index);
    const status = statusOf(x);
    const qg = quotaGroups.get(groupKey(x))!;
    const flags: Flag[] = [];
    if (x.finalRaw === null) flags.push({ code: "pending", message: `暂缓评定：${x.pendingReasons.join("；")}` });
    // The circumstance that decides comes first: strongest effect, then the method's rule order.
    if (x.personal.circumstances.length > 0) {
      const applying = x.personal.circumstances
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => c.applies)
        .sort((a, b) => PERSONAL_EFFECTS.indexOf(a.c.effect) - PERSONAL_EFFECTS.indexOf(b.c.effect) || a.i - b.i);
      for (const { c } of applying) {
        flags.push({
          code: PERSONAL_FLAG[c.effect],
          message: circumstanceMessage(c),
          cells: c.rows.map((r) => r.cell),
        });
      }
    }
    let grade: ResultGrade = status === "ungraded" ? UNGRADED_GRADE : PENDING_GRADE;
    let gradeExplain: GradeExplanation;
    if (!g) {
      const decided = decisionFor.get(x.leader.index);
      if (decided) {
        engineErrors.push(
          error(
            decided.gradeCell,
            "decisionNotGraded",
            `${x.leader.name}（${x.leader.unit}）为“${grade}”，不参加等次评定，不能作出等次决定；请先处理其暂缓或不定等次的原因，或删除此行`,
          ),
        );
      }
      gradeExplain = {
        band: null,
        caps: [],
        voteCaps: gm.voteCaps,
        afterCaps: null,
        quota: quota(qg, null),
        personal: x.finalRaw === null ? null : x.personal.effect,
        computed: grade,
        committee: null,
        final: grade,
      };
    } else {
      for (const c of g.caps) {
        if (c.code === "personalNoExcellent") continue; // flagged above, with its rows
        flags.push({
          code: c.code,
          message: c.applied ? `${c.reason}，等次最高为${c.cap}` : `${c.reason}，提请组织研究（不自动限定等次）`,
        });
      }
      const decision = decisionOf.get(g) ?? null;
      const inGroup = grouped ? `${groupName(qg.label)} ` : "";
      grade = g.afterCaps;
      if (decision === "excellentQuota") {
        grade = "称职";
        flags.push({ code: "excellentQuota", message: `超出优秀名额（${inGroup}${qg.q} 名），由优秀调整为称职` });
      } else if (decision === "quotaTie") {
        grade = "称职";
        flags.push({
          code: "quotaTie",
          message: `并列处于名额边界，需集体研究（${inGroup}名额 ${qg.q} 名，暂按称职）`,
        });
      }
      // The committee decides after every rule (§12): its grade replaces the computed one, flagged.
      const computed = grade;
      const decided = decisionFor.get(x.leader.index);
      if (decided) {
        grade = decided.grade;
        const basis = decided.basis ? `，${decided.basis}` : "";
        const was = computed === grade ? `计算结果亦为${computed}` : `原为${computed}`;
        flags.push({ code: "committee", message: `经组织研究确定为${grade}（${was}${basis}）`, cells: [decided.cell] });
      }
      if (grade === "优秀") qg.excellent++;
      gradeExplain = {
        band: g.band,
        caps: g.caps,
        voteCaps: gm.voteCaps,
        afterCaps: g.afterCaps,
        quota: quota(qg, decision),
        personal: x.personal.effect === "unfit" ? "unfit" : null,
        computed,
        committee: decided ? { grade: decided.grade, basis: decided.basis, cell: decided.cell } : null,
        final: grade,
      };
    }
    const l = x.leader;
    // F of a leader held back by a circumstance is still reported (§10.2); only §4's pending has none.
    return {
      index: l.index,
      name: l.name,
      unit: l.unit,
      position: l.position,
      mode: l.mode,
      employeeId: l.employeeId,
      economic: x.economic,
      keyTasks: x.keyTasks,
      partyBuilding: x.partyBuilding,
      safety: x.safety,
      work: x.workScore,
      democratic: x.democratic,
      excellentRate: x.excellentRate,
      competentRate: x.competentRate,
      unfitRate: x.unfitRate,
      adjustment: x.adjustment,
      final: x.final,
      rank: g ? g.rank : null,
      grade,
      status,
      flags,
      explain: {
        economic: x.econ,
        work: x.p,
        democratic: x.dem,
        adjustment: x.adj,
        final: { workWeight: fw, democraticWeight: fd, raw: x.finalRaw },
        rankKeys: g ? [x.final, x.workScore, x.democratic, x.excellentRate, x.economic] : null,
        grade: gradeExplain,
        personal: x.personal,
      },
    };
  });

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
    qualification = input.candidates.map((c) => screenCandidate(c, method.qualification, opts.referenceDate));
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

  const warnings = sortDiagnostics(
    [...(opts.warnings ?? []), ...dedupe(engineWarnings, opts.warnings ?? [])],
    input.sheetOrder,
  );
  return {
    leaders,
    qualification,
    warnings,
    errors: sortDiagnostics(engineErrors, input.sheetOrder),
    summary: {
      graded: graded.length,
      pending: leaders.filter((l) => l.status === "pending").length,
      ungraded: leaders.filter((l) => l.status === "ungraded").length,
      quota: [...quotaGroups.values()].reduce((s, g) => s + g.q, 0),
      excellent: leaders.filter((l) => l.grade === "优秀").length,
      decided: leaders.filter((l) => l.explain.grade.committee !== null).length,
      quotaGroups: grouped
        ? [...quotaGroups.values()].map((g) => ({
            group: g.label,
            graded: g.graded,
            quota: g.q,
            excellent: g.excellent,
          }))
        : null,
      circumstances: partial.filter((x) => x.personal.circumstances.some((c) => c.applies)).length,
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
  let cols: VoteColumns;
  // The leader each row belongs to, found as the rows come: a leader's rows come together (twelve of them in the
  // long form), so the last row's leader is tried first.
  const engineLeader = new Int32Array(
    attached?.democratic === method.democratic ? attached.length : input.votes.length,
  );
  if (attached !== undefined && attached.democratic === method.democratic) {
    cols = attached;
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
  // Keys only for the cells `extra` names: the reader's warnings run to tens of thousands.
  const cells = new Set(extra.map((d) => d.cell));
  const seen = new Set<string>();
  for (const d of existing) if (cells.has(d.cell)) seen.add(`${d.cell}|${d.code}`);
  return extra.filter((d) => !seen.has(`${d.cell}|${d.code}`));
}
