/**
 * 测评票 and 测评票（复核） (docs/method.md §11.1): the ballots themselves, in long form (one row per ballot × leader:
 * 票号, 单位, 测评人类别, 姓名, a column per item) or wide form (one row per ballot, as survey tools export it: 票号 or
 * 序号, 单位, 测评人类别, and a column per leader × item headed `{姓名}-{维度}`, or mapped on 测评票列对应).
 * Every error and warning at its cell; the validity rules and the tally are the engine's (engine/ballots/).
 */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { type Ballot, type BallotLine, type BallotMark, type BallotSheet, ballotItems } from "../ballotInput";
import { cellText, isMissingMarker } from "../cells";
import type { CellValue, Grid } from "../grid";
import { cellAt } from "../grid";
import { type ColumnSpec, columnSpec, findHeader } from "../headers";
import type { Leader, SheetMap } from "../input";
import { nameKeyOf as nameKey, valueKey } from "../keys";
import { foldWidth } from "../normalize";
import { dataRows, isBlank } from "../rows";
import { Diagnostics, openTable, reportDuplicateColumns, rowNumber, Table } from "../table";
import type { ColumnMapping } from "./ballotColumns";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";
import { aliasMap } from "./votes";

export const ABSTAIN_WORD = "弃权";

/** Item words (names and the overall item's aliases, after valueKey) → the item. */
function itemWords(method: Method): Map<string, { name: string; overall: boolean }> {
  const m = new Map<string, { name: string; overall: boolean }>();
  for (const it of ballotItems(method)) m.set(valueKey(it.name), it);
  const { overall } = method.democratic;
  for (const a of overall.aliases) if (!m.has(valueKey(a))) m.set(valueKey(a), { name: overall.name, overall: true });
  return m;
}

type Rating = { kind: "category"; index: number } | { kind: "abstain" } | { kind: "blank" } | { kind: "invalid" };

/** A rating cell: a category name or alias, 弃权, or nothing (a missing marker counts as nothing). */
export function ratingReader(method: Method): (v: CellValue) => Rating {
  const words = new Map<string, number>();
  method.democratic.categories.forEach((c, i) => {
    for (const w of [c.name, ...c.aliases]) if (!words.has(valueKey(w))) words.set(valueKey(w), i);
  });
  const abstain = valueKey(ABSTAIN_WORD);
  return (v) => {
    if (isMissingMarker(v)) return { kind: "blank" };
    const k = valueKey(cellText(v));
    if (k === abstain) return { kind: "abstain" };
    const i = words.get(k);
    return i === undefined ? { kind: "invalid" } : { kind: "category", index: i };
  };
}

function ratingWords(method: Method): string {
  return `${method.democratic.categories.map((c) => c.name).join("、")}（或其别名）、${ABSTAIN_WORD}，或留空`;
}

/** The long form's columns; the item columns are keyed by the item's name. */
function longSpecs(method: Method): ColumnSpec[] {
  const { overall } = method.democratic;
  return [
    columnSpec("票号", true),
    columnSpec("单位", true),
    columnSpec("测评人类别", true),
    columnSpec("姓名", true),
    ...Object.keys(method.democratic.dimensions).map((d) => ({ key: d, required: true, words: [d] })),
    { key: overall.name, required: false, words: [overall.name, ...overall.aliases] },
    columnSpec("工号", false),
  ];
}

/** The wide form's columns besides the leader × item ones. */
function wideSpecs(): ColumnSpec[] {
  return [
    columnSpec("票号", false),
    columnSpec("序号", false),
    columnSpec("单位", true),
    columnSpec("测评人类别", true),
  ];
}

/** A column of the wide form: one leader (by name, or fixed by the mapping) × one item. */
interface LeaderColumn {
  col: number;
  header: string;
  name: string;
  nameKey: string;
  item: { name: string; overall: boolean };
  /** Fixed by 测评票列对应 (with its 单位 or 工号), else resolved per row by name within the row's 单位. */
  leader: Leader | null;
}

const SEPARATORS = "-_·/—:： ";

/**
 * A wide header `{姓名}-{维度}`: separated by `-`, `_`, `·`, `/`, `—`, `:` or a space, or with the item in brackets
 * (`张三（德）`); the item may also come first (`德-张三`). A name may itself hold `·` (阿不都·热合曼-德).
 */
export function parseLeaderHeader(
  text: string,
  items: ReadonlyMap<string, { name: string; overall: boolean }>,
): { name: string; item: { name: string; overall: boolean } } | null {
  const s = foldWidth(text).trim().replace(/\s+/g, " ");
  if (s === "") return null;
  const bracket = /^(.+?)\s*[([【]\s*(.+?)\s*[)\]】]$/.exec(s);
  if (bracket) {
    const item = items.get(valueKey(bracket[2]));
    if (item && nameKey(bracket[1]) !== "") return { name: bracket[1].trim(), item };
    const first = items.get(valueKey(bracket[1]));
    if (first && nameKey(bracket[2]) !== "") return { name: bracket[2].trim(), item: first };
  }
  const trimSeps = (x: string) => {
    let a = 0;
    let b = x.length;
    while (a < b && SEPARATORS.includes(x[a])) a++;
    while (b > a && SEPARATORS.includes(x[b - 1])) b--;
    return x.slice(a, b);
  };
  for (let i = s.length - 1; i > 0; i--) {
    if (!SEPARATORS.includes(s[i])) continue;
    const tail = items.get(valueKey(s.slice(i + 1)));
    const head = trimSeps(s.slice(0, i));
    if (tail && head !== "") return { name: head, item: tail };
  }
  for (let i = 0; i < s.length - 1; i++) {
    if (!SEPARATORS.includes(s[i])) continue;
    const head = items.get(valueKey(s.slice(0, i)));
    const tail = trimSeps(s.slice(i + 1));
    if (head && tail !== "") return { name: tail, item: head };
  }
  return null;
}

export interface BallotSheetRead {
  sheet: BallotSheet | null;
  map: SheetMap | null;
}

/** Reads a ballot sheet (测评票 or 测评票（复核）) in whichever form it has. */
export function readBallotSheet(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  mapping: ColumnMapping | null,
  diag: Diagnostics,
): BallotSheetRead {
  const long = longSpecs(method);
  if (findHeader(grid, long).found) {
    const table = openTable(grid, long, diag);
    return table ? readLong(table, method, leaders, diag) : { sheet: null, map: null };
  }
  const wide = openWide(grid, method, mapping, diag);
  if (wide) return wide.table ? readWide(wide.table, wide.columns, method, leaders, diag) : { sheet: null, map: null };
  // Neither form: say what the long form (the one 新建模板 offers) lacks.
  openTable(grid, long, diag);
  return { sheet: null, map: null };
}

// ───────────────────────────── shared per-row checks ─────────────────────────────

class BallotBuilder {
  readonly ballots: Ballot[] = [];
  private readonly byKey = new Map<string, { ballot: Ballot; row: number; seen: Map<number, number> }>();
  private readonly noLeaderUnits = new Set<string>();
  readonly groupOf: Map<string, string>;
  private readonly groupWords: string;
  readonly rating: (v: CellValue) => Rating;
  readonly ratingWords: string;

  constructor(
    readonly method: Method,
    readonly leaders: LeaderIndex,
    readonly diag: Diagnostics,
  ) {
    this.groupOf = aliasMap(method.democratic.groups);
    this.groupWords = method.democratic.groups.map((g) => g.name).join("、");
    this.rating = ratingReader(method);
    this.ratingWords = ratingWords(method);
  }

  /** 票号, 单位 and 测评人类别 of a row; null (with errors reported) when any is unusable. */
  head(
    table: Table,
    r: number,
    numberKey: string,
  ): { number: string; unit: string; unitKey: string; group: string | undefined; bad: boolean } {
    let bad = false;
    const number = table.text(r, numberKey);
    if (isBlank(number)) {
      this.diag.error(table.cell(r, numberKey), "blankBallotNumber", `${numberKey}为空：每张测评票应有票号`);
      bad = true;
    }
    const unit = table.text(r, "单位");
    if (isBlank(unit)) {
      this.diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const groupText = table.text(r, "测评人类别");
    const group = this.groupOf.get(valueKey(groupText));
    if (group === undefined) {
      this.diag.error(
        table.cell(r, "测评人类别"),
        "unknownGroup",
        isBlank(groupText)
          ? `测评人类别为空，应为${this.groupWords}之一`
          : `测评人类别「${groupText}」无法识别，应为${this.groupWords}之一（或其别名）`,
      );
      bad = true;
    }
    // The unit as 考核对象 writes it, so that messages and results name it one way.
    const unitKey = nameKey(unit);
    const canonical = this.leaders.byUnit.get(unitKey)?.[0]?.unit ?? unit;
    return { number, unit: canonical, unitKey, group, bad };
  }

  /** True when the unit has assessed leaders; otherwise warns once per unit (its ballots count for nothing). */
  unitHasLeaders(unitKey: string, unit: string, cell: string): boolean {
    if (!this.leaders.read || this.leaders.byUnit.has(unitKey)) return true;
    if (!this.noLeaderUnits.has(unitKey)) {
      this.noLeaderUnits.add(unitKey);
      this.diag.warning(cell, "unitWithoutLeaders", `单位「${unit}」在考核对象中没有考核对象，该单位的测评票不计入`);
    }
    return false;
  }

  mark(table: Table, r: number, col: number, item: { name: string; overall: boolean }, who: string): BallotMark | null {
    const v = cellAt(table.grid, r, col);
    const cell = cellAddress(table.name, r, col);
    const rating = this.rating(v);
    if (rating.kind === "invalid") {
      this.diag.error(
        cell,
        "invalidRating",
        `${who}的「${item.name}」评价「${cellText(v).trim()}」无法识别，应为${this.ratingWords}`,
      );
      return null;
    }
    return {
      item: item.name,
      overall: item.overall,
      kind: rating.kind,
      category: rating.kind === "category" ? rating.index : null,
      cell,
    };
  }

  /**
   * The ballot of (单位, 票号), created at its first row; a later row must agree on 测评人类别. Returns null (with
   * the error reported) when it does not.
   */
  ballot(
    table: Table,
    r: number,
    numberKey: string,
    head: { number: string; unit: string; unitKey: string; group: string },
    longForm: boolean,
  ): { ballot: Ballot; seen: Map<number, number> } | null {
    const key = `${head.unitKey}\u0000${valueKey(head.number)}`;
    const found = this.byKey.get(key);
    if (found) {
      if (!longForm) {
        this.diag.error(
          table.cell(r, numberKey),
          "duplicateBallot",
          `与第${rowNumber(found.row)}行票号相同：${head.unit}的第「${head.number}」号测评票出现两次`,
        );
        return null;
      }
      if (found.ballot.group !== head.group) {
        this.diag.error(
          table.cell(r, "测评人类别"),
          "ballotGroupMismatch",
          `同一张测评票（${head.unit}第「${head.number}」号）各行的测评人类别应一致：第${rowNumber(found.row)}行为「${found.ballot.group}」，本行为「${head.group}」`,
        );
        return null;
      }
      return found;
    }
    const ballot: Ballot = {
      sheet: table.name,
      unit: head.unit,
      unitKey: head.unitKey,
      number: head.number,
      group: head.group,
      cell: table.cell(r, numberKey),
      groupCell: table.cell(r, "测评人类别"),
      lines: [],
    };
    const entry = { ballot, row: r, seen: new Map<number, number>() };
    this.byKey.set(key, entry);
    this.ballots.push(ballot);
    return entry;
  }
}

// ───────────────────────────── long form ─────────────────────────────

function readLong(table: Table, method: Method, leaders: LeaderIndex, diag: Diagnostics): BallotSheetRead {
  const b = new BallotBuilder(method, leaders, diag);
  const items = ballotItems(method).filter((it) => table.has(it.name));
  for (const r of table.map.dataRows) {
    const head = b.head(table, r, "票号");
    let bad = head.bad;
    const name = table.text(r, "姓名");
    const id = leaders.hasId ? rowId(table, r) : null;
    const byId = leaders.hasId && id !== null;
    if (!byId && isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    const who = name || (id ?? "");
    const marks: BallotMark[] = [];
    for (const it of items) {
      const m = b.mark(table, r, table.map.columns[it.name], it, who);
      if (m) marks.push(m);
      else bad = true;
    }
    if (bad || head.group === undefined) continue;
    if (!b.unitHasLeaders(head.unitKey, head.unit, table.cell(r, "单位"))) continue;

    const res = resolveLeader(leaders, name, head.unit, byId ? id : null);
    const whoText = byId ? `工号「${id}」` : `「${name}」`;
    if (res.kind !== "found") {
      if (leaders.read) {
        diag.error(
          byId ? table.cell(r, "工号") : table.cell(r, "姓名"),
          "unknownLeader",
          res.kind === "ambiguous"
            ? `${whoText}对应${head.unit}的多名考核对象，请填写工号`
            : `${whoText}不是${head.unit}的考核对象（考核对象表中没有）`,
        );
      }
      continue;
    }
    const leader = res.leader;
    if (leader.unitKey !== head.unitKey) {
      diag.error(
        table.cell(r, "工号"),
        "unknownLeader",
        `工号「${id}」是${leader.unit}的${leader.name}，不是${head.unit}的考核对象`,
      );
      continue;
    }
    const found = b.ballot(table, r, "票号", { ...head, group: head.group }, true);
    if (!found) continue;
    const earlier = found.seen.get(leader.index);
    if (earlier !== undefined) {
      diag.error(
        table.cell(r, byId && isBlank(name) ? "工号" : "姓名"),
        "duplicateLeader",
        `同一张测评票（${head.unit}第「${head.number}」号）上${leader.name}出现两次：第${rowNumber(earlier)}行和本行`,
      );
      continue;
    }
    found.seen.set(leader.index, r);
    const line: BallotLine = { leader: leader.index, marks, cell: table.cell(r, "姓名") };
    found.ballot.lines.push(line);
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", `${table.name}表没有数据行`);
  return { sheet: { sheet: table.name, form: "long", ballots: b.ballots }, map: table.map };
}

// ───────────────────────────── wide form ─────────────────────────────

/** The wide form's header: 票号 (or 序号), 单位, 测评人类别 and at least one leader × item column. */
function openWide(
  grid: Grid,
  method: Method,
  mapping: ColumnMapping | null,
  diag: Diagnostics,
): { table: Table | null; columns: LeaderColumn[] } | null {
  const search = findHeader(grid, wideSpecs());
  if (!search.found) return null;
  const header = search.header;
  const items = itemWords(method);
  const baseCols = new Set(header.columns.values());
  const row = header.headerRow;
  const text = (r: number, c: number) => {
    const v = cellAt(grid, r, c);
    return v === null ? "" : cellText(v);
  };
  // Two header rows: a leader's name above (merged over, or written above the first of) its item columns.
  const below = row + 1;
  const width = Math.max(grid.rows[row]?.length ?? 0, grid.rows[below]?.length ?? 0);
  let itemsBelow = 0;
  for (let c = 0; c < width; c++) if (!baseCols.has(c) && items.has(valueKey(text(below, c)))) itemsBelow++;
  const twoRows = itemsBelow > 0;
  const headerEnd = twoRows ? below : row;

  const columns: LeaderColumn[] = [];
  const seen = new Map<string, number>();
  const duplicates: { key: string; row: number; col: number; firstCol: number }[] = [];
  const add = (c: number, r: number, name: string, item: { name: string; overall: boolean }, leader: Leader | null) => {
    const key = `${leader ? `#${leader.index}` : nameKey(name)}|${item.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ key: `${name}-${item.name}`, row: r, col: c, firstCol: first });
      return;
    }
    seen.set(key, c);
    columns.push({ col: c, header: text(r, c), name, nameKey: nameKey(name), item, leader });
  };
  let current: string | null = null;
  for (let c = 0; c < width; c++) {
    if (baseCols.has(c)) {
      current = null;
      continue;
    }
    const upper = text(row, c);
    // A column named on 测评票列对应 (by the text of its header cell) means what the mapping says.
    const m = nameKey(upper) === "" ? undefined : mapping?.byHeader.get(valueKey(upper));
    if (m) {
      m.used = true;
      add(c, row, m.name, m.item, m.leader);
      current = null;
      continue;
    }
    if (twoRows) {
      if (nameKey(upper) !== "") current = parseLeaderHeader(upper, items) ? null : upper.trim();
      const item = items.get(valueKey(text(below, c)));
      if (item && current !== null) {
        add(c, below, current, item, null);
        continue;
      }
    }
    for (const r of twoRows ? [row, below] : [row]) {
      const p = parseLeaderHeader(text(r, c), items);
      if (p) {
        add(c, r, p.name, p.item, null);
        break;
      }
    }
  }
  if (columns.length === 0) return null;
  reportDuplicateColumns(grid, [...header.duplicates, ...duplicates], diag);
  if (!header.columns.has("票号") && !header.columns.has("序号")) {
    diag.error(
      cellAddress(grid.name, row, 0),
      "missingColumn",
      `第${rowNumber(row)}行的表头缺少必需的列「票号」（或「序号」）`,
    );
    return { table: null, columns };
  }
  const cols: Record<string, number> = {};
  for (const [key, col] of header.columns) cols[key] = col;
  for (const lc of columns) cols[`${lc.name}|${lc.item.name}`] = lc.col;
  const used = [...header.columns.values(), ...columns.map((lc) => lc.col)];
  const map: SheetMap = {
    sheet: grid.name,
    headerRow: row,
    headerEndRow: headerEnd,
    columns: cols,
    dataRows: dataRows(grid, headerEnd, used),
  };
  return { table: new Table(grid, map), columns };
}

function readWide(
  table: Table,
  columns: readonly LeaderColumn[],
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): BallotSheetRead {
  const b = new BallotBuilder(method, leaders, diag);
  const numberKey = table.has("票号") ? "票号" : "序号";
  const itemOrder = new Map(ballotItems(method).map((it, i) => [it.name, i]));
  // Per unit, which leader each column means (a column names a person; the row's 单位 says which one).
  const columnLeaders = new Map<string, (Leader | null)[]>();
  const ambiguous = new Set<string>();
  const leadersOfColumns = (unitKey: string, unit: string): (Leader | null)[] => {
    let list = columnLeaders.get(unitKey);
    if (list) return list;
    list = columns.map((lc) => {
      if (lc.leader) return lc.leader.unitKey === unitKey ? lc.leader : null;
      const res = resolveLeader(leaders, lc.name, unit, null);
      if (res.kind === "ambiguous" && !ambiguous.has(`${unitKey}|${lc.col}`)) {
        ambiguous.add(`${unitKey}|${lc.col}`);
        diag.error(
          cellAddress(table.name, table.map.headerRow, lc.col),
          "ambiguousColumn",
          `「${lc.name}」对应${unit}的多名考核对象；请在测评票列对应表中为此列填写工号`,
        );
      }
      return res.kind === "found" ? res.leader : null;
    });
    columnLeaders.set(unitKey, list);
    return list;
  };

  for (const r of table.map.dataRows) {
    const head = b.head(table, r, numberKey);
    if (head.bad || head.group === undefined) {
      // Still check the rating cells, so that every error of the row is reported at once.
      for (const lc of columns) b.mark(table, r, lc.col, lc.item, lc.name);
      continue;
    }
    if (!b.unitHasLeaders(head.unitKey, head.unit, table.cell(r, "单位"))) continue;
    const owners = leadersOfColumns(head.unitKey, head.unit);
    const found = b.ballot(table, r, numberKey, { ...head, group: head.group }, false);
    const byLeader = new Map<number, BallotMark[]>();
    let bad = false;
    columns.forEach((lc, k) => {
      const owner = owners[k];
      if (owner === null) {
        // A column whose name is ambiguous in this unit is reported once, at its header.
        if (ambiguous.has(`${head.unitKey}|${lc.col}`)) return;
        const v = cellAt(table.grid, r, lc.col);
        if (!isMissingMarker(v)) {
          // A name nobody has is more likely a header that is not `{姓名}-{维度}`: say where to map it.
          const nobody = !leaders.leaders.some((l) => l.nameKey === lc.nameKey);
          diag.error(
            cellAddress(table.name, r, lc.col),
            "unknownLeader",
            nobody
              ? `列「${lc.header.trim()}」中的「${lc.name}」不是考核对象；若此列表头不是“姓名-维度”的写法，请在测评票列对应表中说明此列是谁的哪一项`
              : `「${lc.name}」不是${head.unit}的考核对象，${head.unit}的测评票不应评价此列`,
          );
          bad = true;
        }
        return;
      }
      const m = b.mark(table, r, lc.col, lc.item, owner.name);
      if (!m) {
        bad = true;
        return;
      }
      const list = byLeader.get(owner.index) ?? [];
      list.push(m);
      byLeader.set(owner.index, list);
    });
    if (bad || !found) continue;
    // Leaders in the order of 考核对象, items in the method's order.
    for (const index of [...byLeader.keys()].sort((x, y) => x - y)) {
      const marks = byLeader.get(index)!.sort((x, y) => itemOrder.get(x.item)! - itemOrder.get(y.item)!);
      found.ballot.lines.push({ leader: index, marks, cell: table.rowCell(r) });
    }
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", `${table.name}表没有数据行`);
  return { sheet: { sheet: table.name, form: "wide", ballots: b.ballots }, map: table.map };
}

// ───────────────────────────── the columns, for the mapping editor ─────────────────────────────

/** A column of a wide 测评票 besides 票号, 单位 and 测评人类别, and how it reads now. */
export interface BallotHeaderColumn {
  col: number;
  /** The header cell (`测评票!E1`) and its text. */
  cell: string;
  header: string;
  /** By a row of 测评票列对应, by its own header (`张三-德`, or a name above its items), or not at all. */
  reads: "mapping" | "header" | "none";
  name: string | null;
  /** The leader's unit when the mapping fixes it. */
  unit: string | null;
  item: string | null;
}

/**
 * What the pane's editor of 测评票列对应 shows (docs/method.md §11.1): the form of the sheet, and for a wide one each
 * other column of its header with what it reads as — the reader's own rules (parseLeaderHeader, the mapping), so the
 * editor offers exactly the columns the tally would not read.
 */
export function ballotHeaderColumns(
  grid: Grid,
  method: Method,
  mapping: ColumnMapping | null,
): { form: "long" | "wide" | "none"; columns: BallotHeaderColumn[] } {
  if (findHeader(grid, longSpecs(method)).found) return { form: "long", columns: [] };
  const search = findHeader(grid, wideSpecs());
  if (!search.found) return { form: "none", columns: [] };
  const items = itemWords(method);
  const base = new Set(search.header.columns.values());
  const row = search.header.headerRow;
  const below = row + 1;
  const text = (r: number, c: number) => {
    const v = cellAt(grid, r, c);
    return v === null ? "" : cellText(v).trim();
  };
  const width = Math.max(grid.rows[row]?.length ?? 0, grid.rows[below]?.length ?? 0);
  let twoRows = false;
  for (let c = 0; c < width; c++) if (!base.has(c) && items.has(valueKey(text(below, c)))) twoRows = true;
  const columns: BallotHeaderColumn[] = [];
  let current: string | null = null;
  for (let c = 0; c < width; c++) {
    if (base.has(c)) {
      current = null;
      continue;
    }
    const header = text(row, c);
    const at = { col: c, cell: cellAddress(grid.name, row, c), header };
    const m = header === "" ? undefined : mapping?.byHeader.get(valueKey(header));
    if (m) {
      columns.push({ ...at, reads: "mapping", name: m.name, unit: m.leader?.unit ?? null, item: m.item.name });
      current = null;
      continue;
    }
    const p = parseLeaderHeader(header, items);
    if (twoRows && header !== "") current = p ? null : header;
    const lower = twoRows ? items.get(valueKey(text(below, c))) : undefined;
    if (lower && current !== null) {
      columns.push({ ...at, reads: "header", name: current, unit: null, item: lower.name });
      continue;
    }
    const q = p ?? (twoRows ? parseLeaderHeader(text(below, c), items) : null);
    if (q) columns.push({ ...at, reads: "header", name: q.name, unit: null, item: q.item.name });
    else if (header !== "") columns.push({ ...at, reads: "none", name: null, unit: null, item: null });
  }
  return { form: "wide", columns };
}
