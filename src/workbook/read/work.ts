/** 工作评价 (docs/method.md §1, §2.2): key tasks, party building, safety and the veto per unit. */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import { cellAt, type Grid } from "../grid";
import type { Measured, UnitWork } from "../input";
import { columnSpec } from "../headers";
import { valueKey } from "../keys";
import { Diagnostics, openTable, rowCell } from "../table";
import { unitOfRow, type UnitRows } from "./economic";
import { SheetNumber } from "./numbers";

/** In the order of UnitWork's keyTasks, partyBuilding, safety. */
const WORK_FIELDS = ["重点工作", "党的建设", "安全稳定"] as const;

function readWorkScore(
  grid: Grid,
  r: number,
  col: number,
  key: string,
  ratings: Map<string, number>,
  ratingWords: string,
  diag: Diagnostics,
): Measured {
  if (col < 0) return { value: null, cell: "" };
  const v = cellAt(grid, r, col);
  // A number cell is its own value (parseNumber's too): kept as the Grid holds it, not copied into a new box.
  if (typeof v === "number" && Number.isFinite(v)) return scoreInRange(v, grid, r, col, key, diag);
  if (typeof v === "string") {
    const rated = ratings.get(valueKey(v));
    if (rated !== undefined) return new SheetNumber(rated, grid.name, r, col);
  }
  const p = parseNumber(v);
  if (p.kind === "missing") {
    diag.warning(cellAddress(grid.name, r, col), "missing", `${key}为空，按缺失处理（按其余部分折算）`);
    return new SheetNumber(null, grid.name, r, col);
  }
  if (p.kind === "invalid") {
    diag.error(
      cellAddress(grid.name, r, col),
      "invalidValue",
      `${key}「${p.text}」无法识别：应为0～100的数字或评价等次（${ratingWords}）`,
    );
    return new SheetNumber(null, grid.name, r, col);
  }
  return scoreInRange(p.value, grid, r, col, key, diag);
}

function scoreInRange(value: number, grid: Grid, r: number, col: number, key: string, diag: Diagnostics): Measured {
  if (value < 0 || value > 100) {
    diag.error(cellAddress(grid.name, r, col), "outOfRange", `${key}得分${value}超出0～100的范围`);
    return new SheetNumber(null, grid.name, r, col);
  }
  return new SheetNumber(value, grid.name, r, col);
}

const NO_VETO_WORDS = new Set(["否", "没有", "无否决事项", "不涉及", "未发生", "0"]);

export function readWork(grid: Grid, method: Method, diag: Diagnostics): UnitRows<UnitWork> {
  const specs = [
    columnSpec("单位", true),
    ...WORK_FIELDS.map((key) => columnSpec(key, false)),
    columnSpec("否决事项", false),
  ];
  const table = openTable(grid, specs, diag);
  if (!table) return { units: [], unitCell: () => "", unitKeys: new Map(), map: null };
  for (const key of WORK_FIELDS) {
    if (!table.has(key)) {
      diag.warning(table.headerCell(), "missingColumn", `缺少「${key}」列，各单位该项按缺失处理`);
    }
  }
  const ratings = new Map(Object.entries(method.ratings).map(([w, v]) => [valueKey(w), v]));
  const ratingWords = Object.keys(method.ratings).join("、");
  const unitCol = table.map.columns["单位"];
  const [keyTasksCol, partyBuildingCol, safetyCol] = WORK_FIELDS.map((key) => table.map.columns[key] ?? -1);
  const unitRows: number[] = [];
  const unitCell = (i: number) => cellAddress(grid.name, unitRows[i], unitCol);
  const seen = new Map<string, number>();
  const out: UnitRows<UnitWork> = { units: [], unitCell, unitKeys: seen, map: table.map };
  // Indexed: a for-of loop makes an iterator result per row until the code is optimized.
  const dataRowList = table.map.dataRows;
  for (let j = 0; j < dataRowList.length; j++) {
    const r = dataRowList[j];
    const id = unitOfRow(grid, r, unitCol, seen, diag);
    const keyTasks = readWorkScore(grid, r, keyTasksCol, WORK_FIELDS[0], ratings, ratingWords, diag);
    const partyBuilding = readWorkScore(grid, r, partyBuildingCol, WORK_FIELDS[1], ratings, ratingWords, diag);
    const safety = readWorkScore(grid, r, safetyCol, WORK_FIELDS[2], ratings, ratingWords, diag);
    const vetoValue = table.value(r, "否决事项");
    const veto = isMissingMarker(vetoValue)
      ? null
      : { reason: cellText(vetoValue).trim(), cell: table.cell(r, "否决事项") };
    // docs/method.md §1: any text but a missing marker is a veto. People do write 否 for "none", so say so.
    if (veto && NO_VETO_WORDS.has(valueKey(veto.reason))) {
      diag.warning(veto.cell, "vetoWord", `「${veto.reason}」按否决事项处理；若没有否决事项，请留空或填写“无”`);
    }
    if (!id) continue;
    out.units.push({
      unit: id.unit,
      unitKey: id.unitKey,
      cell: rowCell(grid, r),
      keyTasks,
      partyBuilding,
      safety,
      veto,
    });
    unitRows.push(r);
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "工作评价表没有数据行");
  return out;
}
