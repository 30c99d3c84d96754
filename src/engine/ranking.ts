import type { TieMode } from "../method/types";

/** Tie-break keys, all compared descending; null (missing) counts as the lowest. */
export type RankKeys = (number | null)[];

export function compareKeys(a: RankKeys, b: RankKeys): number {
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (x !== y) return y - x;
  }
  return 0;
}

/**
 * Ranks of docs/method.md §5.1 for the given keys (already rounded): equal on every key share a rank;
 * `competition` gives 1,2,2,4 and `dense` (中国式排名) 1,2,2,3. Returns ranks in input order.
 */
export function rank(keys: RankKeys[], ties: TieMode): number[] {
  const compare = flatCompare(keys) ?? ((i: number, j: number) => compareKeys(keys[i], keys[j]));
  const order = keys.map((_, i) => i).sort((i, j) => compare(i, j) || i - j);
  const ranks = new Array<number>(keys.length);
  let distinct = 0;
  order.forEach((idx, pos) => {
    const prev = pos > 0 ? order[pos - 1] : -1;
    const tied = prev >= 0 && compare(prev, idx) === 0;
    if (!tied) distinct++;
    ranks[idx] = tied ? ranks[prev] : ties === "dense" ? distinct : pos + 1;
  });
  return ranks;
}

/**
 * compareKeys over key lists of one length holding finite numbers or null (as the engine's always do), read from
 * one flat array with null as -Infinity, which orders the same: the lowest. Null when the keys are not all such.
 * 10,000 leaders are 130,000 comparisons.
 */
function flatCompare(keys: RankKeys[]): ((i: number, j: number) => number) | null {
  const width = keys.length > 0 ? keys[0].length : 0;
  const flat = new Float64Array(keys.length * width);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k.length !== width) return null;
    for (let j = 0; j < width; j++) {
      const v = k[j];
      if (v === null) flat[i * width + j] = -Infinity;
      else if (Number.isFinite(v)) flat[i * width + j] = v;
      else return null;
    }
  }
  return (i, j) => {
    const a = i * width;
    const b = j * width;
    for (let k = 0; k < width; k++) {
      const x = flat[a + k];
      const y = flat[b + k];
      if (x !== y) return y - x;
    }
    return 0;
  };
}
