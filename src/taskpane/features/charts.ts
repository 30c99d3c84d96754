/**
 * The 图表 (charts) tab of the pane — the modern build's only optional feature (see the seam at the top of
 * app.ts): taskpane.ts passes it, taskpane-legacy.ts does not. This module is all the entry bundle carries
 * of it. The view itself (chartsView.ts) with Chart.js, pptxgenjs and the chart builders is a separate
 * webpack chunk, fetched by the dynamic import() below the first time the tab is drawn; until it arrives the
 * tab says it is loading, and if it cannot arrive (no network to the add-in's server) it says so with a retry.
 */
import type { PaneFeature, ViewContext } from "../app";
import { button, messageBar } from "../components";
import { h } from "../dom";
import type { ChartsView } from "./chartsView";

let view: ChartsView | null = null;
let loading = false;
let failure: string | null = null;

function load(ctx: ViewContext): void {
  if (loading || view) return;
  loading = true;
  failure = null;
  import(/* webpackChunkName: "charts" */ "./chartsView")
    .then(
      (m) => {
        view = m.createChartsView();
      },
      (e: unknown) => {
        failure = e instanceof Error ? e.message : String(e);
      },
    )
    .then(() => {
      loading = false;
      if (ctx.state.tab === "charts") ctx.render();
    });
}

function head(ctx: ViewContext): HTMLElement {
  return h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("charts.title")));
}

export const chartsFeature: PaneFeature = {
  id: "charts",
  label: "tab.charts",
  after: "why",
  render(ctx: ViewContext): HTMLElement {
    if (view) return view.render(ctx);
    if (failure === null) load(ctx);
    if (failure !== null) {
      return h(
        "div",
        { class: "kp-view" },
        head(ctx),
        messageBar(
          "error",
          [
            h("p", null, ctx.t("charts.loadFailed", { detail: failure })),
            button(ctx, {
              label: ctx.t("charts.retry"),
              kind: "secondary",
              onClick: () => {
                failure = null;
                load(ctx);
                ctx.render();
              },
              focusKey: "charts:retry",
            }),
          ],
          { live: true },
        ),
      );
    }
    return h(
      "div",
      { class: "kp-view" },
      head(ctx),
      h("p", { class: "kp-muted", role: "status", "data-charts": "loading" }, ctx.t("charts.loading")),
    );
  },
};
