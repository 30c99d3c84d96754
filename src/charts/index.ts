/**
 * Meeting charts (issue 4): pure builders from an Assessment to Chart.js configurations — no canvas, no DOM,
 * no Node. Renderers are shells: the pane (a <canvas>), src/cli/png.ts (@napi-rs/canvas), the workbook's
 * native charts (src/excel/charts.ts) and the deck (pptxgenjs).
 *
 * ## What you get
 * - `meetingCharts(a, opts): ChartSpec[]` — the single-canvas charts, in gallery order:
 *   01 综合得分排名 (paged above 30 leaders), 02 等次分布, 03 工作业绩 × 民主测评, 05 测评票构成 (paged),
 *   06 经营指标完成情况 (paged above 16 units).
 * - `radarGrid(a, opts): PageSpec[]` — 04 德能勤廉雷达, the small multiples (24 leaders a page, one scale).
 * - `meetingFigures(a, opts): Figure[]` — both of the above interleaved in gallery order (01 … 06): what the
 *   CLI writes and what a gallery shows.
 * - `leaderPortraits(a, opts): PageSpec[]` — one 个人考核画像 per leader (order of 考核对象);
 *   `leaderPortrait(a, leader, opts)` for one.
 * - Per chart: `rankingCharts`, `distributionChart`, `quadrantChart`, `votesCharts`, `indicatorsCharts`, and
 *   per leader `leaderRadar(a, leader, opts, { standalone: true })`, `leaderVotesChart`, `leaderIndicatorsChart`.
 *   `opts` is ChartOptions: { date (YYYY-MM-DD, for the source line), year?, scope?, theme?, locale? }.
 *
 * ## ChartSpec (types.ts)
 * { type: "chart", id (ASCII, file-name safe: "01-ranking-2"), fileName ("01-综合得分排名-2", no extension;
 *   page numbers padded to sort: "-01" … "-10" when there are 10 or more pages),
 *   kind, title (with year and page: "2025年度综合得分排名（2/3）"), subtitle (scope line), source
 *   (数据来源：考核结果 · date), notes (the text under the plot), page?, leader?, width, height (CSS px at 1×),
 *   config: ChartConfiguration, table: DataTable }.
 * - Rendering: `Chart.register(...chartComponents)` once; then `new Chart(canvas, spec.config)` on a canvas of
 *   width × height with `options.devicePixelRatio` = your scale (2 for slides, 3 for print) and the canvas
 *   sized by Chart.js (responsive: false). The config is self-contained: title, scope line, legend, notes,
 *   source line, white background, value labels, reference lines are drawn by the plugins in
 *   `config.plugins` (plugins.ts). Do not register them globally. Do not reuse one config object for two live
 *   charts at once (Chart.js attaches listeners to the data arrays); build it again or render one at a time.
 * - Fonts: the theme's font stack is in every font option. In the browser the default stack (Microsoft
 *   YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei) is right; in Node build with
 *   `nodeTheme(setupChineseFont(fontFile?))` from src/cli/png.ts so that the registered face comes first.
 *   In Node, src/cli/png.ts does all of this: renderChartPng, renderPagePng, renderFigurePng, writeCharts.
 * - DataTable: the plain numbers behind the chart — headers, rows, `category` (label column), `series`
 *   (plotted columns), Excel number `formats`, `resultColumns` (the 考核结果 header a column copies, so a
 *   native Excel chart can bind to the live range instead), `rowColors` (grade or over/under fill per row),
 *   `seriesColors`. A native chart built from the table shows the same numbers as the PNG; colours come from
 *   the same GRADE_COLORS (workbook/gradeColors.ts).
 *
 * ## PageSpec (types.ts)
 * A page composed of blocks on one canvas: text (wrapped lines), chip (the grade), chart (a ChartSpec sized
 * to the block), rule. Every block has a `role` (title, name, unit, position, final, rank, grade, scores,
 * flags, chart, source …) and a rectangle in CSS px; a portrait also carries `portrait: PortraitFacts`
 * (name, unit, position, F, rank, grade and colour, flags) for renderers that lay the slide out natively.
 * Render with `paintPage(ctx, page, block => image)` (page.ts): render each chart block into its own canvas
 * at the page's scale, `ctx.scale(s, s)`, then paintPage draws text, chip, rules and the chart images. It
 * takes any 2-D context (browser or @napi-rs/canvas) through the small `Painter` interface.
 *
 * ## Decisions
 * - Bars start at zero; the x-axis of 综合得分排名 is shared by all its pages. Pages split evenly (23 → 12 + 11).
 * - Grey-scale print: grade colours are fixed, so every chart also says the grade another way: the grade in
 *   the bar's label (排名), the category axis (等次分布), a point shape per grade (scatter), hatching on
 *   不称职 and on below-target bars, direct percentage labels (票构成).
 * - Pending leaders (暂缓评定) have no F: listed in a note under 排名 (not bars), drawn after the ranked
 *   leaders in 测评票构成 and the radar grid, shown as 暂缓评定 in 等次分布 and their portraits.
 * - Scatter names: all names up to 40 points; beyond, only the 30 points farthest from the medians, where
 *   a label fits (quadrant.ts).
 * - Indicator completion is 100% + the relative deviation; a loss target (目标为负) counts the loss reduction
 *   (100% + (完成 − 目标) ÷ |目标|), marked "*" and explained in a note (data.ts `completion`, indicators.ts).
 * - The radar shows per dimension the evaluator groups' means weighted as D weights them; one scale for every
 *   radar of the assessment (data.ts `radarScale`).
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
