/**
 * What a sheet holds, as ExcelJS reads it, in a form that compares equal when Excel would show and behave
 * the same: settings at their default value (false, 0, "General", …) are left out, since producers differ
 * in whether they write them, and lists whose order carries no meaning are sorted.
 */
import ExcelJS from "exceljs";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const DEFAULT_STRINGS = new Set(["General", "general", "none", "None"]);

/** Drops default-valued settings; keeps every value that differs from the default. */
export function canon(v: unknown, key = ""): Json | undefined {
  if (v === undefined || v === null || v === false) return undefined;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") {
    // A 0 among settings (indent, outline level, rotation) is the default; numbers elsewhere are kept by
    // the callers, which never pass cell values through here.
    if (key === "value") return v;
    // Widths and other settings are compared to a millionth.
    return v === 0 ? undefined : Math.round(v * 1e6) / 1e6;
  }
  if (typeof v === "string") return DEFAULT_STRINGS.has(v) && key !== "value" && key !== "text" ? undefined : v;
  if (typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => canon(x, "value") ?? null);
  if (typeof v === "object") {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v as object).sort()) {
      const c = canon((v as Record<string, unknown>)[k], k);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return String(v);
}

export interface CellSnapshot {
  type: number;
  value: unknown;
  style: Json | undefined;
  note: Json | undefined;
}

export interface SheetSnapshot {
  name: string;
  state: string;
  cells: Record<string, CellSnapshot>;
  merges: string[];
  columns: Json | undefined;
  rows: Json | undefined;
  dataValidations: Json | undefined;
  conditionalFormattings: Json | undefined;
  views: Json | undefined;
  autoFilter: Json | undefined;
  properties: Json | undefined;
  pageSetup: Json | undefined;
}

function cellValueSnapshot(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return { date: v.toISOString() };
  if (v === undefined) return null;
  return JSON.parse(JSON.stringify(v)) as unknown;
}

export function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const cells: Record<string, CellSnapshot> = {};
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const snap: CellSnapshot = {
        type: cell.type,
        value: cellValueSnapshot(cell.value),
        style: canon(cell.style),
        // ExcelJS writes default margins and protection into every note it saves; the text is what counts.
        note: canon(typeof cell.note === "object" ? cell.note.texts : cell.note),
      };
      if (snap.type === ExcelJS.ValueType.Null && snap.style === undefined && snap.note === undefined) return;
      cells[cell.address] = snap;
    });
  });
  const model = ws.model as unknown as {
    merges: string[];
    cols?: unknown;
    dataValidations?: unknown;
    conditionalFormattings?: unknown;
  };
  const rows: Record<string, Json | undefined> = {};
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const r = canon({ height: row.height, hidden: row.hidden, outlineLevel: row.outlineLevel });
    if (r !== undefined) rows[n] = r;
  });
  const pageSetup = { ...ws.pageSetup } as Record<string, unknown>;
  if (typeof pageSetup.cellComments === "string") pageSetup.cellComments = pageSetup.cellComments.toLowerCase();
  return {
    name: ws.name,
    state: ws.state,
    cells,
    merges: [...model.merges].sort(),
    columns: canon(model.cols),
    rows: canon(rows),
    dataValidations: canon(model.dataValidations),
    conditionalFormattings: canon(model.conditionalFormattings),
    views: canon(ws.views),
    autoFilter: canon(ws.autoFilter),
    properties: canon(ws.properties),
    pageSetup: canon(pageSetup),
  };
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/**
 * The workbook's defined names, except the per-sheet filter names (`_xlnm._FilterDatabase`): ExcelJS reads
 * those as one global name, merging every sheet's; the tests check them in the XML.
 */
export function definedNames(wb: ExcelJS.Workbook): Json | undefined {
  return canon(
    [...wb.definedNames.model]
      .filter((n) => n.name !== "_xlnm._FilterDatabase")
      .map((n) => ({ name: n.name, ranges: [...n.ranges].sort() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  );
}
