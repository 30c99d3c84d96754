/**
 * 民主测评 (docs/method.md §1, §3, §10.4): vote counts per leader, evaluator group and dimension or overall item.
 * Long form (one row per leader × group × dimension, with a 维度 column) or wide form (one row per leader × group,
 * the four categories under each dimension: two header rows, or `德优秀`-style headers); each row × dimension of
 * the wide form is read as one long-form row, with the same diagnostics at its cells.
 */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import type { Diagnostic, Severity } from "../diagnostic";
import type { CellValue, Grid } from "../grid";
import { cellAt } from "../grid";
import { type ColumnSpec, columnSpec, type DuplicateColumn, findHeader } from "../headers";
import type { Leader, SheetMap, VoteRow } from "../input";
import { valueKey } from "../keys";
import { MAX_VOTES } from "../limits";
import { foldWidth, headerKey, removeSpaces } from "../normalize";
import { dataRows, firstFilledColumn, isBlank } from "../rows";
import { HEADER_SYNONYMS, VOTE_HEADER_SUFFIXES } from "../synonyms";
import { Diagnostics, openTable, reportDuplicateColumns, rowNumber, Table } from "../table";
import { VoteColumns } from "../voteColumns";
import { type LeaderIndex, type Resolution, resolveLeader, rowId } from "./leaders";

type Count =
  | { kind: "count"; value: number }
  | { kind: "blank" }
  | { kind: "invalid"; text: string }
  | { kind: "tooMany"; value: number };

const BLANK: Count = Object.freeze({ kind: "blank" });

function readCount(v: CellValue): Count {
  if (isMissingMarker(v)) return BLANK;
  const p = parseNumber(v);
  if (p.kind === "number" && Number.isInteger(p.value) && p.value >= 0) {
    return p.value <= MAX_VOTES ? { kind: "count", value: p.value + 0 } : { kind: "tooMany", value: p.value };
  }
  return { kind: "invalid", text: cellText(v).trim() };
}

/** A whole count within the bounds written as a number: read without an object (a sheet holds hundreds of thousands). */
function plainCount(v: CellValue): number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_VOTES ? v + 0 : -1;
}

/** The message of a count that is not one (readCount). */
function countProblem(n: Extract<Count, { kind: "invalid" | "tooMany" }>, what: string): string {
  return n.kind === "tooMany"
    ? `${what}票数${n.value}超出合理范围（不超过 ${MAX_VOTES}）`
    : `${what}票数「${n.text}」不是非负整数`;
}

export function aliasMap(entries: readonly { name: string; aliases: readonly string[] }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of entries) {
    for (const w of [e.name, ...e.aliases]) {
      const k = valueKey(w);
      if (!m.has(k)) m.set(k, e.name);
    }
  }
  return m;
}

/** Key of a wide-form count column in SheetMap.columns: `德|优秀`, `德|弃权`. */
export function wideVoteKey(dimension: string, category: string): string {
  return `${dimension}|${category}`;
}

const ABSTAIN = "弃权";

/** Where one long-form row's counts sit: the 维度 cell (long form) or a fixed dimension (wide form). */
interface CountColumns {
  /** null: read from the row's 维度 cell. */
  dimension: string | null;
  /** Keys of the category columns (method order) and of 弃权 (null: no such column). */
  counts: string[];
  abstain: string | null;
}

/** Header words of the vote categories (method names and aliases, with `票`/`票数`) and of 弃权 → their key. */
function categoryWords(method: Method): Map<string, string> {
  const m = new Map<string, string>();
  const add = (word: string, key: string) => {
    const k = headerKey(word);
    if (k !== "" && !m.has(k)) m.set(k, key);
  };
  for (const c of method.democratic.categories) {
    for (const w of [c.name, ...c.aliases]) {
      add(w, c.name);
      for (const s of VOTE_HEADER_SUFFIXES) add(w + s, c.name);
    }
  }
  for (const w of [ABSTAIN, ...(HEADER_SYNONYMS[ABSTAIN] ?? [])]) add(w, ABSTAIN);
  return m;
}

/** Dimension words (the method's dimensions, the overall item's name and aliases) → the canonical item. */
function dimensionWords(method: Method): Map<string, string> {
  const { dimensions, overall } = method.democratic;
  const m = new Map<string, string>(Object.keys(dimensions).map((d) => [valueKey(d), d]));
  for (const w of [overall.name, ...overall.aliases]) if (!m.has(valueKey(w))) m.set(valueKey(w), overall.name);
  return m;
}

const JOINERS = /^[-_:：·/]+|[-_:：·/]+$/g;

/**
 * A one-row wide header `{维度}{类别}`: `德优秀`, `德-称职`, `德（基本称职）`, `综合评价_好`, `廉弃权票`. The bracketed
 * word is tested before headerKey() would strip it as a unit.
 */
function parseWideHeader(
  text: string,
  dims: ReadonlyMap<string, string>,
  cats: ReadonlyMap<string, string>,
): { dimension: string; category: string } | null {
  const s = removeSpaces(foldWidth(text)).toLowerCase();
  if (s === "") return null;
  // Longest dimension word first: 综合评价 before 综合.
  const words = [...dims.keys()].sort((a, b) => b.length - a.length);
  for (const w of words) {
    if (!s.startsWith(w)) continue;
    const rest = s
      .slice(w.length)
      .replace(/^\((.*)\)$|^【(.*)】$|^\[(.*)\]$/, (_, a?: string, b?: string, c?: string) => a ?? b ?? c ?? "")
      .replace(JOINERS, "");
    const category = cats.get(headerKey(rest));
    if (category !== undefined) return { dimension: dims.get(w)!, category };
  }
  return null;
}

interface WideHeader {
  map: SheetMap;
  columns: CountColumns[];
  duplicates: DuplicateColumn[];
  /** Dimensions with some but not all four category columns: the header cell of the first. */
  incomplete: { dimension: string; missing: string[]; row: number; col: number }[];
}

const BASE_SPECS = (): ColumnSpec[] => [
  columnSpec("姓名", true),
  columnSpec("单位", true),
  columnSpec("测评人类别", true),
  columnSpec("工号", false),
];

/**
 * The wide form's header: 姓名, 单位, 测评人类别 on one row, and count columns either under a dimension written on
 * the row above or below them (two header rows: merged over, or written above the first of, its columns), or as
 * `{维度}{类别}` on the header row itself. Null when the sheet has no count column of either kind.
 */
function findWideHeader(grid: Grid, method: Method): WideHeader | null {
  const search = findHeader(grid, BASE_SPECS());
  if (!search.found) return null;
  const base = search.header;
  const dims = dimensionWords(method);
  const cats = categoryWords(method);
  const baseCols = new Set(base.columns.values());
  const catAt = (r: number, c: number): string | null => {
    const v = cellAt(grid, r, c);
    return typeof v === "string" ? (cats.get(headerKey(v)) ?? null) : null;
  };
  const rowHasCategory = (r: number) => {
    if (r < 0 || r >= grid.rows.length) return false;
    const width = grid.rows[r]?.length ?? 0;
    for (let c = 0; c < width; c++) if (!baseCols.has(c) && catAt(r, c) !== null) return true;
    return false;
  };
  let upper = base.headerRow;
  let lower = base.headerRow;
  if (rowHasCategory(base.headerRow + 1)) lower = base.headerRow + 1;
  else if (rowHasCategory(base.headerRow) && base.headerRow > 0) upper = base.headerRow - 1;
  const twoRows = upper !== lower;

  const found = new Map<string, Map<string, { row: number; col: number }>>();
  const duplicates: DuplicateColumn[] = [];
  const put = (dimension: string, category: string, row: number, col: number) => {
    let byCat = found.get(dimension);
    if (!byCat) found.set(dimension, (byCat = new Map()));
    const prior = byCat.get(category);
    if (prior) duplicates.push({ key: wideVoteKey(dimension, category), row, col, firstCol: prior.col });
    else byCat.set(category, { row, col });
  };
  const text = (r: number, c: number) => {
    const v = cellAt(grid, r, c);
    return v === null ? "" : cellText(v);
  };
  const width = Math.max(grid.rows[upper]?.length ?? 0, grid.rows[lower]?.length ?? 0);
  let current: string | null = null;
  for (let c = 0; c < width; c++) {
    if (baseCols.has(c)) {
      current = null;
      continue;
    }
    const upperText = text(upper, c);
    if (twoRows && removeSpaces(upperText) !== "") current = dims.get(valueKey(upperText)) ?? null;
    const category = twoRows ? catAt(lower, c) : null;
    if (category !== null && current !== null) {
      put(current, category, lower, c);
      continue;
    }
    for (const r of twoRows ? [lower, upper] : [lower]) {
      const one = parseWideHeader(text(r, c), dims, cats);
      if (one) {
        put(one.dimension, one.category, r, c);
        if (r === upper) current = null;
        break;
      }
    }
  }
  if (found.size === 0) return null;

  const { categories } = method.democratic;
  const columns: Record<string, number> = {};
  for (const [key, col] of base.columns) columns[key] = col;
  const counts: CountColumns[] = [];
  const incomplete: WideHeader["incomplete"] = [];
  // Dimensions in the method's order: 德, 能, 勤, 廉, then the overall item.
  for (const dimension of new Set(dims.values())) {
    const byCat = found.get(dimension);
    if (!byCat) continue;
    for (const [category, at] of byCat) columns[wideVoteKey(dimension, category)] = at.col;
    const missing = categories.map((c) => c.name).filter((n) => !byCat.has(n));
    if (missing.length > 0) {
      const first = [...byCat.values()].sort((a, b) => a.col - b.col)[0];
      incomplete.push({ dimension, missing, row: first.row, col: first.col });
      continue;
    }
    counts.push({
      dimension,
      counts: categories.map((c) => wideVoteKey(dimension, c.name)),
      abstain: byCat.has(ABSTAIN) ? wideVoteKey(dimension, ABSTAIN) : null,
    });
  }
  const used = Object.values(columns);
  return {
    map: { sheet: grid.name, headerRow: upper, headerEndRow: lower, columns, dataRows: dataRows(grid, lower, used) },
    columns: counts,
    duplicates: [...base.duplicates, ...duplicates],
    incomplete,
  };
}

// The messages of the rows, built outside the loop that reads them (which is compiled sooner for being small).

function unknownLeaderMessage(id: string | null, name: string, unit: string, ambiguous: boolean): string {
  const who = id !== null ? `工号「${id}」` : `「${name}」（${unit}）`;
  return ambiguous ? `${who}对应多名考核对象，请填写工号；此行不计入` : `${who}不在考核对象中，此行不计入`;
}

function duplicateMessage(earlier: number, group: string, dimension: string, wideForm: boolean): string {
  return wideForm
    ? `与第${rowNumber(earlier)}行重复：同一考核对象和测评人类别（${group}）`
    : `与第${rowNumber(earlier)}行重复：同一考核对象、测评人类别（${group}）和维度（${dimension}）`;
}

/**
 * Per leader and evaluator group of 民主测评 (its key: leader index × groups + group index): the first row's ballot
 * total, and the warning when another row's differs. A workbook can raise that warning for nearly every leader
 * and group (28,603 times at 10,000 leaders in the bench's), so what it names is kept here, in typed arrays, and
 * each warning is only its key: its cell and text are made each time they are read (and for JSON). As objects
 * with their figures, cell strings and texts, the warnings were a quarter of what the reader kept, and the young
 * generation's collector copies each object the reader keeps once or twice before it settles.
 */
class GroupTotals {
  /** The first row's total, its row (-1: none yet) and its item (dimension). */
  readonly firstTotal: Float64Array;
  readonly firstRow: Int32Array;
  readonly firstItem: Int32Array;
  /** The row warned about (-1: none), its first cell's column, its item and its total. */
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly item: Int32Array;
  readonly total: Float64Array;

  constructor(
    keys: number,
    readonly sheet: string,
    readonly wideForm: boolean,
    readonly leaders: readonly Leader[],
    readonly groups: readonly string[],
    readonly items: readonly string[],
  ) {
    this.firstTotal = new Float64Array(keys);
    this.firstRow = new Int32Array(keys).fill(-1);
    this.firstItem = new Int32Array(keys);
    this.row = new Int32Array(keys).fill(-1);
    this.col = new Int32Array(keys);
    this.item = new Int32Array(keys);
    this.total = new Float64Array(keys);
  }

  /** The row's total of the key's ballots, in one item; a warning when it differs from the first row's. */
  check(key: number, row: number, col: number, item: number, total: number): Diagnostic | null {
    if (this.firstRow[key] < 0) {
      this.firstTotal[key] = total;
      this.firstRow[key] = row;
      this.firstItem[key] = item;
      return null;
    }
    if (this.row[key] >= 0 || this.firstTotal[key] === total) return null;
    this.row[key] = row;
    this.col[key] = col;
    this.item[key] = item;
    this.total[key] = total;
    return new GroupTotalsWarning(this, key);
  }
}

class GroupTotalsWarning implements Diagnostic {
  constructor(
    private readonly totals: GroupTotals,
    private readonly key: number,
  ) {}

  get severity(): Severity {
    return "warning";
  }

  get code(): string {
    return "groupTotals";
  }

  get cell(): string {
    const { totals: t, key } = this;
    return cellAddress(t.sheet, t.row[key], t.col[key]);
  }

  get message(): string {
    const { totals: t, key } = this;
    const leader = t.leaders[Math.floor(key / t.groups.length)].name;
    const group = t.groups[key % t.groups.length];
    // A first total of this row's own (another dimension of a wide row) has no earlier row to name.
    const where = t.firstRow[key] === t.row[key] ? "本行" : `第${rowNumber(t.firstRow[key])}行`;
    return `${leader}的「${group}」票数合计各维度不一致：${where}（${t.items[t.firstItem[key]]}）${t.firstTotal[key]}票，${t.wideForm ? "" : "本行"}（${t.items[t.item[key]]}）${t.total[key]}票；每张测评票应评全部维度`;
  }

  toJSON(): Diagnostic {
    return { severity: this.severity, cell: this.cell, code: this.code, message: this.message };
  }
}

/** Whether the row leaves every one of these cells blank (or marked missing). */
function allMissing(cells: readonly CellValue[], cols: readonly number[]): boolean {
  for (const c of cols) {
    const v = c < 0 ? null : cells[c];
    if (!isMissingMarker(v === undefined ? null : v)) return false;
  }
  return true;
}

export function readVotes(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { columns: VoteColumns; rows: () => VoteRow[]; map: SheetMap | null } {
  const { categories, groups } = method.democratic;
  const longSpecs = [
    columnSpec("姓名", true),
    columnSpec("单位", true),
    columnSpec("测评人类别", true),
    columnSpec("维度", true),
    ...categories.map((c) => {
      const words = [c.name, ...c.aliases];
      return columnSpec(c.name, true, [...c.aliases, ...words.flatMap((w) => VOTE_HEADER_SUFFIXES.map((s) => w + s))]);
    }),
    columnSpec(ABSTAIN, false),
    columnSpec("工号", false),
  ];
  let table: Table | null = null;
  let countColumns: CountColumns[];
  if (findHeader(grid, longSpecs).found) {
    table = openTable(grid, longSpecs, diag);
    countColumns = [
      { dimension: null, counts: categories.map((c) => c.name), abstain: table?.has(ABSTAIN) ? ABSTAIN : null },
    ];
  } else {
    const wide = findWideHeader(grid, method);
    if (wide) {
      reportDuplicateColumns(grid, wide.duplicates, diag);
      for (const inc of wide.incomplete) {
        diag.error(
          cellAddress(grid.name, inc.row, inc.col),
          "missingColumn",
          `「${inc.dimension}」缺少${inc.missing.map((m) => `「${m}」`).join("")}列（每个维度应有优秀、称职、基本称职、不称职四列）`,
        );
      }
      table = new Table(grid, wide.map);
      countColumns = wide.columns;
    } else {
      // Neither form: report what the long form (the standard one) lacks.
      table = openTable(grid, longSpecs, diag);
      countColumns = [];
    }
  }
  if (!table) {
    const none = new VoteColumns(method.democratic, 0, grid.name, false);
    return { columns: none, rows: () => [], map: null };
  }
  const wideForm = countColumns.length > 0 && countColumns[0].dimension !== null;

  const groupOf = aliasMap(groups);
  const groupWords = groups.map((g) => g.name).join("、");
  // The overall item 综合评价 (docs/method.md §10.4) is read from the same 维度 column, under its name or an alias.
  const dimensionOf = dimensionWords(method);
  // Up to one vote row per data row and set of count columns.
  const votes = new VoteColumns(method.democratic, table.map.dataRows.length * countColumns.length, table.name, false);
  const dimensionList = votes.items.join("、");
  const nCategories = categories.length;
  const counts = votes.counts;
  // A group's and an item's index in the columns (the first of each name, as the engine finds them), which also
  // make the numeric keys: (leader, group, item) → its row; (leader, group) → its first row's ballot total.
  const groupIndex = new Map(groups.map((g) => [g.name, votes.groupIndex(g.name)]));
  const itemIndex = new Map(votes.items.map((d) => [d, votes.itemIndex(d)]));
  const nDims = votes.items.length;
  // Typed arrays over the leader × group × dimension space, not maps: 120,000 rows at 10,000 leaders.
  const nGroupKeys = leaders.leaders.length * groups.length;
  const seen = new Int32Array(nGroupKeys * nDims).fill(-1);
  const totals = new GroupTotals(
    nGroupKeys,
    table.name,
    wideForm,
    leaders.leaders,
    groups.map((g) => g.name),
    votes.items,
  );
  // `工作表!E` of every count column: a cell's address is its column's prefix and the row number.
  const prefixes = new Map<string, string>();
  for (const cols of countColumns) {
    for (const k of cols.abstain === null ? cols.counts : [...cols.counts, cols.abstain]) {
      const c = table.map.columns[k];
      if (c !== undefined) prefixes.set(k, cellAddress(table.name, 0, c).slice(0, -1));
    }
  }
  const countPrefixes = countColumns.map((cols) => cols.counts.map((k) => prefixes.get(k) ?? null));
  const abstainPrefixes = countColumns.map((cols) =>
    cols.abstain === null ? null : (prefixes.get(cols.abstain) ?? null),
  );

  // The few words of 测评人类别 and 维度 recur on every row: looked up once each, by the cell's text, into what a
  // row needs of them (its name, and its indices in the checks' keys and in the columns).
  interface Word {
    name: string;
    index: number;
  }
  const lookup = (of: ReadonlyMap<string, string>, index: ReadonlyMap<string, number>) => {
    const byText = new Map<string, Word | null>();
    // The words met last, by identity first: the same few strings (shared strings of the file) come row after row.
    const recentText: string[] = [];
    const recentWord: (Word | null)[] = [];
    return (text: string): Word | undefined => {
      for (let i = 0; i < recentText.length; i++) if (recentText[i] === text) return recentWord[i] ?? undefined;
      let w = byText.get(text);
      if (w === undefined) {
        const name = of.get(valueKey(text));
        w = name === undefined ? null : { name, index: index.get(name)! };
        byText.set(text, w);
      }
      if (recentText.length < 8) {
        recentText.push(text);
        recentWord.push(w);
      }
      return w ?? undefined;
    };
  };
  // Columns by number (-1: absent), looked up once: a row reads its cells directly (as Table.value and .text do).
  const columnOf = (key: string) => table.map.columns[key] ?? -1;
  const nameCol = columnOf("姓名");
  const unitCol = columnOf("单位");
  const groupCol = columnOf("测评人类别");
  const dimensionCol = columnOf("维度");
  const countCols = countColumns.map((cols) => cols.counts.map(columnOf));
  const abstainCols = countColumns.map((cols) => (cols.abstain === null ? -1 : columnOf(cols.abstain)));
  const rows = table.grid.rows;
  const valueAt = (cells: readonly CellValue[], c: number): CellValue => {
    if (c < 0) return null;
    const v = cells[c];
    return v === undefined ? null : v;
  };
  // A column's text as last read: the same value (the same shared string) again is the same text.
  const lastValue: CellValue[] = [];
  const lastText: string[] = [];
  const textAt = (cells: readonly CellValue[], c: number): string => {
    const v = valueAt(cells, c);
    if (c >= 0 && lastValue[c] === v && lastText[c] !== undefined) return lastText[c];
    const text = cellText(v).trim();
    if (c >= 0) {
      lastValue[c] = v;
      lastText[c] = text;
    }
    return text;
  };
  const groupOfText = lookup(groupOf, groupIndex);
  const dimensionOfText = lookup(dimensionOf, itemIndex);
  const fixedDimension = countColumns.map((cols) =>
    cols.dimension === null ? null : { name: cols.dimension, index: itemIndex.get(cols.dimension)! },
  );
  const rowDimension: Word[] = [];
  const rowAbstain: (number | null)[] = [];
  const rowColumns: number[] = [];
  // A leader's rows come together (twelve in the standard long form): the last row's leader is asked first.
  let lastName = "";
  let lastUnit = "";
  let lastId: string | null = null;
  let lastResolution: Resolution | null = null;

  // Indexed: a for-of loop makes an iterator result per row until the code is optimized.
  const dataRowList = table.map.dataRows;
  for (let j = 0; j < dataRowList.length; j++) {
    const r = dataRowList[j];
    const cells = rows[r];
    let bad = false;
    const name = textAt(cells, nameCol);
    const unit = textAt(cells, unitCol);
    const id = leaders.hasId ? rowId(table, r) : null;
    const byId = leaders.hasId && id !== null;
    if (!byId && isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    if (!byId && isBlank(unit)) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const groupText = textAt(cells, groupCol);
    const groupWord = groupOfText(groupText);
    if (groupWord === undefined) {
      diag.error(
        table.cell(r, "测评人类别"),
        "unknownGroup",
        isBlank(groupText)
          ? `测评人类别为空，应为${groupWords}之一`
          : `测评人类别「${groupText}」无法识别，应为${groupWords}之一（或其别名）`,
      );
      bad = true;
    }

    // One long-form row per dimension of the row: its counts, or why not (in arrays kept from row to row). The
    // counts go straight into the columns, at the places the row's vote rows will have if none is a duplicate.
    let nRow = 0;
    const base = votes.length;
    for (let at = 0; at < countColumns.length; at++) {
      const cols = countColumns[at];
      const colsAt = countCols[at];
      const abstainCol = abstainCols[at];
      let dimension: Word | undefined;
      const fixed = fixedDimension[at];
      if (fixed === null) {
        const dimText = textAt(cells, dimensionCol);
        dimension = dimensionOfText(dimText);
        if (dimension === undefined) {
          diag.error(
            table.cell(r, "维度"),
            "unknownDimension",
            isBlank(dimText)
              ? `维度为空，应为${dimensionList}之一`
              : `维度「${dimText}」无法识别，应为${dimensionList}之一`,
          );
          bad = true;
        }
      } else {
        dimension = fixed;
        // A dimension left wholly blank on a wide row is absent for that row (a group not asked about it).
        if (allMissing(cells, colsAt) && isMissingMarker(valueAt(cells, abstainCol))) continue;
      }
      const slot = (base + nRow) * nCategories;
      for (let i = 0; i < colsAt.length; i++) {
        const v = valueAt(cells, colsAt[i]);
        const plain = plainCount(v);
        if (plain >= 0) {
          counts[slot + i] = plain;
          continue;
        }
        const n = readCount(v);
        const c = categories[i].name;
        const label = wideForm ? `${dimension?.name}「${c}」` : `「${c}」`;
        if (n.kind === "count") counts[slot + i] = n.value;
        else if (n.kind === "blank") {
          diag.warning(table.cell(r, cols.counts[i]), "blankVote", `${label}票数为空，按0票计`);
          counts[slot + i] = 0;
        } else {
          // The row is not read (`bad`): what `counts` holds at this place is never seen.
          diag.error(table.cell(r, cols.counts[i]), "invalidVote", countProblem(n, label));
          bad = true;
        }
      }
      let abstain: number | null = null;
      if (cols.abstain !== null) {
        const v = valueAt(cells, abstainCol);
        const plain = plainCount(v);
        const n: Count | null = plain >= 0 ? null : readCount(v);
        if (n === null) abstain = plain;
        else if (n.kind === "count") abstain = n.value;
        else if (n.kind !== "blank") {
          diag.error(
            table.cell(r, cols.abstain),
            "invalidVote",
            countProblem(n, `${wideForm ? dimension?.name : ""}弃权`),
          );
          bad = true;
        }
      }
      if (dimension !== undefined) {
        rowDimension[nRow] = dimension;
        rowAbstain[nRow] = abstain;
        rowColumns[nRow] = at;
        nRow++;
      }
    }
    if (bad || groupWord === undefined) continue;

    const wantId = byId ? id : null;
    if (lastResolution === null || name !== lastName || unit !== lastUnit || wantId !== lastId) {
      lastResolution = resolveLeader(leaders, name, unit, wantId);
      lastName = name;
      lastUnit = unit;
      lastId = wantId;
    }
    const res = lastResolution;
    // The row's first cell: where its votes point (kept as a column number) and what its warnings name.
    const firstCol = Math.max(0, firstFilledColumn(table.grid, r));
    if (res.kind !== "found") {
      if (leaders.read) {
        diag.warning(
          cellAddress(table.name, r, firstCol),
          "unknownLeader",
          unknownLeaderMessage(byId ? id : null, name, unit, res.kind === "ambiguous"),
        );
      }
      continue;
    }
    const leader = res.leader;
    const gKey = leader.index * groups.length + groupWord.index;
    for (let k = 0; k < nRow; k++) {
      const word = rowDimension[k];
      const dimension = word.name;
      const staged = (base + k) * nCategories;
      const abstain = rowAbstain[k];
      const at = rowColumns[k];
      const key = gKey * nDims + word.index;
      const earlier = seen[key];
      if (earlier >= 0) {
        diag.error(
          cellAddress(table.name, r, firstCol),
          "duplicate",
          duplicateMessage(earlier, groupWord.name, dimension, wideForm),
        );
        // One message per row is enough in the wide form.
        if (wideForm) break;
        continue;
      }
      seen[key] = r;

      // Each ballot rates every dimension, so per group the number of ballots (abstentions included) is the same.
      let total = 0;
      for (let i = 0; i < nCategories; i++) total += counts[staged + i];
      total += abstain ?? 0;
      const warning = totals.check(gKey, r, firstCol, word.index, total);
      if (warning !== null) diag.addWarning(warning);
      const i = votes.add(leader, groupWord.index, word.index, abstain, r, firstCol);
      // Only after a duplicate of the row are its counts not where they were staged.
      if (i !== base + k) for (let c = 0; c < nCategories; c++) counts[i * nCategories + c] = counts[staged + c];
      votes.part[i] = at;
    }
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "民主测评表没有数据行");
  // The plain rows, for whoever reads them (the engine reads the columns). The long form's counts sit in the
  // category columns of the row (`cell`'s): no need to say where. The wide form's sit under their dimension.
  const voteRows = (): VoteRow[] => {
    const out = new Array<VoteRow>(votes.length);
    for (let i = 0; i < votes.length; i++) {
      const vote = votes.voteRow(i);
      if (wideForm) {
        const abstainPrefix = abstainPrefixes[votes.part[i]];
        const rowText = String(votes.row[i] + 1);
        vote.countCells = countPrefixes[votes.part[i]].map((p) => (p === null ? "" : p + rowText));
        vote.abstainCell = abstainPrefix === null ? "" : abstainPrefix + rowText;
      }
      out[i] = vote;
    }
    return out;
  };
  return { columns: votes, rows: voteRows, map: table.map };
}
