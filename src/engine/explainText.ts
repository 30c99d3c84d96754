import type { Method } from "../method/types";
import { PERSONAL_EFFECT_TEXT } from "./personal";
import { roundHalfAway } from "./round";
import type { IndicatorExplanation, LeaderResult } from "./types";

/** One line of an explanation; `cell` lets a shell link it to the cell it came from. */
export interface ExplainLine {
  text: string;
  cell?: string;
}

export interface ExplainSection {
  title: string;
  lines: ExplainLine[];
}

/** A number as a person writes it: at most `digits` decimals, no trailing zeros. */
export function fmt(x: number | null, digits = 2): string {
  if (x === null) return "缺失";
  return String(roundHalfAway(x, digits));
}

const pct = (x: number | null, digits = 2) => (x === null ? "缺失" : `${fmt(x * 100, digits)}%`);

function indicatorLine(x: IndicatorExplanation, m: Method): ExplainLine {
  const head = `${x.name}（权重 ${x.weight}，${x.direction === "higher" ? "正向" : "逆向"}）：目标 ${fmt(x.target, 4)}，完成 ${fmt(x.actual, 4)}`;
  if (!x.available) return { text: `${head}；${x.unavailableReason}，不参与计算`, cell: x.actualCell || x.targetCell };
  const e = m.economic;
  const parts = [`偏差 d = ${pct(x.d)}`];
  if (x.lossCase === "reducedLoss") parts.push(`减亏按 ${e.lossReductionFactor} 折算`);
  if (x.lossCase === "profit") parts.push(`扭亏为盈：d = ${e.lossReductionFactor} + 盈利/|目标|`);
  parts.push(
    `${e.stepwise ? "逐档取整 " : ""}${fmt(x.steps, 4)} 档 × ${e.pointsPerStep} 分 = ${fmt(x.rawPoints, 4)} 分`,
  );
  if (x.clamped === "bonus") parts.push(`加分封顶 ${e.maxBonusPoints} 分`);
  if (x.clamped === "lossBonus") parts.push(`亏损企业加分封顶 ${e.lossMaxBonusPoints} 分`);
  if (x.clamped === "penalty") parts.push(`扣分封底 ${e.maxPenaltyPoints} 分`);
  parts.push(`得分系数 s = 1 + ${fmt(x.points, 4)}/${e.basePoints} = ${fmt(x.scoreBeforeCap, 4)}`);
  if (x.cappedByBelowBase) parts.push("因有指标低于基准，本项按 1 计");
  return { text: `${head}；${parts.join("，")}`, cell: x.actualCell };
}

/** The explanation of one leader's result in plain Chinese, section by section. */
export function explainLeader(l: LeaderResult, m: Method): ExplainSection[] {
  const x = l.explain;
  const sections: ExplainSection[] = [];

  const e = x.economic;
  const econLines: ExplainLine[] = e.found
    ? e.indicators.map((i) => indicatorLine(i, m))
    : [{ text: `经营业绩表中没有单位“${e.unit}”` }];
  econLines.push({
    text:
      e.value === null
        ? `可用指标权重占比 ${pct(e.availableShare)}，低于 ${pct(e.minAvailableShare)}，经营业绩得分缺失`
        : `经营业绩 E = 100 × Σ(权重 × s) / ${e.availableWeight} = ${fmt(e.value)}${e.availableWeight < e.totalWeight ? `（按可用指标权重 ${e.availableWeight}/${e.totalWeight} 折算）` : ""}`,
  });
  if (e.stillInLoss) econLines.push({ text: "单位仍处于亏损状态" });
  sections.push({ title: `经营业绩（${l.unit}，与同单位领导人员同目标、同奖惩）`, lines: econLines });

  const w = x.work;
  const workLines: ExplainLine[] = w.blocks.map((b) => ({
    text: `${b.label}：${fmt(b.value)}，权重 ${b.weight}${b.key === "economic" && w.economicWeightZeroed ? "（党建工作指导员，不计经营业绩）" : ""}`,
    cell: b.cell || undefined,
  }));
  workLines.push({
    text:
      w.value === null ? `工作业绩缺失：${w.missingReason}` : `工作业绩 P = Σ(权重 × 得分) / Σ权重 = ${fmt(w.value)}`,
  });
  sections.push({ title: "工作业绩", lines: workLines });

  const d = x.democratic;
  const cats = m.democratic.categories.map((c) => c.name);
  const demLines: ExplainLine[] = [];
  for (const g of d.groups) {
    for (const k of g.dimensions) {
      demLines.push({
        text: `${g.group}·${k.dimension}${k.overall ? `（权重 ${k.weight}）` : ""}：${k.counts.map((n, i) => `${cats[i]} ${n}`).join("、")}${k.abstain ? `（弃权 ${k.abstain}）` : ""}，平均 m = ${fmt(k.m)}`,
        cell: k.cell,
      });
    }
    demLines.push({ text: `${g.group}（权重 ${g.weight}，${g.ballots} 票）维度加权 = ${fmt(g.value)}` });
  }
  demLines.push({
    text:
      d.value === null
        ? `民主测评缺失：${d.missingReason}`
        : `民主测评 D = Σ(类别权重 × 得分) / Σ类别权重 = ${fmt(d.value)}；共 ${d.ballots} 票`,
  });
  if (d.total > 0) {
    demLines.push({
      text: `${d.rateBasis === "overall" ? `按${m.democratic.overall.name}票计：` : ""}优秀率 ${pct(l.excellentRate)}（${d.totals[0]}/${d.total}），称职以上率 ${pct(l.competentRate)}（${d.totals[0] + d.totals[1]}/${d.total}），不称职率 ${pct(l.unfitRate)}（${d.totals[3]}/${d.total}）`,
    });
  }
  sections.push({ title: "民主测评", lines: demLines });

  const a = x.adjustment;
  const adjLines: ExplainLine[] = a.items.map((it) => ({
    text: `${it.kind === "bonus" ? "加分" : "减分"} ${fmt(it.value)}：${it.item || "（未写事项）"}${it.scope === "unit" ? "（单位整体）" : ""}`,
    cell: it.cell,
  }));
  if (a.bonusTotal > a.maxBonus) adjLines.push({ text: `加分合计 ${fmt(a.bonusTotal)}，封顶 ${fmt(a.maxBonus)}` });
  adjLines.push({ text: `加减分 X = ${fmt(a.bonusCounted)} − ${fmt(a.penaltyTotal)} = ${fmt(a.value)}` });
  sections.push({ title: "加减分", lines: adjLines });

  const pers = x.personal;
  if (pers.circumstances.length > 0) {
    const persLines: ExplainLine[] = [];
    for (const c of pers.circumstances) {
      for (const r of c.rows) {
        const days = r.days === null ? "" : `，${fmt(r.days)} 天`;
        persLines.push({ text: `${r.text}${days}${r.note ? `（${r.note}）` : ""}`, cell: r.cell });
      }
      const counted =
        c.minDays === null ? "" : `累计 ${fmt(c.days)} 天，${c.applies ? "达到" : "未达到"} ${fmt(c.minDays)} 天；`;
      persLines.push({
        text: `按“${c.rule}”规则：${counted}${c.applies ? PERSONAL_EFFECT_TEXT[c.effect] : "不适用"}`,
        cell: c.rows[0]?.ruleCell,
      });
    }
    if (pers.effect !== null && pers.circumstances.filter((c) => c.applies).length > 1) {
      persLines.push({ text: `多项情形同时适用时按最重的处理：${PERSONAL_EFFECT_TEXT[pers.effect]}` });
    }
    sections.push({ title: "个人情况", lines: persLines });
  }

  const f = x.final;
  const total = f.workWeight + f.democraticWeight;
  const finalLines: ExplainLine[] = [];
  const formula = () =>
    `综合得分 F = ${fmt(f.workWeight / total, 4)} × ${fmt(l.work)} + ${fmt(f.democraticWeight / total, 4)} × ${fmt(l.democratic)} + ${fmt(l.adjustment)} = ${fmt(l.final)}`;
  if (f.raw === null) {
    finalLines.push({ text: l.flags.find((fl) => fl.code === "pending")?.message ?? "暂缓评定" });
  } else if (l.status !== "graded") {
    finalLines.push({ text: formula() });
    const decided = l.flags.find((fl) => fl.code === "personalPending" || fl.code === "personalNoGrade");
    finalLines.push({
      text: `${decided?.message ?? l.grade}：不参加排名，不计入优秀名额的参评人数`,
      cell: decided?.cells?.[0],
    });
    finalLines.push({ text: `最终等次：${l.grade}` });
  } else {
    finalLines.push({ text: formula() });
    finalLines.push({ text: `排名第 ${l.rank}（依次比较综合得分、工作业绩、民主测评、优秀率、经营业绩）` });
    const g = x.grade;
    finalLines.push({ text: `按分数线为“${g.band}”` });
    for (const c of g.caps) {
      finalLines.push({
        text: c.applied
          ? `${c.reason} → 最高为“${c.cap}”`
          : `${c.reason} → 按考核方法只作标记，提请组织研究，不限定等次`,
      });
    }
    if (g.personal === "unfit") {
      const unfit = l.flags.find((fl) => fl.code === "personalUnfit");
      finalLines.push({ text: `${unfit?.message ?? "个人情况"} → 等次为“不称职”`, cell: unfit?.cells?.[0] });
    }
    const q = g.quota;
    const who = q.group === null ? "" : `“${q.group || "（空）"}”组 `;
    const how = q.rounding === "round" ? "四舍五入" : "向下取整";
    const qd = q.decision;
    if (qd === "kept")
      finalLines.push({ text: `在优秀名额内（${who}${q.graded} 人 × ${q.percent}%，${how} → ${q.q} 名）` });
    if (qd === "excellentQuota") finalLines.push({ text: `超出优秀名额（${who}${q.q} 名），调整为称职` });
    if (qd === "quotaTie")
      finalLines.push({ text: `与他人并列处于优秀名额（${who}${q.q} 名）边界，暂按称职，需集体研究` });
    if (g.committee) {
      finalLines.push({ text: `按以上规则为“${g.computed}”` });
      finalLines.push({
        text: `经组织研究确定为“${g.committee.grade}”${g.committee.basis ? `（${g.committee.basis}）` : ""}`,
        cell: g.committee.cell,
      });
    }
    finalLines.push({ text: `最终等次：${l.grade}` });
  }
  sections.push({ title: "综合得分与等次", lines: finalLines });
  return sections;
}
