/** 个人情况 (docs/method.md §10.1): circumstances of assessed leaders, matched to the method's rules. */

import type { Method } from "../../method/types";
import { cellText, isMissingMarker, parseNumber } from "../cells";
import { MAX_DAYS } from "../limits";
import type { Grid } from "../grid";
import { columnSpec } from "../headers";
import type { PersonalRow, SheetMap } from "../input";
import { valueKey } from "../keys";
import { isBlank } from "../rows";
import { Diagnostics, openTable } from "../table";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";
import { aliasMap } from "./votes";

export function readPersonal(
  grid: Grid,
  method: Method,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { rows: PersonalRow[]; map: SheetMap | null } {
  const table = openTable(
    grid,
    [
      columnSpec("姓名", true),
      columnSpec("单位", true),
      columnSpec("情形", true),
      columnSpec("天数", false),
      columnSpec("说明", false),
      columnSpec("工号", false),
    ],
    diag,
  );
  if (!table) return { rows: [], map: null };
  const rules = method.personal.rules;
  const ruleOf = aliasMap(rules);
  const byName = new Map(rules.map((r) => [r.name, r]));
  const ruleWords = rules.map((r) => r.name).join("、");
  const rows: PersonalRow[] = [];
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
    const text = table.text(r, "情形");
    const ruleName = ruleOf.get(valueKey(text));
    if (ruleName === undefined) {
      diag.error(
        table.cell(r, "情形"),
        "unknownCircumstance",
        isBlank(text)
          ? `情形为空，应为${ruleWords}之一`
          : rules.length === 0
            ? `情形「${text}」无法识别：考核方法中没有个人情况规则`
            : `情形「${text}」无法识别，应为${ruleWords}之一（或其别名，见考核方法的个人情况规则）`,
      );
      bad = true;
    }
    const daysCell = table.cell(r, "天数");
    const daysValue = table.value(r, "天数");
    let days: number | null = null;
    if (!isMissingMarker(daysValue)) {
      const p = parseNumber(daysValue);
      if (p.kind === "number" && p.value >= 0 && p.value <= MAX_DAYS) days = p.value + 0;
      else {
        const shown = p.kind === "number" ? String(p.value) : cellText(daysValue).trim();
        diag.error(daysCell, "invalidDays", `天数「${shown}」应为 0～${MAX_DAYS} 的数字`);
        bad = true;
      }
    }
    if (bad) continue;
    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind !== "found") {
      // Unlike 民主测评, this sheet is only about the assessed: a row that names nobody is a mistake.
      if (leaders.read) {
        const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
        diag.error(
          byId ? table.cell(r, "工号") : table.cell(r, "姓名"),
          "unknownLeader",
          res.kind === "ambiguous"
            ? `${who}对应多名考核对象，请填写工号`
            : `${who}不在考核对象中；个人情况只能填写考核对象的情况`,
        );
      }
      continue;
    }
    const rule = byName.get(ruleName!)!;
    if (days === null && rule.minDays !== undefined && rule.minDays !== null) {
      diag.warning(
        daysCell || table.rowCell(r),
        "missingDays",
        `「${rule.name}」按天数累计（满${rule.minDays}天适用），此行天数为空，按0天计`,
      );
    }
    rows.push({
      leader: res.leader.index,
      rule: rule.name,
      text,
      days,
      note: table.text(r, "说明"),
      cell: table.rowCell(r),
      ruleCell: table.cell(r, "情形"),
      daysCell,
    });
  }
  return { rows, map: table.map };
}
