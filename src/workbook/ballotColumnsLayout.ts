/**
 * 测评票列对应 (docs/method.md §11.1) as the pane's editor writes it: one row per survey column — 列标题 (the header's
 * text on 测评票), 姓名, 单位 and 维度 — read back by read/ballotColumns.ts like a sheet typed by hand.
 */
import { SHEETS } from "./input";
import { type LayoutValue, RESULT_HEADER_FILL, type SheetLayout, textCellsOf } from "./layout";
import { displayWidth } from "./textWidth";

export interface ColumnMappingRow {
  header: string;
  name: string;
  unit: string;
  item: string;
}

const HEADERS = ["列标题", "姓名", "单位", "维度"];

export function ballotColumnsLayout(rows: readonly ColumnMappingRow[]): SheetLayout {
  const values: LayoutValue[][] = [HEADERS, ...rows.map((r) => [r.header, r.name, r.unit, r.item])];
  const columns = HEADERS.map((_, c) => {
    let w = 8;
    for (const row of values) w = Math.max(w, displayWidth(String(row[c] ?? "")) + 2);
    return { width: Math.min(60, w), numberFormat: null };
  });
  return {
    sheet: SHEETS.ballotColumns,
    values,
    textCells: textCellsOf(values),
    formulas: [],
    headerRows: 1,
    columns,
    freeze: { rows: 1, columns: 0 },
    autoFilter: null,
    styles: [
      {
        range: { top: 0, left: 0, bottom: 0, right: HEADERS.length - 1 },
        style: { bold: true, fill: RESULT_HEADER_FILL },
      },
    ],
    notes: [
      {
        row: 0,
        col: 0,
        text: `“${SHEETS.ballots}”表中表头认不出考核对象和测评项目的列，在此逐列说明：列标题照抄表头，再填姓名、单位和维度。`,
      },
    ],
  };
}
