/**
 * Text that looks like a formula (= + - @ at the start) is data: every sheet the add-in writes keeps it as
 * text. The fake takes such text written into a cell that is not text-formatted for a formula, as Excel
 * does when it is typed, so any write that forgot the text format shows. (The command line's --out and deck:
 * test/cli/formulaText.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx";
import { MEETING_SHEET } from "../../src/excel/charts";
import { RESULTS_SHEET } from "../../src/excel/gateway";
import type { GridBook } from "../../src/workbook/grid";
import { type CellDump, FakeExcel, dumpWorkbook, workbookFromGridBook } from "./fake";
import { TODAY, addinOn, example } from "./helpers";

const PREFIXES = ["=", "+", "-", "@"];

/** The example with every leader's name, unit and position made formula-like, in every sheet alike. */
async function formulaLikeBook(): Promise<{ book: GridBook; texts: string[] }> {
  const book = (await readXlsx(example("example-1").xlsx)).book;
  const leaders = book.find((g) => g.name === "考核对象")!;
  const map = new Map<string, string>();
  let k = 0;
  for (const row of leaders.rows.slice(1))
    for (const v of row.slice(0, 3))
      if (typeof v === "string" && !map.has(v)) map.set(v, `${PREFIXES[k++ % PREFIXES.length]}${v}`);
  map.set([...map.keys()][0], `=HYPERLINK("http://example.com/","${[...map.keys()][0]}")`);
  const renamed = book.map((g) => ({
    name: g.name,
    rows: g.rows.map((row) => row.map((v) => (typeof v === "string" && map.has(v.trim()) ? map.get(v.trim())! : v))),
  }));
  return { book: renamed, texts: [...map.values()] };
}

/** Every cell of a dumped sheet whose value or formula is one of `texts`. */
function cellsHolding(cells: Record<string, CellDump>, texts: readonly string[]): [string, CellDump][] {
  return Object.entries(cells).filter(
    ([, c]) => texts.includes(String(c.value)) || texts.some((t) => c.formula === t || c.formula === `=${t}`),
  );
}

describe("formula-like text stays text", () => {
  it("in the fake, as typed into a General cell, it would not (the fake is as strict as Excel)", async () => {
    const fake = new FakeExcel(workbookFromGridBook([{ name: "甲", rows: [] }]));
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("甲").getRange("A1:D1").values = [["=1+1", "+86 139", "-某某", "@某某"]];
      await ctx.sync();
    });
    const cells = dumpWorkbook(fake.state)["甲"].cells;
    expect(Object.values(cells).map((c) => c.formula)).toEqual(["=1+1", "=+86 139", "=-某某", "=某某"]);
  });

  it("in 考核结果, in 会议图表, and in 考核结果 put back by 撤销", async () => {
    const { book, texts } = await formulaLikeBook();
    expect(texts.map((t) => t[0])).toEqual(expect.arrayContaining(PREFIXES));
    const fake = new FakeExcel(workbookFromGridBook(book));
    const addin = addinOn(fake);
    const r = await addin.calculate({ today: TODAY, method: example("example-1").method });
    if (!r.ok) throw new Error(`not scored: ${JSON.stringify(r).slice(0, 300)}`);

    const results = cellsHolding(dumpWorkbook(fake.state)[RESULTS_SHEET].cells, texts);
    expect(new Set(results.map(([, c]) => c.value))).toEqual(new Set(texts));
    for (const [at, c] of results) expect(c, at).toMatchObject({ type: "String", numberFormat: "@" });

    const m = await addin.insertMeetingCharts({ today: TODAY, mode: "native", assessment: r.assessment });
    expect(m.ok).toBe(true);
    for (const [at, c] of cellsHolding(dumpWorkbook(fake.state)[MEETING_SHEET].cells, texts))
      expect(c, at).toMatchObject({ type: "String" });

    // A second run, then 撤销: the first run's 考核结果 comes back with its text as text.
    const again = await addin.calculate({ today: TODAY, method: example("example-1").method });
    expect(again.ok).toBe(true);
    expect(await addin.undoLast()).toMatchObject({ restored: true });
    const restored = cellsHolding(dumpWorkbook(fake.state)[RESULTS_SHEET].cells, texts);
    expect(new Set(restored.map(([, c]) => c.value))).toEqual(new Set(texts));
    for (const [at, c] of restored) expect(c, at).toMatchObject({ type: "String" });
  });

  it("in an earlier 考核结果 of the user's, General-formatted, put back by 撤销", async () => {
    const { book, texts } = await formulaLikeBook();
    const fake = new FakeExcel(workbookFromGridBook(book));
    const own = fake.state.addSheet(RESULTS_SHEET);
    texts.forEach((t, i) => Object.assign(own.edit(i, 0), { value: t, type: "String" }));
    const addin = addinOn(fake);
    expect(await addin.calculate({ today: TODAY, method: example("example-1").method })).toMatchObject({ ok: true });
    expect(await addin.undoLast()).toMatchObject({ restored: true });
    const cells = dumpWorkbook(fake.state)[RESULTS_SHEET].cells;
    texts.forEach((t, i) => expect(cells[`A${i + 1}`], t).toMatchObject({ value: t, type: "String" }));
  });
});
