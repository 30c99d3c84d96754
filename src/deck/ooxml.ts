/**
 * What pptxgenjs cannot say, said by editing the XML it writes: the East-Asian typeface in the theme and in
 * every chart part (pptxgenjs writes only <a:latin> there), per-point label formats and fills, hatching,
 * per-series marker shapes and line styles, and blank points left blank.
 *
 * Each function takes and returns one part's XML as a string. They rely on the shapes pptxgenjs 4.0.1
 * writes (one <c:ser> per series, its own <c:spPr> first, dPt and dLbls inside it); test/deck/ooxml.test.ts
 * pins them, so an upgrade of pptxgenjs that changes those shapes fails there first.
 */

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `#RRGGBB` or `RRGGBB` → `RRGGBB`, upper case. */
export function hex(color: string): string {
  return color.replace(/^#/, "").toUpperCase();
}

// ───────────────────────────── fonts ─────────────────────────────

/**
 * The theme's heading and body fonts: the East-Asian slot (empty as pptxgenjs writes it) and the script
 * font for Simplified Chinese (等线 as written) set to `face`, so that any text without its own font —
 * placeholders, notes, chart text PowerPoint adds later — uses it too.
 */
export function patchThemeFonts(xml: string, face: string): string {
  const f = escapeXml(face);
  return xml
    .replace(/<a:ea typeface="[^"]*"\/>/g, `<a:ea typeface="${f}"/>`)
    .replace(/<a:font script="Hans" typeface="[^"]*"\/>/g, `<a:font script="Hans" typeface="${f}"/>`);
}

/**
 * Every <a:latin> of a chart part followed by an <a:ea> of the same face (pptxgenjs writes the Latin one
 * only, so Chinese labels would fall back to the theme's or the system's East-Asian font), the language of
 * its text set to `lang`, and a default text style for the whole chart (text PowerPoint creates on edit).
 */
export function patchChartFonts(xml: string, face: string, lang: string): string {
  const f = escapeXml(face);
  let out = xml.replace(
    /<a:latin typeface="[^"]*"\s*\/>(\s*<a:ea\b[^>]*\/>)?/g,
    `<a:latin typeface="${f}"/><a:ea typeface="${f}"/>`,
  );
  out = out.replace(/\blang="en-US"/g, `lang="${escapeXml(lang)}"`);
  if (!/<c:txPr>(?:(?!<c:txPr>)[\s\S])*<\/c:txPr>\s*<c:externalData/.test(out)) {
    const txPr =
      `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr>` +
      `<a:latin typeface="${f}"/><a:ea typeface="${f}"/><a:cs typeface="${f}"/>` +
      `</a:defRPr></a:pPr><a:endParaRPr lang="${escapeXml(lang)}"/></a:p></c:txPr>`;
    out = out.replace(/(<\/c:spPr>\s*)(<c:externalData\b)/, `$1${txPr}$2`);
  }
  return out;
}

// ───────────────────────────── series ─────────────────────────────

/** Rewrites each <c:ser> element in document order. */
export function mapSeries(xml: string, fn: (ser: string, index: number) => string): string {
  let i = 0;
  return xml.replace(/<c:ser>[\s\S]*?<\/c:ser>/g, (ser) => fn(ser, i++));
}

/** Shape properties: a fill (solid, hatched or none) and an outline. */
export interface ShapeStyle {
  fill: string | null;
  /** Fill opacity 0–1 (default 1). */
  opacity?: number;
  /** A diagonal hatch in this colour over the fill. */
  hatch?: string;
  line?: string | null;
  /** Points. */
  lineWidth?: number;
  dash?: "solid" | "dash" | "sysDash";
}

export function spPr(s: ShapeStyle): string {
  const fill =
    s.fill === null
      ? "<a:noFill/>"
      : s.hatch
        ? `<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="${hex(s.hatch)}"/></a:fgClr><a:bgClr><a:srgbClr val="${hex(s.fill)}"/></a:bgClr></a:pattFill>`
        : s.opacity !== undefined && s.opacity < 1
          ? `<a:solidFill><a:srgbClr val="${hex(s.fill)}"><a:alpha val="${Math.round(s.opacity * 100000)}"/></a:srgbClr></a:solidFill>`
          : `<a:solidFill><a:srgbClr val="${hex(s.fill)}"/></a:solidFill>`;
  const line =
    s.line === undefined || s.line === null
      ? "<a:ln><a:noFill/></a:ln>"
      : `<a:ln w="${Math.round((s.lineWidth ?? 0.75) * 12700)}" cap="flat"><a:solidFill><a:srgbClr val="${hex(s.line)}"/></a:solidFill><a:prstDash val="${s.dash ?? "solid"}"/><a:round/></a:ln>`;
  return `<c:spPr>${fill}${line}</c:spPr>`;
}

/** The series' own shape properties (the first <c:spPr> of the series: fill and line of bars, areas, lines). */
export function setSeriesShape(ser: string, style: ShapeStyle): string {
  return ser.replace(/<c:spPr>[\s\S]*?<\/c:spPr>/, spPr(style));
}

export type MarkerSymbol = "circle" | "triangle" | "square" | "diamond" | "x" | "star" | "none";

/** The series' marker: a symbol with size (points, 2–72), fill and outline; or none. */
export function setMarker(
  ser: string,
  marker: { symbol: MarkerSymbol; size?: number; fill?: string; line?: string; lineWidth?: number },
): string {
  const xml =
    marker.symbol === "none"
      ? `<c:marker><c:symbol val="none"/></c:marker>`
      : `<c:marker><c:symbol val="${marker.symbol}"/>${marker.size ? `<c:size val="${Math.max(2, Math.min(72, Math.round(marker.size)))}"/>` : ""}` +
        spPr({ fill: marker.fill ?? null, line: marker.line ?? null, lineWidth: marker.lineWidth ?? 1 }) +
        `</c:marker>`;
  return ser.replace(/<c:marker>[\s\S]*?<\/c:marker>/, xml);
}

/** The fill of each data point (<c:dPt>) that has a style given; points without a dPt stay as they are. */
export function setPointShapes(ser: string, styles: readonly (ShapeStyle | null)[]): string {
  return ser.replace(/<c:dPt>[\s\S]*?<\/c:dPt>/g, (dpt) => {
    const idx = Number(/<c:idx val="(\d+)"\/>/.exec(dpt)?.[1] ?? -1);
    const style = styles[idx];
    if (!style) return dpt;
    return dpt.replace(/<c:spPr>[\s\S]*?<\/c:spPr>/, spPr(style));
  });
}

/**
 * Data points with their own fill and outline, written afresh (pptxgenjs writes <c:dPt> only for a bar chart
 * of one series): after the series' <c:spPr> and <c:invertIfNegative>, where the schema has them.
 */
export function writePointShapes(ser: string, styles: readonly (ShapeStyle | null)[]): string {
  const clean = ser.replace(/<c:dPt>[\s\S]*?<\/c:dPt>/g, "");
  const points = styles
    .map((st, i) =>
      st === null
        ? ""
        : `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${spPr(st)}</c:dPt>`,
    )
    .join("");
  const anchor = /<c:invertIfNegative val="\d"\/>/.exec(clean) ?? /<\/c:spPr>/.exec(clean);
  if (!anchor) return clean;
  const at = anchor.index + anchor[0].length;
  return clean.slice(0, at) + points + clean.slice(at);
}

/**
 * A number format per data point for the series' value labels (null: the series' format): the label stays
 * linked to the value — edit the number in PowerPoint and the label follows — while carrying fixed text
 * (`0.00"  优秀"`). Each point's label copies the series' text style, and its position unless `position`
 * is given (pptxgenjs drops "outEnd" for clustered bars, where the schema allows it).
 */
export function setPointLabelFormats(ser: string, formats: readonly (string | null)[], position?: string): string {
  const dLbls = /<c:dLbls>([\s\S]*?)<\/c:dLbls>/.exec(ser);
  if (!dLbls) return ser;
  const txPr = /<c:txPr>[\s\S]*?<\/c:txPr>/.exec(dLbls[1])?.[0] ?? "";
  const pos = position ? `<c:dLblPos val="${position}"/>` : (/<c:dLblPos val="[^"]*"\/>/.exec(dLbls[1])?.[0] ?? "");
  const labels = formats
    .map((f, i) =>
      f === null
        ? ""
        : `<c:dLbl><c:idx val="${i}"/><c:numFmt formatCode="${escapeXml(f)}" sourceLinked="0"/>` +
          `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${txPr}${pos}` +
          `<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
          `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>`,
    )
    .join("");
  return ser.replace(/<c:dLbls>/, `<c:dLbls>${labels}`);
}

/**
 * Removes cached points without a value (pptxgenjs writes `<c:v></c:v>` for null, which is not a number):
 * the point is then blank, as Excel writes a missing value.
 */
export function dropEmptyPoints(xml: string): string {
  return xml.replace(/<c:pt idx="\d+">\s*<c:v>\s*<\/c:v>\s*<\/c:pt>/g, "");
}

/** The position of each point's own data label (<c:dLbl>), by point index; others stay. */
export function setLabelPositions(ser: string, positions: ReadonlyMap<number, string>): string {
  return ser.replace(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g, (dLbl) => {
    const idx = Number(/<c:idx val="(\d+)"\/>/.exec(dLbl)?.[1] ?? -1);
    const pos = positions.get(idx);
    return pos ? dLbl.replace(/<c:dLblPos val="[^"]*"\/>/, `<c:dLblPos val="${pos}"/>`) : dLbl;
  });
}

const SHOW_NOTHING =
  `<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
  `<c:showPercent val="0"/><c:showBubbleSize val="0"/>`;

/**
 * Points of a series whose custom label is empty carry no label at all: their <c:dLbl> becomes a deleted
 * one, and the series' labels default to showing nothing (pptxgenjs writes custom labels without series
 * defaults, and PowerPoint and LibreOffice then show the series name and value for every other point).
 */
export function hideEmptyLabels(ser: string): string {
  return ser.replace(/<c:dLbls>([\s\S]*?)<\/c:dLbls>/, (all, inner: string) => {
    if (!inner.includes("<c:dLbl>")) return all;
    const labels = inner.replace(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g, (dLbl) => {
      // pptxgenjs puts <c:showLeaderLines> into each label, where the schema has no place for it.
      if (!/<a:t>\s*<\/a:t>/.test(dLbl)) return dLbl.replace(/<c:showLeaderLines val="\d"\/>/, "");
      const idx = /<c:idx val="\d+"\/>/.exec(dLbl)?.[0] ?? "";
      return `<c:dLbl>${idx}<c:delete val="1"/></c:dLbl>`;
    });
    const tail = labels.slice(labels.lastIndexOf("</c:dLbl>") + "</c:dLbl>".length);
    return `<c:dLbls>${labels}${tail.includes("<c:showVal") ? "" : SHOW_NOTHING}</c:dLbls>`;
  });
}

/** A colour blended over another: `a` at opacity `alpha` over `b`. `#RRGGBB` in and out. */
export function blend(a: string, alpha: number, b: string): string {
  const rgb = (c: string) => {
    const n = parseInt(hex(c), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  };
  const [x, y] = [rgb(a), rgb(b)];
  return `#${x
    .map((v, i) => Math.round(v * alpha + y[i] * (1 - alpha)))
    .map((v) => v.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase()}`;
}

/** `rgba(31, 41, 55, 0.55)` or `#RRGGBB` → `#RRGGBB` over `background`. */
export function solidColor(css: string, background = "#FFFFFF"): string {
  const m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(css);
  if (!m) return css.startsWith("#") ? css.toUpperCase() : css;
  const c = `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, "0")).join("")}`;
  return blend(c, m[4] === undefined ? 1 : Number(m[4]), background);
}
