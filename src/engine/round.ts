/**
 * Rounding half away from zero, as Excel's ROUND does. Excel rounds the decimal number it displays, so
 * 1.005 → 1.01 even though the binary double is 1.00499999999999989…: the scaled value is first cut to
 * 15 significant digits (Excel's precision) before rounding.
 */
export function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const p = 10 ** digits;
  const scaled = Number((Math.abs(x) * p).toPrecision(15));
  const r = Math.floor(scaled + 0.5) / p;
  return x < 0 && r !== 0 ? -r : r;
}

/** Scores: 2 decimals. */
export const roundScore = (x: number | null): number | null => (x === null ? null : roundHalfAway(x, 2));
/** Rates: 4 decimals. */
export const roundRate = (x: number | null): number | null => (x === null ? null : roundHalfAway(x, 4));
