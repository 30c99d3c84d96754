/** `score`: read, score, print, and only then write the outputs (docs/method.md §8). */
import { existsSync } from "node:fs";
import { resultDocument, robustnessDocument } from "../../app/report";
import { robustness } from "../../engine/robustness";
import { ballotSupport } from "../../app/ballots";
import { scoreBook } from "../../app/score";
import type { Deck } from "../../deck/deck";
import type { Diagnostic } from "../../workbook/diagnostic";
import type { Method } from "../../method/types";
import { formulaLayouts } from "../../workbook/formulas";
import { paperTitle, resultsTitle } from "../../papers/title";
import { resultsLayout } from "../../workbook/layout";
import { titleInfo } from "../../workbook/titles";
import type { ScoreOptions } from "../args";
import { checkOutputs, isDirectory, isFile, type NamedPath, readMethodDocument, writeFileAtomic } from "../files";
import { GraftError, graftSheet } from "../graft";
import { type CliIO, diagnosticLine, errorCode, EXIT, localDate, UsageError } from "../io";
import { resultsTable, robustnessTable } from "../table";
import { readXlsx, type XlsxFile, XlsxReadError } from "../xlsx";

/** One line per diagnostic, written in one piece: tens of thousands of lines are one write, not one each. */
function writeDiagnostics(io: CliIO, list: readonly Diagnostic[]): void {
  if (list.length > 0) io.stderr(list.map((d) => `${diagnosticLine(d)}\n`).join(""));
}

/** What the charts take from the method: the grade bands they draw, the quota group column they name. */
function methodCharts(m: Method): { bands: Method["grades"]["bands"]; quotaGroupColumn: string | null } {
  return { bands: m.grades.bands, quotaGroupColumn: m.grades.quotaGroupColumn };
}

function checkPaths(o: ScoreOptions): void {
  const inputs: NamedPath[] = [[o.workbook, "输入工作簿"]];
  if (o.method !== undefined) inputs.push([o.method, "考核方法文件"]);
  const outputs: NamedPath[] = [];
  if (o.out !== undefined) outputs.push([o.out, "--out"]);
  if (o.json !== undefined) outputs.push([o.json, "--json"]);
  if (o.pptx !== undefined) outputs.push([o.pptx, "--pptx"]);
  if (o.report !== undefined) outputs.push([o.report, "--report"]);
  if (o.letters !== undefined) outputs.push([o.letters, "--letters"]);
  checkOutputs(inputs, outputs);
  if (o.font !== undefined && o.charts === undefined && o.pptx === undefined && o.report === undefined) {
    throw new UsageError("--font 只在给出 --charts、--pptx 或 --report 时使用");
  }
  if (o.font !== undefined && !isFile(o.font)) throw new UsageError(`找不到字体文件：${o.font}`);
  if (o.charts !== undefined && existsSync(o.charts) && !isDirectory(o.charts)) {
    throw new UsageError(`--charts 应为目录，而 ${o.charts} 是一个文件`);
  }
}

export async function scoreCommand(o: ScoreOptions, io: CliIO): Promise<number> {
  checkPaths(o);
  const method = o.method === undefined ? undefined : await readMethodDocument(o.method);

  let file: XlsxFile;
  try {
    file = await readXlsx(o.workbook);
  } catch (e) {
    if (e instanceof XlsxReadError) throw new UsageError(e.message);
    throw e;
  }

  const today = (io.today ?? (() => localDate()))();
  const outcome = scoreBook({ book: file.book, method, referenceDate: o.referenceDate, today, ballots: ballotSupport });

  if (!outcome.ok && outcome.kind === "method") {
    const source = o.method === undefined ? "考核方法" : `考核方法文件 ${o.method}`;
    for (const e of outcome.errors) io.stderr(`${source} 有误：${e.path}：${e.message}\n`);
    return EXIT.usage;
  }
  if (!outcome.ok) {
    writeDiagnostics(io, [...outcome.errors, ...outcome.warnings]);
    return EXIT.workbook;
  }

  const a = outcome.assessment;
  writeDiagnostics(io, outcome.warnings);

  // Everything to write is produced in memory first: a failure here leaves no file behind.
  const titles = titleInfo(file.book, outcome.input);
  const title = paperTitle(outcome.method.name, titles, a.summary.referenceDate);
  const writes: [string, string | Uint8Array][] = [];
  const robust =
    o.robustness === undefined
      ? undefined
      : robustness(a, outcome.method, { draws: o.robustness.draws, seed: o.robustness.seed });
  if (o.json !== undefined) {
    const doc = {
      ...resultDocument(a, { explain: true }),
      ...(robust ? { robustness: robustnessDocument(robust) } : {}),
    };
    writes.push([o.json, `${JSON.stringify(doc, null, 2)}\n`]);
  }
  if (o.out !== undefined) {
    try {
      let book: Uint8Array;
      if (o.formulas) {
        const layouts = formulaLayouts(
          { book: file.book, input: outcome.input, method: outcome.method, assessment: a },
          { title: resultsTitle(title) },
        );
        // 考核结果 first, so that a workbook without either sheet shows the results before their workings.
        book = await graftSheet(await graftSheet(file.data, layouts.results), layouts.details);
      } else {
        book = await graftSheet(file.data, resultsLayout(a, { title: resultsTitle(title) }));
      }
      writes.push([o.out, book]);
    } catch (e) {
      if (e instanceof GraftError) throw new UsageError(`无法写出 ${o.out}：${e.message}`);
      throw e;
    }
  }

  // The deck too is built before anything is written; it is written last.
  const warnings = new Set<string>();
  let deck: Deck | undefined;
  if (o.pptx !== undefined) {
    // Loaded only when asked for: pptxgenjs, Chart.js and the canvas binding cost start-up time.
    const { nodeDeck } = await import("../deck");
    const built = await nodeDeck(a, {
      font: o.font,
      date: today,
      ...titles,
      portraits: o.pptxPortraits,
      fontFace: o.deckFont,
      ...methodCharts(outcome.method),
    });
    built.warnings.forEach((w) => warnings.add(w));
    deck = built;
  }

  // The papers too: built in memory, written with the other files.
  if (o.report !== undefined || o.letters !== undefined) {
    // Loaded only when asked for: docx, Chart.js and the canvas binding cost start-up time.
    const { nodeLetters, nodeReport } = await import("../papers");
    const paperOpts = { date: today, titles, font: o.font };
    if (o.report !== undefined) {
      const report = await nodeReport(a, outcome.method, paperOpts);
      report.warnings.forEach((w) => warnings.add(w));
      writes.push([o.report, report.bytes]);
    }
    if (o.letters !== undefined) writes.push([o.letters, await nodeLetters(a, outcome.method, paperOpts)]);
  }

  if (!o.quiet) io.stdout(resultsTable(a));
  if (!o.quiet && robust) io.stdout(robustnessTable(robust));

  for (const [path, data] of writes) {
    try {
      await writeFileAtomic(path, data);
    } catch (e) {
      io.stderr(`无法写入 ${path}：${errorCode(e)}\n`);
      return EXIT.usage;
    }
    if (!o.quiet) io.stdout(`已写入 ${path}\n`);
  }

  if (o.charts !== undefined) {
    // Loaded only when asked for: Chart.js and the canvas binding cost start-up time.
    const { writeCharts } = await import("../png");
    let charts: Awaited<ReturnType<typeof writeCharts>>;
    try {
      charts = await writeCharts(a, o.charts, {
        font: o.font,
        date: today,
        ...titles,
        ...methodCharts(outcome.method),
      });
    } catch (e) {
      io.stderr(`无法写出图表到 ${o.charts}：${errorCode(e)}\n`);
      return EXIT.usage;
    }
    charts.warnings.forEach((w) => warnings.add(w));
    if (!o.quiet) io.stdout(`已写入 ${charts.files.length} 张图表到 ${o.charts}\n`);
  }

  if (o.pptx !== undefined && deck !== undefined) {
    try {
      await writeFileAtomic(o.pptx, deck.bytes);
    } catch (e) {
      io.stderr(`无法写入 ${o.pptx}：${errorCode(e)}\n`);
      return EXIT.usage;
    }
    if (!o.quiet) io.stdout(`已写入 ${o.pptx}（会议幻灯片 ${deck.slides.length} 页）\n`);
  }
  for (const w of warnings) io.stderr(`${w}\n`);
  return EXIT.ok;
}
