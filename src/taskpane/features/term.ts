/**
 * The 任期考核 tab (modern build only, like 图表; see the seam at the top of app.ts). The entry carries this
 * loader; the view (termView.ts) with Chart.js and the trend chart's builder is a chunk of its own, fetched the
 * first time the tab is drawn.
 */
import { yearlyResultSheets } from "../../app/termSheets";
import type { PaneFeature, PaneState } from "../app";
import { lazyView } from "./lazyView";

export const termFeature: PaneFeature = {
  id: "term",
  label: "tab.term",
  after: "charts",
  // Offered on a workbook holding two or more 考核结果YYYY sheets.
  available: (state: PaneState) => !!state.inspect && yearlyResultSheets(state.inspect.otherSheets).length >= 2,
  render: lazyView({
    tab: "term",
    load: () => import(/* webpackChunkName: "term" */ "./termView").then((m) => m.createTermView()),
    render: (view, ctx) => view.render(ctx),
    title: "term.title",
    loading: "term.loading",
    failed: "charts.loadFailed",
  }),
};
