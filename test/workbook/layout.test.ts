import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GRADE_COLORS, GRADE_ORDER } from "../../src/workbook/gradeColors";
import {
  headerText,
  looksLikeFormula,
  PRINT_FONT,
  RESULT_HEADERS,
  resultColumn,
  resultsLayout,
  textCellsOf,
  type SheetLayout,
} from "../../src/workbook/layout";
import { assessmentOf, leader } from "../support/assessment";

const sample = assessmentOf([
  leader({}),
  leader({
    index: 1,
    name: "乙",
    unit: "二公司",
    economic: 96,
    final: 93.46,
    rank: 2,
    grade: "称职",
    adjustment: 0,
    flags: [{ code: "excellentQuota", message: "超出优秀名额" }],
  }),
  leader({
    index: 2,
    name: "丙",
    unit: "三公司",
    economic: null,
    work: null,
    final: null,
    rank: null,
    grade: "暂缓评定",
    status: "pending",
    adjustment: -1,
    flags: [
      { code: "pending", message: "工作业绩缺失：经营业绩可用指标权重不足" },
      { code: "veto", message: "有否决事项：安全事故" },
    ],
  }),
]);

const col = (layout: SheetLayout, header: string) => layout.values.map((r) => r[resultColumn(header)]);

describe("resultsLayout", () => {
  const layout = resultsLayout(sample);

  it("writes 考核结果 with exactly the 17 headers of docs/method.md §8 on row 1", () => {
    expect(layout.sheet).toBe("考核结果");
    expect(layout.values[0]).toEqual([
      "姓名",
      "单位",
      "职务",
      "经营业绩",
      "重点工作",
      "党的建设",
      "安全稳定",
      "工作业绩",
      "民主测评",
      "优秀率",
      "称职以上率",
      "不称职率",
      "加减分",
      "综合得分",
      "排名",
      "等次",
      "说明",
    ]);
    expect(RESULT_HEADERS).toHaveLength(17);
    expect(layout.headerRows).toBe(1);
    expect(layout.columns).toHaveLength(17);
  });

  it("has one row per leader with numbers as numbers and missing values as empty cells", () => {
    expect(layout.values).toHaveLength(4);
    expect(layout.values[1]).toEqual([
      "甲",
      "一公司",
      "党委书记",
      108.22,
      100,
      96,
      100,
      102.09,
      93,
      0.7,
      0.95,
      0,
      2,
      101.36,
      1,
      "优秀",
      null,
    ]);
    expect(col(layout, "经营业绩")[3]).toBeNull();
    expect(col(layout, "综合得分")[3]).toBeNull();
    expect(col(layout, "排名")[3]).toBeNull();
    expect(col(layout, "加减分")).toEqual(["加减分", 2, 0, -1]);
  });

  it("keeps the order of 考核对象 even when the results come in another order", () => {
    const shuffled = assessmentOf([sample.leaders[2], sample.leaders[0], sample.leaders[1]]);
    expect(col(resultsLayout(shuffled), "姓名")).toEqual(["姓名", "甲", "乙", "丙"]);
  });

  it("writes 暂缓评定 for a pending leader and joins the flags' messages with ；", () => {
    expect(col(layout, "等次")).toEqual(["等次", "优秀", "称职", "暂缓评定"]);
    expect(col(layout, "说明")[1]).toBeNull(); // no flags: an empty cell
    expect(col(layout, "说明")[2]).toBe("超出优秀名额");
    expect(col(layout, "说明")[3]).toBe("工作业绩缺失：经营业绩可用指标权重不足；有否决事项：安全事故");
  });

  it("formats scores with two decimals, rates as percentages, the rank as an integer, text as General", () => {
    const fmt = (h: string) => layout.columns[resultColumn(h)].numberFormat;
    for (const h of ["经营业绩", "重点工作", "党的建设", "安全稳定", "工作业绩", "民主测评", "加减分", "综合得分"])
      expect(fmt(h)).toBe("0.00");
    for (const h of ["优秀率", "称职以上率", "不称职率"]) expect(fmt(h)).toBe("0.00%");
    expect(fmt("排名")).toBe("0");
    for (const h of ["姓名", "单位", "职务", "等次", "说明"]) expect(fmt(h)).toBeNull();
  });

  it("freezes the header row and the name and unit columns, and filters the whole table", () => {
    expect(layout.freeze).toEqual({ rows: 1, columns: 2 });
    expect(layout.autoFilter).toEqual({ top: 0, left: 0, bottom: 3, right: 16 });
  });

  it("makes the header bold on a fill", () => {
    const header = layout.styles.find((s) => s.range.top === 0 && s.range.bottom === 0);
    expect(header?.range).toEqual({ top: 0, left: 0, bottom: 0, right: 16 });
    expect(header?.style.bold).toBe(true);
    expect(header?.style.fill).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it("fills each 等次 cell with the colour of its grade", () => {
    const g = resultColumn("等次");
    const fillAt = (row: number) =>
      layout.styles
        .filter(
          (s) => s.style.fill && s.range.top <= row && row <= s.range.bottom && s.range.left <= g && g <= s.range.right,
        )
        .map((s) => s.style.fill)
        .pop();
    expect(fillAt(1)).toBe(GRADE_COLORS["优秀"]);
    expect(fillAt(2)).toBe(GRADE_COLORS["称职"]);
    expect(fillAt(3)).toBe(GRADE_COLORS["暂缓评定"]);
  });

  it("puts a note on the 排名 and 等次 headers saying they are values written by the program", () => {
    expect(layout.notes.map((n) => [n.row, n.col])).toEqual([
      [0, resultColumn("排名")],
      [0, resultColumn("等次")],
    ]);
    for (const n of layout.notes) expect(n.text).toContain("不是公式");
    expect(layout.notes[1].text).toContain("优秀名额 1 名");
  });

  it("has no formulas in the values mode", () => {
    expect(layout.formulas).toEqual([]);
  });

  it("sizes columns by display width: CJK text counts double, long notes are capped", () => {
    const long = assessmentOf([
      leader({ name: "欧阳娜娜娜娜", unit: "中国某某集团有限公司第一分公司" }),
      leader({
        index: 1,
        name: "Li",
        unit: "ABCDEFGHIJKLMNOPQRSTUVWXYZABCD",
        flags: [{ code: "veto", message: "长".repeat(200) }],
      }),
    ]);
    const l = resultsLayout(long);
    const width = (h: string) => l.columns[resultColumn(h)].width;
    // 15 CJK characters need 30 units; 30 ASCII letters need 30 units: the unit column fits both.
    expect(width("单位")).toBeGreaterThanOrEqual(30);
    expect(width("姓名")).toBeGreaterThanOrEqual(12);
    expect(width("说明")).toBeLessThanOrEqual(60);
    // A header such as 称职以上率 (5 CJK characters) is wider than a 4-character one.
    expect(width("称职以上率")).toBeGreaterThan(width("排名"));
    for (const c of l.columns) expect(c.width).toBeGreaterThanOrEqual(6);
  });

  it("marks names that look like formulas as text", () => {
    const tricky = assessmentOf([
      leader({ name: '=HYPERLINK("http://x")', unit: "+一公司", position: "-", flags: [] }),
      leader({ index: 1, name: "@张三", unit: "二公司" }),
    ]);
    const l = resultsLayout(tricky);
    expect(l.textCells).toEqual([
      { row: 1, col: 0 },
      { row: 1, col: 1 },
      { row: 1, col: 2 },
      { row: 2, col: 0 },
    ]);
    // The strings stay exactly as they were.
    expect(l.values[1][0]).toBe('=HYPERLINK("http://x")');
  });

  it("lays out an assessment with no leaders as the header alone", () => {
    const l = resultsLayout(assessmentOf([]));
    expect(l.values).toEqual([[...RESULT_HEADERS]]);
    expect(l.autoFilter).toEqual({ top: 0, left: 0, bottom: 0, right: 16 });
  });
});

describe("resultsLayout: printing", () => {
  const layout = resultsLayout(sample, { title: "恒川能源集团2025年度党组织负责人考核评价结果" });
  const p = layout.print!;

  it("prints on A4 landscape, every column on one page wide, as many pages down as the rows need", () => {
    expect(p.orientation).toBe("landscape");
    expect(p.paper).toBe("A4");
    expect(p.fitTo).toEqual({ width: 1, height: 0 });
    expect(p.centerHorizontally).toBe(true);
  });

  it("repeats the header row on every page, the title at the top and 第 n 页 共 m 页 at the bottom", () => {
    expect(p.titleRows).toEqual({ top: 0, bottom: 0 });
    expect(p.header).toBe(`&C&"${PRINT_FONT},Regular"&14&B恒川能源集团2025年度党组织负责人考核评价结果`);
    expect(p.footer).toBe(`&C&"${PRINT_FONT},Regular"&10第 &P 页 共 &N 页`);
  });

  it("keeps a title's & and = as text: & doubled (a code otherwise), = untouched (a header is no formula)", () => {
    expect(headerText("A&B集团")).toBe("A&&B集团");
    const odd = resultsLayout(sample, { title: "=R&D集团&P考核结果" }).print!;
    expect(odd.header.endsWith("&B=R&&D集团&&P考核结果")).toBe(true);
    // Nothing but our own codes: every & of the title is doubled.
    expect(odd.header.replace(/&&/g, "").match(/&./g)).toEqual(["&C", '&"', "&1", "&B"]);
    // A very long title is clipped to fit the 255 characters Excel allows.
    expect(resultsLayout(sample, { title: "&".repeat(400) }).print!.header.length).toBeLessThanOrEqual(255);
  });

  it("defaults the title to the sheet's name", () => {
    expect(resultsLayout(sample).print!.header.endsWith("&B考核结果")).toBe(true);
  });

  it("sets the whole table in one face with thin lines, before every other style", () => {
    expect(layout.styles[0]).toEqual({
      range: { top: 0, left: 0, bottom: 3, right: 16 },
      style: { fontName: PRINT_FONT, border: "thin", verticalAlignment: "center" },
    });
    expect(layout.styles.slice(1).some((s) => s.style.fontName !== undefined)).toBe(false);
  });

  it("wraps 职务 and 说明, and makes a row taller where its text needs more lines", () => {
    const long = assessmentOf([
      leader({}),
      leader({ index: 1, name: "乙", flags: [{ code: "veto", message: "单位存在否决事项：".repeat(8) }] }),
    ]);
    const l = resultsLayout(long);
    const wraps = (h: string) =>
      l.styles.some((s) => s.style.wrapText && s.range.left === resultColumn(h) && s.range.right === resultColumn(h));
    expect(wraps("说明") && wraps("职务")).toBe(true);
    expect(l.columns[resultColumn("说明")].width).toBeLessThanOrEqual(40);
    expect(l.rowHeights).toHaveLength(3);
    expect(l.rowHeights![0]).toEqual({ row: 0, height: 15 });
    expect(l.rowHeights![1]).toEqual({ row: 1, height: 15 });
    // 72 CJK characters, 19 to a line of a 40-unit column: 4 lines.
    expect(l.rowHeights![2].height).toBeGreaterThanOrEqual(4 * 14.25);
  });
});

describe("textCellsOf", () => {
  it("finds exactly the strings that start with = + - @", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null)), { maxLength: 5 }), { maxLength: 5 }),
        (values) => {
          const marked = new Set(textCellsOf(values).map((p) => `${p.row},${p.col}`));
          values.forEach((row, r) =>
            row.forEach((v, c) => {
              const expected = typeof v === "string" && ["=", "+", "-", "@"].includes(v.charAt(0));
              expect(marked.has(`${r},${c}`)).toBe(expected);
            }),
          );
        },
      ),
    );
    expect(looksLikeFormula("张三")).toBe(false);
    expect(looksLikeFormula("=1+1")).toBe(true);
  });
});

describe("grade colours", () => {
  it("gives every grade, 暂缓评定 and 不定等次 its own colour", () => {
    const colours = GRADE_ORDER.map((g) => GRADE_COLORS[g]);
    expect(GRADE_ORDER).toEqual(["优秀", "称职", "基本称职", "不称职", "暂缓评定", "不定等次"]);
    expect(new Set(colours).size).toBe(6);
    for (const c of colours) expect(c).toMatch(/^#[0-9A-F]{6}$/);
  });
});
