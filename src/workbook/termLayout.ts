/** The sheet 任期考核: term results (src/app/term.ts) as a Layout, one row per leader. */
import type { TermLeader } from "../app/term";
import { GRADE_COLORS, type GradeLabel } from "./gradeColors";
import {
  type ColumnLayout,
  explanationText,
  fitCellText,
  type LayoutValue,
  RESULT_HEADER_FILL,
  type SheetLayout,
  type StyledRange,
  textCellsOf,
} from "./layout";
import { displayWidth } from "./textWidth";

export const TERM_SHEET = "任期考核";

export function termLayout(years: { year: number; weight: number }[], leaders: TermLeader[]): SheetLayout {
  const header: LayoutValue[] = [
    "姓名",
    "单位",
    ...years.flatMap((y) => [`${y.year}综合得分`, `${y.year}等次`]),
    "任期得分",
    "缺少年度",
    "说明",
  ];
  const body = leaders.map((l) => {
    const byYear = new Map(l.years.map((y) => [y.year, y]));
    return [
      fitCellText(l.name),
      fitCellText(l.unit),
      ...years.flatMap((y) => {
        const x = byYear.get(y.year);
        return x ? [x.final, x.grade] : [null, null];
      }),
      l.termScore,
      l.missingYears.length > 0 ? l.missingYears.join("、") : null,
      explanationText(l.flags),
    ];
  });
  const values = [header, ...body];
  const last = header.length - 1;
  const scoreCols = new Set([...years.map((_, i) => 2 + 2 * i), 2 + 2 * years.length]);
  const columns: ColumnLayout[] = header.map((h, c) => ({
    width: Math.min(
      50,
      Math.max(
        8,
        ...values.map((row) => displayWidth(row[c] === null ? "" : String(row[c])) + 2),
        displayWidth(String(h)) + 4,
      ),
    ),
    numberFormat: scoreCols.has(c) ? "0.00" : null,
  }));
  const styles: StyledRange[] = [
    {
      range: { top: 0, left: 0, bottom: 0, right: last },
      style: { bold: true, fill: RESULT_HEADER_FILL, horizontalAlignment: "center" },
    },
  ];
  leaders.forEach((l, i) => {
    l.years.forEach((y) => {
      const col = 3 + 2 * years.findIndex((x) => x.year === y.year);
      styles.push({
        range: { top: i + 1, left: col, bottom: i + 1, right: col },
        style: { fill: GRADE_COLORS[y.grade as GradeLabel] },
      });
    });
  });
  const weights = years.map((y) => `${y.year}年 ${y.weight}`).join("，");
  return {
    sheet: TERM_SHEET,
    values,
    textCells: textCellsOf(values),
    formulas: [],
    headerRows: 1,
    columns,
    freeze: { rows: 1, columns: 2 },
    autoFilter: { top: 0, left: 0, bottom: values.length - 1, right: last },
    styles,
    notes: [
      {
        row: 0,
        col: 2 + 2 * years.length,
        text: `任期得分：有综合得分的各年度综合得分按权重（${weights}）加权平均，四舍五入到两位小数；缺少的年度和暂缓评定的年度不计入。`,
      },
    ],
  };
}
