/**
 * 为什么: pick a leader (a search box with a list of matches, or the row selected in 考核结果) and read the
 * explanation of explainLeader — every input, intermediate value, weight, cap, personal circumstance, the
 * quota decision and the committee's, in plain Chinese, section by section; a line or a flag that comes from
 * a cell links to it. For a graded leader, 记录组织决定 (docs/method.md §12): pick the grade, type the basis,
 * and the pane writes the row of 组织决定 and calculates again.
 */
import type { LeaderResult } from "../../engine/types";
import { explainLeader } from "../../engine/explainText";
import { GRADES } from "../../method/schema";
import type { Grade, Method } from "../../method/types";
import type { RecordedDecision, ViewContext } from "../app";
import { button, cellLink, gradeChip, messageBar } from "../components";
import { h, uid } from "../dom";
import { parseAddress } from "../../workbook/address";
import { formatPercent, formatScore, formatTime } from "../format";
import type { MessageKey } from "../i18n";
import type { TallyResult } from "../../engine/ballots/tally";
import { ballotsBehindLeader } from "./ballotsWhy";
import { diagnosticList } from "./diagnostics";
import { leaderCombo } from "./leaderCombo";
import { flashBar, gradeLabel, needsCommittee, paneQuotes } from "./shared";

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

function explanation(ctx: ViewContext, l: LeaderResult, method: Method, ballots?: TallyResult): HTMLElement {
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
          l.status === "graded" ? "info" : "warning",
          h(
            "ul",
            { class: "kp-lines" },
            l.flags.map((f, fi) =>
              h(
                "li",
                { class: "kp-flag", "data-flag": f.code },
                h("span", { class: "kp-explain-text" }, paneQuotes(f.message)),
                (f.cells ?? []).map((cell, ci) =>
                  cellLink(ctx, cell, ctx.t("diag.selectCell", { cell }), ctx.ops.selectCell, `why:flag:${fi}:${ci}`),
                ),
              ),
            ),
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
            h("span", { class: "kp-explain-text" }, paneQuotes(line.text)),
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
    // Above the explanation when there is something to decide, decided or just recorded; below it otherwise.
    decisionFirst(ctx, l) ? decisionSection(ctx, l) : null,
    body,
    ballots ? ballotsBehindLeader(ctx, l, method, ballots) : null,
    decisionFirst(ctx, l) ? null : decisionSection(ctx, l),
    h("p", { class: "kp-faint" }, ctx.t("why.basis")),
  );
}

/** What 记录组织决定 wrote, and whether 计算 ran again (for the leader it concerned). */
function recordedBar(ctx: ViewContext, rec: RecordedDecision): HTMLElement {
  const r = rec.result;
  if (!r.ok) {
    return messageBar(
      "error",
      [
        h("p", null, ctx.t("why.decision.refused")),
        h(
          "p",
          null,
          h("span", { class: "kp-explain-text" }, paneQuotes(r.message)),
          cellLink(ctx, r.cell, ctx.t("diag.selectCell", { cell: r.cell }), ctx.ops.selectCell, "decision:cell"),
        ),
      ],
      { live: true },
    );
  }
  const at = parseAddress(r.cell);
  const row = at ? at.row + 1 : 0;
  const grade = gradeLabel(ctx, rec.grade);
  const what = r.replaced
    ? ctx.t("why.decision.replaced", {
        sheet: r.sheet,
        row,
        name: rec.name,
        old: gradeLabel(ctx, r.replaced.grade),
        grade,
      })
    : ctx.t("why.decision.added", { sheet: r.sheet, row, name: rec.name, grade });
  const lines: HTMLElement[] = [
    h(
      "p",
      { "data-line": "decision-written" },
      h("span", { class: "kp-explain-text" }, what),
      cellLink(ctx, r.cell, ctx.t("diag.selectCell", { cell: r.cell }), ctx.ops.selectCell, "decision:cell"),
    ),
  ];
  if (r.created) lines.push(h("p", null, ctx.t("why.decision.created", { sheet: r.sheet })));
  if (r.addedBasisColumn) lines.push(h("p", null, ctx.t("why.decision.addedBasis")));
  lines.push(
    h(
      "p",
      { "data-line": "decision-recalc" },
      ctx.t(rec.recalculated ? "why.decision.recalculated" : "why.decision.recalcFailed"),
    ),
  );
  if (!rec.recalculated)
    lines.push(
      button(ctx, {
        label: ctx.t("why.decision.openCalculate"),
        kind: "link",
        onClick: () => ctx.go("calculate", "calc:run"),
        focusKey: "decision:openCalc",
      }),
    );
  lines.push(h("p", { class: "kp-muted kp-small" }, ctx.t("why.decision.undoNote")));
  return h(
    "div",
    { tabindex: "-1", "data-focus": "decision:done", class: "kp-focus-target" },
    messageBar(rec.recalculated ? "success" : "warning", lines, {
      live: true,
      title: ctx.t("why.decision.doneTitle"),
    }),
  );
}

function decisionForm(ctx: ViewContext, l: LeaderResult): HTMLElement {
  const d = ctx.state.decision!;
  const gradeId = uid("kp-dgrade");
  const basisId = uid("kp-dbasis");
  const hintId = `${basisId}-hint`;
  const select = h(
    "select",
    { id: gradeId, class: "kp-select", "data-focus": "decision:grade" },
    GRADES.map((g) => h("option", { value: g }, gradeLabel(ctx, g))),
  );
  select.value = d.grade;
  select.addEventListener("change", () => {
    d.grade = select.value as Grade;
  });
  const basis = h("input", {
    id: basisId,
    type: "text",
    class: "kp-input",
    autocomplete: "off",
    placeholder: ctx.t("why.decision.basisPlaceholder"),
    "data-focus": "decision:basis",
    "aria-describedby": hintId,
  });
  basis.value = d.basis;
  basis.addEventListener("input", () => {
    d.basis = basis.value;
  });
  basis.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (!ctx.busy) ctx.ops.recordDecision();
    }
  });
  const box = h(
    "fieldset",
    { class: "kp-card kp-decision-form" },
    h("legend", { class: "kp-card-title" }, ctx.t("why.decision.formTitle", { name: l.name })),
    h(
      "div",
      { class: "kp-field" },
      h("label", { class: "kp-label", for: gradeId }, ctx.t("why.decision.grade")),
      select,
    ),
    h(
      "div",
      { class: "kp-field" },
      h("label", { class: "kp-label", for: basisId }, ctx.t("why.decision.basis")),
      basis,
      h("p", { class: "kp-hint", id: hintId }, ctx.t("why.decision.basisHint")),
    ),
    h("p", { class: "kp-muted kp-small" }, ctx.t("why.decision.writes")),
    h(
      "div",
      { class: "kp-row" },
      button(ctx, {
        label: ctx.t("why.decision.save"),
        kind: "primary",
        icon: "✓",
        onClick: ctx.ops.recordDecision,
        focusKey: "decision:save",
      }),
      button(ctx, {
        label: ctx.t("why.decision.cancel"),
        kind: "secondary",
        onClick: ctx.ops.cancelDecision,
        focusKey: "decision:cancel",
      }),
    ),
  );
  box.addEventListener("keydown", (e) => {
    if (e.key === "Escape" || e.key === "Esc") {
      e.preventDefault();
      ctx.ops.cancelDecision();
    }
  });
  return box;
}

function decisionFirst(ctx: ViewContext, l: LeaderResult): boolean {
  const s = ctx.state;
  return (
    l.explain.grade.committee !== null ||
    needsCommittee(l).length > 0 ||
    (s.decision !== null && s.decision.leader === l.index) ||
    (s.recorded !== null && s.recorded.leader === l.index)
  );
}

/** 组织决定 for a graded leader: what was decided, what calls for a decision, and the form to record one. */
function decisionSection(ctx: ViewContext, l: LeaderResult): HTMLElement | null {
  const s = ctx.state;
  const rec = s.recorded && s.recorded.leader === l.index ? recordedBar(ctx, s.recorded) : null;
  if (l.status !== "graded") return rec;
  const decided = l.explain.grade.committee;
  const review = needsCommittee(l);
  const editing = s.decision !== null && s.decision.leader === l.index;
  const open = button(ctx, {
    label: ctx.t(decided ? "why.decision.change" : "why.decision.record"),
    kind: review.length > 0 ? "primary" : "secondary",
    onClick: () => ctx.ops.openDecision(l.index),
    focusKey: "decision:open",
  });
  const grade = decided ? gradeLabel(ctx, decided.grade) : "";
  const state = decided
    ? h(
        "p",
        { "data-line": "decided" },
        h(
          "span",
          { class: "kp-explain-text" },
          decided.basis
            ? ctx.t("why.decision.currentBasis", { grade, basis: decided.basis })
            : ctx.t("why.decision.current", { grade }),
        ),
        cellLink(
          ctx,
          decided.cell,
          ctx.t("diag.selectCell", { cell: decided.cell }),
          ctx.ops.selectCell,
          "decision:at",
        ),
      )
    : review.length > 0
      ? messageBar("warning", h("p", { "data-line": "review" }, ctx.t("why.decision.needed")))
      : h("p", { class: "kp-muted kp-small" }, ctx.t("why.decision.offer"));
  return h(
    "section",
    { class: "kp-section kp-decision", "aria-labelledby": "kp-why-decision", "data-section": "decision" },
    h("h3", { class: "kp-h3", id: "kp-why-decision" }, ctx.t("why.decision.title")),
    rec,
    state,
    editing ? decisionForm(ctx, l) : h("div", { class: "kp-row" }, open),
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
    chosen ? explanation(ctx, chosen, source.method, source.ballots) : h("p", { class: "kp-muted" }, ctx.t("why.pick")),
  );
}
