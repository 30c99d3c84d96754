/**
 * 等次分布: leaders per grade (暂缓评定 too when there are any), coloured by grade, with the 优秀 quota q
 * marked as a line across the 优秀 bar, and a note on what the caps and the quota did.
 */
import type { Assessment } from "../engine/types";
import { GRADE_ORDER, type GradeLabel } from "../workbook/gradeColors";
import { PENDING_GRADE, UNGRADED_GRADE } from "../engine/types";
import { axisTitle, categoryAxis, frameOf, meetingChart, valueAxisStyle } from "./frame";
import { barHatch, barLabels, referenceLines } from "./plugins";
import { font, HATCHED_GRADES, shade } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const DISTRIBUTION_NUMBER = 2;
export const DISTRIBUTION_NAME = "等次分布";

export interface GradeCounts {
  grades: GradeLabel[];
  counts: number[];
  graded: number;
  quota: number;
  /** The quota percent of the method (from any graded leader's explanation), or null without graded leaders. */
  quotaPercent: number | null;
  /** Graded leaders whose score reached the 优秀 band. */
  bandExcellent: number;
  /** … of whom a cap (votes, veto, still in loss) lowered the grade. */
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

export function distributionChart(a: Assessment, opts: ChartOptions): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const c = gradeCounts(a);
  const subtitle = `${f.scope} · 共 ${a.leaders.length} 人，已评定 ${c.graded} 人${a.summary.pending > 0 ? `，暂缓评定 ${a.summary.pending} 人` : ""}`;
  const colors = c.grades.map((g) => t.grades[g]);
  const share = (n: number, g: GradeLabel) =>
    g === PENDING_GRADE || g === UNGRADED_GRADE || c.graded === 0
      ? `${n} 人`
      : `${n} 人（${((100 * n) / c.graded).toFixed(1)}%）`;
  const excellentIndex = c.grades.indexOf("优秀");
  const quotaLabel = `优秀名额 ${c.quota} 人`;
  const notes: string[] = [];
  if (c.graded > 0) {
    const pct = c.quotaPercent === null ? "" : ` × ${c.quotaPercent}%`;
    notes.push(`优秀名额 q = max(1, ⌊已评定人数 ${c.graded}${pct}⌋) = ${c.quota} 人；比例以已评定人数为基数。`);
    const parts = [`综合得分达到优秀分数线 ${c.bandExcellent} 人`];
    if (c.capped > 0) parts.push(`因测评票、否决事项或仍处于亏损而限制等次 ${c.capped} 人`);
    if (c.overQuota > 0) parts.push(`超出优秀名额调整为称职 ${c.overQuota} 人`);
    if (c.quotaTie > 0) parts.push(`并列处于名额边界、需集体研究 ${c.quotaTie} 人`);
    parts.push(`最终评为优秀 ${a.summary.excellent} 人`);
    notes.push(`${parts.join("；")}。`);
  }
  const top = Math.max(4, Math.ceil(Math.max(...c.counts, c.quota) * 1.2));
  const yStep = [1, 2, 5, 10, 20, 50, 100].find((s) => top / s <= 10) ?? 100;
  const yMax = Math.ceil(top / yStep) * yStep;

  const plugins = [
    barHatch(t, {
      targets: [{ datasetIndex: 0, indexes: c.grades.flatMap((g, i) => (HATCHED_GRADES.has(g) ? [i] : [])) }],
    }),
    referenceLines("kp-quota", t, {
      layer: "over",
      lines:
        excellentIndex < 0 || c.graded === 0
          ? []
          : [
              {
                scaleId: "y",
                value: c.quota,
                label: quotaLabel,
                color: t.quota,
                dash: [7, 4],
                lineWidth: 2.5,
                category: { scaleId: "x", index: excellentIndex, share: 0.78 },
              },
            ],
    }),
    barLabels(t, {
      labels: [
        {
          datasetIndex: 0,
          position: "top",
          texts: c.counts.map((n, i) => share(n, c.grades[i])),
          size: t.size.legend,
          weight: "bold",
        },
      ],
    }),
  ];

  return meetingChart(
    f,
    {
      number: DISTRIBUTION_NUMBER,
      key: "distribution",
      name: DISTRIBUTION_NAME,
      kind: "distribution",
      subtitle,
      notes,
      plugins,
      height: 720,
      table: {
        headers: ["等次", "人数", "占已评定比例", "优秀名额"],
        rows: c.grades.map((g, i) => [
          g,
          c.counts[i],
          g === PENDING_GRADE || g === UNGRADED_GRADE || c.graded === 0 ? null : c.counts[i] / c.graded,
          g === "优秀" ? c.quota : null,
        ]),
        category: 0,
        series: [1],
        formats: [null, "0", "0.0%", "0"],
        resultColumns: ["等次", null, null, null],
        rowColors: colors,
      },
    },
    (frame) => ({
      type: "bar" as const,
      data: {
        labels: c.grades,
        datasets: [
          {
            label: "人数",
            data: c.counts,
            backgroundColor: colors,
            borderColor: colors.map((x) => shade(x, 0.7)),
            borderWidth: 1,
            categoryPercentage: 0.8,
            barPercentage: 0.62,
          },
        ],
      },
      options: {
        ...frame.options,
        scales: {
          x: categoryAxis(t, { color: t.text, font: font(t, t.size.legend, "bold") }),
          y: {
            type: "linear" as const,
            min: 0,
            max: yMax,
            ...valueAxisStyle(t),
            ticks: { ...valueAxisStyle(t).ticks, precision: 0, stepSize: yStep },
            title: axisTitle(t, "人数"),
          },
        },
      },
      plugins: frame.plugins,
    }),
  );
}
