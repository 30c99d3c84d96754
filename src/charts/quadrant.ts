/**
 * 工作业绩 × 民主测评: one point per leader with both scores, one size, shape and colour by grade (暂缓评定 and
 * 不定等次 hollow: not grades), and the iso-lines of the final score at the band thresholds — where
 * F = (W_P·P + W_D·D) ÷ (W_P + W_D) equals 90, 70, 60 without 加减分 — so that the plane reads as the method
 * reads it: above the 90 line the score alone reaches 优秀. (Medians and quadrants named "待提升" called
 * half of a group of 称职 leaders weak; they decided nothing.)
 *
 * Names: the builder places every label itself (geometry.ts): next to its point where there is room, else
 * nudged farther out with a leader line, never over another label, a point or a line; up to
 * QUADRANT_LABEL_ALL points everyone is named, beyond that the QUADRANT_LABEL_MAX leaders the meeting asks
 * about (those whose grade a rule decided, then the farthest from the middle of the group) where they fit.
 * Whoever could not be named is listed under the plot.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { GRADE_ORDER, type GradeLabel } from "../workbook/gradeColors";
import { annotations, emptyAnnotations, labelBox, type AnnotationsSpec, type Line } from "./annotations";
import { median } from "./data";
import { leaderDecisions } from "./decisions";
import {
  axisTitle,
  chartLayout,
  fixedHeight,
  fixedWidth,
  frameOf,
  meetingChart,
  noteLines,
  valueAxisStyle,
} from "./frame";
import { crosses, overlaps, within, xScale, yScale, type Box, type Segment } from "./geometry";
import { bandLines } from "./ranking";
import type { LegendEntry } from "./plugins";
import { textWidth } from "./text";
import { GRADE_POINT_STYLE, NOT_GRADES, shade, type Theme } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const QUADRANT_NUMBER = 3;
export const QUADRANT_NAME = "工作业绩与民主测评";
export const QUADRANT_LABEL_ALL = 40;
export const QUADRANT_LABEL_MAX = 30;
const Y_AXIS = 64;
const X_AXIS = 54;

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

/** Which leaders get a name label, and in what order: everyone in a small group; else the decided, then the extremes. */
export function labelPlan(
  points: { work: number; democratic: number; decided: boolean }[],
): { priority: number; candidate: boolean }[] {
  const spread = (xs: number[]) => Math.max(1e-9, Math.max(...xs) - Math.min(...xs));
  const mx = median(points.map((p) => p.work)) ?? 0;
  const my = median(points.map((p) => p.democratic)) ?? 0;
  const sx = spread(points.map((p) => p.work));
  const sy = spread(points.map((p) => p.democratic));
  const priority = points.map((p) => (p.decided ? 10 : 0) + Math.hypot((p.work - mx) / sx, (p.democratic - my) / sy));
  if (points.length <= QUADRANT_LABEL_ALL) return priority.map((q) => ({ priority: q, candidate: true }));
  const cut = [...priority].sort((a, b) => b - a)[QUADRANT_LABEL_MAX - 1];
  let taken = 0;
  return priority.map((q) => {
    const candidate = q >= cut && taken < QUADRANT_LABEL_MAX;
    if (candidate) taken++;
    return { priority: q, candidate };
  });
}

/** The line F = T (without 加减分) across the plot: P·wP + D·wD = T·(wP + wD), clipped to the axes' ranges. */
export function isoLine(
  T: number,
  w: { work: number; democratic: number },
  xr: { min: number; max: number },
  yr: { min: number; max: number },
): { x1: number; y1: number; x2: number; y2: number } | null {
  const s = w.work + w.democratic;
  const dAt = (p: number) => (T * s - w.work * p) / w.democratic;
  const pAt = (d: number) => (T * s - w.democratic * d) / w.work;
  // The line falls from left to right: enter at the top or the left, leave at the bottom or the right.
  let x1 = xr.min;
  let y1 = dAt(x1);
  if (y1 > yr.max) [x1, y1] = [pAt(yr.max), yr.max];
  let x2 = xr.max;
  let y2 = dAt(x2);
  if (y2 < yr.min) [x2, y2] = [pAt(yr.min), yr.min];
  if (x1 >= x2 || y1 < yr.min || y2 > yr.max) return null;
  return { x1, y1, x2, y2 };
}

export interface ScatterPoint {
  x: number;
  y: number;
  r: number;
  label: { text: string; priority: number } | null;
}

/**
 * Name labels for scatter points, in px, placed by priority: beside the point (right, left, above, below,
 * the diagonals), else farther out in eight directions with a leader line; never over another label, a point,
 * a line or outside the plot. Returns the labels and leader lines placed and the points left unnamed.
 */
export function placePointLabels(
  t: Theme,
  points: readonly ScatterPoint[],
  plot: Box,
  size: number,
  obstacles: { boxes: readonly Box[]; lines: readonly Segment[] },
): { marks: AnnotationsSpec; unnamed: number[] } {
  const out = emptyAnnotations();
  const unnamed: number[] = [];
  const pointBoxes = points.map((p) => ({
    left: p.x - p.r - 1,
    right: p.x + p.r + 1,
    top: p.y - p.r - 1,
    bottom: p.y + p.r + 1,
  }));
  const taken: Box[] = [...obstacles.boxes];
  const leaders: Segment[] = [];
  const order = points
    .map((p, i) => ({ p, i }))
    .filter((e) => e.p.label !== null)
    .sort((a, b) => (b.p.label?.priority ?? 0) - (a.p.label?.priority ?? 0));
  const h = Math.ceil(size * 0.62) * 2;
  for (const { p, i } of order) {
    const text = (p.label as { text: string }).text;
    const w = textWidth(text, size);
    const free = (b: Box, lead: Segment | null) =>
      within(b, plot) &&
      !taken.some((o) => overlaps(o, b)) &&
      !pointBoxes.some((o, j) => j !== i && overlaps(o, b)) &&
      !overlaps(pointBoxes[i], b) &&
      ![...obstacles.lines, ...leaders].some((s) => crosses(s, b)) &&
      (lead === null ||
        (!taken.some((o) => crosses(lead, o)) && !pointBoxes.some((o, j) => j !== i && crosses(lead, o))));
    const at = (cx: number, cy: number): Box => ({
      left: cx - w / 2,
      right: cx + w / 2,
      top: cy - h / 2,
      bottom: cy + h / 2,
    });
    const g = p.r + 3;
    const near: Box[] = [
      { left: p.x + g, right: p.x + g + w, top: p.y - h / 2, bottom: p.y + h / 2 },
      { left: p.x - g - w, right: p.x - g, top: p.y - h / 2, bottom: p.y + h / 2 },
      at(p.x, p.y - g - h / 2),
      at(p.x, p.y + g + h / 2),
      { left: p.x + g - 2, right: p.x + g - 2 + w, top: p.y - g - h + 2, bottom: p.y - g + 2 },
      { left: p.x + g - 2, right: p.x + g - 2 + w, top: p.y + g - 2, bottom: p.y + g - 2 + h },
      { left: p.x - g + 2 - w, right: p.x - g + 2, top: p.y - g - h + 2, bottom: p.y - g + 2 },
      { left: p.x - g + 2 - w, right: p.x - g + 2, top: p.y + g - 2, bottom: p.y + g - 2 + h },
    ];
    let spot: Box | undefined = near.find((b) => free(b, null));
    let lead: Segment | null = null;
    if (!spot) {
      search: for (const d of [22, 34, 48, 64, 84]) {
        for (let k = 0; k < 16; k++) {
          const a = (k * Math.PI) / 8;
          const dx = Math.cos(a);
          const dy = Math.sin(a);
          // The label's near edge at distance d from the point, in direction a.
          const cx = p.x + dx * (d + w / 2);
          const cy = p.y + dy * (d + h / 2);
          const b = at(cx, cy);
          const end = { x: Math.min(Math.max(p.x, b.left), b.right), y: Math.min(Math.max(p.y, b.top), b.bottom) };
          const len = Math.hypot(end.x - p.x, end.y - p.y);
          const seg: Segment = {
            x1: p.x + ((end.x - p.x) / len) * (p.r + 1),
            y1: p.y + ((end.y - p.y) / len) * (p.r + 1),
            x2: end.x,
            y2: end.y,
          };
          if (free(b, seg)) {
            spot = b;
            lead = seg;
            break search;
          }
        }
      }
    }
    if (!spot) {
      unnamed.push(i);
      continue;
    }
    taken.push(spot);
    out.labels.push({
      text,
      x: spot.left,
      y: (spot.top + spot.bottom) / 2,
      align: "left",
      size,
      weight: "normal",
      color: t.text,
      box: spot,
      role: `name:${i}`,
    });
    if (lead) {
      leaders.push(lead);
      out.over.push({ ...lead, color: t.muted, width: 1, role: `leader:${i}` });
    }
  }
  return { marks: out, unnamed };
}

export interface QuadrantMarksInput {
  points: { work: number; democratic: number; label: { text: string; priority: number } | null }[];
  plot: Box;
  xr: { min: number; max: number };
  yr: { min: number; max: number };
  weights: { work: number; democratic: number };
  bands: readonly { grade: string; min: number }[];
  /** Point radius and name size, px. */
  radius: number;
  size: number;
}

/**
 * The scatter's marks in px: the iso-lines of F with their labels, and the names placed around the points.
 * Shared by the PNG (quadrantChart) and the deck (deck/native/quadrant.ts), each with its own plot.
 */
export function quadrantMarks(t: Theme, m: QuadrantMarksInput): { marks: AnnotationsSpec; unnamed: number[] } {
  const { plot, xr, yr } = m;
  const x = xScale(plot, xr.min, xr.max);
  const y = yScale(plot, yr.min, yr.max);
  const lines: Line[] = [];
  const lineLabels: AnnotationsSpec["labels"] = [];
  for (const b of m.bands) {
    const iso = isoLine(b.min, m.weights, xr, yr);
    if (!iso) continue;
    const seg = { x1: x(iso.x1), y1: y(iso.y1), x2: x(iso.x2), y2: y(iso.y2) };
    lines.push({ ...seg, color: t.band, width: 1.5, dash: [6, 4], role: `iso:${b.min}` });
    // Labelled near where it enters the plot, on its upper-left side (the line falls to the right).
    const text = `${b.grade}线 ${b.min}`;
    const lw = textWidth(text, m.size, "bold");
    const xAt = (py: number) => seg.x1 + ((py - seg.y1) * (seg.x2 - seg.x1)) / (seg.y2 - seg.y1);
    const half = Math.ceil(m.size * 0.62) + 2;
    const candidates: { x: number; y: number; align: "left" | "right" }[] = [
      // Left of the line near the top, clear of it over the label's whole height.
      ...[12, 32, 52].map((dy) => {
        const at = Math.max(seg.y1, plot.top) + dy;
        return { x: Math.min(xAt(at - half), xAt(at + half)) - 6, y: at, align: "right" as const };
      }),
      { x: plot.left + 6, y: seg.y1 - 14, align: "left" },
    ];
    for (const c of candidates) {
      const box = labelBox(c.x, c.y, lw, m.size, c.align);
      if (!within(box, plot) || crosses(seg, box)) continue;
      lineLabels.push({
        text,
        x: c.x,
        y: c.y,
        align: c.align,
        size: m.size,
        weight: "bold",
        color: t.band,
        box,
        role: `iso:${b.min}`,
      });
      break;
    }
  }
  const points: ScatterPoint[] = m.points.map((p) => ({
    x: x(p.work),
    y: y(p.democratic),
    r: m.radius,
    label: p.label,
  }));
  const placed = placePointLabels(t, points, plot, m.size, { boxes: lineLabels.map((l) => l.box), lines });
  return {
    marks: { under: lines, over: placed.marks.over, labels: [...lineLabels, ...placed.marks.labels], chips: [] },
    unnamed: placed.unnamed,
  };
}

/** A point's look: a grade's colour and shape; 暂缓评定 and 不定等次 hollow. */
function pointLook(t: Theme, g: GradeLabel) {
  return NOT_GRADES.has(g)
    ? { fill: t.background, stroke: shade(t.grades[g], 0.45) }
    : { fill: t.grades[g], stroke: shade(t.grades[g], 0.55) };
}

export function quadrantChart(a: Assessment, opts: ChartOptions): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const plotted = a.leaders.filter(
    (l): l is LeaderResult & { work: number; democratic: number } => l.work !== null && l.democratic !== null,
  );
  const left = a.leaders.filter((l) => l.work === null || l.democratic === null);
  const xr = axisRange(plotted.map((l) => l.work));
  const yr = axisRange(plotted.map((l) => l.democratic));
  const weights = a.leaders[0]?.explain.final ?? { workWeight: 70, democraticWeight: 30 };
  const w = { work: weights.workWeight, democratic: weights.democraticWeight };
  const bands = bandLines(f);
  const subtitle = `${f.scope} · ${plotted.length} 人；斜线为综合得分等于 ${bands.map((b) => b.min).join("、")} 分的位置（工作业绩 ${w.work}%、民主测评 ${w.democratic}%，不计加减分）`;

  const grades = GRADE_ORDER.filter((g) => plotted.some((l) => l.grade === g));
  const byGrade = grades.map((g) => plotted.filter((l) => l.grade === g));
  const radius = plotted.length <= QUADRANT_LABEL_ALL ? 6 : plotted.length <= 120 ? 5 : 4;
  const size = plotted.length <= QUADRANT_LABEL_ALL ? t.size.label : t.size.label - 1;

  const legend: LegendEntry[] = grades.map((g) => ({
    label: g,
    kind: "point",
    fill: pointLook(t, g).fill,
    stroke: pointLook(t, g).stroke,
    pointStyle: GRADE_POINT_STYLE[g],
  }));
  legend.push({
    label: `综合得分等分线（${bands.map((b) => `${b.grade} ${b.min}`).join("、")}）`,
    kind: "line",
    fill: t.band,
    dash: [6, 4],
    lineWidth: 1.5,
  });
  const baseNotes: string[] = [];
  if (plotted.length > QUADRANT_LABEL_ALL)
    baseNotes.push(
      `人数较多，仅标注等次由规则确定的人员和离群体中部最远的人员姓名（至多 ${QUADRANT_LABEL_MAX} 人）；全部人员见数据表。`,
    );
  baseNotes.push(
    "有加减分的人员，综合得分另加减分值：点的位置与等分线的关系可能与其等次不同，以等次（颜色和形状）为准。",
  );
  if (left.length > 0) {
    baseNotes.push(
      left.length <= 12
        ? `未绘出（工作业绩或民主测评缺失，${left.length} 人）：${left.map((l) => `${l.name}（${l.unit}）`).join("、")}`
        : `未绘出 ${left.length} 人（工作业绩或民主测评缺失），名单见综合得分排名的说明。`,
    );
  }

  // The layout is computed twice: the second time with the note naming whom no label fitted (rare).
  const plan = labelPlan(
    plotted.map((l) => ({ work: l.work, democratic: l.democratic, decided: leaderDecisions(l).length > 0 })),
  );
  const marksAt = (plot: Box, at: number) =>
    quadrantMarks(t, {
      points: plotted.map((l, i) => ({
        work: l.work,
        democratic: l.democratic,
        label: plan[i].candidate ? { text: l.name, priority: plan[i].priority } : null,
      })),
      plot,
      xr,
      yr,
      weights: w,
      bands,
      radius,
      size: at,
    });
  const place = (notes: string[]) => {
    const height = Math.max(760, 640 + noteLines(notes, t) * 19);
    const layout = chartLayout(f, { legend, notes, height, subtitle, axes: { left: Y_AXIS, bottom: X_AXIS } });
    const m = marksAt(layout.plot as Box, size);
    return { layout, marks: m.marks, unnamed: m.unnamed, height };
  };
  let notes = baseNotes;
  let r = place(notes);
  if (r.unnamed.length > 0 && plotted.length <= QUADRANT_LABEL_ALL) {
    notes = [...baseNotes, `位置过密未标注姓名：${r.unnamed.map((i) => plotted[i].name).join("、")}。`];
    r = place(notes);
  }

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
      plugins: [annotations(t, r.marks)],
      height: r.height,
      layout: r.layout,
      marksFor: (plot: Box, at: number) => marksAt(plot, at).marks,
      table: {
        headers: ["姓名", "单位", "工作业绩", "民主测评", "综合得分", "等次"],
        rows: plotted.map((l) => [l.name, l.unit, l.work, l.democratic, l.final, l.grade]),
        category: 0,
        series: [2, 3],
        formats: [null, null, "0.00", "0.00", "0.00", null],
        resultColumns: ["姓名", "单位", "工作业绩", "民主测评", "综合得分", "等次"],
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
          pointRadius: radius,
          pointBorderWidth: 1.5,
          backgroundColor: pointLook(t, grades[d]).fill,
          borderColor: pointLook(t, grades[d]).stroke,
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
            ...fixedHeight(X_AXIS),
          },
          y: {
            type: "linear" as const,
            min: yr.min,
            max: yr.max,
            ...valueAxisStyle(t),
            ticks: { ...valueAxisStyle(t).ticks, stepSize: yr.stepSize },
            title: axisTitle(t, "民主测评（D）"),
            ...fixedWidth(Y_AXIS),
          },
        },
      },
      plugins: frame.plugins,
    }),
  );
}
