import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../src/workbook/read";
import { ECONOMIC, LEADERS, TWO_INDICATORS, VOTES, WORK, brief, read, sheet, smallBook, withCell } from "./helpers";

describe("readWorkbook — the workbook as a whole", () => {
  it("reads a clean workbook without diagnostics", () => {
    const r = read();
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.input.leaders.map((l) => l.name)).toEqual(["甲", "乙"]);
    expect(r.input.economics.map((u) => u.unit)).toEqual(["一公司", "二公司"]);
    expect(r.input.work.map((u) => u.unit)).toEqual(["一公司", "二公司"]);
    expect(r.input.votes).toHaveLength(24);
    expect(r.input.adjustments).toEqual([]);
    expect(r.input.candidates).toBeNull();
    expect(r.input.sheetOrder).toEqual(["考核对象", "经营业绩", "工作评价", "民主测评"]);
  });

  it("reports each missing required sheet by its name, after the present ones in the standard order", () => {
    const r = readWorkbook(
      [sheet("说明", [["x"]]), sheet("民主测评", VOTES), sheet("考核对象", LEADERS)],
      TWO_INDICATORS,
    );
    expect(r.errors.map((d) => [d.cell, d.code])).toEqual([
      ["经营业绩", "missingSheet"],
      ["工作评价", "missingSheet"],
    ]);
    expect(r.errors[0].message).toBe("缺少工作表「经营业绩」");
    // The present sheets are still read.
    expect(r.input.leaders).toHaveLength(2);
    expect(r.input.votes).toHaveLength(24);
  });

  it("matches sheet names after trimming, and only exactly", () => {
    const book = smallBook();
    book[0] = { ...book[0], name: " 考核对象 " };
    book[1] = { ...book[1], name: "经营业绩表" };
    const r = readWorkbook(book, TWO_INDICATORS);
    expect(brief(r.errors)).toEqual(["经营业绩 missingSheet"]);
    expect(r.input.leaders).toHaveLength(2);
    expect(r.input.sheets["考核对象"]?.sheet).toBe(" 考核对象 ");
  });

  it("ignores 考核方法, 考核结果 and any other sheet", () => {
    const book = [
      sheet("考核方法", [["garbage"]]),
      ...smallBook(),
      sheet("考核结果", [["姓名"], [{ error: "#REF!" }]]),
      sheet("Sheet1", [["单位"], ["x"]]),
    ];
    const r = readWorkbook(book, TWO_INDICATORS);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it("collects every error of the workbook and sorts them in tab, row and column order", () => {
    const book = smallBook({
      leaders: withCell(withCell(LEADERS, 2, 3, "兼职"), 1, 0, null),
      economic: withCell(withCell(ECONOMIC, 2, 4, "约2100"), 1, 2, "#N/A"),
      work: withCell(WORK, 1, 1, 120),
      votes: withCell(withCell(VOTES, 3, 5, -1), 2, 2, "路人"),
    });
    // Put 民主测评 first in tab order: its errors come first.
    const r = readWorkbook([book[3], book[0], book[1], book[2]], TWO_INDICATORS);
    expect(brief(r.errors)).toEqual([
      "民主测评!C3 unknownGroup",
      "民主测评!F4 invalidVote",
      "考核对象!A2 blankName",
      "考核对象!D3 unknownMode",
      "经营业绩!C2 invalidNumber",
      "经营业绩!E3 invalidNumber",
      "工作评价!B2 outOfRange",
    ]);
  });

  it("gives a SheetMap for every standard sheet it reads", () => {
    const r = read({
      adjustments: [
        ["单位", "类型", "分值"],
        ["一公司", "加分", 1],
      ],
      qualification: [
        ["姓名", "出生日期"],
        ["郑一", "1980.1"],
      ],
    });
    expect(r.input.sheets["考核对象"]).toEqual({
      sheet: "考核对象",
      headerRow: 0,
      headerEndRow: 0,
      columns: { 姓名: 0, 单位: 1, 职务: 2, 任职模式: 3 },
      dataRows: [1, 2],
    });
    expect(r.input.sheets["经营业绩"]?.columns).toEqual({
      单位: 0,
      "实现利润|目标": 1,
      "实现利润|完成": 2,
      "主营业务收入|目标": 3,
      "主营业务收入|完成": 4,
    });
    expect(r.input.sheets["工作评价"]?.columns).toEqual({
      单位: 0,
      重点工作: 1,
      党的建设: 2,
      安全稳定: 3,
      否决事项: 4,
    });
    expect(r.input.sheets["民主测评"]?.columns).toEqual({
      姓名: 0,
      单位: 1,
      测评人类别: 2,
      维度: 3,
      优秀: 4,
      称职: 5,
      基本称职: 6,
      不称职: 7,
    });
    expect(r.input.sheets["民主测评"]?.dataRows).toHaveLength(24);
    expect(r.input.sheets["加减分"]?.dataRows).toEqual([1]);
    expect(r.input.sheets["资质审查"]?.columns).toEqual({ 姓名: 0, 出生日期: 1 });
  });

  it("reports missing required headers on A1, or on the row that matched most of them", () => {
    const r = read({
      leaders: [["名单"], ["序号", "姓名", "单位", "岗位"], [1, "甲", "一公司", "党委书记"]],
      work: [
        ["公司", "重点工作"],
        ["一公司", 90],
      ],
    });
    expect(brief(r.errors)).toEqual(["考核对象!A2 missingColumn", "工作评价!A1 missingColumn"]);
    expect(r.errors[0].message).toBe("第2行的表头缺少必需的列「职务」");
    expect(r.errors[1].message).toBe("前10行中找不到表头：缺少必需的列「单位」");
    expect(r.input.sheets["考核对象"]).toBeUndefined();
  });

  it("reports every missing required header of a sheet", () => {
    const r = read({
      votes: [
        ["姓名", "单位", "维度", "优秀", "称职"],
        ["甲", "一公司", "德", 1, 2],
      ],
    });
    expect(r.errors.map((d) => [d.cell, d.code, d.message])).toEqual([
      ["民主测评!A1", "missingColumn", "第1行的表头缺少必需的列「测评人类别」"],
      ["民主测评!A1", "missingColumn", "第1行的表头缺少必需的列「基本称职」"],
      ["民主测评!A1", "missingColumn", "第1行的表头缺少必需的列「不称职」"],
    ]);
  });

  it("skips blank, total and footnote rows and rows with only a 序号", () => {
    const r = read({
      work: [
        ["工作评价表"],
        ["序号", "单位", "重点工作", "党的建设", "安全稳定"],
        [1, "一公司", 90, 90, 90],
        [],
        [null, "  ", null],
        [2, "二公司", 80, 80, 80],
        [3, null, null, null, null],
        ["合计", null, 170, 170, 170],
        [null, "小 计：", 1, 1, 1],
        ["总计", null, 1],
        ["注：评分由党建部提供", null],
        ["说明", "以下为补充"],
        ["备注：无"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.sheets["工作评价"]?.dataRows).toEqual([2, 5]);
    expect(r.input.work.map((u) => u.unit)).toEqual(["一公司", "二公司"]);
  });

  it("warns about a standard sheet without data rows", () => {
    const r = read({ work: [["单位", "重点工作", "党的建设", "安全稳定"]] });
    expect(brief(r.warnings)).toEqual(["考核对象!B2 unitMissing", "考核对象!B3 unitMissing", "工作评价!A1 noData"]);
  });

  it("warns about a repeated column and uses the first", () => {
    const r = read({
      work: withCell(withCell(withCell(WORK, 0, 5, "重点工作"), 1, 5, 10), 2, 5, 20),
    });
    expect(brief(r.warnings)).toEqual(["工作评价!F1 duplicateColumn"]);
    expect(r.warnings[0].message).toBe("「重点工作」列重复，使用B列，此列被忽略");
    expect(r.input.work[0].keyTasks.value).toBe(90);
  });

  it("reads 2,000 leaders × 12 vote rows", () => {
    const n = 2000;
    const leaders: (string | null)[][] = [["姓名", "单位", "职务", "工号"]];
    const econ: (string | number)[][] = [
      ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
    ];
    const work: (string | number)[][] = [["单位", "重点工作", "党的建设", "安全稳定"]];
    const votes: (string | number)[][] = [
      ["工号", "姓名", "单位", "测评人类别", "维度", "优秀", "称职", "基本称职", "不称职"],
    ];
    for (let i = 0; i < n; i++) {
      leaders.push([`人${i}`, `公司${i}`, "党委书记", `E${i}`]);
      econ.push([`公司${i}`, 100, 100 + (i % 7), 1000, 990]);
      work.push([`公司${i}`, 90, 90, 90]);
      for (const g of ["上级", "同级", "下级"])
        for (const d of ["德", "能", "勤", "廉"]) votes.push([`E${i}`, `人${i}`, `公司${i}`, g, d, 3, 2, 1, 0]);
    }
    const r = readWorkbook(
      [sheet("考核对象", leaders), sheet("经营业绩", econ), sheet("工作评价", work), sheet("民主测评", votes)],
      TWO_INDICATORS,
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.input.leaders).toHaveLength(n);
    expect(r.input.votes).toHaveLength(n * 12);
    expect(r.input.votes[n * 12 - 1].employeeId).toBe(`E${n - 1}`);
  });
});
