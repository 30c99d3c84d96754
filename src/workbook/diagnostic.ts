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
 * Where a diagnostic sorts, read from its cell: the sheet's rank in the order, the sheet, row and column (-1 for a
 * whole sheet or text that is no address). Runs of cells name the same sheet: its name and rank are kept while the
 * text before the `!` repeats.
 */
class SortKey {
  private readonly rank: Map<string, number>;
  private readonly unlisted: number;
  private prefix = "";
  private prefixSheet = "";
  private prefixRank: number;
  sheetRank = 0;
  sheet = "";
  row = -1;
  col = -1;

  constructor(sheetOrder: readonly string[]) {
    this.rank = new Map(sheetOrder.map((s, i) => [s, i]));
    this.unlisted = sheetOrder.length;
    this.prefixRank = this.rank.get("") ?? this.unlisted;
  }

  read(cell: string): void {
    const bang = lastBang(cell);
    const p = bang < 0 ? null : parseA1(cell, bang + 1);
    if (p === null) {
      // A whole sheet (a missing one), or text that is no address: ranked by itself.
      this.sheet = cell;
      this.sheetRank = this.rank.get(cell) ?? this.unlisted;
      this.row = -1;
      this.col = -1;
      return;
    }
    if (bang !== this.prefix.length || !cell.startsWith(this.prefix)) {
      this.prefix = cell.slice(0, bang);
      this.prefixSheet = sheetOfPrefix(this.prefix);
      this.prefixRank = this.rank.get(this.prefixSheet) ?? this.unlisted;
    }
    this.sheet = this.prefixSheet;
    this.sheetRank = this.prefixRank;
    this.row = p.row;
    this.col = p.col;
  }
}

/**
 * The lists sortDiagnostics and appendDiagnostics return, with the order they are sorted in and their length then:
 * appendDiagnostics merges into such a list without reading its keys again. Nothing changes a returned list.
 */
const sortedLists = new WeakMap<readonly Diagnostic[], { order: readonly string[]; length: number }>();

function sorted(list: Diagnostic[], sheetOrder: readonly string[]): Diagnostic[] {
  sortedLists.set(list, { order: sheetOrder, length: list.length });
  return list;
}

/**
 * Sorts diagnostics into sheet and cell order: sheets in the given order (tab order), then row, then column.
 * Stable for equal cells. Sheets not listed go last, by name.
 */
export function sortDiagnostics(list: Diagnostic[], sheetOrder: string[]): Diagnostic[] {
  // Keys computed once, in flat arrays (28,000 warnings at 10,000 leaders, mostly in order already).
  const key = new SortKey(sheetOrder);
  const n = list.length;
  const sheets = new Array<string>(n);
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    key.read(list[i].cell);
    sheets[i] = key.sheet;
    s[i] = key.sheetRank;
    r[i] = key.row;
    c[i] = key.col;
  }
  const compare = (a: number, b: number) =>
    s[a] - s[b] || (sheets[a] < sheets[b] ? -1 : sheets[a] > sheets[b] ? 1 : 0) || r[a] - r[b] || c[a] - c[b] || a - b;
  // A list is mostly one run in order and a few after it (the engine's warnings after the reader's): the run is
  // kept, the rest sorted and merged into it. `compare` is a total order (position breaks ties), so the merge
  // is the sort.
  let k = 1;
  while (k < n && compare(k - 1, k) < 0) k++;
  if (k >= n) return sorted(list.slice(), sheetOrder);
  const rest = new Array<number>(n - k);
  for (let i = k; i < n; i++) rest[i - k] = i;
  rest.sort(compare);
  const out = new Array<Diagnostic>(n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    out[i] = list[a < k && (b >= rest.length || compare(a, rest[b]) < 0) ? a++ : rest[b++]];
  }
  return sorted(out, sheetOrder);
}

/**
 * Whether `by` ranks every sheet of `order` as `order` does: it begins with `order` and names none of them again
 * after (a name listed twice takes its later place).
 */
function ranksAgree(by: readonly string[], order: readonly string[]): boolean {
  if (by.length < order.length) return false;
  for (let i = 0; i < order.length; i++) if (by[i] !== order[i]) return false;
  if (by.length === order.length) return true;
  const listed = new Set(order);
  for (let i = order.length; i < by.length; i++) if (listed.has(by[i])) return false;
  return true;
}

/**
 * sortDiagnostics(list.concat(extra), sheetOrder), reading only the keys it needs when `list` is a list that
 * sortDiagnostics returned for an order that ranks `sheetOrder`'s sheets alike, and all its cells are on those
 * sheets: the engine's few warnings after the reader's 28,000 at 10,000 leaders.
 */
export function appendDiagnostics(list: Diagnostic[], extra: Diagnostic[], sheetOrder: string[]): Diagnostic[] {
  const by = sortedLists.get(list);
  const key = new SortKey(sheetOrder);
  const n = list.length;
  let trusted = by !== undefined && by.length === n && ranksAgree(by.order, sheetOrder);
  if (trusted && n > 0) {
    // In order, the last diagnostic is on a listed sheet only if all are: the orders agree on them.
    key.read(list[n - 1].cell);
    trusted = key.sheetRank < sheetOrder.length;
  }
  if (!trusted) return sortDiagnostics(list.concat(extra), sheetOrder);
  const more = sortDiagnostics(extra, sheetOrder);
  const out = new Array<Diagnostic>(n + more.length);
  let at = 0;
  let from = 0;
  for (const d of more) {
    key.read(d.cell);
    const sheetRank = key.sheetRank;
    const sheet = key.sheet;
    const row = key.row;
    const col = key.col;
    // The first of list[from…] that sorts after d (on equal cells the list's come first), by bisection.
    let lo = from;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      key.read(list[mid].cell);
      const after =
        key.sheetRank - sheetRank ||
        (key.sheet < sheet ? -1 : key.sheet > sheet ? 1 : 0) ||
        key.row - row ||
        key.col - col;
      if (after > 0) hi = mid;
      else lo = mid + 1;
    }
    while (from < lo) out[at++] = list[from++];
    out[at++] = d;
  }
  while (from < n) out[at++] = list[from++];
  return sorted(out, sheetOrder);
}
