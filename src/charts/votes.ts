/**
 * 测评票构成: 100% stacked bars of 优秀/称职/基本称职/不称职 votes per leader (pooled over evaluator groups
 * and dimensions, as the caps count them), with lines at 1/3 and 2/3. Read against the 2/3 line: the
 * 优秀+称职 segments must reach it (else at most 基本称职), and the 不称职 segment, drawn last, must not
 * start left of it (more than 1/3 不称职 makes the grade 不称职). Leaders the vote rules capped are named in red.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { groupVotes, leaderVotes, leadersInRankOrder, pages, VOTE_CATEGORIES, type VoteComposition } from "./data";
import {
  axisTitle,
  categoryAxis,
  frameOf,
  leaderChart,
  meetingChart,
  valueAxisStyle,
  type Frame,
  type FrameConfig,
} from "./frame";
import { barHatch, barLabels, referenceLines, type LegendEntry, type ReferenceLine } from "./plugins";
import { rankingHeight } from "./ranking";
import { font, HATCHED_GRADES, shade } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const VOTES_NUMBER = 5;
export const VOTES_NAME = "测评票构成";
export const VOTES_ROWS_PER_PAGE = 30;

const VOTE_CAP_CODES = new Set(["unfitVotes", "lowCompetentVotes"]);

export function voteLegend(f: Frame): LegendEntry[] {
  const t = f.theme;
  return [
    ...VOTE_CATEGORIES.map((c) => ({
      label: `${c}票`,
      kind: "box" as const,
      fill: t.grades[c],
      stroke: shade(t.grades[c], 0.7),
      hatch: HATCHED_GRADES.has(c),
    })),
    { label: "1/3 与 2/3 票数线", kind: "line" as const, fill: t.threshold, dash: [6, 4] },
  ];
}

export function thresholdLines(f: Frame, labelled: boolean): ReferenceLine[] {
  const t = f.theme;
  return [
    {
      scaleId: "x",
      value: 100 / 3,
      label: labelled ? "1/3" : undefined,
      labelAt: "outside",
      color: t.threshold,
      dash: [6, 4],
      lineWidth: 1.5,
    },
    {
      scaleId: "x",
      value: 200 / 3,
      label: labelled ? "2/3" : undefined,
      labelAt: "outside",
      color: t.threshold,
      dash: [6, 4],
      lineWidth: 1.5,
    },
  ];
}

interface VoteRow {
  label: string;
  votes: VoteComposition;
  alert: boolean;
}

/** The bars, labels, lines and axes of a composition chart, shared by the group chart and the portrait's. */
function compositionConfig(f: Frame, rows: VoteRow[], frame: FrameConfig, compact: boolean) {
  const t = f.theme;
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return {
    type: "bar" as const,
    data: {
      labels: rows.map((r) => r.label),
      datasets: VOTE_CATEGORIES.map((c, i) => ({
        label: c,
        data: rows.map((r) => pct(r.votes.shares[i])),
        backgroundColor: t.grades[c],
        borderColor: t.background,
        borderWidth: { left: 0, right: 1, top: 0, bottom: 0 },
        borderSkipped: false,
        categoryPercentage: 0.82,
        barPercentage: 0.92,
      })),
    },
    options: {
      ...frame.options,
      indexAxis: "y" as const,
      scales: {
        x: {
          type: "linear" as const,
          stacked: true,
          min: 0,
          max: 100,
          ...valueAxisStyle(t),
          ticks: { ...valueAxisStyle(t).ticks, stepSize: compact ? 25 : 10, callback: (v: string | number) => `${v}%` },
          title: axisTitle(t, compact ? "" : "占有效票比例"),
        },
        y: {
          ...categoryAxis(t, {
            color: rows.map((r) => (r.alert ? t.alert : t.text)),
            font: font(t, compact ? t.size.label : t.size.tick),
            autoSkip: false,
          }),
          stacked: true,
        },
      },
    },
    plugins: frame.plugins,
  };
}

function compositionPlugins(f: Frame, rows: VoteRow[], labelled: boolean) {
  const t = f.theme;
  return [
    barHatch(t, { targets: VOTE_CATEGORIES.flatMap((c, i) => (HATCHED_GRADES.has(c) ? [{ datasetIndex: i }] : [])) }),
    referenceLines("kp-thresholds", t, { layer: "over", lines: thresholdLines(f, labelled) }),
    barLabels(t, {
      labels: VOTE_CATEGORIES.map((_, i) => ({
        datasetIndex: i,
        position: "center" as const,
        texts: rows.map((r) => (r.votes.shares[i] >= 0.06 ? `${Math.round(r.votes.shares[i] * 100)}%` : null)),
        halos: rows.map(() => t.grades[VOTE_CATEGORIES[i]]),
        size: t.size.label - 1,
      })),
    }),
  ];
}

function voteTable(rows: { l: LeaderResult; votes: VoteComposition }[], f: Frame) {
  return {
    headers: ["姓名", "单位", ...VOTE_CATEGORIES, "合计", "优秀率", "称职以上率", "不称职率"],
    rows: rows.map(({ l, votes }) => [
      l.name,
      l.unit,
      ...votes.counts,
      votes.total,
      l.excellentRate,
      l.competentRate,
      l.unfitRate,
    ]),
    category: 0,
    series: [2, 3, 4, 5],
    formats: [null, null, "0", "0", "0", "0", "0", "0.0%", "0.0%", "0.0%"],
    resultColumns: ["姓名", "单位", null, null, null, null, null, "优秀率", "称职以上率", "不称职率"],
    seriesColors: VOTE_CATEGORIES.map((c) => f.theme.grades[c]),
  };
}

export const VOTES_NOTE =
  "读法：优秀＋称职色段须到达 2/3 线（称职以上票不少于三分之二），否则等次最高为基本称职；不称职色段自 2/3 线左侧起（不称职票超过三分之一）则等次为不称职。红色姓名：测评票触及上述规则。";

export function votesCharts(a: Assessment, opts: ChartOptions): ChartSpec[] {
  const f = frameOf(a, opts);
  const withVotes = leadersInRankOrder(a)
    .map((l) => ({ l, votes: leaderVotes(l) }))
    .filter((r) => r.votes.total > 0);
  const without = a.leaders.filter((l) => leaderVotes(l).total === 0);
  const groups = pages(withVotes, VOTES_ROWS_PER_PAGE);
  return groups.map((items, p) => {
    const page = { index: p + 1, count: groups.length };
    const rows: VoteRow[] = items.map(({ l, votes }) => ({
      label: `${l.rank ?? "暂缓"}  ${l.name}`,
      votes,
      alert: l.flags.some((fl) => VOTE_CAP_CODES.has(fl.code)),
    }));
    const notes = [VOTES_NOTE];
    if (without.length > 0 && p === groups.length - 1)
      notes.push(`无测评票（${without.length} 人）：${without.map((l) => `${l.name}（${l.unit}）`).join("、")}`);
    return meetingChart(
      f,
      {
        number: VOTES_NUMBER,
        key: "votes",
        name: VOTES_NAME,
        kind: "votes",
        page,
        subtitle: `${f.scope} · 按排名排列${a.summary.pending > 0 ? "（暂缓评定人员列后）" : ""}，各类票占有效票（不含弃权）比例`,
        legend: voteLegend(f),
        notes,
        plugins: compositionPlugins(f, rows, true),
        height: rankingHeight(rows.length, notes) + 10,
        table: voteTable(items, f),
      },
      (frame) => compositionConfig(f, rows, frame, false),
    );
  });
}

/** A leader's votes by evaluator group and in total (for the portrait). */
export function leaderVotesChart(
  a: Assessment,
  leader: LeaderResult,
  opts: ChartOptions,
  size: { width: number; height: number },
): ChartSpec {
  const f = frameOf(a, opts);
  const groups = groupVotes(leader).filter((g) => g.votes.total > 0);
  const total = leaderVotes(leader);
  const rows: VoteRow[] = [
    ...groups.map((g) => ({ label: g.group, votes: g.votes, alert: false })),
    ...(total.total > 0 ? [{ label: "合计", votes: total, alert: false }] : []),
  ];
  return leaderChart(
    f,
    leader,
    {
      number: VOTES_NUMBER,
      name: VOTES_NAME,
      key: "votes",
      kind: "leaderVotes",
      title: "测评票构成",
      subtitle: total.total > 0 ? `有效票 ${total.total} 张；虚线为 1/3、2/3 票数线` : "无测评票",
      notes: [],
      plugins: compositionPlugins(f, rows, false),
      width: size.width,
      height: size.height,
      table: {
        headers: ["测评人类别", ...VOTE_CATEGORIES, "合计"],
        rows: rows.map((r) => [r.label, ...r.votes.counts, r.votes.total]),
        category: 0,
        series: [1, 2, 3, 4],
        formats: [null, "0", "0", "0", "0", "0"],
        resultColumns: [null, null, null, null, null, null],
        seriesColors: VOTE_CATEGORIES.map((c) => f.theme.grades[c]),
      },
    },
    (frame) => compositionConfig(f, rows, frame, true),
  );
}
