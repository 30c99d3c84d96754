/**
 * 测评票构成 on a slide: native 100% stacked bars of the four vote categories, and the marks of
 * src/charts/votes.ts placed for this plot: the share labels (moved within their segment where the line
 * would cross them), the one 2/3 line over the bars, interrupted behind a label it cannot avoid, and its two
 * meanings above the plot. Inside a 个人考核画像 the compact chart keeps the chart's own labels.
 */
import type { ChartSpec } from "../../charts";
import type { LegendSpec, ReferenceLinesSpec } from "../../charts/plugins";
import { VOTES_NOTE } from "../../charts/votes";
import { HATCHED_GRADES, type Theme } from "../../charts/theme";
import type { GradeLabel } from "../../workbook/gradeColors";
import { pt, textWidth, type Rect, type SlideCanvas } from "../draw";
import { hex, mapSeries, setSeriesShape, solidColor } from "../ooxml";
import {
  baseOptions,
  boxOf,
  drawChartFrame,
  drawLines,
  drawOver,
  layoutOf,
  num,
  pluginSpec,
  scaleOf,
  type ChartPatch,
} from "./frame";

/** The mark after the name of a leader the vote rules touched (the PNG writes the name in red). */
export const VOTE_ALERT_MARK = "▲";

/** Share of each vote category in %, one decimal, as the PNG plots them. */
export function voteShares(counts: readonly (number | null)[]): number[] {
  const c = counts.map((n) => n ?? 0);
  const total = c.reduce((s, n) => s + n, 0);
  return c.map((n) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0));
}

interface CompositionInput {
  cats: string[];
  /** Per row, the counts of 优秀 … 不称职. */
  counts: (number | null)[][];
  names: string[];
  colors: string[];
  compact: boolean;
}

const VOTE_NAMES = ["优秀", "称职", "基本称职", "不称职"];

/** The 100% stacked bars in `area`; the meeting chart's labels and line come from the builder's marks. */
function compositionChart(
  c: SlideCanvas,
  t: Theme,
  spec: ChartSpec,
  area: Rect,
  input: CompositionInput,
): ChartPatch[] {
  const label = input.compact ? t.size.label : input.cats.length > 24 ? t.size.tick - 1 : t.size.tick;
  const catW = Math.max(...input.cats.map((s) => textWidth(s, label))) + 14;
  const x = scaleOf(spec, "x");
  const top = input.compact ? 4 : 22;
  const bottom = input.compact ? 24 : x.title ? 46 : 26;
  const plot = { x: area.x + catW, y: area.y + top, w: area.w - catW - 14, h: area.h - top - bottom };
  const shares = input.counts.map(voteShares);
  const data = input.names.map((name, k) => ({ name, labels: input.cats, values: shares.map((s) => s[k]) }));
  const marks = input.compact ? null : (spec.marksFor?.(boxOf(plot), label - 1) ?? null);
  c.chart("bar", data, area, spec.title, {
    ...baseOptions(c, t, { tick: input.compact ? t.size.label : t.size.tick, label }),
    barDir: "bar",
    barGrouping: "percentStacked",
    barGapWidthPct: input.compact ? 45 : 33,
    chartColors: input.colors.map(hex),
    catAxisOrientation: "maxMin",
    catAxisCrossesAt: "max",
    valAxisLabelPos: "nextTo",
    valAxisMinVal: 0,
    valAxisMaxVal: 1,
    valAxisMajorUnit: input.compact ? 0.25 : 0.1,
    valAxisLabelFormatCode: "0%",
    showValAxisTitle: !input.compact && x.title !== "",
    valAxisTitle: x.title,
    ...(input.compact
      ? {
          showValue: true,
          dataLabelPosition: "ctr",
          // A segment under 6% is left unlabelled, as on the PNG.
          dataLabelFormatCode: '[<6]"";0"%"',
          dataLabelFontSize: pt(label - 1),
        }
      : {}),
    layout: layoutOf(area, plot),
  });
  if (marks) drawOver(c, marks);
  else
    drawLines(
      c,
      t,
      plot,
      pluginSpec<ReferenceLinesSpec>(spec, "kp-thresholds")?.lines ?? [],
      {
        min: 0,
        max: 100,
        title: "",
      },
      null,
    );
  const h = solidColor(t.hatch);
  return [
    (xml) =>
      mapSeries(xml, (ser, k) =>
        setSeriesShape(ser, {
          fill: input.colors[k],
          line: t.background,
          lineWidth: 0.75,
          ...(HATCHED_GRADES.has(input.names[k] as GradeLabel) ? { hatch: h } : {}),
        }),
      ),
  ];
}

export function votesChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const labels = (spec.config.data.labels ?? []) as string[];
  const y = (spec.config.options as { scales?: { y?: { ticks?: { color?: unknown } } } }).scales?.y?.ticks?.color;
  const alert = (i: number) => Array.isArray(y) && y[i] === t.alert;
  const cats = rows.map((r, i) => `${labels[i] ?? String(r[0])}${alert(i) ? ` ${VOTE_ALERT_MARK}` : ""}`);
  const notes = spec.notes.map((n) =>
    n === VOTES_NOTE ? n.replace("红色姓名：", `姓名后标 ${VOTE_ALERT_MARK}：`) : n,
  );
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, notes);
  return compositionChart(c, t, spec, area, {
    cats,
    counts: rows.map((r) => r.slice(2, 6).map(num)),
    names: VOTE_NAMES,
    colors: spec.table.seriesColors ?? VOTE_NAMES.map((g) => t.grades[g as GradeLabel]),
    compact: false,
  });
}

/** A compact chart's own title and subtitle, centred at the top of its block; returns the rest. */
export function compactHeader(
  c: SlideCanvas,
  t: Theme,
  spec: Pick<ChartSpec, "title" | "subtitle">,
  block: Rect,
): Rect {
  c.text(
    { x: block.x, y: block.y + 4, w: block.w, h: 20 },
    [{ text: spec.title, size: t.size.legend, color: t.text, bold: true }],
    { align: "center" },
  );
  c.text(
    { x: block.x, y: block.y + 24, w: block.w, h: 18 },
    [{ text: spec.subtitle, size: t.size.source, color: t.muted }],
    { align: "center" },
  );
  return { x: block.x, y: block.y + 46, w: block.w, h: block.h - 46 };
}

/** A leader's votes by evaluator group: 100% stacked bars with the 2/3 line. */
export function leaderVotesChart(c: SlideCanvas, t: Theme, spec: ChartSpec, block: Rect): ChartPatch[] {
  const area = compactHeader(c, t, spec, block);
  const rows = spec.table.rows;
  return compositionChart(c, t, spec, area, {
    cats: rows.map((r) => String(r[0])),
    counts: rows.map((r) => r.slice(1, 5).map(num)),
    names: VOTE_NAMES,
    colors: spec.table.seriesColors ?? VOTE_NAMES.map((g) => t.grades[g as GradeLabel]),
    compact: true,
  });
}
