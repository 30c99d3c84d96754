/**
 * Browser entry of the end-to-end test, bundled by esbuild (iife) and served in place of office.js: it
 * installs the fake Excel (test/excel/fake/browser.ts) and gives the test a few hooks on
 * `globalThis.__kaopingE2E`, called from page.evaluate — the way a person would type data into the sheets
 * the template created, change a cell, or look at what is selected.
 *
 * Options travel as JSON; dates in a GridBook are `{ "$date": "YYYY-MM-DD" }`.
 */
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { cellA1, parseRef } from "../excel/fake/address";
import { type FakeOfficeOptions, installFakeOffice } from "../excel/fake/browser";
import type { FakeExcel } from "../excel/fake/excel";
import { gridValue, setCellValue, sheetToGrid } from "../excel/fake/fixtures";

export type JsonCell = CellValue | { $date: string };

export interface E2EOptions extends Omit<FakeOfficeOptions, "book"> {
  book?: { name: string; rows: JsonCell[][] }[];
}

function revive(v: JsonCell): CellValue {
  if (v !== null && typeof v === "object" && "$date" in v) return new Date(`${v.$date}T00:00:00Z`);
  return v as CellValue;
}

function reviveBook(book: E2EOptions["book"]): GridBook | undefined {
  return book ? book.map((g) => ({ name: g.name, rows: g.rows.map((r) => r.map(revive)) })) : undefined;
}

let fake: FakeExcel | null = null;

function sheetOf(name: string) {
  if (!fake) throw new Error("the fake Excel is not installed");
  const s = fake.state.sheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function text(v: CellValue): string {
  return v === null ? "" : String(v);
}

/**
 * The columns of a template sheet by header: one header row, or two where the second row holds 目标/完成
 * under indicator names merged over two columns (`实现利润/目标`, `实现利润/完成`).
 */
function columnsOf(name: string): { keys: Record<string, number>; firstDataRow: number } {
  const grid = sheetToGrid(sheetOf(name));
  const top = grid.rows[0] ?? [];
  const sub = grid.rows[1] ?? [];
  const twoRows = name === "经营业绩" && sub.some((v) => v === "目标" || v === "完成");
  const keys: Record<string, number> = {};
  let group = "";
  const width = Math.max(top.length, twoRows ? sub.length : 0);
  for (let c = 0; c < width; c++) {
    const t = text(top[c] ?? null);
    if (t !== "") group = t;
    const s = twoRows ? text(sub[c] ?? null) : "";
    keys[s ? `${group}/${s}` : t] = c;
  }
  return { keys, firstDataRow: twoRows ? 2 : 1 };
}

const hooks = {
  install(opts: E2EOptions = {}): void {
    fake = installFakeOffice({ ...opts, book: reviveBook(opts.book) });
  },
  /** Appends rows under the headers of a sheet (keys are header texts). Returns the rows written. */
  fill(name: string, records: Record<string, JsonCell>[]): number {
    const sheet = sheetOf(name);
    const { keys, firstDataRow } = columnsOf(name);
    const used = sheetToGrid(sheet).rows.length;
    let row = Math.max(firstDataRow, used);
    for (const rec of records) {
      for (const k of Object.keys(rec)) {
        const col = keys[k];
        if (col === undefined) throw new Error(`${name} has no column ${k} (has ${Object.keys(keys).join(", ")})`);
        setCellValue(sheet, row, col, revive(rec[k]));
      }
      row++;
    }
    return records.length;
  },
  /** `工作表!C4` = value, as if typed. */
  setCell(address: string, value: JsonCell): void {
    const ref = parseRef(address);
    if (!ref || !ref.sheet) throw new Error(`bad address ${address}`);
    setCellValue(sheetOf(ref.sheet), ref.rect.top, ref.rect.left, revive(value));
  },
  cell(address: string): CellValue {
    const ref = parseRef(address);
    if (!ref || !ref.sheet) throw new Error(`bad address ${address}`);
    return gridValue(sheetOf(ref.sheet).get(ref.rect.top, ref.rect.left));
  },
  /** The address of the first column of `header` on a sheet's header row, e.g. 经营业绩 实现利润/完成 → C. */
  column(name: string, header: string): number {
    const col = columnsOf(name).keys[header];
    if (col === undefined) throw new Error(`${name} has no column ${header}`);
    return col;
  },
  /** The address of the first cell of a sheet whose text is `text` (row by row), or null. */
  find(name: string, text: string): string | null {
    const rows = sheetToGrid(sheetOf(name)).rows;
    for (let r = 0; r < rows.length; r++)
      for (let c = 0; c < rows[r].length; c++) if (rows[r][c] === text) return `${name}!${cellA1(r, c)}`;
    return null;
  },
  /** Every formula of a sheet by "row,col" (0-based), or null when there is no such sheet. */
  formulas(name: string): Record<string, string> | null {
    const s = fake ? fake.state.sheet(name) : undefined;
    if (!s) return null;
    const out: Record<string, string> = {};
    for (const [k, c] of s.cells) if (c.formula !== null) out[`${Math.floor(k / 16384)},${k % 16384}`] = c.formula;
    return out;
  },
  sheetNames(): string[] {
    return fake ? fake.state.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name) : [];
  },
  /** The selected cell as `工作表!A1` (the top-left of the selection), or null. */
  selection(): string | null {
    if (!fake || !fake.state.selection) return null;
    const sel = fake.state.selection;
    const sheet = fake.state.sheets.find((s) => s.id === sel.sheetId);
    return sheet ? `${sheet.name}!${cellA1(sel.rect.top, sel.rect.left)}` : null;
  },
  activeSheet(): string | null {
    const a = fake ? fake.state.active() : undefined;
    return a ? a.name : null;
  },
  /** Selects a cell as a user clicking it would. */
  select(address: string): void {
    if (!fake) return;
    const ref = parseRef(address);
    if (!ref || !ref.sheet) throw new Error(`bad address ${address}`);
    const sheet = sheetOf(ref.sheet);
    fake.state.activeSheetId = sheet.id;
    fake.state.selection = { sheetId: sheet.id, rect: ref.rect };
  },
  syncs(): number {
    return fake ? fake.stats.syncs : 0;
  },
};

export type E2EHooks = typeof hooks;

(globalThis as unknown as { __kaopingE2E: E2EHooks }).__kaopingE2E = hooks;
