import { describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import { TWO_INDICATORS, VOTE_HEADER, brief, read, voteRows } from "./helpers";

const HEADER = ["姓名", "单位", "情形", "天数", "说明"];

describe("个人情况 (docs/method.md §10.1)", () => {
  it("matches each row to its leader and its rule, by name or alias, with the cells behind it", () => {
    const r = read({
      personal: [
        ["2025年度个人情况"],
        HEADER,
        [" 甲 ", "一公司", "诫勉谈话", null, "2025年3月"],
        ["乙", "二 公司", "病假", "１２０", ""],
        ["乙", "二公司", "事假", 70, null],
        ["合计", null, null, 190, null],
        ["注：天数为工作日"],
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.input.personal).toEqual([
      {
        leader: 0,
        rule: "诫勉",
        text: "诫勉谈话",
        days: null,
        note: "2025年3月",
        cell: "个人情况!A3",
        ruleCell: "个人情况!C3",
        daysCell: "个人情况!D3",
      },
      {
        leader: 1,
        rule: "病事假",
        text: "病假",
        days: 120,
        note: "",
        cell: "个人情况!A4",
        ruleCell: "个人情况!C4",
        daysCell: "个人情况!D4",
      },
      expect.objectContaining({ leader: 1, rule: "病事假", text: "事假", days: 70, cell: "个人情况!A5" }),
    ]);
  });

  it("an unknown 情形, a bad 天数 and a person not assessed are errors at their cells", () => {
    const r = read({
      personal: [
        HEADER,
        ["甲", "一公司", "通报批评", null, null],
        ["甲", "一公司", "病假", "约30", null],
        ["乙", "二公司", "事假", -5, null],
        ["丙", "一公司", "诫勉", null, null],
        ["甲", "三公司", "诫勉", null, null],
        ["甲", "一公司", null, null, null],
      ],
    });
    expect(brief(r.errors)).toEqual([
      "个人情况!C2 unknownCircumstance",
      "个人情况!D3 invalidDays",
      "个人情况!D4 invalidDays",
      "个人情况!A5 unknownLeader",
      "个人情况!A6 unknownLeader",
      "个人情况!C7 unknownCircumstance",
    ]);
    expect(r.errors[0].message).toContain("通报批评");
    expect(r.errors[1].message).toBe("天数「约30」应为 0～366 的数字");
    expect(r.errors[2].message).toBe("天数「-5」应为 0～366 的数字");
    expect(r.errors[3].message).toContain("「丙」（一公司）不在考核对象中");
  });

  it("a row of a rule counted in days with 天数 blank counts 0, with a warning at its 天数 cell", () => {
    const r = read({ personal: [HEADER, ["乙", "二公司", "病事假", "—", null], ["甲", "一公司", "诫勉", null, null]] });
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toEqual(["个人情况!D2 missingDays"]);
    expect(r.input.personal.map((p) => p.days)).toEqual([null, null]);
  });

  it("required columns, and a method without rules", () => {
    expect(brief(read({ personal: [["姓名", "单位", "天数"]] }).errors)).toEqual(["个人情况!A1 missingColumn"]);
    const m = { ...TWO_INDICATORS, personal: { rules: [] } };
    const r = read({ personal: [HEADER, ["甲", "一公司", "诫勉", null, null]] }, m);
    expect(r.errors.map((e) => e.message)).toEqual(["情形「诫勉」无法识别：考核方法中没有个人情况规则"]);
  });

  it("matches by 工号 when both sheets have it", () => {
    const r = read({
      leaders: [
        ["姓名", "单位", "职务", "工号"],
        ["甲", "一公司", "书记", "A01"],
        ["甲", "一公司", "副书记", "A02"],
        ["乙", "二公司", "书记", "B01"],
      ],
      votes: [VOTE_HEADER, ...voteRows([["乙", "二公司"]])],
      personal: [
        ["工号", "姓名", "单位", "情形"],
        ["A02", "甲", "一公司", "立案审查"],
        ["A09", "甲", "一公司", "立案审查"],
      ],
    });
    expect(brief(r.errors)).toEqual(["个人情况!A3 unknownLeader"]);
    expect(r.input.personal).toEqual([expect.objectContaining({ leader: 1, rule: "立案审查" })]);
  });
});

describe("优秀名额分组列 (docs/method.md §10.3)", () => {
  const grouped = (column: string) => {
    const m = defaultMethod();
    m.economic.indicators = TWO_INDICATORS.economic.indicators;
    m.grades.quotaGroupColumn = column;
    return m;
  };

  it("reads each leader's group; a blank value is a group of its own, with a warning", () => {
    const r = read(
      {
        leaders: [
          ["姓名", "单位", "职务", "考核类别"],
          ["甲", "一公司", "党委书记", "一类企业"],
          ["乙", "二公司", "党委书记", " 一类 企业"],
          ["丙", "二公司", "副书记", null],
        ],
        votes: [VOTE_HEADER, ...voteRows([["甲", "一公司"]])],
      },
      grouped("考核类别"),
    );
    expect(r.errors).toEqual([]);
    expect(brief(r.warnings)).toContain("考核对象!D4 blankQuotaGroup");
    expect(r.input.leaders.map((l) => l.quotaGroup)).toEqual([
      { label: "一类企业", key: "一类企业", cell: "考核对象!D2" },
      { label: "一类企业", key: "一类企业", cell: "考核对象!D3" },
      { label: "", key: "", cell: "考核对象!D4" },
    ]);
  });

  it("a standard column can be the group; a column not on 考核对象 is an error at 考核对象!A1", () => {
    const r = read({}, grouped("职务"));
    expect(r.input.leaders.map((l) => l.quotaGroup?.key)).toEqual(["党委书记", "党委书记"]);
    const bad = read({}, grouped("职务层级"));
    expect(brief(bad.errors)).toEqual(["考核对象!A1 missingQuotaGroupColumn"]);
    expect(bad.errors[0].message).toContain("职务层级");
  });
});

describe("综合评价 rows of 民主测评 (docs/method.md §10.4)", () => {
  it("reads the overall item under its name and aliases as one more row per group", () => {
    const r = read({
      votes: [
        VOTE_HEADER,
        ["甲", "一公司", "上级", "德", 3, 2, 0, 0],
        ["甲", "一公司", "上级", "综合", 4, 1, 0, 0],
        ["甲", "一公司", "同级", "总体评价", 4, 1, 0, 0],
        ["甲", "一公司", "下级", "综合评价", 4, 1, 0, 0],
        ["甲", "一公司", "下级", "综 合", 4, 1, 0, 0],
      ],
    });
    expect(brief(r.errors)).toEqual(["民主测评!A6 duplicate"]);
    expect(r.input.votes.map((v) => [v.group, v.dimension, v.overall])).toEqual([
      ["上级", "德", false],
      ["上级", "综合评价", true],
      ["同级", "综合评价", true],
      ["下级", "综合评价", true],
    ]);
  });
});
