import { describe, expect, it } from "vitest";
import { QUAL_COLUMNS } from "../support/case";
import type { Rows } from "./helpers";
import { brief, read, utcDate } from "./helpers";

const HEADER = [...QUAL_COLUMNS];

describe("资质审查", () => {
  it("is optional: no sheet, candidates null", () => {
    expect(read().input.candidates).toBeNull();
  });

  it("reads every field with its cell (the example-3 rows)", () => {
    const rows: Rows = [
      HEADER,
      ["郑一", "一公司", utcDate(1976, 9, 1), "本科", "行政管理", "1998.06", "1998年7月", "高级经济师", 4, 9, "良好"],
      ["郑二", "二公司", "1990/7/1", "本科", "党政", "2012.05", "2012.07", "政工师", 3, 5, "良好"],
      ["郑三", "三公司", "1982年3月", "大专", "财务", "2022.07", "2003.07", "助理会计师", 1, 3, "一般"],
      ["郑四", "四公司", "198005", "硕士", "工商管理", "2004-07-01", null, "工程师", 3, 6, "健康"],
    ];
    const r = read({ qualification: rows });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const c = r.input.candidates!;
    expect(c.map((x) => x.name)).toEqual(["郑一", "郑二", "郑三", "郑四"]);
    expect(c[0]).toEqual({
      name: "郑一",
      unit: "一公司",
      cell: "资质审查!A2",
      birth: { status: "ok", value: { y: 1976, m: 9, d: 1 }, cell: "资质审查!C2" },
      education: { status: "ok", value: "本科", cell: "资质审查!D2" },
      major: { status: "ok", value: "行政管理", cell: "资质审查!E2" },
      partyDate: { status: "ok", value: { y: 1998, m: 6, d: 1 }, cell: "资质审查!F2" },
      workDate: { status: "ok", value: { y: 1998, m: 7, d: 1 }, cell: "资质审查!G2" },
      title: { status: "ok", value: "高级经济师", cell: "资质审查!H2" },
      departments: { status: "ok", value: 4, cell: "资质审查!I2" },
      postYears: { status: "ok", value: 9, cell: "资质审查!J2" },
      health: { status: "ok", value: "良好", cell: "资质审查!K2" },
    });
    expect(c[1].birth).toEqual({
      status: "ok",
      value: { y: 1990, m: 7, d: 1 },
      cell: "资质审查!C3",
    });
    expect(c[2].birth).toEqual({
      status: "ok",
      value: { y: 1982, m: 3, d: 1 },
      cell: "资质审查!C4",
    });
    expect(c[3].birth).toEqual({
      status: "ok",
      value: { y: 1980, m: 5, d: 1 },
      cell: "资质审查!C5",
    });
    expect(c[3].workDate).toEqual({ status: "missing", cell: "资质审查!G5" });
  });

  it("an unreadable value is a warning, not an error, and keeps its raw text", () => {
    const rows: Rows = [
      HEADER,
      [
        "郑一",
        "一公司",
        "1975-02-30",
        "本科",
        "管理",
        "很早",
        utcDate(1999, 1, 1),
        { error: "#N/A" },
        "三个",
        "五年以上",
        true,
      ],
    ];
    const r = read({ qualification: rows });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual([
      "资质审查!C2 unreadable",
      "资质审查!F2 unreadable",
      "资质审查!H2 unreadable",
      "资质审查!I2 unreadable",
      "资质审查!J2 unreadable",
      "资质审查!K2 unreadable",
    ]);
    expect(r.warnings[0].message).toBe("出生日期「1975-02-30」无法识别，该项待核实");
    const c = r.input.candidates![0];
    expect(c.birth).toEqual({ status: "unreadable", raw: "1975-02-30", cell: "资质审查!C2" });
    expect(c.title).toEqual({ status: "unreadable", raw: "#N/A", cell: "资质审查!H2" });
    expect(c.workDate).toEqual({
      status: "ok",
      value: { y: 1999, m: 1, d: 1 },
      cell: "资质审查!G2",
    });
  });

  it("numbers may carry their unit; dates may be numbers; text is folded and trimmed", () => {
    const rows: Rows = [
      HEADER,
      ["郑一", null, 27468, " ＭＢＡ ", 123, 199806, 1998.1, "工程师", "3个", "5年", " 健康 "],
    ];
    const r = read({ qualification: rows });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["资质审查!G2 ambiguousDate"]);
    expect(r.warnings[0].message).toContain("1998-01");
    const c = r.input.candidates![0];
    expect(c.unit).toBe("");
    expect(c.birth).toMatchObject({ status: "ok", value: { y: 1975, m: 3, d: 15 } });
    expect(c.education).toMatchObject({ status: "ok", value: "MBA" });
    expect(c.major).toMatchObject({ status: "ok", value: "123" });
    expect(c.partyDate).toMatchObject({ status: "ok", value: { y: 1998, m: 6, d: 1 } });
    expect(c.workDate).toMatchObject({ status: "ok", value: { y: 1998, m: 1, d: 1 } });
    expect(c.departments).toMatchObject({ status: "ok", value: 3 });
    expect(c.postYears).toMatchObject({ status: "ok", value: 5 });
    expect(c.health).toMatchObject({ status: "ok", value: "健康" });
  });

  it("missing markers are missing without a warning; absent columns are missing with one warning each", () => {
    const rows: Rows = [
      ["姓名", "出生日期", "学历"],
      ["郑一", "—", "无"],
      [null, "1980.1", "本科"],
    ];
    const r = read({ qualification: rows });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual([...Array(7).fill("资质审查!A1 missingColumn"), "资质审查!A3 blankName"]);
    expect(r.warnings[0].message).toBe("缺少「专业」列，各人该项待核实");
    const c = r.input.candidates!;
    expect(c).toHaveLength(1);
    expect(c[0].birth).toEqual({ status: "missing", cell: "资质审查!B2" });
    expect(c[0].education).toEqual({ status: "missing", cell: "资质审查!C2" });
    expect(c[0].health).toEqual({ status: "missing", cell: "" });
  });

  it("without a 姓名 header it is an error, like any standard sheet", () => {
    const r = read({
      qualification: [
        ["名字", "出生日期"],
        ["郑一", "1980.01"],
      ],
    });
    expect(brief(r.errors)).toEqual(["资质审查!A1 missingColumn"]);
    expect(r.input.candidates).toEqual([]);
  });
});
