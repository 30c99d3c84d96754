/** Pieces several views share. */
import type { Flag, LeaderResult } from "../../engine/types";
import type { GradeLabel } from "../../workbook/gradeColors";
import type { TabId, ViewContext } from "../app";
import { messageBar } from "../components";
import type { MessageKey } from "../i18n";

const GRADE_KEYS: Record<GradeLabel, MessageKey> = {
  优秀: "grade.excellent",
  称职: "grade.competent",
  基本称职: "grade.basic",
  不称职: "grade.unfit",
  暂缓评定: "grade.pending",
  不定等次: "grade.ungraded",
};

/** A grade in the pane's language (the sheet always says it in Chinese). */
export function gradeLabel(ctx: Pick<ViewContext, "t">, grade: string): string {
  const key = (GRADE_KEYS as Record<string, MessageKey | undefined>)[grade];
  return key ? ctx.t(key) : grade;
}

/** The message an operation left on this view (an Excel error, a confirmation). */
export function flashBar(ctx: ViewContext, tab: TabId): HTMLElement | null {
  const f = ctx.state.flash[tab];
  return f ? messageBar(f.kind, f.text, { live: true }) : null;
}

/**
 * The flags that send a graded leader's grade to the committee (docs/method.md §12): a tie at the quota
 * boundary, a vote rule that only flags (`grades.voteCaps: "flag"`). Empty once the committee has decided.
 */
export function needsCommittee(l: LeaderResult): Flag[] {
  if (l.status !== "graded" || l.explain.grade.committee) return [];
  const flagged = l.explain.grade.caps.filter((c) => !c.applied).map((c) => c.code as string);
  return l.flags.filter((f) => f.code === "quotaTie" || flagged.indexOf(f.code) >= 0);
}

/**
 * One quotation style on the pane: the core quotes what a cell holds in 「」 and names in “”; the pane shows
 * both as “” (its own words use “” throughout).
 */
export function paneQuotes(text: string): string {
  return text.replace(/「/g, "“").replace(/」/g, "”");
}
