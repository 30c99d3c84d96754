/** Which ballots count (docs/method.md §11.2): the method's `ballots.invalidIfAllSame` and `ballots.maxExcellentShare`. */

import type { Method } from "../../method/types";
import type { Ballot } from "../../workbook/ballotInput";
import { decimalFraction } from "../grading";

export type InvalidCode = "allSame" | "tooManyExcellent";

export interface InvalidReason {
  code: InvalidCode;
  message: string;
}

/**
 * ⌊share × leaders⌋, at least 1: how many leaders a ballot may rate 优秀 on the overall item. Computed on the decimal
 * share (0.3 is 3/10), so 0.3 × 10 is exactly 3, not a float just below it.
 */
export function allowedExcellent(share: number, leaders: number): number {
  const [a, scale] = decimalFraction(share);
  const num = leaders * a;
  return Math.max(1, (num - (num % scale)) / scale);
}

/** The reasons a ballot is invalid; none when it counts. */
export function invalidReasons(ballot: Ballot, method: Method): InvalidReason[] {
  const reasons: InvalidReason[] = [];
  const { categories } = method.democratic;
  const marks = ballot.lines.flatMap((l) => l.marks);
  if (method.ballots.invalidIfAllSame && marks.length > 0) {
    // Every item of every leader on it has the same category: an item left blank or 弃权 makes it not "all the same".
    const first = marks[0].category;
    if (first !== null && marks.every((m) => m.category === first)) {
      reasons.push({
        code: "allSame",
        message: `全部评价相同（均为「${categories[first].name}」）`,
      });
    }
  }
  const share = method.ballots.maxExcellentShare;
  if (share !== null) {
    // Only a ballot with overall items: the rule counts 优秀 on the overall item.
    const overall = ballot.lines.filter((l) => l.marks.some((m) => m.overall));
    if (overall.length > 0) {
      const excellent = ballot.lines.filter((l) => l.marks.some((m) => m.overall && m.category === 0)).length;
      const allowed = allowedExcellent(share, ballot.lines.length);
      if (excellent > allowed) {
        reasons.push({
          code: "tooManyExcellent",
          message:
            `${method.democratic.overall.name}为「${categories[0].name}」的有 ${excellent} 人，超过允许的 ${allowed} 人` +
            `（票上 ${ballot.lines.length} 人 × ${share}，向下取整，至少 1 人）`,
        });
      }
    }
  }
  return reasons;
}
