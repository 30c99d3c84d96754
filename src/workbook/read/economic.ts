/** 经营业绩 (docs/method.md §1, §2.1): targets and actuals per unit and indicator. */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { cellText } from "../cells";
import { cellAt, type Grid } from "../grid";
import type { IndicatorValues, Measured, SheetMap, UnitEconomics } from "../input";
import { economicKey, findEconomicHeader, HEADER_SEARCH_ROWS } from "../headers";
import { nameKeyOf as nameKey } from "../keys";
import { dataRows, isBlank } from "../rows";
import { Diagnostics, reportDuplicateColumns, rowCell, rowNumber } from "../table";
import { readNumber } from "./numbers";

/** Ratio |A/T| beyond which target and actual are probably in different units (万元/元, % / ratio). */
const SUSPICIOUS_RATIO = 10;

export interface UnitRows<T> {
  units: T[];
  /** 单位 cell of the i-th unit: built only when a diagnostic names it (most runs name none). */
  unitCell: (i: number) => string;
  /** The units' keys (each unit's row): what the duplicate check collected, and the coverage check asks. */
  unitKeys: ReadonlyMap<string, number>;
  map: SheetMap | null;
}

/** Checks a unit row's 单位 cell: blank → error; repeated → error at the row's first cell. */
export function unitOfRow(
  grid: Grid,
  r: number,
  unitCol: number,
  seen: Map<string, number>,
  diag: Diagnostics,
): { unit: string; unitKey: string } | null {
  const unit = cellText(cellAt(grid, r, unitCol)).trim();
  if (isBlank(unit)) {
    diag.error(cellAddress(grid.name, r, unitCol), "blankUnit", "单位为空");
    return null;
  }
  const uk = nameKey(unit);
  const earlier = seen.get(uk);
  if (earlier !== undefined) {
    diag.error(rowCell(grid, r), "duplicate", `单位「${unit}」与第${rowNumber(earlier)}行重复`);
    return null;
  }
  seen.set(uk, r);
  return { unit, unitKey: uk };
}

export function readEconomics(grid: Grid, method: Method, diag: Diagnostics): UnitRows<UnitEconomics> {
  const indicators = method.economic.indicators;
  const search = findEconomicHeader(grid, indicators);
  if (!search.found) {
    diag.error(
      cellAddress(grid.name, 0, 0),
      "missingColumn",
      `前${HEADER_SEARCH_ROWS}行中找不到表头：缺少必需的列「单位」`,
    );
    return { units: [], unitCell: () => "", unitKeys: new Map(), map: null };
  }
  const h = search.header;
  reportDuplicateColumns(grid, h.duplicates, diag);
  const headerCell = rowCell(grid, h.headerRow);
  const columns: Record<string, number> = { 单位: h.unitCol };
  for (const ind of indicators) {
    const found = h.indicators.get(ind.name);
    if (!found) {
      diag.warning(
        headerCell,
        "missingIndicator",
        `找不到指标「${ind.name}」的目标值和完成值列，各单位该指标按缺失处理`,
      );
      continue;
    }
    if (found.target) columns[economicKey(ind.name, "target")] = found.target.col;
    if (found.actual) columns[economicKey(ind.name, "actual")] = found.actual.col;
    const lone = found.target ?? found.actual;
    if (lone && (!found.target || !found.actual)) {
      const [has, lacks] = found.target ? ["目标值", "完成值"] : ["完成值", "目标值"];
      diag.error(
        cellAddress(grid.name, lone.row, lone.col),
        "missingColumn",
        `指标「${ind.name}」有${has}列，但找不到${lacks}列`,
      );
    }
  }
  const map: SheetMap = {
    sheet: grid.name,
    headerRow: h.headerRow,
    headerEndRow: h.headerEndRow,
    columns,
    dataRows: dataRows(grid, h.headerEndRow, Object.values(columns)),
  };
  const unitRows: number[] = [];
  const unitCell = (i: number) => cellAddress(grid.name, unitRows[i], h.unitCol);
  const seen = new Map<string, number>();
  const out: UnitRows<UnitEconomics> = { units: [], unitCell, unitKeys: seen, map };
  const fields = indicators.map((ind) => ({
    ind,
    tCol: columns[economicKey(ind.name, "target")] ?? -1,
    aCol: columns[economicKey(ind.name, "actual")] ?? -1,
    tLabel: `${ind.name}目标值`,
    aLabel: `${ind.name}完成值`,
  }));
  // Indexed loops: a for-of loop makes an iterator result per step until the code is optimized.
  const dataRowList = map.dataRows;
  for (let j = 0; j < dataRowList.length; j++) {
    const r = dataRowList[j];
    const id = unitOfRow(grid, r, h.unitCol, seen, diag);
    const values: Record<string, IndicatorValues> = {};
    for (let f = 0; f < fields.length; f++) {
      const { ind, tCol, aCol, tLabel, aLabel } = fields[f];
      // readNumber reports an unreadable value as an error, and nothing else: what it added tells them apart.
      const errors = diag.errors.length;
      const target = readNumber(grid, r, tCol, tLabel, diag);
      const targetInvalid = diag.errors.length !== errors;
      const actual = readNumber(grid, r, aCol, aLabel, diag);
      const actualInvalid = diag.errors.length !== errors + (targetInvalid ? 1 : 0);
      values[ind.name] = { target, actual };
      checkIndicator(ind.name, ind.direction, target, targetInvalid, actual, actualInvalid, diag);
    }
    if (!id) continue;
    out.units.push({
      unit: id.unit,
      unitKey: id.unitKey,
      cell: rowCell(grid, r),
      indicators: values,
    });
    unitRows.push(r);
  }
  if (map.dataRows.length === 0) diag.warning(headerCell, "noData", "经营业绩表没有数据行");
  return out;
}

function checkIndicator(
  name: string,
  direction: "higher" | "lower",
  target: Measured,
  targetInvalid: boolean,
  actual: Measured,
  actualInvalid: boolean,
  diag: Diagnostics,
): void {
  // An absent column is reported once at the header; an unreadable value has its error already.
  const tMissing = target.value === null && target.cell !== "" && !targetInvalid;
  const aMissing = actual.value === null && actual.cell !== "" && !actualInvalid;
  if (tMissing && aMissing) {
    diag.warning(target.cell, "missing", `${name}目标值和完成值均缺失，该指标不计分，按其余指标折算`);
  } else if (tMissing) {
    diag.warning(target.cell, "missing", `${name}目标值缺失，该指标不计分，按其余指标折算`);
  } else if (aMissing) {
    diag.warning(actual.cell, "missing", `${name}完成值缺失，该指标不计分，按其余指标折算`);
  }
  const T = target.value;
  const A = actual.value;
  if (T === null) return;
  if (T === 0) {
    diag.warning(target.cell, "targetZero", `${name}目标值为0，该指标无法计分，按其余指标折算`);
    return;
  }
  if (direction === "lower" && T < 0) {
    diag.error(target.cell, "lowerNegativeTarget", `逆向指标「${name}」的目标值不能为负数（${T}）`);
  }
  if (A === null || A === 0) return;
  const ratio = Math.abs(A / T);
  if (ratio > SUSPICIOUS_RATIO || ratio < 1 / SUSPICIOUS_RATIO) {
    diag.warning(
      actual.cell,
      "ratioSuspicious",
      `${name}完成值与目标值相差十倍以上（完成${A}，目标${T}），请检查是否混用了万元与元，或百分数与小数`,
    );
  }
}
