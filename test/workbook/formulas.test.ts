/**
 * Formulas mode, pure: the formula text of 计算明细 and 考核结果 for small workbooks — how each kind of input
 * cell is referenced, what is fixed at write time, the cached values, and the functions used. The values the
 * formulas give are checked by LibreOffice in test/cli/formulas.test.ts.
 */
import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine";
import type { Method } from "../../src/method/types";
import { a1, columnLetters } from "../../src/workbook/address";
import {
  DETAILS_SHEET,
  formulaLayouts,
  LEADER_COLUMNS,
  NOTE_TEXT,
  RESULT_FORMULA_COLUMNS,
  RESULTS_FORMULA_NOTE,
} from "../../src/workbook/formulas";
import { numberLiteral, sheetPrefix } from "../../src/workbook/formulas/sheet";
import type { GridBook } from "../../src/workbook/grid";
import { type LayoutValue, resultColumn, type SheetLayout } from "../../src/workbook/layout";
import { readWorkbook } from "../../src/workbook/read";
import { methodWith, type Rows, sheet, TWO_INDICATORS, VOTE_HEADER, voteRows } from "./helpers";

const LEADERS: Rows = [
  ["姓名", "单位", "职务", "任职模式"],
  ["甲", "一公司", "党委书记", null],
  ["乙", "二公司", "党委书记", "交叉任职"],
  ["丙", "三公司", "党建工作指导员", "党建工作指导员"],
];

const ECONOMIC: Rows = [
  ["单位", "实现利润目标值", "实现利润完成值", "主营业务收入目标值", "主营业务收入完成值"],
  ["一公司", 100, "１１０", 1000, 1050],
  ["二公司", 200, 190, "2,000", 2100],
  ["三公司", 50, "-", 500, 520],
];

const WORK: Rows = [
  ["单位", "重点工作", "党的建设", "安全稳定"],
  ["一公司", 90, "好", "较 好"],
  ["二公司", "92", null, "无"],
  ["三公司", 80, 85, 90],
];

const VOTES: Rows = [
  VOTE_HEADER,
  ...voteRows([
    ["甲", "一公司"],
    ["乙", "二公司"],
  ]).map((r, i) => (i === 0 ? [r[0], r[1], "集团领导", r[3], 3, 2, null, 0] : r)),
  ["丙", "三公司", "上级", "德", 1, 1, 0, 0],
];

const ADJUSTMENTS: Rows = [
  ["姓名", "单位", "类型", "分值", "事项"],
  ["甲", "一公司", "加分", 2, "表彰"],
  [null, "二公司", "减分", "1.5", "通报"],
  ["丁", "一公司", "加分", 1, "不在考核对象中"],
];

interface Built {
  results: SheetLayout;
  details: SheetLayout;
}

function build(over: { economicName?: string; method?: Method; work?: Rows } = {}): Built {
  const method = over.method ?? TWO_INDICATORS;
  const book: GridBook = [
    sheet("考核对象", LEADERS),
    sheet(over.economicName ?? "经营业绩", ECONOMIC),
    sheet("工作评价", over.work ?? WORK),
    sheet("民主测评", VOTES),
    sheet("加减分", ADJUSTMENTS),
  ];
  const read = readWorkbook(book, method);
  expect(read.errors).toEqual([]);
  const assessment = assess(read.input, method, { referenceDate: "2025-06-30", warnings: read.warnings });
  return formulaLayouts({ book, input: read.input, method, assessment });
}

/** A cell of a layout by A1 address: its formula (or null) and its value (cached for a formula). */
function cell(layout: SheetLayout, address: string): { formula: string | null; value: LayoutValue } {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const row = Number(m[2]) - 1;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const f = layout.formulas.find((x) => x.row === row && x.col === col);
  return { formula: f?.formula ?? null, value: layout.values[row]?.[col] ?? null };
}

/** The row (1-based) of the first cell in column `col` holding `text`, at or after `from`. */
function rowOf(layout: SheetLayout, col: string, text: string, from = 1): number {
  const c = col.charCodeAt(0) - 65;
  for (let r = from - 1; r < layout.values.length; r++) if (layout.values[r]?.[c] === text) return r + 1;
  throw new Error(`no ${text} in column ${col}`);
}

function noteAt(layout: SheetLayout, address: string): string | undefined {
  return layout.notes.find((n) => a1(n.row, n.col) === address)?.text;
}

const built = build();
const D = built.details;
/** First row of each table of 计算明细, by its header's first word and a word only that header has. */
const indicatorRows = rowOf(D, "C", "指标") + 1;
const unitRows = rowOf(D, "C", "可用权重") + 1;
const leaderRows = rowOf(D, "D", "任职模式") + 1;

describe("计算明细: input cells", () => {
  it("references a number, a blank and a missing marker live, with the reader's meaning of no number", () => {
    const t = cell(D, `F${indicatorRows}`); // 一公司 实现利润 target: 100
    expect(t).toEqual({ formula: "=IF(ISNUMBER('经营业绩'!B2),'经营业绩'!B2,\"\")", value: 100 });
    const a = cell(D, `G${indicatorRows + 4}`); // 三公司 实现利润 actual: "-"
    expect(a).toEqual({ formula: "=IF(ISNUMBER('经营业绩'!C4),'经营业绩'!C4,\"\")", value: "" });
    expect(noteAt(D, `G${indicatorRows + 4}`)).toBeUndefined();
    expect(cell(D, `H${indicatorRows + 4}`).value).toBe("否");
  });

  it("writes a number held as text as the reader's value, guarded, with a note", () => {
    const a = cell(D, `G${indicatorRows}`); // 一公司 实现利润 actual: "１１０"
    expect(a).toEqual({
      formula: "=IF(ISNUMBER('经营业绩'!C2),'经营业绩'!C2,IF('经营业绩'!C2=\"１１０\",110,NA()))",
      value: 110,
    });
    expect(noteAt(D, `G${indicatorRows}`)).toMatch(/经营业绩!C2 为文本「１１０」，写出时读作 110/);
    const t = cell(D, `F${indicatorRows + 3}`); // 二公司 主营业务收入 target: "2,000"
    expect(t.formula).toBe("=IF(ISNUMBER('经营业绩'!D3),'经营业绩'!D3,IF('经营业绩'!D3=\"2,000\",2000,NA()))");
    const adj = cell(D, `G${rowOf(D, "H", "通报")}`);
    expect(adj).toEqual({
      formula: "=IF(ISNUMBER('加减分'!D3),'加减分'!D3,IF('加减分'!D3=\"1.5\",1.5,NA()))",
      value: 1.5,
    });
  });

  it("looks rating words up in the parameter block, and compares a normalized word as written", () => {
    const words = rowOf(D, "A", "评价等次") + 1;
    const table = `$B$${words}:$B$${words + 4},MATCH('工作评价'!`;
    const good = cell(D, `I${unitRows}`); // 党的建设 "好"
    expect(good.formula).toBe(
      `=IF(ISNUMBER('工作评价'!C2),'工作评价'!C2,IFERROR(INDEX(${table}C2,$A$${words}:$A$${words + 4},0)),""))`,
    );
    expect(good.value).toBe(100);
    const fairly = cell(D, `J${unitRows}`); // 安全稳定 "较 好" → 较好
    const fairlyPoints = `$B$${rowOf(D, "A", "较好")}`;
    expect(fairly.formula).toContain(`IF('工作评价'!D2="较 好",${fairlyPoints},NA())`);
    expect(fairly.value).toBe(80);
    expect(noteAt(D, `J${unitRows}`)).toMatch(/按评价等次「较好」计分/);
    const text = cell(D, `H${unitRows + 1}`); // 重点工作 "92"
    expect(text.formula).toContain(`IF('工作评价'!B3="92",92,NA())`);
    expect(cell(D, `I${unitRows + 1}`).value).toBe(""); // blank
    expect(cell(D, `J${unitRows + 1}`).value).toBe(""); // 无
  });

  it("counts a blank vote as 0 and mirrors each vote row with its resolved leader, group and dimension", () => {
    const first = rowOf(D, "E", "维度") + 1;
    expect(D.values[first - 1].slice(0, 5)).toEqual([1, "甲", "一公司", "上级", "德"]); // 集团领导 → 上级
    expect(cell(D, `H${first}`)).toEqual({
      formula: "=IF(ISNUMBER('民主测评'!G2),'民主测评'!G2,0)",
      value: 0,
    });
    expect(cell(D, `J${first}`)).toEqual({ formula: `=SUM(F${first}:I${first})`, value: 5 });
  });

  it("quotes every sheet name, as the workbook spells it", () => {
    const b = build({ economicName: " 经营业绩 " });
    const t = cell(b.details, `F${indicatorRows}`);
    expect(t.formula).toBe("=IF(ISNUMBER(' 经营业绩 '!B2),' 经营业绩 '!B2,\"\")");
    expect(sheetPrefix("O'Brien 表")).toBe("'O''Brien 表'!");
    expect(numberLiteral(1e-7)).toBe("1E-7");
  });
});

describe("计算明细: the steps", () => {
  it("holds the method's values in the parameter block, and the formulas refer to them", () => {
    expect(cell(D, `B${rowOf(D, "A", "每档幅度（%）")}`).value).toBe(3);
    expect(cell(D, `B${rowOf(D, "A", "按整档计分")}`).value).toBe("否");
    const profit = rowOf(D, "A", "实现利润");
    expect(D.values[profit - 1].slice(0, 3)).toEqual(["实现利润", 60, "正向"]);
    expect(cell(D, `D${indicatorRows}`)).toEqual({ formula: `=$B$${profit}`, value: 60 });
    const steps = cell(D, `J${indicatorRows}`).formula!;
    expect(steps).toContain(`IF($B$${rowOf(D, "A", "按整档计分")}="是",TRUNC(`);
  });

  it("zeroes W_E for a 党建工作指导员 and leaves F empty for a pending leader", () => {
    const c = (col: number, r: number) => cell(D, `${columnLetters(col)}${r}`);
    const guide = leaderRows + 2; // 丙
    expect(D.values[guide - 1].slice(0, 4)).toEqual([3, "丙", "三公司", "党建工作指导员"]);
    expect(c(LEADER_COLUMNS.economicWeight, guide).formula).toMatch(/^=IF\(D\d+="党建工作指导员",0,\$B\$\d+\)$/);
    expect(c(LEADER_COLUMNS.economicWeight, guide).value).toBe(0);
    expect(c(LEADER_COLUMNS.economic, guide).value).toBe(""); // 三公司: 40% of the weight available
    expect(c(LEADER_COLUMNS.work, guide).value).toBeCloseTo(5050 / 60, 10); // (20·80 + 30·85 + 10·90) / 60
    expect(c(LEADER_COLUMNS.ballots, guide).value).toBe(2);
    expect(c(LEADER_COLUMNS.democratic, guide).value).toBe(""); // 2 ballots < 5
    expect(c(LEADER_COLUMNS.final, guide)).toEqual({
      formula: expect.stringMatching(/^=IF\(OR\(K\d+="",N\d+=""\),"",/),
      value: "",
    });
    expect(c(LEADER_COLUMNS.final, leaderRows).value).toBeTypeOf("number");
  });

  it("applies each 加减分 item as the engine does: to its leader, to the whole unit, or not at all", () => {
    const first = rowOf(D, "A", "适用范围") + 1;
    expect(D.values.slice(first - 1, first + 2).map((r) => r.slice(0, 3))).toEqual([
      ["个人", 1, null],
      ["全单位", null, 2],
      ["不计入", null, null],
    ]);
    const bonus = cell(D, `${columnLetters(LEADER_COLUMNS.bonus)}${leaderRows}`);
    expect(bonus.formula).toMatch(/^=SUMIFS\(.*"加分"\)\+SUMIFS\(.*"全单位".*"加分"\)$/);
    expect(bonus.value).toBe(2);
    expect(cell(D, `${columnLetters(LEADER_COLUMNS.penalty)}${leaderRows + 1}`).value).toBe(1.5);
  });

  it("uses only functions Excel 2007+ and LibreOffice both have, none needing an _xlfn. prefix", () => {
    const allowed = new Set([
      "IF",
      "AND",
      "OR",
      "ISNUMBER",
      "IFERROR",
      "INDEX",
      "MATCH",
      "NA",
      "ROUND",
      "TRUNC",
      "SIGN",
      "ABS",
      "MIN",
      "MAX",
      "SUM",
      "SUMIFS",
      "COUNTIF",
    ]);
    const used = new Set<string>();
    for (const f of [...D.formulas, ...built.results.formulas]) {
      expect(f.formula.startsWith("=")).toBe(true);
      for (const m of f.formula.replace(/"[^"]*"/g, '""').matchAll(/([A-Z][A-Z0-9._]*)\(/g)) used.add(m[1]);
    }
    expect([...used].filter((n) => !allowed.has(n))).toEqual([]);
    expect(used.has("SUMIFS")).toBe(true);
  });

  it("says in a note what is live and what was fixed at write time", () => {
    expect(noteAt(D, "A1")).toBe(NOTE_TEXT);
    expect(NOTE_TEXT).toMatch(/随输入重算/);
    expect(NOTE_TEXT).toMatch(/写出时固定/);
    expect(NOTE_TEXT).toMatch(/#N\/A/);
    expect(D.sheet).toBe(DETAILS_SHEET);
    // Formula cells are never text cells, whatever their cached value.
    const formulaCells = new Set(D.formulas.map((f) => `${f.row},${f.col}`));
    expect(D.textCells.filter((t) => formulaCells.has(`${t.row},${t.col}`))).toEqual([]);
  });
});

describe("考核结果 in formulas mode", () => {
  const R = built.results;

  it("makes every score cell a formula over 计算明细, rounded as §5 says, caching the engine's value", () => {
    expect(R.formulas).toHaveLength(3 * RESULT_FORMULA_COLUMNS.length);
    for (const [header, col, digits] of RESULT_FORMULA_COLUMNS) {
      const at = columnLetters(resultColumn(header));
      for (let i = 0; i < 3; i++) {
        const ref = `'计算明细'!${columnLetters(col)}${leaderRows + i}`;
        const c = cell(R, `${at}${i + 2}`);
        expect(c.formula).toBe(
          header === "加减分" ? `=ROUND(${ref},${digits})` : `=IF(${ref}="","",ROUND(${ref},${digits}))`,
        );
      }
    }
    expect(cell(R, "A2").value).toBe("甲");
    expect(cell(R, "D2").value).toBeTypeOf("number");
    expect(cell(R, "D4").value).toBe(""); // 丙: 经营业绩 missing
    expect(cell(R, "N4").value).toBe(""); // 丙: pending
    expect(cell(R, "P4")).toEqual({ formula: null, value: "暂缓评定" });
    expect(cell(R, "O2").formula).toBeNull(); // 排名 stays a value
  });

  it("caches exactly what the values mode writes, and says which columns are formulas", async () => {
    const { resultsLayout } = await import("../../src/workbook/layout");
    const method = TWO_INDICATORS;
    const book: GridBook = [
      sheet("考核对象", LEADERS),
      sheet("经营业绩", ECONOMIC),
      sheet("工作评价", WORK),
      sheet("民主测评", VOTES),
      sheet("加减分", ADJUSTMENTS),
    ];
    const read = readWorkbook(book, method);
    const plain = resultsLayout(assess(read.input, method, { referenceDate: "2025-06-30" }));
    expect(R.values.map((r) => r.map((v) => (v === "" ? null : v)))).toEqual(plain.values);
    expect(R.columns).toEqual(plain.columns);
    expect(noteAt(R, "D1")).toBe(RESULTS_FORMULA_NOTE);
    expect(noteAt(R, "O1")).toMatch(/不是公式/);
  });

  it("follows a method with other indicators, weights and no ratings", () => {
    const m = methodWith({
      indicators: [{ name: "实现利润", aliases: [], weight: 100, direction: "lower" }],
      ratings: {},
    });
    const b = build({
      method: m,
      work: [
        ["单位", "重点工作", "党的建设", "安全稳定"],
        ["一公司", 90, 80, 70],
        ["二公司", 80, 80, 80],
        ["三公司", 70, 70, 70],
      ],
    });
    const first = rowOf(b.details, "C", "指标") + 1;
    expect(cell(b.details, `E${first}`).value).toBe("逆向");
    expect(b.details.values[first].slice(0, 3)).toEqual([2, "二公司", "实现利润"]); // one indicator per unit
    const work = rowOf(b.details, "C", "可用权重") + 1;
    expect(cell(b.details, `I${work}`).formula).toBe("=IF(ISNUMBER('工作评价'!C2),'工作评价'!C2,\"\")");
  });
});
