/**
 * 等次分布: leaders per grade, coloured by grade, with the 优秀 quota q as a line across the 优秀 bar and under
 * the 优秀 category ("名额 4 人"); with quota groups (docs/method.md §10.3), one cluster of grade bars per group,
 * each with its own quota. 暂缓评定 and 不定等次 are not grades: their bars stand apart behind a divider, pale,
 * outlined in dots, and count in no share. A note says what the caps and the quota did.
 */
import type { Assessment } from "../engine/types";
import { GRADE_ORDER, type GradeLabel } from "../workbook/gradeColors";
import { PENDING_GRADE, UNGRADED_GRADE } from "../engine/types";
import { annotations, emptyAnnotations, labelBox, type AnnotationsSpec } from "./annotations";
import {
  axisTitle,
  categoryAxis,
  chartLayout,
  fixedHeight,
  fixedWidth,
  frameOf,
  meetingChart,
  valueAxisStyle,
  type Frame,
} from "./frame";
import { crosses, horizontalAround, yScale, type Box } from "./geometry";
import { barHatch, type LegendEntry } from "./plugins";
import { gradeLegend } from "./ranking";
import { textWidth } from "./text";
import { alpha, font, HATCHED_GRADES, NOT_GRADE_DASH, NOT_GRADES, shade, type Theme } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const DISTRIBUTION_NUMBER = 2;
export const DISTRIBUTION_NAME = "等次分布";
const Y_AXIS = 56;
const X_AXIS = 64;
const CATEGORY_PERCENT = 0.8;
const BAR_PERCENT = 0.62;

export interface GradeCounts {
  grades: GradeLabel[];
  counts: number[];
  graded: number;
  quota: number;
  /** The quota percent of the method (from any graded leader's explanation), or null without graded leaders. */
  quotaPercent: number | null;
  /** Graded leaders whose score reached the 优秀 band. */
  bandExcellent: number;
  /** … of whom a cap (votes, veto, still in loss, a circumstance) lowered the grade. */
  capped: number;
  /** … of whom the quota moved to 称职 (超出优秀名额), and those at a shared boundary rank (并列处于名额边界). */
  overQuota: number;
  quotaTie: number;
}

export function gradeCounts(a: Assessment): GradeCounts {
  const grades = GRADE_ORDER.filter(
    (g) => (g !== PENDING_GRADE || a.summary.pending > 0) && (g !== UNGRADED_GRADE || a.summary.ungraded > 0),
  );
  const counts = grades.map((g) => a.leaders.filter((l) => l.grade === g).length);
  const graded = a.leaders.filter((l) => l.status === "graded");
  const band = graded.filter((l) => l.explain.grade.band === "优秀");
  return {
    grades,
    counts,
    graded: a.summary.graded,
    quota: a.summary.quota,
    quotaPercent: graded[0]?.explain.grade.quota.percent ?? null,
    bandExcellent: band.length,
    capped: band.filter((l) => l.explain.grade.afterCaps !== "优秀").length,
    overQuota: band.filter((l) => l.explain.grade.quota.decision === "excellentQuota").length,
    quotaTie: band.filter((l) => l.explain.grade.quota.decision === "quotaTie").length,
  };
}

/** A bar's fill: its grade's colour; 暂缓评定 and 不定等次 pale (their outline is dotted: see the marks). */
export function barFill(t: Theme, g: GradeLabel): string {
  return NOT_GRADES.has(g) ? alpha(t.grades[g], 0.35) : t.grades[g];
}

/** One cluster of bars: a quota group, or everyone. */
interface Cluster {
  label: string | null;
  graded: number;
  q: number;
  counts: number[];
}

function clustersOf(a: Assessment, grades: readonly GradeLabel[]): Cluster[] {
  const groups = a.summary.quotaGroups;
  if (!groups) {
    return [
      {
        label: null,
        graded: a.summary.graded,
        q: a.summary.quota,
        counts: grades.map((g) => a.leaders.filter((l) => l.grade === g).length),
      },
    ];
  }
  return groups.map((grp) => {
    const mine = a.leaders.filter((l) => (l.explain.grade.quota.group ?? "") === grp.group);
    return {
      label: grp.group || "（空）",
      graded: grp.graded,
      q: grp.quota,
      counts: grades.map((g) => mine.filter((l) => l.grade === g).length),
    };
  });
}

export interface DistributionBar {
  grade: GradeLabel;
  cluster: number;
  count: number;
  box: Box;
}

/**
 * Where each bar is, in px: categories are the grades (one cluster) or the quota groups (a bar per grade in
 * each), as Chart.js places grouped bars.
 */
export function distributionBars(
  plot: Box,
  grades: readonly GradeLabel[],
  clusters: readonly Cluster[],
  yMax: number,
): DistributionBar[] {
  const y = yScale(plot, 0, yMax);
  const grouped = clusters.length > 1 || clusters[0]?.label !== null;
  const cats = grouped ? clusters.length : grades.length;
  const band = (plot.right - plot.left) / cats;
  const out: DistributionBar[] = [];
  clusters.forEach((c, ci) =>
    grades.forEach((g, gi) => {
      const cat = grouped ? ci : gi;
      const slots = grouped ? grades.length : 1;
      const slot = (band * CATEGORY_PERCENT) / slots;
      const cx = plot.left + (cat + 0.5) * band - (band * CATEGORY_PERCENT) / 2 + ((grouped ? gi : 0) + 0.5) * slot;
      const half = (slot * BAR_PERCENT) / 2;
      out.push({
        grade: g,
        cluster: ci,
        count: c.counts[gi],
        box: { left: cx - half, right: cx + half, top: y(c.counts[gi]), bottom: plot.bottom },
      });
    }),
  );
  return out;
}

/** The value labels, the quota lines across the 优秀 bars, the dotted outlines of the non-grades, the divider. */
export function distributionMarks(
  t: Theme,
  plot: Box,
  grades: readonly GradeLabel[],
  clusters: readonly Cluster[],
  yMax: number,
  size: number,
  text: (b: DistributionBar) => string,
): AnnotationsSpec {
  const out = emptyAnnotations();
  const y = yScale(plot, 0, yMax);
  const bars = distributionBars(plot, grades, clusters, yMax);
  const quotaAt = (b: DistributionBar) =>
    b.grade === "优秀" && clusters[b.cluster].graded > 0 ? y(clusters[b.cluster].q) : null;
  for (const b of bars) {
    const label = text(b);
    const w = textWidth(label, size, "bold");
    const cx = (b.box.left + b.box.right) / 2;
    let ly = b.box.top - 4 - size * 0.62;
    let box = labelBox(cx, ly, w, size, "center");
    const q = quotaAt(b);
    const line = q === null ? null : { x1: b.box.left - 8, y1: q, x2: b.box.right + 8, y2: q };
    if (line && q !== null && crosses(line, box)) {
      ly = Math.min(ly, q - 4 - size * 0.62);
      box = labelBox(cx, ly, w, size, "center");
    }
    out.labels.push({
      text: label,
      x: cx,
      y: ly,
      align: "center",
      size,
      weight: "bold",
      color: t.text,
      box,
      role: `count:${b.cluster}:${b.grade}`,
    });
    if (NOT_GRADES.has(b.grade) && b.count > 0)
      for (const [x1, y1, x2, y2] of [
        [b.box.left, b.box.top, b.box.right, b.box.top],
        [b.box.right, b.box.top, b.box.right, b.box.bottom],
        [b.box.left, b.box.top, b.box.left, b.box.bottom],
      ])
        out.over.push({
          x1,
          y1,
          x2,
          y2,
          color: shade(t.grades[b.grade], 0.45),
          width: 1.5,
          dash: NOT_GRADE_DASH,
          role: `outline:${b.grade}`,
        });
  }
  for (const b of bars) {
    const q = quotaAt(b);
    if (q === null) continue;
    for (const s of horizontalAround(
      q,
      b.box.left - 8,
      b.box.right + 8,
      out.labels.map((l) => l.box),
    ))
      out.over.push({ ...s, color: t.quota, width: 2.5, dash: [7, 4], role: `quota:${b.cluster}` });
  }
  // The divider between the grades and what is not a grade (one cluster: between the categories).
  const first = grades.findIndex((g) => NOT_GRADES.has(g));
  if (first > 0 && clusters.length === 1 && clusters[0].label === null) {
    const band = (plot.right - plot.left) / grades.length;
    const x = plot.left + first * band;
    out.under.push({
      x1: x,
      y1: plot.top,
      x2: x,
      y2: plot.bottom,
      color: t.axis,
      width: 1,
      dash: [2, 3],
      role: "divider",
    });
  }
  return out;
}

export function distributionChart(a: Assessment, opts: ChartOptions): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const c = gradeCounts(a);
  const clusters = clustersOf(a, c.grades);
  const grouped = a.summary.quotaGroups !== null;
  const notGraded = a.summary.pending + a.summary.ungraded;
  const subtitle = `${f.scope} · 共 ${a.leaders.length} 人，已评定 ${c.graded} 人${
    notGraded > 0
      ? `；${c.grades
          .filter((g) => NOT_GRADES.has(g))
          .map((g) => `${g} ${c.counts[c.grades.indexOf(g)]} 人`)
          .join("、")}（不是等次，不计入比例）`
      : ""
  }`;
  const rounding = a.leaders.find((l) => l.status === "graded")?.explain.grade.quota.rounding ?? "floor";
  const formula = (n: number, q: number) =>
    rounding === "round"
      ? `max(1, 四舍五入(${n}${c.quotaPercent === null ? "" : ` × ${c.quotaPercent}%`})) = ${q}`
      : `max(1, ⌊${n}${c.quotaPercent === null ? "" : ` × ${c.quotaPercent}%`}⌋) = ${q}`;
  const notes: string[] = [];
  if (c.graded > 0) {
    notes.push(
      grouped
        ? `优秀名额按“${f.quotaGroupColumn ?? "名额分组"}”分组确定：${clusters.map((k) => `${k.label} ${formula(k.graded, k.q)} 人`).join("；")}。`
        : `优秀名额 q = ${formula(c.graded, c.quota)} 人；比例以已评定人数为基数。`,
    );
    const parts = [`综合得分达到优秀分数线 ${c.bandExcellent} 人`];
    if (c.capped > 0) parts.push(`因测评票、否决事项、亏损或个人情况限制等次 ${c.capped} 人`);
    if (c.overQuota > 0) parts.push(`超出优秀名额调整为称职 ${c.overQuota} 人`);
    if (c.quotaTie > 0) parts.push(`并列处于名额边界、需集体研究 ${c.quotaTie} 人`);
    parts.push(`最终评为优秀 ${a.summary.excellent} 人`);
    notes.push(`${parts.join("；")}。`);
  }
  const top = Math.max(4, Math.ceil(Math.max(...clusters.flatMap((k) => [...k.counts, k.q])) * 1.25));
  const yStep = [1, 2, 5, 10, 20, 50, 100].find((s) => top / s <= 10) ?? 100;
  const yMax = Math.ceil(top / yStep) * yStep;
  const share = (n: number, g: GradeLabel, graded: number) =>
    NOT_GRADES.has(g) || graded === 0 || grouped ? `${n} 人` : `${n} 人（${((100 * n) / graded).toFixed(1)}%）`;

  const legend: LegendEntry[] = grouped ? gradeLegend(f, c.grades) : [];
  if (grouped)
    for (const e of legend)
      if (NOT_GRADES.has(e.label as GradeLabel)) {
        e.fill = barFill(t, e.label as GradeLabel);
        e.stroke = shade(t.grades[e.label as GradeLabel], 0.45);
      }
  legend.push({
    label: grouped ? "各组优秀名额" : `优秀名额 ${c.quota} 人`,
    kind: "line",
    fill: t.quota,
    dash: [7, 4],
    lineWidth: 2.5,
  });
  const layout = chartLayout(f, { legend, notes, height: 720, subtitle, axes: { left: Y_AXIS, bottom: X_AXIS } });
  const plot = layout.plot as Box;
  const marksFor = (at: Box, size: number) =>
    distributionMarks(t, at, c.grades, clusters, yMax, size, (b) =>
      share(b.count, b.grade, clusters[b.cluster].graded),
    );
  const marks = marksFor(plot, t.size.legend);
  const categoryLabels: (string | string[])[] = grouped
    ? clusters.map((k) => [k.label ?? "", `已评定 ${k.graded} 人 · 名额 ${k.q} 人`])
    : c.grades.map((g) =>
        g === "优秀" && c.graded > 0 ? [g, `名额 ${c.quota} 人`] : NOT_GRADES.has(g) ? [g, "（未评定等次）"] : g,
      );
  const datasets = grouped
    ? c.grades.map((g, gi) => ({
        label: g,
        data: clusters.map((k) => k.counts[gi]),
        backgroundColor: barFill(t, g),
        borderColor: NOT_GRADES.has(g) ? "rgba(0,0,0,0)" : shade(t.grades[g], 0.7),
        borderWidth: 1,
        categoryPercentage: CATEGORY_PERCENT,
        barPercentage: BAR_PERCENT,
      }))
    : [
        {
          label: "人数",
          data: c.counts,
          backgroundColor: c.grades.map((g) => barFill(t, g)),
          borderColor: c.grades.map((g) => (NOT_GRADES.has(g) ? "rgba(0,0,0,0)" : shade(t.grades[g], 0.7))),
          borderWidth: 1,
          categoryPercentage: CATEGORY_PERCENT,
          barPercentage: BAR_PERCENT,
        },
      ];
  const hatch = grouped
    ? c.grades.flatMap((g, i) => (HATCHED_GRADES.has(g) ? [{ datasetIndex: i }] : []))
    : [{ datasetIndex: 0, indexes: c.grades.flatMap((g, i) => (HATCHED_GRADES.has(g) ? [i] : [])) }];

  return meetingChart(
    f,
    {
      number: DISTRIBUTION_NUMBER,
      key: "distribution",
      name: DISTRIBUTION_NAME,
      kind: "distribution",
      subtitle,
      legend,
      notes,
      plugins: [barHatch(t, { targets: hatch }), annotations(t, marks)],
      height: 720,
      layout,
      marksFor,
      table: distributionTable(f, c, clusters, grouped),
    },
    (frame) => ({
      type: "bar" as const,
      data: { labels: categoryLabels, datasets },
      options: {
        ...frame.options,
        scales: {
          x: {
            ...categoryAxis(t, { color: t.text, font: font(t, t.size.legend, "bold") }),
            ...fixedHeight(X_AXIS),
          },
          y: {
            type: "linear" as const,
            min: 0,
            max: yMax,
            ...valueAxisStyle(t),
            ticks: { ...valueAxisStyle(t).ticks, precision: 0, stepSize: yStep },
            title: axisTitle(t, "人数"),
            ...fixedWidth(Y_AXIS),
          },
        },
      },
      plugins: frame.plugins,
    }),
  );
}

/** One row per grade (and per quota group when grouped): count, share of the graded, the group's quota. */
function distributionTable(f: Frame, c: GradeCounts, clusters: readonly Cluster[], grouped: boolean) {
  const t = f.theme;
  if (!grouped)
    return {
      headers: ["等次", "人数", "占已评定比例", "优秀名额"],
      rows: c.grades.map((g, i) => [
        g,
        c.counts[i],
        NOT_GRADES.has(g) || c.graded === 0 ? null : c.counts[i] / c.graded,
        g === "优秀" ? c.quota : null,
      ]),
      category: 0,
      series: [1],
      formats: [null, "0", "0.0%", "0"],
      resultColumns: ["等次", null, null, null],
      rowColors: c.grades.map((g) => t.grades[g]),
    };
  return {
    headers: ["等次", ...clusters.map((k) => k.label ?? ""), "合计", "优秀名额"],
    rows: c.grades.map((g, i) => [
      g,
      ...clusters.map((k) => k.counts[i]),
      c.counts[i],
      g === "优秀" ? clusters.map((k) => `${k.label} ${k.q}`).join("、") : null,
    ]),
    category: 0,
    series: clusters.map((_, i) => i + 1),
    formats: [null, ...clusters.map(() => "0"), "0", null],
    resultColumns: ["等次", ...clusters.map(() => null), null, null],
    rowColors: c.grades.map((g) => t.grades[g]),
  };
}
