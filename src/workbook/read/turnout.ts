/**
 * 测评组织 (docs/method.md §11.2): how many evaluators of each group a unit expects — **单位**, **测评人类别**,
 * **应到人数** (实到人数 is accepted and ignored: the ballots say who took part).
 */

import type { Method } from "../../method/types";
import type { TurnoutRow, TurnoutSheet } from "../ballotInput";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import { MAX_VOTES } from "../limits";
import type { Grid } from "../grid";
import { columnSpec } from "../headers";
import type { SheetMap } from "../input";
import { nameKeyOf as nameKey, valueKey } from "../keys";
import { isBlank } from "../rows";
import { Diagnostics, openTable, rowNumber } from "../table";
import type { LeaderIndex } from "./leaders";
import { aliasMap } from "./votes";

export function readTurnout(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { turnout: TurnoutSheet | null; map: SheetMap | null } {
  const table = openTable(
    grid,
    [
      columnSpec("单位", true),
      columnSpec("测评人类别", true),
      columnSpec("应到人数", true, ["应参评人数", "应到", "应参加人数", "应参加测评人数"]),
      columnSpec("实到人数", false, ["实参评人数", "实到", "实际参加人数"]),
    ],
    diag,
  );
  if (!table) return { turnout: null, map: null };
  const { groups } = method.democratic;
  const groupOf = aliasMap(groups);
  const groupWords = groups.map((g) => g.name).join("、");
  const rows: TurnoutRow[] = [];
  const seen = new Map<string, number>();
  const unknownUnits = new Set<string>();
  for (const r of table.map.dataRows) {
    let bad = false;
    const unit = table.text(r, "单位");
    if (isBlank(unit)) {
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
    const v = table.value(r, "应到人数");
    const p = parseNumber(v);
    let expected: number | null = null;
    if (p.kind === "number" && Number.isInteger(p.value) && p.value >= 0 && p.value <= MAX_VOTES)
      expected = p.value + 0;
    else {
      diag.error(
        table.cell(r, "应到人数"),
        "invalidExpected",
        isMissingMarker(v)
          ? "应到人数为空"
          : p.kind === "number" && Number.isInteger(p.value) && p.value > MAX_VOTES
            ? `应到人数${p.value}超出合理范围（不超过 ${MAX_VOTES}）`
            : `应到人数「${cellText(v).trim()}」不是非负整数`,
      );
      bad = true;
    }
    if (bad || group === undefined || expected === null) continue;
    const unitKey = nameKey(unit);
    const key = `${unitKey}\u0000${group}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diag.error(
        table.rowCell(r),
        "duplicate",
        `与第${rowNumber(earlier)}行重复：同一单位（${unit}）和测评人类别（${group}）`,
      );
      continue;
    }
    seen.set(key, r);
    if (leaders.read && !leaders.byUnit.has(unitKey) && !unknownUnits.has(unitKey)) {
      unknownUnits.add(unitKey);
      diag.warning(
        table.cell(r, "单位"),
        "unitWithoutLeaders",
        `单位「${unit}」在考核对象中没有考核对象，此行不起作用`,
      );
    }
    rows.push({ unit, unitKey, group, expected, cell: table.rowCell(r), expectedCell: table.cell(r, "应到人数") });
  }
  return { turnout: { sheet: grid.name, rows, headerCell: table.headerCell() }, map: table.map };
}
