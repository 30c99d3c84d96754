/**
 * 综合得分排名: horizontal bars of F in rank order from zero, coloured by grade, the unit inside the bar, the
 * score and grade after it — and the decisions: the grade band lines of the method (90 / 70 / 60 by default)
 * beneath the bars, the 优秀 quota cut (q, per quota group when the method groups it: then a chart per
 * group) as a line between the last leader who kept 优秀 and the next, and on every bar whose grade a rule
 * lowered or decided a badge with the reason (decisions.ts: 亏损限档, 否决事项, 超出名额, 并列·待研究, 票数规则,
 * 个人情况, 组织决定).
 *
 * The builder places every label, badge and line itself (geometry.ts): a band line is interrupted where a
 * label or badge sits on it, so no line crosses text; the axis is long enough for the longest label with its
 * badges. Leaders without a grade (暂缓评定, 不定等次) have no bar: they are listed under the plot.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { GRADE_ORDER, type GradeLabel } from "../workbook/gradeColors";
import { labelBox, annotations, emptyAnnotations, type AnnotationsSpec, type Chip, type Label } from "./annotations";
import { notGradedLeaders, pages, pendingReason, rankedLeaders } from "./data";
import { BADGE_MEANING, bandsOf, leaderDecisions, type Decision, type DecisionRule } from "./decisions";
import {
  axisTitle,
  categoryAxis,
  chartLayout,
  fixedHeight,
  fixedWidth,
  frameOf,
  meetingChart,
  noteLines,
  valueAxisStyle,
  type Frame,
} from "./frame";
import { FRAME_PADDING, overlaps, rowBand, verticalAround, xScale, type Box } from "./geometry";
import { barHatch, barLabels, type LegendEntry } from "./plugins";
import { textWidth } from "./text";
import { font, HATCHED_GRADES, shade, type BadgeLook, type Theme } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const RANKING_NUMBER = 1;
export const RANKING_NAME = "综合得分排名";
/** Bars per page; more leaders split into pages. */
export const RANKING_ROWS_PER_PAGE = 30;
/** CSS px per bar row. */
export const ROW_HEIGHT = 26;
/** Height of the x axis (ticks and title), fixed so that the plot is known (geometry.ts). */
export const RANKING_X_AXIS = 54;

/** Size of a badge's text, its padding and the gaps around it, px. */
export const BADGE_SIZE = 12;
const BADGE_PAD = 6;
const BADGE_GAP = 4;
const LABEL_GAP = 5;

export function rowLabel(l: LeaderResult): string {
  return `${l.rank ?? "—"}  ${l.name}`;
}

export function scoreLabel(l: LeaderResult): string {
  return `${l.final === null ? "—" : l.final.toFixed(2)}  ${l.grade}`;
}

/** The look of a badge: a rule that decided, one the committee must still decide, or the committee's decision. */
export function badgeLook(t: Theme, d: Decision): BadgeLook {
  return d.rule === "committee" ? t.badge.committee : d.open ? t.badge.open : t.badge.rule;
}

export const badgeWidth = (text: string, size = BADGE_SIZE): number => textWidth(text, size, "bold") + 2 * BADGE_PAD;

/** What follows a bar's end, in px: the gap, the score label, and the badges. */
export function labelExtent(l: LeaderResult, decisions: readonly Decision[], size: number, badge = BADGE_SIZE) {
  const label = textWidth(scoreLabel(l), size, "bold");
  const badges = decisions.reduce((s, d) => s + badgeWidth(d.badge, badge) + BADGE_GAP, 0);
  return LABEL_GAP + label + (decisions.length > 0 ? 8 + badges - BADGE_GAP : 0);
}

/** A ranking page: its leaders and the quota cut, if it lies on this page. */
interface RankingPage {
  rows: LeaderResult[];
  group: { label: string; graded: number; q: number } | null;
  /** The cut is after row `after` (−1: above the first row); null when not on this page. */
  cut: { after: number; q: number; label: string } | null;
}

/**
 * Where the quota cut goes in a group's rank order: after the last leader who kept 优秀 by the quota; with
 * nobody kept (a tie across the boundary), above the first leader the quota moved; no cut without candidates.
 */
export function quotaCut(rows: readonly LeaderResult[]): number | null {
  let last = -1;
  rows.forEach((l, i) => {
    if (l.explain.grade.quota.decision === "kept") last = i;
  });
  if (last >= 0) return last;
  const first = rows.findIndex((l) => l.explain.grade.quota.decision !== null);
  return first >= 0 ? first - 1 : null;
}

function quotaText(q: number, group: string | null): string {
  return `${group ? `${group} ` : ""}优秀名额 ${q} 人`;
}

/** The graded leaders split by quota group (one group without a group column), each in rank order. */
function quotaGroups(a: Assessment): { label: string | null; rows: LeaderResult[]; graded: number; q: number }[] {
  const ranked = rankedLeaders(a);
  const groups = a.summary.quotaGroups;
  if (!groups) return [{ label: null, rows: ranked, graded: a.summary.graded, q: a.summary.quota }];
  return groups
    .map((g) => ({
      label: g.group,
      rows: ranked.filter((l) => (l.explain.grade.quota.group ?? "") === g.group),
      graded: g.graded,
      q: g.quota,
    }))
    .filter((g) => g.rows.length > 0);
}

function rankingPages(a: Assessment): RankingPage[] {
  const out: RankingPage[] = [];
  for (const g of quotaGroups(a)) {
    const cut = quotaCut(g.rows);
    let start = 0;
    for (const rows of pages(g.rows, RANKING_ROWS_PER_PAGE)) {
      const end = start + rows.length;
      const on = cut !== null && cut >= start - 1 && cut < end && !(cut === start - 1 && start > 0);
      out.push({
        rows,
        group: g.label === null ? null : { label: g.label || "（空）", graded: g.graded, q: g.q },
        cut: on && cut !== null ? { after: cut - start, q: g.q, label: quotaText(g.q, g.label) } : null,
      });
      start = end;
    }
  }
  return out;
}

/** The y axis's width: the longest "名次  姓名" of the whole assessment, so that every page has one plot width. */
export function rankingAxisWidth(a: Assessment, t: Theme): number {
  const labels = rankedLeaders(a).map(rowLabel);
  return Math.ceil(Math.max(60, ...labels.map((s) => textWidth(s, t.size.tick)))) + 12;
}

const plotWidthOf = (a: Assessment, t: Theme) =>
  1280 - FRAME_PADDING.left - FRAME_PADDING.right - rankingAxisWidth(a, t);

/**
 * The x-axis maximum shared by every page: a multiple of 10, at least 100, long enough that every bar's
 * label and badges and every quota label end inside the plot.
 */
export function rankingAxisMax(a: Assessment, t: Theme = frameOf(a, { date: "" }).theme): number {
  const width = plotWidthOf(a, t);
  const need: { at: number; extra: number }[] = [];
  for (const l of rankedLeaders(a))
    need.push({ at: l.final ?? 0, extra: labelExtent(l, leaderDecisions(l), t.size.label) + 8 });
  for (const p of rankingPages(a)) {
    if (!p.cut) continue;
    const around = [p.rows[p.cut.after], p.rows[p.cut.after + 1]].filter((l): l is LeaderResult => !!l);
    for (const l of around)
      need.push({
        at: l.final ?? 0,
        extra: labelExtent(l, leaderDecisions(l), t.size.label) + 10 + textWidth(p.cut.label, t.size.label, "bold") + 8,
      });
  }
  let max = Math.max(100, Math.ceil(Math.max(0, ...need.map((n) => n.at)) / 10) * 10);
  while (max < 10000 && need.some((n) => (n.at / max) * width + n.extra > width)) max += 10;
  return max;
}

/**
 * The pending and ungraded list under the last page: who has no grade and why (grouped by the reason), each
 * with the unit; the details are on the portraits and in 考核结果.
 */
export function pendingNote(a: Assessment): string | null {
  const p = notGradedLeaders(a);
  if (p.length === 0) return null;
  const parts: string[] = [];
  for (const grade of ["暂缓评定", "不定等次"] as const) {
    const ls = p.filter((l) => l.grade === grade);
    if (ls.length === 0) continue;
    const groups = new Map<string, LeaderResult[]>();
    for (const l of ls) {
      const what = pendingReason(l)
        .split("；")
        .map((r) => r.replace(/（.*$/, ""))
        .join("、");
      groups.set(what, [...(groups.get(what) ?? []), l]);
    }
    const why = [...groups]
      .map(([what, g]) => `${what}（${g.length} 人）：${g.map((l) => `${l.name}（${l.unit}）`).join("、")}`)
      .join("；");
    parts.push(`${grade} ${ls.length} 人，不参与排名。${why}。`);
  }
  return parts.join("");
}

/** Legend entries for the grades that occur, in grade order. */
export function gradeLegend(f: Frame, grades: Iterable<GradeLabel>): LegendEntry[] {
  const present = new Set(grades);
  return GRADE_ORDER.filter((g) => present.has(g)).map((g) => ({
    label: g,
    kind: "box" as const,
    fill: f.theme.grades[g],
    stroke: shade(f.theme.grades[g], 0.7),
    hatch: HATCHED_GRADES.has(g),
  }));
}

/** The band lines drawn: every band of the method with a lower bound. */
export function bandLines(f: Frame): { grade: string; min: number }[] {
  return bandsOf(f.bands).flatMap((b) => (b.min === null ? [] : [{ grade: b.grade, min: b.min }]));
}

export interface RankingMarksInput {
  rows: readonly LeaderResult[];
  decisions: readonly Decision[][];
  plot: Box;
  xMax: number;
  bands: readonly { grade: string; min: number }[];
  cut: { after: number; label: string } | null;
  /** Size of the score labels and of the badges' text, px. */
  size: number;
  badgeSize?: number;
  /** Left end of the quota line (the page's left edge: the line runs under the names too). */
  cutFrom: number;
  /** A factor on the score labels' estimated width, for labels another renderer draws (default 1). */
  slack?: number;
}

/**
 * Every mark of a ranking page in px: score labels, badges, the quota cut and its label, and the band lines
 * interrupted around them. Shared by the PNG (here) and the deck (deck/native/ranking.ts), each with its own
 * plot and font sizes.
 */
export function rankingMarks(t: Theme, m: RankingMarksInput): AnnotationsSpec {
  const out = emptyAnnotations();
  const x = xScale(m.plot, 0, m.xMax);
  const n = m.rows.length;
  const badgeSize = m.badgeSize ?? BADGE_SIZE;
  const rowEnds: number[] = [];
  m.rows.forEach((l, i) => {
    const band = rowBand(m.plot, n, i);
    const text = scoreLabel(l);
    const lx = x(Math.max(0, l.final ?? 0)) + LABEL_GAP;
    const w = textWidth(text, m.size, "bold") * (m.slack ?? 1);
    const label: Label = {
      text,
      x: lx,
      y: band.middle,
      align: "left",
      size: m.size,
      weight: "bold",
      color: t.text,
      box: labelBox(lx, band.middle, w, m.size, "left"),
      role: `score:${i}`,
    };
    out.labels.push(label);
    let cx = label.box.right + 8;
    const half = Math.min((band.bottom - band.top) / 2 - 1, badgeSize * 0.8);
    m.decisions[i].forEach((d) => {
      const look = badgeLook(t, d);
      const bw = badgeWidth(d.badge, badgeSize);
      const chip: Chip = {
        text: d.badge,
        box: { left: cx, right: cx + bw, top: band.middle - half, bottom: band.middle + half },
        size: badgeSize,
        fill: look.fill,
        stroke: look.stroke,
        color: look.text,
        ...(look.dash ? { dash: look.dash } : {}),
        role: `badge:${i}:${d.rule}`,
      };
      out.chips.push(chip);
      cx += bw + BADGE_GAP;
    });
    rowEnds.push(Math.max(label.box.right, cx - BADGE_GAP));
  });

  const texts: Box[] = [...out.labels.map((l) => l.box), ...out.chips.map((c) => c.box)];
  if (m.cut) {
    const y = m.cut.after < 0 ? m.plot.top : rowBand(m.plot, n, m.cut.after).bottom;
    const around = [rowEnds[m.cut.after], rowEnds[m.cut.after + 1]].filter((v): v is number => v !== undefined);
    const lx = Math.max(m.plot.left + 40, ...around) + 10;
    const w = textWidth(m.cut.label, m.size, "bold");
    const label: Label = {
      text: m.cut.label,
      x: lx,
      y,
      align: "left",
      size: m.size,
      weight: "bold",
      color: t.quota,
      box: labelBox(lx, y, w, m.size, "left"),
      role: "quota",
    };
    out.labels.push(label);
    texts.push(label.box);
    out.over.push({ x1: m.cutFrom, y1: y, x2: lx - 6, y2: y, color: t.quota, width: 2, role: "quota" });
  }

  // The band lines: beneath the bars, interrupted where a label or badge sits on them; labelled above the plot.
  const placed: Box[] = [];
  const labelSize = Math.max(11, m.size - 1);
  for (const b of m.bands) {
    if (b.min <= 0 || b.min >= m.xMax) continue;
    const px = x(b.min);
    for (const s of verticalAround(px, m.plot.top, m.plot.bottom, texts))
      out.under.push({ ...s, color: t.band, width: 1.25, dash: [5, 4], role: `band:${b.min}` });
    const y = m.plot.top - 9;
    const options: [string, "left" | "right"][] = [
      [`${b.grade}线 ${b.min}`, "left"],
      [`${b.grade}线 ${b.min}`, "right"],
      [`${b.min}`, "left"],
    ];
    for (const [text, align] of options) {
      const w = textWidth(text, labelSize, "bold");
      const ax = align === "left" ? px + 4 : px - 4;
      const box = labelBox(ax, y, w, labelSize, align);
      if (box.left < FRAME_PADDING.left || box.right > m.plot.right) continue;
      if (placed.some((p) => overlaps(p, box))) continue;
      placed.push(box);
      out.labels.push({
        text,
        x: ax,
        y,
        align,
        size: labelSize,
        weight: "bold",
        color: t.band,
        box,
        role: `band:${b.min}`,
      });
      break;
    }
  }
  return out;
}

/** Height of a page with n bars and this many note lines: at least 16:9 at 1280 wide, a row per leader. */
export function rankingHeight(n: number, noteLineCount: number): number {
  return Math.max(720, 250 + n * ROW_HEIGHT + noteLineCount * 19);
}

export function rankingCharts(a: Assessment, opts: ChartOptions): ChartSpec[] {
  const f = frameOf(a, opts);
  const t = f.theme;
  const ranked = rankedLeaders(a);
  const decisionsOf = new Map(ranked.map((l) => [l, leaderDecisions(l)]));
  const yWidth = rankingAxisWidth(a, t);
  const xMax = rankingAxisMax(a, t);
  const bands = bandLines(f);
  const all = rankingPages(a);
  const groups = all.length > 0 ? all : [{ rows: [], group: null, cut: null } as RankingPage];
  const pendingText = pendingNote(a);
  const notGraded = a.summary.pending + a.summary.ungraded;
  const count = groups.length;
  const grouped = a.summary.quotaGroups !== null;

  // What the badges mean, for every badge of the whole ranking (the same notes on every page).
  const meanings = new Map<string, string>();
  for (const ds of decisionsOf.values())
    for (const d of ds)
      if (!meanings.has(d.badge))
        meanings.set(
          d.badge,
          d.rule === "votes" && d.open ? "测评票触及票数规则，未自动调整，需集体研究" : BADGE_MEANING[d.rule],
        );
  const badgeNote = meanings.size > 0 ? `标注说明：${[...meanings].map(([b, m]) => `${b}——${m}`).join("；")}。` : null;
  const used = new Set<DecisionRule>([...decisionsOf.values()].flat().map((d) => d.rule));
  const anyOpen = [...decisionsOf.values()].some((ds) => ds.some((d) => d.open));
  const anyCommittee = used.has("committee");
  const anyCut = groups.some((p) => p.cut !== null);

  return groups.map((p, i) => {
    const page = { index: i + 1, count };
    const last = i === count - 1;
    const rows = p.rows;
    const notes: string[] = [];
    if (ranked.length === 0) notes.push("没有已评定的人员。");
    if (badgeNote) notes.push(badgeNote);
    if (grouped)
      notes.push(
        `优秀名额按“${f.quotaGroupColumn ?? "名额分组"}”分组确定：${(a.summary.quotaGroups ?? []).map((g) => `${g.group || "（空）"} ${g.graded} 人、名额 ${g.quota} 人`).join("；")}。名次为全体统一排名。`,
      );
    if (pendingText)
      notes.push(last ? pendingText : `另有 ${notGraded} 人暂缓评定或不定等次，不参与排名，名单见最后一页。`);
    const height = rankingHeight(rows.length, noteLines(notes, t));
    const range = rows.length > 0 && count > 1 ? `，本页名次 ${rows[0].rank}–${rows[rows.length - 1].rank}` : "";
    const subtitle = p.group
      ? `${f.scope} · ${f.quotaGroupColumn ?? "名额分组"}：${p.group.label} · 本组已评定 ${p.group.graded} 人，优秀名额 ${p.group.q} 人${range}`
      : `${f.scope} · 已评定 ${a.summary.graded} 人，优秀名额 ${a.summary.quota} 人${range}`;

    const legend = gradeLegend(
      f,
      ranked.map((l) => l.grade),
    );
    legend.push({
      label: `等次分数线（${bands.map((b) => `${b.grade} ${b.min}`).join("、")}）`,
      kind: "line",
      fill: t.band,
      dash: [5, 4],
      lineWidth: 1.25,
    });
    if (anyCut) legend.push({ label: "优秀名额线", kind: "line", fill: t.quota });
    if (used.size > 0)
      legend.push({ label: "规则确定等次的原因", kind: "chip", fill: t.badge.rule.fill, stroke: t.badge.rule.stroke });
    if (anyOpen)
      legend.push({
        label: "需集体研究",
        kind: "chip",
        fill: t.badge.open.fill,
        stroke: t.badge.open.stroke,
        dash: t.badge.open.dash,
      });
    if (anyCommittee)
      legend.push({
        label: "组织决定",
        kind: "chip",
        fill: t.badge.committee.fill,
        stroke: t.badge.committee.stroke,
      });

    const layout = chartLayout(f, {
      legend,
      notes,
      height,
      subtitle,
      axes: { left: yWidth, bottom: RANKING_X_AXIS },
    });
    const plot = layout.plot as Box;
    const marksFor = (at: Box, size: number, slack = 1) =>
      rankingMarks(t, {
        slack,
        rows,
        decisions: rows.map((l) => decisionsOf.get(l) ?? []),
        plot: at,
        xMax,
        bands,
        cut: p.cut,
        size,
        badgeSize: size - 1,
        cutFrom: FRAME_PADDING.left,
      });
    const marks = marksFor(plot, t.size.label);
    const colors = rows.map((l) => t.grades[l.grade]);
    const hatched = rows.flatMap((l, k) => (HATCHED_GRADES.has(l.grade) ? [k] : []));
    const plugins = [
      barHatch(t, { targets: [{ datasetIndex: 0, indexes: hatched }] }),
      barLabels(t, {
        labels: [
          {
            datasetIndex: 0,
            position: "insideStart",
            texts: rows.map((l) => l.unit),
            color: shade(t.text, 1.25),
            size: t.size.label - 1,
          },
        ],
      }),
      annotations(t, marks),
    ];
    return meetingChart(
      f,
      {
        number: RANKING_NUMBER,
        key: "ranking",
        name: RANKING_NAME,
        titleName: p.group ? `${RANKING_NAME} · ${p.group.label}` : RANKING_NAME,
        kind: "ranking",
        page,
        subtitle,
        legend,
        notes,
        plugins,
        height,
        layout,
        marksFor,
        table: {
          headers: ["排名", "姓名", "单位", "职务", "综合得分", "等次", "标注"],
          rows: rows.map((l) => [
            l.rank,
            l.name,
            l.unit,
            l.position,
            l.final,
            l.grade,
            (decisionsOf.get(l) ?? []).map((d) => d.badge).join("、") || null,
          ]),
          category: 1,
          series: [4],
          formats: ["0", null, null, null, "0.00", null, null],
          resultColumns: ["排名", "姓名", "单位", "职务", "综合得分", "等次", null],
          rowColors: colors,
        },
      },
      (frame) => ({
        type: "bar" as const,
        data: {
          labels: rows.map(rowLabel),
          datasets: [
            {
              label: "综合得分",
              data: rows.map((l) => l.final ?? 0),
              backgroundColor: colors,
              borderColor: colors.map((c) => shade(c, 0.7)),
              borderWidth: 1,
              categoryPercentage: 0.82,
              barPercentage: 0.92,
            },
          ],
        },
        options: {
          ...frame.options,
          indexAxis: "y" as const,
          scales: {
            x: {
              type: "linear" as const,
              min: 0,
              max: xMax,
              ...valueAxisStyle(t),
              ticks: { ...valueAxisStyle(t).ticks, stepSize: 10 },
              title: axisTitle(t, "综合得分"),
              ...fixedHeight(RANKING_X_AXIS),
            },
            y: {
              ...categoryAxis(t, { color: t.text, font: font(t, t.size.tick), autoSkip: false }),
              ...fixedWidth(yWidth),
            },
          },
        },
        plugins: frame.plugins,
      }),
    );
  });
}
