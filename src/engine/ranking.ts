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
  const order = keys.map((_, i) => i).sort((i, j) => compareKeys(keys[i], keys[j]) || i - j);
  const ranks = new Array<number>(keys.length);
  let distinct = 0;
  order.forEach((idx, pos) => {
    const prev = pos > 0 ? order[pos - 1] : -1;
    const tied = prev >= 0 && compareKeys(keys[prev], keys[idx]) === 0;
    if (!tied) distinct++;
    ranks[idx] = tied ? ranks[prev] : ties === "dense" ? distinct : pos + 1;
  });
  return ranks;
}
