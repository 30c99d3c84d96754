/** Cross-sheet checks: units of 考核对象 missing from the unit sheets, and unit rows without leaders. */

import { SHEETS } from "../input";
import { Diagnostics } from "../table";
import type { LeaderIndex } from "./leaders";
import type { UnitRows } from "./economic";

export function checkCoverage(
  leaders: LeaderIndex,
  sheet: string,
  units: {
    unitKeys: ReadonlyMap<string, unknown>;
    rows: { unit: string; unitKey: string }[];
    cell: (i: number) => string;
  } | null,
  skipGuides: boolean,
  diag: Diagnostics,
): void {
  if (!units || !leaders.read) return;
  const warned = new Set<string>();
  const consequence = sheet === SHEETS.economic ? "经营业绩按缺失处理" : "重点工作、党的建设、安全稳定按缺失处理";
  for (const l of leaders.leaders) {
    if (skipGuides && l.mode === "党建工作指导员") continue;
    if (units.unitKeys.has(l.unitKey) || warned.has(l.unitKey)) continue;
    warned.add(l.unitKey);
    diag.warning(leaders.unitCell(l.index), "unitMissing", `单位「${l.unit}」在「${sheet}」中没有数据，${consequence}`);
  }
  units.rows.forEach((u, i) => {
    if (!leaders.byUnit.has(u.unitKey)) {
      diag.warning(units.cell(i), "unitWithoutLeader", `单位「${u.unit}」在「考核对象」中没有考核对象，此行不参与计算`);
    }
  });
}

export function coverageOf(rows: UnitRows<{ unit: string; unitKey: string }>) {
  return {
    unitKeys: rows.unitKeys,
    rows: rows.units,
    cell: rows.unitCell,
  };
}
