import { cellText } from "./cells";
import type { GridBook } from "./grid";
import type { AssessmentInput } from "./input";

export interface TitleInfo {
  /** "2025" when a title row says 2025年度 …; used in chart titles. */
  year?: string;
  /** The group's name written before the year in that title, e.g. 恒川能源集团. */
  scope?: string;
}

const YEAR_RE = /((?:19|20)\d{2})\s*年/;

/**
 * What the workbook's own title rows (the rows above a standard sheet's header) say about the assessment:
 * 「恒川能源集团2025年度经营业绩考核指标完成情况」 gives year 2025 and scope 恒川能源集团. Charts use it so that
 * their titles name the year assessed rather than the year of the meeting.
 */
export function titleInfo(book: GridBook, input: AssessmentInput): TitleInfo {
  for (const map of Object.values(input.sheets)) {
    if (!map) continue;
    const grid = book.find((g) => g.name.trim() === map.sheet);
    if (!grid) continue;
    for (let r = 0; r < map.headerRow; r++) {
      for (const v of grid.rows[r] ?? []) {
        const text = cellText(v).trim();
        const m = YEAR_RE.exec(text);
        if (!m) continue;
        const before = text.slice(0, m.index).trim();
        return { year: m[1], ...(before.length > 0 && before.length <= 30 ? { scope: before } : {}) };
      }
    }
  }
  return {};
}
