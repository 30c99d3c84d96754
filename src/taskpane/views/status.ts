/**
 * 状态: which standard sheets the workbook has, how much data, every problem as a link to its cell, what this
 * Excel supports — and 新建模板, which creates the sheets that are missing.
 */
import type { InspectResult, Supports } from "../../excel/addin";
import type { ViewContext } from "../app";
import { button, disclosure, messageBar, stat } from "../components";
import { h } from "../dom";
import { formatTime } from "../format";
import type { MessageKey } from "../i18n";
import { diagnosticList } from "./diagnostics";
import { flashBar } from "./shared";

/**
 * What this Excel lacks (empty when everything is there): each a note in plain words (`key`: which Excel
 * has it) and, for the technical details, the feature's short name and the requirement set it needs.
 */
export function apiHints(s: Supports): { key: MessageKey; feature: MessageKey; set: string }[] {
  const out: { key: MessageKey; feature: MessageKey; set: string }[] = [];
  if (!s.scoring) return [{ key: "api.noScoring", feature: "api.feature.scoring", set: "1.7" }];
  if (!s.validation) out.push({ key: "api.noValidation", feature: "api.feature.validation", set: "1.8" });
  if (!s.nativeCharts) out.push({ key: "api.noNativeCharts", feature: "api.feature.nativeCharts", set: "1.8" });
  if (!s.autoFilter) out.push({ key: "api.noAutoFilter", feature: "api.feature.autoFilter", set: "1.9" });
  if (!s.cellProperties) out.push({ key: "api.noCellProperties", feature: "api.feature.cellProperties", set: "1.9" });
  // Without data validation there are no input messages either: api.noValidation says it for both.
  if (!s.notes && s.validation) out.push({ key: "api.noNotes", feature: "api.feature.notes", set: "1.18" });
  return out;
}

/** The tiles of 状态 (docs/method.md §10, §12 included): what the input holds, then what the rules decide. */
export function statusTiles(r: InspectResult): {
  data: { key: string; label: MessageKey; tip: MessageKey; value: number }[];
  grading: { key: string; label: MessageKey; tip: MessageKey; value: number }[] | null;
} {
  const c = r.counts;
  const data = [
    { key: "leaders", label: "status.leaders", tip: "status.leadersTip", value: c.leaders },
    { key: "units", label: "status.units", tip: "status.unitsTip", value: c.units },
    { key: "voteRows", label: "status.voteRows", tip: "status.voteRowsTip", value: c.voteRows },
  ] as { key: string; label: MessageKey; tip: MessageKey; value: number }[];
  if (c.candidates !== null)
    data.push({ key: "candidates", label: "status.candidates", tip: "status.candidatesTip", value: c.candidates });
  const sum = r.summary;
  if (!sum || c.leaders === 0) return { data, grading: null };
  const grading: { key: string; label: MessageKey; tip: MessageKey; value: number }[] = [
    { key: "graded", label: "status.graded", tip: "status.gradedTip", value: sum.graded },
    { key: "pending", label: "status.pending", tip: "status.pendingTip", value: sum.pending },
    { key: "ungraded", label: "status.ungraded", tip: "status.ungradedTip", value: sum.ungraded },
    { key: "circumstances", label: "status.circumstances", tip: "status.circumstancesTip", value: sum.circumstances },
    { key: "decided", label: "status.decided", tip: "status.decidedTip", value: sum.decided },
  ];
  return { data, grading };
}

function templateResult(ctx: ViewContext): HTMLElement | null {
  const r = ctx.state.template;
  if (!r) return null;
  if (!r.ok) {
    return messageBar(
      "error",
      [
        h("p", null, ctx.t("template.failed")),
        diagnosticList(ctx, r.errors, { label: ctx.t("template.failed"), key: "tdiag" }),
      ],
      {
        live: true,
      },
    );
  }
  const lines: HTMLElement[] = [];
  if (r.created.length > 0)
    lines.push(h("p", { "data-template": "created" }, ctx.t("template.created", { list: r.created.join("、") })));
  else lines.push(h("p", { "data-template": "created" }, ctx.t("template.nothing")));
  if (r.kept.length > 0)
    lines.push(h("p", { "data-template": "kept" }, ctx.t("template.kept", { list: r.kept.join("、") })));
  if (r.created.length > 0)
    lines.push(
      h(
        "p",
        { class: "kp-muted" },
        ctx.t(
          r.notesVia === "notes"
            ? "template.notesVia.notes"
            : r.notesVia === "prompt"
              ? "template.notesVia.prompt"
              : "template.notesVia.none",
        ),
      ),
    );
  if (r.created.length > 0) lines.push(h("p", { class: "kp-muted" }, ctx.t("template.next")));
  return messageBar(r.created.length > 0 ? "success" : "info", lines, { live: true, title: ctx.t("template.title") });
}

function sheetsSection(ctx: ViewContext, r: InspectResult): HTMLElement {
  const missing = r.sheets.filter((s) => !s.found);
  const missingRequired = missing.filter((s) => s.required);
  const list = h(
    "ul",
    { class: "kp-sheets", "aria-label": ctx.t("status.sheets") },
    r.sheets.map((s) => {
      const state = s.found ? "found" : s.required ? "missing" : "absent";
      const mark = s.found ? "✓" : "✗";
      const label = ctx.t(
        s.required
          ? s.found
            ? "status.sheetFound"
            : "status.sheetMissing"
          : s.found
            ? "status.sheetOptionalFound"
            : "status.sheetOptionalMissing",
        { name: s.name },
      );
      return h(
        "li",
        {
          class: `kp-sheet kp-sheet-${state}`,
          "data-sheet": s.name,
          "data-found": s.found ? "true" : "false",
          "aria-label": label,
        },
        h("span", { class: "kp-sheet-mark", "aria-hidden": "true" }, mark),
        h("span", { class: "kp-sheet-name", "aria-hidden": "true" }, s.name),
        s.required ? null : h("span", { class: "kp-tag", "aria-hidden": "true" }, ctx.t("status.optional")),
      );
    }),
  );
  const templateButton = button(ctx, {
    label: ctx.t("template.button"),
    kind: missingRequired.length > 0 ? "primary" : "secondary",
    icon: "＋",
    onClick: ctx.ops.createTemplate,
    focusKey: "status:template",
    enabled: () => missing.length > 0,
    title: missing.length > 0 ? ctx.t("template.help") : ctx.t("template.allThere"),
  });
  const hint =
    missing.length === 0
      ? ctx.t("template.allThere")
      : missingRequired.length === r.sheets.filter((s) => s.required).length
        ? ctx.t("template.helpEmpty")
        : ctx.t("template.helpMissing", { list: missing.map((s) => s.name).join("、") });
  return h(
    "section",
    { class: "kp-section", "aria-labelledby": "kp-h-sheets" },
    h("h2", { class: "kp-h2", id: "kp-h-sheets" }, ctx.t("status.sheets")),
    list,
    r.otherSheets.length > 0
      ? h("p", { class: "kp-muted kp-small" }, ctx.t("status.otherSheets", { list: r.otherSheets.join("、") }))
      : null,
    h("div", { class: "kp-row" }, templateButton),
    h("p", { class: "kp-muted kp-small", id: "kp-template-hint" }, hint),
    templateResult(ctx),
  );
}

function dataSection(ctx: ViewContext, r: InspectResult): HTMLElement {
  const tiles = statusTiles(r);
  const stats = h(
    "div",
    { class: "kp-stats" },
    tiles.data.map((x) => stat(ctx.t(x.label), x.value, x.key, ctx.t(x.tip))),
  );
  const grading = tiles.grading
    ? [
        h("h3", { class: "kp-h3", id: "kp-h-grading" }, ctx.t("status.grading")),
        h(
          "div",
          { class: "kp-stats", "aria-labelledby": "kp-h-grading", role: "group" },
          tiles.grading.map((x) => stat(ctx.t(x.label), x.value, x.key, ctx.t(x.tip))),
        ),
        h("p", { class: "kp-muted kp-small" }, ctx.t("status.gradingHint")),
      ]
    : null;
  const method = r.method.valid
    ? ctx.t(r.method.source === "sheet" ? "status.methodSheet" : "status.methodDefaults", { name: r.method.name })
    : ctx.t("status.methodInvalid");
  const lines = [
    h("li", { "data-line": "method" }, method),
    h("li", { "data-line": "results" }, ctx.t(r.results.exists ? "status.resultsExist" : "status.resultsNone")),
    r.snapshot.exists
      ? h("li", { "data-line": "snapshot" }, ctx.t("status.snapshot", { time: formatTime(r.snapshot.takenAt) }))
      : null,
  ];
  return h(
    "section",
    { class: "kp-section", "aria-labelledby": "kp-h-data" },
    h("h2", { class: "kp-h2", id: "kp-h-data" }, ctx.t("status.data")),
    stats,
    grading,
    h("ul", { class: "kp-lines" }, lines),
  );
}

function problemsSection(ctx: ViewContext, r: InspectResult): HTMLElement {
  const all = [...r.errors, ...r.warnings];
  const sheets = [...r.sheets.filter((s) => s.found).map((s) => s.name), ...r.otherSheets];
  const heading = h("h2", { class: "kp-h2", id: "kp-h-problems" }, ctx.t("status.problems"));
  const summary =
    all.length === 0
      ? messageBar("success", ctx.t("status.noProblems"))
      : messageBar(
          r.errors.length > 0 ? "error" : "warning",
          h(
            "p",
            null,
            ctx.t(r.errors.length > 0 ? "status.problemsErrors" : "status.problemsWarnings", {
              errors: r.errors.length,
              warnings: r.warnings.length,
            }),
          ),
        );
  return h(
    "section",
    { class: "kp-section", "aria-labelledby": "kp-h-problems", id: "kp-problems" },
    heading,
    summary,
    all.length > 0 ? h("p", { class: "kp-muted kp-small" }, ctx.t("status.problemsHint")) : null,
    all.length > 0 ? diagnosticList(ctx, all, { label: ctx.t("status.problems"), key: "diag", sheets }) : null,
  );
}

function excelSection(ctx: ViewContext, s: Supports): HTMLElement {
  // Below 1.8 the error bar at the top says it all.
  const hints = s.scoring ? apiHints(s) : [];
  // What this build of the pane cannot do (the Internet Explorer build: no charts), whatever the ExcelApi.
  const limits =
    s.scoring && ctx.limitations.length > 0
      ? h(
          "ul",
          { class: "kp-lines kp-small", "data-line": "limits" },
          ctx.limitations.map((key) => h("li", null, ctx.t(key))),
        )
      : null;
  // Plain words on the pane; the interface version and the sets each feature needs behind 技术细节.
  const details = disclosure(ctx, {
    show: ctx.t("details.show"),
    hide: ctx.t("details.hide"),
    open: !!ctx.state.expanded.api,
    onToggle: (open) => ctx.ops.toggle("api", open),
    focusKey: "details:api",
    content: h(
      "ul",
      { class: "kp-lines kp-small kp-muted", "data-line": "api" },
      h("li", null, s.version ? ctx.t("api.version", { version: s.version }) : ctx.t("api.none")),
      apiHints(s).map((x) => h("li", null, ctx.t("api.needs", { feature: ctx.t(x.feature), set: x.set }))),
    ),
  });
  return h(
    "section",
    { class: "kp-section", "aria-labelledby": "kp-h-excel" },
    h("h2", { class: "kp-h2", id: "kp-h-excel" }, ctx.t("status.excel")),
    hints.length > 0
      ? [
          h("p", { class: "kp-small" }, ctx.t("api.someExtras")),
          h(
            "ul",
            { class: "kp-lines kp-small", "data-line": "api-hints" },
            hints.map((x) => h("li", null, ctx.t(x.key))),
          ),
        ]
      : s.scoring && !limits
        ? h("p", { class: "kp-muted kp-small", "data-line": "api-all" }, ctx.t("api.allExtras"))
        : null,
    limits,
    details,
  );
}

export function renderStatus(ctx: ViewContext): HTMLElement {
  const r = ctx.state.inspect;
  const refresh = button(ctx, {
    label: ctx.t("status.refresh"),
    kind: "subtle",
    icon: "↻",
    onClick: ctx.ops.refresh,
    focusKey: "status:refresh",
    enabled: () => !ctx.state.supports || ctx.state.supports.scoring,
  });
  const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("status.title")), refresh);
  const supports = r ? r.supports : ctx.state.supports;
  if (!r) {
    const tooOld = supports !== null && !supports.scoring;
    return h(
      "div",
      { class: "kp-view" },
      head,
      flashBar(ctx, "status"),
      tooOld ? messageBar("error", ctx.t("api.noScoring"), { live: true }) : null,
      ctx.busy || tooOld ? null : h("p", { class: "kp-muted" }, ctx.t("status.notRead")),
      supports ? excelSection(ctx, supports) : null,
    );
  }
  const noScoring = !r.supports.scoring ? messageBar("error", ctx.t("api.noScoring"), { live: true }) : null;
  return h(
    "div",
    { class: "kp-view" },
    head,
    flashBar(ctx, "status"),
    noScoring,
    sheetsSection(ctx, r),
    dataSection(ctx, r),
    problemsSection(ctx, r),
    excelSection(ctx, r.supports),
  );
}
