/**
 * 经营指标完成情况, bullet style: one panel per indicator side by side (Chart.js stacked x axes), one row per
 * unit. Each row has a grey track from 0 to the target (100%), the actual as a bar on it — dark blue at or
 * above target, orange and hatched below — and a black target mark at 100%.
 *
 * Completion is 100% + the relative deviation (data.ts `completion`): 完成 ÷ 目标 for a 正向 indicator,
 * 100% + (目标 − 完成) ÷ 目标 for a 逆向 one, and for a loss target (目标为负) 100% + (完成 − 目标) ÷ |目标|,
 * so that less loss than targeted reads above 100% and a deeper loss below — A ÷ T would invert both.
 * Such bars carry "*" and a note says how they are computed. Values past the panel's range are drawn to its
 * edge and marked "»"; the label keeps the true value.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { completion, indicatorNames, pages, unitsOf, type Completion, type UnitIndicators } from "./data";
import {
  axisTitle,
  categoryAxis,
  frameOf,
  leaderChart,
  meetingChart,
  noteLines,
  valueAxisStyle,
  type Frame,
  type FrameConfig,
} from "./frame";
import { barHatch, barLabels, panelFrames, referenceLines, type LegendEntry } from "./plugins";
import { font } from "./theme";
import type { ChartOptions, ChartSpec } from "./types";

export const INDICATORS_NUMBER = 6;
export const INDICATORS_NAME = "经营指标完成情况";
export const INDICATORS_ROWS_PER_PAGE = 16;
const UNIT_ROW_HEIGHT = 34;

/** The common range of every panel, in % of target. */
export function completionRange(values: readonly number[]): { min: number; max: number } {
  const lo = Math.min(0, ...values);
  const hi = Math.max(100, ...values);
  return {
    min: Math.max(-100, Math.floor(lo / 50) * 50),
    max: Math.min(200, Math.max(150, Math.ceil(hi / 50) * 50)),
  };
}

export function completionLabel(c: Completion, range: { min: number; max: number }): string {
  if (c.percent === null) return "无数据";
  const clipped = c.percent > range.max || c.percent < range.min;
  return `${c.percent.toFixed(1)}%${c.basis === "loss" ? "*" : ""}${clipped ? " »" : ""}`;
}

export function completionNotes(all: readonly Completion[]): string[] {
  const notes = [
    "完成度 = 100% + 相对目标的偏差：正向指标为 完成值 ÷ 目标值；逆向指标（越低越好）为 100% + (目标 − 完成) ÷ 目标。",
  ];
  if (all.some((c) => c.basis === "loss")) {
    notes.push(
      "* 亏损目标（目标值为负）：按减亏幅度计 100% + (完成 − 目标) ÷ |目标|——减亏一半为 150%，扭亏持平为 200%，亏损超过目标则低于 100%。",
    );
  }
  return notes;
}

export function completionLegend(f: Frame): LegendEntry[] {
  const t = f.theme;
  return [
    { label: "达到或超过目标", kind: "box", fill: t.over },
    { label: "未达到目标", kind: "box", fill: t.under, hatch: true },
    { label: "0–100% 区间", kind: "box", fill: t.track, stroke: t.track },
    { label: "目标（100%）", kind: "line", fill: t.target },
  ];
}

interface Panel {
  name: string;
  weight: number | null;
  cells: Completion[];
}

/**
 * The datasets of one panel on axis `axisId`: the track (order 2, drawn first) and the actual bar (order 1).
 * A value outside the range is drawn to its edge.
 */
function panelDatasets(f: Frame, cells: Completion[], axisId: string, range: { min: number; max: number }) {
  const t = f.theme;
  const clamp = (v: number) => Math.min(range.max, Math.max(range.min, v));
  return [
    {
      label: "目标",
      data: cells.map((c) => (c.percent === null ? null : 100)),
      xAxisID: axisId,
      backgroundColor: t.track,
      grouped: false,
      order: 2,
      categoryPercentage: 0.9,
      barPercentage: 0.88,
    },
    {
      label: "完成度",
      // A missing value is a bar of length 0 at 0, which carries the label 无数据.
      data: cells.map((c) => (c.percent === null ? 0 : clamp(c.percent))),
      xAxisID: axisId,
      backgroundColor: cells.map((c) => (c.met ? t.over : t.under)),
      grouped: false,
      order: 1,
      categoryPercentage: 0.9,
      barPercentage: 0.48,
    },
  ];
}

function panelsConfig(
  f: Frame,
  rowLabels: string[],
  panels: Panel[],
  range: { min: number; max: number },
  frame: FrameConfig,
  compact: boolean,
) {
  const t = f.theme;
  // Room after the range for the labels of bars that reach it.
  const axisMax = range.max + (range.max - range.min) * (compact ? 0.34 : 0.3);
  const scales: Record<string, object> = {};
  panels.forEach((p, i) => {
    scales[`x${i}`] = {
      type: "linear",
      position: "top",
      stack: "panels",
      stackWeight: 1,
      // Boxes at the top are placed by descending weight: this keeps the panels in indicator order.
      weight: panels.length - i,
      min: range.min,
      max: axisMax,
      // Our own ticks every 50% within the range: Chart.js would space them over the label room too.
      afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
        const ticks: { value: number }[] = [];
        for (let v = range.min; v <= range.max; v += 50) ticks.push({ value: v });
        axis.ticks = ticks;
      },
      ...valueAxisStyle(t),
      // Grid every 50%, labels every 100%: narrow panels keep their labels level.
      ticks: {
        ...valueAxisStyle(t).ticks,
        maxRotation: 0,
        autoSkip: false,
        callback: (v: string | number) => (Number(v) % 100 === 0 ? `${v}%` : ""),
        font: font(t, t.size.tick - 1),
      },
      title: {
        ...axisTitle(t, compact ? "" : p.weight === null ? p.name : `${p.name}（权重 ${p.weight}）`),
        font: font(t, t.size.axisTitle, "bold"),
        color: t.text,
      },
    };
  });
  scales.y = categoryAxis(t, {
    color: t.text,
    font: font(t, compact ? t.size.label : t.size.tick),
    autoSkip: false,
  });
  const datasets = panels.flatMap((p, i) => panelDatasets(f, p.cells, `x${i}`, range));
  return {
    type: "bar" as const,
    data: { labels: rowLabels, datasets },
    options: { ...frame.options, indexAxis: "y" as const, scales },
    plugins: frame.plugins,
  };
}

function panelPlugins(f: Frame, panels: Panel[], range: { min: number; max: number }) {
  const t = f.theme;
  return [
    panelFrames(t, { scaleIds: panels.map((_, i) => `x${i}`) }),
    barHatch(t, {
      targets: panels.map((p, i) => ({
        datasetIndex: 2 * i + 1,
        indexes: p.cells.flatMap((c, k) => (c.met === false ? [k] : [])),
      })),
    }),
    referenceLines("kp-targets", t, {
      layer: "over",
      lines: panels.map((_, i) => ({ scaleId: `x${i}`, value: 100, color: t.target, lineWidth: 2 })),
    }),
    barLabels(t, {
      labels: panels.map((p, i) => ({
        datasetIndex: 2 * i + 1,
        position: "end" as const,
        texts: p.cells.map((c) => completionLabel(c, range)),
        colors: p.cells.map((c) => (c.percent === null ? t.muted : t.text)),
        insideColors: p.cells.map((c) => (c.met ? "#FFFFFF" : t.text)),
        size: t.size.label - 1,
      })),
    }),
  ];
}

/** Units with at least one indicator value; the rest are named in a note. */
function unitsWithData(a: Assessment): { shown: UnitIndicators[]; empty: UnitIndicators[] } {
  const units = unitsOf(a);
  const has = (u: UnitIndicators) =>
    u.economic.found && u.economic.indicators.some((i) => i.target !== null || i.actual !== null);
  return { shown: units.filter(has), empty: units.filter((u) => !has(u)) };
}

export function indicatorsCharts(a: Assessment, opts: ChartOptions): ChartSpec[] {
  const f = frameOf(a, opts);
  const names = indicatorNames(a);
  const { shown, empty } = unitsWithData(a);
  const cellOf = (u: UnitIndicators, name: string): Completion => {
    const ind = u.economic.indicators.find((i) => i.name === name);
    return ind
      ? completion(ind)
      : {
          indicator: name,
          weight: 0,
          direction: "higher",
          target: null,
          actual: null,
          percent: null,
          basis: null,
          met: null,
          missing: "经营业绩表中没有该单位",
        };
  };
  const all = shown.flatMap((u) => names.map((n) => cellOf(u, n)));
  const range = completionRange(all.flatMap((c) => (c.percent === null ? [] : [c.percent])));
  const weights = new Map<string, number>();
  for (const u of shown) for (const i of u.economic.indicators) if (!weights.has(i.name)) weights.set(i.name, i.weight);
  const groups = pages(shown, INDICATORS_ROWS_PER_PAGE);
  const baseNotes = completionNotes(all);
  if (all.some((c) => c.percent !== null && (c.percent > range.max || c.percent < range.min)))
    baseNotes.push(`» 超出刻度（${range.min}%–${range.max}%）的完成度画到刻度边缘，标注的是实际数值。`);

  return groups.map((units, p) => {
    const page = { index: p + 1, count: groups.length };
    const panels: Panel[] = names.map((n) => ({
      name: n,
      weight: weights.get(n) ?? null,
      cells: units.map((u) => cellOf(u, n)),
    }));
    const notes = [...baseNotes];
    if (empty.length > 0 && p === groups.length - 1)
      notes.push(`无经营业绩数据：${empty.map((u) => u.unit).join("、")}`);
    return meetingChart(
      f,
      {
        number: INDICATORS_NUMBER,
        key: "indicators",
        name: INDICATORS_NAME,
        kind: "indicators",
        page,
        subtitle: `${f.scope} · 各单位实际完成占目标的比例（目标 = 100%）`,
        legend: completionLegend(f),
        notes,
        plugins: panelPlugins(f, panels, range),
        height: Math.max(720, 280 + units.length * UNIT_ROW_HEIGHT + noteLines(notes) * 19),
        table: {
          headers: ["单位", ...names],
          rows: units.map((u) => [u.unit, ...names.map((n) => cellOf(u, n).percent)]),
          category: 0,
          series: names.map((_, i) => i + 1),
          formats: [null, ...names.map(() => "0.0")],
          resultColumns: ["单位", ...names.map(() => null)],
        },
      },
      (frame) =>
        panelsConfig(
          f,
          units.map((u) => u.unit),
          panels,
          range,
          frame,
          false,
        ),
    );
  });
}

/** The indicators of a leader's unit, one bullet row per indicator (for the portrait). */
export function leaderIndicatorsChart(
  a: Assessment,
  leader: LeaderResult,
  opts: ChartOptions,
  size: { width: number; height: number },
): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const cells = leader.explain.economic.indicators.map(completion);
  const range = completionRange(cells.flatMap((c) => (c.percent === null ? [] : [c.percent])));
  const panel: Panel = { name: "完成度", weight: null, cells };
  return leaderChart(
    f,
    leader,
    {
      number: INDICATORS_NUMBER,
      name: INDICATORS_NAME,
      key: "indicators",
      kind: "leaderIndicators",
      title: "经营指标完成情况",
      subtitle: leader.explain.work.economicWeightZeroed
        ? "党建工作指导员：经营业绩不计入工作业绩"
        : leader.economic === null
          ? "经营业绩：无法计算"
          : `经营业绩得分 ${leader.economic.toFixed(2)}${cells.some((c) => c.basis === "loss") ? "　* 亏损目标，按减亏幅度计" : ""}`,
      notes: completionNotes(cells),
      plugins: panelPlugins(f, [panel], range),
      width: size.width,
      height: size.height,
      table: {
        headers: ["指标", "目标值", "完成值", "完成度"],
        rows: cells.map((c) => [c.indicator, c.target, c.actual, c.percent]),
        category: 0,
        series: [3],
        formats: [null, "0.00", "0.00", "0.0"],
        resultColumns: [null, null, null, null],
        rowColors: cells.map((c) => (c.met === null ? null : c.met ? t.over : t.under)),
      },
    },
    (frame) =>
      panelsConfig(
        f,
        cells.map((c) => c.indicator),
        [panel],
        range,
        frame,
        true,
      ),
  );
}
