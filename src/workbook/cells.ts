/** Cell values of docs/method.md §1.5 and the date forms of §1.4.6 and §6. */

import type { CellValue } from "./grid";
import { isCellError } from "./grid";
import type { YMD } from "./input";
import { foldWidth, isSpaceCode, removeSpaces } from "./normalize";

export type NumberParse = { kind: "number"; value: number } | { kind: "missing" } | { kind: "invalid"; text: string };

/** Markers that mean "no value", compared after folding full-width and removing spaces. */
const MISSING_MARKERS = new Set(["", "-", "--", "—", "——", "–", "/", "无"]);

function compact(s: string): string {
  return removeSpaces(foldWidth(s));
}

/** Empty, `-`, `—` (also `——`, `－`), `/` or `无`. */
export function isMissingMarker(v: CellValue): boolean {
  if (v === null) return true;
  if (typeof v !== "string") return false;
  // Every marker is at most two characters besides spaces: longer text is not one, and needs no folding.
  let visible = 0;
  for (let i = 0; i < v.length && visible <= 2; i++) if (!isSpaceCode(v.charCodeAt(i))) visible++;
  return visible <= 2 && MISSING_MARKERS.has(compact(v));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatYMD(d: YMD): string {
  return `${String(d.y).padStart(4, "0")}-${pad2(d.m)}-${pad2(d.d)}`;
}

/** The display text of any cell value; a Date as YYYY-MM-DD, a boolean as Excel shows it. */
export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return "";
    return formatYMD({ y: v.getUTCFullYear(), m: v.getUTCMonth() + 1, d: v.getUTCDate() });
  }
  if (isCellError(v)) return v.error;
  return "";
}

// Optional sign, digits (optionally grouped by thousands), optional fraction, optional exponent or percent.
const NUMBER_RE = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(%))?$/;

/** Results shared by every call (frozen): no cell, and no vote count of up to 1,024, costs an object. */
const MISSING: NumberParse = Object.freeze({ kind: "missing" });
const SMALL_COUNTS: NumberParse[] = Array.from({ length: 1025 }, (_, n) => Object.freeze({ kind: "number", value: n }));

/** A number of a numeric field: numbers as they are, text after folding (`1,234.5`, `－3`, `8.4%` → 0.084). */
export function parseNumber(v: CellValue): NumberParse {
  if (v === null) return MISSING;
  if (typeof v === "number") {
    // -0 stays -0: only positive whole numbers and +0 come from the table.
    if (v >= 0 && v <= 1024 && Number.isInteger(v) && (v !== 0 || 1 / v > 0)) return SMALL_COUNTS[v];
    return Number.isFinite(v) ? { kind: "number", value: v } : { kind: "invalid", text: String(v) };
  }
  if (typeof v !== "string") return { kind: "invalid", text: cellText(v) };
  const s = foldWidth(v).trim();
  if (MISSING_MARKERS.has(removeSpaces(s))) return MISSING;
  const m = NUMBER_RE.exec(s);
  if (!m) return { kind: "invalid", text: v.trim() };
  const digits = m[2].replace(/,/g, "");
  // `8.4e-2` rather than 8.4 / 100: the decimal string gives the nearest double (0.084, not 0.08400000000000001).
  const value = m[4] ? Number(`${m[1]}${digits}e-2`) : Number(`${m[1]}${digits}${m[3] ?? ""}`);
  if (!Number.isFinite(value)) return { kind: "invalid", text: v.trim() };
  return { kind: "number", value: value === 0 ? 0 : value };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Years outside this range are taken as typing mistakes: the value is unreadable, not a date. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function ymd(y: number, m: number, d: number): YMD | "invalid" {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return "invalid";
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return "invalid";
  return { y, m, d };
}

/** Excel serial (1900 date system) → date. Serial 60 is Excel's fictitious 1900-02-29. */
function fromSerial(serial: number): YMD | "invalid" {
  if (serial < 1 || serial === 60) return "invalid";
  // Up to 59 the 1900 system counts from 1899-12-31; from 61 on, the phantom leap day shifts the origin one day.
  const originDays = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(originDays + serial * 86_400_000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export interface DateParse {
  result: YMD | "missing" | "invalid";
  /**
   * True for a number cell such as 1975.1: read as January, but the writer may have meant 1975.10 (October),
   * which Excel stores as the same number.
   */
  ambiguousMonth: boolean;
}

function dateFromNumber(n: number): DateParse {
  const plain = (result: YMD | "invalid"): DateParse => ({ result, ambiguousMonth: false });
  if (!Number.isFinite(n) || n <= 0) return plain("invalid");
  if (Number.isInteger(n)) {
    if (n >= 10_000_000 && n <= 99_999_999) {
      return plain(ymd(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100));
    }
    if (n >= 100_000 && n <= 999_999) {
      return plain(ymd(Math.floor(n / 100), n % 100, 1));
    }
    // A bare year (1975) is not a date of §6; read as a serial it would be 1905-05-29 and pass every
    // years-of-service test, so it is unreadable (待核实) instead.
    if (n >= MIN_YEAR && n <= MAX_YEAR) return plain("invalid");
    if (n <= 60_000) return plain(fromSerial(n));
    return plain("invalid");
  }
  // A number with a fraction: year.month (1975.03 → March) when the whole part is a plausible year.
  const m = /^(\d{4})\.(\d{1,2})$/.exec(String(n));
  if (m) {
    const y = Number(m[1]);
    if (y >= MIN_YEAR && y <= MAX_YEAR) {
      const r = ymd(y, Number(m[2]), 1);
      return { result: r, ambiguousMonth: r !== "invalid" && m[2] === "1" };
    }
  }
  if (n >= 1 && n < 60_001 && !(n >= MIN_YEAR && n < MAX_YEAR + 1)) return plain(fromSerial(Math.floor(n)));
  return plain("invalid");
}

const DATE_FORMS: { re: RegExp; parts: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, parts: (m) => [+m[1], +m[2], +m[3]] },
  { re: /^(\d{4})[-/.](\d{1,2})$/, parts: (m) => [+m[1], +m[2], 1] },
  {
    re: /^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?$/,
    parts: (m) => [+m[1], +m[2], m[3] ? +m[3] : 1],
  },
  { re: /^(\d{4})(\d{2})(\d{2})$/, parts: (m) => [+m[1], +m[2], +m[3]] },
  { re: /^(\d{4})(\d{2})$/, parts: (m) => [+m[1], +m[2], 1] },
];

function dateFromText(raw: string): DateParse {
  let s = foldWidth(raw).trim();
  // A time of day after the date (`1975-03-15 00:00:00`, ISO `T…Z`) carries nothing for a calendar date.
  s = s.replace(/(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/, "");
  s = removeSpaces(s);
  if (MISSING_MARKERS.has(s)) return { result: "missing", ambiguousMonth: false };
  for (const form of DATE_FORMS) {
    const m = form.re.exec(s);
    if (m) {
      const [y, mo, d] = form.parts(m);
      return { result: ymd(y, mo, d), ambiguousMonth: false };
    }
  }
  return { result: "invalid", ambiguousMonth: false };
}

/** parseDate with the ambiguity note that a reader may turn into a warning. */
export function parseDateDetailed(v: CellValue): DateParse {
  if (v === null) return { result: "missing", ambiguousMonth: false };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { result: "invalid", ambiguousMonth: false };
    return {
      result: ymd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()),
      ambiguousMonth: false,
    };
  }
  if (typeof v === "number") return dateFromNumber(v);
  if (typeof v === "string") return dateFromText(v);
  return { result: "invalid", ambiguousMonth: false };
}

/**
 * A date of docs/method.md §6: an Excel date, text (`1975-03-15`, `1975/3/15`, `1975.03`, `1975年3月15日`,
 * `197503`, `19750315`), or a number (197503, 19750315, 1975.03, an Excel serial). A month without a day is the 1st.
 */
export function parseDate(v: CellValue): YMD | "missing" | "invalid" {
  return parseDateDetailed(v).result;
}
