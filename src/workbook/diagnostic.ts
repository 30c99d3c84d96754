import { parseAddress } from "./address";

export type Severity = "error" | "warning" | "notice";

/** One finding about the input, pointing at a cell: `{ cell: "经营业绩!C4", code, message }`. */
export interface Diagnostic {
  severity: Severity;
  /** `工作表!A1`; for a problem with the whole workbook (a missing sheet) just the sheet name. */
  cell: string;
  code: string;
  /** In Chinese, for the user; it does not repeat the address. */
  message: string;
}

export function error(cell: string, code: string, message: string): Diagnostic {
  return { severity: "error", cell, code, message };
}

export function warning(cell: string, code: string, message: string): Diagnostic {
  return { severity: "warning", cell, code, message };
}

/**
 * Sorts diagnostics into sheet and cell order: sheets in the given order (tab order), then row, then column.
 * Stable for equal cells. Sheets not listed go last, by name.
 */
export function sortDiagnostics(list: Diagnostic[], sheetOrder: string[]): Diagnostic[] {
  const rank = new Map(sheetOrder.map((s, i) => [s, i]));
  const key = (d: Diagnostic) => {
    const p = parseAddress(d.cell);
    const sheet = p ? p.sheet : d.cell;
    return { s: rank.get(sheet) ?? sheetOrder.length, name: sheet, r: p ? p.row : -1, c: p ? p.col : -1 };
  };
  return list
    .map((d, i) => ({ d, i, k: key(d) }))
    .sort(
      (a, b) =>
        a.k.s - b.k.s ||
        (a.k.name < b.k.name ? -1 : a.k.name > b.k.name ? 1 : 0) ||
        a.k.r - b.k.r ||
        a.k.c - b.k.c ||
        a.i - b.i,
    )
    .map((x) => x.d);
}
