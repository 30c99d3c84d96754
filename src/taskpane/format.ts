/** Pure formatting and filtering for the pane's views (no DOM): numbers, dates, grade counts, search. */
import { roundHalfAway } from "../engine/round";
import type { LeaderResult } from "../engine/types";
import { GRADE_ORDER, type GradeLabel } from "../workbook/gradeColors";
import { foldWidth, removeSpaces } from "../workbook/normalize";
import { isIsoDate } from "../method/schema";

/** The sign shown for a missing value. */
export const MISSING = "—";

/** A score with two decimals (rounded half away from zero, as the sheet shows it). */
export function formatScore(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  return roundHalfAway(x, 2).toFixed(2);
}

/** A rate (0.7) as a percentage ("70.0%"). */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  return `${roundHalfAway(x * 100, digits).toFixed(digits)}%`;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A day in local time as YYYY-MM-DD (the day of a run). */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An ISO time stamp as local "YYYY-MM-DD HH:mm"; text that is not a time is returned as it is. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The reference-date field: "" → none; `2025-6-30`, `2025/06/30`, `2025.6.30`, full-width digits → the
 * ISO form; anything else (or a day that does not exist) → null.
 */
export function normalizeDateInput(raw: string): string | null {
  const s = removeSpaces(foldWidth(raw));
  if (s === "") return "";
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isIsoDate(iso) ? iso : null;
}

export interface GradeCount {
  grade: GradeLabel;
  count: number;
}

/** How many leaders have each grade (暂缓评定 and 不定等次 last), grades with nobody included as 0. */
export function gradeCounts(leaders: readonly Pick<LeaderResult, "grade">[]): GradeCount[] {
  return GRADE_ORDER.map((grade) => ({ grade, count: leaders.filter((l) => l.grade === grade).length }));
}

/** Leaders in the order of the list: by rank, pending ones after, ties and pending in sheet order. */
export function rankOrder(leaders: readonly LeaderResult[]): LeaderResult[] {
  return leaders.slice().sort((a, b) => {
    const ra = a.rank === null ? Infinity : a.rank;
    const rb = b.rank === null ? Infinity : b.rank;
    return ra !== rb ? ra - rb : a.index - b.index;
  });
}

/** A search key: width-folded, spaces removed, lower case. */
export function searchKey(s: string): string {
  return removeSpaces(foldWidth(s)).toLowerCase();
}

/**
 * The leaders matching a query (every space-separated term in the name or the unit), as indices into
 * `leaders`, in rank order; all of them for an empty query.
 */
export function filterLeaders(leaders: readonly LeaderResult[], query: string): number[] {
  const terms = foldWidth(query)
    .split(/\s+/)
    .map(searchKey)
    .filter((x) => x !== "");
  const at = new Map<LeaderResult, number>();
  leaders.forEach((l, i) => at.set(l, i));
  const out: number[] = [];
  for (const l of rankOrder(leaders)) {
    const hay = `${searchKey(l.name)}\u0000${searchKey(l.unit)}\u0000${searchKey(l.position)}`;
    if (terms.every((term) => hay.indexOf(term) >= 0)) out.push(at.get(l) as number);
  }
  return out;
}

/** `工作表!A1` → { sheet, cell } for display; an address without "!" is all sheet. */
export function splitAddress(address: string): { sheet: string; cell: string } {
  const i = address.lastIndexOf("!");
  if (i < 0) return { sheet: address, cell: "" };
  return {
    sheet: address
      .slice(0, i)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'"),
    cell: address.slice(i + 1),
  };
}
