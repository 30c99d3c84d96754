import type { RobustnessResult } from "../engine/robustness";
import type { Assessment, LeaderExplanation, LeaderResult, QualificationCriterion } from "../engine/types";

/** The fields of a leader's result that the document carries, in docs/method.md §8's order. */
const LEADER_FIELDS = [
  "name",
  "unit",
  "position",
  "mode",
  "economic",
  "keyTasks",
  "partyBuilding",
  "safety",
  "work",
  "democratic",
  "excellentRate",
  "competentRate",
  "unfitRate",
  "adjustment",
  "final",
  "rank",
  "grade",
  "status",
  "flags",
] as const;

export type ResultLeader = Pick<LeaderResult, (typeof LEADER_FIELDS)[number]> & { explain?: LeaderExplanation };

/** The result document of docs/method.md §8 (`--json`). Numbers are already rounded; missing is null. */
export interface ResultDocument {
  leaders: ResultLeader[];
  qualification: {
    name: string;
    unit: string;
    result: string;
    unmet: { criterion: QualificationCriterion; reason: string }[];
    unknown: { criterion: QualificationCriterion; reason: string }[];
    notices: string[];
  }[];
  warnings: { cell: string; code: string; message: string }[];
  summary: Assessment["summary"];
}

export function resultDocument(a: Assessment, opts: { explain?: boolean } = {}): ResultDocument {
  return {
    leaders: a.leaders.map((l) => {
      const out = Object.fromEntries(LEADER_FIELDS.map((k) => [k, l[k]])) as unknown as ResultLeader;
      out.flags = l.flags.map((f) =>
        f.cells ? { code: f.code, message: f.message, cells: f.cells } : { code: f.code, message: f.message },
      );
      if (opts.explain) out.explain = l.explain;
      return out;
    }),
    qualification: (a.qualification ?? []).map((q) => ({
      name: q.name,
      unit: q.unit,
      result: q.result,
      unmet: q.unmet,
      unknown: q.unknown,
      notices: q.notices,
    })),
    warnings: a.warnings.map((w) => ({ cell: w.cell, code: w.code, message: w.message })),
    summary: a.summary,
  };
}

/** The `robustness` member of the result document (`--robustness`): issue 10's contract, leaders in 考核对象 order. */
export function robustnessDocument(r: RobustnessResult) {
  return {
    draws: r.draws,
    seed: r.seed,
    perturbation: r.perturbation,
    unstableIf: r.unstableIf,
    leaders: r.leaders.map((l) => ({
      name: l.name,
      unit: l.unit,
      nominalRank: l.nominalRank,
      medianRank: l.medianRank,
      p5Rank: l.p5Rank,
      p95Rank: l.p95Rank,
      gradeChangeShare: l.gradeChangeShare,
      unstable: l.unstable,
    })),
  };
}
