import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanXmlBytes, type TagAttributes, XmlScanner } from "../../../src/cli/ooxml/scan";
import { XmlError } from "../../../src/cli/ooxml/xml";

type Event = [string, ...string[]];

/** Every event, text merged, for the whole document fed in pieces cut at `cuts`. */
function events(doc: string, cuts: number[] = [], attrsOf: string[] = ["a", "p:b", "c"]): Event[] {
  const out: Event[] = [];
  const handler = {
    wantText: true,
    open(name: string, attrs: TagAttributes) {
      out.push(["open", name, ...attrsOf.map((a) => `${a}=${attrs.get(a) ?? "-"}`)]);
    },
    close(name: string) {
      out.push(["close", name]);
    },
    text(source: string, start: number, end: number) {
      const t = source.slice(start, end);
      const last = out[out.length - 1];
      if (last?.[0] === "text") last[1] += t;
      else out.push(["text", t]);
    },
  };
  const s = new XmlScanner(handler);
  let at = 0;
  for (const cut of [...cuts].sort((x, y) => x - y)) {
    s.write(doc.slice(at, cut));
    at = cut;
  }
  s.write(doc.slice(at));
  s.end();
  return out;
}

const DOC =
  '\uFEFF<?xml version="1.0"?>\r\n<!-- <c/> -->\n<r a="1" p:b=\'x&amp;y&#x4E2D;\' c = "l1\r\nl2\tz">' +
  '<c a="A1"><v>1&lt;2</v></c><t xml:space="preserve"> a\r\nb <![CDATA[<x>&amp;]]>&#13;</t><e/>' +
  '<中文 a="&quot;"/></r>\n';

describe("XmlScanner", () => {
  it("reports tags, attributes and text with references decoded and line ends normalized", () => {
    expect(events(DOC.slice(1))).toEqual([
      ["open", "r", "a=1", "p:b=x&y中", "c=l1 l2 z"],
      ["open", "c", "a=A1", "p:b=-", "c=-"],
      ["open", "v", "a=-", "p:b=-", "c=-"],
      ["text", "1<2"],
      ["close", "v"],
      ["close", "c"],
      ["open", "t", "a=-", "p:b=-", "c=-"],
      ["text", " a\nb <x>&amp;\r"],
      ["close", "t"],
      ["open", "e", "a=-", "p:b=-", "c=-"],
      ["close", "e"],
      ["open", "中文", 'a="', "p:b=-", "c=-"],
      ["close", "中文"],
      ["close", "r"],
    ]);
  });

  it("gives the same events wherever the chunks are cut", () => {
    const doc = DOC.slice(1);
    const whole = events(doc);
    for (let k = 1; k < doc.length; k++) expect(events(doc, [k]), `cut at ${k}`).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: doc.length }), { maxLength: 12 }), (cuts) => {
        expect(events(doc, cuts)).toEqual(whole);
      }),
    );
  });

  it.each([
    ["<a><b></a>", /不匹配/],
    ["<a>", /未结束/],
    ["<a/><b/>", /多个根元素/],
    ["x<a/>", /根元素之外有文本/],
    ["<a/>x", /根元素之外有文本/],
    ["</a>", /多余的结束标签/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a/>', /DOCTYPE/],
    ['<a b="1"c="2"/>', /缺少空白/],
    ["<a b=1/>", /缺少引号/],
    ["<a b/>", /缺少值/],
    ["<a><", /未结束/],
    ["", /没有根元素/],
    ['<a b="1" b="2"/>', /重复/],
  ])("refuses %j", (doc, message) => {
    expect(() => events(doc)).toThrow(XmlError);
    expect(() => events(doc)).toThrow(message);
  });

  it("reads bytes in UTF-8 or, after a byte order mark, UTF-16, split anywhere", async () => {
    const doc = '<r a="中">文字</r>';
    const got: string[] = [];
    const handler = {
      wantText: true,
      open: (n: string, a: TagAttributes) => got.push(`${n}:${a.get("a")}`),
      close: () => undefined,
      text: (s: string, a: number, b: number) => got.push(s.slice(a, b)),
    };
    const split = async function* (bytes: Uint8Array) {
      for (let k = 0; k < bytes.length; k++) yield bytes.subarray(k, k + 1);
    };
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, "utf16le")]);
    for (const bytes of [Buffer.from(`\uFEFF${doc}`), utf16]) {
      got.length = 0;
      await scanXmlBytes(split(bytes), handler);
      expect(got.join("")).toBe("r:中文字");
    }
    await expect(scanXmlBytes(split(Buffer.from([0x3c, 0x61, 0xff, 0x2f, 0x3e])), handler)).rejects.toThrow(XmlError);
  });
});
