/**
 * 组织决定 (docs/method.md §12): the grades the committee decided. Read here; whether each leader may receive
 * a decision (is graded) is known only after the rules, so the engine checks that.
 */

import { GRADES } from "../../method/schema";
import type { Grade } from "../../method/types";
import type { Grid } from "../grid";
import { columnSpec } from "../headers";
import type { Decision, SheetMap } from "../input";
import { nameKeyOf as nameKey } from "../keys";
import { isBlank } from "../rows";
import { Diagnostics, openTable, rowNumber } from "../table";
import { type LeaderIndex, resolveLeader, rowId } from "./leaders";

export function readDecisions(
  grid: Grid,
  leaders: LeaderIndex,
  diag: Diagnostics,
): { decisions: Decision[]; map: SheetMap | null } {
  const table = openTable(
    grid,
    [
      columnSpec("姓名", true),
      columnSpec("单位", false),
      columnSpec("等次", true),
      columnSpec("依据", false),
      columnSpec("工号", false),
    ],
    diag,
  );
  if (!table) return { decisions: [], map: null };
  // docs/method.md §12: 姓名 and 单位, or 姓名 and 工号.
  if (!table.has("单位") && !table.has("工号")) {
    diag.error(
      table.headerCell(),
      "missingColumn",
      `第${rowNumber(table.map.headerRow)}行的表头缺少必需的列「单位」（或「工号」）`,
    );
    return { decisions: [], map: null };
  }
  const decisions: Decision[] = [];
  const seen = new Map<number, number>();
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
    const gradeText = table.text(r, "等次");
    const grade = GRADES.find((g) => g === nameKey(gradeText)) as Grade | undefined;
    if (grade === undefined) {
      diag.error(
        table.cell(r, "等次"),
        "unknownGrade",
        isBlank(gradeText)
          ? `等次为空，应为${GRADES.join("、")}之一`
          : `等次「${gradeText}」无法识别，应为${GRADES.join("、")}之一`,
      );
      bad = true;
    }
    if (bad) continue;
    const res = resolveLeader(leaders, name, unit, byId ? id : null);
    if (res.kind !== "found") {
      if (leaders.read) {
        const who = byId ? `工号「${id}」` : `「${name}」（${unit}）`;
        diag.error(
          byId ? table.cell(r, "工号") : table.cell(r, "姓名"),
          "unknownLeader",
          res.kind === "ambiguous" ? `${who}对应多名考核对象，请填写工号` : `${who}不在考核对象中`,
        );
      }
      continue;
    }
    const earlier = seen.get(res.leader.index);
    if (earlier !== undefined) {
      diag.error(
        table.rowCell(r),
        "duplicate",
        `与第${rowNumber(earlier)}行重复：同一考核对象（${res.leader.name}，${res.leader.unit}）只能有一项组织决定`,
      );
      continue;
    }
    seen.set(res.leader.index, r);
    decisions.push({
      leader: res.leader.index,
      grade: grade!,
      basis: table.text(r, "依据"),
      cell: table.rowCell(r),
      gradeCell: table.cell(r, "等次"),
    });
  }
  return { decisions, map: table.map };
}
