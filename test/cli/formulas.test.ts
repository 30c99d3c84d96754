/**
 * Formulas mode (docs/method.md §9) checked by a spreadsheet program that recalculates: every --formulas output
 * is written again with deliberately wrong cached values, LibreOffice recalculates it from scratch, and
 * - 考核结果 then equals the engine's result document (scores to 0.01, rates to 0.0001);
 * - every formula cell of 考核结果 and 计算明细 equals the value the writer cached in it (so a reader that
 *   does not recalculate shows the same numbers);
 * - an edited input (numbers, a missing value filled in, text numbers replaced, a rating word, votes, an
 *   adjustment) recomputes to what the engine gives for the edited workbook;
 * - a changed parameter on 计算明细 recomputes to what the engine gives with that method.
 * Cases: the three worked examples, the demo workbook and random cases of the differential generator.
 * All LibreOffice conversions happen in one soffice run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResultDocument } from "../../src/app/report";
import { runCli } from "../../src/cli/main";
import { readXlsx } from "../../src/cli/xlsx";
import type { IndicatorExplanation } from "../../src/engine/types";
import { columnLetters, parseAddress } from "../../src/workbook/address";
import { parseNumber } from "../../src/workbook/cells";
import { cellAt } from "../../src/workbook/grid";
import { resultColumn } from "../../src/workbook/layout";
import { generateCase } from "../support/generate";
import { writeCaseFiles } from "../support/writeCase";
import {
  type CellRead,
  editSheets,
  POISON,
  poisonXml,
  readCells,
  recalculate,
  setCellXml,
  type XmlCell,
} from "./recalc";
import { EXAMPLES_DIR } from "../support/examples";

const EXAMPLES = EXAMPLES_DIR;
const SAMPLE = join(__dirname, "../../assets/sample.xlsx");
/**
 * Random cases; every other one draws the rules of docs/method.md §10 too, and seeds 2 and 8 are §10 cases whose
 * overall item 综合评价 has rows and a weight in D (formulas then count it in D and take the rates from it).
 */
const SEEDS = [...Array.from({ length: 22 }, (_, i) => 3 + 11 * i), 2, 8];
const section10 = (seed: number) => seed % 2 === 1 || seed === 2 || seed === 8;
const RESULTS = "考核结果";
const EXAMPLE_CASES = [
  "example-1",
  "example-2",
  "example-3-qualification",
  "sample",
  "example-1-wide",
  "example-1-ballots",
] as const;
const DETAILS = "计算明细";

const SCORE_FIELDS: [string, keyof ResultDocument["leaders"][number], number][] = [
  ["经营业绩", "economic", 0.01],
  ["重点工作", "keyTasks", 0.01],
  ["党的建设", "partyBuilding", 0.01],
  ["安全稳定", "safety", 0.01],
  ["工作业绩", "work", 0.01],
  ["民主测评", "democratic", 0.01],
  ["优秀率", "excellentRate", 0.0001],
  ["称职以上率", "competentRate", 0.0001],
  ["不称职率", "unfitRate", 0.0001],
  ["加减分", "adjustment", 0.01],
  ["综合得分", "final", 0.01],
];

interface Scored {
  name: string;
  /** The --formulas output. */
  out: string;
  doc: ResultDocument;
}

interface Case {
  name: string;
  input: string;
  args: string[];
  scored?: Scored;
  /** The output with every cached result wrong, and LibreOffice's recalculation of it. */
  poisoned?: string;
  poisonedCount?: number;
  recalculated?: string;
}

let dir: string;
const cases: Case[] = [];
/** Scenarios whose recalculated 考核结果 must equal the engine's result for another input or method. */
const scenarios: {
  name: string;
  /** The case whose --formulas output was edited. */
  base: Case;
  file: string;
  expected: ResultDocument;
  recalculated?: string;
  what: string[];
}[] = [];

async function score(name: string, input: string, args: string[], formulas = true): Promise<Scored> {
  const out = join(dir, `${name}.out.xlsx`);
  const json = join(dir, `${name}.json`);
  let err = "";
  const code = await runCli(
    ["score", input, "--json", json, "-q", ...(formulas ? ["--out", out, "--formulas"] : []), ...args],
    { stdout: () => {}, stderr: (t) => (err += t), today: () => "2025-12-31" },
  );
  if (code !== 0) throw new Error(`${name}: exit ${code}\n${err}`);
  return { name, out, doc: JSON.parse(readFileSync(json, "utf8")) as ResultDocument };
}

async function poison(file: string, to: string): Promise<number> {
  let count = 0;
  const bytes = await editSheets(readFileSync(file), (sheet, xml) => {
    if (sheet !== RESULTS && sheet !== DETAILS) return xml;
    const p = poisonXml(xml);
    count += p.count;
    return p.xml;
  });
  writeFileSync(to, bytes);
  return count;
}

/** Applies the same cell edits to a workbook: sheet → address → new content. */
async function edit(file: string, to: string, edits: Record<string, Record<string, number | string>>): Promise<void> {
  const bytes = await editSheets(readFileSync(file), (sheet, xml) => {
    let out = xml;
    for (const [address, value] of Object.entries(edits[sheet] ?? {})) out = setCellXml(out, address, value);
    return out;
  });
  writeFileSync(to, bytes);
}

function resultCell(cells: Map<string, XmlCell>, row: number, header: string): CellRead {
  return cells.get(`${columnLetters(resultColumn(header))}${row}`)?.value ?? null;
}

/** 考核结果 as recalculated, against a result document: [] when they agree. */
function differences(file: string, doc: ResultDocument): string[] {
  const cells = readCells(file, RESULTS);
  const out: string[] = [];
  doc.leaders.forEach((l, i) => {
    const row = i + 2;
    if (resultCell(cells, row, "姓名") !== l.name)
      out.push(`row ${row}: ${String(resultCell(cells, row, "姓名"))} ≠ ${l.name}`);
    for (const [header, key, tolerance] of SCORE_FIELDS) {
      const want = l[key] as number | null;
      const got = resultCell(cells, row, header);
      const ok =
        want === null ? got === "" || got === null : typeof got === "number" && Math.abs(got - want) <= tolerance;
      if (!ok) out.push(`${l.name}（${l.unit}）${header}: LibreOffice ${JSON.stringify(got)}, engine ${want}`);
    }
  });
  return out;
}

/** A cell of 计算明细 found by its label in column A: the address of the value beside it. */
function paramCell(cells: Map<string, XmlCell>, label: string): string {
  for (const [address, c] of cells) {
    if (address.startsWith("A") && /^A\d+$/.test(address) && c.value === label) return `B${address.slice(1)}`;
  }
  throw new Error(`no parameter ${label}`);
}

/**
 * The workbook with its long 民主测评 replaced: `wide`, one row per leader × group under two header rows (the
 * dimension over its four categories); `ballots`, a 测评票 sheet with one ballot per vote (票号 per leader and group).
 */
async function votesVariant(input: string, kind: "wide" | "ballots"): Promise<string> {
  const votes = (await readXlsx(input)).book.find((g) => g.name === "民主测评")!.rows.slice(1);
  const dims = ["德", "能", "勤", "廉"];
  const cats = ["优秀", "称职", "基本称职", "不称职"];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  wb.removeWorksheet(wb.getWorksheet("民主测评")!.id);
  const byRow = new Map<string, Map<string, number[]>>();
  for (const [name, unit, group, dim, ...counts] of votes) {
    const k = `${String(name)}|${String(unit)}|${String(group)}`;
    if (!byRow.has(k)) byRow.set(k, new Map());
    byRow.get(k)!.set(String(dim), counts.map(Number));
  }
  if (kind === "wide") {
    const ws = wb.addWorksheet("民主测评");
    ws.addRow(["姓名", "单位", "测评人类别", ...dims.flatMap((d) => [d, null, null, null])]);
    ws.addRow([null, null, null, ...dims.flatMap(() => cats)]);
    for (const [k, byDim] of byRow) ws.addRow([...k.split("|"), ...dims.flatMap((d) => byDim.get(d) ?? [0, 0, 0, 0])]);
  } else {
    const ws = wb.addWorksheet("测评票");
    ws.addRow(["票号", "单位", "测评人类别", "姓名", ...dims]);
    for (const [k, byDim] of byRow) {
      const [name, unit, group] = k.split("|");
      const lists = dims.map((d) => (byDim.get(d) ?? []).flatMap((n, i) => Array<string>(n).fill(cats[i])));
      const n = Math.max(...lists.map((l) => l.length));
      for (let j = 0; j < n; j++)
        ws.addRow([`${name}${group}${j + 1}`, unit, group, name, ...lists.map((l) => l[j] ?? null)]);
    }
  }
  const out = join(dir, `${basename(input, ".xlsx")}-${kind}.xlsx`);
  await wb.xlsx.writeFile(out);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kaoping-formulas-"));
  for (const n of ["example-1", "example-2", "example-3-qualification"]) {
    const example = JSON.parse(readFileSync(join(EXAMPLES, `${n}.json`), "utf8")) as { method?: unknown };
    const args: string[] = [];
    if (example.method) {
      const m = join(dir, `${n}.method.json`);
      writeFileSync(m, JSON.stringify(example.method));
      args.push("--method", m);
    }
    if (n.includes("qualification")) args.push("--reference-date", "2025-06-30");
    cases.push({ name: n, input: join(EXAMPLES, `${n}.xlsx`), args });
  }
  cases.push({ name: "sample", input: SAMPLE, args: ["--reference-date", "2025-12-31"] });
  // example-1 with 民主测评 in the wide form (docs/method.md §1), and with its votes as ballots (§11, no 民主测评).
  cases.push({ name: "example-1-wide", input: await votesVariant(cases[0].input, "wide"), args: cases[0].args });
  cases.push({ name: "example-1-ballots", input: await votesVariant(cases[0].input, "ballots"), args: cases[0].args });
  for (const seed of SEEDS) {
    const c = generateCase(seed, { maxLeaders: 24, section10: section10(seed) });
    const f = await writeCaseFiles(c, dir, seed, `seed${seed}`);
    cases.push({ name: `seed${seed}`, input: f.xlsx, args: f.args.slice(4) }); // after: score <xlsx> --json <json>
  }
  for (const c of cases) {
    c.scored = await score(c.name, c.input, c.args);
    c.poisoned = join(dir, `${c.name}.poisoned.xlsx`);
    c.poisonedCount = await poison(c.scored.out, c.poisoned);
  }

  // Edited inputs: example-1 — an actual (now below target: the below-base rule turns on), a rating word, a
  // vote count, an adjustment over the bonus cap.
  const ex1 = cases[0];
  const ex1Edits = {
    经营业绩: { C5: 700 },
    工作评价: { B4: "好" },
    民主测评: { H2: 6 },
    加减分: { D2: 7 },
  };
  await edit(ex1.scored!.out, join(dir, "ex1-edited.formulas.xlsx"), ex1Edits);
  await edit(ex1.input, join(dir, "ex1-edited.input.xlsx"), ex1Edits);
  scenarios.push({
    name: "example-1 with an actual, a rating, a vote and an adjustment changed",
    base: ex1,
    file: join(dir, "ex1-edited.formulas.xlsx"),
    expected: (await score("ex1-edited", join(dir, "ex1-edited.input.xlsx"), ex1.args, false)).doc,
    what: Object.entries(ex1Edits).flatMap(([s, e]) => Object.keys(e).map((a) => `${s}!${a}`)),
  });

  // Generated cases: a missing value filled in with a number, and a number held as text replaced by another.
  for (const c of cases.filter((x) => x.name.startsWith("seed"))) {
    const grids = (await readXlsx(c.input)).book;
    const raw = (address: string) => {
      const p = parseAddress(address)!;
      return cellAt(
        grids.find((g) => g.name === p.sheet)!,
        p.row,
        p.col,
      );
    };
    const indicators = c.scored!.doc.leaders.flatMap(
      (l) => (l.explain?.economic.indicators ?? []) as IndicatorExplanation[],
    );
    const missing = indicators.find(
      (x) => x.actual === null && x.actualCell !== "" && x.target !== null && x.target > 0,
    );
    const text = indicators.find((x) => x.target !== null && x.target > 0 && typeof raw(x.targetCell) === "string");
    if (!missing || !text) continue;
    const edits: Record<string, Record<string, number>> = {};
    const put = (address: string, value: number) => {
      const p = parseAddress(address)!;
      (edits[p.sheet] ??= {})[address.slice(address.indexOf("!") + 1)] = value;
    };
    put(missing.actualCell, Math.round((missing.target as number) * 1.07 * 100) / 100);
    const parsed = parseNumber(raw(text.targetCell));
    put(text.targetCell, Math.round((parsed.kind === "number" ? parsed.value : 1) * 0.9 * 100) / 100);
    await edit(c.scored!.out, join(dir, `${c.name}-edited.formulas.xlsx`), edits);
    await edit(c.input, join(dir, `${c.name}-edited.input.xlsx`), edits);
    scenarios.push({
      name: `${c.name} with a missing actual filled in and a text target replaced by a number`,
      base: c,
      file: join(dir, `${c.name}-edited.formulas.xlsx`),
      expected: (await score(`${c.name}-edited`, join(dir, `${c.name}-edited.input.xlsx`), c.args, false)).doc,
      what: [missing.actualCell, text.targetCell],
    });
    if (scenarios.length >= 3) break;
  }

  // The wide 民主测评: a vote count edited where it sits (a live reference to the wide form's cell).
  const wide = cases.find((c) => c.name === "example-1-wide")!;
  const wideEdits = { 民主测评: { D3: 6, I5: 3 } };
  await edit(wide.scored!.out, join(dir, "ex1-wide-edited.formulas.xlsx"), wideEdits);
  await edit(wide.input, join(dir, "ex1-wide-edited.input.xlsx"), wideEdits);
  scenarios.push({
    name: "example-1 with wide 民主测评, two vote counts changed",
    base: wide,
    file: join(dir, "ex1-wide-edited.formulas.xlsx"),
    expected: (await score("ex1-wide-edited", join(dir, "ex1-wide-edited.input.xlsx"), wide.args, false)).doc,
    what: ["民主测评!D3", "民主测评!I5"],
  });

  // Parameters of 计算明细: example-2 with a weight, the work/democratic split, stepwise and a rating changed.
  const ex2 = cases[1];
  const params = readCells(ex2.scored!.out, DETAILS);
  const method2 = JSON.parse(readFileSync(join(EXAMPLES, "example-2.json"), "utf8")).method as {
    economic: { indicators: { name: string; weight: number }[] };
  };
  const changed = {
    economic: {
      indicators: method2.economic.indicators.map((i) => (i.name === "实现利润" ? { ...i, weight: 20 } : i)),
      stepwise: true,
    },
    final: { workWeight: 60 },
    ratings: { 较好: 75 },
  };
  writeFileSync(join(dir, "ex2-changed.method.json"), JSON.stringify(changed));
  await edit(ex2.scored!.out, join(dir, "ex2-params.formulas.xlsx"), {
    [DETAILS]: {
      [paramCell(params, "实现利润")]: 20,
      [paramCell(params, "按整档计分")]: "是",
      [paramCell(params, "综合得分：工作业绩权重")]: 60,
      [paramCell(params, "较好")]: 75,
    },
  });
  scenarios.push({
    name: "example-2 with parameters changed on 计算明细",
    base: ex2,
    file: join(dir, "ex2-params.formulas.xlsx"),
    expected: (await score("ex2-changed", ex2.input, ["--method", join(dir, "ex2-changed.method.json")], false)).doc,
    what: ["实现利润权重", "按整档计分", "工作业绩权重", "较好"],
  });

  const recalculated = recalculate(
    [...cases.map((c) => c.poisoned!), ...scenarios.map((s) => s.file)],
    join(dir, "recalculated"),
  );
  for (const c of cases) c.recalculated = recalculated.get(c.poisoned!);
  for (const s of scenarios) s.recalculated = recalculated.get(s.file);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("LibreOffice recalculates --formulas outputs to the engine's results", () => {
  it("covers the examples, the demo workbook and 20+ generated cases, with edited-input scenarios", () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
  });

  it("example-1 with wide 民主测评, or with ballots instead, scores as example-1 does", () => {
    const leaders = (name: string) =>
      cases.find((c) => c.name === name)!.scored!.doc.leaders.map(({ explain: _explain, ...l }) => l);
    expect(leaders("example-1-wide")).toEqual(leaders("example-1"));
    expect(leaders("example-1-ballots")).toEqual(leaders("example-1"));
  });

  it.each(SEEDS.map((s) => `seed${s}`).concat([...EXAMPLE_CASES]))(
    "%s: 考核结果 recalculated equals the result document",
    (name) => {
      const c = cases.find((x) => x.name === name)!;
      expect(c.poisonedCount).toBeGreaterThan(0);
      expect(differences(c.recalculated!, c.scored!.doc)).toEqual([]);
    },
  );

  it.each(SEEDS.map((s) => `seed${s}`).concat([...EXAMPLE_CASES]))(
    "%s: every formula cell was recalculated, to the value the writer cached",
    (name) => {
      const c = cases.find((x) => x.name === name)!;
      let formulas = 0;
      const wrong: string[] = [];
      for (const sheet of [RESULTS, DETAILS]) {
        const written = readCells(c.scored!.out, sheet);
        const recalculated = readCells(c.recalculated!, sheet);
        for (const [address, w] of written) {
          if (w.formula === null) continue;
          formulas++;
          const got = recalculated.get(address)?.value ?? null;
          const want = w.value;
          const same =
            typeof want === "number" && typeof got === "number"
              ? Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want))
              : (want ?? "") === (got ?? "");
          if (!same || got === POISON)
            wrong.push(
              `${sheet}!${address}: cached ${JSON.stringify(want)}, LibreOffice ${JSON.stringify(got)} — ${w.formula}`,
            );
        }
      }
      expect(formulas).toBe(c.poisonedCount);
      expect(wrong.slice(0, 10)).toEqual([]);
    },
  );

  it("edited inputs and parameters recompute to the engine's result for the edited workbook or method", () => {
    for (const s of scenarios) {
      expect(differences(s.recalculated!, s.expected), `${s.name}: ${s.what.join(", ")}`).toEqual([]);
    }
    // The edits matter: each scenario's result differs from the unedited one.
    for (const s of scenarios) {
      expect(differences(s.recalculated!, s.base.scored!.doc).length, s.name).toBeGreaterThan(0);
    }
  });
});
