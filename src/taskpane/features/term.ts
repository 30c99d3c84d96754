/**
 * The 任期考核 tab (modern build only, like 图表; see the seam at the top of app.ts). The entry carries this
 * loader; the view (termView.ts) with Chart.js and the trend chart's builder is a chunk of its own, fetched the
 * first time the tab is drawn.
 */
import { yearlyResultSheets } from "../../app/termSheets";
import type { PaneFeature, PaneState, ViewContext } from "../app";
import { button, messageBar } from "../components";
import { h } from "../dom";
import type { TermView } from "./termView";

let view: TermView | null = null;
let loading = false;
let failure: string | null = null;

function load(ctx: ViewContext): void {
  if (loading || view) return;
  loading = true;
  failure = null;
  import(/* webpackChunkName: "term" */ "./termView")
    .then(
      (m) => {
        view = m.createTermView();
      },
      (e: unknown) => {
        failure = e instanceof Error ? e.message : String(e);
      },
    )
    .then(() => {
      loading = false;
      if (ctx.state.tab === "term") ctx.render();
    });
}

export const termFeature: PaneFeature = {
  id: "term",
  label: "tab.term",
  after: "charts",
  // Offered on a workbook holding two or more 考核结果YYYY sheets.
  available: (state: PaneState) => !!state.inspect && yearlyResultSheets(state.inspect.otherSheets).length >= 2,
  render(ctx: ViewContext): HTMLElement {
    if (view) return view.render(ctx);
    if (failure === null) load(ctx);
    const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("term.title")));
    if (failure !== null)
      return h(
        "div",
        { class: "kp-view" },
        head,
        messageBar("error", [
          h("p", null, ctx.t("charts.loadFailed", { detail: failure })),
          button(ctx, {
            label: ctx.t("charts.retry"),
            kind: "secondary",
            onClick: () => {
              failure = null;
              load(ctx);
              ctx.render();
            },
            focusKey: "term:retry",
          }),
        ]),
      );
    return h("div", { class: "kp-view" }, head, h("p", { class: "kp-muted", role: "status" }, ctx.t("term.loading")));
  },
};
