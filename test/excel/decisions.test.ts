/**
 * 记录组织决定 on the fake Excel: one row of 组织决定 written (the sheet created with its header and drop-down
 * when absent, the leader's earlier row replaced in place), in two round trips, nothing else touched; 计算
 * afterwards gives the decided grade, flagged. And 状态 (inspect) counting circumstances and decisions.
 */
import { describe, expect, it } from "vitest";
import { KaopingExcelError } from "../../src/excel/addin";
import type { CellValue, GridBook } from "../../src/workbook/grid";
import { example1Book } from "../e2e/example1Book";
import { FakeExcel, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import { TODAY, addinOn, dumpsExcept } from "./helpers";

const BASIS = "2026年1月8日党委会研究决定";
const 乙 = { name: "乙", unit: "二公司", employeeId: null };

function fakeOf(extra: GridBook = [], requirements = "Microsoft 365"): FakeExcel {
  return new FakeExcel(workbookFromGridBook([...example1Book(), ...extra]), { requirements });
}

const rowsOf = (fake: FakeExcel, name: string): CellValue[][] =>
  gridBookOf(fake.state).find((g) => g.name === name)!.rows;

/** The dumps without 考核结果, the snapshot and 组织决定. */
const others = (fake: FakeExcel) => dumpsExcept(fake.state, ["考核结果", "_kaoping_snapshot", "组织决定"]);

describe("记录组织决定", () => {
  it("creates 组织决定 with its header and drop-down, writes one row in two round trips, touches nothing else", async () => {
    const fake = fakeOf();
    const addin = addinOn(fake);
    const before = others(fake);
    const r = await addin.recordDecision({ leader: 乙, grade: "优秀", basis: BASIS });
    expect(r).toMatchObject({ ok: true, sheet: "组织决定", created: true, cell: "组织决定!A2", replaced: null });
    expect(r.syncs).toBe(2);
    expect(fake.stats.syncs).toBe(2);
    expect(rowsOf(fake, "组织决定")).toEqual([
      ["姓名", "单位", "等次", "依据"],
      ["乙", "二公司", "优秀", BASIS],
    ]);
    const d = dumpWorkbook(fake.state)["组织决定"];
    expect(d.validations.find((v) => v.range === "C2:C1048576")!.rule).toEqual({
      list: { inCellDropDown: true, source: "优秀,称职,基本称职,不称职" },
    });
    expect(d.cells.A1).toMatchObject({ bold: true });
    expect(others(fake)).toEqual(before);

    // 计算 then applies it: 乙 优秀, flagged, the computed grade kept in the explanation.
    fake.resetStats();
    const calc = await addin.calculate({ today: TODAY });
    if (!calc.ok) throw new Error(JSON.stringify(calc));
    const l = calc.assessment.leaders.find((x) => x.name === "乙")!;
    expect(l.grade).toBe("优秀");
    expect(l.explain.grade.computed).toBe("称职");
    expect(l.flags.find((f) => f.code === "committee")).toMatchObject({
      message: `经组织研究确定为优秀（原为称职，${BASIS}）`,
      cells: ["组织决定!A2"],
    });
    expect(calc.assessment.summary.decided).toBe(1);
    expect(calc.syncs).toBe(3);
  });

  it("replaces that leader's earlier row in place — its 等次 and 依据 only — and no other row", async () => {
    const decisions: CellValue[][] = [
      ["2025年度组织决定"],
      ["姓名", "单位", "等次", "依据", "备注"],
      ["甲", "一公司", "优秀", "第一次会议", "保留"],
      ["乙 ", "二公司", "称职", "第一次会议", "保留"],
      ["注：每人一行"],
    ];
    const fake = fakeOf([{ name: "组织决定", rows: decisions }]);
    const before = dumpWorkbook(fake.state)["组织决定"];
    const r = await addinOn(fake).recordDecision({ leader: 乙, grade: "基本称职", basis: BASIS });
    expect(r).toMatchObject({
      ok: true,
      created: false,
      cell: "组织决定!A4",
      replaced: { grade: "称职", basis: "第一次会议" },
      addedBasisColumn: false,
    });
    expect(r.syncs).toBe(2);
    const after = dumpWorkbook(fake.state)["组织决定"];
    const changed = Object.keys({ ...before.cells, ...after.cells })
      .filter((k) => JSON.stringify(before.cells[k]) !== JSON.stringify(after.cells[k]))
      .sort();
    expect(changed).toEqual(["C4", "D4"]);
    expect(rowsOf(fake, "组织决定")[3]).toEqual(["乙 ", "二公司", "基本称职", BASIS, "保留"]);
    expect(after.validations).toEqual(before.validations);
  });

  it("adds a row below everything on the sheet (a footnote included) for a leader without one", async () => {
    const fake = fakeOf([
      {
        name: "组织决定",
        rows: [["姓名", "单位", "等次", "依据"], ["甲", "一公司", "优秀", "第一次会议"], [], ["注：每人一行"]],
      },
    ]);
    const r = await addinOn(fake).recordDecision({ leader: 乙, grade: "称职", basis: "" });
    expect(r).toMatchObject({ ok: true, cell: "组织决定!A5", replaced: null });
    expect(rowsOf(fake, "组织决定").slice(1)).toEqual([
      ["甲", "一公司", "优秀", "第一次会议"],
      [],
      ["注：每人一行"],
      ["乙", "二公司", "称职"],
    ]);
  });

  it("writes text that Excel would take for a date or a formula as text", async () => {
    const fake = fakeOf();
    await addinOn(fake).recordDecision({ leader: 乙, grade: "称职", basis: "2026-01-08" });
    expect(rowsOf(fake, "组织决定")[1][3]).toBe("2026-01-08");
    expect(dumpWorkbook(fake.state)["组织决定"].cells.D2).toMatchObject({ numberFormat: "@" });
    await addinOn(fake).recordDecision({ leader: 乙, grade: "称职", basis: "=会议纪要" });
    expect(rowsOf(fake, "组织决定")[1][3]).toBe("=会议纪要");
  });

  it("a 组织决定 without a header it can find: refused with the cell, nothing written, one round trip", async () => {
    const fake = fakeOf([{ name: "组织决定", rows: [["随便写的"], ["甲", "优秀"]] }]);
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).recordDecision({ leader: 乙, grade: "优秀", basis: BASIS });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.cell).toBe("组织决定!A1");
    expect(r.message).toContain("找不到表头");
    expect(r.syncs).toBe(1);
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("a blank 组织决定 is laid out as the template's; a protected one is refused before anything is written", async () => {
    const blank = fakeOf([{ name: "组织决定", rows: [] }]);
    const r = await addinOn(blank).recordDecision({ leader: 乙, grade: "优秀", basis: BASIS });
    expect(r).toMatchObject({ ok: true, created: true, cell: "组织决定!A2" });
    expect(rowsOf(blank, "组织决定")[0]).toEqual(["姓名", "单位", "等次", "依据"]);

    const locked = fakeOf([{ name: "组织决定", rows: [["姓名", "单位", "等次", "依据"]] }]);
    locked.state.sheet("组织决定")!.protected = true;
    const before = dumpWorkbook(locked.state);
    await expect(addinOn(locked).recordDecision({ leader: 乙, grade: "优秀", basis: BASIS })).rejects.toThrow(
      KaopingExcelError,
    );
    expect(dumpWorkbook(locked.state)).toEqual(before);

    const structure = fakeOf();
    structure.state.protected = true;
    await expect(addinOn(structure).recordDecision({ leader: 乙, grade: "优秀", basis: BASIS })).rejects.toThrow(
      /工作簿结构受保护/,
    );
  });
});

describe("状态 counts what §10 and §12 decide", () => {
  it("rows of 个人情况 and 组织决定, and the leaders pending, ungraded, with circumstances, decided", async () => {
    const fake = fakeOf([
      {
        name: "个人情况",
        rows: [
          ["姓名", "单位", "情形", "天数", "说明"],
          ["丙", "三公司", "诫勉", null, "2025年6月"],
          ["丁", "四公司", "病假", 120, null],
          ["丁", "四公司", "事假", 70, null],
        ],
      },
      {
        name: "组织决定",
        rows: [
          ["姓名", "单位", "等次", "依据"],
          ["乙", "二公司", "优秀", BASIS],
        ],
      },
    ]);
    const status = await addinOn(fake).inspect();
    expect(status.errors).toEqual([]);
    expect(status.syncs).toBe(1);
    expect(status.counts).toMatchObject({ leaders: 4, personalRows: 3, decisionRows: 1 });
    expect(status.summary).toMatchObject({ graded: 3, pending: 0, ungraded: 1, circumstances: 2, decided: 1 });
    expect(status.sheets.map((s) => `${s.name}:${s.found}`)).toEqual([
      "考核对象:true",
      "经营业绩:true",
      "工作评价:true",
      "民主测评:true",
      "加减分:true",
      "资质审查:false",
      "个人情况:true",
      "组织决定:true",
      "考核方法:true",
    ]);
  });

  it("lists the errors only the rules find (a decision for an ungraded leader), as 计算 does", async () => {
    const fake = fakeOf([
      {
        name: "个人情况",
        rows: [
          ["姓名", "单位", "情形"],
          ["丁", "四公司", "严重警告"],
        ],
      },
      {
        name: "组织决定",
        rows: [
          ["姓名", "单位", "等次"],
          ["丁", "四公司", "优秀"],
        ],
      },
    ]);
    const status = await addinOn(fake).inspect();
    expect(status.errors.map((e) => `${e.cell} ${e.code}`)).toEqual(["组织决定!C2 decisionNotGraded"]);
    expect(status.summary).toBeNull();
    const calc = await addinOn(fake).calculate({ today: TODAY });
    expect(calc.ok).toBe(false);
  });

  it("without the optional sheets their counts are null", async () => {
    const status = await addinOn(fakeOf()).inspect();
    expect(status.counts).toMatchObject({ personalRows: null, decisionRows: null });
    expect(status.summary).toMatchObject({ graded: 4, ungraded: 0, circumstances: 0, decided: 0 });
  });
});
