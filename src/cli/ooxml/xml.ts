/**
 * Just enough XML for surgery on the parts of an Office package: a reader that records where every element
 * and attribute sits in the text and which namespace it is in, and edits that are spliced into the original
 * text — so that everything not edited stays exactly as the producer wrote it (no reformatting, no reordered
 * attributes, no lost declarations).
 */

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

export interface XmlAttribute {
  /** As written, prefix included. */
  name: string;
  prefix: string | null;
  local: string;
  /** Null for an unprefixed attribute (the default namespace does not apply to attributes). */
  ns: string | null;
  /** Entity references decoded. */
  value: string;
  /** From the whitespace before the name, so that removing [spanStart, end) leaves the tag tidy. */
  spanStart: number;
  /** Just inside the quotes. */
  valueStart: number;
  valueEnd: number;
  /** After the closing quote. */
  end: number;
}

export interface XmlElement {
  name: string;
  prefix: string | null;
  local: string;
  ns: string | null;
  attributes: XmlAttribute[];
  /** The `<` of the start tag. */
  start: number;
  /** After the element name in the start tag. */
  nameEnd: number;
  /** After the `>` of the start tag. */
  startTagEnd: number;
  selfClosing: boolean;
  /** The `<` of the end tag; equal to startTagEnd for an empty-element tag. */
  contentEnd: number;
  /** After the whole element. */
  end: number;
  children: XmlElement[];
  parent: XmlElement | null;
  /** Prefix ("" for the default namespace) → namespace, as in force inside this element. */
  scope: ReadonlyMap<string, string>;
}

export interface XmlDocument {
  text: string;
  root: XmlElement;
}

const WS = /[ \t\r\n]/;

function isWs(ch: string | undefined): boolean {
  return ch !== undefined && WS.test(ch);
}

function splitName(name: string): { prefix: string | null; local: string } {
  const colon = name.indexOf(":");
  return colon < 0 ? { prefix: null, local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

/** Entity and character references → text. Unknown references are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
    }
  });
}

/**
 * Reads a whole document. Refuses what it does not understand (a DOCTYPE, mismatched tags, an unbound
 * prefix) rather than guessing: a part it cannot read is a part it must not edit.
 */
export function parseXml(text: string): XmlDocument {
  const n = text.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;

  const fail = (what: string, at: number): never => {
    throw new XmlError(`${what}（位置 ${at}）`);
  };

  while (i < n) {
    const lt = text.indexOf("<", i);
    const stop = lt < 0 ? n : lt;
    if (stack.length === 0 && text.slice(i, stop).trim() !== "") fail("根元素之外有文本", i);
    if (lt < 0) break;
    i = lt;

    if (text.startsWith("<?", i)) {
      const e = text.indexOf("?>", i + 2);
      if (e < 0) fail("处理指令未结束", i);
      i = e + 2;
      continue;
    }
    if (text.startsWith("<!--", i)) {
      const e = text.indexOf("-->", i + 4);
      if (e < 0) fail("注释未结束", i);
      i = e + 3;
      continue;
    }
    if (text.startsWith("<![CDATA[", i)) {
      if (stack.length === 0) fail("根元素之外有 CDATA", i);
      const e = text.indexOf("]]>", i + 9);
      if (e < 0) fail("CDATA 未结束", i);
      i = e + 3;
      continue;
    }
    if (text.startsWith("<!", i)) fail("不支持 DOCTYPE 声明", i);

    if (text.startsWith("</", i)) {
      let j = i + 2;
      while (j < n && !isWs(text[j]) && text[j] !== ">") j++;
      const name = text.slice(i + 2, j);
      while (isWs(text[j])) j++;
      if (text[j] !== ">") fail("结束标签格式错误", i);
      const open = stack.pop();
      if (!open || open.name !== name) fail(`结束标签 </${name}> 与开始标签不匹配`, i);
      open!.contentEnd = i;
      open!.end = j + 1;
      i = j + 1;
      continue;
    }

    // A start tag or an empty-element tag.
    let j = i + 1;
    while (j < n && !isWs(text[j]) && text[j] !== ">" && !(text[j] === "/" && text[j + 1] === ">")) j++;
    const name = text.slice(i + 1, j);
    if (name === "") fail("缺少元素名", i);
    const nameEnd = j;
    const raw: { name: string; value: string; spanStart: number; valueStart: number; valueEnd: number; end: number }[] =
      [];
    let selfClosing = false;
    for (;;) {
      const spanStart = j;
      while (isWs(text[j])) j++;
      if (j >= n) fail("开始标签未结束", i);
      if (text[j] === ">") {
        j++;
        break;
      }
      if (text[j] === "/" && text[j + 1] === ">") {
        selfClosing = true;
        j += 2;
        break;
      }
      if (j === spanStart && raw.length > 0) fail("属性之间缺少空白", j);
      const a = j;
      while (j < n && !isWs(text[j]) && text[j] !== "=" && text[j] !== ">" && text[j] !== "/") j++;
      const attrName = text.slice(a, j);
      if (attrName === "") fail("属性格式错误", a);
      while (isWs(text[j])) j++;
      if (text[j] !== "=") fail(`属性 ${attrName} 缺少值`, j);
      j++;
      while (isWs(text[j])) j++;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") fail(`属性 ${attrName} 的值缺少引号`, j);
      const valueStart = j + 1;
      const valueEnd = text.indexOf(quote, valueStart);
      if (valueEnd < 0) fail(`属性 ${attrName} 的值未结束`, j);
      const value = text.slice(valueStart, valueEnd);
      if (value.includes("<")) fail(`属性 ${attrName} 的值含有 <`, valueStart);
      if (raw.some((r) => r.name === attrName)) fail(`属性 ${attrName} 重复`, a);
      j = valueEnd + 1;
      raw.push({ name: attrName, value: decodeEntities(value), spanStart, valueStart, valueEnd, end: j });
    }

    const parent = stack.length > 0 ? stack[stack.length - 1] : null;
    const scope = new Map(parent ? parent.scope : [["xml", XML_NS]]);
    for (const r of raw) {
      if (r.name === "xmlns") scope.set("", r.value);
      else if (r.name.startsWith("xmlns:")) scope.set(r.name.slice(6), r.value);
    }
    const { prefix, local } = splitName(name);
    const ns = scope.get(prefix ?? "");
    if (prefix !== null && ns === undefined) fail(`前缀 ${prefix} 未声明`, i);
    const attributes: XmlAttribute[] = raw.map((r) => {
      const s = splitName(r.name);
      let attrNs: string | null = null;
      if (r.name === "xmlns" || s.prefix === "xmlns") attrNs = XMLNS_NS;
      else if (s.prefix !== null) {
        const bound = scope.get(s.prefix);
        if (bound === undefined) fail(`前缀 ${s.prefix} 未声明`, r.spanStart);
        attrNs = bound!;
      }
      return { ...r, prefix: s.prefix, local: s.local, ns: attrNs };
    });

    const el: XmlElement = {
      name,
      prefix,
      local,
      ns: ns === undefined || ns === "" ? null : ns,
      attributes,
      start: i,
      nameEnd,
      startTagEnd: j,
      selfClosing,
      contentEnd: j,
      end: j,
      children: [],
      parent,
      scope,
    };
    if (parent) parent.children.push(el);
    else if (root) fail("文档有多个根元素", i);
    else root = el;
    if (!selfClosing) stack.push(el);
    i = j;
  }
  if (stack.length > 0) fail(`元素 <${stack[stack.length - 1].name}> 未结束`, n);
  if (!root) fail("文档没有根元素", 0);
  return { text, root: root! };
}

// ---------------------------------------------------------------------------------------------------------
// Looking things up

export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}

export function childNamed(el: XmlElement, ns: string, local: string): XmlElement | null {
  return el.children.find((c) => c.ns === ns && c.local === local) ?? null;
}

/** An attribute by namespace (null: unprefixed) and local name. */
export function attribute(el: XmlElement, ns: string | null, local: string): XmlAttribute | null {
  return el.attributes.find((a) => a.ns === ns && a.local === local) ?? null;
}

export function attr(el: XmlElement, local: string): string | null {
  return attribute(el, null, local)?.value ?? null;
}

/** The text inside an element (its descendants' text too), references decoded, CDATA included. */
export function textContent(doc: XmlDocument, el: XmlElement): string {
  const raw = doc.text.slice(el.startTagEnd, el.contentEnd);
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const cdata = raw.indexOf("<![CDATA[", i);
    const chunk = raw.slice(i, cdata < 0 ? raw.length : cdata);
    out += decodeEntities(chunk.replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, ""));
    if (cdata < 0) break;
    const e = raw.indexOf("]]>", cdata + 9);
    out += raw.slice(cdata + 9, e);
    i = e + 3;
  }
  return out;
}

/** A prefix bound to `ns` where `el` is (for attributes: never the default namespace). */
export function prefixFor(el: XmlElement, ns: string): string | null {
  for (const [p, uri] of el.scope) if (p !== "" && uri === ns) return p;
  return null;
}

/** A prefix not in use where `el` is, starting from `wanted`. */
export function freePrefix(el: XmlElement, wanted: string): string {
  if (!el.scope.has(wanted)) return wanted;
  for (let k = 1; ; k++) if (!el.scope.has(`${wanted}${k}`)) return `${wanted}${k}`;
}

/** The qualified name for a new child of `el` in el's own namespace. */
export function qualified(el: XmlElement, local: string): string {
  return el.prefix ? `${el.prefix}:${local}` : local;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** Most text holds no control character, surrogate or U+FFFE/FFFF at all: then it needs no copy. */
function mayHoldInvalidXmlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 0x9 && c !== 0xa && c !== 0xd : c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe)) return true;
  }
  return false;
}

/** Removes what XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/FFFF). */
export function stripInvalidXmlChars(s: string): string {
  if (!mayHoldInvalidXmlChars(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if (c < 0x20 ? c === 0x9 || c === 0xa || c === 0xd : c !== 0xfffe && c !== 0xffff) out += s[i];
  }
  return out;
}

/**
 * What escapeText may change: a character XML cannot hold or must escape, or a surrogate (most often half of
 * a valid pair, which the slow path keeps). One test of a compiled expression finds most text plain; a loop
 * over its characters costs more, cold, over the millions of cells of a 计算明细 sheet.
 */
// eslint-disable-next-line no-control-regex
const MAY_CHANGE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f&<>\r\ud800-\udfff\ufffe\uffff]/;

/** Character data; a carriage return is written as a reference so that parsers do not fold it away. */
export function escapeText(s: string): string {
  if (!MAY_CHANGE.test(s)) return s;
  const clean = stripInvalidXmlChars(s);
  if (!/[&<>\r]/.test(clean)) return clean;
  return clean.replace(/[&<>\r]/g, (c) => ESCAPED[c]);
}

const ESCAPED: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };

/** An attribute value, for either quote character; tabs and line breaks survive as references. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Splices edits into the text. Edits must not overlap; insertions at the same offset keep the order in which
 * they were given.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = edits.map((e, k) => ({ ...e, k })).sort((a, b) => a.start - b.start || a.end - b.end || a.k - b.k);
  let out = "";
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start) throw new XmlError(`重叠的修改（位置 ${e.start}）`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Sets an unprefixed attribute (adding it after the others when absent). */
export function setAttr(el: XmlElement, local: string, value: string): Edit {
  const a = attribute(el, null, local);
  if (a) return { start: a.valueStart, end: a.valueEnd, text: escapeAttr(value) };
  const after = el.attributes.length > 0 ? el.attributes[el.attributes.length - 1].end : el.nameEnd;
  return { start: after, end: after, text: ` ${local}="${escapeAttr(value)}"` };
}

export function removeAttr(a: XmlAttribute): Edit {
  return { start: a.spanStart, end: a.end, text: "" };
}

/** Appends markup at the end of an element's content, opening an empty-element tag when needed. */
export function appendInside(el: XmlElement, xml: string): Edit {
  if (el.selfClosing) return { start: el.startTagEnd - 2, end: el.startTagEnd, text: `>${xml}</${el.name}>` };
  return { start: el.contentEnd, end: el.contentEnd, text: xml };
}

/** Replaces an element's content (for an element with text only). */
export function replaceContent(el: XmlElement, xml: string): Edit {
  if (el.selfClosing) return appendInside(el, xml);
  return { start: el.startTagEnd, end: el.contentEnd, text: xml };
}

export function insertAfter(el: XmlElement, xml: string): Edit {
  return { start: el.end, end: el.end, text: xml };
}

export function removeElement(el: XmlElement): Edit {
  return { start: el.start, end: el.end, text: "" };
}

// ---------------------------------------------------------------------------------------------------------
// Bytes

export type XmlEncoding = "utf8" | "utf16le" | "utf16be";

export interface XmlText {
  text: string;
  encoding: XmlEncoding;
  bom: boolean;
}

/** Decodes a part as its producer encoded it (UTF-8, or UTF-16 with a byte order mark). */
export function decodeXml(bytes: Uint8Array): XmlText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2)),
      encoding: "utf16le",
      bom: true,
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2)),
      encoding: "utf16be",
      bom: true,
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(bom ? bytes.subarray(3) : bytes),
      encoding: "utf8",
      bom,
    };
  } catch {
    throw new XmlError("不是有效的 UTF-8 文本");
  }
}

/** Encodes text the way `like` was encoded. */
export function encodeXml(
  text: string,
  like: Pick<XmlText, "encoding" | "bom"> = { encoding: "utf8", bom: false },
): Uint8Array {
  if (like.encoding === "utf8") {
    const body = new TextEncoder().encode(text);
    if (!like.bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const out = new Uint8Array(2 + text.length * 2);
  const le = like.encoding === "utf16le";
  out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    out[2 + 2 * k] = le ? c & 0xff : c >> 8;
    out[3 + 2 * k] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

/** UTF-8 bytes built up from pieces of text, without ever holding the whole text as one string. */
export class Utf8Builder {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private readonly encoder = new TextEncoder();

  append(text: string): void {
    // At most 3 bytes per UTF-16 code unit.
    const need = this.length + text.length * 3;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.length += this.encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
