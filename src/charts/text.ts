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
