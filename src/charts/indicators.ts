/**
 * 经营指标完成情况, as variance bars (Zebra BI style): one panel per indicator side by side (Chart.js stacked
 * x axes), one row per unit, each bar the deviation from target in % — to the right and green where the unit
 * did better than its target, to the left, red and hatched where worse — from a zero line that is the target.
 * All panels share one scale, so bars compare across indicators; a deviation past it is drawn to the edge and
 * marked "»", its label keeping the true value.
 *
 * The deviation is completion − 100% (data.ts `completion`): (完成 − 目标) ÷ 目标 for a 正向 indicator,
 * (目标 − 完成) ÷ 目标 for a 逆向 one, and for a loss target (目标为负) (完成 − 目标) ÷ |目标| — less loss than
 * targeted is better, marked "*". What the rules read from these numbers is marked on the unit: a unit still
 * in loss (its leaders at most 称职) and a unit with a 否决事项 are named in red with the reason, and a loss
 * target met while still in loss says 仍亏损 on its bar.
 */
import type { Assessment, EconomicExplanation, LeaderResult } from "../engine/types";
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
const UNIT_ROW_HEIGHT = 36;

/** Deviation from target in % (completion − 100), one decimal; null without a completion. */
export function deviation(c: Completion): number | null {
  return c.percent === null ? null : Math.round((c.percent - 100) * 10) / 10;
}

/** A loss target met or not, while the unit still makes a loss (actual below zero). */
export const stillLoss = (c: Completion): boolean => c.basis === "loss" && c.actual !== null && c.actual < 0;

/**
 * The common half-range R of every panel (the axis runs from −R to +R), in %: a round number that holds
 * nineteen deviations in twenty (the largest few run off the scale, marked, rather than squeezing the rest).
 */
export function deviationRange(values: readonly number[]): number {
  const abs = values.map(Math.abs).sort((a, b) => a - b);
  const p95 = abs.length === 0 ? 0 : abs[Math.min(abs.length - 1, Math.floor(abs.length * 0.95))];
  return [10, 20, 25, 50, 100, 200].find((r) => r >= p95 * 1.1) ?? 200;
}

/** Room on each side of a panel beyond ±R, as a share of R: labels, and the bars that run off the scale. */
const ROOM = 0.8;

/** "+4.0%", "−12.5%*", "+130.0%* »" (past the scale). */
export function deviationLabel(c: Completion, range: number): string {
  const d = deviation(c);
  if (d === null) return "无数据";
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  const clipped = Math.abs(d) > range;
  return `${sign}${Math.abs(d).toFixed(1)}%${c.basis === "loss" ? "*" : ""}${clipped ? " »" : ""}`;
}

export function completionNotes(all: readonly Completion[], range?: number): string[] {
  const notes = [
    "偏差 = 完成相对目标的差距（目标为 0）：正向指标为 (完成 − 目标) ÷ 目标；逆向指标（越低越好）为 (目标 − 完成) ÷ 目标。向右为优于目标，向左为差于目标。",
  ];
  if (all.some((c) => c.basis === "loss")) {
    notes.push(
      "* 亏损目标（目标值为负）：按减亏幅度计 (完成 − 目标) ÷ |目标|——减亏一半为 +50%，扭亏持平为 +100%，亏损超过目标为负；红色数值：减亏但仍亏损。",
    );
  }
  if (range !== undefined && all.some((c) => deviation(c) !== null && Math.abs(deviation(c) as number) > range))
    notes.push(`» 超出刻度（±${range}%）的偏差画到图的边缘，标注的是实际数值。`);
  return notes;
}

export function completionLegend(f: Frame): LegendEntry[] {
  const t = f.theme;
  return [
    { label: "优于目标", kind: "box", fill: t.positive },
    { label: "差于目标", kind: "box", fill: t.negative, hatch: true },
    { label: "目标（偏差 0）", kind: "line", fill: t.target },
  ];
}

interface Panel {
  name: string;
  weight: number | null;
  cells: Completion[];
}

/** What a rule reads from the unit's results: still in loss, a 否决事项 — the row's second line, in red. */
export function unitMarks(e: EconomicExplanation, leaders: readonly LeaderResult[]): string[] {
  const out: string[] = [];
  if (e.stillInLoss) out.push("仍处于亏损");
  const veto = leaders.some((l) => l.explain.grade.caps.some((c) => c.code === "veto"));
  if (veto) out.push("否决事项");
  return out;
}

/** The variance bars of one panel on axis `axisId`; past ±range a bar runs to the panel's edge. */
function panelDataset(f: Frame, cells: Completion[], axisId: string, range: number) {
  const t = f.theme;
  const edge = range * (1 + ROOM);
  const clamp = (v: number) => (Math.abs(v) > range ? Math.sign(v) * edge : v);
  return {
    label: "偏差",
    // A missing value is a bar of length 0 at 0, which carries the label 无数据.
    data: cells.map((c) => clamp(deviation(c) ?? 0)),
    xAxisID: axisId,
    backgroundColor: cells.map((c) => ((deviation(c) ?? 0) >= 0 ? t.positive : t.negative)),
    borderWidth: 0,
    // One bar per row in every panel: the panels' datasets do not share the row's band.
    grouped: false,
    categoryPercentage: 0.9,
    barPercentage: 0.62,
  };
}

function panelsConfig(
  f: Frame,
  rowLabels: (string | string[])[],
  rowColors: string[],
  panels: Panel[],
  range: number,
  frame: FrameConfig,
  compact: boolean,
) {
  const t = f.theme;
  // Room on both sides for the labels, and for the bars past the scale.
  const room = range * ROOM;
  const scales: Record<string, object> = {};
  panels.forEach((p, i) => {
    scales[`x${i}`] = {
      type: "linear",
      position: "top",
      stack: "panels",
      stackWeight: 1,
      // Boxes at the top are placed by descending weight: this keeps the panels in indicator order.
      weight: panels.length - i,
      min: -range - room,
      max: range + room,
      afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
        axis.ticks = [-range, 0, range].map((value) => ({ value }));
      },
      ...valueAxisStyle(t),
      ticks: {
        ...valueAxisStyle(t).ticks,
        maxRotation: 0,
        autoSkip: false,
        callback: (v: string | number) =>
          Number(v) === 0 ? "0" : `${Number(v) > 0 ? "+" : "−"}${Math.abs(Number(v))}%`,
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
    color: rowColors,
    font: font(t, compact ? t.size.label : t.size.tick),
    autoSkip: false,
  });
  const datasets = panels.map((p, i) => panelDataset(f, p.cells, `x${i}`, range));
  return {
    type: "bar" as const,
    data: { labels: rowLabels, datasets },
    options: { ...frame.options, indexAxis: "y" as const, scales },
    plugins: frame.plugins,
  };
}

function panelPlugins(f: Frame, panels: Panel[], range: number) {
  const t = f.theme;
  return [
    panelFrames(t, { scaleIds: panels.map((_, i) => `x${i}`) }),
    // The target: a zero line under the bars of every panel.
    referenceLines("kp-targets", t, {
      layer: "under",
      lines: panels.map((_, i) => ({ scaleId: `x${i}`, value: 0, color: t.target, lineWidth: 1.5 })),
    }),
    barHatch(t, {
      targets: panels.map((p, i) => ({
        datasetIndex: i,
        indexes: p.cells.flatMap((c, k) => ((deviation(c) ?? 0) < 0 ? [k] : [])),
      })),
    }),
    barLabels(t, {
      labels: panels.map((p, i) => ({
        datasetIndex: i,
        position: "end" as const,
        texts: p.cells.map((c) => deviationLabel(c, range)),
        colors: p.cells.map((c) => (c.percent === null ? t.muted : stillLoss(c) ? t.alert : t.text)),
        weight: "bold" as const,
        insideColors: p.cells.map(() => "#FFFFFF"),
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
  const t = f.theme;
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
  const range = deviationRange(all.flatMap((c) => (deviation(c) === null ? [] : [deviation(c) as number])));
  const weights = new Map<string, number>();
  for (const u of shown) for (const i of u.economic.indicators) if (!weights.has(i.name)) weights.set(i.name, i.weight);
  const groups = pages(shown, INDICATORS_ROWS_PER_PAGE);
  const baseNotes = completionNotes(all, range);
  const marked = shown.filter((u) => unitMarks(u.economic, u.leaders).length > 0);
  if (marked.length > 0)
    baseNotes.push(
      "红色单位：仍处于亏损（负责人等次最高为称职）或存在否决事项（等次最高为基本称职），以单位名称下方的说明为准。",
    );

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
    const labels = units.map((u) => {
      const marks = unitMarks(u.economic, u.leaders);
      return marks.length > 0 ? [u.unit, marks.join("、")] : u.unit;
    });
    const colors = units.map((u) => (unitMarks(u.economic, u.leaders).length > 0 ? t.alert : t.text));
    return meetingChart(
      f,
      {
        number: INDICATORS_NUMBER,
        key: "indicators",
        name: INDICATORS_NAME,
        kind: "indicators",
        page,
        subtitle: `${f.scope} · 各单位实际完成相对目标的偏差（±%，目标 = 0），各指标同一刻度 ±${range}%`,
        legend: completionLegend(f),
        notes,
        plugins: panelPlugins(f, panels, range),
        height: Math.max(720, 290 + units.length * UNIT_ROW_HEIGHT + noteLines(notes, t) * 19),
        table: {
          headers: ["单位", ...names, "说明"],
          rows: units.map((u) => [
            u.unit,
            ...names.map((n) => deviation(cellOf(u, n))),
            unitMarks(u.economic, u.leaders).join("、") || null,
          ]),
          category: 0,
          series: names.map((_, i) => i + 1),
          formats: [null, ...names.map(() => "+0.0;-0.0;0.0"), null],
          resultColumns: ["单位", ...names.map(() => null), null],
          rowColors: units.map((u) => (unitMarks(u.economic, u.leaders).length > 0 ? t.alert : null)),
        },
      },
      (frame) => panelsConfig(f, labels, colors, panels, range, frame, false),
    );
  });
}

/** The indicators of a leader's unit, one variance row per indicator (for the portrait). */
export function leaderIndicatorsChart(
  a: Assessment,
  leader: LeaderResult,
  opts: ChartOptions,
  size: { width: number; height: number },
): ChartSpec {
  const f = frameOf(a, opts);
  const t = f.theme;
  const cells = leader.explain.economic.indicators.map(completion);
  const range = deviationRange(cells.flatMap((c) => (deviation(c) === null ? [] : [deviation(c) as number])));
  const panel: Panel = { name: "偏差", weight: null, cells };
  const marks = unitMarks(leader.explain.economic, [leader]);
  return leaderChart(
    f,
    leader,
    {
      number: INDICATORS_NUMBER,
      name: INDICATORS_NAME,
      key: "indicators",
      kind: "leaderIndicators",
      title: "经营指标完成情况（相对目标偏差）",
      subtitle: leader.explain.work.economicWeightZeroed
        ? "党建工作指导员：经营业绩不计入工作业绩"
        : leader.economic === null
          ? "经营业绩：无法计算"
          : `经营业绩得分 ${leader.economic.toFixed(2)}${marks.length > 0 ? ` · ${marks.join("、")}` : ""}${cells.some((c) => c.basis === "loss") ? "　* 亏损目标，按减亏幅度计" : ""}`,
      notes: completionNotes(cells),
      plugins: panelPlugins(f, [panel], range),
      width: size.width,
      height: size.height,
      table: {
        headers: ["指标", "目标值", "完成值", "偏差"],
        rows: cells.map((c) => [c.indicator, c.target, c.actual, deviation(c)]),
        category: 0,
        series: [3],
        formats: [null, "0.00", "0.00", "+0.0;-0.0;0.0"],
        resultColumns: [null, null, null, null],
        rowColors: cells.map((c) =>
          deviation(c) === null ? null : (deviation(c) as number) >= 0 ? t.positive : t.negative,
        ),
      },
    },
    (frame) =>
      panelsConfig(
        f,
        cells.map((c) => c.indicator),
        cells.map(() => t.text),
        [panel],
        range,
        frame,
        true,
      ),
  );
}
