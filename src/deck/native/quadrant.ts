/**
 * 工作业绩 × 民主测评 on a slide: a native scatter, a series per grade with its marker, and the marks of
 * src/charts/quadrant.ts placed for this plot — the iso-lines of F beneath the points, the names beside them
 * or, where crowded, farther out with a leader line.
 */
import type { ChartSpec } from "../../charts";
import type { LegendSpec } from "../../charts/plugins";
import { GRADE_POINT_STYLE, shade, type Theme } from "../../charts/theme";
import type { GradeLabel } from "../../workbook/gradeColors";
import type { SlideCanvas } from "../draw";
import { dropEmptyPoints, hex, mapSeries, setMarker, type MarkerSymbol } from "../ooxml";
import {
  baseOptions,
  boxOf,
  drawChartFrame,
  drawOver,
  drawUnder,
  layoutOf,
  num,
  pluginSpec,
  scaleOf,
  type ChartPatch,
} from "./frame";

const SYMBOL_OF: Readonly<Record<string, MarkerSymbol>> = {
  triangle: "triangle",
  circle: "circle",
  rect: "square",
  crossRot: "x",
  rectRot: "diamond",
  star: "star",
};

interface ScatterDataset {
  label: string;
  pointRadius?: number;
  backgroundColor?: string;
  borderColor?: string;
}

export function quadrantChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const x = scaleOf(spec, "x");
  const y = scaleOf(spec, "y");
  const datasets = spec.config.data.datasets as unknown as ScatterDataset[];
  const grades = datasets.map((d) => d.label as GradeLabel);
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, spec.notes);
  const plot = { x: area.x + 74, y: area.y + 6, w: area.w - 74 - 18, h: area.h - 6 - 50 };
  const marks = spec.marksFor?.(boxOf(plot), t.size.label) ?? null;
  if (marks) drawUnder(c, marks);
  const data = [
    { name: x.title || "工作业绩", values: rows.map((r) => num(r[2])) },
    ...grades.map((g) => ({ name: g, values: rows.map((r) => (r[5] === g ? num(r[3]) : null)) })),
  ];
  c.chart("scatter", data, area, spec.title, {
    ...baseOptions(c, t, { tick: t.size.tick, label: t.size.tick }),
    valAxisLabelColor: hex(t.muted),
    catAxisLabelColor: hex(t.muted),
    catGridLine: { color: hex(t.grid), size: 0.75, style: "solid" },
    valAxisLineShow: true,
    valAxisLineColor: hex(t.axis),
    chartColors: datasets.map((d) => hex(d.backgroundColor ?? t.text)),
    lineSize: 0,
    lineDataSymbol: "circle",
    catAxisMinVal: x.min,
    catAxisMaxVal: x.max,
    ...(x.step ? { catAxisMajorUnit: x.step } : {}),
    valAxisMinVal: y.min,
    valAxisMaxVal: y.max,
    ...(y.step ? { valAxisMajorUnit: y.step } : {}),
    showCatAxisTitle: x.title !== "",
    catAxisTitle: x.title,
    showValAxisTitle: y.title !== "",
    valAxisTitle: y.title,
    layout: layoutOf(area, plot),
  });
  // The names: shapes where the builder placed them for this plot, never over a point or a line.
  if (marks) drawOver(c, marks);
  return [
    (xml) =>
      dropEmptyPoints(
        mapSeries(xml, (ser, i) => {
          const d = datasets[i];
          const g = grades[i];
          return setMarker(ser, {
            symbol: SYMBOL_OF[GRADE_POINT_STYLE[g]] ?? "circle",
            size: 2 * (d.pointRadius ?? 6) * 0.75,
            fill: d.backgroundColor ?? t.grades[g],
            line: d.borderColor ?? shade(t.grades[g], 0.55),
            lineWidth: 1.25,
          });
        }),
      ),
  ];
}
