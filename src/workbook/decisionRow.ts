/**
 * 记录组织决定 (docs/method.md §12): where one committee decision goes on the sheet 组织决定, as cells to write.
 * Pure: the add-in reads the sheet, asks here, and writes exactly the cells returned — the leader's earlier
 * row is replaced in place (its 等次 and 依据 cells), or a new row is added below everything on the sheet;
 * no other row is touched. Rows are matched to the leader as the reader matches them: by 工号 where both
 * the row and the leader have one, else by 姓名 and 单位 after the §1 normalization.
 */
import type { Grade } from "../method/types";
import { cellAddress } from "./address";
import { cellText, isMissingMarker } from "./cells";
import type { Grid } from "./grid";
import { cellAt } from "./grid";
import { columnSpec, findHeader } from "./headers";
import { SHEETS } from "./input";
import { nameKeyOf as nameKey } from "./keys";
import { dataRows, isBlank } from "./rows";

/** The header of a new 组织决定 sheet (the template's). */
export const DECISION_HEADERS: readonly string[] = ["姓名", "单位", "等次", "依据"];

export interface DecisionLeader {
  name: string;
  unit: string;
  employeeId: string | null;
}

export interface DecisionCell {
  /** 0-based. */
  row: number;
  col: number;
  value: string;
}

export type DecisionPlan =
  | {
      ok: true;
      /** The cells to write, in row then column order. */
      cells: DecisionCell[];
      /** The decision's row, 0-based. */
      row: number;
      /** What the leader's earlier row said, when this replaces it. */
      replaced: { grade: string; basis: string } | null;
      /** A 依据 column was added to the header (the sheet had none). */
      addedBasisColumn: boolean;
    }
  | { ok: false; cell: string; message: string };

const SPECS = [
  columnSpec("姓名", true),
  columnSpec("单位", true),
  columnSpec("等次", true),
  columnSpec("依据", false),
  columnSpec("工号", false),
];

function lastFilledRow(grid: Grid): number {
  for (let r = grid.rows.length - 1; r >= 0; r--) if ((grid.rows[r] ?? []).some((v) => !isBlank(v))) return r;
  return -1;
}

function lastFilledColumn(grid: Grid, row: number): number {
  const cells = grid.rows[row] ?? [];
  for (let c = cells.length - 1; c >= 0; c--) if (!isBlank(cells[c])) return c;
  return -1;
}

/**
 * The cells that record `decision` for `leader` on `grid` (the sheet 组织决定 as it is; a grid of the template's
 * header when the sheet is new). Refuses, with the cell, a sheet whose header cannot be found.
 */
export function planDecision(
  grid: Grid,
  leader: DecisionLeader,
  decision: { grade: Grade; basis: string },
): DecisionPlan {
  const sheet = grid.name || SHEETS.decisions;
  const found = findHeader(grid, SPECS);
  if (!found.found) {
    const missing = found.missing.join("、");
    return {
      ok: false,
      cell: cellAddress(sheet, found.row ?? 0, 0),
      message: `找不到表头（缺少${missing}），没有写入。请补上表头“姓名、单位、等次、依据”，或删除这张工作表后再记录`,
    };
  }
  const { headerRow, headerEndRow, columns } = found.header;
  const col = (key: string) => columns.get(key);
  const nameCol = col("姓名")!;
  const unitCol = col("单位")!;
  const gradeCol = col("等次")!;
  const idCol = col("工号");
  let basisCol = col("依据");
  const basis = decision.basis.trim();
  const cells: DecisionCell[] = [];
  let addedBasisColumn = false;
  if (basisCol === undefined && basis !== "") {
    // A sheet kept without 依据: the column is added after the last header cell.
    basisCol = Math.max(lastFilledColumn(grid, headerRow), lastFilledColumn(grid, headerEndRow)) + 1;
    cells.push({ row: headerRow, col: basisCol, value: "依据" });
    addedBasisColumn = true;
  }

  const idKey = leader.employeeId === null ? null : leader.employeeId.trim();
  const nameK = nameKey(leader.name);
  const unitK = nameKey(leader.unit);
  const used = [...columns.values()];
  const matches = (r: number): boolean => {
    if (idKey !== null && idCol !== undefined) {
      const v = cellAt(grid, r, idCol);
      if (!isMissingMarker(v)) return cellText(v).trim() === idKey;
    }
    return (
      nameKey(cellText(cellAt(grid, r, nameCol))) === nameK && nameKey(cellText(cellAt(grid, r, unitCol))) === unitK
    );
  };
  const earlier = dataRows(grid, headerEndRow, used).find(matches);

  if (earlier !== undefined) {
    cells.push({ row: earlier, col: gradeCol, value: decision.grade });
    if (basisCol !== undefined) cells.push({ row: earlier, col: basisCol, value: basis });
    return {
      ok: true,
      cells: sortCells(cells),
      row: earlier,
      replaced: {
        grade: cellText(cellAt(grid, earlier, gradeCol)).trim(),
        basis: col("依据") === undefined ? "" : cellText(cellAt(grid, earlier, basisCol!)).trim(),
      },
      addedBasisColumn,
    };
  }

  const row = Math.max(lastFilledRow(grid), headerEndRow) + 1;
  cells.push({ row, col: nameCol, value: leader.name }, { row, col: unitCol, value: leader.unit });
  if (idCol !== undefined && idKey !== null) cells.push({ row, col: idCol, value: idKey });
  cells.push({ row, col: gradeCol, value: decision.grade });
  if (basisCol !== undefined && basis !== "") cells.push({ row, col: basisCol, value: basis });
  return { ok: true, cells: sortCells(cells), row, replaced: null, addedBasisColumn };
}

function sortCells(cells: DecisionCell[]): DecisionCell[] {
  return cells.slice().sort((a, b) => a.row - b.row || a.col - b.col);
}
