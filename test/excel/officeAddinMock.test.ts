/**
 * The Office template's kind of unit test: office-addin-mock's OfficeMockObject stands in for the `Excel` and
 * `Office` globals, and a function of the add-in runs against it through officeHost() — as in the pane.
 */
import { OfficeMockObject } from "office-addin-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createAddin, officeHost } from "../../src/excel/addin";

const ExcelMockData = {
  context: {
    workbook: {
      worksheets: {
        requested: "",
        sheet: {
          activated: false,
          range: {
            address: "",
            selected: false,
            select: function (this: { selected: boolean }) {
              this.selected = true;
            },
          },
          activate: function (this: { activated: boolean }) {
            this.activated = true;
          },
          getRange: function (this: { range: { address: string } }, address: string) {
            this.range.address = address;
            return this.range;
          },
        },
        getItem: function (this: { requested: string; sheet: unknown }, name: string) {
          this.requested = name;
          return this.sheet;
        },
      },
    },
  },
  run: async function (this: { context: unknown }, callback: (context: unknown) => Promise<unknown>) {
    return callback(this.context);
  },
};

const OfficeMockData = {
  context: {
    requirements: {
      // The lowest Excel that scores: ExcelApi up to 1.8.
      isSetSupported: function (name: string, version: string) {
        return name === "ExcelApi" && Number(version.split(".")[1]) <= 8;
      },
    },
  },
};

const g = globalThis as unknown as Record<string, unknown>;

describe("selectCell (office-addin-mock)", () => {
  afterEach(() => {
    delete g.Excel;
    delete g.Office;
  });

  it("activates the sheet and selects the cell of a diagnostic", async () => {
    const excelMock = new OfficeMockObject(ExcelMockData);
    const officeMock = new OfficeMockObject(OfficeMockData);
    g.Excel = excelMock;
    g.Office = officeMock;

    const addin = createAddin(officeHost());
    expect(addin.supports()).toMatchObject({ version: "1.8", scoring: true, autoFilter: false });
    await addin.selectCell("经营业绩!C4");

    const worksheets = excelMock.context.workbook.worksheets;
    expect(worksheets.requested).toBe("经营业绩");
    expect(worksheets.sheet.activated).toBe(true);
    expect(worksheets.sheet.range.address).toBe("C4");
    expect(worksheets.sheet.range.selected).toBe(true);
  });
});
