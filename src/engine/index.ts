import type { Grade, Method } from "../method/types";
import { sortDiagnostics, warning, type Diagnostic } from "../workbook/diagnostic";
import { LeaderIndex } from "../workbook/identity";
import type { AdjustmentItem, AssessmentInput, Leader, UnitEconomics, UnitWork, VoteRow } from "../workbook/input";
import { scoreAdjustment } from "./adjustment";
import { scoreDemocratic, voteRates } from "./democratic";
import { scoreEconomic } from "./economic";
import { applyCaps, applyQuota, band, caps, excellentQuota } from "./grading";
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
} from "./types";
import { PENDING_GRADE } from "./types";
import { scoreWork } from "./work";

export interface AssessOptions {
  /** YYYY-MM-DD: the date qualification is screened at. */
  referenceDate: string;
  /** The reader's warnings, to travel with the result. */
  warnings?: Diagnostic[];
}

/** The whole method (METHOD.md §2–§6) on validated input. Pure: the same input always gives the same result. */
export function assess(input: AssessmentInput, method: Method, opts: AssessOptions): Assessment {
  const economics = new Map<string, UnitEconomics>(input.economics.map((u) => [u.unitKey, u]));
  const work = new Map<string, UnitWork>(input.work.map((u) => [u.unitKey, u]));
  const index = new LeaderIndex(input.leaders);
  const votes = groupBy(input.votes, (v: VoteRow) => index.find(v)?.index);
  const items = new Map<number, AdjustmentItem[]>();
  const byUnit = groupBy(input.leaders, (l: Leader) => l.unitKey);
  for (const it of input.adjustments) {
    const targets = it.nameKey === null ? (byUnit.get(it.unitKey) ?? []) : [index.find(it)].filter(isLeader);
    for (const l of targets) items.set(l.index, [...(items.get(l.index) ?? []), it]);
  }
  // E is a property of the unit: computed once and shared by the unit's leaders (同目标、同奖惩).
  const econCache = new Map<string, EconomicExplanation>();
  const unitEconomic = (l: Leader) => {
    let e = econCache.get(l.unitKey);
    if (!e) econCache.set(l.unitKey, (e = scoreEconomic(l.unit, economics.get(l.unitKey), method.economic)));
    return e;
  };

  const engineWarnings: Diagnostic[] = [];
  const fw = method.final.workWeight;
  const fd = method.final.democraticWeight;

  const partial = input.leaders.map((l) => {
    const econ = unitEconomic(l);
    const w = work.get(l.unitKey);
    const p = scoreWork(econ.value, economics.get(l.unitKey)?.cell ?? "", w, l.mode, method.work.weights);
    const dem = scoreDemocratic(votes.get(l.index) ?? [], method.democratic);
    const rates = voteRates(dem);
    const adj = scoreAdjustment(items.get(l.index) ?? [], method.final.maxBonus);
    const finalRaw =
      p.value !== null && dem.value !== null ? (fw * p.value + fd * dem.value) / (fw + fd) + adj.value : null;
    const pendingReasons = [
      p.missingReason && `工作业绩无法计算（${p.missingReason}）`,
      dem.missingReason && `民主测评无法计算（${dem.missingReason}）`,
    ].filter((x): x is string => !!x);
    const result = {
      leader: l,
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

  // Ranking and grading use the rounded values (METHOD.md §5).
  const graded = partial.filter((x) => x.final !== null);
  const keys: RankKeys[] = graded.map((x) => [x.final, x.workScore, x.democratic, x.excellentRate, x.economic]);
  const ranks = rank(keys, method.ranking.ties);
  const q = excellentQuota(graded.length, method.grades.excellentQuotaPercent);
  const gradeInfo = graded.map((x, i) => {
    const b = band(x.final as number, method.grades);
    const c = caps(
      { totals: x.dem.totals, total: x.dem.total, veto: x.work?.veto?.reason ?? null, stillInLoss: x.econ.stillInLoss },
      method.grades,
    );
    return { x, rank: ranks[i], band: b, caps: c, afterCaps: applyCaps(b, c) };
  });
  const candidates = gradeInfo.filter((g) => g.afterCaps === "优秀");
  const decisions = applyQuota(
    candidates.map((g) => g.rank),
    q,
  );
  const decisionOf = new Map(candidates.map((g, i) => [g, decisions[i]]));

  const byLeader = new Map(gradeInfo.map((g) => [g.x.leader.index, g]));
  const leaders: LeaderResult[] = partial.map((x) => {
    const g = byLeader.get(x.leader.index);
    const flags: Flag[] = [];
    let grade: Grade | typeof PENDING_GRADE = PENDING_GRADE;
    let gradeExplain: GradeExplanation;
    if (!g) {
      flags.push({ code: "pending", message: `暂缓评定：${x.pendingReasons.join("；")}` });
      gradeExplain = {
        band: null,
        caps: [],
        afterCaps: null,
        quota: { q, graded: graded.length, percent: method.grades.excellentQuotaPercent, decision: null },
        final: PENDING_GRADE,
      };
    } else {
      for (const c of g.caps) flags.push({ code: c.code, message: `${c.reason}，等次最高为${c.cap}` });
      const decision = decisionOf.get(g) ?? null;
      grade = g.afterCaps;
      if (decision === "excellentQuota") {
        grade = "称职";
        flags.push({ code: "excellentQuota", message: `超出优秀名额（${q} 名），由优秀调整为称职` });
      } else if (decision === "quotaTie") {
        grade = "称职";
        flags.push({ code: "quotaTie", message: `并列处于名额边界，需集体研究（名额 ${q} 名，暂按称职）` });
      }
      gradeExplain = {
        band: g.band,
        caps: g.caps,
        afterCaps: g.afterCaps,
        quota: { q, graded: graded.length, percent: method.grades.excellentQuotaPercent, decision },
        final: grade,
      };
    }
    const l = x.leader;
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
      status: g ? "graded" : "pending",
      flags,
      explain: {
        economic: x.econ,
        work: x.p,
        democratic: x.dem,
        adjustment: x.adj,
        final: { workWeight: fw, democraticWeight: fd, raw: x.finalRaw },
        rankKeys: g ? [x.final, x.workScore, x.democratic, x.excellentRate, x.economic] : null,
        grade: gradeExplain,
      },
    };
  });

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
    summary: {
      graded: graded.length,
      pending: leaders.length - graded.length,
      quota: q,
      excellent: leaders.filter((l) => l.grade === "优秀").length,
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
  const seen = new Set(existing.map((d) => `${d.cell}|${d.code}`));
  return extra.filter((d) => !seen.has(`${d.cell}|${d.code}`));
}
