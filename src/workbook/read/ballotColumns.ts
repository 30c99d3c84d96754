/**
 * 测评票列对应 (docs/method.md §11.1): where a survey export's headers do not read as `{姓名}-{维度}`, the user says
 * once, on this sheet kept with the workbook, which leader and item each column is: **列标题** (the header cell's
 * text on 测评票), **姓名**, **维度**, and 单位 or 工号 when a name alone is not enough.
 */

import type { Method } from "../../method/types";
import type { Grid } from "../grid";
import { columnSpec } from "../headers";
import type { Leader, SheetMap } from "../input";
import { valueKey } from "../keys";
import { isBlank } from "../rows";
import { Diagnostics, openTable, rowNumber } from "../table";
import { ballotItems } from "../ballotInput";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";

export interface MappedColumn {
  /** 列标题 as written. */
  header: string;
  name: string;
  item: { name: string; overall: boolean };
  /** Fixed when the row gives 单位 or 工号; else the ballot row's 单位 decides. */
  leader: Leader | null;
  /** The row's first cell. */
  cell: string;
  /** Set by the ballot reader when a ballot sheet has a column with this header. */
  used: boolean;
}

export interface ColumnMapping {
  sheet: string;
  /** valueKey of 列标题 → the column's meaning. */
  byHeader: Map<string, MappedColumn>;
}

export function readBallotColumns(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { mapping: ColumnMapping | null; map: SheetMap | null } {
  const table = openTable(
    grid,
    [
      columnSpec("列标题", true, ["列名", "表头", "原列标题", "题目"]),
      columnSpec("姓名", true),
      columnSpec("维度", true, ["项目", "测评项目"]),
      columnSpec("单位", false),
      columnSpec("工号", false),
    ],
    diag,
  );
  if (!table) return { mapping: null, map: null };
  const items = new Map<string, { name: string; overall: boolean }>();
  for (const it of ballotItems(method)) items.set(valueKey(it.name), it);
  for (const a of method.democratic.overall.aliases) {
    if (!items.has(valueKey(a))) items.set(valueKey(a), { name: method.democratic.overall.name, overall: true });
  }
  const itemList = ballotItems(method)
    .map((it) => it.name)
    .join("、");
  const byHeader = new Map<string, MappedColumn>();
  const rows = new Map<string, number>();
  for (const r of table.map.dataRows) {
    let bad = false;
    const header = table.text(r, "列标题");
    if (isBlank(header)) {
      diag.error(table.cell(r, "列标题"), "blankHeader", "列标题为空：应填测评票表中该列表头的文字");
      bad = true;
    }
    const name = table.text(r, "姓名");
    const id = leaders.hasId ? rowId(table, r) : null;
    if (isBlank(name) && id === null) {
      diag.error(table.cell(r, "姓名"), "blankName", "姓名为空");
      bad = true;
    }
    const itemText = table.text(r, "维度");
    const item = items.get(valueKey(itemText));
    if (!item) {
      diag.error(
        table.cell(r, "维度"),
        "unknownDimension",
        isBlank(itemText) ? `维度为空，应为${itemList}之一` : `维度「${itemText}」无法识别，应为${itemList}之一`,
      );
      bad = true;
    }
    if (bad || !item) continue;
    const earlier = rows.get(valueKey(header));
    if (earlier !== undefined) {
      diag.error(table.cell(r, "列标题"), "duplicate", `与第${rowNumber(earlier)}行重复：同一列标题「${header}」`);
      continue;
    }
    rows.set(valueKey(header), r);
    let leader: Leader | null = null;
    const unit = table.text(r, "单位");
    if (id !== null || !isBlank(unit)) {
      const res = resolveLeader(leaders, name, unit, id);
      if (res.kind !== "found") {
        if (leaders.read) {
          diag.error(
            id !== null ? table.cell(r, "工号") : table.cell(r, "姓名"),
            "unknownLeader",
            res.kind === "ambiguous"
              ? `「${name}」（${unit}）对应多名考核对象，请填写工号`
              : `${id !== null ? `工号「${id}」` : `「${name}」（${unit}）`}不在考核对象中`,
          );
        }
        continue;
      }
      leader = res.leader;
    }
    byHeader.set(valueKey(header), {
      header: header.trim(),
      name: leader?.name ?? name,
      item,
      leader,
      cell: table.rowCell(r),
      used: false,
    });
  }
  return { mapping: { sheet: grid.name, byHeader }, map: table.map };
}

/** A mapping row whose header no ballot sheet has: a warning at the row (a misspelt header maps nothing). */
export function reportUnusedMappings(mapping: ColumnMapping, sheets: readonly string[], diag: Diagnostics): void {
  for (const m of mapping.byHeader.values()) {
    if (!m.used) {
      diag.warning(m.cell, "unusedMapping", `${sheets.join("、")}中没有此列标题，此行未起作用`);
    }
  }
}
