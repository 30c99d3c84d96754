/**
 * The meeting charts as native PowerPoint charts and tables (editable: right-click → 编辑数据), one file per
 * chart kind named as in src/charts — ranking, distribution, quadrant, votes, waterfall (the decisions),
 * matters and heatmap (tables), radar (of a portrait) — and what they share (frame.ts). Built from each
 * chart's `table` (the numbers the PNG shows) with the PNG's axes, colours and legend, and with the marks its
 * builder places for the slide's own plot (`ChartSpec.marksFor`): lines, labels, badges as shapes.
 */
import type { ChartSpec } from "../../charts";

export * from "./frame";
export { rankingChart } from "./ranking";
export { distributionChart } from "./distribution";
export { quadrantChart } from "./quadrant";
export { votesChart, leaderVotesChart, compactHeader, voteShares, VOTE_ALERT_MARK } from "./votes";
export { leaderRadarChart } from "./radar";
export { waterfallChart } from "./waterfall";
export { mattersSlide } from "./matters";
export { heatmapSlide } from "./heatmap";
export { tablePage, tableRows } from "./table";

/** The chart kinds drawn natively; the others become pictures. */
export const NATIVE_KINDS: ReadonlySet<ChartSpec["kind"]> = new Set([
  "decisions",
  "ranking",
  "distribution",
  "quadrant",
  "votes",
  "radar",
  "leaderVotes",
]);

/** True when the chart is drawn as a native chart: a kind PowerPoint has, with at least one row of data. */
export function isNative(spec: ChartSpec): boolean {
  return NATIVE_KINDS.has(spec.kind) && spec.table.rows.length > 0;
}
