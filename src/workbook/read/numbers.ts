/** Numeric cells of the unit sheets, and the 单位 cell that names a unit row. */

import { cellAddress } from "../address";
import { parseNumber } from "../cells";
import { cellAt, type Grid } from "../grid";
import { MAX_AMOUNT, MIN_AMOUNT } from "../limits";
import type { Measured } from "../input";
import { Diagnostics } from "../table";

/** A number read from a cell, and whether it was unreadable (already reported as an error). */
export type ReadMeasured = Measured & { invalid: boolean };

/**
 * Reads the numeric cell in column `col` (-1: the column is absent); an unparseable value is an error and reads as
 * missing. By column number: every unit row reads ten of these.
 */
export function readNumber(grid: Grid, r: number, col: number, label: string, diag: Diagnostics): ReadMeasured {
  if (col < 0) return { value: null, cell: "", invalid: false };
  const cell = cellAddress(grid.name, r, col);
  const p = parseNumber(cellAt(grid, r, col));
  if (p.kind === "number") {
    const size = Math.abs(p.value);
    if (size <= MAX_AMOUNT && (size === 0 || size >= MIN_AMOUNT)) return { value: p.value, cell, invalid: false };
    diag.error(
      cell,
      "outOfRange",
      size > MAX_AMOUNT
        ? `${label}${p.value}超出合理范围（绝对值不超过 10¹⁵），请检查数值和单位`
        : `${label}${p.value}过于接近 0（不为 0 时绝对值不小于 10⁻⁹），请检查数值和单位`,
    );
    return { value: null, cell, invalid: true };
  }
  if (p.kind === "invalid") {
    diag.error(cell, "invalidNumber", `${label}「${p.text}」不是有效的数字`);
    return { value: null, cell, invalid: true };
  }
  return { value: null, cell, invalid: false };
}
