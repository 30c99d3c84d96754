/** Numeric cells of the unit sheets, and the 单位 cell that names a unit row. */

import { cellAddress } from "../address";
import { parseNumber } from "../cells";
import { cellAt, type Grid } from "../grid";
import { MAX_AMOUNT, MIN_AMOUNT } from "../limits";
import type { Measured } from "../input";
import { Diagnostics } from "../table";

/**
 * Reads the numeric cell in column `col` (-1: the column is absent); an unparseable value is an error and reads as
 * missing: the one case that adds to `diag.errors`, which is how a caller tells it from an empty cell. By column
 * number: every unit row reads ten of these, and each is kept in the input as it is returned.
 */
export function readNumber(grid: Grid, r: number, col: number, label: string, diag: Diagnostics): Measured {
  if (col < 0) return { value: null, cell: "" };
  const cell = cellAddress(grid.name, r, col);
  const v = cellAt(grid, r, col);
  // A number cell is its own value (parseNumber's too): kept as the Grid holds it, not copied into a new box, which
  // the input would keep.
  if (typeof v === "number" && Number.isFinite(v)) return inRange(v, cell, label, diag);
  const p = parseNumber(v);
  if (p.kind === "number") return inRange(p.value, cell, label, diag);
  if (p.kind === "invalid") diag.error(cell, "invalidNumber", `${label}「${p.text}」不是有效的数字`);
  return { value: null, cell };
}

function inRange(value: number, cell: string, label: string, diag: Diagnostics): Measured {
  const size = Math.abs(value);
  if (size <= MAX_AMOUNT && (size === 0 || size >= MIN_AMOUNT)) return { value, cell };
  diag.error(
    cell,
    "outOfRange",
    size > MAX_AMOUNT
      ? `${label}${value}超出合理范围（绝对值不超过 10¹⁵），请检查数值和单位`
      : `${label}${value}过于接近 0（不为 0 时绝对值不小于 10⁻⁹），请检查数值和单位`,
  );
  return { value: null, cell };
}
