/**
 * 名次稳健性 (docs/method.md §13): per graded leader, in the order of the nominal ranking, the range of ranks
 * from the 5th to the 95th percentile of the draws as a bar, the median rank as a tick and the nominal rank as
 * a dot; leaders flagged unstable (a range of 3 ranks or more, or a grade changing in more than 10% of draws)
 * are drawn in the alert colour and say so in their label. Paged as 综合得分排名 is. Not part of the meeting
 * set: the pane draws it on 稳健性检验.
 */
import type { Assessment } from "../engine/types";
import type { RobustnessLeader, RobustnessResult } from "../engine/robustness";
import { axisTitle, categoryAxis, frameOf, meetingChart, valueAxisStyle } from "./frame";
import type { LegendEntry } from "./plugins";
import { alpha, font } from "./theme";
import type { ChartOptions, ChartSpec, DataTable } from "./types";

export const ROBUSTNESS_NUMBER = 7;
export const ROBUSTNESS_NAME = "名次稳健性";
export const ROBUSTNESS_ROWS_PER_PAGE = 30;
const ROW_HEIGHT = 26;
const BASE_HEIGHT = 300;
const UNSTABLE_WORD = "不稳定";

/** The ranks the x axis names: 1, every 1, 5 or 10 ranks after, and the last. */
export function rankTicks(last: number): number[] {
  const step = last > 40 ? 10 : last > 15 ? 5 : 1;
  const out = [1];
  for (let v = step; v < last; v += step) if (v > 1) out.push(v);
  if (last > 1) out.push(last);
  return out;
}

/** The rows of the chart: graded leaders by nominal rank (ties in the order of 考核对象). */
export function robustnessRows(r: RobustnessResult): RobustnessLeader[] {
  return [...r.leaders].sort((x, y) => x.nominalRank - y.nominalRank || x.index - y.index);
}

/** A row's label: name and unit, and 不稳定 where flagged. */
export function robustnessLabel(l: RobustnessLeader): string {
  return `${l.name}（${l.unit}）${l.unstable ? ` ${UNSTABLE_WORD}` : ""}`;
}

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function robustnessTable(rows: readonly RobustnessLeader[]): DataTable {
  return {
    headers: ["姓名", "单位", "正式名次", "名次中位数", "第5百分位名次", "第95百分位名次", "等次变动比例", "稳定性"],
    rows: rows.map((l) => [
      l.name,
      l.unit,
      l.nominalRank,
      l.medianRank,
      l.p5Rank,
      l.p95Rank,
      l.gradeChangeShare,
      l.unstable ? UNSTABLE_WORD : "稳定",
    ]),
    category: 0,
    series: [4, 5, 3, 2],
    formats: [null, null, "0", "0", "0", "0", "0.0%", null],
    resultColumns: [null, null, "排名", null, null, null, null, null],
  };
}

/** The notes under the plot: how the draws were made, what is flagged, and who. */
export function robustnessNotes(r: RobustnessResult): string[] {
  const unstable = robustnessRows(r).filter((l) => l.unstable);
  const who = unstable.map(
    (l) =>
      `${l.name}（第 ${l.p5Rank}–${l.p95Rank} 名` +
      `${l.gradeChangeShare > r.unstableIf.gradeChangeShare ? `，等次变动 ${percent(l.gradeChangeShare)}` : ""}）`,
  );
  return [
    `抽样 ${r.draws} 次，随机种子 ${r.seed}：每项权重在 ±${Math.round(r.perturbation * 100)}% 内随机变动（同一层级内保持总和），` +
      "测评票最低一档分值随机取 40 或 0；其余数据和规则与正式计算相同。稳健性检验不改变任何结果。",
    `名次范围（第 5 至第 95 百分位）跨 ${r.unstableIf.rankSpan} 名及以上，或等次变动超过 ${percent(r.unstableIf.gradeChangeShare)} 的，标为不稳定：` +
      (who.length > 0 ? `${who.join("、")}。` : "没有。"),
  ];
}

/**
 * The chart, one page per ROBUSTNESS_ROWS_PER_PAGE leaders. The x axis runs from rank 1 to the last rank on
 * every page, so that ranges compare across pages.
 */
export function robustnessCharts(a: Assessment, r: RobustnessResult, opts: ChartOptions): ChartSpec[] {
  const f = frameOf(a, opts);
  const t = f.theme;
  const rows = robustnessRows(r);
  const last = Math.max(1, ...rows.map((l) => Math.max(l.nominalRank, l.p95Rank)));
  const pages = Math.max(1, Math.ceil(rows.length / ROBUSTNESS_ROWS_PER_PAGE));
  const per = Math.ceil(rows.length / pages);
  const notes = robustnessNotes(r);
  const range = alpha(t.over, 0.45);
  const rangeUnstable = alpha(t.alert, 0.45);
  const legend: LegendEntry[] = [
    { label: "第5–95百分位名次", kind: "box", fill: range },
    { label: "不稳定", kind: "box", fill: rangeUnstable },
    { label: "名次中位数", kind: "point", fill: t.text, pointStyle: "line" },
    { label: "正式名次", kind: "point", fill: t.text, pointStyle: "circle" },
  ];
  return Array.from({ length: pages }, (_, i) => {
    const slice = rows.slice(i * per, (i + 1) * per);
    const page = { index: i + 1, count: pages };
    const labels = slice.map(robustnessLabel);
    return meetingChart(
      f,
      {
        number: ROBUSTNESS_NUMBER,
        key: "robustness",
        name: ROBUSTNESS_NAME,
        kind: "robustness",
        page,
        subtitle: f.scope,
        legend,
        notes,
        plugins: [],
        height: BASE_HEIGHT + ROW_HEIGHT * slice.length,
        table: robustnessTable(slice),
      },
      (frame) => ({
        type: "bar",
        data: {
          labels,
          datasets: [
            {
              type: "bar",
              label: "第5–95百分位名次",
              // A floating bar from p5 to p95; half a rank either side, so that a range of one rank shows.
              data: slice.map((l) => [l.p5Rank - 0.4, l.p95Rank + 0.4]),
              backgroundColor: slice.map((l) => (l.unstable ? rangeUnstable : range)),
              borderColor: slice.map((l) => (l.unstable ? t.alert : t.over)),
              borderWidth: 1,
              barPercentage: 0.7,
              categoryPercentage: 0.9,
              order: 3,
            },
            {
              // Scatter points on the leaders' rows (LineController is not among chartComponents).
              type: "scatter",
              label: "名次中位数",
              data: slice.map((l, k) => ({ x: l.medianRank, y: labels[k] })),
              pointStyle: "line",
              pointRadius: 9,
              pointBorderWidth: 3,
              pointRotation: 90,
              borderColor: t.text,
              backgroundColor: t.text,
              order: 2,
            },
            {
              type: "scatter",
              label: "正式名次",
              data: slice.map((l, k) => ({ x: l.nominalRank, y: labels[k] })),
              pointStyle: "circle",
              pointRadius: 5,
              borderColor: t.background,
              backgroundColor: slice.map((l) => (l.unstable ? t.alert : t.text)),
              order: 1,
            },
          ],
        },
        options: {
          ...frame.options,
          indexAxis: "y",
          scales: {
            x: {
              type: "linear",
              min: 0.5,
              max: last + 0.5,
              ...valueAxisStyle(t),
              // Ranks as ticks — 1, then every step, and the last — not the axis's half-rank ends.
              afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
                scale.ticks = rankTicks(last).map((value) => ({ value }));
              },
              title: axisTitle(t, "名次（1 为第一名）"),
            },
            y: categoryAxis(t, {
              color: (ctx: { index: number }) => (slice[ctx.index]?.unstable ? t.alert : t.text),
              font: font(t, t.size.tick),
              autoSkip: false,
            }),
          },
        },
        plugins: frame.plugins,
      }),
    );
  });
}
