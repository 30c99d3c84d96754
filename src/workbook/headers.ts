/** Header rows of docs/method.md §1: finding them, and matching header cells to canonical columns. */

import type { Indicator } from "../method/types";
import { cellText } from "./cells";
import type { CellValue, Grid } from "./grid";
import { cellAt } from "./grid";
import { foldWidth, headerKey, removeSpaces } from "./normalize";
import { ACTUAL_WORDS, HEADER_SYNONYMS, TARGET_WORDS } from "./synonyms";

/** The header must be among the first rows of a sheet. */
export const HEADER_SEARCH_ROWS = 10;

export interface ColumnSpec {
  /** Canonical key (the docs/method.md §1 header word); also the key in SheetMap.columns. */
  key: string;
  required: boolean;
  /** Header texts that match, before headerKey(). */
  words: readonly string[];
}

/** A column of docs/method.md §1 with the synonyms of the table, plus any extra words (vote-category aliases). */
export function columnSpec(key: string, required: boolean, extraWords: readonly string[] = []): ColumnSpec {
  return { key, required, words: [key, ...(HEADER_SYNONYMS[key] ?? []), ...extraWords] };
}

export interface DuplicateColumn {
  /** The column key, or for 经营业绩 `{indicator}|目标`. */
  key: string;
  row: number;
  col: number;
  /** The column that was kept. */
  firstCol: number;
}

export interface HeaderFound {
  headerRow: number;
  /** Equal to headerRow for a one-row header. */
  headerEndRow: number;
  columns: Map<string, number>;
  /** Header cells repeating a column already matched; the first one is used. */
  duplicates: DuplicateColumn[];
}

export type HeaderSearch =
  | { found: true; header: HeaderFound }
  | {
      found: false;
      /** Required keys not found on the row that matched most of them, in spec order. */
      missing: string[];
      /** The row that matched most of the required headers, when it matched enough to be taken as the header. */
      row: number | null;
    };

function headerText(v: CellValue): string {
  return typeof v === "string" ? v : v === null ? "" : cellText(v);
}

function wordIndex(specs: readonly ColumnSpec[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const spec of specs) {
    for (const w of spec.words) {
      const k = headerKey(w);
      if (k !== "" && !index.has(k)) index.set(k, spec.key);
    }
  }
  return index;
}

/** Column → key for the header cells of one row that match a spec. */
function rowKeys(grid: Grid, row: number, index: Map<string, string>): Map<number, string> {
  const out = new Map<number, string>();
  const cells = grid.rows[row] ?? [];
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === null || v === undefined) continue;
    const key = index.get(headerKey(headerText(v)));
    if (key !== undefined) out.set(c, key);
  }
  return out;
}

function assign(keysByCol: Map<number, { key: string; row: number }>): {
  columns: Map<string, number>;
  duplicates: DuplicateColumn[];
} {
  const columns = new Map<string, number>();
  const duplicates: DuplicateColumn[] = [];
  for (const col of [...keysByCol.keys()].sort((a, b) => a - b)) {
    const { key, row } = keysByCol.get(col)!;
    const first = columns.get(key);
    if (first === undefined) columns.set(key, col);
    else duplicates.push({ key, row, col, firstCol: first });
  }
  return { columns, duplicates };
}

/**
 * The header is the first row (of the first ten) holding every required header. A header split over two rows
 * (a column name merged down over both, the others under a merged group title) is accepted too: when a row and
 * the one below it together hold every required header, and each holds some.
 */
export function findHeader(grid: Grid, specs: readonly ColumnSpec[], maxRows = HEADER_SEARCH_ROWS): HeaderSearch {
  const index = wordIndex(specs);
  const required = specs.filter((s) => s.required).map((s) => s.key);
  const last = Math.min(maxRows, grid.rows.length);
  const perRow: Map<number, string>[] = [];
  for (let r = 0; r <= last && r < grid.rows.length; r++) perRow.push(rowKeys(grid, r, index));
  const hasAll = (keys: Set<string>) => required.every((k) => keys.has(k));

  for (let r = 0; r < last; r++) {
    const upper = new Set(perRow[r].values());
    if (hasAll(upper)) {
      const byCol = new Map<number, { key: string; row: number }>();
      for (const [c, key] of perRow[r]) byCol.set(c, { key, row: r });
      const { columns, duplicates } = assign(byCol);
      return { found: true, header: { headerRow: r, headerEndRow: r, columns, duplicates } };
    }
    const below = perRow[r + 1];
    if (!below) continue;
    const lower = new Set(below.values());
    const union = new Set([...upper, ...lower]);
    const eachHelps = required.some((k) => upper.has(k) && !lower.has(k)) && required.some((k) => lower.has(k));
    if (hasAll(union) && eachHelps) {
      const byCol = new Map<number, { key: string; row: number }>();
      for (const [c, key] of perRow[r]) byCol.set(c, { key, row: r });
      for (const [c, key] of below) byCol.set(c, { key, row: r + 1 });
      const { columns, duplicates } = assign(byCol);
      return { found: true, header: { headerRow: r, headerEndRow: r + 1, columns, duplicates } };
    }
  }

  let bestRow = -1;
  let bestCount = 0;
  for (let r = 0; r < last; r++) {
    const keys = new Set(perRow[r].values());
    const count = required.filter((k) => keys.has(k)).length;
    if (count > bestCount) {
      bestCount = count;
      bestRow = r;
    }
  }
  const enough = bestCount > 0 && bestCount * 2 >= required.length;
  const keys = bestRow >= 0 ? new Set(perRow[bestRow].values()) : new Set<string>();
  return {
    found: false,
    missing: required.filter((k) => !keys.has(k)),
    row: enough ? bestRow : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 经营业绩

export type EconomicRole = "target" | "actual";

/** Key of an economic column in SheetMap.columns. */
export function economicKey(indicator: string, role: EconomicRole): string {
  return `${indicator}|${role === "target" ? "目标" : "完成"}`;
}

const TARGET_KEYS = new Set(TARGET_WORDS.map(headerKey));
const ACTUAL_KEYS = new Set(ACTUAL_WORDS.map(headerKey));
// Longest first, so that `实际完成` is tried before `完成`.
const ROLE_SUFFIXES: { word: string; role: EconomicRole }[] = [
  ...[...TARGET_KEYS].map((word) => ({ word, role: "target" as const })),
  ...[...ACTUAL_KEYS].map((word) => ({ word, role: "actual" as const })),
].sort((a, b) => b.word.length - a.word.length);

/** 目标/目标值/计划 → target, 完成/完成值/实际/实际完成 → actual (after headerKey). */
export function roleOfWord(text: string): EconomicRole | null {
  const k = headerKey(text);
  if (TARGET_KEYS.has(k)) return "target";
  if (ACTUAL_KEYS.has(k)) return "actual";
  return null;
}

/** headerKey of every name and alias → the method's indicator name. */
export function indicatorLookup(indicators: readonly Indicator[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const ind of indicators) {
    for (const n of [ind.name, ...ind.aliases]) {
      const k = headerKey(n);
      if (k !== "" && !m.has(k)) m.set(k, ind.name);
    }
  }
  return m;
}

const JOINERS = /^[-_:\s]+|[-_:\s]+$/g;
const BRACKETED = /\(([^()]*)\)|【([^【】]*)】|\[([^[\]]*)\]/g;

/**
 * A one-row economic header: `{指标}目标值`, `实现利润-目标`, `实现利润(目标值)`, `实现利润（完成值）（万元）`.
 * The bracketed word is tested before headerKey() would strip it as a unit.
 */
export function parseIndicatorHeader(
  text: string,
  lookup: ReadonlyMap<string, string>,
): { indicator: string; role: EconomicRole } | null {
  const s = removeSpaces(foldWidth(text));
  if (s === "") return null;
  for (const m of s.matchAll(BRACKETED)) {
    const role = roleOfWord(m[1] ?? m[2] ?? m[3] ?? "");
    if (!role) continue;
    const rest = s.slice(0, m.index) + s.slice(m.index + m[0].length);
    const indicator = lookup.get(headerKey(rest).replace(JOINERS, ""));
    if (indicator !== undefined) return { indicator, role };
  }
  const k = headerKey(s);
  for (const { word, role } of ROLE_SUFFIXES) {
    if (!k.endsWith(word)) continue;
    const indicator = lookup.get(k.slice(0, k.length - word.length).replace(JOINERS, ""));
    if (indicator !== undefined) return { indicator, role };
  }
  return null;
}

export interface EconomicColumn {
  row: number;
  col: number;
}

export interface EconomicHeader {
  headerRow: number;
  headerEndRow: number;
  unitCol: number;
  /** Row of the 单位 header cell. */
  unitRow: number;
  /** Method indicator name → its columns; absent roles are not set. */
  indicators: Map<string, { target?: EconomicColumn; actual?: EconomicColumn }>;
  duplicates: DuplicateColumn[];
}

function rowHasRoleWord(grid: Grid, row: number, skipCol: number): boolean {
  const cells = grid.rows[row] ?? [];
  for (let c = 0; c < cells.length; c++) {
    if (c === skipCol) continue;
    const v = cells[c];
    if (typeof v === "string" && roleOfWord(v)) return true;
  }
  return false;
}

/**
 * Finds the 单位 header, then the indicator columns in either form of docs/method.md §1 — two header rows (the
 * indicator over its 目标/完成 columns) or one row (`{指标}目标值`) — or a mix of both. The two-row form may have
 * 单位 on its upper row (merged down) or on its lower row.
 */
export function findEconomicHeader(
  grid: Grid,
  indicators: readonly Indicator[],
  maxRows = HEADER_SEARCH_ROWS,
): { found: true; header: EconomicHeader } | { found: false } {
  const unitWords = new Set(columnSpec("单位", true).words.map(headerKey));
  let unitRow = -1;
  let unitCol = -1;
  for (let r = 0; r < Math.min(maxRows, grid.rows.length) && unitRow < 0; r++) {
    const cells = grid.rows[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v !== null && v !== undefined && unitWords.has(headerKey(headerText(v)))) {
        unitRow = r;
        unitCol = c;
        break;
      }
    }
  }
  if (unitRow < 0) return { found: false };

  let upper = unitRow;
  let lower = unitRow;
  if (rowHasRoleWord(grid, unitRow + 1, unitCol)) lower = unitRow + 1;
  else if (unitRow > 0 && rowHasRoleWord(grid, unitRow, unitCol)) upper = unitRow - 1;
  const twoRows = upper !== lower;

  const lookup = indicatorLookup(indicators);
  const found = new Map<string, { target?: EconomicColumn; actual?: EconomicColumn }>();
  const duplicates: DuplicateColumn[] = [];
  const put = (indicator: string, role: EconomicRole, at: EconomicColumn) => {
    const entry = found.get(indicator) ?? {};
    const prior = entry[role];
    if (prior) {
      duplicates.push({
        key: economicKey(indicator, role),
        row: at.row,
        col: at.col,
        firstCol: prior.col,
      });
      return;
    }
    entry[role] = at;
    found.set(indicator, entry);
  };

  const width = Math.max(grid.rows[upper]?.length ?? 0, grid.rows[lower]?.length ?? 0);
  // The indicator whose name heads the current group of columns (merged, or written over its first column).
  let current: string | null = null;
  for (let c = 0; c < width; c++) {
    if (c === unitCol) {
      current = null;
      continue;
    }
    const upperText = headerText(cellAt(grid, upper, c));
    const lowerText = headerText(cellAt(grid, lower, c));
    if (twoRows && removeSpaces(upperText) !== "") current = lookup.get(headerKey(upperText)) ?? null;
    const lowerRole = twoRows ? roleOfWord(lowerText) : null;
    if (lowerRole && current !== null) {
      put(current, lowerRole, { row: lower, col: c });
      continue;
    }
    const oneRow = parseIndicatorHeader(lowerText, lookup);
    if (oneRow) {
      put(oneRow.indicator, oneRow.role, { row: lower, col: c });
      continue;
    }
    if (twoRows) {
      const upperOneRow = parseIndicatorHeader(upperText, lookup);
      if (upperOneRow) {
        put(upperOneRow.indicator, upperOneRow.role, { row: upper, col: c });
        current = null;
      }
    }
  }

  return {
    found: true,
    header: {
      headerRow: upper,
      headerEndRow: lower,
      unitCol,
      unitRow,
      indicators: found,
      duplicates,
    },
  };
}
