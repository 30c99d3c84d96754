/**
 * 综合得分排名 on a slide: a native bar chart (one series, each bar in its grade's colour, labelled with score
 * and grade), and around it the marks of src/charts/ranking.ts placed for this plot — the band lines beneath
 * the bars, interrupted at the labels; the quota cut and its label; a badge on every bar whose grade a rule
 * lowered or decided.
 */
import type { ChartSpec } from "../../charts";
import type { LegendSpec } from "../../charts/plugins";
import { HATCHED_GRADES, shade, type Theme } from "../../charts/theme";
import type { GradeLabel } from "../../workbook/gradeColors";
import { pt, textWidth, type Rect, type SlideCanvas } from "../draw";
import { hex, mapSeries, setPointLabelFormats, setPointShapes, solidColor, type ShapeStyle } from "../ooxml";
import type { Line } from "../../charts/annotations";
import {
  baseOptions,
  boxOf,
  drawChartFrame,
  drawLine,
  drawOver,
  layoutOf,
  num,
  pluginSpec,
  scaleOf,
  type ChartPatch,
  type Scale,
} from "./frame";

export const gradeLabelFormat = (format: string, text: string) => `${format}"${text.replace(/"/g, "")}"`;

export function barStyles(t: Theme, colors: readonly string[], hatched: readonly boolean[]): ShapeStyle[] {
  const h = solidColor(t.hatch);
  return colors.map((fill, i) => ({
    fill,
    line: shade(fill, 0.7),
    lineWidth: 0.75,
    ...(hatched[i] ? { hatch: h } : {}),
  }));
}

/** Room above the plot for the band lines' labels. */
const LINE_LABELS = 20;
/** The gap between bars, % of a bar's thickness (PowerPoint's gap width). */
const GAP = 33;

/**
 * The pieces of a vertical line at x that no bar covers: a bar of value v covers x when v reaches it, over
 * the middle 1 / (1 + gap) of its row.
 */
export function besideBars<L extends Line>(line: L, plot: Rect, values: readonly number[], s: Scale, gap: number): L[] {
  if (Math.abs(line.x1 - line.x2) > 0.01) return [line];
  const n = values.length;
  const band = plot.h / Math.max(1, n);
  const bar = band / (1 + gap / 100);
  const at = s.min + ((line.x1 - plot.x) / plot.w) * (s.max - s.min);
  const cuts = values
    .map((v, i) => ({ v, mid: plot.y + (i + 0.5) * band }))
    .filter((b) => b.v >= at)
    .map((b) => [b.mid - bar / 2, b.mid + bar / 2] as const);
  const out: L[] = [];
  let y = line.y1;
  for (const [from, to] of cuts) {
    if (to <= y || from >= line.y2) continue;
    if (from > y) out.push({ ...line, y1: y, y2: from });
    y = Math.max(y, to);
  }
  if (y < line.y2) out.push({ ...line, y1: y, y2: line.y2 });
  return out.filter((p) => p.y2 - p.y1 >= 1);
}

export function rankingChart(c: SlideCanvas, t: Theme, spec: ChartSpec): ChartPatch[] {
  const rows = spec.table.rows;
  const cats = rows.map((r) => `${r[0] ?? "—"}  ${r[1]}`);
  const values = rows.map((r) => num(r[4]) ?? 0);
  const grades = rows.map((r) => String(r[5]) as GradeLabel);
  const colors = (spec.table.rowColors ?? []).map((x, i) => x ?? t.grades[grades[i]]);
  const x = scaleOf(spec, "x");
  const legend = pluginSpec<LegendSpec>(spec, "kp-legend")?.entries ?? [];
  const area = drawChartFrame(c, t, spec, legend, spec.notes);
  const label = rows.length > 24 ? t.size.tick - 1 : t.size.tick;
  const catW = Math.max(...cats.map((s) => textWidth(s, label))) + 16;
  const plot = {
    x: area.x + catW,
    y: area.y + LINE_LABELS,
    w: area.w - catW - 12,
    h: area.h - LINE_LABELS - (x.title ? 46 : 26),
  };
  // The score labels are PowerPoint's (its face, its gap after the bar): room for them to be wider.
  const marks = spec.marksFor?.(boxOf(plot), label, 1.2) ?? null;
  c.chart("bar", [{ name: "综合得分", labels: cats, values }], area, spec.title, {
    ...baseOptions(c, t, { tick: t.size.tick, label }),
    barDir: "bar",
    barGapWidthPct: GAP,
    chartColors: colors.map(hex),
    catAxisOrientation: "maxMin",
    catAxisCrossesAt: "max",
    valAxisLabelPos: "nextTo",
    valAxisMinVal: x.min,
    valAxisMaxVal: x.max,
    ...(x.step ? { valAxisMajorUnit: x.step } : {}),
    valAxisLabelFormatCode: "0",
    showValAxisTitle: x.title !== "",
    valAxisTitle: x.title,
    showValue: true,
    dataLabelPosition: "outEnd",
    dataLabelFormatCode: "0.00",
    dataLabelFontSize: pt(label),
    dataLabelFontBold: true,
    layout: layoutOf(area, plot),
  });
  // The band lines go over the chart, as on the PNG only where no bar is (beneath it, PowerPoint's grid
  // lines at 60, 70, 90 would cover them). The score labels are the chart's own data labels.
  if (marks) {
    for (const l of marks.under) for (const piece of besideBars(l, plot, values, x, GAP)) drawLine(c, piece);
    drawOver(c, marks, (l) => !l.role.startsWith("score:"));
  }
  const styles = barStyles(
    t,
    colors,
    grades.map((g) => HATCHED_GRADES.has(g)),
  );
  return [
    (xml) =>
      mapSeries(xml, (ser) =>
        setPointLabelFormats(
          setPointShapes(ser, styles),
          grades.map((g) => gradeLabelFormat("0.00", `  ${g}`)),
          "outEnd",
        ),
      ),
  ];
}
