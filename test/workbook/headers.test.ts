import { describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import {
  columnSpec,
  findEconomicHeader,
  findHeader,
  indicatorLookup,
  parseIndicatorHeader,
  roleOfWord,
} from "../../src/workbook/headers";
import { sheet } from "./helpers";

const LEADER_SPECS = [
  columnSpec("姓名", true),
  columnSpec("单位", true),
  columnSpec("职务", true),
  columnSpec("任职模式", false),
  columnSpec("工号", false),
];

function columnsOf(r: ReturnType<typeof findHeader>): Record<string, number> {
  if (!r.found) throw new Error("header not found");
  return Object.fromEntries(r.header.columns);
}

describe("findHeader", () => {
  it("takes the first of the first ten rows holding every required header, in any column order", () => {
    const g = sheet("考核对象", [
      ["2024年度考核对象名单"],
      [],
      ["序号", "职务", " 单 位 ", "姓名（全名）", "备注", "工号"],
      [1, "党委书记", "一公司", "甲"],
    ]);
    const r = findHeader(g, LEADER_SPECS);
    expect(r.found && r.header.headerRow).toBe(2);
    expect(r.found && r.header.headerEndRow).toBe(2);
    expect(columnsOf(r)).toEqual({ 职务: 1, 单位: 2, 姓名: 3, 工号: 5 });
  });

  it("folds full width, spaces, units in brackets and case", () => {
    const specs = [columnSpec("实现利润", true), columnSpec("roe", true)];
    const g = sheet("s", [["实现利润（万元）", "ＲＯＥ [%]"]]);
    expect(columnsOf(findHeader(g, specs))).toEqual({ 实现利润: 0, roe: 1 });
  });

  it("accepts the synonyms of the table", () => {
    const g = sheet("s", [["被考核人", "单位名称", "现任职务", "员工编号"]]);
    expect(columnsOf(findHeader(g, LEADER_SPECS))).toEqual({ 姓名: 0, 单位: 1, 职务: 2, 工号: 3 });
  });

  it("does not look past row 10", () => {
    const rows = Array.from({ length: 10 }, () => ["标题"]);
    rows.push(["姓名", "单位", "职务"]);
    const r = findHeader(sheet("s", rows), LEADER_SPECS);
    expect(r).toEqual({ found: false, missing: ["姓名", "单位", "职务"], row: null });
  });

  it("finds a header on row 10", () => {
    const rows: string[][] = Array.from({ length: 9 }, () => []);
    rows.push(["姓名", "单位", "职务"]);
    const r = findHeader(sheet("s", rows), LEADER_SPECS);
    expect(r.found && r.header.headerRow).toBe(9);
  });

  it("names the row that matched most of the required headers", () => {
    const g = sheet("s", [["标题"], ["姓名", "单位", "岗位"], ["甲", "一公司", "书记"]]);
    expect(findHeader(g, LEADER_SPECS)).toEqual({ found: false, missing: ["职务"], row: 1 });
  });

  it("gives no row when the best one matched less than half", () => {
    const g = sheet("s", [["姓名", "部门", "岗位"]]);
    expect(findHeader(g, LEADER_SPECS)).toEqual({
      found: false,
      missing: ["单位", "职务"],
      row: null,
    });
  });

  it("reads a header split over two rows under a merged group title", () => {
    const specs = [
      columnSpec("姓名", true),
      columnSpec("单位", true),
      columnSpec("优秀", true),
      columnSpec("称职", true),
    ];
    const g = sheet("s", [
      ["姓名", "单位", "测评票数", null],
      [null, null, "优秀", "称职"],
      ["甲", "一公司", 3, 2],
    ]);
    const r = findHeader(g, specs);
    expect(r.found && [r.header.headerRow, r.header.headerEndRow]).toEqual([0, 1]);
    expect(columnsOf(r)).toEqual({ 姓名: 0, 单位: 1, 优秀: 2, 称职: 3 });
  });

  it("keeps the first of two columns with the same header and reports the other", () => {
    const g = sheet("s", [["姓名", "单位", "职务", "单位名称"]]);
    const r = findHeader(g, LEADER_SPECS);
    expect(columnsOf(r)).toEqual({ 姓名: 0, 单位: 1, 职务: 2 });
    expect(r.found && r.header.duplicates).toEqual([{ key: "单位", row: 0, col: 3, firstCol: 1 }]);
  });
});

describe("economic headers", () => {
  const lookup = indicatorLookup(defaultMethod().economic.indicators);

  it.each([
    ["实现利润目标值", "实现利润", "target"],
    ["实现利润完成值", "实现利润", "actual"],
    ["实现利润目标", "实现利润", "target"],
    ["实现利润计划", "实现利润", "target"],
    ["实现利润实际", "实现利润", "actual"],
    ["实现利润实际完成", "实现利润", "actual"],
    ["实现利润完成", "实现利润", "actual"],
    ["实现利润目标值（万元）", "实现利润", "target"],
    ["实现利润（目标值）", "实现利润", "target"],
    ["实现利润(完成值)", "实现利润", "actual"],
    ["实现利润（完成值）（万元）", "实现利润", "actual"],
    ["实现利润（万元）（完成值）", "实现利润", "actual"],
    ["实现利润【目标】", "实现利润", "target"],
    ["利润总额-目标", "实现利润", "target"],
    ["利润总额_完成值", "实现利润", "actual"],
    ["利润总额：目标值", "实现利润", "target"],
    ["利润总额:目标值", "实现利润", "target"],
    ["利润总额 完成值", "实现利润", "actual"],
    ["ROE目标值(%)", "净资产收益率", "target"],
    ["roe - 完成", "净资产收益率", "actual"],
    ["经营现金流入完成值", "经营活动现金流入量", "actual"],
    ["上缴资金 计划值", "上缴资金", "target"],
  ])("%s → %s %s", (text, indicator, role) => {
    expect(parseIndicatorHeader(text, lookup)).toEqual({ indicator, role });
  });

  it.each(["实现利润", "实现利润完成率", "目标值", "净利润目标值", "备注", "实现利润（万元）", "实现利润目标值率"])(
    "%s is not a one-row economic header",
    (text) => {
      expect(parseIndicatorHeader(text, lookup)).toBeNull();
    },
  );

  it("recognizes the sub-header words", () => {
    expect(roleOfWord("目标值（万元）")).toBe("target");
    expect(roleOfWord("计划")).toBe("target");
    expect(roleOfWord(" 实际完成 ")).toBe("actual");
    expect(roleOfWord("完成率")).toBeNull();
  });

  const indicators = defaultMethod().economic.indicators.slice(0, 2);
  function cols(rows: (string | number | null)[][]) {
    const r = findEconomicHeader(sheet("经营业绩", rows), indicators);
    if (!r.found) throw new Error("not found");
    const out: Record<string, string> = {};
    for (const [name, c] of r.header.indicators) {
      if (c.target) out[`${name}|目标`] = `${c.target.row}:${c.target.col}`;
      if (c.actual) out[`${name}|完成`] = `${c.actual.row}:${c.actual.col}`;
    }
    return { rows: [r.header.headerRow, r.header.headerEndRow], unit: r.header.unitCol, cols: out };
  }

  it("two rows, the indicator merged over its columns (only the first cell holds it), extra columns ignored", () => {
    expect(
      cols([
        ["单位", "实现利润", null, null, "主营业务收入", null, "备注"],
        [null, "目标值", "完成值", "完成率", "计划", "实际完成", null],
        ["一公司", 1, 2, 2, 3, 4, null],
      ]),
    ).toEqual({
      rows: [0, 1],
      unit: 0,
      cols: {
        "实现利润|目标": "1:1",
        "实现利润|完成": "1:2",
        "主营业务收入|目标": "1:4",
        "主营业务收入|完成": "1:5",
      },
    });
  });

  it("two rows with the merged text repeated in every cell (as some readers give it) and 单位 on both rows", () => {
    expect(
      cols([
        ["单位", "实现利润", "实现利润", "主营业务收入", "主营业务收入"],
        ["单位", "目标值", "完成值", "目标值", "完成值"],
      ]).cols,
    ).toEqual({
      "实现利润|目标": "1:1",
      "实现利润|完成": "1:2",
      "主营业务收入|目标": "1:3",
      "主营业务收入|完成": "1:4",
    });
  });

  it("two rows with 单位 on the lower row under a title row", () => {
    expect(
      cols([
        ["2024年经营业绩"],
        [null, "利润总额（万元）", null, "营业收入", null],
        ["单位", "完成", "目标", "目标", "完成"],
        ["一公司", 1, 2, 3, 4],
      ]),
    ).toEqual({
      rows: [1, 2],
      unit: 0,
      cols: {
        "实现利润|完成": "2:1",
        "实现利润|目标": "2:2",
        "主营业务收入|目标": "2:3",
        "主营业务收入|完成": "2:4",
      },
    });
  });

  it("one row, any order, units in brackets", () => {
    expect(
      cols([
        [
          "序号",
          "主营业务收入完成值",
          "单位",
          "实现利润（目标值）",
          "实现利润（完成值）（万元）",
          "主营业务收入目标值",
        ],
        [1, 2, "一公司", 3, 4, 5],
      ]),
    ).toEqual({
      rows: [0, 0],
      unit: 2,
      cols: {
        "主营业务收入|完成": "0:1",
        "实现利润|目标": "0:3",
        "实现利润|完成": "0:4",
        "主营业务收入|目标": "0:5",
      },
    });
  });

  it("both forms mixed in one sheet", () => {
    expect(
      cols([
        ["单位", "实现利润", null, "主营业务收入目标值", "主营业务收入完成值"],
        [null, "目标", "完成", null, null],
      ]).cols,
    ).toEqual({
      "实现利润|目标": "1:1",
      "实现利润|完成": "1:2",
      "主营业务收入|目标": "0:3",
      "主营业务收入|完成": "0:4",
    });
  });

  it("a sub-header under a non-indicator title is not taken", () => {
    expect(
      cols([
        ["单位", "净利润", null, "实现利润", null],
        [null, "目标", "完成", "目标", "完成"],
      ]).cols,
    ).toEqual({ "实现利润|目标": "1:3", "实现利润|完成": "1:4" });
  });

  it("reports a second column for the same indicator and role", () => {
    const r = findEconomicHeader(
      sheet("经营业绩", [["单位", "实现利润目标值", "实现利润完成值", "利润总额目标值"]]),
      indicators,
    );
    expect(r.found && r.header.duplicates).toEqual([{ key: "实现利润|目标", row: 0, col: 3, firstCol: 1 }]);
  });

  it("is not found without a 单位 header in the first ten rows", () => {
    expect(findEconomicHeader(sheet("经营业绩", [["公司", "实现利润目标值"]]), indicators)).toEqual({ found: false });
  });
});
