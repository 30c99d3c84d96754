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
import { lazyView } from "../features/lazyView";
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

export const renderBallots: (ctx: ViewContext) => HTMLElement = lazyView({
  tab: "ballots",
  load: () => import(/* webpackChunkName: "ballots" */ "./ballotsView").then((m) => m.renderBallotsView),
  render: (view, ctx) => view(ctx),
  title: "ballots.title",
  loading: "ballots.loading",
  failed: "ballots.loadFailed",
  marker: "data-ballots",
  extra: (ctx) => flashBar(ctx, "ballots"),
});
