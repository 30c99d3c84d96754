/**
 * 工作业绩 × 民主测评: one point per leader with both scores, shape and colour by grade, the medians of both
 * axes as dashed lines that cut the plane into four named quadrants.
 *
 * Names: up to QUADRANT_LABEL_ALL points every point is named (a label goes to the first free place around
 * its point, else to the right regardless). Beyond that only the QUADRANT_LABEL_MAX points farthest from the
 * medians (each axis scaled by its spread) are candidates, and each is named only where its label fits — the
 * leaders a meeting asks about; the table behind the chart lists everyone.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { GRADE_ORDER } from "../workbook/gradeColors";
import { median, round2 } from "./data";
import { axisTitle, frameOf, meetingChart, valueAxisStyle } from "./frame";
import { pointLabels, quadrants, referenceLines, type LegendEntry, type PointLabel } from "./plugins";
import { alpha, GRADE_POINT_STYLE, shade } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const QUADRANT_NUMBER = 3;
export const QUADRANT_NAME = "工作业绩与民主测评";
export const QUADRANT_LABEL_ALL = 40;
export const QUADRANT_LABEL_MAX = 30;

/** Top-right, top-left, bottom-left, bottom-right. */
export const QUADRANT_NAMES: [string, string, string, string] = [
  "业绩好 · 测评好",
  "业绩待提升 · 测评好",
  "业绩、测评均待提升",
  "业绩好 · 测评待提升",
];

/** The data range with a margin, widened to whole steps of 1, 2, 5 or 10 so that both ends carry a tick. */
export function axisRange(values: readonly number[]): { min: number; max: number; stepSize: number } {
  if (values.length === 0) return { min: 0, max: 100, stepSize: 10 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(1, (hi - lo) * 0.08);
  const stepSize = [1, 2, 5, 10, 20].find((s) => (hi - lo + 2 * pad) / s <= 10) ?? 20;
  return {
    min: Math.floor((lo - pad) / stepSize) * stepSize,
    max: Math.ceil((hi + pad) / stepSize) * stepSize,
    stepSize,
  };
}

/** Which leaders get a name label, and with what priority (distance from the medians). */
export function labelPlan(
  points: { work: number; democratic: number }[],
  mx: number,
  my: number,
): { priority: number; must: boolean; candidate: boolean }[] {
  const spread = (xs: number[]) => Math.max(1e-9, Math.max(...xs) - Math.min(...xs));
  const sx = spread(points.map((p) => p.work));
  const sy = spread(points.map((p) => p.democratic));
  const dist = points.map((p) => Math.hypot((p.work - mx) / sx, (p.democratic - my) / sy));
  if (points.length <= QUADRANT_LABEL_ALL) return dist.map((d) => ({ priority: d, must: true, candidate: true }));
  const cut = [...dist].sort((a, b) => b - a)[QUADRANT_LABEL_MAX - 1];
  let taken = 0;
  return dist.map((d) => {
    const candidate = d >= cut && taken < QUADRANT_LABEL_MAX;
    if (candidate) taken++;
    return { priority: d, must: false, candidate };
  });
}

export function quadrantChart(a: Assessment, opts: ChartOptions): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const plotted = a.leaders.filter(
    (l): l is LeaderResult & { work: number; democratic: number } => l.work !== null && l.democratic !== null,
  );
  const left = a.leaders.filter((l) => l.work === null || l.democratic === null);
  const mx = median(plotted.map((l) => l.work));
  const my = median(plotted.map((l) => l.democratic));
  const xr = axisRange(plotted.map((l) => l.work));
  const yr = axisRange(plotted.map((l) => l.democratic));
  const subtitle = `${f.scope} · ${plotted.length} 人；虚线为两项得分的中位数，四个象限按中位数划分`;

  const grades = GRADE_ORDER.filter((g) => plotted.some((l) => l.grade === g));
  const byGrade = grades.map((g) => plotted.filter((l) => l.grade === g));
  const plan = labelPlan(plotted, mx ?? 0, my ?? 0);
  const labels: PointLabel[] = [];
  byGrade.forEach((ls, d) =>
    ls.forEach((l, i) => {
      const p = plan[plotted.indexOf(l)];
      if (p.candidate) labels.push({ datasetIndex: d, index: i, text: l.name, priority: p.priority, must: p.must });
    }),
  );
  const radius = plotted.length <= QUADRANT_LABEL_ALL ? 7 : plotted.length <= 120 ? 5.5 : 4.5;

  const legend: LegendEntry[] = grades.map((g) => ({
    label: g,
    kind: "point",
    fill: t.grades[g],
    stroke: shade(t.grades[g], 0.55),
    pointStyle: GRADE_POINT_STYLE[g],
  }));
  if (mx !== null)
    legend.push({
      label: `中位数（工作业绩 ${round2(mx).toFixed(2)}，民主测评 ${round2(my ?? 0).toFixed(2)}）`,
      kind: "line",
      fill: t.median,
      dash: [6, 4],
    });
  const notes: string[] = [];
  if (plotted.length > QUADRANT_LABEL_ALL)
    notes.push(`人数较多，仅标注离中位数最远的部分人员姓名（至多 ${QUADRANT_LABEL_MAX} 人）；全部人员见数据表。`);
  if (left.length > 0) {
    notes.push(
      left.length <= 12
        ? `未绘出（工作业绩或民主测评缺失，${left.length} 人）：${left.map((l) => `${l.name}（${l.unit}）`).join("、")}`
        : `未绘出 ${left.length} 人（工作业绩或民主测评缺失），名单见综合得分排名的暂缓评定说明。`,
    );
  }

  const plugins = [
    ...(mx !== null && my !== null
      ? [
          quadrants(t, {
            xScaleId: "x",
            yScaleId: "y",
            x: mx,
            y: my,
            names: QUADRANT_NAMES,
            tints: [alpha(t.grades["优秀"], 0.1), null, alpha(t.grades["不称职"], 0.1), null],
          }),
          referenceLines("kp-medians", t, {
            layer: "under",
            lines: [
              { scaleId: "x", value: mx, color: t.median, dash: [6, 4], lineWidth: 1.5 },
              { scaleId: "y", value: my, color: t.median, dash: [6, 4], lineWidth: 1.5 },
            ],
          }),
        ]
      : []),
    pointLabels(t, { labels, size: plotted.length <= QUADRANT_LABEL_ALL ? t.size.label : t.size.label - 1 }),
  ];

  return meetingChart(
    f,
    {
      number: QUADRANT_NUMBER,
      key: "quadrant",
      name: QUADRANT_NAME,
      titleName: "工作业绩 × 民主测评",
      kind: "quadrant",
      subtitle,
      legend,
      notes,
      plugins,
      height: 760,
      table: {
        headers: ["姓名", "单位", "工作业绩", "民主测评", "综合得分", "等次", "象限"],
        rows: plotted.map((l) => [
          l.name,
          l.unit,
          l.work,
          l.democratic,
          l.final,
          l.grade,
          mx === null || my === null ? null : quadrantOf(l.work, l.democratic, mx, my),
        ]),
        category: 0,
        series: [2, 3],
        formats: [null, null, "0.00", "0.00", "0.00", null, null],
        resultColumns: ["姓名", "单位", "工作业绩", "民主测评", "综合得分", "等次", null],
        rowColors: plotted.map((l) => t.grades[l.grade]),
      },
    },
    (frame) => ({
      type: "scatter" as const,
      data: {
        datasets: byGrade.map((ls, d) => ({
          label: grades[d],
          data: ls.map((l) => ({ x: l.work, y: l.democratic })),
          pointStyle: GRADE_POINT_STYLE[grades[d]],
          pointRadius: grades[d] === "优秀" ? radius * 1.2 : radius,
          pointBorderWidth: 1.5,
          backgroundColor: t.grades[grades[d]],
          borderColor: shade(t.grades[grades[d]], 0.55),
        })),
      },
      options: {
        ...frame.options,
        scales: {
          x: {
            type: "linear" as const,
            min: xr.min,
            max: xr.max,
            ...valueAxisStyle(t),
            ticks: { ...valueAxisStyle(t).ticks, stepSize: xr.stepSize },
            title: axisTitle(t, "工作业绩（P）"),
          },
          y: {
            type: "linear" as const,
            min: yr.min,
            max: yr.max,
            ...valueAxisStyle(t),
            ticks: { ...valueAxisStyle(t).ticks, stepSize: yr.stepSize },
            title: axisTitle(t, "民主测评（D）"),
          },
        },
      },
      plugins: frame.plugins,
    }),
  );
}

/** The quadrant's name; on a median line a leader counts as the better side. */
export function quadrantOf(work: number, democratic: number, mx: number, my: number): string {
  const right = work >= mx;
  const top = democratic >= my;
  return QUADRANT_NAMES[top ? (right ? 0 : 1) : right ? 3 : 2];
}
