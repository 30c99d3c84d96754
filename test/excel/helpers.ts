/** Shared by the add-in tests: the worked examples on the fake Excel, and the CLI's result for comparison. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { resultDocument, type ResultDocument } from "../../src/app/report";
import { scoreBook } from "../../src/app/score";
import { readXlsx } from "../../src/cli/xlsx";
import { createAddin, type KaopingAddin } from "../../src/excel/addin";
import { SNAPSHOT_SHEET } from "../../src/excel/gateway";
import type { GridBook } from "../../src/workbook/grid";
import { FakeExcel, type SheetDump, dumpWorkbook } from "./fake";
import type { WorkbookState } from "./fake/state";
import { workbookFromXlsx } from "./fakeXlsx";
import { EXAMPLES_DIR } from "../support/examples";

export { EXAMPLES_DIR };
export const EXAMPLES = ["example-1", "example-2", "example-3-qualification"] as const;
export const TODAY = "2025-12-31";
export const FIXED_NOW = () => new Date("2025-12-31T08:00:00Z");

export interface Example {
  name: string;
  xlsx: string;
  method: unknown;
  referenceDate: string | undefined;
  expected: unknown;
}

export function example(name: string): Example {
  const doc = JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), "utf8")) as {
    method?: unknown;
    referenceDate?: string;
  };
  return {
    name,
    xlsx: join(EXAMPLES_DIR, `${name}.xlsx`),
    method: doc.method ?? undefined,
    referenceDate: doc.referenceDate ?? undefined,
    expected: JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.expected.json`), "utf8")),
  };
}

/** What the command line computes for a file: its reader, the same scoreBook, the --json document. */
export async function cliResult(
  xlsx: string,
  method: unknown,
  referenceDate: string | undefined,
): Promise<ResultDocument> {
  return cliResultOfBook((await readXlsx(xlsx)).book, method, referenceDate);
}

export function cliResultOfBook(book: GridBook, method: unknown, referenceDate: string | undefined): ResultDocument {
  const out = scoreBook({ book, method, referenceDate, today: TODAY });
  if (!out.ok) throw new Error(`the CLI path failed: ${JSON.stringify(out.errors).slice(0, 400)}`);
  return resultDocument(out.assessment);
}

export async function fakeFromXlsx(xlsx: string, requirements = "Microsoft 365"): Promise<FakeExcel> {
  return new FakeExcel(await workbookFromXlsx(xlsx), { requirements });
}

export function addinOn(fake: FakeExcel, opts: { maxRequestBytes?: number } = {}): KaopingAddin {
  return createAddin(
    { run: fake.run, isSetSupported: fake.isSetSupported, implements: fake.implements },
    { now: FIXED_NOW, ...opts },
  );
}

/** Dumps of every sheet but these (by name), with positions counted without them. */
export function dumpsExcept(
  state: WorkbookState,
  skip: readonly string[] = ["考核结果", SNAPSHOT_SHEET],
): Record<string, SheetDump> {
  return withoutSheets(dumpWorkbook(state), skip);
}

/** The same, of a dump taken earlier. */
export function withoutSheets(
  all: Record<string, SheetDump>,
  skip: readonly string[] = ["考核结果", SNAPSHOT_SHEET],
): Record<string, SheetDump> {
  const kept = Object.values(all)
    .sort((a, b) => a.position - b.position)
    .filter((d) => !skip.includes(d.name))
    .map((d) => d.name);
  return Object.fromEntries(kept.map((name, i) => [name, { ...all[name], position: i }]));
}
