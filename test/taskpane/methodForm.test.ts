/**
 * The 方法 form as data: a method → fields → a document that loadMethod validates, and each issue placed
 * next to the field (or section) it names.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import { loadMethod } from "../../src/method/schema";
import { METHOD_SHEET, methodToSheet, readMethodSheet } from "../../src/workbook/methodSheet";
import {
  addIndicator,
  addRule,
  checkForm,
  formFields,
  formToDocument,
  methodToForm,
  parseListInput,
  parseNumberInput,
  placeIssues,
  removeIndicator,
  removeRule,
  sameDocument,
  sectionOfPath,
} from "../../src/taskpane/methodForm";

describe("method → form → document", () => {
  it("the defaults go round unchanged", () => {
    const m = defaultMethod();
    const doc = formToDocument(methodToForm(m));
    expect(doc).toEqual(m);
    const r = loadMethod(doc);
    expect(r.ok && r.method).toEqual(m);
  });

  it("fields hold text as typed: numbers as strings, lists joined with 、, booleans as check boxes", () => {
    const f = methodToForm(defaultMethod());
    expect(f.values["economic.indicators[0].weight"]).toBe("30");
    expect(f.values["economic.indicators[0].aliases"]).toBe("利润总额");
    expect(f.values["economic.stepwise"]).toBe(false);
    expect(f.values["referenceDate"]).toBe("");
    expect(f.values["qualification.health"]).toBe("良好、健康");
    expect(f.values["democratic.dimensions.德"]).toBe("25");
    expect(f.values["democratic.groups[2].weight"]).toBe("40");
    expect(f.values["grades.bands[0].min"]).toBe("90");
  });

  it("an edit reaches the document at its path", () => {
    const f = methodToForm(defaultMethod());
    f.values["economic.indicators[0].weight"] = "60";
    f.values["grades.excellentQuotaPercent"] = "15%";
    f.values["final.maxBonus"] = "４";
    f.values["economic.stepwise"] = true;
    f.values["referenceDate"] = "2025/6/30";
    f.values["qualification.preferredMajors"] = "党政, 管理，经济";
    f.values["ranking.ties"] = "dense";
    const doc = formToDocument(f);
    expect(doc.economic.indicators[0].weight).toBe(60);
    expect(doc.grades.excellentQuotaPercent).toBe(15);
    expect(doc.final.maxBonus).toBe(4);
    expect(doc.economic.stepwise).toBe(true);
    expect(doc.referenceDate).toBe("2025-06-30");
    expect(doc.qualification.preferredMajors).toEqual(["党政", "管理", "经济"]);
    expect(doc.ranking.ties).toBe("dense");
    expect(checkForm(f).result.ok).toBe(true);
  });

  it("what the form does not show is carried over (ratings, categories, aliases of groups)", () => {
    const m = defaultMethod();
    m.ratings = { 好: 95, 差: 30 };
    m.democratic.groups[0].aliases = ["集团"];
    const doc = formToDocument(methodToForm(m));
    expect(doc.ratings).toEqual({ 好: 95, 差: 30 });
    expect(doc.democratic.groups[0].aliases).toEqual(["集团"]);
    expect(doc.democratic.categories).toEqual(m.democratic.categories);
  });

  it("any valid weights go round exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 100 }),
        (weights, quota) => {
          const m = defaultMethod();
          m.economic.indicators = weights.map((w, i) => ({
            name: `指标${i}`,
            aliases: [],
            weight: w / 10,
            direction: i % 2 ? "lower" : "higher",
          }));
          m.grades.excellentQuotaPercent = quota;
          const form = methodToForm(m);
          expect(formToDocument(form)).toEqual(m);
          expect(checkForm(form).count).toBe(0);
        },
      ),
    );
  });
});

describe("indicator rows", () => {
  it("removing one moves the rows below up", () => {
    const f = removeIndicator(methodToForm(defaultMethod()), 1);
    expect(f.indicators).toBe(4);
    expect(f.values["economic.indicators[1].name"]).toBe("净资产收益率");
    expect(f.values["economic.indicators[3].name"]).toBe("经营活动现金流入量");
    expect(f.values["economic.indicators[4].name"]).toBeUndefined();
    expect(formToDocument(f).economic.indicators.map((i) => i.name)).toEqual([
      "实现利润",
      "净资产收益率",
      "上缴资金",
      "经营活动现金流入量",
    ]);
  });

  it("an added row is empty, and loadMethod says what it lacks, at its fields", () => {
    const f = addIndicator(methodToForm(defaultMethod()));
    expect(f.indicators).toBe(6);
    const check = checkForm(f);
    expect(check.result.ok).toBe(false);
    expect(check.placed.fields["economic.indicators[5].name"]).toEqual(["应为非空文字"]);
    expect(check.placed.fields["economic.indicators[5].weight"]).toEqual(["应为数值"]);
    expect(check.placed.general).toEqual([]);
  });

  it("no indicators at all is a message for the section", () => {
    let f = methodToForm(defaultMethod());
    while (f.indicators > 0) f = removeIndicator(f, 0);
    const check = checkForm(f);
    expect(check.placed.sections.indicators).toEqual(["economic.indicators：应为至少含一个指标的列表"]);
  });
});

describe("个人情况 rules and the options of docs/method.md §10 (名额取整, 名额分组列, 票数规则, 综合评价)", () => {
  it("are fields of the form: a rule's 情形, 别名, 处理, 最少天数 (blank when the rule has none)", () => {
    const f = methodToForm(defaultMethod());
    expect(f.rules).toBe(6);
    expect(f.values["personal.rules[0].name"]).toBe("诫勉");
    expect(f.values["personal.rules[2].aliases"]).toBe("严重警告、记过、记大过");
    expect(f.values["personal.rules[4].effect"]).toBe("pending");
    expect(f.values["personal.rules[0].minDays"]).toBe("");
    expect(f.values["personal.rules[5].minDays"]).toBe("183");
    expect(f.values["grades.quotaRounding"]).toBe("floor");
    expect(f.values["grades.quotaGroupColumn"]).toBe("");
    expect(f.values["grades.voteCaps"]).toBe("cap");
    expect(f.values["democratic.overall.name"]).toBe("综合评价");
    expect(f.values["democratic.overall.aliases"]).toBe("综合、总体评价");
    expect(f.values["democratic.overall.weight"]).toBe("0");
  });

  it("edits reach the document: rows added and removed, blanks as no minimum and no group column", () => {
    let f = methodToForm(defaultMethod());
    f = removeRule(f, 0);
    f = addRule(f);
    const last = `personal.rules[${f.rules - 1}]`;
    expect(f.values[`${last}.effect`]).toBe("noExcellent");
    f.values[`${last}.name`] = "组织处理";
    f.values[`${last}.aliases`] = "调离、免职";
    f.values[`${last}.effect`] = "noGrade";
    f.values[`${last}.minDays`] = " ";
    f.values["personal.rules[4].minDays"] = "１８０";
    f.values["grades.quotaRounding"] = "round";
    f.values["grades.quotaGroupColumn"] = " 考核类别 ";
    f.values["grades.voteCaps"] = "flag";
    f.values["democratic.overall.weight"] = "10";
    const doc = formToDocument(f);
    expect(doc.personal.rules.map((r) => r.name)).toEqual([
      "党内警告",
      "党内严重警告",
      "撤销党内职务",
      "立案审查",
      "病事假",
      "组织处理",
    ]);
    expect(doc.personal.rules[5]).toEqual({ name: "组织处理", aliases: ["调离", "免职"], effect: "noGrade" });
    expect(doc.personal.rules[4].minDays).toBe(180);
    expect(doc.grades).toMatchObject({ quotaRounding: "round", quotaGroupColumn: "考核类别", voteCaps: "flag" });
    expect(doc.democratic.overall.weight).toBe(10);
    expect(checkForm(f).count).toBe(0);
    f.values["grades.quotaGroupColumn"] = "";
    expect(formToDocument(f).grades.quotaGroupColumn).toBeNull();
  });

  it("go round through the 考核方法 sheet unchanged (form → document → sheet → method)", () => {
    const f = addRule(methodToForm(defaultMethod()));
    f.values[`personal.rules[6].name`] = "组织处理";
    f.values[`personal.rules[6].minDays`] = "30";
    f.values["grades.quotaGroupColumn"] = "职务层级";
    f.values["grades.voteCaps"] = "flag";
    const check = checkForm(f);
    if (!check.result.ok) throw new Error(JSON.stringify(check.result.errors));
    const sheet = methodToSheet(check.result.method).grid;
    const back = readMethodSheet({ ...sheet, name: METHOD_SHEET });
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.method).toEqual(check.result.method);
    expect(formToDocument(methodToForm(back.method))).toEqual(check.result.method);
  });

  it("a rule without a name, a duplicate name, or negative days: loadMethod's message at the field", () => {
    const f = addRule(methodToForm(defaultMethod()));
    f.values["personal.rules[1].aliases"] = "诫勉谈话";
    f.values["personal.rules[5].minDays"] = "-3";
    const check = checkForm(f);
    expect(check.placed.fields["personal.rules[6].name"]).toEqual(["应为非空文字"]);
    expect(check.placed.fields["personal.rules[1].aliases"]).toEqual([
      "“诫勉谈话”与 personal.rules[0].aliases[0] 重复",
    ]);
    expect(check.placed.fields["personal.rules[5].minDays"]).toEqual(["不能小于 0"]);
    expect(sectionOfPath("personal.rules[2].effect")).toBe("personal");
  });

  it("no rules at all is allowed", () => {
    let f = methodToForm(defaultMethod());
    while (f.rules > 0) f = removeRule(f, 0);
    expect(checkForm(f).count).toBe(0);
    expect(formToDocument(f).personal.rules).toEqual([]);
  });
});

describe("validation messages next to their fields", () => {
  it("a number that is not one", () => {
    const f = methodToForm(defaultMethod());
    f.values["final.maxBonus"] = "五";
    const check = checkForm(f);
    expect(check.count).toBe(1);
    expect(check.placed.fields).toEqual({ "final.maxBonus": ["应为数值"] });
  });

  it("a date that is not one", () => {
    const f = methodToForm(defaultMethod());
    f.values["referenceDate"] = "下月底";
    expect(checkForm(f).placed.fields["referenceDate"]).toEqual(["应为 YYYY-MM-DD 格式的日期或 null"]);
  });

  it("bands that do not go down, a quota over 100, a duplicate alias", () => {
    const f = methodToForm(defaultMethod());
    f.values["grades.bands[1].min"] = "95";
    f.values["grades.excellentQuotaPercent"] = "120";
    f.values["economic.indicators[1].aliases"] = "营业收入、利润总额";
    const check = checkForm(f);
    expect(check.placed.fields["grades.bands[1].min"]).toEqual(["分数线应逐级降低"]);
    expect(check.placed.fields["grades.excellentQuotaPercent"]).toEqual(["不能大于 100"]);
    expect(check.placed.fields["economic.indicators[1].aliases"]).toEqual([
      "“利润总额”与 economic.indicators[0].aliases[0] 重复",
    ]);
  });

  it("weights that add up to nothing go to their section", () => {
    const f = methodToForm(defaultMethod());
    for (const k of ["economic", "keyTasks", "partyBuilding", "safety"]) f.values[`work.weights.${k}`] = "0";
    const check = checkForm(f);
    expect(check.placed.sections.work).toEqual(["work.weights：权重之和应大于 0"]);
    expect(Object.keys(check.placed.fields)).toEqual([]);
  });

  it("placing: a path below a field goes to the field, an unknown one to the general list", () => {
    const fields = formFields(methodToForm(defaultMethod())).map((x) => x.path);
    const placed = placeIssues(
      [
        { path: "economic.indicators[0].aliases[2]", message: "应为非空文字" },
        { path: "democratic.categories[1].points", message: "应为数值" },
        { path: "(根)", message: "考核方法文档应为一个 JSON 对象" },
      ],
      fields,
    );
    expect(placed.fields).toEqual({ "economic.indicators[0].aliases": ["应为非空文字"] });
    expect(placed.sections).toEqual({ democratic: ["democratic.categories[1].points：应为数值"] });
    expect(placed.general).toEqual(["(根)：考核方法文档应为一个 JSON 对象"]);
  });

  it("every path of the method belongs to a section", () => {
    expect(sectionOfPath("name")).toBe("basic");
    expect(sectionOfPath("economic.indicators[3].weight")).toBe("indicators");
    expect(sectionOfPath("economic.stepPercent")).toBe("economic");
    expect(sectionOfPath("ranking.ties")).toBe("grades");
    expect(sectionOfPath("ratings.好")).toBeNull();
  });
});

describe("inputs", () => {
  it("numbers: full width, separators, minus signs, % only where a percentage is asked", () => {
    expect(parseNumberInput("１２.５")).toBe(12.5);
    expect(parseNumberInput("1,000")).toBe(1000);
    expect(parseNumberInput("−3")).toBe(-3);
    expect(parseNumberInput(".5")).toBe(0.5);
    expect(parseNumberInput("20%", true)).toBe(20);
    expect(parseNumberInput("20%")).toBe("20%");
    expect(parseNumberInput("")).toBe("");
    expect(parseNumberInput("1e3")).toBe("1e3");
  });

  it("lists: 、 , ， ; and new lines separate; blanks drop", () => {
    expect(parseListInput("良好、 健康,, 一般；优")).toEqual(["良好", "健康", "一般", "优"]);
    expect(parseListInput("")).toEqual([]);
  });

  it("unsaved changes are changes of the document, not of the typing", () => {
    const a = methodToForm(defaultMethod());
    const b = methodToForm(defaultMethod());
    b.values["final.maxBonus"] = " 5 ";
    expect(sameDocument(a, b)).toBe(true);
    b.values["final.maxBonus"] = "6";
    expect(sameDocument(a, b)).toBe(false);
  });
});
