/**
 * 考核结果 on paper from the add-in (issue 8, item 3): with ExcelApi 1.9 计算 sets worksheet.pageLayout as the
 * graft sets the file's page setup; an Excel 2019 (1.8) gets the sheet without it, and 计算 says so. Either way
 * the table is in one face with thin lines and its rows as tall as their wrapped text.
 */
import { describe, expect, it } from "vitest";
import { RESULTS_SHEET } from "../../src/excel/gateway";
import { PRINT_FONT, resultsLayout } from "../../src/workbook/layout";
import { defaultPageLayout } from "./fake/state";
import { TODAY, addinOn, example, fakeFromXlsx } from "./helpers";

const ex = example("example-2");

async function run(requirements: string) {
  const fake = await fakeFromXlsx(ex.xlsx, requirements);
  const r = await addinOn(fake).calculate({ today: TODAY, method: ex.method });
  if (!r.ok) throw new Error("not scored");
  return { fake, r, sheet: fake.state.sheet(RESULTS_SHEET)! };
}

describe("计算 with ExcelApi 1.9 and later", () => {
  it("sets the page layout: A4 landscape, one page wide, row 1 repeated, title and page numbers", async () => {
    const { r, sheet } = await run("Microsoft 365");
    expect(r.print).toBe(true);
    expect(r.syncs).toBe(3); // the page setup travels in the write request
    const p = sheet.pageLayout;
    expect(p.orientation).toBe("Landscape");
    expect(p.paperSize).toBe("A4");
    expect(p.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(p.printTitleRows).toBe("$1:$1");
    expect(p.centerHorizontally).toBe(true);
    expect(p.leftMargin).toBeCloseTo(0.4 * 72, 6);
    const year = r.assessment.summary.referenceDate.slice(0, 4);
    expect(p.headerFooter.centerHeader).toBe(`&"${PRINT_FONT},Regular"&14&B${year}年度党组织负责人考核评价结果`);
    expect(p.headerFooter.centerFooter).toBe(`&"${PRINT_FONT},Regular"&10第 &P 页 共 &N 页`);
    expect(p.headerFooter.leftHeader + p.headerFooter.rightHeader).toBe("");
  });

  it("sets every cell of the table in 宋体 with thin lines, and the rows to the layout's heights", async () => {
    const { r, sheet } = await run("Microsoft 365");
    const rows = r.assessment.leaders.length + 1;
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < 17; col++) {
        const c = sheet.get(row, col);
        expect(c?.fontName, `${row},${col}`).toBe(PRINT_FONT);
        expect([c?.borderTop, c?.borderBottom, c?.borderLeft, c?.borderRight]).toEqual(Array(4).fill("Continuous"));
      }
    }
    // Nothing beyond the table gets lines.
    expect(sheet.get(rows, 0)?.borderTop ?? "None").toBe("None");
    expect(sheet.get(0, 17)?.borderLeft ?? "None").toBe("None");
    const heights = resultsLayout(r.assessment).rowHeights!;
    heights.forEach(({ row, height }) => expect(sheet.heights.get(row), `row ${row + 1}`).toBe(height));
  });

  it("a second run over a sheet with taller rows sets every row again", async () => {
    const { fake, r } = await run("Microsoft 365");
    const sheet = fake.state.sheet(RESULTS_SHEET)!;
    sheet.heights.set(1, 200);
    await addinOn(fake).calculate({ today: TODAY, method: ex.method });
    expect(fake.state.sheet(RESULTS_SHEET)!.heights.get(1)).toBe(resultsLayout(r.assessment).rowHeights![1].height);
  });
});

describe("计算 on Excel 2019 (ExcelApi 1.8)", () => {
  it("writes the sheet without touching the page layout, and says so", async () => {
    const { r, sheet } = await run("ExcelApi 1.8");
    expect(r.print).toBe(false);
    expect(sheet.pageLayout).toEqual(defaultPageLayout());
    // The face and the lines need no newer Excel.
    expect(sheet.get(1, 0)?.fontName).toBe(PRINT_FONT);
    expect(sheet.get(1, 0)?.borderLeft).toBe("Continuous");
  });
});
