import type { Assessment, LeaderExplanation, QualificationCriterion } from "../engine/types";

/** The result document of METHOD.md §8 (`--json`). Numbers are already rounded; missing is null. */
export interface ResultDocument {
  leaders: {
    name: string;
    unit: string;
    position: string;
    mode: string | null;
    economic: number | null;
    keyTasks: number | null;
    partyBuilding: number | null;
    safety: number | null;
    work: number | null;
    democratic: number | null;
    excellentRate: number | null;
    competentRate: number | null;
    unfitRate: number | null;
    adjustment: number;
    final: number | null;
    rank: number | null;
    grade: string;
    status: "graded" | "pending";
    flags: { code: string; message: string }[];
    explain?: LeaderExplanation;
  }[];
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
    leaders: a.leaders.map((l) => ({
      name: l.name,
      unit: l.unit,
      position: l.position,
      mode: l.mode,
      economic: l.economic,
      keyTasks: l.keyTasks,
      partyBuilding: l.partyBuilding,
      safety: l.safety,
      work: l.work,
      democratic: l.democratic,
      excellentRate: l.excellentRate,
      competentRate: l.competentRate,
      unfitRate: l.unfitRate,
      adjustment: l.adjustment,
      final: l.final,
      rank: l.rank,
      grade: l.grade,
      status: l.status,
      flags: l.flags.map((f) => ({ code: f.code, message: f.message })),
      ...(opts.explain ? { explain: l.explain } : {}),
    })),
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
