import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellText, isMissingMarker, parseDate, parseDateDetailed, parseNumber } from "../../src/workbook/cells";
import { utcDate } from "./helpers";

describe("parseNumber", () => {
  it.each([
    [1234.5, 1234.5],
    [-3, -3],
    [0, 0],
    ["1,234.5", 1234.5],
    ["１，２３４．５", 1234.5],
    ["12,345,678", 12345678],
    ["  42 ", 42],
    ["-7", -7],
    ["−7", -7],
    ["－7", -7],
    ["+7", 7],
    ["8.4%", 0.084],
    ["８.４％", 0.084],
    ["-12.5%", -0.125],
    ["100%", 1],
    ["12.0", 12],
    [".5", 0.5],
    ["1e3", 1000],
    ["-0", 0],
  ])("%j → %j", (input, expected) => {
    expect(parseNumber(input)).toEqual({ kind: "number", value: expected });
  });

  it.each([null, "", "   ", "-", "—", "——", "－", "/", "／", "无", " 无 ", "--"])("%j is missing", (v) => {
    expect(parseNumber(v)).toEqual({ kind: "missing" });
  });

  it.each([
    ["约100", "约100"],
    ["#N/A", "#N/A"],
    ["#DIV/0!", "#DIV/0!"],
    ["1,23", "1,23"],
    ["12 345", "12 345"],
    ["1.2.3", "1.2.3"],
    ["100万", "100万"],
    ["%", "%"],
    ["- 5", "- 5"],
  ])("%j is invalid", (v, text) => {
    expect(parseNumber(v)).toEqual({ kind: "invalid", text });
  });

  it("rejects booleans, Excel errors, dates and non-finite numbers", () => {
    expect(parseNumber(true)).toEqual({ kind: "invalid", text: "TRUE" });
    expect(parseNumber(false)).toEqual({ kind: "invalid", text: "FALSE" });
    expect(parseNumber({ error: "#DIV/0!" })).toEqual({ kind: "invalid", text: "#DIV/0!" });
    expect(parseNumber(utcDate(2024, 1, 2))).toEqual({ kind: "invalid", text: "2024-01-02" });
    expect(parseNumber(Number.NaN).kind).toBe("invalid");
    expect(parseNumber(Number.POSITIVE_INFINITY).kind).toBe("invalid");
  });

  it("reads any number written with thousands separators back to itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole.toLocaleString("en-US")}.${String(cents).padStart(2, "0")}`;
        const p = parseNumber(text);
        const expected = Number(`${whole}.${String(cents).padStart(2, "0")}`);
        expect(p).toEqual({ kind: "number", value: expected === 0 ? 0 : expected });
      }),
    );
  });

  it("reads a percentage as the decimal string would give it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (n) => {
        const pct = (n / 10).toString();
        expect(parseNumber(`${pct}%`)).toEqual({ kind: "number", value: Number(`${pct}e-2`) });
      }),
    );
  });
});

describe("isMissingMarker", () => {
  it.each([null, "", " ", "\u00a0", "-", "—", "——", "－", "/", "无", "　无　"])("%j is missing", (v) => {
    expect(isMissingMarker(v)).toBe(true);
  });
  it.each([0, "0", "无效", "N/A", false, { error: "#N/A" }, utcDate(2020, 1, 1), "否"])("%j is not", (v) => {
    expect(isMissingMarker(v)).toBe(false);
  });
});

describe("cellText", () => {
  it("gives the display text of every kind of value", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(" 甲 ")).toBe(" 甲 ");
    expect(cellText(12.5)).toBe("12.5");
    expect(cellText(true)).toBe("TRUE");
    expect(cellText(false)).toBe("FALSE");
    expect(cellText(utcDate(1975, 3, 5))).toBe("1975-03-05");
    expect(cellText({ error: "#N/A" })).toBe("#N/A");
  });
});

describe("parseDate", () => {
  it.each<[string | number | Date, string]>([
    [utcDate(1975, 3, 15), "1975-03-15"],
    ["1975-03-15", "1975-03-15"],
    ["1975/3/15", "1975-03-15"],
    ["1975.3.15", "1975-03-15"],
    ["1975.03", "1975-03-01"],
    ["1975.3", "1975-03-01"],
    ["1975.1", "1975-01-01"],
    ["1975.10", "1975-10-01"],
    ["1975-3", "1975-03-01"],
    ["1975年3月", "1975-03-01"],
    ["1975年3月15日", "1975-03-15"],
    ["1975年03月15号", "1975-03-15"],
    ["１９７５年３月", "1975-03-01"],
    ["197503", "1975-03-01"],
    ["19750315", "1975-03-15"],
    ["1975-03-15 00:00:00", "1975-03-15"],
    ["1975-03-15T00:00:00.000Z", "1975-03-15"],
    [" 1975 年 3 月 ", "1975-03-01"],
    [197503, "1975-03-01"],
    [19750315, "1975-03-15"],
    [1975.03, "1975-03-01"],
    [1975.12, "1975-12-01"],
    [1975.1, "1975-01-01"],
    ["2000-02-29", "2000-02-29"],
    // Excel serials (1900 system, with its fictitious 1900-02-29 at 60).
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [27468, "1975-03-15"],
    [45658, "2025-01-01"],
    [27468.75, "1975-03-15"],
  ])("%j → %s", (input, expected) => {
    const r = parseDate(input);
    expect(r).not.toBe("invalid");
    expect(r).not.toBe("missing");
    const { y, m, d } = r as { y: number; m: number; d: number };
    expect(`${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`).toBe(expected);
  });

  it.each([null, "", "-", "无", "/"])("%j is missing", (v) => {
    expect(parseDate(v)).toBe("missing");
  });

  it.each<[string | number | boolean | Date | { error: string }]>([
    ["1975-02-30"],
    ["1900-02-29"],
    ["1975-13-01"],
    ["1975年13月"],
    ["197513"],
    ["19750230"],
    ["1975"],
    ["75.3"],
    ["三月"],
    ["1975.3.15.1"],
    ["1850-01-01"],
    [60],
    [0],
    [-5],
    [197513],
    [1975.13],
    [1975.123],
    [70000],
    [1975],
    [true],
    [{ error: "#VALUE!" }],
    [new Date(Number.NaN)],
  ])("%j is invalid", (v) => {
    expect(parseDate(v)).toBe("invalid");
  });

  it("flags a number with one decimal read as January (it may have been October)", () => {
    expect(parseDateDetailed(1975.1)).toEqual({
      result: { y: 1975, m: 1, d: 1 },
      ambiguousMonth: true,
    });
    expect(parseDateDetailed(1975.01).ambiguousMonth).toBe(false);
    expect(parseDateDetailed(1975.3).ambiguousMonth).toBe(false);
    expect(parseDateDetailed("1975.1").ambiguousMonth).toBe(false);
  });

  it("agrees with the Date API on every serial from 1900-03-01 on", () => {
    fc.assert(
      // 1900–2100 are bare years, not serials (see cells.ts).
      fc.property(
        fc.integer({ min: 61, max: 60000 }).filter((n) => n < 1900 || n > 2100),
        (serial) => {
          const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
          expect(parseDate(serial)).toEqual({
            y: d.getUTCFullYear(),
            m: d.getUTCMonth() + 1,
            d: d.getUTCDate(),
          });
          expect(parseDate(d)).toEqual(parseDate(serial));
        },
      ),
    );
  });

  it("reads every valid date in every text form", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
        (date) => {
          const y = date.getUTCFullYear();
          const m = date.getUTCMonth() + 1;
          const d = date.getUTCDate();
          const mm = String(m).padStart(2, "0");
          const dd = String(d).padStart(2, "0");
          for (const text of [`${y}-${mm}-${dd}`, `${y}/${m}/${d}`, `${y}年${m}月${d}日`, `${y}${mm}${dd}`]) {
            expect(parseDate(text)).toEqual({ y, m, d });
          }
          for (const text of [`${y}.${mm}`, `${y}年${m}月`, `${y}${mm}`])
            expect(parseDate(text)).toEqual({ y, m, d: 1 });
        },
      ),
    );
  });
});
