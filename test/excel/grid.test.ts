/** src/excel/grid.ts: Office.js values ⇄ Grid conventions, and what Excel would do to written text. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cellFromExcel,
  charsToPoints,
  dateToSerial,
  isDateFormat,
  jsonBytes,
  pointsToChars,
  rangeToRows,
  serialToDate,
  utf8Bytes,
  wouldBeCoerced,
} from "../../src/excel/grid";
import { enter } from "./fake/state";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("dates", () => {
  it("maps serials to calendar days with Excel's 1900 leap-year bug", () => {
    expect(serialToDate(1)).toEqual(utc(1900, 1, 1));
    expect(serialToDate(59)).toEqual(utc(1900, 2, 28));
    // 60 is Excel's 1900-02-29, which never was; 61 is 1900-03-01.
    expect(serialToDate(61)).toEqual(utc(1900, 3, 1));
    expect(serialToDate(45296)).toEqual(utc(2024, 1, 5));
    expect(serialToDate(45296.75)).toEqual(utc(2024, 1, 5));
    expect(serialToDate(0)).toBeNull();
    expect(serialToDate(-3)).toBeNull();
  });

  it("round-trips every day from 1900-03-01 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (s) => {
        expect(dateToSerial(serialToDate(s)!)).toBe(s);
      }),
    );
  });

  it.each([
    ["yyyy-mm-dd", true],
    ['yyyy"年"m"月"d"日"', true],
    ["[$-804]yyyy年m月d日", true],
    ['[DBNum1][$-804]yyyy"年"m"月"', true],
    ["m/d/yyyy", true],
    ["mmm-yy", true],
    ["d-mmm", true],
    ["yyyy/m/d h:mm", true],
    ["General", false],
    ["0.00", false],
    ["0.00%", false],
    ["0.00E+00", false],
    ["h:mm", false],
    ["[h]:mm:ss", false],
    ["mm:ss", false],
    ["h:mm AM/PM", false],
    ["@", false],
    ['#,##0.00"元"', false],
    ["#,##0;[Red]-#,##0", false],
  ])("%s is a date format: %s", (fmt, expected) => {
    expect(isDateFormat(fmt)).toBe(expected);
  });
});

describe("cells", () => {
  it("converts by value type: empty, text, numbers, dates, booleans, errors", () => {
    expect(cellFromExcel("", "Empty", "General")).toBeNull();
    expect(cellFromExcel("", "String", "General")).toBeNull();
    expect(cellFromExcel("张三", "String", "General")).toBe("张三");
    expect(cellFromExcel(12.5, "Double", "0.00")).toBe(12.5);
    expect(cellFromExcel(3, "Integer", "General")).toBe(3);
    expect(cellFromExcel(0.084, "Double", "0.0%")).toBe(0.084);
    expect(cellFromExcel(27468, "Double", 'yyyy"年"m"月"d"日"')).toEqual(utc(1975, 3, 15));
    expect(cellFromExcel(true, "Boolean", "General")).toBe(true);
    expect(cellFromExcel("#N/A", "Error", "General")).toEqual({ error: "#N/A" });
    expect(cellFromExcel("#DIV/0!", "Error", "0.00")).toEqual({ error: "#DIV/0!" });
  });

  it("without value types an error is known by its text", () => {
    expect(cellFromExcel("#N/A", undefined, undefined)).toEqual({ error: "#N/A" });
    expect(cellFromExcel("#不是错误", undefined, undefined)).toBe("#不是错误");
    expect(cellFromExcel(45296, undefined, undefined)).toBe(45296);
  });

  it("places a range at its position from A1 and trims trailing blanks", () => {
    const rows = rangeToRows({
      values: [
        ["a", "", ""],
        ["", "", ""],
        [1, "", 2],
        ["", "", ""],
      ],
      valueTypes: [
        ["String", "Empty", "Empty"],
        ["Empty", "Empty", "Empty"],
        ["Double", "Empty", "Double"],
        ["Empty", "Empty", "Empty"],
      ],
      numberFormat: Array.from({ length: 4 }, () => ["General", "General", "General"]),
      rowIndex: 2,
      columnIndex: 1,
    });
    expect(rows).toEqual([[], [], [null, "a"], [], [null, 1, null, 2]]);
  });
});

describe("text that Excel would not keep as text", () => {
  it.each([
    "=SUM(A1)",
    "+86",
    "-5",
    "@x",
    "123",
    "1,234.5",
    "8.4%",
    "1e3",
    "TRUE",
    "false",
    "#N/A",
    "2024-01-05",
    "3-1",
    "3/1",
    "12:30",
    "2024年1月",
    "1月5日",
    "(12)",
    "¥100",
    "'abc",
  ])("%s is coerced", (s) => expect(wouldBeCoerced(s)).toBe(true));
  it.each(["张三", "一公司", "党委书记", "超出优秀名额", "A1", "第3工程局", "3号楼", "", "#不是错误", "好"])(
    "%s stays text",
    (s) => expect(wouldBeCoerced(s)).toBe(false),
  );

  it("covers everything the fake Excel would turn into something else", () => {
    // The fake models Excel's entry rules; whatever it does not keep as the same text must be flagged.
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^[-+=@'#]?[0-9.,%/:e-]{0,8}$/),
          fc.constantFrom("TRUE", "#N/A", "2024-2-30", "12/31", "1,000", "0012"),
        ),
        (s) => {
          const e = enter(s, "General");
          const keptAsText = e.kind === "value" && e.type === "String" && e.value === s && !e.quotePrefix;
          if (!keptAsText && s !== "") expect(wouldBeCoerced(s), JSON.stringify(s)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("sizes", () => {
  it("converts column widths between characters and points", () => {
    expect(charsToPoints(8.43)).toBe(48);
    expect(pointsToChars(charsToPoints(12))).toBe(12);
  });

  it("measures UTF-8 like the wire does", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("考核")).toBe(6);
    expect(utf8Bytes("😀")).toBe(4);
    expect(jsonBytes([["考核", 1]])).toBe(new TextEncoder().encode(JSON.stringify([["考核", 1]])).length);
  });
});
