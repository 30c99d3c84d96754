/**
 * Double entry of paper ballots (docs/method.md §11.1): 测评票（复核） is typed independently of 测评票, and while the
 * two differ the tally does not run. Every difference is an error at the cell of 测评票 (or, for what only the review
 * has, of 测评票（复核）), naming the other sheet's cell, so that whoever checks the paper ballot sees both.
 *
 * Ballots are matched by (单位, 票号), leaders by who they are, items by name; a mark is compared by what it means for
 * the tally (a category after aliases; 弃权 and an empty cell both count as 弃权), not by how it was typed.
 */

import type { Method } from "../../method/types";
import type { Ballot, BallotMark, BallotSheet } from "../ballotInput";
import type { Leader } from "../input";
import { valueKey } from "../keys";
import type { Diagnostics } from "../table";

function ballotKey(b: Ballot): string {
  return `${b.unitKey}\u0000${valueKey(b.number)}`;
}

function meaning(m: BallotMark, method: Method): string {
  return m.category === null ? "弃权（或未填）" : method.democratic.categories[m.category].name;
}

export function compareDoubleEntry(
  primary: BallotSheet,
  review: BallotSheet,
  leaders: readonly Leader[],
  method: Method,
  diag: Diagnostics,
): number {
  const before = diag.errors.length;
  const reviewed = new Map(review.ballots.map((b) => [ballotKey(b), b]));
  const matched = new Set<string>();
  const nameOf = (i: number) => leaders[i]?.name ?? "";
  const other = review.sheet;
  const mine = primary.sheet;

  for (const b of primary.ballots) {
    const key = ballotKey(b);
    const r = reviewed.get(key);
    const title = `${b.unit}第「${b.number}」号测评票`;
    if (!r) {
      diag.error(b.cell, "doubleEntryMissing", `${other}中没有${title}（两次录入不一致）`);
      continue;
    }
    matched.add(key);
    if (r.group !== b.group) {
      diag.error(
        b.groupCell,
        "doubleEntryDiffers",
        `${title}的测评人类别与${r.groupCell}不一致：本表为「${b.group}」，${other}为「${r.group}」`,
      );
    }
    const rLines = new Map(r.lines.map((l) => [l.leader, l]));
    for (const line of b.lines) {
      const rl = rLines.get(line.leader);
      if (!rl) {
        diag.error(line.cell, "doubleEntryMissing", `${other}的${title}上没有${nameOf(line.leader)}（两次录入不一致）`);
        continue;
      }
      rLines.delete(line.leader);
      const rMarks = new Map(rl.marks.map((m) => [m.item, m]));
      for (const m of line.marks) {
        const rm = rMarks.get(m.item);
        if (!rm) {
          diag.error(m.cell, "doubleEntryMissing", `${other}的${title}没有${nameOf(line.leader)}的「${m.item}」一项`);
          continue;
        }
        rMarks.delete(m.item);
        if (m.category !== rm.category) {
          diag.error(
            m.cell,
            "doubleEntryDiffers",
            `${title}上${nameOf(line.leader)}的「${m.item}」与${rm.cell}不一致：本表为「${meaning(m, method)}」，${other}为「${meaning(rm, method)}」`,
          );
        }
      }
      for (const rm of rMarks.values()) {
        diag.error(rm.cell, "doubleEntryMissing", `${mine}的${title}没有${nameOf(line.leader)}的「${rm.item}」一项`);
      }
    }
    for (const rl of rLines.values()) {
      diag.error(rl.cell, "doubleEntryMissing", `${mine}的${title}上没有${nameOf(rl.leader)}（两次录入不一致）`);
    }
  }
  for (const r of review.ballots) {
    if (!matched.has(ballotKey(r))) {
      diag.error(r.cell, "doubleEntryMissing", `${mine}中没有${r.unit}第「${r.number}」号测评票（两次录入不一致）`);
    }
  }
  return diag.errors.length - before;
}
