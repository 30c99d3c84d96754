/**
 * 优秀等次的确定 on a slide: the waterfall as a native stacked column chart — an invisible base and the step
 * on it (PowerPoint 2016's own waterfall type is not in the chart XML pptxgenjs writes, nor in older Office) —
 * with the marks of src/charts/waterfall.ts: each step's number, the connectors, the quota line.
 */
import type { ChartSpec } from "../../charts";
import type { LegendSpec } from "../../charts/plugins";
import { shade, type Theme } from "../../charts/theme";
import { pt, type SlideCanvas } from "../draw";
import { hex, mapSeries, setSeriesShape, solidColor, writePointShapes } from "../ooxml";
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

export function waterfallChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const cats = rows.map((r) => String(r[0]));
  const base = rows.map((r) => num(r[1]) ?? 0);
  const size = rows.map((r) => Math.abs(num(r[2]) ?? 0));
  const colors = (spec.table.rowColors ?? []).map((x) => x ?? t.grades["优秀"]);
  const y = scaleOf(spec, "y");
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, spec.notes);
  const plot = { x: area.x + 56, y: area.y + 8, w: area.w - 56 - 12, h: area.h - 8 - 40 };
  const marks = spec.marksFor?.(boxOf(plot), t.size.legend) ?? null;
  c.chart(
    "bar",
    [
      { name: "起点", labels: cats, values: base },
      { name: "人数", labels: cats, values: size },
    ],
    area,
    spec.title,
    {
      ...baseOptions(c, t, { tick: t.size.tick, label: t.size.legend }),
      catAxisLabelFontBold: true,
      catAxisLabelFontSize: pt(t.size.legend),
      barDir: "col",
      barGrouping: "stacked",
      barGapWidthPct: 102,
      chartColors: ["FFFFFF", hex(colors[0] ?? t.grades["优秀"])],
      valAxisMinVal: y.min,
      valAxisMaxVal: y.max,
      ...(y.step ? { valAxisMajorUnit: y.step } : {}),
      valAxisLabelFormatCode: "0",
      showValAxisTitle: y.title !== "",
      valAxisTitle: y.title,
      layout: layoutOf(area, plot),
    },
  );
  // The quota line over the chart: beneath it, PowerPoint's grid line at q would cover it.
  if (marks) {
    drawUnder(c, marks);
    drawOver(c, marks);
  }
  const styles = colors.map((fill) => ({ fill: solidColor(fill), line: shade(fill, 0.7), lineWidth: 0.75 }));
  return [
    (xml) =>
      mapSeries(xml, (ser, k) =>
        k === 0 ? setSeriesShape(ser, { fill: null, line: null }) : writePointShapes(ser, styles),
      ),
  ];
}
