/**
 * The 图表 (charts) tab of the pane — the modern build's only optional feature (see the seam at the top of
 * app.ts): taskpane.ts passes it, taskpane-legacy.ts does not. This module is all the entry bundle carries
 * of it. The view itself (chartsView.ts) with Chart.js, pptxgenjs and the chart builders is a separate
 * webpack chunk, fetched by the dynamic import() below the first time the tab is drawn; until it arrives the
 * tab says it is loading, and if it cannot arrive (no network to the add-in's server) it says so with a retry.
 */
import type { PaneFeature } from "../app";
import { lazyView } from "./lazyView";

export const chartsFeature: PaneFeature = {
  id: "charts",
  label: "tab.charts",
  after: "why",
  render: lazyView({
    tab: "charts",
    load: () => import(/* webpackChunkName: "charts" */ "./chartsView").then((m) => m.createChartsView()),
    render: (view, ctx) => view.render(ctx),
    title: "charts.title",
    loading: "charts.loading",
    failed: "charts.loadFailed",
    marker: "data-charts",
  }),
};
