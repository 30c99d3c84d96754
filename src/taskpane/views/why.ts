/**
 * 为什么: pick a leader (a search box with a list of matches, or the row selected in 考核结果) and read the
 * explanation of explainLeader — every input, intermediate value, weight, cap and the quota decision, in
 * plain Chinese, section by section; a line that comes from a cell links to it.
 */
import type { LeaderResult } from "../../engine/types";
import { explainLeader } from "../../engine/explainText";
import type { Method } from "../../method/types";
import type { ViewContext } from "../app";
import { button, cellLink, gradeChip, messageBar } from "../components";
import { h } from "../dom";
import { formatPercent, formatScore, formatTime } from "../format";
import type { MessageKey } from "../i18n";
import { diagnosticList } from "./diagnostics";
import { leaderCombo } from "./leaderCombo";
import { flashBar, gradeLabel } from "./shared";

function picker(ctx: ViewContext, leaders: readonly LeaderResult[]): HTMLElement {
  const s = ctx.state;
  const selection = button(ctx, {
    label: ctx.t("why.useSelection"),
    kind: "secondary",
    onClick: ctx.ops.whyFromSelection,
    focusKey: "why:selection",
  });
  return leaderCombo(ctx, {
    leaders,
    query: s.whyQuery,
    onQuery: (q) => {
      s.whyQuery = q;
    },
    onPick: ctx.ops.showWhy,
    label: ctx.t("why.search"),
    placeholder: ctx.t("why.searchPlaceholder"),
    focusKey: "why:search",
    openOnFocus: () => s.whyIndex === null,
    footer: h("div", { class: "kp-row" }, selection),
  });
}

const FACTS: readonly [MessageKey, (l: LeaderResult) => string][] = [
  ["why.economic", (l) => formatScore(l.economic)],
  ["why.work", (l) => formatScore(l.work)],
  ["why.democratic", (l) => formatScore(l.democratic)],
  ["why.adjustment", (l) => formatScore(l.adjustment)],
  ["why.excellentRate", (l) => formatPercent(l.excellentRate)],
];

function explanation(ctx: ViewContext, l: LeaderResult, method: Method): HTMLElement {
  const sections = explainLeader(l, method);
  const grade = gradeLabel(ctx, l.grade);
  const facts = h(
    "dl",
    { class: "kp-facts" },
    h(
      "div",
      { class: "kp-fact" },
      h("dt", null, ctx.t("why.final")),
      h("dd", { class: "kp-fact-big", "data-fact": "final" }, formatScore(l.final)),
    ),
    h(
      "div",
      { class: "kp-fact" },
      h("dt", null, ctx.t("why.rank")),
      h("dd", { "data-fact": "rank" }, l.rank === null ? "—" : String(l.rank)),
    ),
    h(
      "div",
      { class: "kp-fact" },
      h("dt", null, ctx.t("why.grade")),
      h("dd", { "data-fact": "grade" }, gradeChip(l.grade, grade)),
    ),
  );
  const parts = h(
    "dl",
    { class: "kp-facts kp-facts-small" },
    FACTS.map(([key, value]) => h("div", { class: "kp-fact" }, h("dt", null, ctx.t(key)), h("dd", null, value(l)))),
  );
  const flags =
    l.flags.length > 0
      ? messageBar(
          l.status === "pending" ? "warning" : "info",
          h(
            "ul",
            { class: "kp-lines" },
            l.flags.map((f) => h("li", null, f.message)),
          ),
          { title: ctx.t("why.flags") },
        )
      : null;
  const body = sections.map((sec, si) =>
    h(
      "section",
      { class: "kp-explain-section", "aria-labelledby": `kp-why-s${si}` },
      h("h3", { class: "kp-h3", id: `kp-why-s${si}` }, sec.title),
      h(
        "ol",
        { class: "kp-explain-lines" },
        sec.lines.map((line, li) =>
          h(
            "li",
            { class: "kp-explain-line" },
            h("span", { class: "kp-explain-text" }, line.text),
            line.cell
              ? cellLink(
                  ctx,
                  line.cell,
                  ctx.t("diag.selectCell", { cell: line.cell }),
                  ctx.ops.selectCell,
                  `why:cell:${si}:${li}`,
                )
              : null,
          ),
        ),
      ),
    ),
  );
  return h(
    "article",
    { class: "kp-explain", "aria-labelledby": "kp-why-name", "data-leader": String(l.index) },
    h(
      "header",
      { class: "kp-explain-head" },
      h("h2", { class: "kp-h1", id: "kp-why-name", tabindex: "-1", "data-focus": "why:heading" }, l.name),
      h("p", { class: "kp-muted" }, [l.unit, l.position].filter((x) => x !== "").join(" · ")),
      facts,
      parts,
    ),
    flags,
    body,
    h("p", { class: "kp-faint" }, ctx.t("why.basis")),
  );
}

export function renderWhy(ctx: ViewContext): HTMLElement {
  const s = ctx.state;
  const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("why.title")));
  // The last 计算 if there is one; else what 只查看 scored without writing.
  const source = s.scored ?? s.previewed;
  if (!source) {
    return h(
      "div",
      { class: "kp-view" },
      head,
      flashBar(ctx, "why"),
      messageBar("info", [
        h("p", null, ctx.t("why.needRun")),
        h(
          "div",
          { class: "kp-actions" },
          button(ctx, {
            label: ctx.t("why.preview"),
            onClick: () => ctx.ops.previewWhy(),
            focusKey: "why:preview",
          }),
          button(ctx, {
            label: ctx.t("why.goCalculate"),
            kind: "link",
            onClick: () => ctx.go("calculate", "calc:run"),
            focusKey: "why:go",
          }),
        ),
      ]),
      s.previewErrors
        ? h(
            "div",
            null,
            messageBar("error", ctx.t("why.previewFailed", { n: s.previewErrors.length })),
            diagnosticList(ctx, s.previewErrors, {
              label: ctx.t("why.previewFailed", { n: s.previewErrors.length }),
              key: "wdiag",
            }),
          )
        : null,
    );
  }
  const leaders = source.assessment.leaders;
  const chosen = s.whyIndex !== null && s.whyIndex < leaders.length ? leaders[s.whyIndex] : null;
  return h(
    "div",
    { class: "kp-view" },
    head,
    flashBar(ctx, "why"),
    s.scored
      ? null
      : h(
          "p",
          { class: "kp-faint", "data-line": "preview" },
          ctx.t("why.previewNote", { time: formatTime(source.at) }),
        ),
    picker(ctx, leaders),
    chosen ? explanation(ctx, chosen, source.method) : h("p", { class: "kp-muted" }, ctx.t("why.pick")),
  );
}
