/** A1 references for the fake: 0-based inclusive rectangles. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// The fake speaks A1 the way the product does; only the range forms below are its own.
import { a1 as cellA1, columnIndex as colIndex, columnLetters as colLetters } from "../../../src/workbook/address";
export { cellA1, colIndex, colLetters };

/** `A1`, `$A$1`, `A1:B2`, `A:C`, `2:5`, optionally after `Sheet!` (the sheet part is returned apart). */
export function parseRef(ref: string): { sheet: string | null; rect: Rect } | null {
  let sheet: string | null = null;
  let body = ref.trim();
  const bang = body.lastIndexOf("!");
  if (bang >= 0) {
    sheet = body.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    body = body.slice(bang + 1);
  }
  body = body.replace(/\$/g, "").toUpperCase();
  const [a, b = a] = body.split(":");
  const cell = /^([A-Z]{1,3})(\d+)$/;
  const colOnly = /^([A-Z]{1,3})$/;
  const rowOnly = /^(\d+)$/;
  let ma = cell.exec(a);
  let mb = cell.exec(b);
  if (ma && mb) {
    const r1 = Number(ma[2]) - 1;
    const r2 = Number(mb[2]) - 1;
    const c1 = colIndex(ma[1]);
    const c2 = colIndex(mb[1]);
    return ok(sheet, Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2));
  }
  ma = colOnly.exec(a);
  mb = colOnly.exec(b);
  if (ma && mb) {
    const c1 = colIndex(ma[1]);
    const c2 = colIndex(mb[1]);
    return ok(sheet, 0, Math.min(c1, c2), MAX_ROWS - 1, Math.max(c1, c2));
  }
  ma = rowOnly.exec(a);
  mb = rowOnly.exec(b);
  if (ma && mb) {
    const r1 = Number(ma[1]) - 1;
    const r2 = Number(mb[1]) - 1;
    return ok(sheet, Math.min(r1, r2), 0, Math.max(r1, r2), MAX_COLS - 1);
  }
  return null;
}

function ok(sheet: string | null, top: number, left: number, bottom: number, right: number) {
  if (top < 0 || left < 0 || bottom >= MAX_ROWS || right >= MAX_COLS) return null;
  return { sheet, rect: { top, left, bottom, right } };
}

export function rectA1(r: Rect): string {
  if (r.top === 0 && r.bottom === MAX_ROWS - 1) return `${colLetters(r.left)}:${colLetters(r.right)}`;
  if (r.left === 0 && r.right === MAX_COLS - 1) return `${r.top + 1}:${r.bottom + 1}`;
  const a = cellA1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellA1(r.bottom, r.right)}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export const rows = (r: Rect) => r.bottom - r.top + 1;
export const cols = (r: Rect) => r.right - r.left + 1;
export const area = (r: Rect) => rows(r) * cols(r);

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right
  );
}

/** `a` minus `b`, as up to four rectangles. */
export function subtract(a: Rect, b: Rect): Rect[] {
  if (!intersects(a, b)) return [a];
  const out: Rect[] = [];
  if (a.top < b.top) out.push({ top: a.top, bottom: b.top - 1, left: a.left, right: a.right });
  if (a.bottom > b.bottom) out.push({ top: b.bottom + 1, bottom: a.bottom, left: a.left, right: a.right });
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  if (a.left < b.left) out.push({ top, bottom, left: a.left, right: b.left - 1 });
  if (a.right > b.right) out.push({ top, bottom, left: b.right + 1, right: a.right });
  return out;
}

export const sameRect = (a: Rect, b: Rect) =>
  a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
