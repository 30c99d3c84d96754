/**
 * The titles of the printed papers — the 考核结果 page header, the report, the letters — from the method's
 * name and what the workbook's title rows say (workbook/titles.ts): 「恒川能源集团2025年度党组织负责人考核评价结果」.
 */
import type { TitleInfo } from "../workbook/titles";

export interface PaperTitle {
  /** The group assessed, from the title rows; "" when they name none. */
  scope: string;
  /** "2025"; the year of the reference date when the title rows name none (as the charts do). */
  year: string | null;
  /** What is assessed, from the method's name: 党组织负责人考核评价. */
  subject: string;
}

/** The default method's name carries （默认）: a mark for the 方法 view, not for paper. */
const DEFAULT_MARK = /[（(]\s*默认\s*[）)]\s*$/;
/** A method named 「…考核评价办法」 assesses 「…考核评价」. */
const DOCUMENT_WORD = /(?:实施办法|实施细则|办法|方法|细则)$/;
/** A subject that already says it is an assessment takes 结果 alone: 考核评价结果, not 考核评价考核结果. */
const ASSESSMENT_WORD = /(?:考核|评价|考评|测评)$/;

export function paperTitle(methodName: string, titles: TitleInfo, referenceDate: string): PaperTitle {
  let subject = methodName.trim().replace(DEFAULT_MARK, "").trim().replace(DOCUMENT_WORD, "").trim();
  if (subject === "") subject = "党组织负责人考核评价";
  return {
    scope: titles.scope ?? "",
    year: titles.year ?? /^\d{4}/.exec(referenceDate)?.[0] ?? null,
    subject,
  };
}

/** 「恒川能源集团2025年度党组织负责人考核评价」, with the scope and year when known. */
export function titleHead(t: PaperTitle, withScope = true): string {
  return `${withScope ? t.scope : ""}${t.year ? `${t.year}年度` : ""}${t.subject}`;
}

/**
 * The title of a paper about the results: `what` is 结果, 结果汇总表, 结果通知书 …; 考核 is added when the
 * subject does not already say it (「…考核评价结果」, 「经营管理人员考核结果」 from a method named 经营管理人员).
 */
export function resultsTitle(t: PaperTitle, what = "结果", withScope = true): string {
  const join = ASSESSMENT_WORD.test(t.subject) ? "" : "考核";
  return `${titleHead(t, withScope)}${join}${what}`;
}
