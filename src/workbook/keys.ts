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

/**
 * Whether nameKey leaves the text as it is: printable ASCII but the space, and the common CJK ideographs (nearly
 * every name, unit and word), which no step of the fold changes. One pass over a few characters costs less than
 * looking the text up among 100,000 (every vote row asks twice). `upper` also refuses A–Z, for valueKey.
 */
function isKeyAlready(s: string, upper: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 ? c > 0x9fff : c <= 0x20 || c >= 0x7f || (upper && c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/** nameKey(), memoized. */
export function nameKeyOf(s: string): string {
  return isKeyAlready(s, false) ? s : memo(nameKeys, s, nameKey);
}

/** Values compared case-insensitively after the name folding (`roe`, `ROE`; `加分`). */
export function valueKey(s: string): string {
  return isKeyAlready(s, true) ? s : memo(valueKeys, s, (x) => nameKey(x).toLowerCase());
}
