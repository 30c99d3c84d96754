import { describe, expect, it } from "vitest";
import { titleInfo } from "../../src/workbook/titles";
import type { AssessmentInput } from "../../src/workbook/input";

const input = (headerRow: number) =>
  ({
    sheets: { 经营业绩: { sheet: "经营业绩", headerRow, headerEndRow: headerRow, columns: {}, dataRows: [] } },
  }) as unknown as AssessmentInput;

describe("titleInfo", () => {
  it("reads the year and the group from a title row above the header", () => {
    const book = [{ name: "经营业绩", rows: [["恒川能源集团2025年度经营业绩考核指标完成情况"], ["单位"]] }];
    expect(titleInfo(book, input(1))).toEqual({ year: "2025", scope: "恒川能源集团" });
  });
  it("a title that starts with the year has no scope", () => {
    expect(titleInfo([{ name: "经营业绩", rows: [[null, "2024 年度考核"], ["单位"]] }], input(1))).toEqual({
      year: "2024",
    });
  });
  it("nothing above the header: nothing known", () => {
    expect(titleInfo([{ name: "经营业绩", rows: [["单位"]] }], input(0))).toEqual({});
  });
});
