/**
 * ExcelJS's model of a workbook as Grids, the way the command line read workbooks before its streaming reader
 * (src/cli/xlsx.ts): for tests that build a workbook in memory with ExcelJS, and as a second reader to compare
 * the streaming one with.
 */
import ExcelJS from "exceljs";
import type { CellValue, Grid, GridBook } from "../../src/workbook/grid";

/** Every sheet, hidden ones included, in tab order. */
export function workbookToGrids(workbook: ExcelJS.Workbook): GridBook {
  return workbook.worksheets.map(sheetToGrid);
}

export function sheetToGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      cells[colNumber - 1] = cellValue(cell);
    });
    // eachCell skips empty cells: fill the holes so that rows are dense arrays.
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
  return { name: ws.name, rows };
}

/** ExcelJS gives dates as the UTC instant of the serial; the calendar day is its UTC date. */
function utcDay(d: Date): Date | null {
  if (Number.isNaN(d.getTime())) return null;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function richTextOf(v: ExcelJS.CellRichTextValue): string {
  return v.richText.map((run) => run.text).join("");
}

type FormulaResult = ExcelJS.CellFormulaValue["result"];

function plain(v: FormulaResult | string | number | boolean | Date | null | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return utcDay(v);
  if (typeof v === "object") return "error" in v ? { error: String(v.error) } : null;
  return v;
}

function cellValue(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      // ExcelJS repeats the master's value in every cell of a merged area; Grid keeps it only in the master.
      return null;
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.Boolean:
      return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
    case ExcelJS.ValueType.Date:
      return v instanceof Date ? utcDay(v) : null;
    case ExcelJS.ValueType.Error:
      return typeof v === "object" && v !== null && "error" in v ? { error: String(v.error) } : { error: "#VALUE!" };
    case ExcelJS.ValueType.RichText:
      return typeof v === "object" && v !== null && "richText" in v ? richTextOf(v) : cell.text;
    case ExcelJS.ValueType.Hyperlink: {
      if (typeof v === "object" && v !== null && "hyperlink" in v) {
        // The text of a hyperlink may itself be rich text.
        const text: unknown = v.text;
        if (typeof text === "string") return text;
        if (typeof text === "object" && text !== null && "richText" in text)
          return richTextOf(text as ExcelJS.CellRichTextValue);
        return v.hyperlink;
      }
      return cell.text;
    }
    case ExcelJS.ValueType.Formula:
      // Shared and array formulas too: the cached result, or nothing when the file has none.
      return typeof v === "object" && v !== null && "result" in v ? plain(v.result) : null;
    default:
      return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : null;
  }
}
