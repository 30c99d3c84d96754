/**
 * 计算: the reference date, the 计算 button and 撤销上次计算 beside it (with an inline confirmation); after a
 * run, a summary (grades in their colours, warnings linked to 状态) and the ranked list, each row opening
 * 为什么 for that leader. On errors nothing was written, and the errors are listed as cell links.
 */
import type { CalculateResult } from "../../excel/addin";
import type { LeaderResult } from "../../engine/types";
import type { PaneState, ViewContext } from "../app";
import { button, chunkedList, confirmBox, disclosure, gradeChip, messageBar } from "../components";
import { h, uid } from "../dom";
import { formatScore, formatTime, gradeCounts, rankOrder } from "../format";
import { diagnosticList } from "./diagnostics";
import { flashBar, gradeLabel, needsCommittee } from "./shared";

function referenceDateField(ctx: ViewContext): HTMLElement {
  const id = uid("kp-refdate");
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const s = ctx.state;
  const input = h("input", {
    id,
    type: "text",
    class: `kp-input${s.referenceDateError ? " kp-invalid" : ""}`,
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: "YYYY-MM-DD",
    spellcheck: "false",
    "data-focus": "calc:refdate",
    "aria-describedby": s.referenceDateError ? `${errId} ${hintId}` : hintId,
    "aria-invalid": s.referenceDateError ? "true" : null,
  });
  input.value = s.referenceDate;
  input.addEventListener("input", () => {
    s.referenceDate = input.value;
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (!ctx.busy) ctx.ops.calculate();
    }
  });
  return h(
    "div",
    { class: "kp-field" },
    h("label", { class: "kp-label", for: id }, ctx.t("calc.refDate")),
    input,
    s.referenceDateError ? h("p", { class: "kp-field-error", id: errId }, ctx.t("calc.refDateInvalid")) : null,
    h("p", { class: "kp-hint", id: hintId }, ctx.t("calc.refDateHint")),
  );
}

/** Whether 计算 writes formulas (公式模式): the switch as set, else as the workbook's 考核结果 holds it. */
export function formulasMode(s: PaneState): boolean {
  if (s.formulas !== null) return s.formulas;
  return !!(s.inspect && s.inspect.results.formulas);
}

/** 公式模式: 考核结果's scores as formulas over 计算明细 (docs/method.md §9), for auditors to trace. */
function formulasSwitch(ctx: ViewContext): HTMLElement {
  const id = uid("kp-formulas");
  const hintId = `${id}-hint`;
  const box = h("input", {
    id,
    type: "checkbox",
    class: "kp-check",
    "data-focus": "calc:formulas",
    "aria-describedby": hintId,
  });
  box.checked = formulasMode(ctx.state);
  box.addEventListener("change", () => {
    ctx.state.formulas = box.checked;
  });
  return h(
    "div",
    { class: "kp-field kp-field-check", "data-line": "formulas" },
    h("span", { class: "kp-check-row" }, box, h("label", { for: id, class: "kp-check-label" }, ctx.t("calc.formulas"))),
    h("p", { class: "kp-hint", id: hintId }, ctx.t("calc.formulasHint")),
  );
}

function undoArea(ctx: ViewContext): HTMLElement[] {
  const s = ctx.state;
  const snap = s.inspect ? s.inspect.snapshot : null;
  const out: HTMLElement[] = [];
  if (s.confirmingUndo && snap && snap.exists) {
    out.push(
      confirmBox(ctx, {
        title: ctx.t("undo.confirmTitle"),
        text:
          (snap.existed === false
            ? ctx.t("undo.confirmDelete", { time: formatTime(snap.takenAt), sheet: snap.sheet || "考核结果" })
            : ctx.t("undo.confirmRestore", { time: formatTime(snap.takenAt), sheet: snap.sheet || "考核结果" })) +
          (s.recorded && s.recorded.result.ok ? ` ${ctx.t("undo.keepsDecision")}` : ""),
        confirmLabel: ctx.t("undo.confirm"),
        cancelLabel: ctx.t("undo.cancel"),
        onConfirm: ctx.ops.undo,
        onCancel: ctx.ops.cancelUndo,
        focusKey: "undo",
      }),
    );
  }
  const u = s.undo;
  if (u) {
    out.push(
      u.restored
        ? messageBar(
            "success",
            ctx.t(u.deleted ? "undo.deleted" : "undo.restored", { sheet: u.sheet, time: formatTime(u.takenAt) }),
            {
              live: true,
              title: ctx.t("undo.doneTitle"),
            },
          )
        : messageBar("warning", ctx.t("undo.notRestored", { reason: u.reason }), { live: true }),
    );
  }
  return out;
}

/** The tag of a row of the results: decided by the committee, or a case for it (needsCommittee). */
export function resultTag(l: LeaderResult): "decided" | "review" | null {
  if (l.explain.grade.committee) return "decided";
  return needsCommittee(l).length > 0 ? "review" : null;
}

function leaderRow(ctx: ViewContext, l: LeaderResult): HTMLElement {
  const rank = l.rank === null ? "—" : String(l.rank);
  const tag = resultTag(l);
  const tagText = tag ? ctx.t(tag === "decided" ? "calc.tagDecided" : "calc.tagReview") : "";
  const grade = tag ? `${gradeLabel(ctx, l.grade)} ${tagText}` : gradeLabel(ctx, l.grade);
  const el = h(
    "button",
    {
      type: "button",
      class: "kp-result",
      "data-focus": `result:${l.index}`,
      "data-leader": String(l.index),
      "aria-label": ctx.t("calc.rowLabel", { rank, name: l.name, unit: l.unit, score: formatScore(l.final), grade }),
    },
    h("span", { class: "kp-result-rank" }, rank),
    h(
      "span",
      { class: "kp-result-who" },
      h("span", { class: "kp-result-name" }, l.name),
      h("span", { class: "kp-result-unit" }, l.unit),
      tag ? h("span", { class: `kp-tag kp-tag-${tag}`, "data-tag": tag }, tagText) : null,
    ),
    h("span", { class: "kp-result-score" }, formatScore(l.final)),
    gradeChip(l.grade, gradeLabel(ctx, l.grade)),
  );
  el.addEventListener("click", () => {
    if (!el.disabled) ctx.ops.showWhy(l.index);
  });
  ctx.register(el, () => true);
  return el;
}

/** 导出考核报告 and 导出个人通知书, from the last run; only in the build that has them (PaneOptions.exports). */
function papersSection(ctx: ViewContext): HTMLElement | null {
  const exports = ctx.exports;
  if (!exports || !ctx.state.scored) return null;
  const item = (kind: "report" | "letters", label: string, hint: string, icon: string) =>
    h(
      "li",
      { class: "kp-paper" },
      button(ctx, {
        label,
        kind: "secondary",
        icon,
        onClick: () => exports.exportPaper(ctx, kind),
        focusKey: `calc:${kind}`,
      }),
      h("span", { class: "kp-muted kp-small" }, hint),
    );
  return h(
    "section",
    { class: "kp-section", "aria-labelledby": "kp-h-papers" },
    h("h2", { class: "kp-h2", id: "kp-h-papers" }, ctx.t("calc.papers")),
    h("p", { class: "kp-muted kp-small" }, ctx.t("calc.papersHint")),
    h(
      "ul",
      { class: "kp-papers" },
      item("report", ctx.t("calc.exportReport"), ctx.t("calc.exportReportHint"), "⇩"),
      item("letters", ctx.t("calc.exportLetters"), ctx.t("calc.exportLettersHint"), "⇩"),
    ),
  );
}

function success(ctx: ViewContext, r: Extract<CalculateResult, { ok: true }>): (HTMLElement | null)[] {
  const a = r.assessment;
  const sum = a.summary;
  const counts = gradeCounts(a.leaders).filter(
    (c) => c.count > 0 || (c.grade !== "暂缓评定" && c.grade !== "不定等次"),
  );
  const chips = h(
    "ul",
    { class: "kp-grade-counts", "aria-label": ctx.t("calc.gradeCounts") },
    counts.map((c) =>
      h(
        "li",
        { class: "kp-grade-count", "data-grade": c.grade, "aria-label": `${gradeLabel(ctx, c.grade)} ${c.count}` },
        gradeChip(c.grade, gradeLabel(ctx, c.grade)),
        h("span", { class: "kp-grade-n", "aria-hidden": "true" }, String(c.count)),
      ),
    ),
  );
  const warnings =
    r.warnings.length > 0
      ? h(
          "p",
          { class: "kp-row kp-row-tight", "data-line": "warnings" },
          h("span", { class: "kp-warn-count" }, ctx.t("calc.warnings", { n: r.warnings.length })),
          button(ctx, {
            label: ctx.t("calc.seeWarnings"),
            kind: "link",
            onClick: () => ctx.go("status", "diag:0"),
            focusKey: "calc:warnings",
          }),
        )
      : h("p", { class: "kp-muted", "data-line": "warnings" }, ctx.t("calc.noWarnings"));
  // How the run went in Excel's terms, for whoever supports the add-in: behind 技术细节.
  const extras = [ctx.t("calc.syncs", { n: r.syncs })];
  if (!r.autoFilter) extras.push(ctx.t("calc.noAutoFilter"));
  if (r.notesVia !== "none")
    extras.push(ctx.t(r.notesVia === "notes" ? "calc.notesVia.notes" : "calc.notesVia.prompt"));
  const more =
    sum.ungraded + sum.circumstances + sum.decided > 0
      ? h(
          "p",
          { "data-line": "summary-more" },
          ctx.t("calc.summaryMore", {
            ungraded: sum.ungraded,
            circumstances: sum.circumstances,
            decided: sum.decided,
          }),
        )
      : null;
  const groups =
    sum.quotaGroups && r.method.grades.quotaGroupColumn
      ? h(
          "p",
          { class: "kp-small", "data-line": "quota-groups" },
          ctx.t("calc.quotaGroups", {
            column: r.method.grades.quotaGroupColumn,
            list: sum.quotaGroups
              .map((g) =>
                ctx.t("calc.quotaGroup", {
                  group: g.group || ctx.t("calc.quotaGroupBlank"),
                  excellent: g.excellent,
                  quota: g.quota,
                }),
              )
              .join(ctx.t("list.sep")),
          }),
        )
      : null;
  if (!r.print) extras.push(ctx.t("calc.noPrint"));
  const summary = messageBar(
    "success",
    [
      r.formulas ? h("p", { "data-line": "formulas" }, ctx.t("calc.formulasDone")) : null,
      h(
        "p",
        { "data-line": "summary" },
        ctx.t("calc.summary", { graded: sum.graded, pending: sum.pending, excellent: sum.excellent, quota: sum.quota }),
      ),
      more,
      groups,
      chips,
      warnings,
      disclosure(ctx, {
        show: ctx.t("details.show"),
        hide: ctx.t("details.hide"),
        open: !!ctx.state.expanded.calc,
        onToggle: (open) => ctx.ops.toggle("calc", open),
        focusKey: "details:calc",
        content: h("p", { class: "kp-faint", "data-line": "syncs" }, extras.join(" · ")),
      }),
    ],
    { live: true, title: ctx.t("calc.doneTitle") },
  );
  const ordered = rankOrder(a.leaders);
  return [
    summary,
    papersSection(ctx),
    h(
      "section",
      { class: "kp-section", "aria-labelledby": "kp-h-results" },
      h("h2", { class: "kp-h2", id: "kp-h-results" }, ctx.t("calc.results", { n: a.leaders.length })),
      h("p", { class: "kp-muted kp-small" }, ctx.t("calc.resultsHint")),
      h(
        "div",
        { class: "kp-result-head", "aria-hidden": "true" },
        h("span", { class: "kp-result-rank" }, ctx.t("calc.colRank")),
        h("span", { class: "kp-result-who" }, ctx.t("calc.colWho")),
        h("span", { class: "kp-result-score" }, ctx.t("calc.colScore")),
        h("span", { class: "kp-result-grade" }, ctx.t("calc.colGrade")),
      ),
      chunkedList({
        items: ordered,
        label: ctx.t("calc.resultsLabel"),
        className: "kp-results",
        progressText: (shown, total) => ctx.t("list.drawing", { shown, total }),
        renderRow: (l) => leaderRow(ctx, l),
      }),
    ),
  ];
}

function failure(ctx: ViewContext, r: Exclude<CalculateResult, { ok: true }>): HTMLElement[] {
  if (r.kind === "method") {
    return [
      messageBar(
        "error",
        [
          h("p", null, ctx.t("calc.methodErrors", { n: r.errors.length })),
          h(
            "ul",
            { class: "kp-lines" },
            r.errors.map((e) => h("li", null, `${e.path}：${e.message}`)),
          ),
          button(ctx, {
            label: ctx.t("calc.openMethod"),
            kind: "link",
            onClick: () => ctx.go("method", "method:save"),
            focusKey: "calc:openMethod",
          }),
        ],
        { live: true, title: ctx.t("calc.failedTitle") },
      ),
    ];
  }
  const sheets = ctx.state.inspect
    ? [...ctx.state.inspect.sheets.filter((s) => s.found).map((s) => s.name), ...ctx.state.inspect.otherSheets]
    : null;
  return [
    messageBar("error", h("p", { "data-line": "errors" }, ctx.t("calc.errors", { n: r.errors.length })), {
      live: true,
      title: ctx.t("calc.failedTitle"),
    }),
    h(
      "section",
      { class: "kp-section", "aria-labelledby": "kp-h-errors" },
      h("h2", { class: "kp-h2", id: "kp-h-errors" }, ctx.t("calc.errorsHeading")),
      h("p", { class: "kp-muted kp-small" }, ctx.t("status.problemsHint")),
      diagnosticList(ctx, r.errors, { label: ctx.t("calc.errorsHeading"), key: "cdiag", sheets }),
      r.warnings.length > 0
        ? h("p", { class: "kp-muted kp-small" }, ctx.t("calc.alsoWarnings", { n: r.warnings.length }))
        : null,
    ),
  ];
}

export function renderCalculate(ctx: ViewContext): HTMLElement {
  const s = ctx.state;
  const snap = s.inspect ? s.inspect.snapshot : null;
  const canUndo = () => !!(snap && snap.exists) && !s.confirmingUndo;
  const dirty = ctx.methodDirty();
  const run = button(ctx, {
    label: ctx.t("calc.run"),
    kind: "primary",
    icon: "▶",
    onClick: ctx.ops.calculate,
    focusKey: "calc:run",
    enabled: () => !s.supports || s.supports.scoring,
  });
  const undo = button(ctx, {
    label: ctx.t("undo.button"),
    kind: "secondary",
    icon: "↶",
    onClick: ctx.ops.askUndo,
    focusKey: "calc:undo",
    enabled: canUndo,
    title: snap && snap.exists ? ctx.t("undo.available", { time: formatTime(snap.takenAt) }) : ctx.t("undo.none"),
  });
  const r = s.calc;
  return h(
    "div",
    { class: "kp-view" },
    h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("calc.title"))),
    flashBar(ctx, "calculate"),
    s.supports && !s.supports.scoring ? messageBar("error", ctx.t("api.noScoring")) : null,
    dirty ? messageBar("warning", ctx.t("calc.methodDirty")) : null,
    h("p", { class: "kp-muted" }, ctx.t("calc.intro")),
    referenceDateField(ctx),
    formulasSwitch(ctx),
    h("div", { class: "kp-row" }, run, undo),
    h(
      "p",
      { class: "kp-muted kp-small", "data-line": "undo" },
      snap && snap.exists ? ctx.t("undo.available", { time: formatTime(snap.takenAt) }) : ctx.t("undo.none"),
    ),
    undoArea(ctx),
    r ? (r.ok ? success(ctx, r) : failure(ctx, r)) : null,
  );
}
