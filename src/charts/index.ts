/**
 * Meeting charts (issues 4, 7, 8): pure builders from an Assessment to Chart.js configurations and pages — no
 * canvas, no DOM, no Node. Renderers are shells: the pane (a <canvas>), src/cli/png.ts (@napi-rs/canvas), the
 * workbook's native charts (src/excel/meetingLayout/) and the deck (src/deck/native/), each kind under the
 * same name in every medium.
 *
 * ## What you get
 * - `meetingFigures(a, opts): Figure[]` — the meeting set in order: the decisions first — 00 优秀等次的确定 (a
 *   waterfall: waterfall.ts) and 00 需集体研究事项 (a table page: matters.ts) — then 01 综合得分排名 (paged, a
 *   chart per quota group), 02 等次分布, 03 工作业绩 × 民主测评, 04 民主测评分项 (a table page coloured as a heat
 *   map: heatmap.ts), 05 测评票构成 (paged), 06 经营指标完成情况 (variance bars, paged). What the CLI writes and
 *   a gallery shows.
 * - `meetingCharts(a, opts): ChartSpec[]` — the single-canvas charts of that set.
 * - `leaderPortraits(a, opts): PageSpec[]` — one 个人考核画像 per leader (order of 考核对象);
 *   `leaderPortrait(a, leader, opts)` for one.
 * - Per chart: `waterfallChart`, `mattersPages`, `rankingCharts`, `distributionChart`, `quadrantChart`,
 *   `heatmapPages`, `votesCharts`, `indicatorsCharts`, and per leader `leaderRadar`, `leaderVotesChart`,
 *   `leaderIndicatorsChart`. `opts` is ChartOptions: { date (YYYY-MM-DD, for the source line), year?, scope?,
 *   theme?, locale?, bands? (the method's grade bands: the lines), quotaGroupColumn? (its name), bare? (no
 *   title, scope and source line: for the deck, which sets them natively) }.
 * - `leaderDecisions(l)`: what lowered or decided a grade (badge, reason, effect, open), decisions.ts.
 *
 * ## ChartSpec (types.ts)
 * { type: "chart", id (ASCII, file-name safe: "01-ranking-2"), fileName ("01-综合得分排名-2", no extension;
 *   page numbers padded to sort: "-01" … "-10" when there are 10 or more pages),
 *   kind, title (with year and page: "2025年度综合得分排名（2/3）"), subtitle (scope line), source
 *   (数据来源：考核结果 · date), notes (the text under the plot), page?, leader?, width, height (CSS px at 1×),
 *   plot? (the plot rectangle, where the builder placed its marks), config: ChartConfiguration, table }.
 * - Rendering: `Chart.register(...chartComponents)` once; then `new Chart(canvas, spec.config)` on a canvas of
 *   width × height with `options.devicePixelRatio` = your scale (2 for slides, 3 for print) and the canvas
 *   sized by Chart.js (responsive: false). The config is self-contained: title, scope line, legend, notes,
 *   source line, white background, value labels, reference lines are drawn by the plugins in
 *   `config.plugins` (plugins.ts, annotations.ts). Do not register them globally. Do not reuse one config
 *   object for two live charts at once (Chart.js attaches listeners to the data arrays); build it again.
 * - Placement (geometry.ts): the charts whose labels matter fix their axes' sizes, so the builder knows the
 *   plot and places every label, badge and line itself (`kp-annotations`): a reference line stops where a
 *   label sits on it, names move aside with a leader line, nothing overlaps. Text widths are estimated on the
 *   generous side (text.ts `textWidth`), so what is drawn fits what was placed in any Chinese face.
 * - Fonts: the theme's font stack is in every font option. In the browser the default stack (Microsoft
 *   YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei) is right; in Node build with
 *   `nodeTheme(setupChineseFont(fontFile?))` from src/cli/png.ts so that the registered face comes first.
 * - DataTable: the plain numbers behind the chart — headers, rows, `category` (label column), `series`
 *   (plotted columns), Excel number `formats`, `resultColumns` (the 考核结果 header a column copies, so a
 *   native Excel chart can bind to the live range instead), `rowColors`, `seriesColors`.
 *
 * ## PageSpec (types.ts)
 * A page composed of blocks on one canvas: text (wrapped lines), chip, chart (a ChartSpec sized to the block),
 * rule, table (header and body cells with fills: the deck makes it a native table, the workbook cells). Every
 * block has a `role` and a rectangle in CSS px; a portrait also carries `portrait: PortraitFacts`. Render with
 * `paintPage(ctx, page, block => image)` (page.ts) on any 2-D context through the small `Painter` interface.
 *
 * ## Decisions
 * - Bars start at zero; the x-axis of 综合得分排名 is shared by all its pages (long enough for the longest
 *   label with its badges). Pages split evenly (23 → 12 + 11).
 * - No average or median lines: only quantities that decide (the band thresholds, the quota, the 2/3 vote
 *   line, the target) are drawn, each labelled.
 * - Grey-scale print: grade colours are fixed, so every chart also says the grade another way: the grade in
 *   the bar's label, a point shape per grade, hatching on 不称职 and on worse-than-target bars.
 * - 暂缓评定 and 不定等次 are not grades: listed under 排名, drawn pale with dotted outlines behind a divider
 *   in 等次分布, hollow in the scatter, last and ungraded in the tables.
 * - Indicator deviation is completion − 100%; a loss target (目标为负) counts the loss reduction, marked "*"
 *   (data.ts `completion`, indicators.ts).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  LinearScale,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  ScatterController,
  SubTitle,
  Title,
  Tooltip,
} from "chart.js";
import type { Assessment } from "../engine/types";
import { distributionChart } from "./distribution";
import { indicatorsCharts } from "./indicators";
import { quadrantChart } from "./quadrant";
import { heatmapPages } from "./heatmap";
import { mattersPages } from "./matters";
import { rankingCharts } from "./ranking";
import type { ChartOptions, ChartSpec, Figure } from "./types";
import { votesCharts } from "./votes";
import { waterfallChart } from "./waterfall";

export * from "./types";
export {
  defaultTheme,
  FONT_STACK,
  fontFamilyList,
  GRADE_POINT_STYLE,
  HATCHED_GRADES,
  type Theme,
  type ThemeOptions,
} from "./theme";
export { paintPage, layoutText, type Painter } from "./page";
export { safeFileName, DEFAULT_SCOPE } from "./frame";
export { rankingCharts, rankingAxisMax, RANKING_ROWS_PER_PAGE } from "./ranking";
export { distributionChart, gradeCounts } from "./distribution";
export { quadrantChart, isoLine, placePointLabels, QUADRANT_LABEL_ALL, QUADRANT_LABEL_MAX } from "./quadrant";
export { leaderRadar, radarContext } from "./radar";
export { heatmapPages, heatColumns, heatBin, heatStep, HEATMAP_ROWS_PER_PAGE } from "./heatmap";
export { mattersPages, matters, matterRow, MATTERS_HEADERS, MATTERS_ROWS_PER_PAGE, type Matter } from "./matters";
export { waterfallChart } from "./waterfall";
export {
  leaderDecisions,
  excellentWaterfall,
  BADGES,
  type Decision,
  type DecisionRule,
  type Waterfall,
  type WaterfallStep,
} from "./decisions";
export { votesCharts, leaderVotesChart, VOTES_ROWS_PER_PAGE } from "./votes";
export {
  indicatorsCharts,
  leaderIndicatorsChart,
  deviation,
  deviationRange,
  deviationLabel,
  INDICATORS_ROWS_PER_PAGE,
} from "./indicators";
export { leaderPortrait, leaderPortraits, portraitFileName } from "./portrait";
export {
  completion,
  dimensionScores,
  dimensionAverages,
  dimensionNames,
  radarScale,
  voteComposition,
  leaderVotes,
  groupVotes,
  pages,
  type Completion,
} from "./data";

/** The Chart.js components the builders use: `Chart.register(...chartComponents)` once per page or process. */
export const chartComponents = [
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  RadarController,
  RadialLinearScale,
  LineElement,
  PointElement,
  ScatterController,
  Filler,
  Title,
  SubTitle,
  Tooltip,
];

/** The single-canvas meeting charts, in gallery order (the tables are pages: mattersPages, heatmapPages). */
export function meetingCharts(a: Assessment, opts: ChartOptions): ChartSpec[] {
  return [
    waterfallChart(a, opts),
    ...rankingCharts(a, opts),
    distributionChart(a, opts),
    quadrantChart(a, opts),
    ...votesCharts(a, opts),
    ...indicatorsCharts(a, opts),
  ];
}

/**
 * Every meeting figure in order: the decisions first (00 优秀等次的确定, 00 需集体研究事项), then 01–06 — charts and
 * the table pages.
 */
export function meetingFigures(a: Assessment, opts: ChartOptions): Figure[] {
  return [
    waterfallChart(a, opts),
    ...mattersPages(a, opts),
    ...rankingCharts(a, opts),
    distributionChart(a, opts),
    quadrantChart(a, opts),
    ...heatmapPages(a, opts),
    ...votesCharts(a, opts),
    ...indicatorsCharts(a, opts),
  ];
}
