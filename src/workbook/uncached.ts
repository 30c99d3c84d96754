/**
 * Formulas saved without a result (Grid.uncached): read as empty they would be a missing actual, 0 votes or a blank
 * name, with a misleading message, and formulas mode would compute a different number. Each is an error at its cell
 * on the sheets a run reads.
 */
import { cellAddress } from "./address";
import { type Diagnostic, error, sortDiagnostics } from "./diagnostic";
import type { Grid, GridBook } from "./grid";
import { SHEETS } from "./input";

/** The sheets a run or a tally reads; the outputs (考核结果, 测评票（空白）) and the user's own sheets are not checked. */
const READ_SHEETS: ReadonlySet<string> = new Set(
  Object.entries(SHEETS)
    .filter(([k]) => k !== "results" && k !== "blankBallots")
    .map(([, name]) => name),
);

/** Cells listed one by one per sheet; past this, one more error says how many more there are. */
const LISTED_PER_SHEET = 50;

/** The errors of the sheets a run or a tally reads, in sheet order. */
export function uncachedFormulaErrors(book: GridBook): Diagnostic[] {
  return sortDiagnostics(
    book.filter((g) => READ_SHEETS.has(g.name.trim())).flatMap(uncachedIn),
    book.map((g) => g.name),
  );
}

/** The errors of one sheet, whatever it is (the term results read 考核结果 itself). */
export function uncachedIn(g: Grid): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!g.uncached || g.uncached.length === 0) return out;
  const cells = [...g.uncached].sort((a, b) => a.row - b.row || a.col - b.col);
  cells
    .slice(0, LISTED_PER_SHEET)
    .forEach(({ row, col }) =>
      out.push(
        error(
          cellAddress(g.name, row, col),
          "uncachedFormula",
          "公式没有计算结果（文件由程序写出，未经 Excel 计算）：请在 Excel 中打开并保存后再试",
        ),
      ),
    );
  if (cells.length > LISTED_PER_SHEET) {
    const next = cells[LISTED_PER_SHEET];
    out.push(
      error(
        cellAddress(g.name, next.row, next.col),
        "uncachedFormula",
        `自此以下还有 ${cells.length - LISTED_PER_SHEET} 个公式没有计算结果：请在 Excel 中打开并保存后再试`,
      ),
    );
  }
  return out;
}
