/** Pieces several views share. */
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
