/**
 * Node only: a fake workbook from an .xlsx file or an ExcelJS workbook — values (dates as serials with their
 * format, formulas with their cached results, errors), number formats, fills, bold, font colours,
 * alignment, merges, column widths, frozen panes, data validations, notes, AutoFilter, tab colours and
 * visibility. Merged areas keep their value in the top-left cell only, as Excel does.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { readXlsx } from "../../src/cli/xlsx";
import { parseRef } from "./fake/address";
import { workbookFromGridBook } from "./fake/fixtures";
import { type SheetState, type Validation, WorkbookState, toSerial } from "./fake/state";

/** ExcelJS column width (characters) → points, as Excel converts at 96 dpi with Calibri 11. */
export function charsToPoints(width: number): number {
  return Math.round(Math.round(width * 7 + 5) * 0.75 * 100) / 100;
}

function color(c: Partial<ExcelJS.Color> | undefined): string | null {
  const argb = c?.argb;
  if (typeof argb !== "string" || argb.length < 6) return null;
  return `#${argb.slice(-6).toUpperCase()}`;
}

function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function plainValue(v: unknown): {
  value: number | string | boolean | null;
  type: "Empty" | "String" | "Double" | "Boolean" | "Error";
  date?: boolean;
} {
  if (v === null || v === undefined) return { value: null, type: "Empty" };
  if (typeof v === "number") return { value: v, type: "Double" };
  if (typeof v === "boolean") return { value: v, type: "Boolean" };
  if (typeof v === "string") return v === "" ? { value: null, type: "Empty" } : { value: v, type: "String" };
  if (v instanceof Date) return { value: toSerial(utcDay(v)), type: "Double", date: true };
  if (typeof v === "object" && "error" in (v as object))
    return { value: String((v as { error: unknown }).error), type: "Error" };
  if (typeof v === "object" && "richText" in (v as object))
    return { value: (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(""), type: "String" };
  if (typeof v === "object" && "text" in (v as object)) return plainValue((v as { text: unknown }).text);
  return { value: String(v), type: "String" };
}

function copySheet(ws: ExcelJS.Worksheet, s: SheetState): void {
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const r = rowNumber - 1;
      const c = colNumber - 1;
      const target = s.edit(r, c);
      const v = cell.value;
      if (cell.type !== ExcelJS.ValueType.Merge) {
        if (cell.type === ExcelJS.ValueType.Formula && typeof v === "object" && v !== null && "formula" in v) {
          const f = v as ExcelJS.CellFormulaValue;
          target.formula = `=${f.formula}`;
          const res = plainValue(f.result);
          target.value = res.value;
          target.type = res.type;
        } else if (
          cell.type === ExcelJS.ValueType.Formula &&
          typeof v === "object" &&
          v !== null &&
          "sharedFormula" in v
        ) {
          target.formula = `=${cell.formula}`;
          const res = plainValue((v as { result?: unknown }).result);
          target.value = res.value;
          target.type = res.type;
        } else {
          const p = plainValue(v);
          target.value = p.value;
          target.type = p.type;
          if (p.date && !cell.numFmt) target.numberFormat = "yyyy-mm-dd";
        }
      }
      if (cell.numFmt) target.numberFormat = cell.numFmt;
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      if (fill && fill.type === "pattern" && fill.pattern === "solid") target.fill = color(fill.fgColor);
      if (cell.font?.bold) target.bold = true;
      const fc = color(cell.font?.color);
      if (fc) target.fontColor = fc;
      const al = cell.alignment;
      if (al?.horizontal) target.horizontalAlignment = al.horizontal[0].toUpperCase() + al.horizontal.slice(1);
      if (al?.vertical)
        target.verticalAlignment =
          al.vertical === "middle" ? "Center" : al.vertical[0].toUpperCase() + al.vertical.slice(1);
      if (al?.wrapText) target.wrapText = true;
      const note = cell.note;
      if (note)
        s.notes.set(cell.address, typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join(""));
      s.tidy(r, c);
    });
  });
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  for (const m of merges) {
    const p = parseRef(m);
    if (p) s.merges.push(p.rect);
  }
  (ws.columns ?? []).forEach((col, i) => {
    if (col.width !== undefined) s.widths.set(i, charsToPoints(col.width));
  });
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === "frozen") s.freeze = { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 };
  const dv =
    (ws as unknown as { dataValidations?: { model?: Record<string, Record<string, unknown>> } }).dataValidations
      ?.model ?? {};
  for (const [ref, m] of Object.entries(dv)) {
    for (const part of ref.split(/\s+/)) {
      const p = parseRef(part);
      if (!p) continue;
      const formulae = (m.formulae as unknown[] | undefined) ?? [];
      const rule: Validation["rule"] =
        m.type === "list"
          ? { list: { inCellDropDown: true, source: String(formulae[0] ?? "").replace(/^"|"$/g, "") } }
          : m.type === "custom"
            ? { custom: { formula: `=${String(formulae[0] ?? "")}` } }
            : m.type
              ? { wholeNumber: { formulae } }
              : null;
      s.validations.push({
        rect: p.rect,
        rule,
        prompt: m.prompt
          ? { title: String(m.promptTitle ?? ""), message: String(m.prompt), showPrompt: m.showInputMessage !== false }
          : null,
        errorAlert: m.error
          ? { title: String(m.errorTitle ?? ""), message: String(m.error), style: "Stop", showAlert: true }
          : null,
        ignoreBlanks: m.allowBlank !== false,
      });
    }
  }
  const af = ws.autoFilter;
  if (typeof af === "string") s.autoFilter = parseRef(af)?.rect ?? null;
  else if (af && typeof af === "object" && "from" in af) {
    const cell = (x: string | { row: number; column: number }) =>
      typeof x === "string" ? x : `${String.fromCharCode(64 + x.column)}${x.row}`;
    s.autoFilter = parseRef(`${cell(af.from)}:${cell(af.to)}`)?.rect ?? null;
  }
  const tab = color(ws.properties?.tabColor as Partial<ExcelJS.Color> | undefined);
  if (tab) s.tabColor = tab;
  s.visibility = ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
}

export function workbookFromExcelJS(wb: ExcelJS.Workbook): WorkbookState {
  const out = new WorkbookState();
  for (const ws of wb.worksheets) copySheet(ws, out.addSheet(ws.name));
  return out;
}

export async function workbookFromXlsx(path: string): Promise<WorkbookState> {
  const data = await readFile(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return workbookFromExcelJS(wb);
}

/** A fake workbook holding only the Grids the command line's reader gives for a file (no formats). */
export async function workbookFromXlsxGrids(path: string): Promise<WorkbookState> {
  return workbookFromGridBook((await readXlsx(path)).book);
}
