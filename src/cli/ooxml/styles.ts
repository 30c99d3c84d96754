/**
 * Cell formats for a grafted sheet, appended to the workbook's xl/styles.xml: every existing font, fill,
 * number format and cell format keeps its index, so no other sheet changes look.
 */
import { formatKey, type CellFormat } from "./sheetXml";
import {
  appendInside,
  applyEdits,
  attr,
  childNamed,
  childrenNamed,
  type Edit,
  escapeAttr,
  parseXml,
  qualified,
  setAttr,
  type XmlDocument,
  type XmlElement,
  XmlError,
} from "./xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Number formats every Excel knows by id, in every locale. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** The first custom number format id Excel uses. */
const FIRST_CUSTOM_FORMAT = 164;

/** A stylesheet for a package that has none: what Excel needs at index 0 of each list. */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** `#RRGGBB` → `FFRRGGBB`. */
function argb(color: string): string {
  return `FF${color.replace(/^#/, "").toUpperCase()}`;
}

function need(parent: XmlElement, local: string): XmlElement {
  const el = childNamed(parent, MAIN, local);
  if (!el) throw new XmlError(`styles.xml 缺少 <${local}>`);
  return el;
}

function intAttr(el: XmlElement, name: string): number {
  const v = Number(attr(el, name) ?? "0");
  return Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * A list element (fonts, fills, …) that gets new children appended, and its count kept right. An item
 * written exactly as one already there is not added again: grafting into a file this program wrote before
 * leaves its styles as they are.
 */
class List {
  private readonly existing: string[];
  private readonly added: string[] = [];

  constructor(
    doc: XmlDocument,
    readonly el: XmlElement,
    itemLocal: string,
  ) {
    this.existing = childrenNamed(el, MAIN, itemLocal).map((c) => doc.text.slice(c.start, c.end));
  }

  /** The index of an item written as `xml`, appending it when there is none. */
  indexOf(xml: string): number {
    const old = this.existing.indexOf(xml);
    if (old >= 0) return old;
    const k = this.added.indexOf(xml);
    if (k >= 0) return this.existing.length + k;
    this.added.push(xml);
    return this.existing.length + this.added.length - 1;
  }

  edits(): Edit[] {
    if (this.added.length === 0) return [];
    const out = [appendInside(this.el, this.added.join(""))];
    if (attr(this.el, "count") !== null)
      out.push(setAttr(this.el, "count", String(this.existing.length + this.added.length)));
    return out;
  }
}

/** Builds markup in the prefix the stylesheet uses for its own namespace. */
function tagger(like: XmlElement) {
  return (local: string, attrs: Record<string, string> = {}, inner: string | null = null): string => {
    const name = qualified(like, local);
    const a = Object.entries(attrs)
      .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
      .join("");
    return inner === null ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`;
  };
}

/** Font children a face replaces: a theme font (<scheme>) would win over the name given. */
const FACE_CHILDREN = new Set(["name", "family", "charset", "scheme"]);

/**
 * A copy of a font with bold, colour, face and size set as asked (the rest — italics, … — as it was). A face
 * is written as Excel writes a Chinese one: its name, family 3 (serif, as 宋体), charset 134 (GB2312).
 */
function fontVariant(
  doc: XmlDocument,
  base: XmlElement,
  bold: boolean | undefined,
  color: string | undefined,
  face: string | undefined,
  size: number | undefined,
): string {
  const tag = tagger(base);
  const keep = base.children.filter(
    (c) =>
      !(
        c.ns === MAIN &&
        ((bold !== undefined && c.local === "b") ||
          (color !== undefined && c.local === "color") ||
          (face !== undefined && FACE_CHILDREN.has(c.local)) ||
          (size !== undefined && c.local === "sz"))
      ),
  );
  let inner = bold ? tag("b") : "";
  inner += keep.map((c) => doc.text.slice(c.start, c.end)).join("");
  if (color !== undefined) inner += tag("color", { rgb: argb(color) });
  // CT_Font is a choice of its elements in any order: the changed ones are appended.
  if (size !== undefined) inner += tag("sz", { val: String(size) });
  if (face !== undefined)
    inner += tag("name", { val: face }) + tag("family", { val: "3" }) + tag("charset", { val: "134" });
  const startTag = doc.text.slice(base.start, base.startTagEnd);
  const open = base.selfClosing ? `${startTag.slice(0, -2).trimEnd()}>` : startTag;
  return `${open}${inner}</${base.name}>`;
}

/**
 * The cell format index of each distinct format, appending those the stylesheet does not have yet, a format at a
 * time, for a writer that meets the formats as it writes the cells: `index` gives a format's index as soon as it
 * is met, `result` the stylesheet's text with all of them (the same formats in the same order, the same
 * stylesheet). The stylesheet is read at the first `index`: a sheet without formats leaves it untouched.
 */
export interface CellFormatAdder {
  index(format: CellFormat): number;
  result(): string;
}

export function cellFormatAdder(stylesXml: string): CellFormatAdder {
  let open: CellFormatAdder | null = null;
  const opened = () => (open ??= openStyles(stylesXml));
  return {
    index: (format) => opened().index(format),
    result: () => (open === null ? stylesXml : open.result()),
  };
}

function openStyles(stylesXml: string): CellFormatAdder {
  const doc = parseXml(stylesXml);
  const root = doc.root;
  if (root.ns !== MAIN || root.local !== "styleSheet") throw new XmlError("styles.xml 不是 SpreadsheetML 样式表");
  const tag = tagger(root);

  const fontsEl = need(root, "fonts");
  const fillsEl = need(root, "fills");
  const xfsEl = need(root, "cellXfs");
  const fonts = new List(doc, fontsEl, "font");
  const fills = new List(doc, fillsEl, "fill");
  const bordersEl = childNamed(root, MAIN, "borders");
  const xfs = new List(doc, xfsEl, "xf");
  const baseXf = childrenNamed(xfsEl, MAIN, "xf")[0];
  if (!baseXf) throw new XmlError("styles.xml 的 <cellXfs> 为空");
  const fontList = childrenNamed(fontsEl, MAIN, "font");
  const baseFontId = intAttr(baseXf, "fontId");
  const baseFont = fontList[baseFontId] ?? fontList[0];
  if (!baseFont) throw new XmlError("styles.xml 的 <fonts> 为空");
  const styleXfs = childNamed(root, MAIN, "cellStyleXfs");
  const hasStyleXf = styleXfs !== null && childrenNamed(styleXfs, MAIN, "xf").length > 0;

  // Number formats: built-in ids, then the workbook's own, then new ones.
  const numFmtsEl = childNamed(root, MAIN, "numFmts");
  const formatIds = new Map<string, number>();
  let maxFormatId = FIRST_CUSTOM_FORMAT - 1;
  for (const nf of numFmtsEl ? childrenNamed(numFmtsEl, MAIN, "numFmt") : []) {
    const id = intAttr(nf, "numFmtId");
    const code = attr(nf, "formatCode");
    if (code !== null && !formatIds.has(code)) formatIds.set(code, id);
    maxFormatId = Math.max(maxFormatId, id);
  }
  const newFormats: string[] = [];
  const numFmtId = (code: string | null): number => {
    if (code === null) return intAttr(baseXf, "numFmtId");
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = formatIds.get(code);
    if (known !== undefined) return known;
    const id = ++maxFormatId;
    formatIds.set(code, id);
    newFormats.push(tag("numFmt", { numFmtId: String(id), formatCode: code }));
    return id;
  };

  const fontIds = new Map<string, number>();
  const fontId = (
    bold: boolean | undefined,
    color: string | undefined,
    face: string | undefined,
    size: number | undefined,
  ): number => {
    if (bold === undefined && color === undefined && face === undefined && size === undefined) return baseFontId;
    const k = `${bold}|${color?.toUpperCase()}|${face}|${size}`;
    let id = fontIds.get(k);
    if (id === undefined) {
      id = fonts.indexOf(fontVariant(doc, baseFont, bold, color, face, size));
      fontIds.set(k, id);
    }
    return id;
  };

  // Borders: a stylesheet without <borders> gets none from us (every cell keeps the base xf's).
  const borders = bordersEl ? new List(doc, bordersEl, "border") : null;
  let thinId: number | null = null;
  const borderId = (border: CellFormat["border"]): number => {
    if (border === undefined || borders === null) return intAttr(baseXf, "borderId");
    if (thinId === null) {
      const edge = (local: string) => tag(local, { style: "thin" }, tag("color", { indexed: "64" }));
      thinId = borders.indexOf(
        tag("border", {}, edge("left") + edge("right") + edge("top") + edge("bottom") + tag("diagonal")),
      );
    }
    return thinId;
  };

  const fillIds = new Map<string, number>();
  const fillId = (color: string | undefined): number => {
    if (color === undefined) return intAttr(baseXf, "fillId");
    const k = color.toUpperCase();
    let id = fillIds.get(k);
    if (id === undefined) {
      const pattern = tag(
        "patternFill",
        { patternType: "solid" },
        tag("fgColor", { rgb: argb(color) }) + tag("bgColor", { indexed: "64" }),
      );
      id = fills.indexOf(tag("fill", {}, pattern));
      fillIds.set(k, id);
    }
    return id;
  };

  const indexOf = new Map<string, number>();
  const index = (f: CellFormat): number => {
    const key = formatKey(f);
    const known = indexOf.get(key);
    if (known !== undefined) return known;
    const attrs: Record<string, string> = {
      numFmtId: String(numFmtId(f.numFmt)),
      fontId: String(fontId(f.bold, f.fontColor, f.fontName, f.fontSize)),
      fillId: String(fillId(f.fill)),
      borderId: String(borderId(f.border)),
    };
    if (hasStyleXf) attrs.xfId = "0";
    if (f.numFmt !== null) attrs.applyNumberFormat = "1";
    if (f.bold !== undefined || f.fontColor !== undefined || f.fontName !== undefined || f.fontSize !== undefined)
      attrs.applyFont = "1";
    if (f.fill !== undefined) attrs.applyFill = "1";
    if (f.border !== undefined && borders !== null) attrs.applyBorder = "1";
    const align: Record<string, string> = {};
    if (f.horizontalAlignment) align.horizontal = f.horizontalAlignment;
    if (f.verticalAlignment) align.vertical = f.verticalAlignment;
    if (f.wrapText !== undefined) align.wrapText = f.wrapText ? "1" : "0";
    const hasAlign = Object.keys(align).length > 0;
    if (hasAlign) attrs.applyAlignment = "1";
    const at = xfs.indexOf(tag("xf", attrs, hasAlign ? tag("alignment", align) : null));
    indexOf.set(key, at);
    return at;
  };

  const result = (): string => {
    const edits: Edit[] = [];
    if (newFormats.length > 0) {
      if (numFmtsEl) {
        edits.push(appendInside(numFmtsEl, newFormats.join("")));
        if (attr(numFmtsEl, "count") !== null) {
          const count = childrenNamed(numFmtsEl, MAIN, "numFmt").length + newFormats.length;
          edits.push(setAttr(numFmtsEl, "count", String(count)));
        }
      } else {
        // <numFmts> is the first child of <styleSheet>.
        const xml = tag("numFmts", { count: String(newFormats.length) }, newFormats.join(""));
        const first = root.children[0];
        edits.push(first ? { start: first.start, end: first.start, text: xml } : appendInside(root, xml));
      }
    }
    edits.push(...fonts.edits(), ...fills.edits(), ...(borders?.edits() ?? []), ...xfs.edits());
    return applyEdits(doc.text, edits);
  };
  return { index, result };
}
