/**
 * The 测评票 tab (docs/method.md §11): what the pane's entry carries of it — its state, and a loader. The view itself
 * (ballotsView.ts) is a chunk fetched by import() the first time the tab is drawn, as the 图表 view is
 * (features/charts.ts); until it arrives the tab says it is loading, and if it cannot arrive it says so with a retry.
 */
import type {
  BallotColumnsRead,
  BlankBallotsResult,
  RestoreResult,
  SaveColumnsResult,
  TallyVotesResult,
  TemplateResult,
} from "../../excel/addin";
import type { ViewContext } from "../app";
import { button, messageBar } from "../components";
import { h } from "../dom";
import { flashBar } from "./shared";

export interface BallotsState {
  tally: TallyVotesResult | null;
  undo: RestoreResult | null;
  confirmingUndo: boolean;
  /** The last 生成测评票: kind "confirmReplace" shows the question. */
  blank: BlankBallotsResult | null;
  entry: TemplateResult | null;
  /** The editor of 测评票列对应: the columns read, and what the user picked for each (by column). */
  columns: { read: BallotColumnsRead; choices: Record<number, { leader: string; item: string }> } | null;
  columnsSaved: SaveColumnsResult | null;
}

export function initialBallots(): BallotsState {
  return {
    tally: null,
    undo: null,
    confirmingUndo: false,
    blank: null,
    entry: null,
    columns: null,
    columnsSaved: null,
  };
}

let view: ((ctx: ViewContext) => HTMLElement) | null = null;
let loading = false;
let failure: string | null = null;

function load(ctx: ViewContext): void {
  if (loading || view) return;
  loading = true;
  failure = null;
  import(/* webpackChunkName: "ballots" */ "./ballotsView")
    .then(
      (m) => {
        view = m.renderBallotsView;
      },
      (e: unknown) => {
        failure = e instanceof Error ? e.message : String(e);
      },
    )
    .then(() => {
      loading = false;
      if (ctx.state.tab === "ballots") ctx.render();
    });
}

export function renderBallots(ctx: ViewContext): HTMLElement {
  if (view) return view(ctx);
  if (failure === null) load(ctx);
  const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("ballots.title")));
  if (failure !== null) {
    return h(
      "div",
      { class: "kp-view" },
      head,
      messageBar(
        "error",
        [
          h("p", null, ctx.t("ballots.loadFailed", { detail: failure })),
          button(ctx, {
            label: ctx.t("charts.retry"),
            kind: "secondary",
            onClick: () => {
              failure = null;
              load(ctx);
              ctx.render();
            },
            focusKey: "ballots:retry",
          }),
        ],
        { live: true },
      ),
    );
  }
  return h(
    "div",
    { class: "kp-view" },
    head,
    flashBar(ctx, "ballots"),
    h("p", { class: "kp-muted", role: "status", "data-ballots": "loading" }, ctx.t("ballots.loading")),
  );
}
