import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkWellFormed } from "../../../src/cli/ooxml/check";
import {
  type CellFormat,
  commentsXml,
  escapeXstring,
  formatKey,
  isPlainFormat,
  layoutCells,
  notesInOrder,
  vmlXml,
  worksheetXml,
  writeWorksheetXml,
} from "../../../src/cli/ooxml/sheetXml";
import { parseXml } from "../../../src/cli/ooxml/xml";
import type { SheetLayout } from "../../../src/workbook/layout";

const base: SheetLayout = {
  sheet: "考核结果",
  values: [
    ["名", "分", null],
    ["甲", 1.5, null],
    ["=乙", null, true],
  ],
  textCells: [{ row: 2, col: 0 }],
  formulas: [{ row: 1, col: 1, formula: "=1+0.5" }],
  headerRows: 1,
  columns: [
    { width: 10, numberFormat: null },
    { width: 12, numberFormat: "0.00" },
    { width: 8, numberFormat: null },
  ],
  freeze: { rows: 1, columns: 0 },
  autoFilter: { top: 0, left: 0, bottom: 2, right: 2 },
  styles: [
    {
      range: { top: 0, left: 0, bottom: 0, right: 2 },
      style: { bold: true, fill: "#D9E1F2", horizontalAlignment: "center" },
    },
    { range: { top: 0, left: 2, bottom: 3, right: 2 }, style: { fill: "#FF0000", bold: undefined } },
  ],
  notes: [
    { row: 0, col: 1, text: "旧" },
    { row: 0, col: 0, text: "A" },
    { row: 0, col: 1, text: "新\n第二行" },
  ],
};

/** The top-level elements of CT_Worksheet, in the order the schema requires. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

describe("layoutCells", () => {
  const cells = layoutCells(base);
  const at = (row: number, col: number) => cells.find((c) => c.row === row && c.col === col);

  it("gives the cells with a value, a formula or a format, row by row", () => {
    expect(cells.map((c) => [c.row, c.col])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
      [3, 2],
    ]);
    expect(at(1, 1)).toMatchObject({ value: 1.5, formula: "1+0.5", format: { numFmt: "0.00" } });
    // A missing score keeps its column's format; a text cell is text.
    expect(at(2, 1)).toMatchObject({ value: null, format: { numFmt: "0.00" } });
    expect(at(2, 0)?.format.numFmt).toBe("@");
  });

  it("applies styled ranges in order, a later one winning property by property", () => {
    expect(at(0, 2)?.format).toEqual({ numFmt: null, bold: true, fill: "#FF0000", horizontalAlignment: "center" });
    expect(at(0, 0)?.format).toEqual({ numFmt: null, bold: true, fill: "#D9E1F2", horizontalAlignment: "center" });
    expect(at(3, 2)).toMatchObject({ value: null, format: { fill: "#FF0000" } });
    expect(isPlainFormat(at(1, 0)!.format)).toBe(true);
    expect(formatKey({ numFmt: null, fill: "#ff0000" })).toBe(formatKey({ numFmt: null, fill: "#FF0000" }));
  });
});

describe("layoutCells with formulas listed out of row order", () => {
  it("gives what the same formulas listed row by row give (a later formula for a cell still wins)", () => {
    const formula = fc.record({
      row: fc.integer({ min: 0, max: 6 }),
      col: fc.integer({ min: 0, max: 3 }),
      formula: fc.constantFrom("=1", "=A1", "=B2*2", '="x"'),
    });
    fc.assert(
      fc.property(fc.array(formula, { maxLength: 30 }), (formulas) => {
        const byRowStable = formulas
          .map((f, k) => ({ f, k }))
          .sort((a, b) => a.f.row - b.f.row || a.k - b.k)
          .map(({ f }) => f);
        const cells = (list: typeof formulas) =>
          layoutCells({ ...base, formulas: list }).map((c) => [c.row, c.col, c.value, c.formula, formatKey(c.format)]);
        expect(cells(formulas)).toEqual(cells(byRowStable));
      }),
    );
  });
});

describe("worksheetXml", () => {
  const cells = layoutCells(base);
  const xml = worksheetXml(base, cells, {
    styleIndex: (f) => (f.bold ? 7 : 3),
    tabSelected: false,
    legacyDrawing: "rId2",
  });
  const doc = parseXml(xml);

  it("puts its elements in the order of CT_Worksheet", () => {
    const names = doc.root.children.map((c) => c.local);
    expect(names).toEqual([
      "dimension",
      "sheetViews",
      "cols",
      "sheetData",
      "autoFilter",
      "pageMargins",
      "legacyDrawing",
    ]);
    const positions = names.map((n) => WORKSHEET_ORDER.indexOf(n));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
  });

  it("writes each kind of cell, a frozen top row, and the range of everything written", () => {
    expect(xml).toContain('<dimension ref="A1:C4"/>');
    expect(xml).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>',
    );
    expect(xml).toContain('<c r="A1" s="7" t="inlineStr"><is><t>名</t></is></c>');
    expect(xml).toContain('<c r="A2" t="inlineStr"><is><t>甲</t></is></c>');
    expect(xml).toContain('<c r="B2" s="3"><f>1+0.5</f><v>1.5</v></c>');
    expect(xml).toContain('<c r="C3" s="3" t="b"><v>1</v></c>');
    expect(xml).toContain('<c r="B3" s="3"/>');
    expect(xml).toContain('<row r="4"><c r="C4" s="3"/></row>');
    expect(xml).toContain('<col min="2" max="2" width="12" customWidth="1"/>');
    expect(xml).toContain('<autoFilter ref="A1:C3"/>');
    expect(xml).toContain('<legacyDrawing r:id="rId2"/>');
  });

  it("freezes columns alone in the top-right pane, and both in the bottom-right one", () => {
    const cols = worksheetXml({ ...base, freeze: { rows: 0, columns: 2 } }, cells, {
      styleIndex: () => 0,
      tabSelected: true,
      legacyDrawing: null,
    });
    expect(cols).toContain(
      '<sheetView tabSelected="1" workbookViewId="0"><pane xSplit="2" topLeftCell="C1" activePane="topRight" state="frozen"/>',
    );
    const both = worksheetXml({ ...base, freeze: { rows: 1, columns: 2 } }, cells, {
      styleIndex: () => 0,
      tabSelected: false,
      legacyDrawing: null,
    });
    expect(both).toContain('<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>');
    expect(both).not.toContain("legacyDrawing");
  });
});

describe("the rows handed on as they are written", () => {
  it("come in pieces of at most 64K characters, below V8's large-object size even as two-byte text", () => {
    // 3,000 rows of Chinese text and formulas: about 460K characters of rows in all.
    const rows = 3000;
    const layout: SheetLayout = {
      ...base,
      values: Array.from({ length: rows }, (_, r) => [`第${r}行：经营业绩考核得分`, r]),
      formulas: Array.from({ length: rows }, (_, r) => ({ row: r, col: 2, formula: `='经营业绩'!D${r + 1}*0.3` })),
      textCells: [],
      styles: [],
      notes: [],
      autoFilter: null,
    };
    const pieces: string[] = [];
    const frame = writeWorksheetXml(
      layout,
      { forEachCell: (visit) => layoutCells(layout).forEach((c) => visit(c.row, c.col, c.value, c.formula, c.format)) },
      { styleIndex: () => 1, tabSelected: false, legacyDrawing: null },
      (text) => pieces.push(text),
    );
    const all = pieces.join("");
    expect(all.length).toBeGreaterThan(400_000);
    expect(pieces.length).toBeGreaterThan(4);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(1 << 16);
    // The pieces are the rows, whole and in order.
    const doc = parseXml(frame.head + all + frame.tail);
    const sheetData = doc.root.children.find((c) => c.local === "sheetData")!;
    expect(sheetData.children.length).toBe(rows);
  });
});

describe("notes", () => {
  const notes = notesInOrder(base.notes);

  it("keeps one note per cell, the last given, row by row", () => {
    expect(notes.map((n) => [n.row, n.col, n.text])).toEqual([
      [0, 0, "A"],
      [0, 1, "新\n第二行"],
    ]);
  });

  it("writes the comments part and a VML shape for each, with ids in the drawing's block", () => {
    const comments = commentsXml(notes);
    parseXml(comments);
    expect(comments).toContain(
      '<comment ref="B1" authorId="0"><text><r><rPr><sz val="9"/></rPr><t xml:space="preserve">新\n第二行</t></r></text></comment>',
    );
    const vml = vmlXml(notes, 3, [10, 12, 8]);
    parseXml(vml);
    expect(vml).toContain('<o:idmap v:ext="edit" data="3"/>');
    expect([...vml.matchAll(/id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]))).toEqual([3073, 3074]);
    expect(vml).toContain("<x:Row>0</x:Row><x:Column>1</x:Column>");
  });
});

describe("escapeXstring", () => {
  it("escapes the underscore of what Excel would read as an escaped character, and only that", () => {
    expect(escapeXstring("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeXstring("a_x00zz_ _x1234 _X0041_")).toBe("a_x00zz_ _x1234 _X0041_");
    expect(escapeXstring("_x005F_x0041_")).toBe("_x005F_x005F_x005F_x0041_");
  });
});

describe("worksheetXml for a sheet meant for paper (the printable ballots)", () => {
  const paper: SheetLayout = {
    ...base,
    freeze: { rows: 0, columns: 0 },
    autoFilter: null,
    notes: [],
    merges: [
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 0 },
    ],
    rowHeights: [
      { row: 5, height: 30 },
      { row: 0, height: 36 },
      { row: 4, height: 12.5 },
    ],
    print: {
      paper: "A4",
      orientation: "portrait",
      fitTo: { width: 1, height: 0 },
      titleRows: null,
      header: "",
      footer: "",
      rowBreaks: [3, 0, 3],
      margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
      centerHorizontally: true,
    },
  };
  const xml = worksheetXml(paper, layoutCells(paper), { styleIndex: () => 1, tabSelected: true, legacyDrawing: null });
  const doc = parseXml(xml);

  it("puts sheetPr, mergeCells and the print elements where CT_Worksheet wants them", () => {
    const names = doc.root.children.map((c) => c.local);
    expect(names).toEqual([
      "sheetPr",
      "dimension",
      "sheetViews",
      "cols",
      "sheetData",
      "mergeCells",
      "printOptions",
      "pageMargins",
      "pageSetup",
      "rowBreaks",
    ]);
    const positions = names.map((n) => WORKSHEET_ORDER.indexOf(n));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
  });

  it("A4 portrait, one page wide, a manual break before each row that starts a page (not before the first)", () => {
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<printOptions horizontalCentered="1"/>');
    expect(xml).toContain('<pageMargins left="0.6" right="0.6" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain('<rowBreaks count="1" manualBreakCount="1"><brk id="3" max="16383" man="1"/></rowBreaks>');
    expect(xml).toContain('<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A2:A3"/></mergeCells>');
  });

  it("row heights on the rows with cells, and rows of their own (in order) for those without", () => {
    expect(xml).toContain('<row r="1" ht="36" customHeight="1"><c r="A1"');
    expect(xml).toMatch(
      /<\/row><row r="5" ht="12.5" customHeight="1"\/><row r="6" ht="30" customHeight="1"\/><\/sheetData>/,
    );
    const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it("a format with a face, a size or a border has its own key", () => {
    expect(formatKey({ numFmt: null, bold: true })).toBe(
      JSON.stringify([null, true, null, null, null, null, null, null, null, null]),
    );
    expect(formatKey({ numFmt: null, border: "thin" })).not.toBe(formatKey({ numFmt: null }));
    expect(formatKey({ numFmt: null, fontSize: 16 })).not.toBe(formatKey({ numFmt: null, fontSize: 10 }));
  });
});

describe("the worksheet's rows, well-formed by construction (graft.ts checks only the frame)", () => {
  // Any text at all: control characters, lone surrogates, markup, references, `]]>`, `_x0041_`.
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom("<c>", "&amp;", "&", "]]>", "a\r\nb", " x ", "_x0041_", "\"'", "\u0000\u001b\ud800\uffff"),
  );
  const value = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
  const layouts = fc
    .record({
      values: fc.array(fc.array(value, { maxLength: 5 }), { maxLength: 6 }),
      formulas: fc.array(fc.record({ row: fc.nat(7), col: fc.nat(5), formula: text }), { maxLength: 4 }),
      textCells: fc.array(fc.record({ row: fc.nat(7), col: fc.nat(5) }), { maxLength: 4 }),
      heights: fc.array(fc.record({ row: fc.nat(9), height: fc.integer({ min: 1, max: 400 }) }), { maxLength: 4 }),
      styles: fc.array(
        fc.record({
          top: fc.nat(7),
          left: fc.nat(5),
          // -1: a range ending above its top, as an empty table's body gives; 0: a range of one row.
          rows: fc.integer({ min: -1, max: 3 }),
          cols: fc.nat(3),
          style: fc.record(
            {
              bold: fc.boolean(),
              fill: fc.constantFrom("#FF0000", "#d9e1f2", "#D9E1F2"),
              wrapText: fc.boolean(),
              horizontalAlignment: fc.constantFrom("center" as const, "left" as const),
            },
            { requiredKeys: [] },
          ),
        }),
        { maxLength: 5 },
      ),
      numFmts: fc.array(fc.constantFrom(null, "0.00", "0%"), { minLength: 6, maxLength: 6 }),
      headerRows: fc.nat(2),
      // Listed row by row, as the layouts list them (laidOutRows then takes them as slices), or in any order.
      rowByRow: fc.boolean(),
    })
    .map((r): SheetLayout => ({
      ...base,
      values: r.values,
      formulas: r.rowByRow ? [...r.formulas].sort((a, b) => a.row - b.row) : r.formulas,
      textCells: r.rowByRow ? [...r.textCells].sort((a, b) => a.row - b.row) : r.textCells,
      rowHeights: r.heights,
      headerRows: r.headerRows,
      columns: r.numFmts.map((numberFormat) => ({ width: 9, numberFormat })),
      styles: (r.rowByRow ? [...r.styles].sort((a, b) => a.top - b.top) : r.styles).map((s) => ({
        range: { top: s.top, left: s.left, bottom: s.top + s.rows, right: s.left + s.cols },
        style: s.style,
      })),
    }));

  it("writes rows that are well-formed XML whatever the texts", () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        const xml = worksheetXml(layout, layoutCells(layout), {
          styleIndex: (f) => formatKey(f).length,
          tabSelected: false,
          legacyDrawing: null,
        });
        checkWellFormed(xml);
      }),
      { numRuns: 300 },
    );
  });

  it("gives each cell its base format changed by every styled range over it, in order", () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        const got = layoutCells(layout).map((c) => [c.row, c.col, c.value, c.formula, formatKey(c.format)]);
        // The rule, written out cell by cell.
        const want: unknown[] = [];
        let last = layout.values.length - 1;
        for (const p of [...layout.formulas, ...layout.textCells]) last = Math.max(last, p.row);
        for (const s of layout.styles) last = Math.max(last, s.range.bottom);
        for (let row = 0; row <= last; row++) {
          for (let col = 0; col < 12; col++) {
            const format: CellFormat = { numFmt: null };
            const data = row >= layout.headerRows && row < layout.values.length;
            if (data && layout.columns[col]?.numberFormat) format.numFmt = layout.columns[col].numberFormat;
            if (layout.textCells.some((t) => t.row === row && t.col === col)) format.numFmt = "@";
            for (const { range, style } of layout.styles) {
              if (range.top <= row && row <= range.bottom && range.left <= col && col <= range.right) {
                for (const [k, v] of Object.entries(style)) if (v !== undefined) Object.assign(format, { [k]: v });
              }
            }
            const value = layout.values[row]?.[col] ?? null;
            const f = layout.formulas.filter((x) => x.row === row && x.col === col).pop();
            const formula = f ? f.formula.replace(/^=/, "") : null;
            if (value !== null || formula !== null || !isPlainFormat(format)) {
              want.push([row, col, value, formula, formatKey(format)]);
            }
          }
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
