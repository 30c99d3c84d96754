/**
 * Made-up engine results for the tests of what is written from them (the 考核结果 layout, the xlsx writer, the
 * CLI's table): `leader` is 甲 of example-1, graded 优秀, with any field overridden; `assessmentOf` wraps leaders
 * with the summary they imply (quota 1). The explanation is left empty: none of these shells reads it.
 */
import type { Assessment, LeaderExplanation, LeaderResult } from "../../src/engine/types";

export function leader(over: Partial<LeaderResult>): LeaderResult {
  return {
    index: 0,
    name: "甲",
    unit: "一公司",
    position: "党委书记",
    mode: null,
    employeeId: null,
    economic: 108.22,
    keyTasks: 100,
    partyBuilding: 96,
    safety: 100,
    work: 102.09,
    democratic: 93,
    excellentRate: 0.7,
    competentRate: 0.95,
    unfitRate: 0,
    adjustment: 2,
    final: 101.36,
    rank: 1,
    grade: "优秀",
    status: "graded",
    flags: [],
    explain: {} as LeaderExplanation,
    ...over,
  };
}

export function assessmentOf(leaders: LeaderResult[]): Assessment {
  const graded = leaders.filter((l) => l.status === "graded").length;
  return {
    leaders,
    qualification: null,
    warnings: [],
    errors: [],
    summary: {
      graded,
      pending: leaders.filter((l) => l.status === "pending").length,
      ungraded: leaders.filter((l) => l.status === "ungraded").length,
      quota: 1,
      excellent: leaders.filter((l) => l.grade === "优秀").length,
      decided: 0,
      quotaGroups: null,
      circumstances: 0,
      referenceDate: "2025-06-30",
    },
  };
}

/** For the xlsx writer: graded, pending, a name that looks like a formula. */
export const assessment: Assessment = assessmentOf([
  leader({}),
  leader({
    index: 1,
    name: "=乙",
    unit: "二公司",
    economic: null,
    work: null,
    final: null,
    rank: null,
    grade: "暂缓评定",
    status: "pending",
    flags: [{ code: "pending", message: "工作业绩缺失" }],
  }),
  leader({ index: 2, name: "丙", unit: "三公司", final: 65.5, rank: 2, grade: "基本称职", excellentRate: 0.125 }),
]);
