/**
 * The tallied 民主测评 (docs/method.md §11.3) as a SheetLayout, in the long layout of §1 — so that the pane and
 * `cli tally` write it the same way, and scoring reads it as it reads a 民主测评 typed by hand.
 */

import type { TallyResult } from "../engine/ballots/tally";
import type { Method } from "../method/types";
import type { Leader } from "./input";
import { SHEETS } from "./input";
import { type ColumnLayout, type LayoutValue, RESULT_HEADER_FILL, type SheetLayout, textCellsOf } from "./layout";
import { displayWidth } from "./textWidth";

const MIN_WIDTH = 6;
const MAX_WIDTH = 40;
/** Room for the filter button of a header cell, and the margin on each side. */
const FILTER_BUTTON_WIDTH = 2.5;
const PADDING = 2;

/** The sheet's note: where the numbers come from, so that nobody edits them by hand. */
function tallyNote(t: TallyResult): string {
  const lines = [
    `由考评程序汇总“${SHEETS.ballots}”表生成：共 ${t.ballots} 张测评票，有效 ${t.valid} 张，无效 ${t.invalid.length} 张。`,
    "每行为一名考核对象、一类测评人、一个测评项目的得票数；未填或填“弃权”的计入弃权。请勿手工修改，修改测评票后重新汇总。",
  ];
  if (t.invalid.length > 0) {
    lines.push(
      `无效票：${t.invalid.map((x) => `${x.unit}第${x.number}号（${x.reasons.map((r) => (r.code === "allSame" ? "全部评价相同" : "综合评价优秀超过比例")).join("、")}）`).join("；")}。`,
    );
  }
  if (t.voidUnits.length > 0) {
    lines.push(`参评率不足、民主测评无效的单位：${t.voidUnits.map((v) => v.unit).join("、")}（其考核对象暂缓评定）。`);
  }
  return lines.join("\n");
}

/**
 * 民主测评 from a tally: 姓名, 单位, 测评人类别, 维度, the categories (优秀, 称职, 基本称职, 不称职), 弃权. A 工号 column is
 * added only when two leaders share a name and a unit (the rows could not be told apart without it).
 */
export function votesLayout(t: TallyResult, method: Method, leaders: readonly Leader[]): SheetLayout {
  const cats = method.democratic.categories.map((c) => c.name);
  const seen = new Set<string>();
  let withIds = false;
  for (const l of leaders) {
    const k = `${l.nameKey}\u0000${l.unitKey}`;
    if (seen.has(k)) withIds = true;
    seen.add(k);
  }
  const header: LayoutValue[] = ["姓名", "单位", "测评人类别", "维度", ...cats, "弃权", ...(withIds ? ["工号"] : [])];
  const body: LayoutValue[][] = t.votes.map((v) => [
    v.name,
    v.unit,
    v.group,
    v.dimension,
    ...v.counts,
    v.abstain ?? 0,
    ...(withIds ? [v.employeeId] : []),
  ]);
  const values = [header, ...body];
  const lastRow = values.length - 1;
  const lastCol = header.length - 1;
  const countCols = new Set(Array.from({ length: cats.length + 1 }, (_, i) => 4 + i));
  const columns: ColumnLayout[] = header.map((h, c) => {
    let w = displayWidth(String(h)) * 1.1 + FILTER_BUTTON_WIDTH;
    for (const row of body) w = Math.max(w, displayWidth(row[c] === null ? "" : String(row[c])));
    return {
      width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil((w + PADDING) * 4) / 4)),
      numberFormat: countCols.has(c) ? "0" : null,
    };
  });
  return {
    sheet: SHEETS.votes,
    values,
    textCells: textCellsOf(values),
    formulas: [],
    headerRows: 1,
    columns,
    freeze: { rows: 1, columns: 2 },
    autoFilter: { top: 0, left: 0, bottom: lastRow, right: lastCol },
    styles: [
      {
        range: { top: 0, left: 0, bottom: 0, right: lastCol },
        style: { bold: true, fill: RESULT_HEADER_FILL, horizontalAlignment: "center", verticalAlignment: "center" },
      },
      ...(body.length > 0
        ? [
            {
              range: { top: 1, left: 4, bottom: lastRow, right: 4 + cats.length },
              style: { horizontalAlignment: "center" as const },
            },
          ]
        : []),
    ],
    notes: [{ row: 0, col: 0, text: tallyNote(t) }],
  };
}
