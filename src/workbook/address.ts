/** A1 addresses: `经营业绩!C4`. Rows and columns here are 0-based, as in Grid. */

export function columnLetters(col: number): string {
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

export function cellAddress(sheet: string, row: number, col: number): string {
  return `${sheet}!${a1(row, col)}`;
}

export interface ParsedAddress {
  sheet: string;
  row: number;
  col: number;
}

/** Parses `工作表!C4` (also `'工作表'!C4`); null if it is not one. */
export function parseAddress(address: string): ParsedAddress | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.slice(bang + 1));
  if (!m) return null;
  return { sheet, row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}
