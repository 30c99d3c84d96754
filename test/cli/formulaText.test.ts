/**
 * Text that looks like a formula (= + - @ at the start) is data: the command line's outputs keep it as text.
 * The example workbook with every leader's name, unit and position rewritten so (consistently across its
 * sheets) is scored with --out and --pptx; the grafted 考核结果 read back — its XML and ExcelJS — holds each as
 * an inline string without a formula, and the deck's charts carry them in their embedded workbooks as strings.
 * (The add-in's own sheets: test/excel/formulaText.test.ts.)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { EXAMPLES_DIR } from "../support/examples";
import { sheets } from "./inspect";
import { zipParts } from "./zip";

const PREFIXES = ["=", "+", "-", "@"];

let dir: string;
let input: string;
/** Original text → its formula-like replacement. */
const renamed = new Map<string, string>();

/** Every string cell of the workbook whose text is in `map` gets the replacement (all sheets, so they agree). */
function renameEverywhere(wb: ExcelJS.Workbook, map: Map<string, string>): void {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && map.has(cell.value.trim())) cell.value = map.get(cell.value.trim())!;
      }),
    ),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-formula-text-"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(EXAMPLES_DIR, "example-1.xlsx"));
  const leaders = wb.getWorksheet("考核对象")!;
  let k = 0;
  leaders.eachRow((row, r) => {
    if (r === 1) return;
    for (const col of [1, 2, 3]) {
      const v = row.getCell(col).value;
      if (typeof v !== "string" || renamed.has(v)) continue;
      const p = PREFIXES[k++ % PREFIXES.length];
      // "=HYPERLINK(…)" is what an attacker would try; the rest only has to start like a formula.
      renamed.set(v, p === "=" && k === 1 ? `=HYPERLINK("http://example.com/","${v}")` : `${p}${v}`);
    }
  });
  renameEverywhere(wb, renamed);
  input = join(dir, "in.xlsx");
  await wb.xlsx.writeFile(input);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("formula-like names, units and positions", () => {
  it("are scored, grafted into 考核结果 as text (inline strings, no <f>), and read back as typed", async () => {
    const out = join(dir, "out.xlsx");
    const deck = join(dir, "deck.pptx");
    let stderr = "";
    const code = await runCli(["score", input, "--out", out, "--pptx", deck, "-q"], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      today: () => "2025-12-31",
    });
    expect(code, stderr).toBe(0);
    expect([...renamed.values()].map((t) => t[0]).sort()).toEqual(expect.arrayContaining(PREFIXES));

    // The sheet's XML: each text is an inline string; no cell of the sheet has a formula holding it.
    const parts = zipParts(out);
    const sheet = sheets(parts).find((s) => s.name === "考核结果")!;
    const xml = parts.get(sheet.part)!.toString("utf8");
    const cells = [...xml.matchAll(/<c\b[^>]*>[\s\S]*?<\/c>/g)].map((m) => m[0]);
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    for (const text of renamed.values()) {
      const holding = cells.filter((c) => unescape(c).includes(`<t>${text}</t>`) || unescape(c).includes(`>${text}<`));
      expect(holding.length, text).toBeGreaterThan(0);
      for (const c of holding) {
        expect(c, text).toMatch(/\bt="inlineStr"/);
        expect(c, text).not.toMatch(/<f[\s>]/);
      }
    }

    // Read back: strings, as typed, in text-formatted cells.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const results = wb.getWorksheet("考核结果")!;
    const seen = new Set<string>();
    results.eachRow((row, r) => {
      if (r === 1) return;
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && [...renamed.values()].includes(cell.value)) {
          seen.add(cell.value);
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expect(cell.numFmt).toBe("@");
        }
        expect(cell.formula ?? null).toBeNull();
      });
    });
    expect([...seen].sort()).toEqual([...renamed.values()].sort());
  });

  it("reach the deck's native charts as strings of their embedded workbooks, never as formulas", async () => {
    const deck = join(dir, "deck.pptx");
    const parts = zipParts(deck);
    const embedded = [...parts.keys()].filter((p) => /^ppt\/embeddings\/.+\.xlsx$/.test(p));
    expect(embedded.length).toBeGreaterThan(0);
    const names = [...renamed.values()].filter((t) => !t.includes("HYPERLINK"));
    const found = new Set<string>();
    for (const e of embedded) {
      const inner = zipParts(parts.get(e)!);
      for (const [name, bytes] of inner) {
        if (!/^xl\/(worksheets\/.+|sharedStrings)\.xml$/.test(name)) continue;
        const text = bytes.toString("utf8");
        expect(text, `${e} ${name}`).not.toMatch(/<f[\s>][^<]*[=+\-@]/);
        for (const n of names) if (text.includes(n)) found.add(n);
      }
    }
    // The names of leaders appear in the charts' categories (those with a ranking or vote chart).
    expect(found.size).toBeGreaterThan(0);
  });
});
