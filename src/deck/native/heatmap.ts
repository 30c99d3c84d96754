/** 民主测评分项 on a slide: its table page (src/charts/heatmap.ts) as a native table with the heat fills. */
export { tablePage as heatmapSlide } from "./table";
