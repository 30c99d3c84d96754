/**
 * 等次分布 on a slide: a native column chart — one series with a fill per grade, or with quota groups a
 * series per grade over the groups — bars placed as Chart.js places them, so that the marks of
 * src/charts/distribution.ts fit: the counts, the quota line across each 优秀 bar, the dotted outlines of
 * 暂缓评定 and 不定等次 and the divider before them.
 */
import type { ChartSpec } from "../../charts";
import type { LegendSpec } from "../../charts/plugins";
import { HATCHED_GRADES, type Theme } from "../../charts/theme";
import type { GradeLabel } from "../../workbook/gradeColors";
import { pt, type SlideCanvas } from "../draw";
import { hex, mapSeries, setPointShapes, setSeriesShape, solidColor } from "../ooxml";
import { barStyles } from "./ranking";
import {
  baseOptions,
  boxOf,
  drawChartFrame,
  drawOver,
  drawUnder,
  layoutOf,
  pluginSpec,
  scaleOf,
  type ChartPatch,
} from "./frame";

interface BarDataset {
  label: string;
  data: number[];
  backgroundColor: string | string[];
}

/** The gap between categories as PowerPoint sizes it (% of a bar), for Chart.js's 0.8 × 0.62 of a band. */
export function gapWidth(series: number): number {
  const bar = (0.8 * 0.62) / series;
  const cluster = bar * (series + 0.613 * (series - 1));
  return Math.round(((1 - cluster) / bar) * 100);
}

export function distributionChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const labels = (spec.config.data.labels ?? []) as (string | string[])[];
  const cats = labels.map((l) => (Array.isArray(l) ? l.join("\n") : l));
  const datasets = spec.config.data.datasets as unknown as BarDataset[];
  const grouped = datasets.length > 1 || datasets[0]?.label !== "人数";
  const y = scaleOf(spec, "y");
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, spec.notes);
  const plot = { x: area.x + 70, y: area.y + 8, w: area.w - 70 - 16, h: area.h - 8 - 50 };
  const marks = spec.marksFor?.(boxOf(plot), t.size.legend) ?? null;
  if (marks) drawUnder(c, marks);
  const fill = (v: string) => solidColor(v);
  c.chart(
    "bar",
    datasets.map((d) => ({ name: d.label, labels: cats, values: d.data })),
    area,
    spec.title,
    {
      ...baseOptions(c, t, { tick: t.size.tick, label: t.size.legend }),
      catAxisLabelFontBold: true,
      barDir: "col",
      barGapWidthPct: gapWidth(datasets.length),
      ...(grouped ? { barOverlapPct: -61 } : {}),
      chartColors: grouped
        ? datasets.map((d) => hex(fill(d.backgroundColor as string)))
        : (datasets[0].backgroundColor as string[]).map((x) => hex(fill(x))),
      valAxisMinVal: y.min,
      valAxisMaxVal: y.max,
      ...(y.step ? { valAxisMajorUnit: y.step } : {}),
      valAxisLabelFormatCode: "0",
      showValAxisTitle: y.title !== "",
      valAxisTitle: y.title,
      catAxisLabelFontSize: pt(t.size.legend),
      layout: layoutOf(area, plot),
    },
  );
  // The counts are the builder's labels (placed clear of the quota line), not the chart's.
  if (marks) drawOver(c, marks);
  if (grouped)
    return [
      (xml) =>
        mapSeries(xml, (ser, k) => {
          const g = datasets[k].label as GradeLabel;
          return setSeriesShape(ser, {
            fill: fill(datasets[k].backgroundColor as string),
            line: null,
            ...(HATCHED_GRADES.has(g) ? { hatch: solidColor(t.hatch) } : {}),
          });
        }),
    ];
  const grades = spec.table.rows.map((r) => String(r[0]) as GradeLabel);
  const styles = barStyles(
    t,
    (datasets[0].backgroundColor as string[]).map(fill),
    grades.map((g) => HATCHED_GRADES.has(g)),
  );
  return [(xml) => mapSeries(xml, (ser) => setPointShapes(ser, styles))];
}
