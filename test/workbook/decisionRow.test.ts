/** Where 记录组织决定 writes: the leader's row found as the reader finds it, else a new row below everything. */
import { describe, expect, it } from "vitest";
import { planDecision } from "../../src/workbook/decisionRow";
import type { CellValue } from "../../src/workbook/grid";

const sheet = (rows: CellValue[][]) => ({ name: "组织决定", rows });
const 乙 = { name: "乙", unit: "二公司", employeeId: null };

describe("planDecision", () => {
  it("below the header of a new sheet: 姓名, 单位, 等次, 依据", () => {
    const p = planDecision(sheet([["姓名", "单位", "等次", "依据"]]), 乙, { grade: "优秀", basis: " 党委会 " });
    expect(p).toEqual({
      ok: true,
      row: 1,
      replaced: null,
      addedBasisColumn: false,
      cells: [
        { row: 1, col: 0, value: "乙" },
        { row: 1, col: 1, value: "二公司" },
        { row: 1, col: 2, value: "优秀" },
        { row: 1, col: 3, value: "党委会" },
      ],
    });
  });

  it("the leader's row, matched after normalization (full-width, spaces), in columns in any order", () => {
    const p = planDecision(
      sheet([
        ["组织决定"],
        ["序号", "等次", "依据", "单位", "姓名"],
        [1, "称职", "旧", "二 公司", "乙"],
        [2, "优秀", "", "一公司", "甲"],
      ]),
      乙,
      { grade: "基本称职", basis: "新" },
    );
    expect(p).toMatchObject({
      ok: true,
      row: 2,
      replaced: { grade: "称职", basis: "旧" },
      cells: [
        { row: 2, col: 1, value: "基本称职" },
        { row: 2, col: 2, value: "新" },
      ],
    });
  });

  it("by 工号 where the leader and the row have one, whatever the name says; by name where the row has none", () => {
    const rows: CellValue[][] = [
      ["姓名", "单位", "工号", "等次"],
      ["乙（曾用名）", "二公司", "E02", "称职"],
      ["乙", "二公司", "E09", "称职"],
    ];
    expect(planDecision(sheet(rows), { ...乙, employeeId: "E02" }, { grade: "优秀", basis: "" })).toMatchObject({
      row: 1,
    });
    const noId: CellValue[][] = [rows[0], ["乙", "二公司", null, "称职"]];
    expect(planDecision(sheet(noId), { ...乙, employeeId: "E02" }, { grade: "优秀", basis: "" })).toMatchObject({
      row: 1,
    });
    // A new row carries the 工号 when the sheet has the column.
    const added = planDecision(sheet([rows[0]]), { ...乙, employeeId: "E02" }, { grade: "优秀", basis: "" });
    expect(added.ok && added.cells).toContainEqual({ row: 1, col: 2, value: "E02" });
  });

  it("a sheet without 依据 gets the column after its last header when there is a basis to write", () => {
    const p = planDecision(
      sheet([
        ["姓名", "单位", "等次", "备注"],
        ["乙", "二公司", "称职", "x"],
      ]),
      乙,
      {
        grade: "优秀",
        basis: "党委会",
      },
    );
    expect(p).toMatchObject({
      ok: true,
      addedBasisColumn: true,
      replaced: { grade: "称职", basis: "" },
      cells: [
        { row: 0, col: 4, value: "依据" },
        { row: 1, col: 2, value: "优秀" },
        { row: 1, col: 4, value: "党委会" },
      ],
    });
    const without = planDecision(sheet([["姓名", "单位", "等次"]]), 乙, { grade: "优秀", basis: "" });
    expect(without).toMatchObject({ addedBasisColumn: false, cells: [{ col: 0 }, { col: 1 }, { col: 2 }] });
  });

  it("a new row goes below the last filled row, footnotes and blank rows included", () => {
    const p = planDecision(
      sheet([["姓名", "单位", "等次"], ["甲", "一公司", "优秀"], [], ["注：……"], [null, null]]),
      乙,
      { grade: "称职", basis: "" },
    );
    expect(p).toMatchObject({ ok: true, row: 4 });
  });

  it("no header found: refused at the row that came closest, naming what is missing", () => {
    const p = planDecision(sheet([["说明"], ["姓名", "单位", "结论"]]), 乙, { grade: "优秀", basis: "" });
    expect(p).toEqual({
      ok: false,
      cell: "组织决定!A2",
      message: expect.stringContaining("缺少等次"),
    });
    expect(planDecision(sheet([["随便"]]), 乙, { grade: "优秀", basis: "" })).toMatchObject({
      ok: false,
      cell: "组织决定!A1",
    });
  });
});
