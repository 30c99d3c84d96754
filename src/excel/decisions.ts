/**
 * 记录组织决定 (docs/method.md §12): one committee decision written to the sheet 组织决定 — the sheet created
 * as 新建模板 makes it when absent (or laid out when it is blank), the leader's earlier row replaced in place,
 * or a row added below everything else. Where the cells go is decided by the pure planDecision
 * (workbook/decisionRow.ts); here they are read and written: one read request, one write request.
 *
 * The pane runs 计算 afterwards, so 考核结果 shows the decided grade; 撤销上次计算 restores 考核结果 as it was
 * before that run and leaves 组织决定 alone (the decision is the user's data, like any cell they type).
 */
/* eslint-disable office-addins/call-sync-before-read --
   Loads are queued in one function and read after Session.sync() (which wraps context.sync() to count round
   trips); these rules follow only a direct context.sync() in the same function. */
import type { Grade } from "../method/types";
import { cellAddress } from "../workbook/address";
import { type DecisionLeader, planDecision } from "../workbook/decisionRow";
import type { Grid } from "../workbook/grid";
import { SHEETS } from "../workbook/input";
import { isBlank } from "../workbook/rows";
import { KaopingExcelError, MESSAGES } from "./errors";
import { NEW_SHEET, newWriteBatch, queueSheetLayout, readBook } from "./gateway";
import { jsonBytes, valueToWrite, wouldBeCoerced } from "./grid";
import { type Session, requestCost } from "./session";
import { decisionsSheet } from "./template";

export const DECISIONS_SHEET: string = SHEETS.decisions;

export interface RecordDecisionOptions {
  leader: DecisionLeader;
  grade: Grade;
  /** 依据, e.g. 2026年1月8日党委会研究决定 ("" for none). */
  basis: string;
}

export type RecordDecisionResult =
  | {
      ok: true;
      sheet: string;
      /** The sheet was created (or laid out, when it was blank) with its header. */
      created: boolean;
      /** The decision's row, as `组织决定!A5`. */
      cell: string;
      /** What the leader's earlier row said, when this replaced it. */
      replaced: { grade: string; basis: string } | null;
      /** A 依据 column was added to the sheet's header. */
      addedBasisColumn: boolean;
      syncs: number;
    }
  | { ok: false; cell: string; message: string; syncs: number };

function blank(grid: Grid | undefined): boolean {
  return !grid || grid.rows.every((row) => row.every((v) => isBlank(v)));
}

export async function recordDecision(s: Session, opts: RecordDecisionOptions): Promise<RecordDecisionResult> {
  let protectedSheet!: () => boolean;
  const read = await readBook(s, [DECISIONS_SHEET], () => {
    const ws = s.context.workbook.worksheets.getItemOrNullObject(DECISIONS_SHEET);
    const protection = ws.protection;
    protection.load("protected");
    protectedSheet = () => !ws.isNullObject && protection.protected === true;
  });
  const info = read.sheets.find((x) => x.name.trim() === DECISIONS_SHEET);
  const name = info ? info.name : DECISIONS_SHEET;
  const grid = read.book.find((g) => g.name === name);
  const fresh = blank(grid);
  if (!info && read.workbookProtected) throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");
  if (info && protectedSheet()) throw new KaopingExcelError(MESSAGES.sheetProtected(name), "AccessDenied");

  const template = decisionsSheet();
  const planned = planDecision(
    fresh ? { name, rows: template.layout.values.map((r) => r.map((v) => (v === null ? null : String(v)))) } : grid!,
    opts.leader,
    { grade: opts.grade, basis: opts.basis },
  );
  if (!planned.ok) return { ...planned, syncs: s.syncs };

  const batch = newWriteBatch(s);
  if (fresh) {
    const existing = info
      ? { exists: true, usedAddress: null, notes: [], autoFilter: false, hidden: info.visibility !== "Visible" }
      : NEW_SHEET;
    await queueSheetLayout(batch, s, { ...template, layout: { ...template.layout, sheet: name } }, existing);
  }
  const ws = s.context.workbook.worksheets.getItem(name);
  for (const c of planned.cells) {
    // The cell (two paths), perhaps its format, its value.
    await batch.add(requestCost({ paths: 2, actions: 2, args: 2 * jsonBytes(c.value) }), () => {
      const cell = ws.getCell(c.row, c.col);
      // Text that Excel would read as a number, a date or a formula is written as text.
      if (wouldBeCoerced(c.value)) cell.numberFormat = [["@"]];
      cell.values = [[valueToWrite(c.value)]];
    });
  }
  // Show the row, unless the user hid the sheet (a hidden sheet cannot be activated).
  if (!info || info.visibility === "Visible")
    await batch.add(requestCost({ paths: 2, actions: 2 }), () => {
      ws.activate();
      ws.getCell(planned.row, 0).select();
    });
  await batch.flush();
  return {
    ok: true,
    sheet: name,
    created: fresh,
    cell: cellAddress(name, planned.row, 0),
    replaced: planned.replaced,
    addedBasisColumn: planned.addedBasisColumn,
    syncs: s.syncs,
  };
}
