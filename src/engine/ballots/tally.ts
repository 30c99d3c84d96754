/**
 * The tally of docs/method.md §11.3: ballots in, the rows of 民主测评 out — for each leader × 测评人类别 × item with at
 * least one valid ballot, the counts of each category and of 弃权 — plus the invalid ballots and the void units with
 * their reasons (a void unit's leaders get no rows), and for every count the ballots (票号) behind it.
 */

import type { Method } from "../../method/types";
import { type Ballot, type BallotInput, ballotItems } from "../../workbook/ballotInput";
import { sortDiagnostics, warning, type Diagnostic } from "../../workbook/diagnostic";
import type { Leader, VoteRow } from "../../workbook/input";
import { checkTurnout, type VoidUnit } from "./turnout";
import { sourceKey } from "./sources";
import { type InvalidReason, invalidReasons } from "./validity";

export interface InvalidBallot {
  sheet: string;
  unit: string;
  number: string;
  group: string;
  /** The ballot's 票号 cell (its first row). */
  cell: string;
  reasons: InvalidReason[];
}

/** The 票号 of the valid ballots behind one row of 民主测评: per category (method order), and 弃权 (or not marked). */
export interface BallotSources {
  byCategory: string[][];
  abstain: string[];
}

export interface TallyResult {
  /** The rows of 民主测评: leaders in the order of 考核对象, groups in the method's order, items 德 能 勤 廉 综合评价. */
  votes: VoteRow[];
  /** Keyed by sourceKey(leader index, group, item). */
  sources: Map<string, BallotSources>;
  /** All ballots read, and the valid ones. */
  ballots: number;
  valid: number;
  invalid: InvalidBallot[];
  voidUnits: VoidUnit[];
  /** Ballots above 应到人数: the tally does not run. */
  errors: Diagnostic[];
  /** The invalid ballots and the void units (each at its cell), and what 测评组织 could not check. */
  warnings: Diagnostic[];
}

// In a module of their own, so that the pane's 为什么 reads the sources without loading the tally.
export { ballotsBehind, sourceKey } from "./sources";

interface Cell {
  counts: number[];
  abstain: number;
  sources: BallotSources;
  /** The first valid ballot's mark cell. */
  cell: string;
}

export function tallyBallots(input: BallotInput, leaders: readonly Leader[], method: Method): TallyResult {
  const { categories, groups } = method.democratic;
  const ballots: readonly Ballot[] = input.primary.ballots;
  const invalid: InvalidBallot[] = [];
  const cells = new Map<string, Cell>();
  let valid = 0;
  for (const b of ballots) {
    const reasons = invalidReasons(b, method);
    if (reasons.length > 0) {
      invalid.push({ sheet: b.sheet, unit: b.unit, number: b.number, group: b.group, cell: b.cell, reasons });
      continue;
    }
    valid++;
    for (const line of b.lines) {
      for (const m of line.marks) {
        const key = sourceKey(line.leader, b.group, m.item);
        let c = cells.get(key);
        if (!c) {
          c = {
            counts: categories.map(() => 0),
            abstain: 0,
            sources: { byCategory: categories.map(() => []), abstain: [] },
            cell: m.cell,
          };
          cells.set(key, c);
        }
        if (m.category === null) {
          c.abstain++;
          c.sources.abstain.push(b.number);
        } else {
          c.counts[m.category]++;
          c.sources.byCategory[m.category].push(b.number);
        }
      }
    }
  }

  // A unit below the minimum turnout has its evaluation void (§11.2): its ballots count for nothing, as an invalid
  // ballot's do, so its leaders get no rows and their D is missing when scored.
  const turnout = checkTurnout(ballots, input.turnout, method);
  const voided = new Set(turnout.voidUnits.map((v) => v.unitKey));
  const votes: VoteRow[] = [];
  const sources = new Map<string, BallotSources>();
  const items = ballotItems(method);
  for (const l of [...leaders].sort((a, b) => a.index - b.index)) {
    if (voided.has(l.unitKey)) continue;
    for (const g of groups) {
      for (const it of items) {
        const key = sourceKey(l.index, g.name, it.name);
        const c = cells.get(key);
        if (!c) continue;
        sources.set(key, c.sources);
        votes.push({
          name: l.name,
          unit: l.unit,
          nameKey: l.nameKey,
          unitKey: l.unitKey,
          employeeId: l.employeeId,
          group: g.name,
          dimension: it.name,
          overall: it.overall,
          counts: c.counts,
          abstain: c.abstain,
          cell: c.cell,
          countCells: categories.map(() => ""),
          abstainCell: "",
        });
      }
    }
  }

  const warnings: Diagnostic[] = [...turnout.warnings];
  for (const x of invalid) {
    warnings.push(
      warning(
        x.cell,
        "invalidBallot",
        `${x.unit}第「${x.number}」号测评票（${x.group}）视为无效票：${x.reasons.map((r) => r.message).join("；")}`,
      ),
    );
  }
  for (const v of turnout.voidUnits) {
    warnings.push(warning(v.cell, "voidUnit", `${v.unit}的民主测评无效（${v.reason}），其考核对象暂缓评定`));
  }
  const order = [input.primary.sheet, ...(input.turnout ? [input.turnout.sheet] : [])];
  return {
    votes,
    sources,
    ballots: ballots.length,
    valid,
    invalid,
    voidUnits: turnout.voidUnits,
    errors: sortDiagnostics(turnout.errors, order),
    warnings: sortDiagnostics(warnings, order),
  };
}

/**
 * Where 民主测评 as it stands differs from the tally of the ballots (a sheet typed by hand, or tallied before the
 * ballots changed): the differing rows, by leader, group and item, with 民主测评's cell ("" for a row it lacks).
 * 弃权 is compared only where 民主测评 has a 弃权 count.
 */
export function differencesFromTally(
  votes: readonly VoteRow[],
  tallied: readonly VoteRow[],
  leaderOf: (v: VoteRow) => Leader | undefined,
): { what: string; cell: string }[] {
  const key = (v: VoteRow) => {
    const l = leaderOf(v);
    return l === undefined ? null : sourceKey(l.index, v.group, v.dimension);
  };
  const mine = new Map<string, VoteRow>();
  for (const v of votes) {
    const k = key(v);
    if (k !== null) mine.set(k, v);
  }
  const out: { what: string; cell: string }[] = [];
  const label = (v: VoteRow) => `${v.name}·${v.group}·${v.dimension}`;
  for (const t of tallied) {
    const k = key(t)!;
    const v = mine.get(k);
    mine.delete(k);
    if (!v) {
      out.push({ what: `${label(t)}（民主测评表中没有此行）`, cell: "" });
      continue;
    }
    const same = v.counts.every((n, i) => n === t.counts[i]) && (v.abstain === null || v.abstain === t.abstain);
    if (!same) out.push({ what: label(t), cell: v.cell });
  }
  for (const v of mine.values()) {
    if (v.counts.some((n) => n > 0)) out.push({ what: `${label(v)}（测评票中没有此项的有效票）`, cell: v.cell });
  }
  return out;
}
