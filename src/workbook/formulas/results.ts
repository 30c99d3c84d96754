/**
 * 考核结果 in formulas mode: the layout of docs/method.md §8 with every score cell (经营业绩 … 综合得分) a
 * formula over 计算明细, rounded as §5 says; the cached value of each is the engine's rounded value, so a reader
 * that does not recalculate shows the same numbers.
 */
import type { Assessment } from "../../engine/types";
import { columnLetters } from "../address";
import { type LayoutValue, resultColumn, resultsLayout, type ResultsLayoutOptions, type SheetLayout } from "../layout";
import { DETAILS_SHEET, LEADER_COLUMNS } from "./details";
import { sheetPrefix } from "./sheet";

/** 考核结果 header → 计算明细 column, and the decimals of its ROUND. */
export const RESULT_FORMULA_COLUMNS: readonly [string, number, number][] = [
  ["经营业绩", LEADER_COLUMNS.economic, 2],
  ["重点工作", LEADER_COLUMNS.keyTasks, 2],
  ["党的建设", LEADER_COLUMNS.partyBuilding, 2],
  ["安全稳定", LEADER_COLUMNS.safety, 2],
  ["工作业绩", LEADER_COLUMNS.work, 2],
  ["民主测评", LEADER_COLUMNS.democratic, 2],
  ["优秀率", LEADER_COLUMNS.excellentRate, 4],
  ["称职以上率", LEADER_COLUMNS.competentRate, 4],
  ["不称职率", LEADER_COLUMNS.unfitRate, 4],
  ["加减分", LEADER_COLUMNS.adjustment, 2],
  ["综合得分", LEADER_COLUMNS.final, 2],
];

export const RESULTS_FORMULA_NOTE =
  "公式模式：经营业绩至综合得分各列是公式，引用“计算明细”表的计算过程（得分保留2位小数、比率保留4位小数，四舍五入）；" +
  "修改输入表中的数字或“计算明细”中的参数后随之重算。排名、等次和说明是程序写入的数值，不随之改变，修改输入后请重新运行考评。";

/**
 * `leaderRows[i]` is the 0-based row of 计算明细's leader block for the leader of index i.
 */
export function resultsFormulaLayout(
  a: Assessment,
  leaderRows: readonly number[],
  opts: ResultsLayoutOptions = {},
): SheetLayout {
  const base = resultsLayout(a, opts);
  const leaders = [...a.leaders].sort((x, y) => x.index - y.index);
  const values: LayoutValue[][] = base.values.map((r) => [...r]);
  const formulas = [...base.formulas];
  const prefix = sheetPrefix(DETAILS_SHEET);
  const columns = RESULT_FORMULA_COLUMNS.map(([header, col, digits]) => ({
    at: resultColumn(header),
    letters: columnLetters(col),
    digits,
    plain: header === "加减分",
  }));
  leaders.forEach((l, i) => {
    const row = i + 1;
    const line = values[row];
    const n = leaderRows[l.index] + 1;
    for (const { at, letters, digits, plain } of columns) {
      const ref = `${prefix}${letters}${n}`;
      const formula = plain ? `=ROUND(${ref},${digits})` : `=IF(${ref}="","",ROUND(${ref},${digits}))`;
      formulas.push({ row, col: at, formula });
      // An empty result is cached as the empty text the formula gives.
      if (line[at] === null) line[at] = "";
    }
  });
  const first = resultColumn(RESULT_FORMULA_COLUMNS[0][0]);
  return {
    ...base,
    values,
    formulas,
    notes: [...base.notes, { row: 0, col: first, text: RESULTS_FORMULA_NOTE }],
  };
}
