/** 加减分 (docs/method.md §1, §4): bonus and penalty items of a leader or a whole unit. */

import { parseNumber } from "../cells";
import { MAX_ADJUSTMENT } from "../limits";
import type { Grid } from "../grid";
import type { AdjustmentItem, SheetMap } from "../input";
import { columnSpec } from "../headers";
import { nameKeyOf as nameKey, valueKey } from "../keys";
import { isBlank } from "../rows";
import { ADJUSTMENT_TYPES } from "../synonyms";
import { Diagnostics, openTable } from "../table";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";

const ADJUSTMENT_KIND = new Map<string, "bonus" | "penalty">([
  ...ADJUSTMENT_TYPES.bonus.map((w) => [valueKey(w), "bonus"] as const),
  ...ADJUSTMENT_TYPES.penalty.map((w) => [valueKey(w), "penalty"] as const),
]);

export function readAdjustments(
  grid: Grid,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { items: AdjustmentItem[]; map: SheetMap | null } {
  const specs = [
    columnSpec("姓名", false),
    columnSpec("单位", true),
    columnSpec("类型", true),
    columnSpec("分值", true),
    columnSpec("事项", false),
    columnSpec("工号", false),
  ];
  const table = openTable(grid, specs, diag);
  if (!table) return { items: [], map: null };
  const items: AdjustmentItem[] = [];
  for (const r of table.map.dataRows) {
    let bad = false;
    const name = table.text(r, "姓名");
    const unit = table.text(r, "单位");
    const id = rowId(table, r);
    const byId = leaders.hasId && id !== null;
    if (isBlank(unit) && !byId) {
      diag.error(table.cell(r, "单位"), "blankUnit", "单位为空");
      bad = true;
    }
    const typeText = table.text(r, "类型");
    const kind = ADJUSTMENT_KIND.get(valueKey(typeText));
    if (!kind) {
      diag.error(
        table.cell(r, "类型"),
        "unknownType",
        isBlank(typeText) ? "类型为空，应为加分或减分" : `类型「${typeText}」无法识别，应为加分或减分`,
      );
      bad = true;
    }
    const valueCell = table.cell(r, "分值");
    const p = parseNumber(table.value(r, "分值"));
    let value: number | null = null;
    if (p.kind === "missing") {
      diag.error(valueCell, "blankValue", "分值为空");
      bad = true;
    } else if (p.kind === "invalid") {
      diag.error(valueCell, "invalidNumber", `分值「${p.text}」不是有效的数字`);
      bad = true;
    } else if (p.value < 0) {
      diag.error(valueCell, "outOfRange", `分值应为正数（${p.value}）；减分请在类型中填写「减分」`);
      bad = true;
    } else if (p.value > MAX_ADJUSTMENT) {
      diag.error(valueCell, "outOfRange", `分值${p.value}超出合理范围（不超过 ${MAX_ADJUSTMENT} 分）`);
      bad = true;
    } else if (p.value === 0) {
      diag.warning(valueCell, "zeroValue", "分值为0，此项不计");
      bad = true;
    } else value = p.value;
    if (bad || !kind || value === null) continue;

    const item = table.text(r, "事项");
    const cell = table.rowCell(r);
    if (isBlank(name) && !byId) {
      const uk = nameKey(unit);
      if (leaders.read && !leaders.byUnit.has(uk)) {
        diag.warning(table.cell(r, "单位"), "unknownUnit", `单位「${unit}」没有考核对象，此项不计入`);
      }
      items.push({
        name: null,
        nameKey: null,
        unit,
        unitKey: uk,
        employeeId: null,
        kind,
        value,
        item,
        cell,
      });
      continue;
    }
    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind === "found") {
      const l = res.leader;
      items.push({
        name: l.name,
        nameKey: l.nameKey,
        unit: l.unit,
        unitKey: l.unitKey,
        employeeId: l.employeeId,
        kind,
        value,
        item,
        cell,
      });
      continue;
    }
    if (leaders.read) {
      const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
      diag.warning(
        table.rowCell(r),
        "unknownLeader",
        res.kind === "ambiguous"
          ? `${who}对应多名考核对象，请填写工号；此项不计入`
          : `${who}不在考核对象中，此项不计入`,
      );
    }
    // Kept as written: it matches no leader, so it changes no score, but it stays visible in the input.
    items.push({
      name,
      nameKey: nameKey(name),
      unit,
      unitKey: nameKey(unit),
      employeeId: id,
      kind,
      value,
      item,
      cell,
    });
  }
  return { items, map: table.map };
}
