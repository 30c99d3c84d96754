/** Numeric cells of the unit sheets, and the 单位 cell that names a unit row. */

import { cellAddress } from "../address";
import { parseNumber } from "../cells";
import { cellAt, type Grid } from "../grid";
import { MAX_AMOUNT, MIN_AMOUNT } from "../limits";
import type { Measured } from "../input";
import { Diagnostics } from "../table";

/**
 * A number read from a unit sheet's cell, whose address is made each time it is read (and for JSON). Every unit
 * row keeps ten to thirteen of these (65,000 at 10,000 leaders): with an address string each, they were a third of
 * what the reader kept, and the young generation's collector copies each object the reader keeps once or twice.
 */
export class SheetNumber implements Measured {
  constructor(
    readonly value: number | null,
    private readonly sheet: string,
    private readonly row: number,
    private readonly col: number,
  ) {}

  get cell(): string {
    return cellAddress(this.sheet, this.row, this.col);
  }

  toJSON(): Measured {
    return { value: this.value, cell: this.cell };
  }
}

/**
 * Reads the numeric cell in column `col` (-1: the column is absent); an unparseable value is an error and reads as
 * missing: the one case that adds to `diag.errors`, which is how a caller tells it from an empty cell. By column
 * number: every unit row reads ten of these, and each is kept in the input as it is returned.
 */
export function readNumber(grid: Grid, r: number, col: number, label: string, diag: Diagnostics): Measured {
  if (col < 0) return { value: null, cell: "" };
  const v = cellAt(grid, r, col);
  // A number cell is its own value (parseNumber's too): kept as the Grid holds it, not copied into a new box, which
  // the input would keep.
  if (typeof v === "number" && Number.isFinite(v)) return inRange(v, grid, r, col, label, diag);
  const p = parseNumber(v);
  if (p.kind === "number") return inRange(p.value, grid, r, col, label, diag);
  if (p.kind === "invalid")
    diag.error(cellAddress(grid.name, r, col), "invalidNumber", `${label}「${p.text}」不是有效的数字`);
  return new SheetNumber(null, grid.name, r, col);
}

function inRange(value: number, grid: Grid, r: number, col: number, label: string, diag: Diagnostics): Measured {
  const size = Math.abs(value);
  if (size <= MAX_AMOUNT && (size === 0 || size >= MIN_AMOUNT)) return new SheetNumber(value, grid.name, r, col);
  diag.error(
    cellAddress(grid.name, r, col),
    "outOfRange",
    size > MAX_AMOUNT
      ? `${label}${value}超出合理范围（绝对值不超过 10¹⁵），请检查数值和单位`
      : `${label}${value}过于接近 0（不为 0 时绝对值不小于 10⁻⁹），请检查数值和单位`,
  );
  return new SheetNumber(null, grid.name, r, col);
}
