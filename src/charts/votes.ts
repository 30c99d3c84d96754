/**
 * 测评票构成: 100% stacked bars of 优秀/称职/基本称职/不称职 votes per leader (pooled over evaluator groups and
 * dimensions, or the overall item's when a leader has one — what the vote rules count), with the one
 * threshold that decides: the 2/3 line. Read against it both rules (docs/method.md §5.3): the 优秀+称职
 * segments must reach it (else at most 基本称职), and the 不称职 segment, drawn last, must not start left of it
 * (more than 1/3 不称职 makes the grade 不称职) — each side of the line says so above the plot. Leaders the vote
 * rules touched are named in red.
 *
 * The line is drawn over the bars, where it can be read, and the builder places the share labels
 * (geometry.ts): a label that would straddle the line moves to the side of its segment with room, or the line
 * is interrupted behind it — never a line through a number.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { annotations, emptyAnnotations, labelBox, type AnnotationsSpec } from "./annotations";
import {
  groupVotes,
  leaderVotes,
  leadersInRankOrder,
  pages,
  rankText,
  VOTE_CATEGORIES,
  type VoteComposition,
} from "./data";
import {
  axisTitle,
  categoryAxis,
  chartLayout,
  fixedHeight,
  fixedWidth,
  frameOf,
  leaderChart,
  meetingChart,
  noteLines,
  valueAxisStyle,
  type Frame,
  type FrameConfig,
} from "./frame";
import { rowBand, verticalAround, xScale, type Box } from "./geometry";
import { barHatch, barLabels, referenceLines, type LegendEntry, type ReferenceLine } from "./plugins";
import { rankingHeight } from "./ranking";
import { textWidth } from "./text";
import { font, HATCHED_GRADES, shade, type Theme } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const VOTES_NUMBER = 5;
export const VOTES_NAME = "测评票构成";
export const VOTES_ROWS_PER_PAGE = 30;

const VOTE_CAP_CODES = new Set(["unfitVotes", "lowCompetentVotes"]);

/** The threshold, % of the valid votes: 称职以上 must reach it; 不称职 beyond it is more than a third. */
export const TWO_THIRDS = 200 / 3;
export const VOTES_X_AXIS = 54;
/** Shares under this are left unlabelled (the segment is too narrow for its number). */
const LABEL_MIN_SHARE = 0.06;

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
    { label: "2/3 票数线", kind: "line" as const, fill: t.threshold, dash: [6, 4] },
  ];
}

/** The 2/3 line of a composition chart inside a page (a portrait), drawn by Chart.js's scales. */
export function thresholdLines(f: Frame): ReferenceLine[] {
  return [{ scaleId: "x", value: TWO_THIRDS, color: f.theme.threshold, dash: [6, 4], lineWidth: 1.5 }];
}

export interface VotesMarksInput {
  rows: readonly { votes: VoteComposition }[];
  plot: Box;
  size: number;
  /** Label the line's two meanings above the plot. */
  labelled: boolean;
}

/**
 * The share labels, the 2/3 line and its labels, in px. A label is centred in its segment; one that would
 * straddle the line goes to the larger side of its segment if it fits there, else the line stops behind it.
 */
export function votesMarks(t: Theme, m: VotesMarksInput): AnnotationsSpec {
  const out = emptyAnnotations();
  const x = xScale(m.plot, 0, 100);
  const lx = x(TWO_THIRDS);
  m.rows.forEach((r, i) => {
    const band = rowBand(m.plot, m.rows.length, i);
    let start = 0;
    r.votes.shares.forEach((share, k) => {
      const from = x(start * 100);
      start += share;
      const to = x(start * 100);
      if (share < LABEL_MIN_SHARE) return;
      const text = `${Math.round(share * 100)}%`;
      const w = textWidth(text, m.size);
      let cx = (from + to) / 2;
      if (Math.abs(cx - lx) < w / 2 + 3 && from < lx && lx < to) {
        const left = lx - 3 - from;
        const right = to - (lx + 3);
        if (left >= right && left >= w + 4) cx = from + left / 2;
        else if (right >= w + 4) cx = lx + 3 + right / 2;
      }
      out.labels.push({
        text,
        x: cx,
        y: band.middle,
        align: "center",
        size: m.size,
        weight: "normal",
        color: t.text,
        box: labelBox(cx, band.middle, w, m.size, "center"),
        role: `share:${i}:${VOTE_CATEGORIES[k]}`,
      });
    });
  });
  const boxes = out.labels.map((l) => l.box);
  for (const s of verticalAround(lx, m.plot.top, m.plot.bottom, boxes))
    out.over.push({ ...s, color: t.threshold, width: 1.75, dash: [6, 4], role: "twoThirds" });
  if (m.labelled) {
    const y = m.plot.top - 9;
    const size = Math.max(11, m.size);
    const left = "← 优秀＋称职票须达到此线";
    const right = "不称职票越过此线即超过三分之一 →";
    const wl = textWidth(left, size, "bold");
    const wr = textWidth(right, size, "bold");
    out.labels.push({
      text: left,
      x: lx - 5,
      y,
      align: "right",
      size,
      weight: "bold",
      color: t.threshold,
      box: labelBox(lx - 5, y, wl, size, "right"),
      role: "twoThirds:left",
    });
    out.labels.push({
      text: right,
      x: lx + 5,
      y,
      align: "left",
      size,
      weight: "bold",
      color: t.threshold,
      box: labelBox(lx + 5, y, wr, size, "left"),
      role: "twoThirds:right",
    });
  }
  return out;
}

interface VoteRow {
  label: string;
  votes: VoteComposition;
  alert: boolean;
}

/** The bars, labels, lines and axes of a composition chart, shared by the group chart and the portrait's. */
function compositionConfig(
  f: Frame,
  rows: VoteRow[],
  frame: FrameConfig,
  compact: boolean,
  axes?: { left: number; bottom: number },
) {
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
          ...(axes ? fixedHeight(axes.bottom) : {}),
        },
        y: {
          ...categoryAxis(t, {
            color: rows.map((r) => (r.alert ? t.alert : t.text)),
            font: font(t, compact ? t.size.label : t.size.tick),
            autoSkip: false,
          }),
          stacked: true,
          ...(axes ? fixedWidth(axes.left) : {}),
        },
      },
    },
    plugins: frame.plugins,
  };
}

/** A portrait's composition: the 2/3 line under labels that hide it with their segment's colour. */
function compactPlugins(f: Frame, rows: VoteRow[]) {
  const t = f.theme;
  return [
    barHatch(t, { targets: VOTE_CATEGORIES.flatMap((c, i) => (HATCHED_GRADES.has(c) ? [{ datasetIndex: i }] : [])) }),
    referenceLines("kp-thresholds", t, { layer: "over", lines: thresholdLines(f) }),
    barLabels(t, {
      labels: VOTE_CATEGORIES.map((_, i) => ({
        datasetIndex: i,
        position: "center" as const,
        texts: rows.map((r) =>
          r.votes.shares[i] >= LABEL_MIN_SHARE ? `${Math.round(r.votes.shares[i] * 100)}%` : null,
        ),
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

/** The y axis's width for these row labels. */
function votesAxisWidth(t: Theme, labels: readonly string[]): number {
  return Math.ceil(Math.max(60, ...labels.map((s) => textWidth(s, t.size.tick)))) + 12;
}

export function votesCharts(a: Assessment, opts: ChartOptions): ChartSpec[] {
  const f = frameOf(a, opts);
  const t = f.theme;
  const withVotes = leadersInRankOrder(a)
    .map((l) => ({ l, votes: leaderVotes(l) }))
    .filter((r) => r.votes.total > 0);
  const without = a.leaders.filter((l) => leaderVotes(l).total === 0);
  const groups = pages(withVotes, VOTES_ROWS_PER_PAGE);
  const label = (l: LeaderResult) => `${rankText(l)}  ${l.name}`;
  const yWidth = votesAxisWidth(
    t,
    withVotes.map((r) => label(r.l)),
  );
  const notGraded = a.summary.pending + a.summary.ungraded > 0;
  return groups.map((items, p) => {
    const page = { index: p + 1, count: groups.length };
    const rows: VoteRow[] = items.map(({ l, votes }) => ({
      label: label(l),
      votes,
      alert: l.flags.some((fl) => VOTE_CAP_CODES.has(fl.code)),
    }));
    const notes = [VOTES_NOTE];
    if (without.length > 0 && p === groups.length - 1)
      notes.push(`无测评票（${without.length} 人）：${without.map((l) => `${l.name}（${l.unit}）`).join("、")}`);
    const subtitle = `${f.scope} · 按排名排列${notGraded ? "（暂缓评定、不定等次人员列后）" : ""}，各类票占有效票（不含弃权）比例`;
    const height = rankingHeight(rows.length, noteLines(notes, t)) + 10;
    const legend = voteLegend(f);
    const layout = chartLayout(f, {
      legend,
      notes,
      height,
      subtitle,
      axes: { left: yWidth, bottom: VOTES_X_AXIS },
    });
    const marksFor = (plot: Box, size: number) => votesMarks(t, { rows, plot, size, labelled: true });
    const marks = marksFor(layout.plot as Box, t.size.label - 1);
    return meetingChart(
      f,
      {
        number: VOTES_NUMBER,
        key: "votes",
        name: VOTES_NAME,
        kind: "votes",
        page,
        subtitle,
        legend,
        notes,
        plugins: [
          barHatch(t, {
            targets: VOTE_CATEGORIES.flatMap((c, i) => (HATCHED_GRADES.has(c) ? [{ datasetIndex: i }] : [])),
          }),
          annotations(t, marks),
        ],
        height,
        layout,
        marksFor,
        table: voteTable(items, f),
      },
      (frame) => compositionConfig(f, rows, frame, false, { left: yWidth, bottom: VOTES_X_AXIS }),
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
      subtitle: total.total > 0 ? `有效票 ${total.total} 张；虚线为 2/3 票数线` : "无测评票",
      notes: [],
      plugins: compactPlugins(f, rows),
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
