/**
 * The yearly results sheets of one workbook for 任期考核 in the pane: 考核结果2023, 考核结果 2024, 考核结果（2025年度）…
 * — 考核结果 followed by a 4-digit year (19xx, 20xx), in year order. The plain 考核结果 is not one of them.
 */
import { SHEETS } from "../workbook/input";

export interface YearlySheet {
  name: string;
  year: number;
}

const YEARLY = /^\s*[（(]?\s*((?:19|20)\d{2})\s*(?:年度|年)?\s*[）)]?\s*$/;

/** The yearly sheets among `names`, ordered by year; a year named twice counts once (its first sheet). */
export function yearlyResultSheets(names: readonly string[]): YearlySheet[] {
  const out = new Map<number, YearlySheet>();
  for (const name of names) {
    const trimmed = name.trim();
    if (!trimmed.startsWith(SHEETS.results)) continue;
    const m = YEARLY.exec(trimmed.slice(SHEETS.results.length));
    if (!m) continue;
    const year = Number(m[1]);
    if (!out.has(year)) out.set(year, { name, year });
  }
  return [...out.values()].sort((a, b) => a.year - b.year);
}
