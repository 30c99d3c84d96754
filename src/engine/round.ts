/**
 * Rounding half away from zero, as Excel's ROUND does. Excel rounds the decimal number it displays, so
 * 1.005 → 1.01 even though the binary double is 1.00499999999999989…: the scaled value is first cut to
 * 15 significant digits (Excel's precision) before rounding.
 */
export function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  // 10 ** digits is a call to pow: the two precisions used are constants.
  const p = digits === 2 ? 100 : digits === 4 ? 10000 : 10 ** digits;
  const exact = Math.abs(x) * p;
  // Cutting to 15 digits moves the value by less than 1e-14 of it: that can only change the result when the
  // value lies that close to a half. Elsewhere the cut (a string round trip, the costly part) is skipped.
  const half = exact - Math.floor(exact) - 0.5;
  const scaled = Math.abs(half) > exact * 2e-14 + 1e-300 ? exact : Number(exact.toPrecision(15));
  const r = Math.floor(scaled + 0.5) / p;
  return x < 0 && r !== 0 ? -r : r;
}

/** Scores: 2 decimals. */
export const roundScore = (x: number | null): number | null => (x === null ? null : roundHalfAway(x, 2));
/** Rates: 4 decimals. */
export const roundRate = (x: number | null): number | null => (x === null ? null : roundHalfAway(x, 4));
