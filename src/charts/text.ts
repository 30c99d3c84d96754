/** Text helpers shared by the chart plugins and the page painter; measuring is the renderer's. */

/** Chinese closing punctuation must not begin a line. */
const NO_LINE_START = new Set([..."，。、；：！？）》」』】〕”’…·,.;:!?)%"]);

/**
 * Breaks text into lines no wider than maxWidth. Lines break at spaces where they can (so "安全稳定 100.00"
 * stays whole); a run without spaces that does not fit (Chinese prose) continues on the current line and
 * breaks between characters, never before closing punctuation. Explicit "\n" breaks are kept.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  const fits = (s: string) => measure(s) <= maxWidth;
  for (const paragraph of text.split("\n")) {
    const start = out.length;
    let line = "";
    const queue = paragraph.match(/\S+|\s+/g) ?? [];
    for (let q = 0; q < queue.length; q++) {
      const tok = queue[q];
      if (fits(line + tok)) {
        line += tok;
      } else if (/^\s+$/.test(tok)) {
        // A space that does not fit breaks the line, unless closing punctuation follows it: that stays on
        // this line (the space is dropped), since no line may start with it.
        const next = queue[q + 1];
        if (next !== undefined && NO_LINE_START.has(next[0]) && line.trim() !== "") continue;
        out.push(line);
        line = "";
      } else if (NO_LINE_START.has(tok[0]) && line.trim() !== "") {
        // Closing punctuation stays on its line, even past the width; the rest of the token goes on.
        let k = 0;
        while (k < tok.length && NO_LINE_START.has(tok[k])) k++;
        line += tok.slice(0, k);
        if (k < tok.length) queue.splice(q + 1, 0, tok.slice(k));
      } else if (fits(tok) && line.trim() !== "") {
        out.push(line.trimEnd());
        line = tok;
      } else {
        for (const ch of tok) {
          if (line !== "" && !fits(line + ch) && !NO_LINE_START.has(ch)) {
            out.push(line.trimEnd());
            line = "";
          }
          line += ch;
        }
      }
    }
    // An empty paragraph is an empty line; a paragraph ending in spaces does not add one.
    if (line.trim() !== "" || out.length === start) out.push(line.trimEnd());
  }
  return out;
}

/** Shortens text with "…" to fit maxWidth. */
export function ellipsize(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && measure(chars.join("") + "…") > maxWidth) chars.pop();
  return chars.join("") + "…";
}

/**
 * The advance of a string in px at a font size, estimated without a canvas, on the generous side of the faces
 * a Chinese desktop has (微软雅黑, PingFang, 文泉驿微米黑, Noto Sans CJK): CJK and full-width 1 em, digits
 * 0.58 em, and so on. Builders lay labels out with it before any renderer exists, so that what they place
 * (badges, line gaps, name labels) is the same in every medium; text drawn is never wider than estimated.
 */
export function textWidth(text: string, size: number, weight: "normal" | "bold" = "normal"): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x2e80 || (c >= 0xff00 && c <= 0xffef)) em += 1;
    else if (ch === " ") em += 0.3;
    else if (/[0-9]/.test(ch)) em += 0.58;
    else if (/[il.,:;'|!·]/.test(ch)) em += 0.32;
    else if (/[%@#&WMmw]/.test(ch)) em += 0.92;
    else if (/[A-Z]/.test(ch)) em += 0.72;
    else if (/[a-z]/.test(ch)) em += 0.58;
    else if (c < 0x80) em += 0.6;
    // Other symbols (−, ≥, ▲, », ←): up to a little over an em.
    else em += 1.1;
  }
  return em * size * (weight === "bold" ? 1.06 : 1);
}

/** Greedy wrapping with the estimate (a builder's layout, before any canvas): see wrapText. */
export function wrapEstimated(text: string, maxWidth: number, size: number, weight: "normal" | "bold" = "normal") {
  return wrapText(text, maxWidth, (s) => textWidth(s, size, weight));
}
