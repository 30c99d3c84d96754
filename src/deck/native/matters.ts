/** 需集体研究事项 on a slide: its table page (src/charts/matters.ts) as a native table. */
export { tablePage as mattersSlide } from "./table";
