/** A1 addresses: `经营业绩!C4`. Rows and columns here are 0-based, as in Grid. */

/** Letters of the columns used so far (a sheet rarely has more than a few dozen). */
const LETTERS: string[] = [];

export function columnLetters(col: number): string {
  if (col >= 0 && col < 1024) return (LETTERS[col] ??= lettersOf(col));
  return lettersOf(col);
}

function lettersOf(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** `工作表!C` of the columns addressed so far, per sheet: a cell's address is then one join with its row number. */
const PREFIXES = new Map<string, string[]>();
/** The sheet of the last call and its prefixes: calls come in runs on one sheet (a reader's rows). */
let lastSheet = "";
let lastPrefixes: string[] = [];

export function cellAddress(sheet: string, row: number, col: number): string {
  if (!(col >= 0 && col < 1024 && col === Math.floor(col))) return `${sheet}!${a1(row, col)}`;
  let bySheet = sheet === lastSheet ? lastPrefixes : PREFIXES.get(sheet);
  if (bySheet === undefined) {
    // A long-running pane sees many workbooks: the cache is dropped rather than grown without end.
    if (PREFIXES.size >= 64) PREFIXES.clear();
    PREFIXES.set(sheet, (bySheet = []));
  }
  lastSheet = sheet;
  lastPrefixes = bySheet;
  return (bySheet[col] ??= `${sheet}!${columnLetters(col)}`) + (row + 1);
}

export interface ParsedAddress {
  sheet: string;
  row: number;
  col: number;
}

/** Parses `工作表!C4` (also `'工作表'!C4`, `$C$4`); null if it is not one. */
export function parseAddress(address: string): ParsedAddress | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  const at = parseA1(address, bang + 1);
  if (at === null) return null;
  return { sheet: sheetOfPrefix(address.slice(0, bang)), row: at.row, col: at.col };
}

/** The sheet name of the text before an address's `!`: `'工作表'` unquoted. */
export function sheetOfPrefix(prefix: string): string {
  return prefix.startsWith("'") && prefix.endsWith("'") ? prefix.slice(1, -1).replace(/''/g, "'") : prefix;
}

/** The A1 reference `C4` (also `$C$4`) that runs from `from` to the end of `address`; null if it is not one. */
export function parseA1(address: string, from: number): { row: number; col: number } | null {
  // By hand: called for every diagnostic and every source cell of formulas mode (hundreds of thousands).
  const n = address.length;
  let i = from;
  if (address.charCodeAt(i) === 36 /* $ */) i++;
  let col = 0;
  const lettersAt = i;
  for (; i < n && i - lettersAt < 4; i++) {
    const c = address.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  const letters = i - lettersAt;
  if (letters < 1 || letters > 3) return null;
  if (address.charCodeAt(i) === 36 /* $ */) i++;
  if (i >= n) return null;
  let row = 0;
  for (; i < n; i++) {
    const d = address.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  return { row: row - 1, col: col - 1 };
}
