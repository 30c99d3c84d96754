import { describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import { loadMethod, mergeOver } from "../../src/method/schema";

describe("method document (docs/method.md §7)", () => {
  it("an empty document is exactly the defaults", () => {
    const r = loadMethod({});
    expect(r.ok && r.method).toEqual(defaultMethod());
  });
  it("objects merge key by key, arrays replace", () => {
    const r = loadMethod({
      economic: { stepwise: true, indicators: [{ name: "利润", weight: 1 }] },
      ratings: { 优: 95 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.method.economic.stepwise).toBe(true);
    expect(r.method.economic.stepPercent).toBe(3);
    expect(r.method.economic.indicators).toEqual([{ name: "利润", weight: 1, aliases: [], direction: "higher" }]);
    expect(r.method.ratings).toEqual({ ...defaultMethod().ratings, 优: 95 });
  });
  it("names every bad field by its path, all at once", () => {
    const r = loadMethod({
      economic: {
        indicators: [
          { name: "a", weight: 1 },
          { name: "b", weight: 1 },
          { name: "c", weight: -2, direction: "up" },
        ],
      },
      grades: { excellentQuotaPercent: 120 },
      ranking: { ties: "olympic" },
      work: { weights: { economic: "40" } },
      democratc: {},
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "economic.indicators[2].weight",
        "economic.indicators[2].direction",
        "grades.excellentQuotaPercent",
        "ranking.ties",
        "work.weights.economic",
        "democratc",
      ]),
    );
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });
  it("carries the §10 keys: personal rules, the overall item and the grading variants (docs/method.md §10.5)", () => {
    const r = loadMethod({
      personal: {
        rules: [
          { name: "病假", effect: "noGrade", minDays: 90 },
          { name: "通报批评", effect: "noExcellent" },
        ],
      },
      democratic: { overall: { weight: 10 } },
      grades: { quotaRounding: "round", quotaGroupColumn: "考核类别", voteCaps: "flag" },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.method.personal.rules).toEqual([
      { name: "病假", aliases: [], effect: "noGrade", minDays: 90 },
      { name: "通报批评", aliases: [], effect: "noExcellent" },
    ]);
    expect(r.method.democratic.overall).toEqual({ name: "综合评价", aliases: ["综合", "总体评价"], weight: 10 });
    expect(r.method.grades).toMatchObject({ quotaRounding: "round", quotaGroupColumn: "考核类别", voteCaps: "flag" });
    expect(loadMethod({ personal: { rules: [] } }).ok).toBe(true);
  });
  it("names every bad §10 field by its path", () => {
    const r = loadMethod({
      personal: {
        rules: [
          { name: "诫勉", effect: "warn" },
          { name: "病假", aliases: ["诫勉"], effect: "noGrade", minDays: -3, days: 1 },
        ],
      },
      democratic: { overall: { name: "廉", weight: -1 } },
      grades: { quotaRounding: "ceil", quotaGroupColumn: " ", voteCaps: "none" },
    });
    expect(!r.ok && r.errors.map((e) => e.path).sort()).toEqual(
      [
        "personal.rules[0].effect",
        "personal.rules[1].aliases[0]",
        "personal.rules[1].minDays",
        "personal.rules[1].days",
        "democratic.overall.name",
        "democratic.overall.weight",
        "grades.quotaRounding",
        "grades.quotaGroupColumn",
        "grades.voteCaps",
      ].sort(),
    );
  });
  it("carries the letters' 复核 paragraph (papers.reviewNotice): any non-empty text of up to 300 characters", () => {
    expect(defaultMethod().papers.reviewNotice).toMatch(/复核/);
    const own = loadMethod({ papers: { reviewNotice: "如有异议，请于5日内向集团党委组织部提出。" } });
    expect(own.ok && own.method.papers.reviewNotice).toBe("如有异议，请于5日内向集团党委组织部提出。");
    const bad = (doc: unknown) => {
      const r = loadMethod(doc);
      return r.ok ? [] : r.errors.map((e) => `${e.path}：${e.message}`);
    };
    expect(bad({ papers: { reviewNotice: " " } })).toEqual(["papers.reviewNotice：应为非空文字"]);
    expect(bad({ papers: { reviewNotice: 5 } })).toEqual(["papers.reviewNotice：应为非空文字"]);
    expect(bad({ papers: { reviewNotice: "复".repeat(301) } })).toEqual([
      "papers.reviewNotice：不能超过 300 字（个人通知书为一页）",
    ]);
    expect(bad({ papers: { reviewNotise: "x" } })).toEqual(["papers.reviewNotise：未知的字段（请检查拼写）"]);
  });

  it("rejects duplicate indicator names and aliases", () => {
    const r = loadMethod({
      economic: {
        indicators: [
          { name: "利润", aliases: ["ROE"], weight: 1 },
          { name: "ROE", weight: 1 },
        ],
      },
    });
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(["economic.indicators[1].name"]);
  });
  it("bands must be the four grades with falling thresholds", () => {
    const r = loadMethod({
      grades: {
        bands: [
          { grade: "优秀", min: 90 },
          { grade: "称职", min: 95 },
          { grade: "基本称职", min: 60 },
          { grade: "不称职", min: null },
        ],
      },
    });
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(["grades.bands[1].min"]);
  });
  it("does not modify the document it is given", () => {
    const doc = { economic: { indicators: [{ name: "利润", weight: 1 }] } };
    const copy = structuredClone(doc);
    loadMethod(doc);
    expect(doc).toEqual(copy);
  });
  it("a referenceDate must be a real date", () => {
    expect(loadMethod({ referenceDate: "2025-02-29" }).ok).toBe(false);
    expect(loadMethod({ referenceDate: "2024-02-29" }).ok).toBe(true);
  });
  it("mergeOver leaves scalars and arrays of the patch in place", () => {
    expect(mergeOver({ a: { b: 1, c: [1, 2] } }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] } });
  });
});
