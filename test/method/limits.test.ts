/**
 * Hostile method documents (issue 12): numbers that overflow the scores, keys that reach a prototype, nesting
 * that would overflow a recursive walk, a document that is not an object. Each is an error with its path.
 */
import { describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { loadMethod, METHOD_LIMITS } from "../../src/method/schema";
import { smallBook } from "../workbook/helpers";

function errors(doc: unknown): [string, string][] {
  const r = loadMethod(doc);
  return r.ok ? [] : r.errors.map((e) => [e.path, e.message]);
}

describe("every number of the method is bounded to what it means", () => {
  it("weights and points of 1e308, and 基准分 of 1e-320, are errors with their paths", () => {
    expect(
      errors({
        economic: { indicators: [{ name: "利润", weight: 1e308 }], basePoints: 1e-320, pointsPerStep: 1e308 },
        work: { weights: { economic: 1e308 } },
        democratic: {
          categories: [
            { name: "优秀", points: 1e308 },
            { name: "称职", points: 80 },
            { name: "基本称职", points: 60 },
            { name: "不称职", points: 40 },
          ],
        },
        final: { maxBonus: 1e308 },
      }).map(([p]) => p),
    ).toEqual([
      "economic.indicators[0].weight",
      "economic.pointsPerStep",
      "economic.basePoints",
      "work.weights.economic",
      "democratic.categories[0].points",
      "final.maxBonus",
    ]);
  });

  it("says the bound in the message", () => {
    expect(errors({ economic: { basePoints: 1e-320 } })).toEqual([
      ["economic.basePoints", `过于接近 0（非零时绝对值不小于 ${METHOD_LIMITS.tiny}）`],
    ]);
    expect(errors({ economic: { basePoints: 0.5 } })).toEqual([["economic.basePoints", "不能小于 1"]]);
    expect(errors({ economic: { stepPercent: 0.001 } })).toEqual([["economic.stepPercent", "不能小于 0.01"]]);
    expect(errors({ democratic: { minBallots: 1e6 } })).toEqual([["democratic.minBallots", "不能大于 100000"]]);
    expect(
      errors({
        grades: {
          bands: [
            { grade: "优秀", min: 1e308 },
            { grade: "称职", min: 70 },
            { grade: "基本称职", min: 60 },
            { grade: "不称职", min: null },
          ],
        },
      }),
    ).toEqual([["grades.bands[0].min", "不能大于 200"]]);
    expect(errors({ personal: { rules: [{ name: "病假", effect: "noGrade", minDays: 400 }] } })).toEqual([
      ["personal.rules[0].minDays", "不能大于 366"],
    ]);
  });

  it("the bounds themselves are accepted, and the defaults lie within them", () => {
    expect(errors({})).toEqual([]);
    expect(
      errors({
        economic: {
          basePoints: 1,
          stepPercent: 0.01,
          pointsPerStep: 100,
          maxBonusPoints: 100,
          lossReductionFactor: 10,
        },
        work: { weights: { economic: 1000, keyTasks: 0, partyBuilding: 0, safety: 0 } },
        democratic: { minBallots: 100_000 },
      }),
    ).toEqual([]);
  });

  it("a run with a method of 1e308 weights stops with method errors, before any score", () => {
    const out = scoreBook({ book: smallBook(), method: { final: { workWeight: 1e308 } }, today: "2026-03-31" });
    expect(out.ok ? "ok" : out.kind).toBe("method");
  });
});

describe("keys that reach a prototype", () => {
  it("__proto__, constructor and prototype are unknown keys with their paths, wherever they are", () => {
    const doc = JSON.parse(
      '{"__proto__": {"x": 1}, "economic": {"constructor": 1}, "ratings": {"prototype": 50, "__proto__": 1}, "grades": {"bands": [{"__proto__": null}]}}',
    );
    expect(errors(doc)).toEqual([
      ["__proto__", "未知的字段（请检查拼写）"],
      ["economic.constructor", "未知的字段（请检查拼写）"],
      ["grades.bands[0].__proto__", "未知的字段（请检查拼写）"],
      ["ratings.__proto__", "未知的字段（请检查拼写）"],
      ["ratings.prototype", "未知的字段（请检查拼写）"],
    ]);
  });

  it("keys named like Object.prototype's members are unknown too (not found through the prototype)", () => {
    expect(errors({ toString: 1, economic: { hasOwnProperty: 2 } })).toEqual([
      ["toString", "未知的字段（请检查拼写）"],
      ["economic.hasOwnProperty", "未知的字段（请检查拼写）"],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("nesting and the document's own type", () => {
  it("a document nested 3,000 deep is an error, without overflowing the stack", () => {
    let doc: unknown = 1;
    for (let i = 0; i < 3000; i++) doc = { a: doc };
    const r = errors({ economic: doc });
    expect(r).toHaveLength(1);
    expect(r[0][1]).toBe(`嵌套过深（超过 ${METHOD_LIMITS.depth} 层），不是有效的考核方法`);
    let arrays: unknown = [];
    for (let i = 0; i < 3000; i++) arrays = [arrays];
    expect(errors({ personal: { rules: arrays } })[0][1]).toContain("嵌套过深");
  });

  it("null, an array, a string or a number is not a method, with a clear message", () => {
    for (const [doc, what] of [
      [null, "null"],
      [[], "一个列表"],
      ["{}", "一段文字"],
      [42, "一个数"],
    ] as const) {
      expect(errors(doc)).toEqual([
        ["(根)", `考核方法文档应为一个 JSON 对象（{ … }），而它是${what}；只写与默认不同的部分时，至少写 {}`],
      ]);
    }
  });

  it("a --method holding null fails the run instead of scoring with the defaults", () => {
    const out = scoreBook({ book: smallBook(), method: null, today: "2026-03-31" });
    expect(out.ok ? "ok" : out.kind).toBe("method");
  });
});
