import { describe, expect, it } from "vitest";
import type { Rows } from "./helpers";
import { brief, read } from "./helpers";

const HEADER = ["姓名", "单位", "类型", "分值", "事项"];

describe("加减分", () => {
  it("is optional: no sheet, no items", () => {
    const r = read();
    expect(r.input.adjustments).toEqual([]);
    expect(r.input.sheets["加减分"]).toBeUndefined();
  });

  it("reads leader items and unit-wide items (blank 姓名)", () => {
    const r = read({
      adjustments: [
        HEADER,
        ["甲", "一公司", "加分", 2, "省级表彰"],
        [null, "二公司", " 减分 ", "0.5", null],
        ["乙", "二公司", "扣分", 1, "通报批评"],
        ["甲", "一公司", "奖励", "1", "奖"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.input.adjustments).toEqual([
      {
        name: "甲",
        nameKey: "甲",
        unit: "一公司",
        unitKey: "一公司",
        employeeId: null,
        kind: "bonus",
        value: 2,
        item: "省级表彰",
        cell: "加减分!A2",
      },
      {
        name: null,
        nameKey: null,
        unit: "二公司",
        unitKey: "二公司",
        employeeId: null,
        kind: "penalty",
        value: 0.5,
        item: "",
        cell: "加减分!B3",
      },
      {
        name: "乙",
        nameKey: "乙",
        unit: "二公司",
        unitKey: "二公司",
        employeeId: null,
        kind: "penalty",
        value: 1,
        item: "通报批评",
        cell: "加减分!A4",
      },
      {
        name: "甲",
        nameKey: "甲",
        unit: "一公司",
        unitKey: "一公司",
        employeeId: null,
        kind: "bonus",
        value: 1,
        item: "奖",
        cell: "加减分!A5",
      },
    ]);
  });

  it("reports a bad type or value at its cell, all together", () => {
    const rows: Rows = [
      HEADER,
      ["甲", "一公司", "表扬", 2],
      ["甲", "一公司", null, 2],
      ["甲", "一公司", "加分", null],
      ["甲", "一公司", "加分", "两分"],
      ["甲", "一公司", "减分", -1],
      [null, null, "加分", 1],
    ];
    const r = read({ adjustments: rows });
    expect(brief(r.errors)).toEqual([
      "加减分!C2 unknownType",
      "加减分!C3 unknownType",
      "加减分!D4 blankValue",
      "加减分!D5 invalidNumber",
      "加减分!D6 outOfRange",
      "加减分!B7 blankUnit",
    ]);
    expect(r.errors.map((e) => e.message)).toEqual([
      "类型「表扬」无法识别，应为加分或减分",
      "类型为空，应为加分或减分",
      "分值为空",
      "分值「两分」不是有效的数字",
      "分值应为正数（-1）；减分请在类型中填写「减分」",
      "单位为空",
    ]);
    expect(r.input.adjustments).toEqual([]);
  });

  it("a value of 0 is a warning and the item is left out", () => {
    const r = read({ adjustments: [HEADER, ["甲", "一公司", "加分", 0]] });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["加减分!D2 zeroValue"]);
    expect(r.input.adjustments).toEqual([]);
  });

  it("an unknown leader or unit is a warning", () => {
    const r = read({
      adjustments: [HEADER, ["丙", "一公司", "加分", 1], [null, "九公司", "减分", 1]],
    });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["加减分!A2 unknownLeader", "加减分!B3 unknownUnit"]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "「丙」（一公司）不在考核对象中，此项不计入",
      "单位「九公司」没有考核对象，此项不计入",
    ]);
  });

  it("a missing required column is an error; 姓名 and 事项 may be absent", () => {
    const r = read({
      adjustments: [
        ["单位", "类型", "事项"],
        ["一公司", "加分", "x"],
      ],
    });
    expect(brief(r.errors)).toEqual(["加减分!A1 missingColumn"]);
    expect(r.errors[0].message).toBe("第1行的表头缺少必需的列「分值」");
    const ok = read({
      adjustments: [
        ["单位", "加减分类型", "分数"],
        ["一公司", "加", 1],
      ],
    });
    expect(ok.errors).toEqual([]);
    expect(ok.input.adjustments[0]).toMatchObject({
      name: null,
      kind: "bonus",
      value: 1,
      item: "",
    });
  });
});
