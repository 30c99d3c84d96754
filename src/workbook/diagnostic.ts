import { parseA1, sheetOfPrefix } from "./address";

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

/** cell.lastIndexOf("!"), by hand: V8 runs lastIndexOf in C++, a call that costs more than the few characters read. */
function lastBang(cell: string): number {
  let i = cell.length - 1;
  while (i >= 0 && cell.charCodeAt(i) !== 33 /* ! */) i--;
  return i;
}

/**
 * Sorts diagnostics into sheet and cell order: sheets in the given order (tab order), then row, then column.
 * Stable for equal cells. Sheets not listed go last, by name.
 */
export function sortDiagnostics(list: Diagnostic[], sheetOrder: string[]): Diagnostic[] {
  // Keys computed once, in flat arrays (28,000 warnings at 10,000 leaders, mostly in order already).
  const rank = new Map(sheetOrder.map((s, i) => [s, i]));
  const n = list.length;
  const sheets = new Array<string>(n);
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  const c = new Float64Array(n);
  // Runs of diagnostics name the same sheet: its name and rank are kept while the text before the `!` repeats.
  let prefix = "";
  let prefixSheet = "";
  let prefixRank = rank.get("") ?? sheetOrder.length;
  for (let i = 0; i < n; i++) {
    const cell = list[i].cell;
    const bang = lastBang(cell);
    const p = bang < 0 ? null : parseA1(cell, bang + 1);
    if (p === null) {
      // A whole sheet (a missing one), or text that is no address: ranked by itself.
      sheets[i] = cell;
      s[i] = rank.get(cell) ?? sheetOrder.length;
      r[i] = -1;
      c[i] = -1;
      continue;
    }
    if (bang !== prefix.length || !cell.startsWith(prefix)) {
      prefix = cell.slice(0, bang);
      prefixSheet = sheetOfPrefix(prefix);
      prefixRank = rank.get(prefixSheet) ?? sheetOrder.length;
    }
    sheets[i] = prefixSheet;
    s[i] = prefixRank;
    r[i] = p.row;
    c[i] = p.col;
  }
  const compare = (a: number, b: number) =>
    s[a] - s[b] || (sheets[a] < sheets[b] ? -1 : sheets[a] > sheets[b] ? 1 : 0) || r[a] - r[b] || c[a] - c[b] || a - b;
  // A list is mostly one run in order and a few after it (the engine's warnings after the reader's): the run is
  // kept, the rest sorted and merged into it. `compare` is a total order (position breaks ties), so the merge
  // is the sort.
  let k = 1;
  while (k < n && compare(k - 1, k) < 0) k++;
  if (k >= n) return list.slice();
  const rest = new Array<number>(n - k);
  for (let i = k; i < n; i++) rest[i - k] = i;
  rest.sort(compare);
  const out = new Array<Diagnostic>(n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    out[i] = list[a < k && (b >= rest.length || compare(a, rest[b]) < 0) ? a++ : rest[b++]];
  }
  return out;
}
