/**
 * 优秀等次的确定 (00, the first figure of the meeting): a waterfall from the leaders whose score reached the 优秀
 * line to those rated 优秀 — 达到优秀分数线 n → each rule that took leaders out (个人情况, 否决事项, 亏损限档, 票数规则)
 * −k → 超出名额 −k → 并列·待研究 −k → 组织决定 ±k → 评为优秀, with the 优秀 quota as a line. The names behind each
 * step are listed under the plot. decisions.ts `excellentWaterfall` does the counting; the bars add up to the
 * number rated 优秀 by construction, and a test holds it to the assessment.
 */
import type { Assessment } from "../engine/types";
import { annotations, emptyAnnotations, labelBox } from "./annotations";
import { excellentWaterfall, type Waterfall, type WaterfallStep } from "./decisions";
import {
  axisTitle,
  categoryAxis,
  chartLayout,
  fixedHeight,
  fixedWidth,
  frameOf,
  meetingChart,
  noteLines,
  valueAxisStyle,
} from "./frame";
import { horizontalAround, yScale, type Box } from "./geometry";
import { barHatch, type LegendEntry } from "./plugins";
import { textWidth } from "./text";
import { font, shade, type Theme } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const WATERFALL_NUMBER = 0;
export const WATERFALL_NAME = "优秀等次的确定";
const Y_AXIS = 56;
const X_AXIS = 40;
/** Names listed per step under the plot; the rest are counted. */
const NAMES_PER_STEP = 12;

/** The bar colour of a step: the totals in 优秀's colour, rules in red, open questions in amber, the committee blue. */
export function stepColor(t: Theme, s: WaterfallStep): string {
  if (s.key === "reached" || s.key === "excellent") return t.grades["优秀"];
  if (s.key === "quotaTie") return "#F5B041";
  if (s.key === "committeeIn" || s.key === "committeeOut") return "#7DA7E8";
  return "#E57368";
}

export function stepLabel(s: WaterfallStep): string {
  if (s.key === "reached" || s.key === "excellent") return `${s.delta} 人`;
  return s.delta > 0 ? `+${s.delta}` : `−${-s.delta}`;
}

/** The y axis's maximum: room above the tallest bar for its label. */
function yMaxOf(w: Waterfall): number {
  const top = Math.max(1, w.quota, ...w.steps.map((s) => Math.max(s.from, s.to)));
  const step = [1, 2, 5, 10, 20, 50, 100].find((k) => (top * 1.15) / k <= 8) ?? 100;
  return Math.ceil((top * 1.15) / step) * step;
}

function namesNote(s: WaterfallStep): string {
  const names = s.leaders.slice(0, NAMES_PER_STEP).map((l) => `${l.name}（${l.unit}）`);
  const more = s.leaders.length > NAMES_PER_STEP ? ` 等 ${s.leaders.length} 人` : "";
  return `${s.label}（${s.delta > 0 ? "+" : "−"}${Math.abs(s.delta)}）：${names.join("、")}${more}`;
}

export function waterfallChart(a: Assessment, opts: ChartOptions): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const w = excellentWaterfall(a.leaders, a.summary.quota, f.bands);
  const yMax = yMaxOf(w);
  const steps = w.steps;
  const groups = a.summary.quotaGroups;
  const percent = a.leaders.find((l) => l.status === "graded")?.explain.grade.quota.percent ?? null;
  const quotaText = groups
    ? `优秀名额按“${f.quotaGroupColumn ?? "名额分组"}”分组：${groups.map((g) => `${g.group || "（空）"} ${g.quota} 人`).join("、")}，合计 ${w.quota} 人`
    : `已评定 ${a.summary.graded} 人${percent === null ? "" : ` × ${percent}%`}，优秀名额 ${w.quota} 人`;
  const subtitle = `${f.scope} · 综合得分达到 ${w.threshold} 分的 ${steps[0].delta} 人中，按规则评为优秀 ${w.excellent} 人；${quotaText}`;

  const notes: string[] = [
    `达到优秀分数线：综合得分不低于 ${w.threshold} 分（含因个人情况暂缓评定或不定等次者）。各步骤人员：`,
    ...steps.filter((s) => s.key !== "reached" && s.key !== "excellent").map(namesNote),
  ];
  if (steps.length === 2) notes.push("没有人员因规则或名额未评为优秀。");
  const height = Math.max(720, 600 + noteLines(notes, t) * 19);

  const legend: LegendEntry[] = [
    { label: "人数合计", kind: "box", fill: t.grades["优秀"], stroke: shade(t.grades["优秀"], 0.7) },
    { label: "按规则或名额调整", kind: "box", fill: "#E57368", stroke: shade("#E57368", 0.7) },
  ];
  if (steps.some((s) => s.key === "quotaTie"))
    legend.push({ label: "需集体研究", kind: "box", fill: "#F5B041", stroke: shade("#F5B041", 0.7), hatch: true });
  if (steps.some((s) => s.key.startsWith("committee")))
    legend.push({ label: "组织决定", kind: "box", fill: "#7DA7E8", stroke: shade("#7DA7E8", 0.7) });
  legend.push({ label: `优秀名额 ${w.quota} 人`, kind: "line", fill: t.quota, dash: [7, 4], lineWidth: 2 });

  const layout = chartLayout(f, { legend, notes, height, subtitle, axes: { left: Y_AXIS, bottom: X_AXIS } });
  const plot = layout.plot as Box;
  const marksFor = (at: Box, size: number) => waterfallMarks(t, steps, at, yMax, w.quota, size);
  const marks = marksFor(plot, t.size.legend);
  const colors = steps.map((s) => stepColor(t, s));

  return meetingChart(
    f,
    {
      number: WATERFALL_NUMBER,
      key: "decisions",
      name: WATERFALL_NAME,
      kind: "decisions",
      subtitle,
      legend,
      notes,
      plugins: [
        barHatch(t, {
          targets: [{ datasetIndex: 0, indexes: steps.flatMap((s, i) => (s.key === "quotaTie" ? [i] : [])) }],
        }),
        annotations(t, marks),
      ],
      height,
      layout,
      marksFor,
      table: {
        headers: ["步骤", "起点", "人数", "累计", "人员"],
        rows: steps.map((s) => [
          s.label,
          Math.min(s.from, s.to),
          s.delta,
          s.to,
          s.leaders.map((l) => l.name).join("、"),
        ]),
        category: 0,
        series: [2],
        formats: [null, "0", "0", "0", null],
        resultColumns: [null, null, null, null, null],
        rowColors: colors,
      },
    },
    (frame) => ({
      type: "bar" as const,
      data: {
        labels: steps.map((s) => s.label),
        datasets: [
          {
            label: "人数",
            data: steps.map((s) => [Math.min(s.from, s.to), Math.max(s.from, s.to)]),
            backgroundColor: colors,
            borderColor: colors.map((c) => shade(c, 0.7)),
            borderWidth: 1,
            borderSkipped: false,
            categoryPercentage: 0.8,
            barPercentage: 0.62,
          },
        ],
      },
      options: {
        ...frame.options,
        scales: {
          x: {
            ...categoryAxis(t, {
              color: t.text,
              font: font(t, t.size.legend, "bold"),
              maxRotation: 0,
              autoSkip: false,
            }),
            ...fixedHeight(X_AXIS),
          },
          y: {
            type: "linear" as const,
            min: 0,
            max: yMax,
            ...valueAxisStyle(t),
            ticks: { ...valueAxisStyle(t).ticks, precision: 0 },
            title: axisTitle(t, "人数"),
            ...fixedWidth(Y_AXIS),
          },
        },
      },
      plugins: frame.plugins,
    }),
  );
}

/**
 * The waterfall's marks in px: a value label above each bar, the dashed connectors from one bar's end to
 * the next bar, and the quota line interrupted around the labels it would cross. Shared with the deck.
 */
export function waterfallMarks(
  t: Theme,
  steps: readonly WaterfallStep[],
  plot: Box,
  yMax: number,
  quota: number,
  size: number,
) {
  const out = emptyAnnotations();
  const y = yScale(plot, 0, yMax);
  const band = (plot.right - plot.left) / steps.length;
  const barHalf = (band * 0.8 * 0.62) / 2;
  steps.forEach((s, i) => {
    const cx = plot.left + (i + 0.5) * band;
    const top = y(Math.max(s.from, s.to));
    const text = stepLabel(s);
    const ly = top - 4 - size * 0.62;
    out.labels.push({
      text,
      x: cx,
      y: ly,
      align: "center",
      size,
      weight: "bold",
      color: t.text,
      box: labelBox(cx, ly, textWidth(text, size, "bold"), size, "center"),
      role: `step:${s.key}`,
    });
    const next = steps[i + 1];
    if (next && next.key !== "excellent") {
      const level = y(s.to);
      out.over.push({
        x1: cx + barHalf,
        y1: level,
        x2: cx + band - barHalf,
        y2: level,
        color: t.muted,
        width: 1,
        dash: [3, 3],
        role: "connector",
      });
    }
  });
  if (quota > 0 && quota <= yMax) {
    const qy = y(quota);
    for (const s of horizontalAround(
      qy,
      plot.left,
      plot.right,
      out.labels.map((l) => l.box),
    ))
      out.under.push({ ...s, color: t.quota, width: 2, dash: [7, 4], role: "quota" });
  }
  return out;
}
