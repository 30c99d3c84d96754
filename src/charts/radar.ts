/**
 * 德能勤廉雷达 of a 个人考核画像: a leader's score per dimension (the evaluator groups' means, weighted as D
 * weights them) against the mean of all leaders, values printed. One radial scale (radarScale) for every
 * radar of an assessment, so that portraits compare. (The meeting set shows every leader's dimensions as a
 * table instead: heatmap.ts, 04 民主测评分项.)
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { dimensionAverages, dimensionNames, dimensionScores, radarScale, type RadarScale } from "./data";
import { frameOf, leaderChart, sourceOf, type Frame } from "./frame";
import { alpha, font, shade } from "./theme";
import type { ChartOptions, ChartSpec, PageBlock } from "./types";

export const RADAR_NUMBER = 4;
export const RADAR_NAME = "德能勤廉雷达";

/** What the radars of one assessment share: computed once, passed to each. */
export interface RadarContext {
  dims: string[];
  averages: (number | null)[];
  scale: RadarScale;
}

export function radarContext(a: Assessment): RadarContext {
  const dims = dimensionNames(a);
  return { dims, averages: dimensionAverages(a, dims), scale: radarScale(a, dims) };
}

export interface RadarVariant {
  /** A mini radar of the small multiples: no value labels, small fonts. */
  mini?: boolean;
  width?: number;
  height?: number;
  /** The chart's own title; "" for none. */
  title?: string;
  subtitle?: string;
  /** With the source line (a standalone chart). */
  standalone?: boolean;
}

/** One leader against the group mean. */
export function leaderRadar(
  a: Assessment,
  leader: LeaderResult,
  opts: ChartOptions,
  variant: RadarVariant = {},
  rc: RadarContext = radarContext(a),
): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const mini = variant.mini ?? false;
  const values = dimensionScores(leader, rc.dims);
  const color = t.grades[leader.grade];
  const pointLabel = (label: string, i: number): string | string[] => {
    if (mini) return label;
    const v = values[i];
    const avg = rc.averages[i];
    return [`${label} ${v === null ? "—" : v.toFixed(2)}`, ...(avg === null ? [] : [`均 ${avg.toFixed(2)}`])];
  };

  return leaderChart(
    f,
    leader,
    {
      number: RADAR_NUMBER,
      name: RADAR_NAME,
      key: "radar",
      kind: "radar",
      title: variant.title ?? `${leader.name} · 德能勤廉测评`,
      subtitle: variant.subtitle ?? "实线：本人　虚线：全体平均",
      notes: [],
      standalone: variant.standalone,
      width: variant.width ?? 420,
      height: variant.height ?? 420,
      table: {
        headers: ["维度", leader.name, "全体平均"],
        rows: rc.dims.map((d, i) => [d, values[i], rc.averages[i]]),
        category: 0,
        series: [1, 2],
        formats: [null, "0.00", "0.00"],
        resultColumns: [null, null, null],
        seriesColors: [color, t.average],
      },
    },
    (frame) => ({
      type: "radar" as const,
      data: {
        labels: rc.dims,
        datasets: [
          {
            label: leader.name,
            data: values,
            backgroundColor: alpha(color, 0.45),
            borderColor: shade(color, 0.55),
            borderWidth: mini ? 1.5 : 2.5,
            pointRadius: mini ? 1.5 : 3.5,
            pointBackgroundColor: shade(color, 0.55),
            fill: true,
            spanGaps: true,
          },
          {
            label: "全体平均",
            data: rc.averages,
            backgroundColor: "rgba(0,0,0,0)",
            borderColor: t.average,
            borderDash: [5, 4],
            borderWidth: mini ? 1 : 1.5,
            pointRadius: 0,
            fill: false,
            spanGaps: true,
          },
        ],
      },
      options: {
        ...frame.options,
        scales: {
          r: {
            min: rc.scale.min,
            max: rc.scale.max,
            ticks: {
              stepSize: rc.scale.stepSize,
              display: !mini,
              color: t.muted,
              backdropColor: "rgba(255,255,255,0.8)",
              font: font(t, t.size.source - 1),
            },
            grid: { color: t.grid },
            angleLines: { color: t.grid },
            pointLabels: {
              color: t.text,
              font: font(t, mini ? t.size.source : t.size.label, "bold"),
              padding: mini ? 3 : 6,
              callback: pointLabel,
            },
          },
        },
      },
      plugins: frame.plugins,
    }),
  );
}

/** Page header blocks shared by the pages of this module and the portraits. */
export function headerBlocks(f: Frame, title: string, subtitle: string, width: number): PageBlock[] {
  const t = f.theme;
  return [
    {
      kind: "text",
      role: "title",
      x: 28,
      y: 18,
      width: width - 56,
      height: 36,
      align: "left",
      lines: [{ text: title, size: t.size.title, weight: "bold", color: t.text }],
    },
    {
      kind: "text",
      role: "subtitle",
      x: 28,
      y: 54,
      width: width - 56,
      height: 24,
      align: "left",
      lines: [{ text: subtitle, size: t.size.subtitle, color: t.muted }],
    },
  ];
}

export function sourceBlock(f: Frame, y: number, width: number): PageBlock {
  const t = f.theme;
  return {
    kind: "text",
    role: "source",
    x: 28,
    y,
    width: width - 56,
    height: 20,
    align: "left",
    lines: [{ text: sourceOf(f), size: t.size.source, color: t.muted }],
  };
}
