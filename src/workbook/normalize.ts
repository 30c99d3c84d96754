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

/**
 * The white space removeSpaces removes: JavaScript's \s, the no-break spaces, and the characters that show nothing
 * but would make two names differ (issue 12): zero-width spaces and joiners (U+200B–U+200D, U+2060–U+2064), the soft
 * hyphen U+00AD, the byte-order mark U+FEFF, the Mongolian vowel separator U+180E, and the bidirectional marks and
 * controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  // Past U+3000 only the BOM: CJK text, most of what is asked, is answered in one comparison.
  if (c > 0x3000) return c === 0xfeff;
  return (
    c === 0xa0 ||
    c === 0xad ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x202a && c <= 0x202f) ||
    (c >= 0x205f && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x3000
  );
}

/** Whether the text is nothing but white space (removeSpaces(s) === ""), without building a string. */
export function isAllSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

const SPACES = /[\s\u00a0\u00ad\u180e\u2000-\u200f\u202a-\u202f\u205f-\u2064\u2066-\u2069\ufeff]+/g;

/** Removes every kind of white space, including no-break and zero-width spaces. */
export function removeSpaces(s: string): string {
  for (let i = 0; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return s.replace(SPACES, "");
  return s;
}

/**
 * Internet Explorer 11 (the add-in's webview on volume-licensed Excel 2019) has no String.prototype.normalize
 * and core-js brings none: there the fold is skipped, and look-alike names differing only in their compatibility
 * forms are not caught (invisible characters still are). Everywhere else it runs.
 */
const HAS_NORMALIZE = typeof "".normalize === "function";

/**
 * Unicode compatibility forms folded (NFKC): `ｶ` and `カ`, a composed `é` and `e` + U+0301, `①` and `1`, the
 * compatibility ideographs and their unified twins. Plain ASCII and the common CJK ideographs, nearly every
 * name, are already in that form and skip the (costlier) normalization.
 */
export function compatibilityFold(s: string): string {
  if (!HAS_NORMALIZE) return s;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 && !(c >= 0x4e00 && c <= 0x9fff)) return s["normalize"]("NFKC");
  }
  return s;
}

/**
 * Names of people and units: folded (NFKC, full-width), without spaces or invisible characters. `张 三`, `张\u200b三`
 * and `张三` are the same person. The text shown stays as typed; only comparisons use the key.
 */
export function nameKey(s: string): string {
  return removeSpaces(foldWidth(compatibilityFold(s)));
}

export type Script = "汉字" | "拉丁字母" | "西里尔字母" | "希腊字母";

function scriptOf(c: number): Script | null {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return "拉丁字母";
  if (c < 0xc0) return null;
  if ((c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) return "拉丁字母";
  if ((c >= 0x370 && c <= 0x3ff) || (c >= 0x1f00 && c <= 0x1fff)) return "希腊字母";
  if (c >= 0x400 && c <= 0x52f) return "西里尔字母";
  if (
    c === 0x3007 ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2fa1f)
  )
    return "汉字";
  return null;
}

/**
 * The scripts of a name when they look like a confusion (Cyrillic or Greek letters beside Han or Latin ones:
 * `Аlex` with a Cyrillic А, `张А`), else null. Han with Latin (`ABC科技`) is ordinary and not reported.
 */
export function confusableScripts(s: string): Script[] | null {
  // ASCII and common CJK only, as nearly every name is: no Cyrillic or Greek, and nothing the fold would turn into
  // one (compatibilityFold's own test). Every leader's name is asked.
  let plain = true;
  for (let i = 0; i < s.length && plain; i++) {
    const c = s.charCodeAt(i);
    plain = c < 0x80 || (c >= 0x4e00 && c <= 0x9fff);
  }
  if (plain) return null;
  const found = new Set<Script>();
  for (const ch of compatibilityFold(s)) {
    const sc = scriptOf(ch.codePointAt(0)!);
    if (sc) found.add(sc);
  }
  if (found.size < 2 || !(found.has("西里尔字母") || found.has("希腊字母"))) return null;
  return (["汉字", "拉丁字母", "西里尔字母", "希腊字母"] as const).filter((x) => found.has(x));
}

/**
 * Header cells: folded, without spaces, without any unit in parentheses, case-folded.
 * `实现利润（万元）` → `实现利润`.
 */
export function headerKey(s: string): string {
  const folded = nameKey(s);
  return folded
    .replace(/\([^()]*\)/g, "")
    .replace(/【[^【】]*】/g, "")
    .replace(/\[[^[\]]*\]/g, "")
    .toLowerCase();
}
