/** 公式模式 in the pane: the switch follows the workbook until the user sets it. */
import { describe, expect, it } from "vitest";
import type { InspectResult } from "../../src/excel/addin";
import { initialState } from "../../src/taskpane/app";
import { formulasMode } from "../../src/taskpane/views/calculate";

const inspected = (formulas: boolean) => ({ results: { exists: true, formulas } }) as unknown as InspectResult;

describe("formulasMode", () => {
  it("is off before the workbook is read, and follows what its 考核结果 holds", () => {
    const s = initialState();
    expect(formulasMode(s)).toBe(false);
    s.inspect = inspected(true);
    expect(formulasMode(s)).toBe(true);
    s.inspect = inspected(false);
    expect(formulasMode(s)).toBe(false);
  });

  it("the user's choice wins over the workbook's, both ways", () => {
    const s = initialState();
    s.inspect = inspected(true);
    s.formulas = false;
    expect(formulasMode(s)).toBe(false);
    s.inspect = inspected(false);
    s.formulas = true;
    expect(formulasMode(s)).toBe(true);
  });
});
