/**
 * 综合得分排名 on 会议图表: native bar charts bound to a sorted table of formulas (live: sorting or recalculating
 * 考核结果 re-sorts it), one series per grade (the bars overlap fully, so each name shows one bar, in its
 * grade's colour), paged as the PNGs are. Each leader's name on the axis carries the badges of the rules that
 * decided their grade (【亏损限档】, 【超出名额】 …), looked up by 姓名 and 单位 in a table written at insertion.
 * What a native Excel chart cannot draw — the band lines and the quota cut — the pictures mode and the deck
 * show; the sheet's note says so.
 */
import { leaderDecisions } from "../../charts/decisions";
import { pages, rankedLeaders } from "../../charts/data";
import { fileNameOf, type Frame } from "../../charts/frame";
import { RANKING_NAME, RANKING_NUMBER, RANKING_ROWS_PER_PAGE } from "../../charts/ranking";
import type { Assessment, LeaderResult } from "../../engine/types";
import { GRADE_COLORS } from "../../workbook/gradeColors";
import {
  absCol,
  absRange,
  barRows,
  type Cells,
  chartTitle,
  column,
  GRADES,
  lit,
  num,
  onSheet,
  resultsColumn,
  TABLE_DATA_ROW,
  tableFrame,
  type TableColumn,
} from "./cells";
import { ROWS_TABLE } from "./rows";
import type { TablePlan, Unplaced } from "./types";

/** Columns of the sorted ranking table, relative to its left. */
export const RANKING_TABLE = {
  position: 0,
  row: 1,
  rank: 2,
  name: 3,
  unit: 4,
  final: 5,
  grade: 6,
  series: 7,
  label: 7 + GRADES.length,
} as const;
export const RANKING_COLS = RANKING_TABLE.label + 1;
export const BADGES_COLS = 2;

/**
 * The ranking's grade series hold "" where a row has another grade: a bar column plots text as a bar of
 * length 0, and this format (empty zero section) leaves its label blank. (#N/A, which a scatter needs, would
 * show as a "#N/A" label on bars in older Excel.)
 */
export const BAR_LABEL_FORMAT = "0.00;-0.00;;";

/** "姓名|单位": the key the badges are looked up by. */
export const badgeKey = (l: Pick<LeaderResult, "name" | "unit">) => `${l.name}|${l.unit}`;

/** The badges of every leader whose grade a rule decided, by 姓名|单位 (values at insertion). */
export function badgesTable(cells: Cells, a: Assessment, left: number): TablePlan {
  const rows = a.leaders
    .map((l) => ({ l, badges: leaderDecisions(l).map((d) => d.badge) }))
    .filter((x) => x.badges.length > 0);
  const columns: TableColumn[] = [
    { header: "姓名|单位", format: null, shown: rows.map((x) => badgeKey(x.l)) },
    { header: "标注", format: null, shown: rows.map((x) => x.badges.join("、")) },
  ];
  const title = "等次由规则确定的人员（插入时数值）";
  const range = tableFrame(cells, left, title, columns, rows.length);
  rows.forEach((x, i) => {
    cells.set(TABLE_DATA_ROW + i, left, badgeKey(x.l));
    cells.set(TABLE_DATA_ROW + i, left + 1, x.badges.join("、"));
  });
  return { key: "badges", title, range, live: false };
}

/** The graded leaders in rank order, by INDEX/MATCH on the sort keys of the per-row table. */
export function rankingTable(
  cells: Cells,
  a: Assessment,
  left: number,
  at: { rows: number; badges: number; badgeRows: number },
): TablePlan {
  const n = a.leaders.length;
  const ranked = rankedLeaders(a);
  const g = ranked.length;
  const columns: TableColumn[] = [
    { header: "序号", format: "0", shown: [String(g)] },
    { header: "考核结果行", format: "0", shown: [String(n + 1)] },
    { header: "排名", format: "0", shown: [String(g)] },
    { header: "姓名", format: null, shown: ranked.map((l) => l.name) },
    { header: "单位", format: null, shown: ranked.map((l) => l.unit) },
    { header: "综合得分", format: "0.00", shown: ranked.map((l) => num(l.final)) },
    { header: "等次", format: null, shown: ranked.map((l) => l.grade) },
    ...GRADES.map((gr) => ({ header: gr, format: "0.00", shown: ["100.00"], series: true })),
    { header: "图表标签", format: null, shown: ranked.map((l) => `${l.name}  【超出名额】`) },
  ];
  const title = "综合得分排名数据（公式，按排名排序）";
  const range = tableFrame(cells, left, title, columns, g);
  const keyRange = absRange(TABLE_DATA_ROW, TABLE_DATA_ROW + n - 1, at.rows + ROWS_TABLE.key);
  const rowRange = absRange(TABLE_DATA_ROW, TABLE_DATA_ROW + n - 1, at.rows + ROWS_TABLE.row);
  const badgeKeys = absRange(TABLE_DATA_ROW, TABLE_DATA_ROW + Math.max(0, at.badgeRows - 1), at.badges);
  const badgeTexts = absRange(TABLE_DATA_ROW, TABLE_DATA_ROW + Math.max(0, at.badgeRows - 1), at.badges + 1);
  for (let k = 0; k < g; k++) {
    const row = TABLE_DATA_ROW + k;
    const cell = (c: number) => absCol(row, left + c);
    cells.set(row, left + RANKING_TABLE.position, k + 1);
    cells.formula(
      row,
      left + RANKING_TABLE.row,
      n === 0 ? `=""` : `=IFERROR(INDEX(${rowRange},MATCH(${cell(RANKING_TABLE.position)},${keyRange},0)),"")`,
    );
    const pick = (header: string) =>
      `=IF(${cell(RANKING_TABLE.row)}="","",INDEX(${resultsColumn(header, n, 0)},${cell(RANKING_TABLE.row)}))`;
    cells.formula(row, left + RANKING_TABLE.rank, pick("排名"));
    cells.formula(row, left + RANKING_TABLE.name, pick("姓名"));
    cells.formula(row, left + RANKING_TABLE.unit, pick("单位"));
    cells.formula(row, left + RANKING_TABLE.final, pick("综合得分"));
    cells.formula(row, left + RANKING_TABLE.grade, pick("等次"));
    GRADES.forEach((gr, i) => {
      cells.formula(
        row,
        left + RANKING_TABLE.series + i,
        `=IF(AND(${cell(RANKING_TABLE.grade)}=${lit(gr)},ISNUMBER(${cell(RANKING_TABLE.final)})),${cell(RANKING_TABLE.final)},"")`,
      );
    });
    const name = cell(RANKING_TABLE.name);
    const badge =
      at.badgeRows === 0
        ? `""`
        : `IFERROR(INDEX(${badgeTexts},MATCH(${name}&"|"&${cell(RANKING_TABLE.unit)},${badgeKeys},0)),"")`;
    cells.formula(
      row,
      left + RANKING_TABLE.label,
      `=IF(${name}="","",${name}&IF(${badge}="","","  【"&${badge}&"】"))`,
    );
  }
  return { key: "ranking", title, range, live: true };
}

export function rankingPlans(f: Frame, a: Assessment, left: number): Unplaced[] {
  const ranked = rankedLeaders(a);
  if (ranked.length === 0) return [];
  const groups = pages(ranked, RANKING_ROWS_PER_PAGE);
  let start = 0;
  // Room after the longest bar for Excel's value label (the badges are on the names, not after the bars).
  const max = Math.ceil((Math.max(100, ...ranked.map((l) => l.final ?? 0)) * 1.12) / 10) * 10;
  return groups.map((rows, p) => {
    const page = { index: p + 1, count: groups.length };
    const top = TABLE_DATA_ROW + start;
    const bottom = top + rows.length - 1;
    start += rows.length;
    return {
      kind: "ranking",
      name: fileNameOf(RANKING_NUMBER, RANKING_NAME, page),
      title: chartTitle(f, RANKING_NAME, page),
      type: "BarClustered",
      series: GRADES.map((g, i) => ({
        name: g,
        values: onSheet(column(left + RANKING_TABLE.series + i, top, bottom)),
        xValues: onSheet(column(left + RANKING_TABLE.label, top, bottom)),
        fill: GRADE_COLORS[g],
        dataLabels: { numberFormat: BAR_LABEL_FORMAT, position: "OutsideEnd" },
      })),
      categoryAxis: { title: null, reverse: true },
      valueAxis: { title: "综合得分", min: 0, max, majorUnit: 10, numberFormat: "0" },
      legend: "Top",
      overlap: 100,
      gapWidth: 40,
      live: true,
      rows: barRows(rows.length),
    };
  });
}
