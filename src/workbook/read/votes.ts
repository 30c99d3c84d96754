/**
 * 民主测评 (docs/method.md §1, §3, §10.4): vote counts per leader, evaluator group and dimension or overall item.
 * Long form (one row per leader × group × dimension, with a 维度 column) or wide form (one row per leader × group,
 * the four categories under each dimension: two header rows, or `德优秀`-style headers); each row × dimension of
 * the wide form is read as one long-form row, with the same diagnostics at its cells.
 */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import type { CellValue, Grid } from "../grid";
import { cellAt } from "../grid";
import { type ColumnSpec, columnSpec, type DuplicateColumn, findHeader } from "../headers";
import type { SheetMap, VoteRow } from "../input";
import { valueKey } from "../keys";
import { MAX_VOTES } from "../limits";
import { foldWidth, headerKey, removeSpaces } from "../normalize";
import { dataRows, isBlank } from "../rows";
import { HEADER_SYNONYMS, VOTE_HEADER_SUFFIXES } from "../synonyms";
import { Diagnostics, openTable, reportDuplicateColumns, rowNumber, Table } from "../table";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";

type Count =
  | { kind: "count"; value: number }
  | { kind: "blank" }
  | { kind: "invalid"; text: string }
  | { kind: "tooMany"; value: number };

function readCount(v: CellValue): Count {
  if (isMissingMarker(v)) return { kind: "blank" };
  const p = parseNumber(v);
  if (p.kind === "number" && Number.isInteger(p.value) && p.value >= 0) {
    return p.value <= MAX_VOTES ? { kind: "count", value: p.value + 0 } : { kind: "tooMany", value: p.value };
  }
  return { kind: "invalid", text: cellText(v).trim() };
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

export function readVotes(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { votes: VoteRow[]; map: SheetMap | null } {
  const { categories, groups, dimensions } = method.democratic;
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
  if (!table) return { votes: [], map: null };
  const wideForm = countColumns.length > 0 && countColumns[0].dimension !== null;

  const groupOf = aliasMap(groups);
  const groupWords = groups.map((g) => g.name).join("、");
  // The overall item 综合评价 (docs/method.md §10.4) is read from the same 维度 column, under its name or an alias.
  const { overall } = method.democratic;
  const dimensionOf = dimensionWords(method);
  const dimensionList = [...Object.keys(dimensions), overall.name].join("、");
  const votes: VoteRow[] = [];
  // Numeric keys: (leader, group, dimension) → its row; (leader, group) → its first row's ballot total.
  const groupIndex = new Map(groups.map((g, i) => [g.name, i]));
  const dimensionIndex = new Map([...Object.keys(dimensions), overall.name].map((d, i) => [d, i]));
  const nDims = dimensionIndex.size;
  const seen = new Map<number, number>();
  const totals = new Map<number, { total: number; row: number; dimension: string; warned: boolean }>();

  for (const r of table.map.dataRows) {
    let bad = false;
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
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
    const groupText = table.text(r, "测评人类别");
    const group = groupOf.get(valueKey(groupText));
    if (group === undefined) {
      diag.error(
        table.cell(r, "测评人类别"),
        "unknownGroup",
        isBlank(groupText)
          ? `测评人类别为空，应为${groupWords}之一`
          : `测评人类别「${groupText}」无法识别，应为${groupWords}之一（或其别名）`,
      );
      bad = true;
    }

    // One long-form row per dimension of the row: its counts, or why not.
    const rowVotes: { dimension: string; counts: number[]; abstain: number | null; cols: CountColumns }[] = [];
    for (const cols of countColumns) {
      let dimension: string | undefined;
      if (cols.dimension === null) {
        const dimText = table.text(r, "维度");
        dimension = dimensionOf.get(valueKey(dimText));
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
        dimension = cols.dimension;
        // A dimension left wholly blank on a wide row is absent for that row (a group not asked about it).
        const keys = cols.abstain === null ? cols.counts : [...cols.counts, cols.abstain];
        if (keys.every((k) => isMissingMarker(table.value(r, k)))) continue;
      }
      const label = (c: string) => (wideForm ? `${dimension}「${c}」` : `「${c}」`);
      const counts: number[] = [];
      cols.counts.forEach((key, i) => {
        const n = readCount(table.value(r, key));
        const c = categories[i].name;
        if (n.kind === "count") counts.push(n.value);
        else if (n.kind === "blank") {
          diag.warning(table.cell(r, key), "blankVote", `${label(c)}票数为空，按0票计`);
          counts.push(0);
        } else {
          diag.error(table.cell(r, key), "invalidVote", countProblem(n, label(c)));
          bad = true;
        }
      });
      let abstain: number | null = null;
      if (cols.abstain !== null) {
        const n = readCount(table.value(r, cols.abstain));
        if (n.kind === "count") abstain = n.value;
        else if (n.kind !== "blank") {
          diag.error(table.cell(r, cols.abstain), "invalidVote", countProblem(n, `${wideForm ? dimension : ""}弃权`));
          bad = true;
        }
      }
      if (dimension !== undefined) rowVotes.push({ dimension, counts, abstain, cols });
    }
    if (bad || group === undefined) continue;

    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind !== "found") {
      if (leaders.read) {
        const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
        diag.warning(
          table.rowCell(r),
          "unknownLeader",
          res.kind === "ambiguous"
            ? `${who}对应多名考核对象，请填写工号；此行不计入`
            : `${who}不在考核对象中，此行不计入`,
        );
      }
      continue;
    }
    const leader = res.leader;
    const gKey = leader.index * groups.length + groupIndex.get(group)!;
    for (const { dimension, counts, abstain, cols } of rowVotes) {
      const key = gKey * nDims + dimensionIndex.get(dimension)!;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        diag.error(
          table.rowCell(r),
          "duplicate",
          wideForm
            ? `与第${rowNumber(earlier)}行重复：同一考核对象和测评人类别（${group}）`
            : `与第${rowNumber(earlier)}行重复：同一考核对象、测评人类别（${group}）和维度（${dimension}）`,
        );
        // One message per row is enough in the wide form.
        if (wideForm) break;
        continue;
      }
      seen.set(key, r);

      // Each ballot rates every dimension, so per group the number of ballots (abstentions included) is the same.
      const total = counts.reduce((a, b) => a + b, 0) + (abstain ?? 0);
      const first = totals.get(gKey);
      if (!first) totals.set(gKey, { total, row: r, dimension, warned: false });
      else if (!first.warned && first.total !== total) {
        first.warned = true;
        const where = first.row === r ? "本行" : `第${rowNumber(first.row)}行`;
        diag.warning(
          table.rowCell(r),
          "groupTotals",
          `${leader.name}的「${group}」票数合计各维度不一致：${where}（${first.dimension}）${first.total}票，${wideForm ? "" : "本行"}（${dimension}）${total}票；每张测评票应评全部维度`,
        );
      }

      votes.push({
        name: leader.name,
        unit: leader.unit,
        nameKey: leader.nameKey,
        unitKey: leader.unitKey,
        employeeId: leader.employeeId,
        group,
        dimension,
        overall: dimension === overall.name,
        counts,
        abstain,
        cell: table.rowCell(r),
        countCells: cols.counts.map((k) => table.cell(r, k)),
        abstainCell: cols.abstain === null ? "" : table.cell(r, cols.abstain),
      });
    }
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "民主测评表没有数据行");
  return { votes, map: table.map };
}
