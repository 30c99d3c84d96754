import { describe, expect, it } from "vitest";
import type { CellFormat } from "../../../src/cli/ooxml/sheetXml";
import { formatKey } from "../../../src/cli/ooxml/sheetXml";
import { cellFormatAdder, MINIMAL_STYLES } from "../../../src/cli/ooxml/styles";
import { parseXml } from "../../../src/cli/ooxml/xml";

/**
 * The formats given to the adder in order, as the graft meets them in a sheet's cells: the stylesheet, and the
 * index `index` gave each format key.
 */
function addCellFormats(
  stylesXml: string,
  formats: readonly CellFormat[],
): { xml: string; indexOf: ReadonlyMap<string, number> } {
  const adder = cellFormatAdder(stylesXml);
  const indexOf = new Map<string, number>();
  for (const f of formats) indexOf.set(formatKey(f), adder.index(f));
  return { xml: adder.result(), indexOf };
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A stylesheet with a prefix for its namespace, a custom format, a coloured default font and no counts on fills. */
const PREFIXED =
  `<x:styleSheet xmlns:x="${MAIN}">` +
  '<x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="0.000"/></x:numFmts>' +
  '<x:fonts count="2"><x:font><x:sz val="12"/><x:color theme="1"/><x:name val="宋体"/><x:charset val="134"/></x:font><x:font><x:i/></x:font></x:fonts>' +
  '<x:fills><x:fill><x:patternFill/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
  '<x:borders count="1"><x:border/></x:borders>' +
  '<x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>' +
  '<x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="170" fontId="1" fillId="0" borderId="0" xfId="0"/></x:cellXfs>' +
  "</x:styleSheet>";

const HEADER: CellFormat = {
  numFmt: null,
  bold: true,
  fill: "#D9E1F2",
  horizontalAlignment: "center",
  verticalAlignment: "center",
};
const SCORE: CellFormat = { numFmt: "0.00" };
const CUSTOM: CellFormat = { numFmt: "0.000" };
const NEW_CUSTOM: CellFormat = { numFmt: "0.0000", fontColor: "#ff0000", bold: false, wrapText: true };

describe("addCellFormats", () => {
  const { xml, indexOf } = addCellFormats(PREFIXED, [HEADER, SCORE, CUSTOM, NEW_CUSTOM, SCORE]);

  it("appends after every existing entry, in the stylesheet's own prefix, and keeps the counts right", () => {
    expect(
      xml.startsWith(
        '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:numFmts count="2"><x:numFmt numFmtId="170" formatCode="0.000"/><x:numFmt numFmtId="171" formatCode="0.0000"/></x:numFmts>',
      ),
    ).toBe(true);
    expect(xml).toContain(
      '<x:fonts count="4"><x:font><x:sz val="12"/><x:color theme="1"/><x:name val="宋体"/><x:charset val="134"/></x:font><x:font><x:i/></x:font>',
    );
    // Bold: the default font, bold. Red and explicitly not bold: the default font with its colour replaced.
    expect(xml).toContain(
      '<x:font><x:b/><x:sz val="12"/><x:color theme="1"/><x:name val="宋体"/><x:charset val="134"/></x:font>',
    );
    expect(xml).toContain(
      '<x:font><x:sz val="12"/><x:name val="宋体"/><x:charset val="134"/><x:color rgb="FFFF0000"/></x:font></x:fonts>',
    );
    expect(xml).toContain(
      '<x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFD9E1F2"/><x:bgColor indexed="64"/></x:patternFill></x:fill></x:fills>',
    );
    expect(xml).toMatch(/<x:fills>/); // it had no count: none is added
    expect(xml).toContain('<x:cellXfs count="6">');
    expect(xml).toContain('<x:borders count="1"><x:border/></x:borders>');
    expect(indexOf.get(formatKey(HEADER))).toBe(2);
    expect(indexOf.get(formatKey(SCORE))).toBe(3);
    expect(indexOf.get(formatKey(CUSTOM))).toBe(4);
    expect(indexOf.get(formatKey(NEW_CUSTOM))).toBe(5);
    expect(xml).toContain(
      '<x:xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><x:alignment horizontal="center" vertical="center"/></x:xf>',
    );
    expect(xml).toContain('<x:xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>');
    expect(xml).toContain('<x:xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>');
    expect(xml).toContain(
      '<x:xf numFmtId="171" fontId="3" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><x:alignment wrapText="1"/></x:xf>',
    );
    parseXml(xml);
  });

  it("adds nothing the second time: the same formats are found again", () => {
    const again = addCellFormats(xml, [SCORE, NEW_CUSTOM, HEADER, CUSTOM]);
    expect(again.xml).toBe(xml);
    expect([...again.indexOf.values()].sort()).toEqual([2, 3, 4, 5]);
  });

  it("starts <numFmts> first in the stylesheet when there is none, and fills in a stylesheet written from scratch", () => {
    const { xml: minimal, indexOf: idx } = addCellFormats(MINIMAL_STYLES, [{ numFmt: "0.0" }, SCORE]);
    expect(minimal).toContain(
      `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="1">`,
    );
    expect([...idx.values()]).toEqual([1, 2]);
    expect(addCellFormats(MINIMAL_STYLES, []).xml).toBe(MINIMAL_STYLES);
  });

  it("refuses a stylesheet it cannot extend", () => {
    expect(() => addCellFormats(`<styleSheet xmlns="${MAIN}"><fills/><cellXfs/></styleSheet>`, [SCORE])).toThrow(
      /fonts/,
    );
    expect(() => addCellFormats("<styleSheet/>", [SCORE])).toThrow(/样式表/);
  });
});

describe("addCellFormats: font sizes and thin borders (the printable ballots)", () => {
  const { xml, indexOf } = addCellFormats(PREFIXED, [
    { numFmt: null, bold: true, fontSize: 16 },
    { numFmt: null, border: "thin", horizontalAlignment: "center" },
    { numFmt: null, border: "thin", fontSize: 10 },
  ]);

  it("a font of the size asked, keeping the base font's name and charset", () => {
    expect(xml).toContain(
      '<x:font><x:b/><x:color theme="1"/><x:name val="宋体"/><x:charset val="134"/><x:sz val="16"/></x:font>',
    );
    expect(xml).toContain('<x:fonts count="4">');
  });

  it("one thin border on all sides, added once and shared", () => {
    const border =
      '<x:border><x:left style="thin"><x:color indexed="64"/></x:left><x:right style="thin"><x:color indexed="64"/></x:right>' +
      '<x:top style="thin"><x:color indexed="64"/></x:top><x:bottom style="thin"><x:color indexed="64"/></x:bottom><x:diagonal/></x:border>';
    expect(xml.split(border).length).toBe(2);
    expect(xml).toContain('<x:borders count="2">');
    const xfs = [...xml.matchAll(/<x:xf [^>]*borderId="1"[^>]*applyBorder="1"/g)];
    expect(xfs).toHaveLength(2);
    expect(indexOf.size).toBe(3);
    parseXml(xml);
  });
});
