/**
 * The workbooks the fuzzer mutates: the demonstration workbook, the three worked examples, and generated groups
 * holding 个人情况 and 组织决定 (docs/method.md §10, §12) and 测评票 (§11) in the random layouts §1 allows. Each
 * comes with the method document it is scored under.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readXlsx } from "../../src/cli/xlsx";
import { loadMethod } from "../../src/method/schema";
import { methodToSheet } from "../../src/workbook/methodSheet";
import type { GridBook } from "../../src/workbook/grid";
import { EXAMPLES_DIR } from "../support/examples";
import { workbookToGrids } from "../support/exceljsGrid";
import { generateCase } from "../support/generate";
import { generateBallotCase } from "../support/generateBallots";
import { buildCaseWorkbook } from "../support/writeCase";

export interface BaseBook {
  name: string;
  book: GridBook;
  /** The method document (as --method gives it), or undefined for the defaults / the 考核方法 sheet. */
  method: unknown;
  /** Whether the book holds 测评票 (scored with the ballot support, as the command line does). */
  ballots: boolean;
}

const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
const EXAMPLES = ["example-1", "example-2", "example-3-qualification"];

/** The base books' names, in loadBaseBooks' order: known before the books are read, to name the tests. */
export const BASE_BOOK_NAMES = [
  "sample",
  ...EXAMPLES,
  "example-1-method-sheet",
  "s10-12-2",
  "s10-12-7",
  "ballots-long-3",
  "ballots-wide-5",
] as const;

/** Every base book; read once per test file. */
export async function loadBaseBooks(): Promise<BaseBook[]> {
  const out: BaseBook[] = [];
  out.push({ name: "sample", book: (await readXlsx(SAMPLE)).book, method: undefined, ballots: false });
  for (const e of EXAMPLES) {
    const doc = JSON.parse(readFileSync(join(EXAMPLES_DIR, `${e}.json`), "utf8")) as { method?: unknown };
    const { book } = await readXlsx(join(EXAMPLES_DIR, `${e}.xlsx`));
    out.push({ name: e, book, method: doc.method, ballots: false });
  }
  {
    // example-1 with its method as a 考核方法 sheet (docs/method.md §7.3), so that the sheet is fuzzed too
    const e = out[1];
    const loaded = loadMethod(e.method);
    if (!loaded.ok) throw new Error("example-1's method does not load");
    const sheet = methodToSheet(loaded.method).grid;
    out.push({ name: "example-1-method-sheet", book: [...e.book, sheet], method: undefined, ballots: false });
  }
  for (const seed of [2, 7]) {
    const c = generateCase(seed, { section10: true, section12: true, maxLeaders: 10, qualification: false });
    out.push({
      name: `s10-12-${seed}`,
      book: workbookToGrids(buildCaseWorkbook(c, seed)),
      method: c.method,
      ballots: false,
    });
  }
  for (const [seed, form] of [
    [3, "long"],
    [5, "wide"],
  ] as const) {
    const c = generateBallotCase(seed, { form, maxLeaders: 6 });
    out.push({
      name: `ballots-${form}-${seed}`,
      book: workbookToGrids(buildCaseWorkbook(c, seed)),
      method: c.method,
      ballots: true,
    });
  }
  const names = out.map((b) => b.name).join();
  if (names !== BASE_BOOK_NAMES.join()) throw new Error(`base books ${names}, not ${BASE_BOOK_NAMES.join()}`);
  return out;
}
