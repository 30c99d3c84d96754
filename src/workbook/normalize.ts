/** Text normalization of docs/method.md §1, shared by every comparison of names, units and headers. */

/** Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to half-width, and the minus sign to '-'. */
export function foldWidth(s: string): string {
  if (!needsFolding(s)) return s;
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

/** Whether foldWidth changes anything (most text holds no full-width ASCII): one pass, no copy. */
function needsFolding(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000 || c === 0x2212) return true;
  }
  return false;
}

/** The white space removeSpaces removes: JavaScript's \s, and the no-break and zero-width spaces. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether the text is nothing but white space (removeSpaces(s) === ""), without building a string. */
export function isAllSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

const SPACES = /[\s\u00a0\u200b\u2000-\u200a\u202f\u205f\ufeff]+/g;

/** Removes every kind of white space, including no-break and zero-width spaces. */
export function removeSpaces(s: string): string {
  for (let i = 0; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return s.replace(SPACES, "");
  return s;
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
