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
  // Plain checks rather than expect(): a run has hundreds of diagnostics.
  const fail = (why: string) => {
    throw new Error(`${why}: ${JSON.stringify(d).slice(0, 500)}`);
  };
  if (typeof d.message !== "string" || d.message.length === 0) fail("a diagnostic without a message");
  const p = parseAddress(d.cell);
  if (p === null) {
    if (d.cell.trim() === "") fail("a diagnostic without its cell");
    if (book.some((g) => g.name.trim() === d.cell.trim())) fail("a bare sheet name that the book has");
    return;
  }
  if (!book.some((g) => g.name === p.sheet || g.name.trim() === p.sheet)) fail("a cell of a sheet the book lacks");
  if (!(p.row >= 0 && p.col >= 0 && p.row < 1_048_576 && p.col < 16_384)) fail("a cell outside a sheet");
}

/** Every number in a value (a result with its explanations) is finite; else the first that is not. */
/** The first number that is not finite in what JSON makes of `x` (an explanation's parts made when read included). */
function firstNonFinite(x: unknown): number | null {
  let bad: number | null = null;
  JSON.stringify(x, (_key, v: unknown) => {
    if (bad === null && typeof v === "number" && !Number.isFinite(v)) bad = v;
    return v;
  });
  return bad;
}

export function checkOutcome(book: GridBook, out: ScoreOutcome): void {
  if (out.ok) {
    // Every number of the result, explanations included (--json carries them; JSON turns NaN into null).
    for (const l of out.assessment.leaders) {
      const bad = firstNonFinite(l);
      if (bad !== null) throw new Error(`${l.name}（${l.unit}）: a number of the result is ${bad}`);
    }
    // What would be written: no text longer than a cell holds (laid out only when some text is long: it costs).
    const long = out.assessment.leaders.some(
      (l) =>
        l.name.length + l.unit.length + l.position.length + l.flags.reduce((n, f) => n + f.message.length, 0) > 10_000,
    );
    if (long)
      for (const row of resultsLayout(out.assessment).values)
        for (const v of row) {
          if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`考核结果 holds ${v}`);
          if (typeof v === "string" && v.length > CELL_TEXT_LIMIT)
            throw new Error(`考核结果 holds ${v.length} characters`);
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
