/** Text helpers of the test oracle (written independently of src/workbook). */

/** Full-width ASCII → half-width, ideographic space → space, minus sign → '-'. */
export function fold(s: string): string {
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

/** docs/method.md §1 normalization of a name or a unit: fold, drop every space. */
export function normName(s: string): string {
  return fold(s).replace(/\s+/g, "");
}

/** docs/method.md §1 normalization of a header cell: fold, drop spaces and any parenthesized unit. */
export function normHeader(s: string): string {
  return fold(s)
    .replace(/\s+/g, "")
    .replace(/\([^()]*\)/g, "");
}

export const MISSING_MARKERS = ["", "-", "—", "/", "无"];

export function isMissingText(s: string): boolean {
  return MISSING_MARKERS.includes(fold(s).trim());
}

/** Text → number per docs/method.md §1 (thousands separators, leading minus, trailing %), or undefined. */
export function parseNumberText(raw: string): number | undefined {
  let s = fold(raw).trim().replace(/\s+/g, "");
  let scale = 1;
  if (s.endsWith("%")) {
    scale = 100;
    s = s.slice(0, -1);
  }
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^-?\.\d+$/.test(s)) return undefined;
  const v = Number(s.replace(/,/g, ""));
  if (!Number.isFinite(v)) return undefined;
  return scale === 1 ? v : v / scale;
}
