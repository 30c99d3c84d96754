/**
 * Turnout (docs/method.md §11.2): the ballots of a unit and group (valid or not) may not exceed its 应到人数 on 测评组织;
 * with `ballots.minTurnout`, a unit whose ballots, all groups together, are fewer than minTurnout × Σ应到人数 has its
 * evaluation void — its leaders' D is missing with the reason 参评率不足.
 */

import type { Method } from "../../method/types";
import type { Ballot, TurnoutSheet } from "../../workbook/ballotInput";
import { error, warning, type Diagnostic } from "../../workbook/diagnostic";
import { SHEETS } from "../../workbook/input";
import { decimalFraction } from "../grading";

export interface VoidUnit {
  unit: string;
  unitKey: string;
  /** Ballots received, valid or not, all groups together. */
  ballots: number;
  /** Σ应到人数 of the unit on 测评组织. */
  expected: number;
  minTurnout: number;
  /** The unit's first row on 测评组织. */
  cell: string;
  /** 参评率不足：…, for the pending flag of its leaders. */
  reason: string;
}

export interface TurnoutCheck {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  voidUnits: VoidUnit[];
}

/** n < share × total, exactly on the decimal share (0.6667 is 6667/10000). */
function below(n: number, share: number, total: number): boolean {
  const [a, scale] = decimalFraction(share);
  return n * scale < a * total;
}

function percent(x: number): string {
  return `${(Math.round(x * 10000) / 100).toFixed(2)}%`;
}

/** The reader has already left out the ballots of units without assessed leaders. */
export function checkTurnout(ballots: readonly Ballot[], turnout: TurnoutSheet | null, method: Method): TurnoutCheck {
  const out: TurnoutCheck = { errors: [], warnings: [], voidUnits: [] };
  const minTurnout = method.ballots.minTurnout;
  if (!turnout) {
    if (minTurnout !== null && ballots.length > 0) {
      out.warnings.push(
        warning(
          SHEETS.turnout,
          "noTurnoutSheet",
          `考核方法规定了最低参评率（${percent(minTurnout)}），但工作簿没有「${SHEETS.turnout}」表，无法核对参评率`,
        ),
      );
    }
    return out;
  }
  // Ballots per unit and per unit × group, with the first ballot of each (to point at).
  const perGroup = new Map<string, { n: number; first: Ballot }>();
  const perUnit = new Map<string, { n: number; first: Ballot }>();
  for (const b of ballots) {
    for (const [map, key] of [
      [perGroup, `${b.unitKey}\u0000${b.group}`],
      [perUnit, b.unitKey],
    ] as const) {
      const e = map.get(key);
      if (e) e.n++;
      else map.set(key, { n: 1, first: b });
    }
  }
  const rowsByUnit = new Map<string, TurnoutSheet["rows"]>();
  for (const row of turnout.rows) {
    const list = rowsByUnit.get(row.unitKey) ?? [];
    list.push(row);
    rowsByUnit.set(row.unitKey, list);
    const got = perGroup.get(`${row.unitKey}\u0000${row.group}`)?.n ?? 0;
    if (got > row.expected) {
      out.errors.push(
        error(
          row.expectedCell,
          "tooManyBallots",
          `收回测评票多于应到人数：${row.unit}「${row.group}」收回 ${got} 张，应到 ${row.expected} 人`,
        ),
      );
    }
  }
  for (const [key, e] of perGroup) {
    const rows = rowsByUnit.get(e.first.unitKey);
    if (!rows) continue;
    if (!rows.some((r) => `${r.unitKey}\u0000${r.group}` === key)) {
      out.warnings.push(
        warning(
          e.first.groupCell,
          "noTurnoutRow",
          `${SHEETS.turnout}表中没有${e.first.unit}的「${e.first.group}」，无法核对其应到人数`,
        ),
      );
    }
  }
  for (const [unitKey, e] of perUnit) {
    if (!rowsByUnit.has(unitKey)) {
      out.warnings.push(
        warning(e.first.cell, "noTurnoutRow", `${SHEETS.turnout}表中没有单位「${e.first.unit}」，无法核对其参评率`),
      );
    }
  }
  if (minTurnout === null) return out;
  for (const [unitKey, rows] of rowsByUnit) {
    const expected = rows.reduce((s, r) => s + r.expected, 0);
    const got = perUnit.get(unitKey)?.n ?? 0;
    if (expected > 0 && below(got, minTurnout, expected)) {
      out.voidUnits.push({
        unit: rows[0].unit,
        unitKey,
        ballots: got,
        expected,
        minTurnout,
        cell: rows[0].cell,
        reason: `参评率不足：收回测评票 ${got} 张，应到 ${expected} 人，参评率 ${percent(got / expected)}，低于 ${percent(minTurnout)}`,
      });
    }
  }
  return out;
}
