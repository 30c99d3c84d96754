/** 新建模板: the missing standard sheets, ready to fill in, and nothing else touched. */
import { describe, expect, it } from "vitest";
import { resolveMethod } from "../../src/app/score";
import { defaultMethod } from "../../src/method/defaults";
import { templateSheets } from "../../src/excel/template";
import { METHOD_SHEET, methodToSheet, readMethodSheet } from "../../src/workbook/methodSheet";
import { readWorkbook } from "../../src/workbook/read";
import type { CellValue } from "../../src/workbook/grid";
import { FakeExcel, WorkbookState, dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fake";
import type { SheetState } from "./fake/state";
import { TODAY, addinOn } from "./helpers";

const STANDARD = [
  "考核对象",
  "经营业绩",
  "工作评价",
  "民主测评",
  "加减分",
  "资质审查",
  "个人情况",
  "组织决定",
  "考核方法",
];

function emptyBook(requirements = "Microsoft 365"): FakeExcel {
  const wb = new WorkbookState();
  wb.addSheet("Sheet1");
  return new FakeExcel(wb, { requirements });
}

function fill(s: SheetState, top: number, rows: CellValue[][]): void {
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      Object.assign(
        s.edit(top + r, c),
        typeof v === "number" ? { value: v, type: "Double" } : { value: v, type: "String" },
      );
    }),
  );
}

describe("新建模板", () => {
  it("creates every standard sheet in one write, with headers, frozen rows, widths, validation and header notes", async () => {
    const fake = emptyBook("ExcelApi 1.18");
    const r = await addinOn(fake).createTemplate();
    if (!r.ok) throw new Error("refused");
    expect(r.created).toEqual(STANDARD);
    expect(r.syncs).toBe(2);
    expect(fake.stats.requests[1].calculationSuspended).toBe(true);
    expect(fake.state.sheets.map((s) => s.name)).toEqual(["Sheet1", ...STANDARD]);

    const d = dumpWorkbook(fake.state);
    const grids = Object.fromEntries(gridBookOf(fake.state).map((g) => [g.name, g.rows]));
    expect(grids["考核对象"]).toEqual([["姓名", "单位", "职务", "任职模式", "工号"]]);
    expect(grids["民主测评"][0]).toEqual([
      "姓名",
      "单位",
      "测评人类别",
      "维度",
      "优秀",
      "称职",
      "基本称职",
      "不称职",
      "弃权",
    ]);
    expect(grids["经营业绩"][0]).toEqual([
      "单位",
      "实现利润",
      null,
      "主营业务收入",
      null,
      "净资产收益率",
      null,
      "上缴资金",
      null,
      "经营活动现金流入量",
    ]);
    expect(grids["经营业绩"][1]).toEqual([
      null,
      "目标",
      "完成",
      "目标",
      "完成",
      "目标",
      "完成",
      "目标",
      "完成",
      "目标",
      "完成",
    ]);
    expect(d["经营业绩"].merges).toEqual(["A1:A2", "B1:C1", "D1:E1", "F1:G1", "H1:I1", "J1:K1"].sort());
    expect(d["经营业绩"].freeze).toEqual({ rows: 2, columns: 1 });
    expect(d["考核对象"].freeze).toEqual({ rows: 1, columns: 1 });
    expect(d["考核对象"].cells.A1).toMatchObject({ bold: true, fill: "#D9E1F2" });
    for (const name of STANDARD.slice(0, 8)) {
      expect(Object.keys(d[name].widths).length, name).toBeGreaterThan(3);
      // A note on every header cell of the first header row that has text.
      const headers = grids[name][0]
        .map((v, c) => (v === null ? null : String.fromCharCode(65 + c) + "1"))
        .filter(Boolean);
      expect(Object.keys(d[name].notes).sort(), name).toEqual([...headers].sort());
    }
    // Date columns carry a date format below the header.
    expect(d["资质审查"].cells.C2).toEqual({ numberFormat: "yyyy-mm-dd" });
    expect(d["资质审查"].cells.G1001).toEqual({ numberFormat: "yyyy-mm-dd" });

    const lists = (sheet: string) => Object.fromEntries(d[sheet].validations.map((v) => [v.range, v.rule]));
    expect(lists("考核对象")["D2:D1048576"]).toEqual({
      list: { inCellDropDown: true, source: "党政一肩挑,交叉任职,专职书记,党建工作指导员" },
    });
    expect(lists("民主测评")["C2:C1048576"]).toEqual({ list: { inCellDropDown: true, source: "上级,同级,下级" } });
    expect(lists("民主测评")["D2:D1048576"]).toEqual({ list: { inCellDropDown: true, source: "德,能,勤,廉" } });
    expect(lists("加减分")["C2:C1048576"]).toEqual({ list: { inCellDropDown: true, source: "加分,减分" } });
    // Rating words OR numbers: a custom rule, with the words in the input message.
    const keyTasks = d["工作评价"].validations.find((v) => v.range === "B2:B1048576")!;
    expect(keyTasks.rule).toEqual({ custom: { formula: expect.stringContaining("AND(ISNUMBER(B2),B2>=0,B2<=100)") } });
    expect(JSON.stringify(keyTasks.rule)).toContain('B2=\\"较好\\"');
    expect(keyTasks.prompt).toMatchObject({ message: expect.stringContaining("好、较好、一般、差、未完成") });
    const safety = d["工作评价"].validations.find((v) => v.range === "D2:D1048576")!;
    expect(JSON.stringify(safety.rule)).toContain("ISNUMBER(D2)");
    const votes = d["民主测评"].validations.find((v) => v.range === "F2:F1048576")!;
    expect(votes.rule).toEqual({ custom: { formula: "=AND(ISNUMBER(F2),F2>=0,F2=INT(F2))" } });
  });

  it("个人情况: 情形 from a drop-down of the method's rules, 天数 a number ≥ 0; 组织决定: 等次 from the grades", async () => {
    const fake = emptyBook("ExcelApi 1.18");
    await addinOn(fake).createTemplate();
    const d = dumpWorkbook(fake.state);
    const grids = Object.fromEntries(gridBookOf(fake.state).map((g) => [g.name, g.rows]));
    expect(grids["个人情况"]).toEqual([["姓名", "单位", "情形", "天数", "说明"]]);
    expect(grids["组织决定"]).toEqual([["姓名", "单位", "等次", "依据"]]);
    const at = (sheet: string, range: string) => d[sheet].validations.find((v) => v.range === range)!;
    // The rule names; aliases (病假, 记过 …) are typed after a warning, which the reader accepts.
    expect(at("个人情况", "C2:C1048576").rule).toEqual({
      list: { inCellDropDown: true, source: "诫勉,党内警告,党内严重警告,撤销党内职务,立案审查,病事假" },
    });
    expect(at("个人情况", "C2:C1048576").errorAlert).toMatchObject({ style: "Warning" });
    const days = at("个人情况", "D2:D1048576");
    expect(days.rule).toEqual({
      custom: { formula: expect.stringMatching(/^=OR\(AND\(ISNUMBER\(D2\),D2>=0\),D2="-"/) },
    });
    expect(days.errorAlert).toMatchObject({ style: "Stop" });
    expect(at("组织决定", "C2:C1048576").rule).toEqual({
      list: { inCellDropDown: true, source: "优秀,称职,基本称职,不称职" },
    });
    expect(at("组织决定", "C2:C1048576").errorAlert).toMatchObject({ style: "Stop" });
    // The note on 情形 says what each rule does.
    expect(d["个人情况"].notes.C1).toContain("病事假（也可写 病假、事假），累计满 183 天：不确定等次");
  });

  it("个人情况 follows the method: its own rules in the drop-down, none when it has no rules", () => {
    const method = defaultMethod();
    method.personal.rules = [{ name: "组织处理", aliases: ["调整"], effect: "noExcellent" }];
    const sheet = templateSheets(method).find((s) => s.layout.sheet === "个人情况")!;
    expect(sheet.validations!.find((v) => v.range.left === 2)!.rule).toEqual({ list: ["组织处理"] });
    method.personal.rules = [];
    const none = templateSheets(method).find((s) => s.layout.sheet === "个人情况")!;
    expect(none.validations!.some((v) => v.range.left === 2)).toBe(false);
    expect(none.layout.notes.find((n) => n.col === 2)!.text).toContain("没有个人情况规则");
  });

  it("writes a 考核方法 sheet that reads back as the method, section rows bold", async () => {
    const fake = emptyBook();
    await addinOn(fake).createTemplate();
    const grid = gridBookOf(fake.state).find((g) => g.name === METHOD_SHEET)!;
    const back = readMethodSheet(grid);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.method).toEqual(defaultMethod());
    const sheet = methodToSheet(defaultMethod());
    const d = dumpWorkbook(fake.state)[METHOD_SHEET];
    for (const r of sheet.sectionRows) expect(d.cells[`A${r + 1}`]).toMatchObject({ bold: true });
  });

  it("on ExcelApi 1.8 the header notes are input messages", async () => {
    const fake = emptyBook("ExcelApi 1.8");
    const r = await addinOn(fake).createTemplate();
    if (!r.ok) throw new Error("refused");
    expect(r.notesVia).toBe("prompt");
    const d = dumpWorkbook(fake.state)["考核对象"];
    expect(d.notes).toEqual({});
    const a1 = d.validations.find((v) => v.range === "A1")!;
    expect(a1.prompt).toMatchObject({ title: "姓名", message: expect.stringContaining("必填") });
    for (const v of dumpWorkbook(fake.state)["工作评价"].validations) {
      const p = v.prompt as { title: string; message: string } | null;
      if (p) expect([...p.message].length).toBeLessThanOrEqual(255);
    }
  });

  it("never touches an existing sheet, and takes the indicators from the existing 考核方法", async () => {
    const method = { ...defaultMethod(), name: "本集团办法" };
    method.economic = {
      ...method.economic,
      indicators: [{ name: "利润总额", aliases: [], weight: 100, direction: "higher" }],
    };
    const methodGrid = methodToSheet(method).grid;
    const fake = new FakeExcel(
      workbookFromGridBook([
        {
          name: "考核对象",
          rows: [
            ["姓名", "单位", "职务"],
            ["张三", "一公司", "党委书记"],
          ],
        },
        methodGrid,
      ]),
    );
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).createTemplate();
    if (!r.ok) throw new Error("refused");
    expect(r.created).toEqual(["经营业绩", "工作评价", "民主测评", "加减分", "资质审查", "个人情况", "组织决定"]);
    expect(r.kept).toEqual(["考核对象", "考核方法"]);
    const after = dumpWorkbook(fake.state);
    expect(after["考核对象"]).toEqual(before["考核对象"]);
    expect(after["考核方法"]).toEqual(before["考核方法"]);
    expect(gridBookOf(fake.state).find((g) => g.name === "经营业绩")!.rows[0]).toEqual(["单位", "利润总额"]);
  });

  it("refuses with the method sheet's errors, writing nothing", async () => {
    const fake = new FakeExcel(
      workbookFromGridBook([
        {
          name: METHOD_SHEET,
          rows: [
            ["办法"],
            [],
            ["【基本参数】"],
            ["项目", "值", "说明", "键"],
            ["每档得分", "很多", "", "economic.pointsPerStep"],
          ],
        },
      ]),
    );
    const before = dumpWorkbook(fake.state);
    const r = await addinOn(fake).createTemplate();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].cell).toBe("考核方法!B5");
    expect(dumpWorkbook(fake.state)).toEqual(before);
  });

  it("gives a workbook the reader accepts once filled in, and 计算 scores it", async () => {
    const fake = emptyBook();
    const addin = addinOn(fake);
    await addin.createTemplate();
    const st = fake.state;
    fill(st.sheet("考核对象")!, 1, [
      ["张三", "一公司", "党委书记", "交叉任职"],
      ["李四", "二公司", "党委书记", null],
    ]);
    fill(st.sheet("经营业绩")!, 2, [
      ["一公司", 100, 110, 200, 210, 8, 8.5, 50, 50, 300, 330],
      ["二公司", 100, 95, 200, 190, 8, 7, 50, 48, 300, 280],
    ]);
    fill(st.sheet("工作评价")!, 1, [
      ["一公司", "好", 95, 100, null],
      ["二公司", 85, "较好", 90, "无"],
    ]);
    const votes: CellValue[][] = [];
    for (const [n, u] of [
      ["张三", "一公司"],
      ["李四", "二公司"],
    ])
      for (const g of ["上级", "同级", "下级"])
        for (const dim of ["德", "能", "勤", "廉"]) votes.push([n, u, g, dim, 8, 2, 0, 0]);
    fill(st.sheet("民主测评")!, 1, votes);
    const status = await addin.inspect();
    expect(status.errors).toEqual([]);
    expect(status.counts).toMatchObject({ leaders: 2, units: 2, voteRows: 24, candidates: 0 });
    const r = await addin.calculate({ today: TODAY });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.assessment.leaders.map((l) => l.grade)).toEqual(["优秀", "称职"]);
  });

  it("describes each standard sheet the way the reader reads it", () => {
    const sheets = templateSheets(defaultMethod());
    const book = sheets.map((s) => ({ name: s.layout.sheet, rows: s.layout.values as CellValue[][] }));
    const source = resolveMethod(book, undefined);
    if (!source.ok) throw new Error("the template's method sheet does not read");
    const read = readWorkbook(book, source.method);
    expect(read.errors).toEqual([]);
  });
});
