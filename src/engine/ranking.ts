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
  const n = keys.length;
  const width = n > 0 ? keys[0].length : 0;
  const flat = flatKeys(keys, width);
  if (flat !== null) return rankFlat(flat, n, width, ties);
  const order = keys.map((_, i) => i).sort((i, j) => compareKeys(keys[i], keys[j]) || i - j);
  return ranksOf(order, (i, j) => compareKeys(keys[i], keys[j]) === 0, ties);
}

/**
 * rank over n key lists of `width` finite numbers each, one after the other in `flat`, a missing key (null) as
 * -Infinity: what rank does with keys that are all finite numbers or null, without the lists.
 */
export function rankFlat(flat: Float64Array, n: number, width: number, ties: TieMode): number[] {
  const same = (i: number, j: number) => {
    for (let k = 0; k < width; k++) if (flat[i * width + k] !== flat[j * width + k]) return false;
    return true;
  };
  return ranksOf(sortFlat(flat, n, width), same, ties);
}

function ranksOf(order: ArrayLike<number>, same: (i: number, j: number) => boolean, ties: TieMode): number[] {
  const n = order.length;
  const ranks = new Array<number>(n);
  let distinct = 0;
  for (let pos = 0; pos < n; pos++) {
    const idx = order[pos];
    const prev = pos > 0 ? order[pos - 1] : -1;
    const tied = prev >= 0 && same(prev, idx);
    if (!tied) distinct++;
    ranks[idx] = tied ? ranks[prev] : ties === "dense" ? distinct : pos + 1;
  }
  return ranks;
}

/**
 * Key lists of one length holding finite numbers or null (as the engine's always are) in one flat array, null as
 * -Infinity, which orders the same as compareKeys: the lowest. Null when the keys are not all such.
 */
function flatKeys(keys: RankKeys[], width: number): Float64Array | null {
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
  return flat;
}

/**
 * The positions 0..n−1 in rank order (keys descending, then position): a bottom-up merge sort, stable, with the
 * comparison inline. 10,000 leaders are 130,000 comparisons, each a function call with Array.prototype.sort.
 */
function sortFlat(flat: Float64Array, n: number, width: number): Int32Array {
  let from = new Int32Array(n);
  let to = new Int32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  for (let size = 1; size < n; size *= 2) {
    for (let lo = 0; lo < n; lo += 2 * size) {
      const mid = lo + size < n ? lo + size : n;
      const hi = lo + 2 * size < n ? lo + 2 * size : n;
      let i = lo;
      let j = mid;
      let out = lo;
      while (i < mid && j < hi) {
        // The right one first only when strictly ahead: the first key that differs is larger.
        const a = from[i] * width;
        const b = from[j] * width;
        let rightFirst = false;
        for (let k = 0; k < width; k++) {
          const x = flat[a + k];
          const y = flat[b + k];
          if (x !== y) {
            rightFirst = y > x;
            break;
          }
        }
        to[out++] = rightFirst ? from[j++] : from[i++];
      }
      while (i < mid) to[out++] = from[i++];
      while (j < hi) to[out++] = from[j++];
    }
    const t = from;
    from = to;
    to = t;
  }
  return from;
}
