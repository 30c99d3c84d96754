/**
 * Pure conversions between what Office.js gives and takes and the core's Grid conventions
 * (src/workbook/grid.ts). No Office.js objects here: plain arrays in, plain values out, so every rule is
 * unit-tested without Excel.
 */
import type { CellValue } from "../workbook/grid";

/** What one `range.load("values,valueTypes,numberFormat,rowIndex,columnIndex")` gives. */
export interface RangeData {
  values: unknown[][];
  /** `Excel.RangeValueType` names: Empty, String, Double, Integer, Boolean, Error, RichValue, Unknown. */
  valueTypes?: string[][];
  numberFormat?: unknown[][];
  /** 0-based row and column of the range's top-left cell on its sheet. */
  rowIndex: number;
  columnIndex: number;
  /** The workbook counts dates from 1904-01-01 (Excel's 1904 date system; serial 0 is that day). */
  date1904?: boolean;
}

// ───────────────────────────── dates ─────────────────────────────

/** Quoted literals, escaped characters, bracketed sections ([Red], [$-804], [DBNum1], [h]) and fill/space marks. */
function formatTokens(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/[_*]./g, "");
}

/**
 * True for a number format that shows a calendar date: it has a year, a day, or a month (an `m` that is not
 * minutes, i.e. not right after an hour or right before seconds). Time-only formats (`h:mm`, `[h]:mm:ss`) and
 * General, numbers and percentages are not dates. Only the first section (positive numbers) counts.
 */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string") return false;
  const first = format.split(";")[0] ?? "";
  if (/^\s*(General|@)?\s*$/i.test(first)) return false;
  const t = formatTokens(first)
    .toLowerCase()
    .replace(/general/g, "")
    .replace(/am\/pm|a\/p/g, "")
    .replace(/e[+-]/g, "");
  if (/[yde]/.test(t)) return true;
  // Chinese/Japanese locale formats sometimes use 年/月/日 outside quotes.
  if (/[年月日]/.test(t)) return true;
  // An m is a month unless it follows h (h:mm) or precedes s (mm:ss).
  const ms = t.replace(/h+[^a-z]*m+/g, "h").replace(/m+[^a-z]*s/g, "s");
  return /m/.test(ms);
}

const MS_PER_DAY = 86_400_000;
/** Day 0 of the 1900 date system for serials from 61 on (the day Excel calls 1900-01-00, shifted by its leap-day bug). */
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
const EPOCH_1899_12_31 = Date.UTC(1899, 11, 31);

/**
 * Excel serial (1900 date system) → the calendar day at UTC midnight. Excel counts a 1900-02-29 that never
 * was (serial 60): serials 1–59 are 1900-01-01…1900-02-28, 60 is taken as 1900-02-28's next day (03-01), and
 * 61 on are one day less than a plain count from 1899-12-31. The time of day is dropped. Null for serials
 * below 1 or beyond 9999-12-31 (not dates).
 */
export function serialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const day = Math.floor(serial);
  return new Date((day >= 61 ? EPOCH_1899_12_30 : EPOCH_1899_12_31) + day * MS_PER_DAY);
}

/** Days from 1900-01-00 to 1904-01-01 in the 1900 system: a 1904-system serial plus this is a 1900 one. */
export const DAYS_1900_TO_1904 = 1462;

/**
 * Excel serial → the calendar day, in the workbook's date system. A workbook on the 1904 date system (made
 * on an old Mac; Excel → Options → Advanced → "Use 1904 date system") counts from 1904-01-01 = 0, without
 * the 1900 leap-day bug. Null for what is not a date (below day 1 of the 1900 system, or past 9999-12-31).
 */
export function serialToDateIn(serial: number, date1904: boolean): Date | null {
  if (!date1904) return serialToDate(serial);
  if (!Number.isFinite(serial) || serial < 0) return null;
  return serialToDate(serial + DAYS_1900_TO_1904);
}

/** The calendar day of a Date (its UTC date) → Excel serial (1900 date system). */
export function dateToSerial(d: Date): number {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const n = Math.round((day - EPOCH_1899_12_31) / MS_PER_DAY);
  return n >= 60 ? n + 1 : n;
}

// ───────────────────────────── reading ─────────────────────────────

/** The error values Excel shows (what `range.values` gives for an error cell). */
export const ERROR_LITERALS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#BUSY!",
  "#CONNECT!",
]);

/** One cell as Office.js gives it → a Grid cell (`date1904`: the workbook's date system). */
export function cellFromExcel(
  value: unknown,
  valueType: string | undefined,
  numberFormat: unknown,
  date1904 = false,
): CellValue {
  const type = valueType ?? inferType(value);
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { error: typeof value === "string" && value !== "" ? value : "#VALUE!" };
    case "Boolean":
      return typeof value === "boolean" ? value : String(value).toUpperCase() === "TRUE";
    case "Double":
    case "Integer": {
      const n = typeof value === "number" ? value : Number(value);
      if (!Number.isFinite(n)) return null;
      if (isDateFormat(numberFormat)) return serialToDateIn(n, date1904) ?? n;
      return n;
    }
    default: {
      // String, RichValue (a linked data type shows its text), Unknown.
      if (value === null || value === undefined) return null;
      if (typeof value === "number" || typeof value === "boolean") return value;
      const s = String(value);
      return s === "" ? null : s;
    }
  }
}

/** Without value types: an error value is known by its text. */
function inferType(value: unknown): string {
  if (value === null || value === undefined || value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "string" && ERROR_LITERALS.has(value)) return "Error";
  return "String";
}

/**
 * A loaded range → Grid rows from A1: rows above the range are empty, columns left of it null; trailing
 * nulls of each row and trailing empty rows are dropped (rows are ragged, as the xlsx adapter gives them).
 */
export function rangeToRows(d: RangeData): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let r = 0; r < d.rowIndex; r++) rows.push([]);
  d.values.forEach((line, r) => {
    const row: CellValue[] = [];
    for (let c = 0; c < d.columnIndex; c++) row.push(null);
    line.forEach((v, c) =>
      row.push(cellFromExcel(v, d.valueTypes?.[r]?.[c], d.numberFormat?.[r]?.[c], d.date1904 === true)),
    );
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    row.length = end;
    rows.push(row);
  });
  let last = rows.length;
  while (last > 0 && rows[last - 1].length === 0) last--;
  rows.length = last;
  return rows;
}

// ───────────────────────────── writing ─────────────────────────────

/**
 * True when Excel would not keep this string as text if it were written as a cell value into a General
 * cell: a formula (`=`, `+`, `-`, `@` at the start), a number (also `1,234`, `8.4%`, `1e3`, `(12)`, a
 * currency sign), text starting with an apostrophe (taken as the text prefix), a date or time (`2024-1-5`, `3/1`, `3-1`, `12:30`, `2024年1月`), TRUE/FALSE, or an error
 * literal. Such strings are written with the text format `@` (results) or a quote prefix (restore).
 */
export function wouldBeCoerced(s: string): boolean {
  if (s === "") return false;
  // A leading apostrophe is taken as Excel's text prefix and disappears.
  if (/^[=+\-@']/.test(s)) return true;
  const t = s.trim();
  if (t === "") return false;
  if (/^(true|false)$/i.test(t)) return true;
  if (ERROR_LITERALS.has(t.toUpperCase())) return true;
  const n = t.replace(/^[$¥￥€£]/, "").replace(/,/g, "");
  if (/^\(?[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\)?%?$/i.test(n)) return true;
  // Dates and times Excel recognizes when typed: digits joined by - / . : and 年月日时分秒.
  if (/^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s+\d{1,2}:\d{1,2}(:\d{1,2})?)?$/.test(t)) return true;
  if (/^\d{1,2}:\d{1,2}(:\d{1,2}(\.\d+)?)?(\s*[ap]m?)?$/i.test(t)) return true;
  if (/^\d{1,4}年(\d{1,2}月(\d{1,2}日)?)?$/.test(t) || /^\d{1,2}月\d{1,2}日$/.test(t)) return true;
  if (/^\d{1,2}[-\s/](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*([-\s/]\d{2,4})?$/i.test(t)) return true;
  if (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-\s/]\d{1,4}$/i.test(t)) return true;
  return false;
}

/**
 * A layout value as it must be written through `range.values` into a cell whose format is already set:
 * text starting with an apostrophe gets one more, since Excel takes the first as its text prefix.
 */
export function valueToWrite<T>(v: T): T | string {
  return typeof v === "string" && v.startsWith("'") ? `'${v}` : v;
}

/**
 * Width in Excel character units (the width of a "0" of the default 11-point font, 7 px) → points, as
 * `range.format.columnWidth` takes it: 7 px per character plus 5 px of padding, at 96 px per inch.
 */
export function charsToPoints(width: number): number {
  const px = Math.round(width * 7 + 5);
  return Math.round(px * 0.75 * 100) / 100;
}

/** Points → character units (inverse of charsToPoints, to the nearest quarter character). */
export function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 4) / 4);
}

/** UTF-8 length of a string, without TextEncoder (runs anywhere). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Size of a value as JSON in UTF-8: the measure of a request's payload. */
export function jsonBytes(v: unknown): number {
  return utf8Bytes(JSON.stringify(v) ?? "null");
}

/** Pads ragged rows with null to a rectangle of the given width (Office.js takes only rectangular arrays). */
export function rectangular<T>(rows: readonly (readonly T[])[], width: number, fill: T): T[][] {
  return rows.map((row) => {
    const out = row.slice(0, width);
    while (out.length < width) out.push(fill);
    return out;
  });
}
