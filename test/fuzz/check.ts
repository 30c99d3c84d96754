/**
 * What every run on a mutated workbook must satisfy: it returns (never throws); a result has only finite scores;
 * otherwise it has errors, each — like every warning — naming a cell of a sheet the workbook has (`工作表!A1`), or
 * the bare name of a standard sheet it lacks.
 */
import { expect } from "vitest";
import { ballotSupport } from "../../src/app/ballots";
import { scoreBook, type ScoreOutcome } from "../../src/app/score";
import { tallyBook } from "../../src/app/tally";
import { parseAddress } from "../../src/workbook/address";
import type { Diagnostic } from "../../src/workbook/diagnostic";
import type { GridBook } from "../../src/workbook/grid";
import { CELL_TEXT_LIMIT, resultsLayout } from "../../src/workbook/layout";
import type { BaseBook } from "./books";

export const TODAY = "2026-03-31";

export function run(base: BaseBook, book: GridBook): ScoreOutcome {
  return scoreBook({ book, method: base.method, today: TODAY, ...(base.ballots ? { ballots: ballotSupport } : {}) });
}

const SCORE_KEYS = [
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
] as const;

/** The cell a diagnostic names exists, or it names a sheet the workbook lacks. */
export function checkCell(book: GridBook, d: Diagnostic): void {
  const names = new Set(book.map((g) => g.name));
  const trimmed = new Set(book.map((g) => g.name.trim()));
  const p = parseAddress(d.cell);
  if (p === null) {
    expect(trimmed.has(d.cell.trim()), `a bare sheet name that the book has: ${JSON.stringify(d)}`).toBe(false);
    expect(d.cell.length, `a diagnostic names its cell: ${JSON.stringify(d)}`).toBeGreaterThan(0);
    return;
  }
  expect(names.has(p.sheet) || trimmed.has(p.sheet), `sheet of ${JSON.stringify(d)}`).toBe(true);
  expect(p.row >= 0 && p.col >= 0 && p.row < 1_048_576 && p.col < 16_384, d.cell).toBe(true);
  expect(typeof d.message === "string" && d.message.length > 0, d.cell).toBe(true);
}

export function checkOutcome(book: GridBook, out: ScoreOutcome): void {
  if (out.ok) {
    for (const l of out.assessment.leaders) {
      for (const k of SCORE_KEYS) {
        const v = l[k];
        if (v !== null) expect(Number.isFinite(v), `${l.name} ${k} = ${v}`).toBe(true);
      }
      const raw = l.explain.final.raw;
      if (raw !== null) expect(Number.isFinite(raw), `${l.name} raw final = ${raw}`).toBe(true);
    }
    // What would be written: no number that is not finite, no text longer than a cell holds.
    for (const row of resultsLayout(out.assessment).values)
      for (const v of row) {
        if (typeof v === "number") expect(Number.isFinite(v), `考核结果 holds ${v}`).toBe(true);
        if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
      }
    for (const d of out.warnings) checkCell(book, d);
    return;
  }
  expect(out.errors.length, "a failed run says why").toBeGreaterThan(0);
  if (out.kind === "method") {
    // The method document does not change; only a 考核方法 sheet could fail, and that is a workbook failure.
    throw new Error(`method errors on an unchanged method document: ${JSON.stringify(out.errors)}`);
  }
  for (const d of out.errors) checkCell(book, d);
  for (const d of out.warnings) checkCell(book, d);
}

/** The tally of 测评票 (汇总测评票, `cli tally`): returns, its numbers finite, its diagnostics at cells. */
export function checkTally(base: BaseBook, book: GridBook): void {
  const out = tallyBook({ book, method: base.method });
  if (!out.ok) {
    if (out.kind === "method") throw new Error(`method errors on an unchanged method document`);
    expect(out.errors.length).toBeGreaterThan(0);
    for (const d of [...out.errors, ...out.warnings]) checkCell(book, d);
    return;
  }
  for (const d of out.warnings) checkCell(book, d);
  for (const row of out.layout.values)
    for (const v of row) if (typeof v === "number") expect(Number.isFinite(v), `民主测评 holds ${v}`).toBe(true);
}

/** Runs and checks; a throw becomes a test failure that shows the book's mutated sheets. */
export function runAndCheck(base: BaseBook, book: GridBook): ScoreOutcome {
  const out = run(base, book);
  checkOutcome(book, out);
  return out;
}

/** What must not depend on the order of data rows: the outcome's kind, each leader's numbers, the error codes. */
export function orderFree(out: ScoreOutcome): unknown {
  if (!out.ok) {
    return { kind: out.kind, errors: out.errors.map((d) => ("code" in d ? d.code : d.path)).sort() };
  }
  return {
    leaders: out.assessment.leaders
      .map((l) => ({
        who: `${l.name}|${l.unit}|${l.employeeId ?? ""}`,
        ...Object.fromEntries(SCORE_KEYS.map((k) => [k, l[k]])),
        grade: l.grade,
        status: l.status,
        flags: l.flags.map((f) => f.code).sort(),
      }))
      .sort((a, b) => (a.who < b.who ? -1 : a.who > b.who ? 1 : 0)),
    summary: { ...out.assessment.summary, quotaGroups: null },
  };
}
