/**
 * Seeded mutations of a GridBook, as fast-check arbitraries: any cell value anywhere, rows and columns deleted,
 * duplicated and moved, broken merged headers, renamed, dropped and doubled sheets. Every mutation is applied to a
 * copy; the base books are never changed.
 */
import fc from "fast-check";
import type { CellValue, Grid, GridBook } from "../../src/workbook/grid";

const LONG = "长".repeat(40_000);
const CONTROL = "\u0000\u0007\b\u001b[31m红\u001b[0m\r\n\t\u007f\u0085";
const INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff\u202e\u2066";

/** Texts a hostile or careless workbook holds. */
const TEXTS: readonly string[] = [
  "",
  " ",
  "\u3000",
  "-",
  "—",
  "/",
  "无",
  "缺",
  "=1+1",
  '=HYPERLINK("http://x","y")',
  "+A1",
  "-2+3",
  "@SUM(A1:A9)",
  "<img src=x onerror=alert(1)>",
  "<b>张三</b>",
  "#N/A",
  "#DIV/0!",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e308",
  "1e309",
  "-1e308",
  "1e-320",
  "-0",
  "0x1F",
  "1,234.5",
  "12%",
  "１２３",
  "１．５",
  "  42  ",
  "3.",
  ".5",
  "1 000",
  "9".repeat(400),
  LONG,
  CONTROL,
  INVISIBLE,
  `张${INVISIBLE}三`,
  "张三",
  "Zhang San",
  "Аlex", // Cyrillic А
  "合计",
  "小计：",
  "注：以上数据",
  "说明",
  "优秀",
  "称职",
  "基本称职",
  "不称职",
  "好",
  "较好",
  "一般",
  "差",
  "弃权",
  "是",
  "否",
  "TRUE",
  "党政一肩挑",
  "党建工作指导员",
  "上级",
  "下级",
  "德",
  "综合评价",
  "诫勉",
  "病事假",
  "立案审查",
  "暂缓评定",
  "2025-13-45",
  "2020-02-29",
  "1900-01-00",
  "二〇二〇年五月",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
];

const NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  3,
  5,
  7,
  60,
  90,
  100,
  101,
  -100,
  1e308,
  -1e308,
  1.7976931348623157e308,
  1e-320,
  -1e-320,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  1e15,
  123456.789,
  0.1 + 0.2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -2147483648,
];

const DATES: readonly Date[] = [
  new Date(Date.UTC(1899, 11, 31)),
  new Date(Date.UTC(1900, 0, 1)),
  new Date(Date.UTC(1970, 0, 1)),
  new Date(Date.UTC(1985, 5, 15)),
  new Date(Date.UTC(2024, 1, 29)),
  new Date(Date.UTC(9999, 11, 31)),
  new Date(Date.UTC(2030, 0, 1)),
];

export const cellValueArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.double({ noNaN: false }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...DATES) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>({ error: "#N/A" }, { error: "#VALUE!" }, { error: "#REF!" }) },
  { weight: 2, arbitrary: fc.constant(null) },
);

/** One mutation; positions are fractions of the sheet's size (so one arbitrary fits every book). */
export type Mutation =
  | { kind: "set"; sheet: number; row: number; col: number; value: CellValue }
  | { kind: "copyCell"; sheet: number; from: [number, number]; row: number; col: number }
  /** The k-th cell (as a fraction) of those holding a number, or text, below the first row: given a new value. */
  | { kind: "number" | "text"; sheet: number; k: number; value: CellValue }
  | { kind: "deleteRow" | "duplicateRow"; sheet: number; row: number }
  | { kind: "moveRow"; sheet: number; row: number; to: number }
  | { kind: "deleteCol" | "duplicateCol"; sheet: number; col: number }
  | { kind: "swapCols"; sheet: number; col: number; to: number }
  | { kind: "breakHeader"; sheet: number; row: number; col: number; how: "clear" | "right" | "down" | "repeat" }
  | { kind: "truncate"; sheet: number; row: number }
  /** A formula saved without its result, as the .xlsx reader gives it: null, and marked (Grid.uncached). */
  | { kind: "uncache"; sheet: number; row: number; col: number }
  | { kind: "sheet"; sheet: number; how: "drop" | "double" | "pad" | "fullwidth" | "swap" };

const frac = fc.double({ min: 0, max: 1.1, noNaN: true });
const sheetIx = fc.nat({ max: 63 });

/** Cell mutations only: the shape of every sheet stays (for the row-order property). */
export const cellMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("number" as const),
      sheet: sheetIx,
      k: frac,
      value: fc.oneof(fc.constantFrom<CellValue>(...NUMBERS), cellValueArb),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("text" as const), sheet: sheetIx, k: frac, value: cellValueArb }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("set" as const),
      sheet: sheetIx,
      row: frac,
      col: frac,
      value: cellValueArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("copyCell" as const),
      sheet: sheetIx,
      from: fc.tuple(frac, frac),
      row: frac,
      col: frac,
    }),
  },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 14, arbitrary: cellMutationArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom("deleteRow" as const, "duplicateRow" as const),
      sheet: sheetIx,
      row: frac,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("moveRow" as const), sheet: sheetIx, row: frac, to: frac }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom("deleteCol" as const, "duplicateCol" as const),
      sheet: sheetIx,
      col: frac,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("swapCols" as const), sheet: sheetIx, col: frac, to: frac }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("breakHeader" as const),
      sheet: sheetIx,
      row: fc.double({ min: 0, max: 0.3, noNaN: true }),
      col: frac,
      how: fc.constantFrom("clear" as const, "right" as const, "down" as const, "repeat" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), sheet: sheetIx, row: frac }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("uncache" as const), sheet: sheetIx, row: frac, col: frac }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("sheet" as const),
      sheet: sheetIx,
      how: fc.constantFrom("drop" as const, "double" as const, "pad" as const, "fullwidth" as const, "swap" as const),
    }),
  },
);

export function copyBook(book: GridBook): GridBook {
  return book.map((g) => ({
    name: g.name,
    rows: g.rows.map((r) => r.slice()),
    ...(g.uncached ? { uncached: g.uncached.slice() } : {}),
  }));
}

const width = (g: Grid) => g.rows.reduce((w, r) => Math.max(w, r.length), 0);
const at = (f: number, n: number) => Math.min(Math.floor(f * n), Math.max(0, n));

/** Applies the mutations in turn to a copy of the book. */
export function mutate(base: GridBook, mutations: readonly Mutation[]): GridBook {
  const book = copyBook(base);
  for (const m of mutations) apply(book, m);
  return book;
}

function apply(book: GridBook, m: Mutation): void {
  if (book.length === 0) return;
  const g = book[m.sheet % book.length];
  const rows = g.rows;
  const n = rows.length;
  const w = Math.max(1, width(g));
  const set = (r: number, c: number, v: CellValue) => {
    while (rows.length <= r) rows.push([]);
    const row = rows[r];
    while (row.length < c) row.push(null);
    row[c] = v;
  };
  switch (m.kind) {
    case "set":
      return set(at(m.row, n), at(m.col, w), m.value);
    case "copyCell": {
      const v = rows[at(m.from[0], n - 1)]?.[at(m.from[1], w - 1)] ?? null;
      return set(at(m.row, n), at(m.col, w), v);
    }
    case "number":
    case "text": {
      const want = m.kind === "number" ? "number" : "string";
      const cells: [number, number][] = [];
      for (let r = 1; r < n; r++) rows[r].forEach((v, c) => typeof v === want && cells.push([r, c]));
      if (cells.length === 0) return;
      const [r, c] = cells[at(m.k, cells.length - 1)];
      return set(r, c, m.value);
    }
    case "deleteRow":
      rows.splice(at(m.row, n - 1), 1);
      return;
    case "duplicateRow": {
      const r = at(m.row, n - 1);
      if (rows[r]) rows.splice(r + 1, 0, rows[r].slice());
      return;
    }
    case "moveRow": {
      const [row] = rows.splice(at(m.row, n - 1), 1);
      if (row) rows.splice(at(m.to, rows.length), 0, row);
      return;
    }
    case "deleteCol": {
      const c = at(m.col, w - 1);
      for (const r of rows) r.splice(c, 1);
      return;
    }
    case "duplicateCol": {
      const c = at(m.col, w - 1);
      for (const r of rows) if (r.length > c) r.splice(c + 1, 0, r[c]);
      return;
    }
    case "swapCols": {
      const a = at(m.col, w - 1);
      const b = at(m.to, w - 1);
      for (const r of rows) {
        const x = r[a] ?? null;
        const y = r[b] ?? null;
        set(rows.indexOf(r), a, y);
        set(rows.indexOf(r), b, x);
      }
      return;
    }
    case "breakHeader": {
      // A merged header typed or copied badly: its text in the wrong cell of the area, or in every cell.
      const r = at(m.row, Math.min(n, 4));
      const c = at(m.col, w - 1);
      const v = rows[r]?.[c] ?? null;
      if (m.how === "clear") return set(r, c, null);
      if (m.how === "right") return (set(r, c, null), set(r, c + 1, v));
      if (m.how === "down") return (set(r, c, null), set(r + 1, c, v));
      return (set(r, c + 1, v), set(r, c + 2, v));
    }
    case "uncache": {
      const r = at(m.row, n);
      const c = at(m.col, w);
      set(r, c, null);
      g.uncached = [...(g.uncached ?? []), { row: r, col: c }];
      return;
    }
    case "truncate":
      rows.length = Math.min(n, at(m.row, n) + 1);
      return;
    case "sheet": {
      const i = m.sheet % book.length;
      if (m.how === "drop") book.splice(i, 1);
      else if (m.how === "double") book.splice(i + 1, 0, { name: g.name, rows: rows.map((r) => r.slice()) });
      else if (m.how === "pad") g.name = ` ${g.name}\u3000`;
      else if (m.how === "fullwidth") g.name = `${g.name}（１）`;
      else if (book.length > 1) {
        const j = (i + 1) % book.length;
        [book[i].name, book[j].name] = [book[j].name, book[i].name];
      }
      return;
    }
  }
}

/** Shuffles the rows from `from` on (data rows) with a permutation given as sort keys. */
export function shuffleRows(g: Grid, from: number, keys: readonly number[]): Grid {
  const head = g.rows.slice(0, from);
  const body = g.rows.slice(from).map((r, i) => ({ r, k: keys[i % Math.max(1, keys.length)] ?? 0, i }));
  body.sort((a, b) => a.k - b.k || b.i - a.i);
  return { name: g.name, rows: [...head, ...body.map((x) => x.r)] };
}
