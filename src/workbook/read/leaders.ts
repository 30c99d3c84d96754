/** 考核对象: the leaders, and how a row of another sheet finds its leader. */

import type { Method } from "../../method/types";
import { cellAddress } from "../address";
import { cellText, isMissingMarker } from "../cells";
import type { Grid } from "../grid";
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
  /** By name key, then unit key: no joined key to build for every row looked up. */
  byNameUnit: Map<string, Map<string, Leader[]>>;
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
    byNameUnit: new Map(),
    byUnit: new Map(),
    read: false,
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
  const seen = new Map<string, number>();
  const unitsChecked = new Set<string>();
  for (const r of table.map.dataRows) {
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
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
    const modeValue = table.value(r, "任职模式");
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
    const idValue = table.value(r, "工号");
    const employeeId = isMissingMarker(idValue) ? null : cellText(idValue).trim();
    if (bad) continue;

    const nk = nameKey(name);
    const uk = nameKey(unit);
    warnConfusable(table, r, "姓名", name, diag);
    if (!unitsChecked.has(uk)) {
      unitsChecked.add(uk);
      warnConfusable(table, r, "单位", unit, diag);
    }
    const identity = employeeId !== null ? `id:${valueKey(employeeId)}` : `nu:${nk}\u0000${uk}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      const what = employeeId !== null ? `工号「${employeeId}」` : `同一姓名和单位（${name}，${unit}）`;
      diag.error(table.rowCell(r), "duplicate", `与第${rowNumber(earlier)}行重复：${what}`);
      continue;
    }
    seen.set(identity, r);
    const leader: Leader = {
      index: index.leaders.length,
      name,
      unit,
      position: table.text(r, "职务"),
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
    index.leaders.push(leader);
    unitRows.push(r);
    if (employeeId !== null) index.byId.set(valueKey(employeeId), leader);
    let units = index.byNameUnit.get(nk);
    if (!units) index.byNameUnit.set(nk, (units = new Map()));
    pushTo(units, uk, leader);
    pushTo(index.byUnit, uk, leader);
  }
  if (table.map.dataRows.length === 0) diag.warning(table.headerCell(), "noData", "考核对象表没有数据行");
  return index;
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
  const list = index.byNameUnit.get(nameKey(name))?.get(nameKey(unit));
  if (!list) return { kind: "unknown" };
  return list.length === 1 ? { kind: "found", leader: list[0] } : { kind: "ambiguous" };
}

export function rowId(table: Table, r: number): string | null {
  if (!table.has("工号")) return null;
  const v = table.value(r, "工号");
  return isMissingMarker(v) ? null : cellText(v).trim();
}
