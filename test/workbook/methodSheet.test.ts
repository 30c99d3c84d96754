import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_REVIEW_NOTICE, defaultMethod } from "../../src/method/defaults";
import {
  EDUCATION_LEVELS,
  GRADES,
  loadMethod,
  METHOD_LIMITS,
  PERSONAL_EFFECTS,
  TITLE_LEVELS,
} from "../../src/method/schema";
import type { Method } from "../../src/method/types";
import { parseAddress } from "../../src/workbook/address";
import type { CellValue, Grid } from "../../src/workbook/grid";
import { headerKey } from "../../src/workbook/normalize";
import { METHOD_SHEET, METHOD_SHEET_PARAMETERS, methodToSheet, readMethodSheet } from "../../src/workbook/methodSheet";

type Rows = CellValue[][];

const sheet = (rows: Rows): Grid => ({ name: METHOD_SHEET, rows });
const defaultRows = (): Rows => methodToSheet(defaultMethod()).grid.rows.map((r) => [...r]);

/** The 0-based row of a 【基本参数】 row by its 键, or of a section title / list row by its first cell. */
function rowWhere(rows: Rows, pred: (r: CellValue[]) => boolean): number {
  const i = rows.findIndex(pred);
  if (i < 0) throw new Error("row not found");
  return i;
}
const keyRow = (rows: Rows, key: string) => rowWhere(rows, (r) => r[3] === key);
const firstCellRow = (rows: Rows, text: string, after = 0) => after + rowWhere(rows.slice(after), (r) => r[0] === text);
const titleRow = (rows: Rows, title: string) => firstCellRow(rows, `【${title}】`);

function set(rows: Rows, address: string, v: CellValue): void {
  const p = parseAddress(`${METHOD_SHEET}!${address}`)!;
  while (rows.length <= p.row) rows.push([]);
  const row = rows[p.row];
  while (row.length <= p.col) row.push(null);
  row[p.col] = v;
}
const addr = (row: number, col: string) => `${col}${row + 1}`;
/** Sets the 值 of a parameter. */
const setValue = (rows: Rows, key: string, v: CellValue) => set(rows, addr(keyRow(rows, key), "B"), v);

function readOk(rows: Rows): Method {
  const r = readMethodSheet(sheet(rows));
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 1));
  return r.method;
}

function readErrors(rows: Rows) {
  const r = readMethodSheet(sheet(rows));
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("methodToSheet: the 考核方法 sheet", () => {
  it("opens with the method's name and the instruction line, then each section with its header", () => {
    const s = methodToSheet(defaultMethod());
    const rows = s.grid.rows;
    expect(s.grid.name).toBe("考核方法");
    expect(rows[0][0]).toBe("党组织负责人考核评价（默认）");
    expect(String(rows[1][0])).toContain("删除本表则使用默认办法");
    expect(s.sectionRows.map((r) => rows[r][0])).toEqual([
      "【基本参数】",
      "【经营业绩指标】",
      "【工作评价等级】",
      "【测评票类】",
      "【测评维度】",
      "【测评人类别】",
      "【等次分数线】",
      "【个人情况规则】",
    ]);
    expect(s.headerRows.map((r) => rows[r])).toEqual([
      ["项目", "值", "说明", "键"],
      ["指标", "别名", "权重", "方向"],
      ["评价词", "分值"],
      ["票类", "别名", "分值"],
      ["维度", "权重"],
      ["类别", "别名", "权重"],
      ["等次", "最低分"],
      ["情形", "别名", "处理", "最少天数"],
    ]);
    expect(s.headerRows).toEqual(s.sectionRows.map((r) => r + 1));
    expect(s.widths).toHaveLength(4);
    for (const w of s.widths) expect(w).toBeGreaterThanOrEqual(8);
    expect(Object.keys(s.notes)).toContain("A4");
  });

  it("writes values the way an HR officer reads them", () => {
    const rows = methodToSheet(defaultMethod()).grid.rows;
    const value = (key: string) => rows[keyRow(rows, key)][1];
    expect(value("economic.stepwise")).toBe("否");
    expect(value("economic.belowBaseCapsOthers")).toBe("是");
    expect(value("grades.excellentQuotaPercent")).toBe(20);
    expect(value("ranking.ties")).toBe("竞争排名");
    expect(value("referenceDate")).toBeNull();
    expect(value("qualification.health")).toBe("良好、健康");
    expect(rows[keyRow(rows, "economic.stepPercent")][0]).toBe("每档偏差（%）");
    expect(rows[keyRow(rows, "work.weights.economic")][0]).toBe("工作业绩权重-经营业绩");
    expect(rows[firstCellRow(rows, "实现利润")]).toEqual(["实现利润", "利润总额", 30, "正向"]);
    expect(rows[firstCellRow(rows, "不称职", titleRow(rows, "测评票类"))]).toEqual(["不称职", "差、较差", 40]);
    expect(rows[firstCellRow(rows, "不称职", titleRow(rows, "等次分数线"))]).toEqual(["不称职", null]);
  });

  it("gives every parameter a label that is distinct even after header normalization (项目 can stand in for 键)", () => {
    const keys = METHOD_SHEET_PARAMETERS.map((p) => headerKey(p.label));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("round trip", () => {
  it("gives back exactly the defaults, and the full document", () => {
    const r = readMethodSheet(methodToSheet(defaultMethod()).grid);
    expect(r).toEqual({ ok: true, doc: defaultMethod(), method: defaultMethod() });
  });

  it("gives back a method that differs from the defaults everywhere", () => {
    const m = defaultMethod();
    m.name = "2024年度考核办法";
    m.referenceDate = "2024-12-31";
    m.economic.indicators = [
      { name: "利润", aliases: ["净利润", "ROE"], weight: 0.5, direction: "higher" },
      { name: "成本费用率", aliases: [], weight: 12.25, direction: "lower" },
    ];
    m.economic.stepwise = true;
    m.economic.belowBaseCapsOthers = false;
    m.ratings = { 优: 95 };
    m.democratic.dimensions = { 政治素质: 40, 工作能力: 60 };
    m.democratic.groups = [{ name: "全体", weight: 1, aliases: [] }];
    m.grades.excellentQuotaPercent = 0.5;
    m.grades.bands[0].min = 85.5;
    m.ranking.ties = "dense";
    m.qualification.health = [];
    m.qualification.minEducation = "硕士";
    m.qualification.minTitle = "副高级";
    expect(readOk(methodToSheet(m).grid.rows)).toEqual(m);
  });

  // Words from an alphabet without the list separators, brackets or spaces the sheet gives meaning to.
  const letter = fc.constantFrom(..."利润收入资金流量率甲乙丙丁戊己庚辛优良中差德能勤廉上下同级ABCRXYZ0123456789");
  const word = fc.string({ unit: letter, minLength: 1, maxLength: 5 });
  const uniqueWords = (n: number) =>
    fc.uniqueArray(word, { minLength: n, maxLength: n, selector: (w) => w.toLowerCase() });
  /** Items with a name and 0–3 aliases, every name and alias distinct. */
  const named = (min: number, max: number) =>
    fc.array(fc.nat({ max: 3 }), { minLength: min, maxLength: max }).chain((counts) =>
      uniqueWords(counts.reduce((s, n) => s + n + 1, 0)).map((words) => {
        let k = 0;
        return counts.map((n) => {
          const name = words[k++];
          const aliases = words.slice(k, k + n);
          k += n;
          return { name, aliases };
        });
      }),
    );
  /** A number within the method's bounds (METHOD_LIMITS): non-zero ones no nearer 0 than its `tiny`. */
  const within = (min: number, max: number) =>
    fc.double({ min, max, noNaN: true }).map((x) => (Math.abs(x) < METHOD_LIMITS.tiny ? 0 : x));
  const nonNeg = within(0, METHOD_LIMITS.weight);
  const points = within(0, METHOD_LIMITS.points);
  const positive = fc.double({ min: 0.001, max: METHOD_LIMITS.weight, noNaN: true });
  const weightsWithPositiveSum = (n: number) =>
    fc.array(nonNeg, { minLength: n, maxLength: n }).map((ws) => (ws.some((w) => w > 0) ? ws : [1, ...ws.slice(1)]));

  const method: fc.Arbitrary<Method> = fc
    .record({
      name: word,
      referenceDate: fc.option(
        fc
          .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2060-12-31T00:00:00Z"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        { nil: null },
      ),
      indicators: named(1, 6).chain((items) =>
        fc
          .tuple(
            fc.array(positive, { minLength: items.length, maxLength: items.length }),
            fc.array(fc.constantFrom("higher" as const, "lower" as const), {
              minLength: items.length,
              maxLength: items.length,
            }),
          )
          .map(([ws, ds]) => items.map((it, i) => ({ ...it, weight: ws[i], direction: ds[i] }))),
      ),
      scalars: fc.tuple(
        fc.double({ min: METHOD_LIMITS.minStepPercent, max: 100, noNaN: true }),
        points,
        fc.double({ min: METHOD_LIMITS.minBasePoints, max: METHOD_LIMITS.points, noNaN: true }),
        fc.boolean(),
        points,
        points,
        fc.boolean(),
        within(0, METHOD_LIMITS.lossReductionFactor),
        points,
      ),
      minAvailableShare: within(0, 1),
      work: weightsWithPositiveSum(4),
      ratings: fc.uniqueArray(fc.tuple(word, points), {
        maxLength: 6,
        selector: ([w]) => w,
      }),
      categories: named(4, 4).chain((items) =>
        fc
          .array(points, { minLength: 4, maxLength: 4 })
          .map((ps) => items.map((it, i) => ({ name: it.name, points: ps[i], aliases: it.aliases }))),
      ),
      dimensions: fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(uniqueWords(n), weightsWithPositiveSum(n))),
      groups: named(1, 5).chain((items) =>
        fc
          .array(nonNeg, { minLength: items.length, maxLength: items.length })
          .map((ws) => items.map((it, i) => ({ name: it.name, weight: ws[i], aliases: it.aliases }))),
      ),
      minBallots: fc.nat({ max: 1000 }),
      final: fc.tuple(weightsWithPositiveSum(2), points),
      bands: fc
        .uniqueArray(fc.integer({ min: -10000, max: 20000 }), { minLength: 3, maxLength: 3 })
        .map((xs) => xs.sort((a, b) => b - a).map((x) => x / 100)),
      quota: within(0, 100),
      vetoCap: fc.constantFrom(...GRADES),
      lossCap: fc.constantFrom(...GRADES),
      ties: fc.constantFrom("competition" as const, "dense" as const),
      years: fc.array(within(0, METHOD_LIMITS.years), { minLength: 5, maxLength: 5 }),
      education: fc.constantFrom(...EDUCATION_LEVELS),
      title: fc.constantFrom(...TITLE_LEVELS),
      health: fc.array(word, { maxLength: 4 }),
      majors: fc.array(word, { maxLength: 4 }),
      quotaRounding: fc.constantFrom("floor" as const, "round" as const),
      quotaGroupColumn: fc.option(word, { nil: null }),
      voteCaps: fc.constantFrom("cap" as const, "flag" as const),
      reviewNotice: fc.oneof(word, fc.constant(DEFAULT_REVIEW_NOTICE)),
      ballots: fc.record({
        invalidIfAllSame: fc.boolean(),
        maxExcellentShare: fc.option(
          fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000),
          { nil: null },
        ),
        minTurnout: fc.option(
          fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000),
          { nil: null },
        ),
      }),
      overall: fc.record({ weight: nonNeg }).map((o) => ({ name: "综合评价", aliases: ["综合", "总体评价"], ...o })),
      personalRules: named(0, 6).chain((items) =>
        fc
          .tuple(
            fc.array(fc.constantFrom(...PERSONAL_EFFECTS), { minLength: items.length, maxLength: items.length }),
            fc.array(fc.option(fc.nat({ max: METHOD_LIMITS.days }), { nil: undefined }), {
              minLength: items.length,
              maxLength: items.length,
            }),
          )
          .map(([effects, days]) =>
            items.map((it, i) => ({
              name: it.name,
              aliases: it.aliases,
              effect: effects[i],
              ...(days[i] === undefined ? {} : { minDays: days[i] }),
            })),
          ),
      ),
    })
    .map((g): Method => {
      const [
        stepPercent,
        pointsPerStep,
        basePoints,
        stepwise,
        maxBonusPoints,
        maxPenaltyPoints,
        belowBaseCapsOthers,
        lossReductionFactor,
        lossMaxBonusPoints,
      ] = g.scalars;
      const [minAge, minPartyYears, minWorkYears, minDepartments, minPostYears] = g.years;
      return {
        name: g.name,
        referenceDate: g.referenceDate,
        economic: {
          indicators: g.indicators,
          stepPercent,
          pointsPerStep,
          basePoints,
          stepwise,
          maxBonusPoints,
          maxPenaltyPoints,
          belowBaseCapsOthers,
          lossReductionFactor,
          lossMaxBonusPoints,
          minAvailableShare: g.minAvailableShare,
        },
        work: { weights: { economic: g.work[0], keyTasks: g.work[1], partyBuilding: g.work[2], safety: g.work[3] } },
        ratings: Object.fromEntries(g.ratings),
        democratic: {
          categories: g.categories,
          dimensions: Object.fromEntries(g.dimensions[0].map((d, i) => [d, g.dimensions[1][i]])),
          groups: g.groups,
          minBallots: g.minBallots,
          overall: g.overall,
        },
        final: { workWeight: g.final[0][0], democraticWeight: g.final[0][1], maxBonus: g.final[1] },
        grades: {
          bands: [
            { grade: "优秀", min: g.bands[0] },
            { grade: "称职", min: g.bands[1] },
            { grade: "基本称职", min: g.bands[2] },
            { grade: "不称职", min: null },
          ],
          excellentQuotaPercent: g.quota,
          vetoCap: g.vetoCap,
          lossCap: g.lossCap,
          quotaRounding: g.quotaRounding,
          quotaGroupColumn: g.quotaGroupColumn,
          voteCaps: g.voteCaps,
        },
        ranking: { ties: g.ties },
        qualification: {
          minAge,
          minEducation: g.education,
          minPartyYears,
          minWorkYears,
          minTitle: g.title,
          minDepartments,
          minPostYears,
          health: g.health,
          preferredMajors: g.majors,
        },
        personal: { rules: g.personalRules },
        papers: { reviewNotice: g.reviewNotice },
        ballots: g.ballots,
      };
    });

  it("gives back exactly any valid method (property)", () => {
    fc.assert(
      fc.property(method, (m) => {
        // The generator makes valid methods: checked against themselves as the base, so nothing merges in.
        expect(loadMethod(m, m).ok).toBe(true);
        const r = readMethodSheet(methodToSheet(m).grid);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        expect(r.method).toEqual(m);
        expect(r.doc).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a sheet with only some sections or rows", () => {
  it("an empty sheet, or one with only a title, is the defaults", () => {
    expect(readOk([])).toEqual(defaultMethod());
    expect(readOk([["我们的考核办法"], ["说明：按集团默认办法"]])).toEqual(defaultMethod());
  });

  it("fills in the defaults around what the sheet gives", () => {
    const m = readOk([
      ["2025年考核办法"],
      [],
      ["【基本参数】"],
      ["项目", "值", "说明", "键"],
      ["逐档计分", "是", "", "economic.stepwise"],
      ["工作业绩权重-经营业绩", 50, "", "work.weights.economic"],
      [],
      ["【经营业绩指标】"],
      ["指标", "别名", "权重", "方向"],
      ["实现利润", "利润总额", 60, "正向"],
      ["资产负债率", "", 40, "逆向"],
    ]);
    const d = defaultMethod();
    d.economic.stepwise = true;
    d.work.weights.economic = 50;
    d.economic.indicators = [
      { name: "实现利润", aliases: ["利润总额"], weight: 60, direction: "higher" },
      { name: "资产负债率", aliases: [], weight: 40, direction: "lower" },
    ];
    expect(m).toEqual(d);
  });

  it("a section replaces its whole list or table: a rating row deleted is gone, not merged back", () => {
    const m = readOk([
      ["【工作评价等级】"],
      ["评价词", "分值"],
      ["优", 100],
      ["良", 85],
      ["【测评维度】"],
      ["维度", "权重"],
      ["德", 1],
      ["能", 1],
    ]);
    expect(m.ratings).toEqual({ 优: 100, 良: 85 });
    expect(m.democratic.dimensions).toEqual({ 德: 1, 能: 1 });
    expect(m.democratic.groups).toEqual(defaultMethod().democratic.groups);
  });

  it("deleting parameter rows from the written sheet keeps their defaults", () => {
    const rows = defaultRows();
    rows.splice(keyRow(rows, "final.maxBonus"), 1);
    setValue(rows, "final.workWeight", 60);
    const m = readOk(rows);
    expect(m.final).toEqual({ workWeight: 60, democraticWeight: 30, maxBonus: 5 });
  });

  it("skips blank rows and footnotes inside a section", () => {
    const rows = defaultRows();
    const after = firstCellRow(rows, "实现利润");
    rows.splice(after + 1, 0, [], ["注：权重合计 100"]);
    expect(readOk(rows)).toEqual(defaultMethod());
  });

  it("reads parameters by 项目 when the 键 column is gone, and keeps retitled 项目 when 键 is there", () => {
    const full = defaultRows();
    const end = titleRow(full, "经营业绩指标");
    const noKeys = full.map((r, i) => (i < end ? r.slice(0, 3) : r));
    noKeys[keyRow(full, "economic.basePoints")][1] = 40;
    expect(readOk(noKeys).economic.basePoints).toBe(40);

    const retitled = defaultRows();
    retitled[keyRow(retitled, "economic.basePoints")][0] = "计分基数";
    retitled[keyRow(retitled, "economic.basePoints")][1] = 25;
    expect(readOk(retitled).economic.basePoints).toBe(25);
  });
});

describe("values typed as text, full-width, or as Excel stores them", () => {
  it("reads numbers, percentages, booleans, words and dates in their usual forms", () => {
    const rows = defaultRows();
    setValue(rows, "economic.stepPercent", "５"); // full-width digit
    setValue(rows, "economic.basePoints", " 30 ");
    setValue(rows, "economic.stepwise", "ＴＲＵＥ");
    setValue(rows, "economic.belowBaseCapsOthers", false);
    setValue(rows, "economic.minAvailableShare", "60%");
    setValue(rows, "work.weights.keyTasks", "２５");
    setValue(rows, "grades.excellentQuotaPercent", "２０％");
    setValue(rows, "ranking.ties", "dense");
    setValue(rows, "grades.vetoCap", " 称 职 ");
    setValue(rows, "qualification.minEducation", "大学本科");
    setValue(rows, "qualification.minTitle", "副高");
    setValue(rows, "qualification.health", "良好，健康；一般");
    setValue(rows, "referenceDate", "2024/12/31");
    const m = readOk(rows);
    expect(m.economic.stepPercent).toBe(5);
    expect(m.economic.basePoints).toBe(30);
    expect(m.economic.stepwise).toBe(true);
    expect(m.economic.belowBaseCapsOthers).toBe(false);
    expect(m.economic.minAvailableShare).toBe(0.6);
    expect(m.work.weights.keyTasks).toBe(25);
    expect(m.grades.excellentQuotaPercent).toBe(20);
    expect(m.ranking.ties).toBe("dense");
    expect(m.grades.vetoCap).toBe("称职");
    expect(m.qualification.minEducation).toBe("本科");
    expect(m.qualification.minTitle).toBe("副高级");
    expect(m.qualification.health).toEqual(["良好", "健康", "一般"]);
    expect(m.referenceDate).toBe("2024-12-31");
  });

  it("takes the forms Excel turns typed values into: a date cell, a %-formatted quota, 1/0 for 是/否", () => {
    const rows = defaultRows();
    setValue(rows, "referenceDate", new Date(Date.UTC(2025, 0, 15)));
    setValue(rows, "grades.excellentQuotaPercent", 0.25); // 25% typed into the cell
    setValue(rows, "economic.stepwise", 1);
    setValue(rows, "ranking.ties", "中国式排名");
    const m = readOk(rows);
    expect(m.referenceDate).toBe("2025-01-15");
    expect(m.grades.excellentQuotaPercent).toBe(25);
    expect(m.economic.stepwise).toBe(true);
    expect(m.ranking.ties).toBe("dense");
  });

  it("a quota below 1% survives Excel turning the written `0.5%` into 0.005", () => {
    const m = defaultMethod();
    m.grades.excellentQuotaPercent = 0.5;
    const rows = methodToSheet(m).grid.rows.map((r) => [...r]);
    expect(rows[keyRow(rows, "grades.excellentQuotaPercent")][1]).toBe("0.5%");
    setValue(rows, "grades.excellentQuotaPercent", 0.005);
    expect(readOk(rows).grades.excellentQuotaPercent).toBe(0.5);
  });

  it("reads list sections with full-width text, other separators and retitled headers", () => {
    const m = readOk([
      ["［经营业绩指标］"],
      ["指标名称", "别名", "权重（%）", "方向"],
      ["实现利润", "利润总额，净利润；ＲＯＥ", "６０", "higher"],
      ["成本费用率", null, "40", "lower"],
      ["【测评人类别】"],
      ["测评人类别", "别名", "权重"],
      ["上级", "集团领导,上级领导", "30"],
      ["下级", "", "７０"],
    ]);
    expect(m.economic.indicators).toEqual([
      { name: "实现利润", aliases: ["利润总额", "净利润", "ＲＯＥ"], weight: 60, direction: "higher" },
      { name: "成本费用率", aliases: [], weight: 40, direction: "lower" },
    ]);
    expect(m.democratic.groups).toEqual([
      { name: "上级", weight: 30, aliases: ["集团领导", "上级领导"] },
      { name: "下级", weight: 70, aliases: [] },
    ]);
  });
});

describe("bad cells, each named by its address", () => {
  it("an unknown 键 is an error at the 键 cell", () => {
    const rows = defaultRows();
    const r = keyRow(rows, "economic.stepwise");
    rows[r][3] = "economic.stepWiseX";
    expect(readErrors(rows)).toEqual([
      {
        severity: "error",
        cell: `考核方法!D${r + 1}`,
        code: "unknownKey",
        message: "未知的参数键「economic.stepWiseX」",
      },
    ]);
  });

  it("unreadable values are errors at the 值 cell, naming the 项目", () => {
    const rows = defaultRows();
    setValue(rows, "economic.pointsPerStep", "约1");
    setValue(rows, "economic.stepwise", "也许");
    setValue(rows, "ranking.ties", "奥运排名");
    setValue(rows, "referenceDate", "明年");
    const errs = readErrors(rows);
    const at = (key: string) => `考核方法!B${keyRow(rows, key) + 1}`;
    expect(errs.map((e) => e.cell)).toEqual([
      at("referenceDate"),
      at("economic.pointsPerStep"),
      at("economic.stepwise"),
      at("ranking.ties"),
    ]);
    expect(errs[0].message).toContain("资质审查基准日");
    expect(errs[1].message).toBe("每档得分「约1」不是有效的数字");
    expect(errs[2].message).toContain("逐档计分应填“是”或“否”");
    expect(errs[3].message).toContain("并列名次排法");
  });

  it("a value out of range is reported at its cell in the sheet's words", () => {
    const rows = defaultRows();
    setValue(rows, "economic.basePoints", 0);
    setValue(rows, "grades.excellentQuotaPercent", 120);
    setValue(rows, "grades.vetoCap", "很好");
    setValue(rows, "qualification.minEducation", "小学");
    setValue(rows, "democratic.minBallots", 2.5);
    setValue(rows, "name", "");
    const errs = readErrors(rows);
    const byCell = Object.fromEntries(errs.map((e) => [e.cell, e.message]));
    const at = (key: string) => `考核方法!B${keyRow(rows, key) + 1}`;
    expect(byCell).toEqual({
      [at("name")]: "方法名称不能为空",
      [at("economic.basePoints")]: "基准分不能小于 1",
      [at("grades.excellentQuotaPercent")]: "优秀名额比例（%）不能大于 100",
      [at("grades.vetoCap")]: "有否决事项时最高等次应为 优秀、称职、基本称职 或 不称职",
      [at("qualification.minEducation")]: "最低学历应为 中专、大专、本科、硕士、博士 之一",
      [at("democratic.minBallots")]: "最少有效票数应为整数",
    });
    expect(errs.every((e) => e.code === "invalidValue" && e.severity === "error")).toBe(true);
  });

  it("a blank value of a parameter row asks for a value (deleting the row would keep the default)", () => {
    const rows = defaultRows();
    setValue(rows, "economic.maxBonusPoints", null);
    setValue(rows, "economic.stepwise", "");
    const at = (key: string) => `考核方法!B${keyRow(rows, key) + 1}`;
    expect(readErrors(rows).map((e) => [e.cell, e.message])).toEqual([
      [at("economic.stepwise"), "逐档计分不能为空"],
      [at("economic.maxBonusPoints"), "单项指标加分上限不能为空"],
    ]);
  });

  it("a finding inside a list points at the cell of that row and column", () => {
    const rows = defaultRows();
    const second = firstCellRow(rows, "主营业务收入");
    const third = firstCellRow(rows, "净资产收益率");
    set(rows, addr(second, "C"), -20);
    set(rows, addr(third, "D"), "上升");
    set(rows, addr(third, "C"), null);
    expect(readErrors(rows)).toEqual([
      { severity: "error", cell: `考核方法!C${second + 1}`, code: "invalidValue", message: "权重应大于 0" },
      { severity: "error", cell: `考核方法!C${third + 1}`, code: "invalidValue", message: "权重不能为空" },
      {
        severity: "error",
        cell: `考核方法!D${third + 1}`,
        code: "invalidValue",
        message: "方向应填“正向”或“逆向”，不能是「上升」",
      },
    ]);
  });

  it("the 个人情况 rules: effects in words, a blank 最少天数 left out, bad effects and duplicate names at their cells", () => {
    const rows = defaultRows();
    const title = titleRow(rows, "个人情况规则");
    const sick = firstCellRow(rows, "病事假", title);
    const warn = firstCellRow(rows, "党内警告", title);
    expect(rows[sick]).toEqual(["病事假", "病假、事假", "不确定等次", 183]);
    expect(rows[firstCellRow(rows, "诫勉", title)]).toEqual(["诫勉", "诫勉谈话", "不得确定为优秀", null]);
    set(rows, addr(warn, "C"), "不得评为优秀");
    set(rows, addr(sick, "D"), "２００");
    rows.push(["探亲假", "", "暂缓", ""]);
    const m = readOk(rows);
    expect(m.personal.rules.find((r) => r.name === "党内警告")).toEqual({
      name: "党内警告",
      aliases: ["警告处分"],
      effect: "noExcellent",
    });
    expect(m.personal.rules.find((r) => r.name === "病事假")?.minDays).toBe(200);
    expect(m.personal.rules.at(-1)).toEqual({ name: "探亲假", aliases: [], effect: "pending" });

    set(rows, addr(warn, "C"), "从轻处理");
    set(rows, addr(sick, "A"), "诫勉谈话");
    set(rows, addr(sick, "D"), -1);
    expect(readErrors(rows)).toEqual([
      {
        severity: "error",
        cell: `考核方法!C${warn + 1}`,
        code: "invalidValue",
        message: "处理应填 暂缓确定等次、确定为不称职、不确定等次、不得确定为优秀 之一，不能是「从轻处理」",
      },
      {
        severity: "error",
        cell: `考核方法!A${sick + 1}`,
        code: "invalidValue",
        message: `情形「诫勉谈话」与第${firstCellRow(rows, "诫勉", title) + 1}行的别名重复`,
      },
      { severity: "error", cell: `考核方法!D${sick + 1}`, code: "invalidValue", message: "最少天数不能小于 0" },
    ]);
  });

  it("reads the grading variants and the overall item in words", () => {
    const rows = defaultRows();
    expect(rows[keyRow(rows, "grades.quotaRounding")][1]).toBe("向下取整");
    expect(rows[keyRow(rows, "grades.voteCaps")][1]).toBe("直接限定等次");
    expect(rows[keyRow(rows, "grades.quotaGroupColumn")][1]).toBeNull();
    setValue(rows, "grades.quotaRounding", "四舍五入");
    setValue(rows, "grades.voteCaps", "仅作标记");
    setValue(rows, "grades.quotaGroupColumn", " 考核类别 ");
    setValue(rows, "democratic.overall.weight", 20);
    setValue(rows, "democratic.overall.aliases", "综合、总体评价、整体评价");
    const m = readOk(rows);
    expect(m.grades).toMatchObject({ quotaRounding: "round", voteCaps: "flag", quotaGroupColumn: "考核类别" });
    expect(m.democratic.overall).toEqual({ name: "综合评价", aliases: ["综合", "总体评价", "整体评价"], weight: 20 });
    setValue(rows, "grades.quotaRounding", "进一");
    setValue(rows, "democratic.overall.aliases", "德");
    const row = (k: string) => keyRow(rows, k) + 1;
    expect(readErrors(rows).map((e) => [e.cell, e.message])).toEqual([
      [`考核方法!B${row("grades.quotaRounding")}`, "优秀名额取整应填“向下取整”或“四舍五入”，不能是「进一」"],
      [`考核方法!B${row("democratic.overall.aliases")}`, expect.stringContaining("重复")],
    ]);
  });

  it("reads the ballot rules of §11.2: a switch, and two shares that may be left blank (not applied)", () => {
    const rows = defaultRows();
    expect(rows[keyRow(rows, "ballots.invalidIfAllSame")][1]).toBe("否");
    expect(rows[keyRow(rows, "ballots.maxExcellentShare")][1]).toBeNull();
    expect(readOk(rows).ballots).toEqual({ invalidIfAllSame: false, maxExcellentShare: null, minTurnout: null });
    setValue(rows, "ballots.invalidIfAllSame", "是");
    setValue(rows, "ballots.maxExcellentShare", "30%");
    setValue(rows, "ballots.minTurnout", 0.6667);
    expect(readOk(rows).ballots).toEqual({ invalidIfAllSame: true, maxExcellentShare: 0.3, minTurnout: 0.6667 });
    setValue(rows, "ballots.maxExcellentShare", "三成");
    setValue(rows, "ballots.minTurnout", 66.67);
    const row = (k: string) => keyRow(rows, k) + 1;
    expect(readErrors(rows).map((e) => [e.cell, e.message])).toEqual([
      [`考核方法!B${row("ballots.maxExcellentShare")}`, "综合评价优秀比例上限「三成」不是有效的数字"],
      [`考核方法!B${row("ballots.minTurnout")}`, "最低参评率不能大于 1"],
    ]);
  });

  it("a name repeated across rows names the earlier row", () => {
    const rows = defaultRows();
    const first = firstCellRow(rows, "实现利润");
    const fourth = firstCellRow(rows, "上缴资金");
    set(rows, addr(fourth, "B"), "利润总额");
    expect(readErrors(rows)).toEqual([
      {
        severity: "error",
        cell: `考核方法!B${fourth + 1}`,
        code: "invalidValue",
        message: `别名「利润总额」与第${first + 1}行的别名重复`,
      },
    ]);
  });

  it("a rating word given twice is an error at the second", () => {
    const rows = defaultRows();
    const good = firstCellRow(rows, "较好");
    set(rows, addr(good, "A"), "好");
    const errs = readErrors(rows);
    expect(errs).toHaveLength(1);
    expect(errs[0].cell).toBe(`考核方法!A${good + 1}`);
    expect(errs[0].message).toBe(`评价词「好」与第${good}行重复`);
  });

  it("a rating above 100 and a 不称职 line with a score are reported at their cells", () => {
    const rows = defaultRows();
    const good = firstCellRow(rows, "好");
    const unfit = firstCellRow(rows, "不称职", titleRow(rows, "等次分数线"));
    const fit = firstCellRow(rows, "称职", titleRow(rows, "等次分数线"));
    set(rows, addr(good, "B"), 120);
    set(rows, addr(unfit, "B"), 50);
    set(rows, addr(fit, "B"), 95);
    expect(readErrors(rows).map((e) => [e.cell, e.message])).toEqual([
      [`考核方法!B${good + 1}`, "分值不能大于 100"],
      [`考核方法!B${fit + 1}`, "最低分应低于上一等次的最低分"],
      [`考核方法!B${unfit + 1}`, "最低分应留空（最低等次没有分数线）"],
    ]);
  });

  it("a wrong number of rows in a fixed section is reported at the section title", () => {
    const rows = defaultRows();
    const t = titleRow(rows, "测评票类");
    rows.splice(firstCellRow(rows, "基本称职", t), 1);
    expect(readErrors(rows)).toEqual([
      {
        severity: "error",
        cell: `考核方法!A${t + 1}`,
        code: "invalidValue",
        message: "【测评票类】应恰好四行：优秀、称职、基本称职、不称职（按此顺序）",
      },
    ]);
  });

  it("an empty indicator list is reported at its title; weights summing to 0 at the first weight", () => {
    const rows = defaultRows();
    const t = titleRow(rows, "经营业绩指标");
    rows.splice(t + 2, 5);
    for (const k of ["economic", "keyTasks", "partyBuilding", "safety"]) setValue(rows, `work.weights.${k}`, 0);
    expect(readErrors(rows).map((e) => [e.cell, e.message])).toEqual([
      [`考核方法!B${keyRow(rows, "work.weights.economic") + 1}`, "工作业绩四项权重之和应大于 0"],
      [`考核方法!A${t + 1}`, "【经营业绩指标】至少应有一个指标"],
    ]);
  });

  it("an unknown section, a missing column and a repeated parameter are errors at their cells", () => {
    const errs = readErrors([
      ["【基本参数】"],
      ["项目", "值", "说明", "键"],
      ["基准分", 30, "", "economic.basePoints"],
      ["基准分", 35, "", "economic.basePoints"],
      ["【测评纬度】"],
      ["维度", "权重"],
      ["德", 25],
      ["【测评人类别】"],
      ["类别", "权重"],
      ["上级", 30],
      ["【等次分数线】"],
    ]);
    expect(errs.map((e) => [e.cell, e.code])).toEqual([
      ["考核方法!D4", "duplicate"],
      ["考核方法!A5", "unknownSection"],
      ["考核方法!A9", "missingColumn"],
      ["考核方法!A11", "missingColumn"],
    ]);
    expect(errs[0].message).toBe("参数「基准分」与第3行重复");
    expect(errs[2].message).toBe("【测评人类别】的表头缺少「别名」列");
  });

  it("content without any section is an error at A1 rather than silently the defaults", () => {
    const errs = readErrors([["考核办法"], [], [], ["基准分", 30]]);
    expect(errs.map((e) => [e.cell, e.code])).toEqual([["考核方法!A1", "noSections"]]);
  });

  it("reports every bad cell at once, in sheet order, under the sheet's own name", () => {
    const rows = defaultRows();
    setValue(rows, "final.maxBonus", -1);
    setValue(rows, "economic.stepPercent", "三");
    const r = readMethodSheet({ name: "考核方法", rows });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.cell)).toEqual([
      `考核方法!B${keyRow(rows, "economic.stepPercent") + 1}`,
      `考核方法!B${keyRow(rows, "final.maxBonus") + 1}`,
    ]);
  });
});
