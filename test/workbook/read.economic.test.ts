import { describe, expect, it } from "vitest";
import { ECONOMIC, TWO_INDICATORS, brief, methodWith, plain, read, withCell } from "./helpers";

describe("经营业绩", () => {
  it("reads targets and actuals by the method's indicator names, with their cells", () => {
    const r = read();
    expect(plain(r.input.economics[0])).toEqual({
      unit: "一公司",
      unitKey: "一公司",
      cell: "经营业绩!A2",
      indicators: {
        实现利润: {
          target: { value: 100, cell: "经营业绩!B2" },
          actual: { value: 110, cell: "经营业绩!C2" },
        },
        主营业务收入: {
          target: { value: 1000, cell: "经营业绩!D2" },
          actual: { value: 1050, cell: "经营业绩!E2" },
        },
      },
    });
  });

  it("a number keeps its cell's address, made when read, and is {value, cell} in JSON", () => {
    // Past column 1,024 (ALM), where addresses are not cached by column.
    const wide = ECONOMIC.map((row, r) => [...row, ...new Array<null>(1100).fill(null), r === 0 ? "备注" : null]);
    const far = wide.map((row, r) => {
      const out = [...row];
      out[1030] = r === 0 ? "实现利润完成值" : [null, 120, 180][r];
      out[2] = r === 0 ? "说明" : null;
      return out;
    });
    const r = read({ economic: far });
    expect(r.errors).toEqual([]);
    const actual = r.input.economics[1].indicators["实现利润"].actual;
    expect(actual.value).toBe(180);
    expect(actual.cell).toBe("经营业绩!AMQ3");
    expect(JSON.stringify(actual)).toBe('{"value":180,"cell":"经营业绩!AMQ3"}');
    expect(JSON.stringify(r.input.economics[0].indicators["实现利润"].target)).toBe(
      '{"value":100,"cell":"经营业绩!B2"}',
    );
  });

  it("two header rows with merged indicator names, aliases, units and extra columns", () => {
    const r = read({
      economic: [
        ["2024年度经营业绩考核表"],
        ["序号", "单位", "利润总额（万元）", null, null, "营业收入", null, "备注"],
        [null, null, "计划", "实际完成", "完成率", "目标值", "完成值", null],
        [1, "一公司", "1,000", "1,100", "110%", 500, 520, "x"],
        [2, "二公司", 200, 190, 0.95, 300, 330, null],
        ["合计", null, 1200, 1290],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.input.sheets["经营业绩"]).toEqual({
      sheet: "经营业绩",
      headerRow: 1,
      headerEndRow: 2,
      columns: {
        单位: 1,
        "实现利润|目标": 2,
        "实现利润|完成": 3,
        "主营业务收入|目标": 5,
        "主营业务收入|完成": 6,
      },
      dataRows: [3, 4],
    });
    expect(plain(r.input.economics[0].indicators["实现利润"])).toEqual({
      target: { value: 1000, cell: "经营业绩!C4" },
      actual: { value: 1100, cell: "经营业绩!D4" },
    });
    expect(r.input.economics[1].cell).toBe("经营业绩!A5");
  });

  it("one header row with units and joiners (the example-2 style)", () => {
    const r = read({
      economic: [
        [
          "单位",
          "实现利润目标值（万元）",
          "实现利润完成值（万元）",
          "主营业务收入-目标",
          "主营业务收入（完成值）（万元）",
        ],
        ["一公司", 200, 212, 2000, 2100],
        ["二公司", -100, -40, 1000, 1030],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(
      r.input.economics.map((u) => [u.indicators["实现利润"].target.value, u.indicators["主营业务收入"].actual.value]),
    ).toEqual([
      [200, 2100],
      [-100, 1030],
    ]);
  });

  it("an indicator absent from the sheet: one warning at the header row, missing for every unit", () => {
    const r = read({
      economic: [
        ["单位", "实现利润目标值", "实现利润完成值"],
        ["一公司", 1, 1],
        ["二公司", 2, 2],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["经营业绩!A1 missingIndicator"]);
    expect(r.warnings[0].message).toBe("找不到指标「主营业务收入」的目标值和完成值列，各单位该指标按缺失处理");
    expect(r.input.economics[1].indicators["主营业务收入"]).toEqual({
      target: { value: null, cell: "" },
      actual: { value: null, cell: "" },
    });
  });

  it("a target column without its actual (or the reverse) is an error at the header cell found", () => {
    const r = read({
      economic: [
        ["单位", "实现利润目标值", "主营业务收入完成值"],
        ["一公司", 1, 1],
      ],
    });
    expect(brief(r.errors)).toEqual(["经营业绩!B1 missingColumn", "经营业绩!C1 missingColumn"]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "指标「实现利润」有目标值列，但找不到完成值列",
      "指标「主营业务收入」有完成值列，但找不到目标值列",
    ]);
  });

  it("a missing 单位 header is an error on A1", () => {
    const r = read({
      economic: [
        ["公司", "实现利润目标值", "实现利润完成值"],
        ["一公司", 1, 1],
      ],
    });
    expect(brief(r.errors)).toEqual(["经营业绩!A1 missingColumn"]);
    expect(r.input.sheets["经营业绩"]).toBeUndefined();
  });

  it("missing values are warnings at their cells (one for a pair); a number as text and a percentage are read", () => {
    const r = read({
      economic: [
        ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
        ["一公司", 100, "-", "１，０００", "1,050"],
        ["二公司", "", "/", "80%", "84%"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["经营业绩!C2 missing", "经营业绩!B3 missing"]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "实现利润完成值缺失，该指标不计分，按其余指标折算",
      "实现利润目标值和完成值均缺失，该指标不计分，按其余指标折算",
    ]);
    expect(r.input.economics[0].indicators["主营业务收入"].target.value).toBe(1000);
    expect(r.input.economics[1].indicators["主营业务收入"].actual.value).toBe(0.84);
    expect(plain(r.input.economics[0].indicators["实现利润"].actual)).toEqual({
      value: null,
      cell: "经营业绩!C2",
    });
  });

  it("a non-numeric value is an error at its cell", () => {
    const r = read({
      economic: [
        ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
        ["一公司", "约100", { error: "#DIV/0!" }, true, "#N/A"],
        ["二公司", 1, 1, 1, 1],
      ],
    });
    expect(brief(r.errors)).toEqual([
      "经营业绩!B2 invalidNumber",
      "经营业绩!C2 invalidNumber",
      "经营业绩!D2 invalidNumber",
      "经营业绩!E2 invalidNumber",
    ]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "实现利润目标值「约100」不是有效的数字",
      "实现利润完成值「#DIV/0!」不是有效的数字",
      "主营业务收入目标值「TRUE」不是有效的数字",
      "主营业务收入完成值「#N/A」不是有效的数字",
    ]);
    // Errors are not also reported as missing values.
    expect(r.warnings).toEqual([]);
  });

  it("warns about a target of 0 at the target cell", () => {
    const r = read({ economic: withCell(ECONOMIC, 1, 1, 0) });
    expect(brief(r.warnings)).toEqual(["经营业绩!B2 targetZero"]);
    expect(r.input.economics[0].indicators["实现利润"].target.value).toBe(0);
  });

  it("warns at the actual's cell when actual and target are more than ten times apart", () => {
    const r = read({
      economic: [
        ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
        ["一公司", 100, 1001, 8, "8.4%"],
        ["二公司", 100, 1000, -5, 0],
        ["三公司", 100, 10, 100, -9],
      ],
    });
    expect(brief(r.warnings.filter((w) => w.code === "ratioSuspicious"))).toEqual([
      "经营业绩!C2 ratioSuspicious",
      "经营业绩!E2 ratioSuspicious",
      "经营业绩!E4 ratioSuspicious",
    ]);
    expect(r.warnings[1].message).toContain("万元与元");
    expect(r.warnings[1].message).toContain("百分数");
  });

  it("a lower-is-better indicator with a negative target is an error at the target cell", () => {
    const method = methodWith({
      indicators: [
        { name: "实现利润", aliases: [], weight: 50, direction: "higher" },
        { name: "资产负债率", aliases: [], weight: 50, direction: "lower" },
      ],
    });
    const r = read(
      {
        economic: [
          ["单位", "实现利润目标值", "实现利润完成值", "资产负债率目标值", "资产负债率完成值"],
          ["一公司", -100, -50, -0.6, 0.5],
          ["二公司", 100, 100, 0.6, 0.5],
        ],
      },
      method,
    );
    expect(brief(r.errors)).toEqual(["经营业绩!D2 lowerNegativeTarget"]);
  });

  it("a duplicate unit is an error at the row's first cell; a blank unit at its cell", () => {
    const r = read({
      economic: [
        ["序号", "单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
        [1, "一公司", 1, 1, 1, 1],
        [2, "二公司", 1, 1, 1, 1],
        [3, "一 公司", 2, 2, 2, 2],
        [4, null, 3, 3, 3, 3],
      ],
    });
    expect(brief(r.errors)).toEqual(["经营业绩!A4 duplicate", "经营业绩!B5 blankUnit"]);
    expect(r.errors[0].message).toBe("单位「一 公司」与第2行重复");
    expect(r.input.economics.map((u) => u.indicators["实现利润"].target.value)).toEqual([1, 1]);
  });

  it("matches the method's indicators when the method changes them", () => {
    const method = methodWith({
      indicators: [{ name: "新签合同额", aliases: ["合同额"], weight: 100, direction: "higher" }],
    });
    const r = read(
      {
        economic: [
          ["单位", "合同额目标值", "合同额完成值", "实现利润目标值"],
          ["一公司", 5, 6, 1],
          ["二公司", 5, 4, 1],
        ],
      },
      method,
    );
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.input.economics[0].indicators)).toEqual(["新签合同额"]);
    expect(r.input.sheets["经营业绩"]?.columns).toEqual({
      单位: 0,
      "新签合同额|目标": 1,
      "新签合同额|完成": 2,
    });
  });

  it("repeated indicator columns: the first is used, the other warned about", () => {
    const r = read({
      economic: ECONOMIC.map((row, i) => [...row, i === 0 ? "利润总额目标值" : 9]),
    });
    expect(brief(r.warnings)).toEqual(["经营业绩!F1 duplicateColumn"]);
    expect(r.warnings[0].message).toBe("「实现利润目标」列重复，使用B列，此列被忽略");
  });

  it("with the default method, reads all five indicators from the two-row form", () => {
    const r = read(
      {
        economic: [
          [
            "单位",
            "实现利润",
            null,
            "主营业务收入",
            null,
            "净资产收益率(%)",
            null,
            "上缴资金",
            null,
            "经营活动现金流入量",
            null,
          ],
          [null, "目标值", "完成值", "目标值", "完成值", "目标值", "完成值", "目标值", "完成值", "目标值", "完成值"],
          ["一公司", 100, 100, 100, 100, 5, 5, 10, 10, 100, 100],
          ["二公司", 100, 100, 100, 100, 5, 5, 10, 10, 100, 100],
        ],
      },
      methodWith(),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(Object.keys(r.input.sheets["经营业绩"]!.columns)).toHaveLength(11);
  });

  it("uses TWO_INDICATORS by default in these tests", () => {
    expect(TWO_INDICATORS.economic.indicators.map((i) => i.name)).toEqual(["实现利润", "主营业务收入"]);
  });
});
