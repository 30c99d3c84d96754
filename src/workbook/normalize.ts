/** Text normalization of docs/method.md §1, shared by every comparison of names, units and headers. */

/** Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to half-width, and the minus sign to '-'. */
export function foldWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else if (c === 0x2212) out += "-";
    else out += ch;
  }
  return out;
}

/** Removes every kind of white space, including no-break and zero-width spaces. */
export function removeSpaces(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u2000-\u200a\u202f\u205f\ufeff]+/g, "");
}

/** Names of people and units: trimmed, folded, without spaces. `张 三` and `张三` are the same person. */
export function nameKey(s: string): string {
  return removeSpaces(foldWidth(s));
}

/**
 * Header cells: folded, without spaces, without any unit in parentheses, case-folded.
 * `实现利润（万元）` → `实现利润`.
 */
export function headerKey(s: string): string {
  const folded = removeSpaces(foldWidth(s));
  return folded
    .replace(/\([^()]*\)/g, "")
    .replace(/【[^【】]*】/g, "")
    .replace(/\[[^[\]]*\]/g, "")
    .toLowerCase();
}
