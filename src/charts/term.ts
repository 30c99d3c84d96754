/**
 * 任期考核 for one leader (docs/method.md §14): the yearly 综合得分 as a line over the years, each point in its
 * grade's colour, and the term score as a dashed level across the term; a year without a score is a gap, and
 * the notes say each year's score and grade, the years missing and the consecutiveLow flag.
 */
import type { TermLeader } from "../app/term";
import { GRADE_COLORS, type GradeLabel } from "../workbook/gradeColors";
import { axisTitle, DEFAULT_SCOPE, type Frame, meetingChart, valueAxisStyle } from "./frame";
import type { LegendEntry } from "./plugins";
import { defaultTheme } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const TERM_NUMBER = 8;
export const TERM_NAME = "任期考核得分走势";

/** The points of the line: the years with a score, in year order. */
export function termPoints(l: TermLeader): { x: number; y: number; grade: string }[] {
  return [...l.years]
    .filter((y) => y.final !== null)
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ x: y.year, y: y.final as number, grade: y.grade }));
}

/** The y axis: from below the lowest to above the highest score (and the term score), on steps of 5. */
export function termScoreAxis(l: TermLeader): { min: number; max: number } {
  const values = [...termPoints(l).map((p) => p.y), ...(l.termScore === null ? [] : [l.termScore])];
  if (values.length === 0) return { min: 0, max: 100 };
  const min = Math.max(0, Math.floor((Math.min(...values) - 5) / 5) * 5);
  const max = Math.ceil((Math.max(...values) + 5) / 5) * 5;
  return { min, max };
}

export function termNotes(l: TermLeader, years: readonly { year: number; weight: number }[]): string[] {
  const byYear = new Map(l.years.map((y) => [y.year, y]));
  const each = years.map((y) => {
    const x = byYear.get(y.year);
    if (!x) return `${y.year}年：缺少`;
    return `${y.year}年：${x.final === null ? "—" : x.final.toFixed(2)} ${x.grade}`;
  });
  const notes = [`${each.join("；")}。权重 ${years.map((y) => y.weight).join(" : ")}。`];
  notes.push(
    l.termScore === null ? "没有可计入的年度，任期得分空缺。" : `任期得分 ${l.termScore.toFixed(2)}（虚线）。`,
  );
  for (const f of l.flags) notes.push(f.message);
  return notes;
}

export function termTrendChart(
  l: TermLeader,
  years: readonly { year: number; weight: number }[],
  opts: ChartOptions,
): ChartSpec {
  const t = opts.theme ?? defaultTheme();
  const first = years.length > 0 ? years[0].year : 0;
  const last = years.length > 0 ? years[years.length - 1].year : 0;
  const f: Frame = {
    year: first === last ? String(first) : `${first}–${last}`,
    scope: opts.scope ?? DEFAULT_SCOPE,
    date: opts.date,
    theme: t,
    locale: opts.locale ?? "zh-CN",
    bands: undefined,
    quotaGroupColumn: null,
    bare: false,
  };
  const points = termPoints(l);
  const axis = termScoreAxis(l);
  const colour = (g: string) => GRADE_COLORS[g as GradeLabel] ?? t.muted;
  const legend: LegendEntry[] = [
    { label: "综合得分", kind: "line", fill: t.text, lineWidth: 2 },
    { label: "任期得分", kind: "line", fill: t.quota, dash: [6, 4], lineWidth: 2 },
  ];
  return meetingChart(
    f,
    {
      number: TERM_NUMBER,
      key: "term",
      name: `${TERM_NAME}-${l.name}`,
      titleName: `${TERM_NAME}：${l.name}`,
      kind: "term",
      subtitle: `${l.unit} · ${f.scope}`,
      legend,
      notes: termNotes(l, years),
      plugins: [],
      height: 520,
      table: {
        headers: ["年度", "综合得分", "等次"],
        rows: years.map((y) => {
          const x = l.years.find((v) => v.year === y.year);
          return [String(y.year), x ? x.final : null, x ? x.grade : "缺少"];
        }),
        category: 0,
        series: [1],
        formats: [null, "0.00", null],
        resultColumns: [null, "综合得分", "等次"],
      },
    },
    (frame) => ({
      type: "scatter",
      data: {
        datasets: [
          {
            label: "综合得分",
            data: points.map((p) => ({ x: p.x, y: p.y })),
            showLine: true,
            borderColor: t.text,
            borderWidth: 2,
            pointRadius: 7,
            pointBackgroundColor: points.map((p) => colour(p.grade)),
            pointBorderColor: t.text,
          },
          ...(l.termScore === null
            ? []
            : [
                {
                  label: "任期得分",
                  data: [
                    { x: first, y: l.termScore },
                    { x: last, y: l.termScore },
                  ],
                  showLine: true,
                  borderColor: t.quota,
                  borderDash: [6, 4],
                  borderWidth: 2,
                  pointRadius: 0,
                },
              ]),
        ],
      },
      options: {
        ...frame.options,
        scales: {
          x: {
            type: "linear",
            min: first - 0.5,
            max: last + 0.5,
            ...valueAxisStyle(t),
            // The years as ticks, not the axis's half-year ends.
            afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
              scale.ticks = years.map((y) => ({ value: y.year }));
            },
            ticks: { ...valueAxisStyle(t).ticks, callback: (v: number | string) => String(v) },
            title: axisTitle(t, "年度"),
          },
          y: { type: "linear", ...axis, ...valueAxisStyle(t), title: axisTitle(t, "综合得分") },
        },
      },
      plugins: frame.plugins,
    }),
  );
}
