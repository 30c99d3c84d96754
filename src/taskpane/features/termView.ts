/**
 * 任期考核 in the pane (docs/method.md §14), loaded on demand (term.ts): the workbook's 考核结果YYYY sheets
 * (as 状态 found them), the weights of the years, 读取 (nothing written) and 写入“任期考核”表 (undoable as
 * 计算 is); per leader the term score, the years missing and 连续两年基本称职及以下; a leader picked shows the
 * trend chart of their yearly scores. Errors (an ambiguous match, a bad cell) are listed as cell links.
 */
import type { TermResult } from "../../excel/addin";
import { yearlyResultSheets } from "../../app/termSheets";
import { termTrendChart } from "../../charts/term";
import type { ViewContext } from "../app";
import { button, chunkedList, messageBar } from "../components";
import { h, uid } from "../dom";
import { formatScore, localDay } from "../format";
import { diagnosticList } from "../views/diagnostics";
import { flashBar } from "../views/shared";
import { renderChart } from "./chartsRender";
import { displayScale } from "./chartsModel";

export interface TermView {
  render(ctx: ViewContext): HTMLElement;
}

export function createTermView(): TermView {
  return new TermViewImpl();
}

/** "1,1,2" → [1, 1, 2] for `n` years; blank: equal weights; anything else: null. */
export function parseWeights(text: string, n: number): number[] | null {
  const t = text.trim();
  if (t === "") return Array.from({ length: n }, () => 1);
  const parts = t.split(/[,，、\s]+/).filter((p) => p !== "");
  if (parts.length !== n) return null;
  const out = parts.map(Number);
  return out.every((w) => Number.isFinite(w) && w > 0) ? out : null;
}

class TermViewImpl implements TermView {
  private weights = "";
  private weightsError = false;
  private result: Extract<TermResult, { ok: true }> | null = null;
  private errors: Extract<TermResult, { ok: false }> | null = null;
  private leader: number | null = null;

  render(ctx: ViewContext): HTMLElement {
    const names = ctx.state.inspect ? ctx.state.inspect.otherSheets : [];
    const yearly = yearlyResultSheets(names);
    return h(
      "div",
      { class: "kp-view kp-term", "data-term": this.result ? "ready" : "empty" },
      h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("term.title"))),
      flashBar(ctx, "term"),
      h("p", { class: "kp-muted" }, ctx.t("term.intro")),
      yearly.length < 2
        ? messageBar("info", ctx.t("term.notEnough", { n: yearly.length }))
        : this.controls(ctx, yearly),
      this.errors ? this.errorList(ctx, this.errors) : null,
      this.result ? this.results(ctx, this.result) : null,
    );
  }

  private controls(ctx: ViewContext, yearly: { name: string; year: number }[]): HTMLElement {
    const id = uid("kp-weights");
    const input = h("input", {
      id,
      type: "text",
      class: `kp-input${this.weightsError ? " kp-invalid" : ""}`,
      autocomplete: "off",
      placeholder: yearly.map(() => "1").join(","),
      "data-focus": "term:weights",
      "aria-invalid": this.weightsError ? "true" : null,
    });
    input.value = this.weights;
    input.addEventListener("input", () => {
      this.weights = input.value;
    });
    const run = (write: boolean) => () => {
      const weights = parseWeights(this.weights, yearly.length);
      this.weightsError = weights === null;
      if (!weights) {
        ctx.focusAfterRender("term:weights");
        ctx.render();
        return;
      }
      void ctx.run(write ? "busy.termWrite" : "busy.term", async () => {
        const r = await ctx.addin.term({ sheets: yearly.map((y) => y.name), weights, write });
        this.result = r.ok ? r : null;
        this.errors = r.ok ? null : r;
        if (this.leader !== null && (!r.ok || this.leader >= r.leaders.length)) this.leader = null;
        if (r.ok && r.written) {
          ctx.state.flash.term = { kind: "success", text: ctx.t("term.written") };
          try {
            ctx.state.inspect = await ctx.addin.inspect();
          } catch {
            // The next refresh shows the undo snapshot.
          }
        }
        ctx.announce(r.ok ? ctx.t("term.done", { n: r.leaders.length }) : ctx.t("term.failed"));
      });
    };
    return h(
      "div",
      null,
      h("p", { "data-line": "term-sheets" }, ctx.t("term.sheets", { list: yearly.map((y) => y.name).join("、") })),
      h(
        "div",
        { class: "kp-field" },
        h("label", { class: "kp-label", for: id }, ctx.t("term.weights")),
        input,
        this.weightsError
          ? h("p", { class: "kp-field-error" }, ctx.t("term.weightsInvalid", { n: yearly.length }))
          : null,
      ),
      h(
        "div",
        { class: "kp-row" },
        button(ctx, { label: ctx.t("term.read"), kind: "primary", onClick: run(false), focusKey: "term:read" }),
        button(ctx, { label: ctx.t("term.write"), kind: "secondary", onClick: run(true), focusKey: "term:write" }),
      ),
      h("p", { class: "kp-muted kp-small" }, ctx.t("term.writeHint")),
    );
  }

  private errorList(ctx: ViewContext, r: Extract<TermResult, { ok: false }>): HTMLElement {
    return h(
      "section",
      { class: "kp-section" },
      messageBar("error", ctx.t("term.errors", { n: r.errors.length }), { live: true }),
      diagnosticList(ctx, r.errors, { label: ctx.t("term.errors", { n: r.errors.length }), key: "tdiag" }),
    );
  }

  private results(ctx: ViewContext, r: Extract<TermResult, { ok: true }>): HTMLElement[] {
    const low = r.leaders.filter((l) => l.flags.length > 0).length;
    const out: HTMLElement[] = [
      messageBar("success", ctx.t("term.summary", { n: r.leaders.length, years: r.years.length, low }), {
        live: true,
      }),
      h(
        "section",
        { class: "kp-section" },
        h("h2", { class: "kp-h2" }, ctx.t("term.list")),
        h("p", { class: "kp-muted kp-small" }, ctx.t("term.listHint")),
        chunkedList({
          items: r.leaders,
          label: ctx.t("term.list"),
          className: "kp-results",
          progressText: (shown, total) => ctx.t("list.drawing", { shown, total }),
          renderRow: (l, i) => {
            const el = h(
              "button",
              {
                type: "button",
                class: "kp-result",
                "data-focus": `term:${i}`,
                "data-term-leader": String(i),
                "aria-pressed": this.leader === i ? "true" : "false",
              },
              h(
                "span",
                { class: "kp-result-who" },
                h("span", { class: "kp-result-name" }, l.name),
                h("span", { class: "kp-result-unit" }, l.unit),
                l.missingYears.length > 0
                  ? h("span", { class: "kp-tag" }, ctx.t("term.missing", { years: l.missingYears.join("、") }))
                  : null,
                l.flags.length > 0
                  ? h("span", { class: "kp-tag kp-tag-review", "data-flag": "consecutiveLow" }, ctx.t("term.low"))
                  : null,
              ),
              h("span", { class: "kp-result-score" }, l.termScore === null ? "—" : formatScore(l.termScore)),
            );
            el.addEventListener("click", () => {
              this.leader = i;
              ctx.focusAfterRender("term:chart");
              ctx.render();
            });
            ctx.register(el, () => true);
            return el;
          },
        }),
      ),
    ];
    const l = this.leader === null ? undefined : r.leaders[this.leader];
    if (l) {
      const spec = termTrendChart(l, r.years, { date: localDay(new Date()) });
      const box = h("div", { class: "kp-figure-box" });
      box.style.paddingTop = `${((spec.height / spec.width) * 100).toFixed(3)}%`;
      const figure = h(
        "figure",
        { class: "kp-figure", "data-figure": spec.id, tabindex: "-1", "data-focus": "term:chart" },
        h("figcaption", { class: "kp-figure-caption" }, h("span", { class: "kp-figure-title" }, spec.title)),
        h("div", { class: "kp-figure-frame" }, box),
        h("p", { class: "kp-muted kp-small" }, spec.notes.join(" ")),
      );
      // Drawn once the view is on the page, at the resolution of its width.
      window.setTimeout(() => {
        const width = box.clientWidth || 320;
        const canvas = renderChart(spec, displayScale(width, spec.width, window.devicePixelRatio || 1));
        canvas.className = "kp-figure-canvas";
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", `${spec.title}。${spec.notes.join(" ")}`);
        box.appendChild(canvas);
      }, 0);
      out.push(figure);
    }
    return out;
  }
}
