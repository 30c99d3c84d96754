import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendInside,
  applyEdits,
  attr,
  attribute,
  childNamed,
  decodeXml,
  encodeXml,
  escapeAttr,
  escapeText,
  freePrefix,
  parseXml,
  prefixFor,
  qualified,
  removeAttr,
  removeElement,
  replaceContent,
  setAttr,
  stripInvalidXmlChars,
  textContent,
  XmlError,
} from "../../../src/cli/ooxml/xml";

const DOC =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c <x> -->\n' +
  '<a xmlns="urn:u" xmlns:r="urn:r"><b r:id="x" c=\'1\' d = "&lt;&#x4E2D;"/><d>t&amp;<![CDATA[<x>]]><!-- n --></d>' +
  '<p:e xmlns:p="urn:p"><f/></p:e></a>\n';

describe("parseXml", () => {
  it("gives every element its namespace and its exact place in the text", () => {
    const doc = parseXml(DOC);
    const a = doc.root;
    expect([a.local, a.ns, a.prefix]).toEqual(["a", "urn:u", null]);
    const [b, d, e] = a.children;
    expect(DOC.slice(b.start, b.end)).toBe(`<b r:id="x" c='1' d = "&lt;&#x4E2D;"/>`);
    expect(b.selfClosing).toBe(true);
    expect(attribute(b, "urn:r", "id")?.value).toBe("x");
    expect(attribute(b, null, "id")).toBeNull();
    expect(attr(b, "c")).toBe("1");
    expect(attr(b, "d")).toBe("<中");
    expect(textContent(doc, d)).toBe("t&<x>");
    expect([e.local, e.ns, e.prefix]).toEqual(["e", "urn:p", "p"]);
    expect(e.children[0].ns).toBe("urn:u"); // the default namespace reaches into p:e
    expect(DOC.slice(a.startTagEnd, a.contentEnd)).toBe(DOC.slice(b.start, e.end));
    expect(childNamed(a, "urn:u", "d")).toBe(d);
    expect(childNamed(a, "urn:p", "d")).toBeNull();
  });

  it.each([
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE/],
    ["<a><b></a></b>", /不匹配/],
    ["<a><p:b/></a>", /前缀 p 未声明/],
    ["<a/><b/>", /多个根元素/],
    ["x<a/>", /根元素之外/],
    ["<a b='1' b='2'/>", /重复/],
    ["<a b=1/>", /引号/],
    ["<a>", /未结束/],
    ["", /没有根元素/],
  ])("refuses %j", (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });

  it("finds prefixes in scope, and a free one", () => {
    const doc = parseXml('<a xmlns:r="urn:r" xmlns:r1="urn:x"><b/></a>');
    const b = doc.root.children[0];
    expect(prefixFor(b, "urn:r")).toBe("r");
    expect(prefixFor(b, "urn:none")).toBeNull();
    expect(freePrefix(b, "r")).toBe("r2");
    expect(freePrefix(b, "q")).toBe("q");
    expect(qualified(parseXml('<x:a xmlns:x="urn:u"/>').root, "b")).toBe("x:b");
  });
});

describe("edits", () => {
  const xml = "<a x='1'><b/><c>old</c><e/></a>";
  const doc = parseXml(xml);
  const [b, c, e] = doc.root.children;

  it("set an attribute in place, keeping its quotes, or add it after the others", () => {
    expect(applyEdits(xml, [setAttr(doc.root, "x", 'a"b')])).toBe("<a x='a&quot;b'><b/><c>old</c><e/></a>");
    expect(applyEdits(xml, [setAttr(doc.root, "y", "2")])).toBe("<a x='1' y=\"2\"><b/><c>old</c><e/></a>");
    expect(applyEdits(xml, [setAttr(b, "y", "2")])).toBe("<a x='1'><b y=\"2\"/><c>old</c><e/></a>");
    expect(applyEdits(xml, [removeAttr(doc.root.attributes[0])])).toBe("<a><b/><c>old</c><e/></a>");
  });

  it("append inside an element, opening an empty-element tag, replace content, remove elements", () => {
    expect(applyEdits(xml, [appendInside(b, "<n/>"), appendInside(c, "<m/>")])).toBe(
      "<a x='1'><b><n/></b><c>old<m/></c><e/></a>",
    );
    expect(applyEdits(xml, [replaceContent(c, "new"), removeElement(e)])).toBe("<a x='1'><b/><c>new</c></a>");
  });

  it("keep the given order for insertions at one place, and refuse overlapping edits", () => {
    expect(applyEdits(xml, [appendInside(c, "1"), appendInside(c, "2")])).toBe("<a x='1'><b/><c>old12</c><e/></a>");
    expect(() => applyEdits(xml, [removeElement(c), replaceContent(c, "x")])).toThrow(XmlError);
  });
});

describe("escaping", () => {
  it("removes what XML 1.0 cannot hold and keeps the rest, astral characters included", () => {
    expect(stripInvalidXmlChars("a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uD800g\uDC00h")).toBe("abcdefgh");
    expect(stripInvalidXmlChars("\t\n\r😀\uE000\uFFFD")).toBe("\t\n\r😀\uE000\uFFFD");
  });

  /** Any UTF-16 string, lone surrogates and control characters included. */
  const anyText = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
    maxLength: 40,
  });

  it("survives a parse as text and as an attribute value, minus what XML cannot hold", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const doc = parseXml(`<a v="${escapeAttr(s)}" w='${escapeAttr(s)}'>${escapeText(s)}</a>`);
        const clean = stripInvalidXmlChars(s);
        expect(textContent(doc, doc.root)).toBe(clean);
        expect(attr(doc.root, "v")).toBe(clean);
        expect(attr(doc.root, "w")).toBe(clean);
      }),
    );
  });
});

describe("bytes", () => {
  it("decode and encode a part in its own encoding and byte order mark", () => {
    const text = '<?xml version="1.0"?><a>中文😀</a>';
    for (const like of [
      { encoding: "utf8", bom: false },
      { encoding: "utf8", bom: true },
      { encoding: "utf16le", bom: true },
      { encoding: "utf16be", bom: true },
    ] as const) {
      const bytes = encodeXml(text, like);
      expect(decodeXml(bytes)).toEqual({ text, ...like });
    }
    expect([...encodeXml("a", { encoding: "utf16be", bom: true })]).toEqual([0xfe, 0xff, 0, 0x61]);
    expect(() => decodeXml(new Uint8Array([0x3c, 0xff, 0x3e]))).toThrow(XmlError);
  });
});
