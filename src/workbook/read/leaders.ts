/** 考核对象: the leaders, and how a row of another sheet finds its leader. */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { cellText, isMissingMarker } from "../cells";
import type { CellValue, Grid } from "../grid";
import { type ColumnSpec, columnSpec } from "../headers";
import { type Leader, LEADER_MODES, type LeaderMode, type QuotaGroup, type SheetMap } from "../input";
import { nameKeyOf as nameKey, valueKey } from "../keys";
import { confusableScripts, headerKey } from "../normalize";
import { isBlank } from "../rows";
import { Diagnostics, openTable, rowNumber, Table } from "../table";

export interface LeaderIndex {
  leaders: Leader[];
  /** 单位 cell of a leader, by Leader.index: built only when a diagnostic names it. */
  unitCell: (index: number) => string;
  /** The sheet has a 工号 column. */
  hasId: boolean;
  byId: Map<string, Leader>;
  /**
   * By name key: the leader, or the leaders (in row order) when several share the name, each with its unit key.
   * Most names are borne by one leader: no map of units and no list is kept for them.
   */
  byName: Map<string, Leader | Leader[]>;
  byUnit: Map<string, Leader[]>;
  /** False when 考核对象 could not be read: cross-sheet checks are then skipped. */
  read: boolean;
}

export function emptyIndex(): LeaderIndex {
  return {
    leaders: [],
    unitCell: () => "",
    hasId: false,
    byId: new Map(),
    byName: new Map(),
    byUnit: new Map(),
    read: false,
  };
}

const MODE_BY_KEY = new Map<string, LeaderMode>(LEADER_MODES.map((m) => [valueKey(m), m]));

/**
 * Opens 考核对象 and reads its leaders. With `grades.quotaGroupColumn` set, that column is read too: a header
 * not found is an error at 考核对象!A1 (docs/method.md §10.3), a blank value a warning at its cell.
 */
export function readLeadersSheet(
  grid: Grid,
  method: Method,
  diag: Diagnostics,
): { index: LeaderIndex; map: SheetMap | null } {
  const specs: ColumnSpec[] = [
    columnSpec("姓名", true),
    columnSpec("单位", true),
    columnSpec("职务", true),
    columnSpec("任职模式", false),
    columnSpec("工号", false),
  ];
  const groupColumn = method.grades.quotaGroupColumn;
  let groupKey: string | null = null;
  if (groupColumn !== null) {
    // The group may be a standard column (职务 as 职务层级 often is): then that column is read for both.
    const k = headerKey(groupColumn);
    groupKey = specs.find((s) => s.words.some((w) => headerKey(w) === k))?.key ?? null;
    if (groupKey === null) {
      groupKey = groupColumn.trim();
      specs.push({ key: groupKey, required: false, words: [groupColumn] });
    }
  }
  const table = openTable(grid, specs, diag);
  if (!table) return { index: emptyIndex(), map: null };
  if (groupKey !== null && !table.has(groupKey)) {
    diag.error(
      cellAddress(grid.name, 0, 0),
      "missingQuotaGroupColumn",
      `考核方法规定按「${groupColumn}」分组计算优秀名额，但考核对象表中找不到该列`,
    );
    groupKey = null;
  }
  return { index: readLeaders(table, diag, groupKey), map: table.map };
}

function readLeaders(table: Table, diag: Diagnostics, groupKey: string | null): LeaderIndex {
  const index = emptyIndex();
  const unitRows: number[] = [];
  index.unitCell = (i) => table.cell(unitRows[i], "单位");
  const groups = new Map<string, QuotaGroup>();
  index.read = true;
  index.hasId = table.has("工号");
  const { byId, byName, byUnit, leaders } = index;
  // Columns looked up once: -1 for an absent one, whose cells read as null.
  const columns = table.map.columns;
  const col = (key: string) => columns[key] ?? -1;
  const [nameCol, unitCol, positionCol, modeCol, idCol] = ["姓名", "单位", "职务", "任职模式", "工号"].map(col);
  const rows = table.grid.rows;
  // Units first seen on a duplicate row, checked for look-alike letters there: every other unit is in byUnit.
  const unitsChecked = new Set<string>();
  // Pairs holding U+0000 keep the joined key they always had (`nu:` name U+0000 unit), under which two different
  // pairs can meet and count as duplicates: the only pairs that can.
  const seenNul = new Map<string, number>();
  // Indexed: a for-of loop makes an iterator result per row until the code is optimized.
  const dataRowList = table.map.dataRows;
  for (let j = 0; j < dataRowList.length; j++) {
    const r = dataRowList[j];
    const cells = rows[r];
    const name = textOf(cells, nameCol);
    const unit = textOf(cells, unitCol);
    let bad = false;
    if (isBlank(name)) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    if (isBlank(unit)) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    let mode: LeaderMode | null = null;
    const modeValue = valueOf(cells, modeCol);
    if (!isMissingMarker(modeValue)) {
      const found = MODE_BY_KEY.get(valueKey(cellText(modeValue)));
      if (found) mode = found;
      else
        diag.error(
          table.cell(r, "任职模式"),
          "unknownMode",
          `任职模式「${cellText(modeValue).trim()}」无法识别，应为${LEADER_MODES.join("、")}之一，或留空`,
        );
    }
    const idValue = valueOf(cells, idCol);
    const employeeId = isMissingMarker(idValue) ? null : cellText(idValue).trim();
    if (bad) continue;

    const nk = nameKey(name);
    const uk = nameKey(unit);
    warnConfusable(table, r, "姓名", name, diag);
    const unitLeaders = byUnit.get(uk);
    const unitNew = unitLeaders === undefined && !unitsChecked.has(uk);
    if (unitNew) warnConfusable(table, r, "单位", unit, diag);
    // The earlier row of the same identity (工号, else 姓名 and 单位 among the leaders without one): the indexes
    // hold every leader kept so far, so no key is built and no map of identities kept.
    const idKey = employeeId !== null ? valueKey(employeeId) : "";
    const sameName = byName.get(nk);
    let earlier: number | undefined;
    if (employeeId !== null) {
      const l = byId.get(idKey);
      if (l !== undefined) earlier = unitRows[l.index];
    } else if (nk.indexOf("\u0000") >= 0 || uk.indexOf("\u0000") >= 0) {
      const identity = `nu:${nk}\u0000${uk}`;
      earlier = seenNul.get(identity);
      if (earlier === undefined) seenNul.set(identity, r);
    } else if (sameName !== undefined) {
      const l = withoutId(sameName, uk);
      if (l !== undefined) earlier = unitRows[l.index];
    }
    if (earlier !== undefined) {
      if (unitNew) unitsChecked.add(uk);
      const what = employeeId !== null ? `工号「${employeeId}」` : `同一姓名和单位（${name}，${unit}）`;
      diag.error(table.rowCell(r), "duplicate", `与第${rowNumber(earlier)}行重复：${what}`);
      continue;
    }
    const leader: Leader = {
      index: leaders.length,
      name,
      unit,
      position: textOf(cells, positionCol),
      mode,
      employeeId,
      nameKey: nk,
      unitKey: uk,
      cell: table.rowCell(r),
      quotaGroup: null,
    };
    if (groupKey !== null) {
      const label = table.text(r, groupKey);
      const cell = table.cell(r, groupKey);
      const key = nameKey(label);
      if (key === "") {
        diag.warning(cell, "blankQuotaGroup", `「${groupKey}」为空：与其他此列为空的考核对象一起单独计算优秀名额`);
      }
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { label: key === "" ? "" : label, key, cell }));
      leader.quotaGroup = { ...group, cell };
    }
    leaders.push(leader);
    unitRows.push(r);
    if (employeeId !== null) byId.set(idKey, leader);
    if (sameName === undefined) byName.set(nk, leader);
    else if (Array.isArray(sameName)) sameName.push(leader);
    else byName.set(nk, [sameName, leader]);
    if (unitLeaders === undefined) byUnit.set(uk, [leader]);
    else unitLeaders.push(leader);
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "考核对象表没有数据行");
  return index;
}

/** The cell of column `col` (-1: absent) on a row, as Table.value reads it. */
function valueOf(cells: readonly CellValue[] | undefined, col: number): CellValue {
  if (col < 0 || !cells) return null;
  const v = cells[col];
  return v === undefined ? null : v;
}

/** Trimmed display text, as Table.text reads it. */
function textOf(cells: readonly CellValue[] | undefined, col: number): string {
  return cellText(valueOf(cells, col)).trim();
}

/** The leader of that unit without a 工号 among those of one name (at most one: a second would be a duplicate). */
function withoutId(sameName: Leader | Leader[], unitKey: string): Leader | undefined {
  if (!Array.isArray(sameName)) {
    return sameName.employeeId === null && sameName.unitKey === unitKey ? sameName : undefined;
  }
  for (const l of sameName) if (l.employeeId === null && l.unitKey === unitKey) return l;
  return undefined;
}

/** A name mixing look-alike scripts (a Cyrillic А among Han or Latin letters) would match no other sheet's row. */
function warnConfusable(table: Table, r: number, what: "姓名" | "单位", text: string, diag: Diagnostics): void {
  const scripts = confusableScripts(text);
  if (!scripts) return;
  diag.warning(
    table.cell(r, what),
    "mixedScripts",
    `${what}「${text}」混用了${scripts.join("和")}：其中可能有形近字母（如西里尔字母 А 与拉丁字母 A），请核对后重新输入`,
  );
}

export type Resolution = { kind: "found"; leader: Leader } | { kind: "unknown" } | { kind: "ambiguous" };

/**
 * A row of another sheet → its leader: by 工号 when both sheets have the column and the row gives one,
 * else by normalized (姓名, 单位).
 */
export function resolveLeader(index: LeaderIndex, name: string, unit: string, id: string | null): Resolution {
  if (index.hasId && id !== null) {
    const leader = index.byId.get(valueKey(id));
    return leader ? { kind: "found", leader } : { kind: "unknown" };
  }
  const sameName = index.byName.get(nameKey(name));
  if (sameName === undefined) return UNKNOWN;
  const uk = nameKey(unit);
  if (!Array.isArray(sameName)) return sameName.unitKey === uk ? { kind: "found", leader: sameName } : UNKNOWN;
  let found: Leader | null = null;
  for (const l of sameName) {
    if (l.unitKey !== uk) continue;
    if (found !== null) return AMBIGUOUS;
    found = l;
  }
  return found === null ? UNKNOWN : { kind: "found", leader: found };
}

/** Shared by every call: no look-up that finds nobody costs an object. */
const UNKNOWN: Resolution = Object.freeze({ kind: "unknown" });
const AMBIGUOUS: Resolution = Object.freeze({ kind: "ambiguous" });

export function rowId(table: Table, r: number): string | null {
  if (!table.has("工号")) return null;
  const v = table.value(r, "工号");
  return isMissingMarker(v) ? null : cellText(v).trim();
}
