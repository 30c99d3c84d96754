import { PENDING_GRADE, type ResultGrade, UNGRADED_GRADE } from "../engine/types";

/** A grade as shown to users: one of the four grades, 暂缓评定 (pending) or 不定等次 (ungraded). */
export type GradeLabel = ResultGrade;

/**
 * The one colour of each grade, `#RRGGBB`, used for the 等次 cells of 考核结果 and by every chart.
 * Chosen light enough that black text stays readable on them, and distinct in grey-scale print.
 */
export const GRADE_COLORS: Readonly<Record<GradeLabel, string>> = {
  优秀: "#63BE7B",
  称职: "#8DB4E2",
  基本称职: "#FFD966",
  不称职: "#F4A09C",
  [PENDING_GRADE]: "#D0D0D0",
  [UNGRADED_GRADE]: "#EDE3D3",
};

/** The grades from best to worst, then 暂缓评定 and 不定等次: the order legends list them in. */
export const GRADE_ORDER: readonly GradeLabel[] = ["优秀", "称职", "基本称职", "不称职", PENDING_GRADE, UNGRADED_GRADE];

export function gradeColor(grade: GradeLabel): string {
  return GRADE_COLORS[grade];
}
