/**
 * How a number of an input sheet enters 计算明细: a live reference wherever the cell can be read by a
 * formula exactly as the reader read it, and the reader's value fixed at write time where it cannot.
 *
 * - A number, a blank or a missing marker (-, —, /, 无): `IF(ISNUMBER(x),x,fallback)` — the fallback is the
 *   reader's meaning of "no number" (missing for scores, 0 for votes), and a number typed in later counts.
 * - Text the reader parsed (`1,234.5`, `８.４％`, `−30`): no formula parses it exactly as the reader does in both
 *   Excel and LibreOffice (VALUE follows the system locale's separators, and the programs differ on full-width
 *   digits and the U+2212 minus), so the parsed value is written as a constant, guarded: `IF(ISNUMBER(x),x,IF(x="1,234.5",1234.5,NA()))` — a number typed
 *   in later counts, and other text gives #N/A instead of a stale number. The cell gets a note.
 * - 工作评价: a rating word is looked up in the parameter block (INDEX/MATCH), so a changed rating recomputes;
 *   a word the reader matched only after normalizing (`较 好`) is compared as written.
 */
import { a1, parseAddress } from "../address";
import { isMissingMarker } from "../cells";
import type { CellValue, GridBook } from "../grid";
import { cellAt } from "../grid";
import type { LayoutValue } from "../layout";
import { MAX_LITERAL, type Formula, numberLiteral, sheetPrefix, textLiteral } from "./sheet";

/** What a formula cell of 计算明细 holds for one input number, and a note when it is not plainly live. */
export interface SourceNumber {
  content: Formula | LayoutValue;
  note: string | null;
}

/** A source cell: what it holds, and its reference for a formula of another sheet. */
export interface SourceCell {
  raw: CellValue;
  ref: string;
}

/** The input grids by sheet name, to see what each source cell holds. */
export class SourceBook {
  private readonly byName: Map<string, GridBook[number]>;
  /** The sheet part (`民主测评!`) of the last address looked up, and its sheet: addresses come a sheet at a time. */
  private lastPart = "";
  /** lastPart without its `!`: the name cell() was last given. */
  private lastSheet: string | null = null;
  private lastGrid: GridBook[number] | undefined;
  private lastPrefix = "";

  constructor(book: GridBook) {
    this.byName = new Map(book.map((g) => [g.name, g]));
  }

  /** The raw value at `工作表!C5`, and its reference for a formula of another sheet. */
  lookup(address: string): SourceCell | null {
    const bang = address.lastIndexOf("!");
    if (bang >= 0 && bang === this.lastPart.length - 1 && address.startsWith(this.lastPart)) {
      // The sheet part is the last one's: parse the cell part alone.
      const p = parseAddress(address.slice(bang));
      if (!p) return null;
      const raw = this.lastGrid ? cellAt(this.lastGrid, p.row, p.col) : null;
      return { raw, ref: this.lastPrefix + address.slice(bang + 1) };
    }
    const p = parseAddress(address);
    if (!p) return null;
    const grid = this.byName.get(p.sheet);
    this.lastPart = address.slice(0, bang + 1);
    this.lastSheet = address.slice(0, bang);
    this.lastGrid = grid;
    this.lastPrefix = sheetPrefix(p.sheet);
    const raw = grid ? cellAt(grid, p.row, p.col) : null;
    return { raw, ref: this.lastPrefix + address.slice(bang + 1) };
  }

  /**
   * lookup(`${sheet}!${a1(row, col)}`) without making the address and parsing it again: the sheet name as an
   * address's sheet part would be read (an apostrophe at both ends quotes it).
   */
  cell(sheet: string, row: number, col: number): SourceCell {
    if (this.lastSheet !== sheet) {
      const name = sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
      this.lastSheet = sheet;
      this.lastPart = `${sheet}!`;
      this.lastGrid = this.byName.get(name);
      this.lastPrefix = sheetPrefix(name);
    }
    const raw = this.lastGrid ? cellAt(this.lastGrid, row, col) : null;
    return { raw, ref: this.lastPrefix + a1(row, col) };
  }
}

/** Text that can be compared in a formula as written: a literal of modest length without control characters. */
function comparable(text: string): boolean {
  return text.length <= MAX_LITERAL - 10 && ![...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch === "\u007f");
}

function textGuard(ref: string, raw: string, then: string): string {
  return comparable(raw) ? `IF(${ref}=${textLiteral(raw)},${then},NA())` : then;
}

function heldText(address: string, raw: string, read: string): string {
  return (
    `源单元格 ${address} 为文本「${raw}」，写出时读作 ${read}（公式无法在 Excel 与 LibreOffice 中一致地解析文本数字）。` +
    "在源单元格改填数字后按新数字计算；改为其他文本时显示 #N/A，请重新运行考评。"
  );
}

/**
 * A number of 经营业绩 (fallback "missing": an empty result) or 民主测评/加减分 (fallback "zero").
 * `cell` is "" when the column is absent: then a constant.
 */
export function sourceNumber(
  src: SourceBook,
  cell: string,
  parsed: number | null,
  fallback: "missing" | "zero",
): SourceNumber {
  return numberFrom(cell === "" ? null : src.lookup(cell), () => cell, parsed, fallback);
}

/**
 * sourceNumber of the cell `sheet!(row, col)` (0-based), or of an absent column (`col` undefined: a constant),
 * without making its address unless a note says it.
 */
export function sourceNumberAt(
  src: SourceBook,
  sheet: string,
  row: number,
  col: number | undefined,
  parsed: number | null,
  fallback: "missing" | "zero",
): SourceNumber {
  const at = col === undefined ? null : src.cell(sheet, row, col);
  return numberFrom(at, () => `${sheet}!${a1(row, col!)}`, parsed, fallback);
}

function numberFrom(
  at: SourceCell | null,
  address: () => string,
  parsed: number | null,
  fallback: "missing" | "zero",
): SourceNumber {
  const missing: LayoutValue = fallback === "zero" ? 0 : "";
  if (!at) return { content: fallback === "zero" ? 0 : null, note: null };
  const { raw, ref } = at;
  const fb = fallback === "zero" ? "0" : '""';
  const value = parsed ?? missing;
  if (typeof raw === "number" || isMissingMarker(raw)) {
    return { content: { f: `=IF(ISNUMBER(${ref}),${ref},${fb})`, v: value }, note: null };
  }
  if (typeof raw === "string" && parsed !== null) {
    return {
      content: { f: `=IF(ISNUMBER(${ref}),${ref},${textGuard(ref, raw, numberLiteral(parsed))})`, v: value },
      note: heldText(address(), raw, String(parsed)),
    };
  }
  // Nothing else reaches a run without errors; keep the reader's value.
  return { content: parsed ?? (fallback === "zero" ? 0 : null), note: null };
}

/** The rating table of the parameter block. */
export interface RatingTable {
  /** `$A$30:$A$34` and `$B$30:$B$34`. */
  words: string;
  points: string;
  /** The points cell of each word, `$B$31`. */
  cellOf: ReadonlyMap<string, string>;
}

/**
 * A 工作评价 score: a number, a rating word (looked up live), or missing. `word` is the method's rating word
 * the reader matched, if any.
 */
export function workScore(
  src: SourceBook,
  cell: string,
  parsed: number | null,
  word: string | null,
  ratings: RatingTable | null,
): SourceNumber {
  const at = cell === "" ? null : src.lookup(cell);
  if (!at) return { content: null, note: null };
  const { raw, ref } = at;
  const value = parsed ?? "";
  let fb = '""';
  let note: string | null = null;
  const exact = word !== null && raw === word && !/[*?~]/.test(word);
  if (word !== null && !exact && typeof raw === "string") {
    const points = ratings?.cellOf.get(word);
    if (points) {
      fb = textGuard(ref, raw, points);
      note = `源单元格 ${cell} 为「${raw}」，按评价等次「${word}」计分（分值取本表参数）。改为其他文本时显示 #N/A，请重新运行考评。`;
    }
  } else if (word === null && typeof raw === "string" && parsed !== null) {
    fb = textGuard(ref, raw, numberLiteral(parsed));
    note = heldText(cell, raw, String(parsed));
  } else if (!(typeof raw === "number" || isMissingMarker(raw) || exact)) {
    return { content: parsed ?? null, note: null };
  }
  const lookup = ratings ? `IFERROR(INDEX(${ratings.points},MATCH(${ref},${ratings.words},0)),${fb})` : fb;
  return { content: { f: `=IF(ISNUMBER(${ref}),${ref},${lookup})`, v: value }, note };
}
