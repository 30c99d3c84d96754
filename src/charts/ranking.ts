/**
 * 综合得分排名: horizontal bars in rank order from zero, coloured by grade, each labelled with its score and
 * grade (the grade reads without colour), the unit inside the bar, the mean of the graded leaders as a dashed
 * line. Pending leaders have no score: they are listed under the plot, not drawn as bars. More than
 * RANKING_ROWS_PER_PAGE leaders split into even pages that share one scale.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { GRADE_ORDER, type GradeLabel } from "../workbook/gradeColors";
import { mean, pages, pendingLeaders, pendingReason, rankedLeaders, round2 } from "./data";
import { axisTitle, categoryAxis, frameOf, meetingChart, noteLines, valueAxisStyle, type Frame } from "./frame";
import { barHatch, barLabels, referenceLines, type LegendEntry } from "./plugins";
import { font, HATCHED_GRADES, shade } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const RANKING_NUMBER = 1;
export const RANKING_NAME = "综合得分排名";
/** Bars per page; more leaders split into pages. */
export const RANKING_ROWS_PER_PAGE = 30;
/** CSS px per bar row. */
export const ROW_HEIGHT = 26;

/** The x-axis maximum shared by every page: room after the longest bar for its label. */
export function rankingAxisMax(a: Assessment): number {
  const top = Math.max(100, ...rankedLeaders(a).map((l) => l.final ?? 0));
  return Math.ceil((top * 1.12) / 10) * 10;
}

/**
 * The pending list, as drawn under the last page: grouped by what could not be computed (工作业绩 /
 * 民主测评 / both), each leader with the unit; the detailed reasons are on the portraits and in 考核结果.
 */
export function pendingNote(a: Assessment): string | null {
  const p = pendingLeaders(a);
  if (p.length === 0) return null;
  const groups = new Map<string, LeaderResult[]>();
  for (const l of p) {
    const what = pendingReason(l)
      .split("；")
      .map((r) => r.replace(/（.*$/, ""))
      .join("、");
    groups.set(what, [...(groups.get(what) ?? []), l]);
  }
  const parts = [...groups].map(
    ([what, ls]) => `${what}（${ls.length} 人）：${ls.map((l) => `${l.name}（${l.unit}）`).join("、")}`,
  );
  return `暂缓评定 ${p.length} 人，不参与排名。${parts.join("；")}。`;
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

export function rankingCharts(a: Assessment, opts: ChartOptions): ChartSpec[] {
  const f = frameOf(a, opts);
  const t = f.theme;
  const ranked = rankedLeaders(a);
  const avg = mean(ranked.map((l) => l.final).filter((v): v is number => v !== null));
  const xMax = rankingAxisMax(a);
  const groups = pages(ranked, RANKING_ROWS_PER_PAGE);
  const pendingText = pendingNote(a);
  const count = groups.length;

  return groups.map((rows, p) => {
    const page = { index: p + 1, count };
    const last = p === count - 1;
    const notes: string[] = [];
    if (pendingText)
      notes.push(last ? pendingText : `另有 ${a.summary.pending} 人暂缓评定，不参与排名，名单见最后一页。`);
    if (ranked.length === 0) notes.unshift("没有已评定的人员。");
    const subtitle = `${f.scope} · 已评定 ${a.summary.graded} 人${count > 1 ? `，本页名次 ${rows[0].rank}–${rows[rows.length - 1].rank}` : ""}`;
    const colors = rows.map((l) => t.grades[l.grade]);
    const hatched = rows.flatMap((l, i) => (HATCHED_GRADES.has(l.grade) ? [i] : []));
    const legend = gradeLegend(
      f,
      ranked.map((l) => l.grade),
    );
    if (avg !== null)
      legend.push({ label: `已评定人员平均分 ${round2(avg).toFixed(2)}`, kind: "line", fill: t.average, dash: [6, 4] });

    const plugins = [
      barHatch(t, { targets: [{ datasetIndex: 0, indexes: hatched }] }),
      referenceLines("kp-average", t, {
        layer: "over",
        lines:
          avg === null ? [] : [{ scaleId: "x", value: round2(avg), color: t.average, dash: [6, 4], lineWidth: 1.5 }],
      }),
      barLabels(t, {
        labels: [
          { datasetIndex: 0, position: "end", texts: rows.map(scoreLabel), weight: "bold" },
          {
            datasetIndex: 0,
            position: "insideStart",
            texts: rows.map((l) => l.unit),
            color: shade(t.text, 1.25),
            size: t.size.label - 1,
          },
        ],
      }),
    ];
    return meetingChart(
      f,
      {
        number: RANKING_NUMBER,
        key: "ranking",
        name: RANKING_NAME,
        kind: "ranking",
        page,
        subtitle,
        legend,
        notes,
        plugins,
        height: rankingHeight(rows.length, notes),
        table: {
          headers: ["排名", "姓名", "单位", "职务", "综合得分", "等次"],
          rows: rows.map((l) => [l.rank, l.name, l.unit, l.position, l.final, l.grade]),
          category: 1,
          series: [4],
          formats: ["0", null, null, null, "0.00", null],
          resultColumns: ["排名", "姓名", "单位", "职务", "综合得分", "等次"],
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
            },
            y: categoryAxis(t, { color: t.text, font: font(t, t.size.tick), autoSkip: false }),
          },
        },
        plugins: frame.plugins,
      }),
    );
  });
}

export function rowLabel(l: LeaderResult): string {
  return `${l.rank ?? "—"}  ${l.name}`;
}

function scoreLabel(l: LeaderResult): string {
  return `${l.final === null ? "—" : l.final.toFixed(2)}  ${l.grade}`;
}

/** Height of a page with n bars: at least 16:9 at 1280 wide, growing by a row per leader. */
export function rankingHeight(n: number, notes: readonly string[]): number {
  return Math.max(720, 250 + n * ROW_HEIGHT + noteLines(notes) * 19);
}
