/** A list of diagnostics (errors first, then warnings), each a link that selects its cell in Excel. */
import type { Diagnostic } from "../../workbook/diagnostic";
import type { ViewContext } from "../app";
import { chunkedList } from "../components";
import { h } from "../dom";
import { splitAddress } from "../format";
import { paneQuotes } from "./shared";

export interface DiagnosticListOptions {
  label: string;
  /** Prefix of the rows' focus keys. */
  key: string;
  /** Sheets that exist; a diagnostic about a sheet not among them is shown without a link. */
  sheets?: readonly string[] | null;
}

/** Errors, then warnings, then anything else, each group in the order given (the core's cell order). */
export function errorsFirst(list: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === "error" ? 0 : d.severity === "warning" ? 1 : 2);
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

export function diagnosticList(ctx: ViewContext, list: readonly Diagnostic[], o: DiagnosticListOptions): HTMLElement {
  const items = errorsFirst(list);
  const known = o.sheets ? o.sheets.map((s) => s.trim()) : null;
  return chunkedList({
    items,
    label: o.label,
    className: "kp-diags",
    progressText: (shown, total) => ctx.t("list.drawing", { shown, total }),
    renderRow: (d, i) => {
      const sev = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
      const sevLabel = ctx.t(sev === "error" ? "diag.error" : sev === "warning" ? "diag.warning" : "diag.notice");
      const { sheet, cell } = splitAddress(d.cell);
      const message = paneQuotes(d.message);
      const linkable = known === null || known.indexOf(sheet.trim()) >= 0;
      const content = [
        h("span", { class: `kp-sev kp-sev-${sev}`, "aria-hidden": "true" }, sev === "error" ? "✕" : "!"),
        h(
          "span",
          { class: "kp-diag-text" },
          h("span", { class: "kp-diag-cell" }, cell ? `${sheet}!${cell}` : sheet),
          h("span", { class: "kp-diag-msg" }, message),
        ),
      ];
      const params = { severity: sevLabel, cell: d.cell, message };
      if (!linkable) {
        return h(
          "div",
          {
            class: `kp-diag kp-diag-${sev}`,
            "data-focus": `${o.key}:${i}`,
            "aria-label": ctx.t("diag.label", params),
            role: "note",
          },
          content,
        );
      }
      const el = h(
        "button",
        {
          type: "button",
          class: `kp-diag kp-diag-${sev} kp-diag-link`,
          "data-focus": `${o.key}:${i}`,
          "data-cell": d.cell,
          "aria-label": ctx.t("diag.linkLabel", params),
          title: ctx.t("diag.selectCell", { cell: d.cell }),
        },
        content,
      );
      el.addEventListener("click", () => {
        if (!el.disabled) ctx.ops.selectCell(d.cell);
      });
      ctx.register(el, () => true);
      return el;
    },
  });
}
