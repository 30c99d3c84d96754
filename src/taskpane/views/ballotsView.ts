/**
 * 测评票 (docs/method.md §11): the ballots to print (生成测评票), the sheet to type them into (新建测评票录入表), and
 * their tally into 民主测评 (汇总测评票, with 撤销上次汇总 beside it). After a tally the view shows what was not
 * counted and why — each invalid ballot with its 票号 and reason, each unit below the turnout — every one a link to
 * its cell; on errors nothing was written, and a double entry that differs is listed with both cells.
 *
 * The editor of 测评票列对应 lists the survey columns the headers do not name, for a leader and an item to be picked
 * once. Its operations are here too (through ctx.run), not in app.ts: they change only `state.ballots`, and 状态
 * after. A chunk of its own, loaded when the tab is first drawn (views/ballots.ts): the pane's entry has a budget.
 */
import type { BallotColumnsRead, TallyVotesResult } from "../../excel/addin";
import type { Diagnostic } from "../../workbook/diagnostic";
import { SHEETS } from "../../workbook/input";
import type { ViewContext } from "../app";
import { button, cellLink, confirmBox, messageBar } from "../components";
import { h } from "../dom";
import { formatTime } from "../format";
import { diagnosticList } from "./diagnostics";
import { flashBar, paneQuotes } from "./shared";

const SHEET = {
  ballots: SHEETS.ballots,
  review: SHEETS.ballotsReview,
  votes: SHEETS.votes,
  blank: SHEETS.blankBallots,
};

// ───────────────────────────── operations ─────────────────────────────

async function refreshStatus(ctx: ViewContext): Promise<void> {
  try {
    ctx.state.inspect = await ctx.addin.inspect();
  } catch {
    // The next refresh shows it.
  }
}

function runTally(ctx: ViewContext): void {
  const st = ctx.state.ballots;
  st.confirmingUndo = false;
  void ctx.run("busy.tally", async () => {
    const r = await ctx.addin.tally();
    st.tally = r;
    st.undo = null;
    ctx.focusAfterRender(r.ok ? "ballots:done" : "ballots:tally");
    ctx.announce(
      r.ok
        ? ctx.t("ballots.tallyAnnounce", { valid: r.tally.valid, invalid: r.tally.invalid.length })
        : ctx.t("ballots.tallyFailedAnnounce", { n: r.errors.length }),
    );
    if (r.ok) await refreshStatus(ctx);
  });
}

function undoTally(ctx: ViewContext): void {
  const st = ctx.state.ballots;
  st.confirmingUndo = false;
  void ctx.run("busy.undoTally", async () => {
    const r = await ctx.addin.undoTally();
    st.undo = r;
    if (r.restored) st.tally = null;
    ctx.focusAfterRender(r.restored ? "ballots:tally" : "ballots:undo");
    ctx.announce(
      r.restored
        ? ctx.t(r.deleted ? "ballots.undoDeleted" : "ballots.undoRestored", {
            sheet: r.sheet,
            time: formatTime(r.takenAt),
          })
        : ctx.t("undo.notRestored", { reason: r.reason }),
    );
    await refreshStatus(ctx);
  });
}

function makeBallots(ctx: ViewContext, replace: boolean): void {
  const st = ctx.state.ballots;
  void ctx.run("busy.blankBallots", async () => {
    const r = await ctx.addin.blankBallots({ replace });
    st.blank = r;
    if (r.ok) {
      ctx.focusAfterRender("ballots:blankDone");
      ctx.announce(ctx.t("ballots.blankAnnounce", { sheet: r.sheet, units: r.units.length }));
      await refreshStatus(ctx);
    } else if (r.kind === "confirmReplace") ctx.focusAfterRender("ballots-replace:yes");
  });
}

function makeEntrySheet(ctx: ViewContext): void {
  const st = ctx.state.ballots;
  void ctx.run("busy.ballotEntry", async () => {
    const r = await ctx.addin.createTemplate({ ballots: true });
    st.entry = r;
    if (r.ok) ctx.announce(ctx.t("ballots.entryCreated", { sheet: SHEET.ballots }));
    await refreshStatus(ctx);
  });
}

function loadColumns(ctx: ViewContext): void {
  const st = ctx.state.ballots;
  void ctx.run("busy.ballotColumns", async () => {
    const read = await ctx.addin.ballotColumns();
    const choices: Record<number, { leader: string; item: string }> = {};
    if (read.ok) {
      for (const c of read.columns) {
        if (c.reads !== "mapping") continue;
        const l = read.leaders.find((x) => x.name === c.name && (c.unit === null || x.unit === c.unit));
        choices[c.col] = { leader: l ? String(l.index) : "", item: c.item ?? "" };
      }
    }
    st.columns = { read, choices };
    st.columnsSaved = null;
    ctx.focusAfterRender("ballots:columnsTop");
  });
}

/** The columns the editor offers: those the tally would not read, and those 测评票列对应 already maps. */
function editable(read: Extract<BallotColumnsRead, { ok: true }>) {
  return read.columns.filter((c) => c.reads !== "header");
}

function saveColumns(ctx: ViewContext): void {
  const st = ctx.state.ballots;
  const ed = st.columns;
  if (!ed || !ed.read.ok) return;
  const read = ed.read;
  const shown = editable(read);
  const rows = shown.flatMap((c) => {
    const pick = ed.choices[c.col];
    const l = pick ? read.leaders.find((x) => String(x.index) === pick.leader) : undefined;
    return l && pick && pick.item ? [{ header: c.header, name: l.name, unit: l.unit, item: pick.item }] : [];
  });
  void ctx.run("busy.saveColumns", async () => {
    const r = await ctx.addin.saveBallotColumns({ shown: shown.map((c) => c.header), rows });
    st.columnsSaved = r;
    ctx.focusAfterRender(r.ok ? "ballots:columnsSaved" : "ballots:saveColumns");
    if (r.ok) {
      ctx.announce(ctx.t("ballots.columnsSaved", { sheet: r.sheet, n: r.rows }));
      await refreshStatus(ctx);
    }
  });
}

// ───────────────────────────── drawing ─────────────────────────────

function sheetNames(ctx: ViewContext): string[] | null {
  const i = ctx.state.inspect;
  return i ? [...i.sheets.filter((s) => s.found).map((s) => s.name), ...i.otherSheets] : null;
}

function hasSheet(ctx: ViewContext, name: string): boolean {
  const names = sheetNames(ctx);
  return names !== null && names.some((n) => n.trim() === name);
}

function section(id: string, title: string, ...children: (HTMLElement | HTMLElement[] | null)[]): HTMLElement {
  return h(
    "section",
    { class: "kp-section", "aria-labelledby": id },
    h("h2", { class: "kp-h2", id }, title),
    ...children.flatMap((c) => (c === null ? [] : Array.isArray(c) ? c : [c])),
  );
}

function methodErrors(ctx: ViewContext, errors: readonly { path: string; message: string }[]): HTMLElement {
  return messageBar(
    "error",
    [
      h("p", null, ctx.t("calc.methodErrors", { n: errors.length })),
      h(
        "ul",
        { class: "kp-lines" },
        errors.map((e) => h("li", null, `${e.path}：${e.message}`)),
      ),
      button(ctx, {
        label: ctx.t("calc.openMethod"),
        kind: "link",
        onClick: () => ctx.go("method", "method:save"),
        focusKey: "ballots:openMethod",
      }),
    ],
    { live: true, title: ctx.t("calc.failedTitle") },
  );
}

function printSection(ctx: ViewContext): HTMLElement {
  const st = ctx.state.ballots;
  const r = st.blank;
  const out: HTMLElement[] = [];
  if (r && !r.ok && r.kind === "confirmReplace") {
    out.push(
      confirmBox(ctx, {
        title: ctx.t("ballots.replaceTitle", { sheet: r.sheet }),
        text: ctx.t("ballots.replaceText", { sheet: r.sheet }),
        confirmLabel: ctx.t("ballots.replace"),
        cancelLabel: ctx.t("undo.cancel"),
        onConfirm: () => makeBallots(ctx, true),
        onCancel: () => {
          st.blank = null;
          ctx.focusAfterRender("ballots:blank");
          ctx.render();
        },
        focusKey: "ballots-replace",
      }),
    );
  } else if (r && r.ok) {
    out.push(
      messageBar(
        "success",
        [
          h(
            "p",
            { "data-line": "blank", "data-focus": "ballots:blankDone", tabindex: "-1" },
            ctx.t("ballots.blankDone", {
              sheet: r.sheet,
              units: r.units.length,
              list: r.units
                .map((u) => ctx.t("ballots.blankUnit", { unit: u.unit, n: u.leaders }))
                .join(ctx.t("list.sep")),
            }),
          ),
          r.print
            ? h("p", { class: "kp-small" }, ctx.t("ballots.blankPrint"))
            : h("p", { class: "kp-small", "data-line": "noPrint" }, ctx.t("ballots.blankNoPrint")),
        ],
        { live: true, title: ctx.t("ballots.blankDoneTitle") },
      ),
    );
  } else if (r && !r.ok && r.kind === "workbook") {
    out.push(
      messageBar("error", h("p", null, ctx.t("ballots.blankErrors", { n: r.errors.length })), {
        live: true,
        title: ctx.t("calc.failedTitle"),
      }),
      diagnosticList(ctx, r.errors, { label: ctx.t("calc.errorsHeading"), key: "bdiag", sheets: sheetNames(ctx) }),
    );
  } else if (r && !r.ok && r.kind === "method") out.push(methodErrors(ctx, r.errors));
  return section(
    "kp-h-print",
    ctx.t("ballots.printTitle"),
    h("p", { class: "kp-muted kp-small" }, ctx.t("ballots.printHint", { sheet: SHEET.blank })),
    h(
      "div",
      { class: "kp-row" },
      button(ctx, {
        label: ctx.t("ballots.blankButton"),
        kind: "secondary",
        onClick: () => makeBallots(ctx, false),
        focusKey: "ballots:blank",
        enabled: () => !(r && !r.ok && r.kind === "confirmReplace"),
      }),
    ),
    out,
  );
}

function entrySection(ctx: ViewContext): HTMLElement {
  const st = ctx.state.ballots;
  const present = hasSheet(ctx, SHEET.ballots);
  const e = st.entry;
  return section(
    "kp-h-entry",
    ctx.t("ballots.entryTitle"),
    h(
      "p",
      { class: "kp-muted kp-small", "data-line": "entry" },
      present
        ? ctx.t("ballots.entryPresent", { sheet: SHEET.ballots, review: SHEET.review })
        : ctx.t("ballots.entryHint", { sheet: SHEET.ballots, review: SHEET.review }),
    ),
    present
      ? null
      : h(
          "div",
          { class: "kp-row" },
          button(ctx, {
            label: ctx.t("ballots.entryButton"),
            kind: "secondary",
            icon: "+",
            onClick: () => makeEntrySheet(ctx),
            focusKey: "ballots:entry",
          }),
        ),
    e && e.ok && e.created.length > 0
      ? messageBar(
          "success",
          [
            h("p", null, ctx.t("ballots.entryCreated", { sheet: SHEET.ballots })),
            e.validations
              ? null
              : h("p", { class: "kp-small", "data-line": "noValidation" }, ctx.t("api.noValidation")),
          ],
          { live: true },
        )
      : null,
    e && !e.ok
      ? diagnosticList(ctx, e.errors, { label: ctx.t("calc.errorsHeading"), key: "ediag", sheets: sheetNames(ctx) })
      : null,
  );
}

function columnSelects(
  ctx: ViewContext,
  read: Extract<BallotColumnsRead, { ok: true }>,
  choices: Record<number, { leader: string; item: string }>,
  col: number,
  header: string,
): HTMLElement {
  const pick = (choices[col] = choices[col] ?? { leader: "", item: "" });
  const who = h(
    "select",
    {
      class: "kp-select",
      "data-focus": `col:${col}:leader`,
      "aria-label": ctx.t("ballots.columnLeader", { header }),
    },
    h("option", { value: "" }, ctx.t("ballots.columnNone")),
    read.leaders.map((l) => h("option", { value: String(l.index) }, `${l.name}（${l.unit}）`)),
  );
  who.value = pick.leader;
  who.addEventListener("change", () => {
    pick.leader = who.value;
  });
  const what = h(
    "select",
    { class: "kp-select", "data-focus": `col:${col}:item`, "aria-label": ctx.t("ballots.columnItem", { header }) },
    h("option", { value: "" }, "—"),
    read.items.map((it) => h("option", { value: it }, it)),
  );
  what.value = pick.item;
  what.addEventListener("change", () => {
    pick.item = what.value;
  });
  return h("span", { class: "kp-row kp-row-tight" }, who, what);
}

function columnsSection(ctx: ViewContext): HTMLElement | null {
  if (!hasSheet(ctx, SHEET.ballots)) return null;
  const st = ctx.state.ballots;
  const ed = st.columns;
  const out: (HTMLElement | null)[] = [];
  if (ed && !ed.read.ok) {
    out.push(
      ed.read.kind === "method"
        ? methodErrors(ctx, ed.read.errors)
        : diagnosticList(ctx, ed.read.errors, {
            label: ctx.t("calc.errorsHeading"),
            key: "cdiag",
            sheets: sheetNames(ctx),
          }),
    );
  } else if (ed && ed.read.ok) {
    const read = ed.read;
    const top = { "data-focus": "ballots:columnsTop", tabindex: "-1", "data-line": "columns" };
    if (read.form !== "wide") {
      out.push(
        h(
          "p",
          top,
          ctx.t(read.form === "long" ? "ballots.columnsLong" : "ballots.columnsNone", { sheet: SHEET.ballots }),
        ),
      );
    } else {
      const shown = editable(read);
      const byHeader = read.columns.length - shown.length;
      out.push(h("p", top, ctx.t("ballots.columnsSummary", { read: byHeader, other: shown.length })));
      if (shown.length > 0) {
        out.push(
          h(
            "ul",
            { class: "kp-columns", "aria-label": ctx.t("ballots.columnsTitle") },
            shown.map((c) =>
              h(
                "li",
                { class: "kp-column", "data-col": c.cell },
                h(
                  "span",
                  { class: "kp-row kp-row-tight" },
                  h("span", { class: "kp-column-header" }, c.header),
                  cellLink(
                    ctx,
                    c.cell,
                    ctx.t("diag.selectCell", { cell: c.cell }),
                    ctx.ops.selectCell,
                    `col:${c.col}:cell`,
                  ),
                ),
                columnSelects(ctx, read, ed.choices, c.col, c.header),
              ),
            ),
          ),
          h(
            "div",
            { class: "kp-row" },
            button(ctx, {
              label: ctx.t("ballots.saveColumns"),
              kind: "secondary",
              onClick: () => saveColumns(ctx),
              focusKey: "ballots:saveColumns",
            }),
          ),
        );
      }
      if (read.mappingProblems.length > 0)
        out.push(
          diagnosticList(ctx, read.mappingProblems, {
            label: ctx.t("ballots.columnsTitle"),
            key: "mdiag",
            sheets: sheetNames(ctx),
          }),
        );
    }
  }
  const saved = st.columnsSaved;
  if (saved && saved.ok)
    out.push(
      messageBar(
        "success",
        h(
          "p",
          { "data-focus": "ballots:columnsSaved", tabindex: "-1", "data-line": "columnsSaved" },
          ctx.t("ballots.columnsSaved", { sheet: saved.sheet, n: saved.rows }),
        ),
        { live: true },
      ),
    );
  else if (saved && !saved.ok)
    out.push(
      saved.kind === "method"
        ? methodErrors(ctx, saved.errors)
        : diagnosticList(ctx, saved.errors, {
            label: ctx.t("calc.errorsHeading"),
            key: "sdiag",
            sheets: sheetNames(ctx),
          }),
    );
  return section(
    "kp-h-columns",
    ctx.t("ballots.columnsTitle"),
    h(
      "p",
      { class: "kp-muted kp-small" },
      ctx.t("ballots.columnsHint", { sheet: SHEET.ballots, mapping: SHEETS.ballotColumns }),
    ),
    h(
      "div",
      { class: "kp-row" },
      button(ctx, {
        label: ctx.t("ballots.columnsButton"),
        kind: "secondary",
        onClick: () => loadColumns(ctx),
        focusKey: "ballots:columns",
      }),
    ),
    out.filter((x): x is HTMLElement => x !== null),
  );
}

/** The other sheet's cell a double-entry difference names (`测评票（复核）!F3`), if any. */
export function otherCell(d: Diagnostic): string | null {
  if (d.code !== "doubleEntryDiffers") return null;
  const m = /(测评票（复核）|测评票)!([A-Z]{1,3}\d+)/.exec(d.message);
  return m ? `${m[1]}!${m[2]}` : null;
}

function differences(ctx: ViewContext, list: readonly Diagnostic[]): HTMLElement {
  return h(
    "ul",
    { class: "kp-diffs", "aria-label": ctx.t("ballots.diffsTitle", { n: list.length }) },
    list.map((d, i) => {
      const other = otherCell(d);
      const label = (cell: string) => ctx.t("diag.selectCell", { cell });
      return h(
        "li",
        { class: "kp-diag kp-diag-error", "data-diff": String(i) },
        h("span", { class: "kp-diag-msg" }, paneQuotes(d.message)),
        h(
          "span",
          { class: "kp-row kp-row-tight" },
          cellLink(ctx, d.cell, label(d.cell), ctx.ops.selectCell, `diff:${i}:a`),
          other ? h("span", { "aria-hidden": "true" }, "↔") : null,
          other ? cellLink(ctx, other, label(other), ctx.ops.selectCell, `diff:${i}:b`) : null,
        ),
      );
    }),
  );
}

function tallyOutcome(ctx: ViewContext, r: TallyVotesResult): HTMLElement[] {
  if (!r.ok && r.kind === "method") return [methodErrors(ctx, r.errors)];
  const names = sheetNames(ctx);
  if (!r.ok) {
    const diffs = r.errors.filter((d) => d.code === "doubleEntryDiffers" || d.code === "doubleEntryMissing");
    const rest = r.errors.filter((d) => diffs.indexOf(d) < 0);
    return [
      messageBar("error", h("p", { "data-line": "errors" }, ctx.t("ballots.tallyErrors", { n: r.errors.length })), {
        live: true,
        title: ctx.t("calc.failedTitle"),
      }),
      diffs.length > 0
        ? h(
            "div",
            { class: "kp-block", "data-block": "diffs" },
            h("h3", { class: "kp-h3" }, ctx.t("ballots.diffsTitle", { n: diffs.length })),
            h(
              "p",
              { class: "kp-muted kp-small" },
              ctx.t("ballots.diffsHint", { sheet: SHEET.ballots, review: SHEET.review }),
            ),
            differences(ctx, diffs),
          )
        : null,
      rest.length > 0
        ? h(
            "div",
            { class: "kp-block", "data-block": "errors" },
            h("h3", { class: "kp-h3" }, ctx.t("calc.errorsHeading")),
            diagnosticList(ctx, rest, { label: ctx.t("calc.errorsHeading"), key: "tdiag", sheets: names }),
          )
        : null,
    ].filter((x): x is HTMLElement => x !== null);
  }
  const t = r.tally;
  const invalid = r.warnings.filter((d) => d.code === "invalidBallot");
  const voided = r.warnings.filter((d) => d.code === "voidUnit");
  const other = r.warnings.filter((d) => d.code !== "invalidBallot" && d.code !== "voidUnit");
  const block = (key: string, title: string, hint: string, list: Diagnostic[]) =>
    h(
      "div",
      { class: "kp-block", "data-block": key },
      h("h3", { class: "kp-h3" }, title),
      h("p", { class: "kp-muted kp-small" }, hint),
      diagnosticList(ctx, list, { label: title, key: `${key}diag`, sheets: names }),
    );
  return [
    messageBar(
      "success",
      [
        h(
          "p",
          { "data-line": "tally", "data-focus": "ballots:done", tabindex: "-1" },
          ctx.t("ballots.tallyDone", {
            ballots: t.ballots,
            valid: t.valid,
            invalid: t.invalid.length,
            sheet: SHEET.votes,
            rows: r.rows,
          }),
        ),
        h(
          "p",
          { class: "kp-row kp-row-tight" },
          h("span", null, ctx.t("ballots.recalculate")),
          button(ctx, {
            label: ctx.t("ballots.goCalculate"),
            kind: "link",
            onClick: () => ctx.go("calculate", "calc:run"),
            focusKey: "ballots:goCalc",
          }),
        ),
      ],
      { live: true, title: ctx.t("ballots.tallyDoneTitle", { sheet: SHEET.votes }) },
    ),
    invalid.length > 0
      ? block("invalid", ctx.t("ballots.invalidTitle", { n: invalid.length }), ctx.t("ballots.invalidHint"), invalid)
      : h("p", { class: "kp-muted", "data-line": "noInvalid" }, ctx.t("ballots.noInvalid")),
    voided.length > 0
      ? block("void", ctx.t("ballots.voidTitle", { n: voided.length }), ctx.t("ballots.voidHint"), voided)
      : null,
    other.length > 0
      ? block("other", ctx.t("ballots.otherTitle", { n: other.length }), ctx.t("status.problemsHint"), other)
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}

function tallySection(ctx: ViewContext): HTMLElement {
  const s = ctx.state;
  const st = s.ballots;
  const snap = s.inspect ? s.inspect.tallySnapshot : null;
  const canUndo = () => !!(snap && snap.exists) && !st.confirmingUndo;
  const out: HTMLElement[] = [];
  if (st.confirmingUndo && snap && snap.exists) {
    out.push(
      confirmBox(ctx, {
        title: ctx.t("ballots.undoTitle"),
        text:
          snap.existed === false
            ? ctx.t("ballots.undoConfirmDelete", { sheet: SHEET.votes, time: formatTime(snap.takenAt) })
            : ctx.t("ballots.undoConfirmRestore", { sheet: SHEET.votes, time: formatTime(snap.takenAt) }),
        confirmLabel: ctx.t("undo.confirm"),
        cancelLabel: ctx.t("undo.cancel"),
        onConfirm: () => undoTally(ctx),
        onCancel: () => {
          st.confirmingUndo = false;
          ctx.focusAfterRender("ballots:undo");
          ctx.render();
        },
        focusKey: "ballots-undo",
      }),
    );
  }
  const u = st.undo;
  if (u) {
    out.push(
      u.restored
        ? messageBar(
            "success",
            h(
              "p",
              { "data-line": "tallyUndone" },
              ctx.t(u.deleted ? "ballots.undoDeleted" : "ballots.undoRestored", {
                sheet: u.sheet,
                time: formatTime(u.takenAt),
              }),
            ),
            { live: true, title: ctx.t("undo.doneTitle") },
          )
        : messageBar(
            "warning",
            h("p", { "data-line": "tallyUndone" }, ctx.t("undo.notRestored", { reason: u.reason })),
            {
              live: true,
            },
          ),
    );
  }
  return section(
    "kp-h-tally",
    ctx.t("ballots.tallyTitle"),
    h("p", { class: "kp-muted kp-small" }, ctx.t("ballots.tallyHint", { sheet: SHEET.votes })),
    h(
      "div",
      { class: "kp-row" },
      button(ctx, {
        label: ctx.t("ballots.tallyButton"),
        kind: "primary",
        icon: "Σ",
        onClick: () => runTally(ctx),
        focusKey: "ballots:tally",
        enabled: () => !s.supports || s.supports.scoring,
      }),
      button(ctx, {
        label: ctx.t("ballots.undoButton"),
        kind: "secondary",
        icon: "↶",
        onClick: () => {
          st.confirmingUndo = true;
          ctx.focusAfterRender("ballots-undo:yes");
          ctx.render();
        },
        focusKey: "ballots:undo",
        enabled: canUndo,
      }),
    ),
    h(
      "p",
      { class: "kp-muted kp-small", "data-line": "tallyUndo" },
      snap && snap.exists
        ? ctx.t("ballots.undoAvailable", { time: formatTime(snap.takenAt) })
        : ctx.t("ballots.undoNone"),
    ),
    out,
    st.tally ? tallyOutcome(ctx, st.tally) : null,
  );
}

export function renderBallotsView(ctx: ViewContext): HTMLElement {
  return h(
    "div",
    { class: "kp-view" },
    h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("ballots.title"))),
    flashBar(ctx, "ballots"),
    h("p", { class: "kp-muted" }, ctx.t("ballots.intro", { sheet: SHEET.ballots, votes: SHEET.votes })),
    printSection(ctx),
    entrySection(ctx),
    columnsSection(ctx),
    tallySection(ctx),
  );
}
