/** Memoized normalization: the same names, units and group words recur on thousands of rows. */

import { nameKey } from "./normalize";

const MAX_ENTRIES = 100_000;
const nameKeys = new Map<string, string>();
const valueKeys = new Map<string, string>();

function memo(cache: Map<string, string>, s: string, f: (s: string) => string): string {
  let k = cache.get(s);
  if (k === undefined) {
    k = f(s);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(s, k);
  }
  return k;
}

/** nameKey(), memoized. */
export function nameKeyOf(s: string): string {
  return memo(nameKeys, s, nameKey);
}

/** Values compared case-insensitively after the name folding (`roe`, `ROE`; `加分`). */
export function valueKey(s: string): string {
  return memo(valueKeys, s, (x) => nameKey(x).toLowerCase());
}
