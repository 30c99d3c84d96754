/**
 * A tab whose view is a chunk of its own (图表, 任期考核, 测评票): the entry carries only this loader. The chunk is
 * fetched by the `load` given (a dynamic import()) the first time the tab is drawn; until it arrives the tab
 * says it is loading, and if it cannot arrive (no network to the add-in's server) it says so with a retry.
 */
import type { ViewContext } from "../app";
import { button, messageBar } from "../components";
import { h } from "../dom";
import type { MessageKey } from "../i18n";

export interface LazyViewOptions<V> {
  /** The tab drawn again when the chunk arrives (if it is still the one shown). */
  tab: string;
  load: () => Promise<V>;
  /** Draws the loaded view. */
  render: (view: V, ctx: ViewContext) => HTMLElement;
  title: MessageKey;
  loading: MessageKey;
  /** A message with a `{detail}` placeholder. */
  failed: MessageKey;
  /** The loading line's data attribute (e.g. "data-charts": "loading"), for tests; none when absent. */
  marker?: string;
  /** Shown under the title while loading or failed (e.g. a message from an earlier action). */
  extra?: (ctx: ViewContext) => HTMLElement | null;
}

export function lazyView<V>(o: LazyViewOptions<V>): (ctx: ViewContext) => HTMLElement {
  let view: V | null = null;
  let loading = false;
  let failure: string | null = null;

  function load(ctx: ViewContext): void {
    if (loading || view) return;
    loading = true;
    failure = null;
    o.load()
      .then(
        (v) => {
          view = v;
        },
        (e: unknown) => {
          failure = e instanceof Error ? e.message : String(e);
        },
      )
      .then(() => {
        loading = false;
        if (ctx.state.tab === o.tab) ctx.render();
      });
  }

  return (ctx) => {
    if (view) return o.render(view, ctx);
    if (failure === null) load(ctx);
    const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t(o.title)));
    const extra = o.extra ? o.extra(ctx) : null;
    if (failure !== null)
      return h(
        "div",
        { class: "kp-view" },
        head,
        extra,
        messageBar(
          "error",
          [
            h("p", null, ctx.t(o.failed, { detail: failure })),
            button(ctx, {
              label: ctx.t("charts.retry"),
              kind: "secondary",
              onClick: () => {
                failure = null;
                load(ctx);
                ctx.render();
              },
              focusKey: `${o.tab}:retry`,
            }),
          ],
          { live: true },
        ),
      );
    const attrs: Record<string, string> = { class: "kp-muted", role: "status" };
    if (o.marker) attrs[o.marker] = "loading";
    return h("div", { class: "kp-view" }, head, extra, h("p", attrs, ctx.t(o.loading)));
  };
}
