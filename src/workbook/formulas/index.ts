/**
 * Formulas mode (docs/method.md §9): 考核结果 with live formulas, and the sheet 计算明细 they refer to. Pure:
 * the shells write the two layouts (the CLI grafts both into the workbook).
 */
import type { ResultsLayoutOptions, SheetLayout } from "../layout";
import { detailsSheet, type FormulaRequest } from "./details";
import { resultsFormulaLayout } from "./results";
import type { StreamedLayout } from "./sheet";

export { DETAILS_SHEET, LEADER_COLUMNS, NOTE_TEXT, type FormulaRequest } from "./details";
export { RESULT_FORMULA_COLUMNS, RESULTS_FORMULA_NOTE } from "./results";
export type { MadeRow, RowsMadeWhenWritten, StreamedLayout } from "./sheet";

export interface FormulaLayouts {
  /** 考核结果, its score cells formulas over 计算明细. */
  results: SheetLayout;
  /** 计算明细: the parameters and every step, as formulas over the input sheets. */
  details: SheetLayout;
}

/** Both sheets; `opts.title` is 考核结果's printed title, as for resultsLayout (the CLI and the pane pass the same). */
export function formulaLayouts(req: FormulaRequest, opts: ResultsLayoutOptions = {}): FormulaLayouts {
  const details = detailsSheet(req);
  return { results: resultsFormulaLayout(req.assessment, details.leaderRows, opts), details: details.layout };
}

/**
 * formulaLayouts for a writer that makes 计算明细's rows as it writes them (the command line's graft): the same
 * cells, without holding the sheet's hundreds of thousands of formulas at once.
 */
export function streamedFormulaLayouts(
  req: FormulaRequest,
  opts: ResultsLayoutOptions = {},
): { results: SheetLayout; details: StreamedLayout } {
  const details = detailsSheet(req, true);
  return {
    results: resultsFormulaLayout(req.assessment, details.leaderRows, opts),
    details: details.layout as StreamedLayout,
  };
}
