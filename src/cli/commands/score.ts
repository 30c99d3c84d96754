/** `score`: read, score, print, and only then write the outputs (docs/method.md §8). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { resultDocument, robustnessDocument } from "../../app/report";
import { robustness } from "../../engine/robustness";
import { ballotSupport } from "../../app/ballots";
import { scoreBook } from "../../app/score";
import type { Deck } from "../../deck/deck";
import type { Diagnostic } from "../../workbook/diagnostic";
import type { Method } from "../../method/types";
import { streamedFormulaLayouts } from "../../workbook/formulas";
import { paperTitle, resultsTitle } from "../../papers/title";
import { resultsLayout } from "../../workbook/layout";
import { titleInfo } from "../../workbook/titles";
import type { ScoreOptions } from "../args";
import {
  checkOutputs,
  isDirectory,
  isFile,
  jsonPieces,
  type NamedPath,
  OutputError,
  OutputStage,
  readMethodDocument,
  staleCharts,
} from "../files";
import { GraftError, graftSheetsPieces } from "../graft";
import { type CliIO, diagnosticLine, EXIT, jsonForTerminal, localDate, STDOUT, UsageError } from "../io";
import { resultsTable, robustnessTable } from "../table";
import { copyNameProblem, readXlsx, type XlsxFile, XlsxReadError } from "../xlsx";

/**
 * The most 个人考核画像 slides a deck takes: each is a picture of about 0.4 MB held in memory until the deck is
 * zipped (README, 命令行: the limits measured).
 */
export const MAX_DECK_PORTRAITS = 300;

/** One line per diagnostic, written in one piece: tens of thousands of lines are one write, not one each. */
function writeDiagnostics(io: CliIO, list: readonly Diagnostic[]): void {
  if (list.length > 0) io.stderr(list.map((d) => `${diagnosticLine(d)}\n`).join(""));
}

/** What the charts take from the method: the grade bands they draw, the quota group column they name. */
function methodCharts(m: Method): { bands: Method["grades"]["bands"]; quotaGroupColumn: string | null } {
  return { bands: m.grades.bands, quotaGroupColumn: m.grades.quotaGroupColumn };
}

/** The text of a JSON file, a piece at a time. */
function* jsonFileText(doc: unknown): Generator<string> {
  yield* jsonPieces(doc);
  yield "\n";
}

/** The files the run reads: no output may replace one of them. */
function inputsOf(o: ScoreOptions): NamedPath[] {
  const inputs: NamedPath[] = [[o.workbook, "输入工作簿"]];
  if (o.method !== undefined) inputs.push([o.method, "考核方法文件"]);
  if (o.font !== undefined) inputs.push([o.font, "--font 字体文件"]);
  return inputs;
}

function checkPaths(o: ScoreOptions): void {
  const outputs: NamedPath[] = [];
  if (o.out !== undefined) outputs.push([o.out, "--out"]);
  if (o.json !== undefined && o.json !== STDOUT) outputs.push([o.json, "--json"]);
  if (o.pptx !== undefined) outputs.push([o.pptx, "--pptx"]);
  if (o.report !== undefined) outputs.push([o.report, "--report"]);
  if (o.letters !== undefined) outputs.push([o.letters, "--letters"]);
  if (o.font !== undefined && o.charts === undefined && o.pptx === undefined && o.report === undefined) {
    throw new UsageError("--font 只在给出 --charts、--pptx 或 --report 时使用");
  }
  if (o.font !== undefined && !isFile(o.font)) throw new UsageError(`找不到字体文件：${o.font}`);
  checkOutputs(inputsOf(o), outputs);
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
  const badCopy = o.out === undefined ? null : copyNameProblem(o.out, file.data);
  if (badCopy !== null) throw new UsageError(badCopy);

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
  if (o.pptxPortraits && a.leaders.length > MAX_DECK_PORTRAITS) {
    throw new UsageError(
      `--pptx-portraits 每人一页，最多 ${MAX_DECK_PORTRAITS} 人，本工作簿有 ${a.leaders.length} 人（幻灯片会过大、生成很慢）：` +
        "请去掉 --pptx-portraits；每人的考核画像可用 --charts <目录> 写成 PNG（逐张写出，不受人数限制）",
    );
  }
  writeDiagnostics(io, outcome.warnings);

  // Every output goes to a temporary file as it is produced; only when all are there are they renamed into
  // place, so that a failure anywhere leaves every earlier file as it was.
  const stage = new OutputStage(inputsOf(o));
  const warnings = new Set<string>();
  /** With `--json -` stdout carries the JSON alone: the table is left out and the notes go to stderr. */
  const jsonToStdout = o.json === STDOUT;
  const note = (text: string) => (jsonToStdout ? io.stderr(text) : io.stdout(text));
  const written: string[] = [];
  let jsonText: string | undefined;
  try {
    const titles = titleInfo(file.book, outcome.input);
    const title = paperTitle(outcome.method.name, titles, a.summary.referenceDate);
    const robust =
      o.robustness === undefined
        ? undefined
        : robustness(a, outcome.method, { draws: o.robustness.draws, seed: o.robustness.seed });
    if (o.json !== undefined) {
      const doc = {
        ...resultDocument(a, { explain: true }),
        ...(robust ? { robustness: robustnessDocument(robust) } : {}),
      };
      if (jsonToStdout) jsonText = `${JSON.stringify(doc, null, 2)}\n`;
      else {
        // Written a piece at a time: the text of 10,000 leaders is 250 MB as one string.
        await stage.add(o.json, "--json", jsonFileText(doc));
        written.push(`已写入 ${o.json}\n`);
      }
    }
    if (o.out !== undefined) {
      let book: Uint8Array[];
      try {
        if (o.formulas) {
          // 计算明细's rows are made as the graft writes them (hundreds of thousands of formulas never all held).
          const layouts = streamedFormulaLayouts(
            { book: file.book, input: outcome.input, method: outcome.method, assessment: a },
            { title: resultsTitle(title) },
          );
          // 考核结果 first, so that a workbook without either sheet shows the results before their workings.
          book = await graftSheetsPieces(file.data, [layouts.results, layouts.details]);
        } else {
          book = await graftSheetsPieces(file.data, [resultsLayout(a, { title: resultsTitle(title) })]);
        }
      } catch (e) {
        if (e instanceof GraftError) throw new UsageError(`无法写出 ${o.out}：${e.message}`);
        throw e;
      }
      await stage.add(o.out, "--out", book);
      written.push(`已写入 ${o.out}\n`);
    }

    if (o.report !== undefined || o.letters !== undefined) {
      // Loaded only when asked for: docx, Chart.js and the canvas binding cost start-up time.
      const { nodeLetters, nodeReport } = await import("../papers");
      const paperOpts = { date: today, titles, font: o.font };
      if (o.report !== undefined) {
        const report = await nodeReport(a, outcome.method, paperOpts);
        report.warnings.forEach((w) => warnings.add(w));
        await stage.add(o.report, "--report", report.bytes);
        written.push(`已写入 ${o.report}\n`);
      }
      if (o.letters !== undefined) {
        await stage.add(o.letters, "--letters", await nodeLetters(a, outcome.method, paperOpts));
        written.push(`已写入 ${o.letters}\n`);
      }
    }

    if (o.charts !== undefined) {
      // Loaded only when asked for: Chart.js and the canvas binding cost start-up time.
      const { renderCharts } = await import("../png");
      const dir = o.charts;
      await stage.directory(dir, "--charts");
      const names = new Set<string>();
      const charts = await renderCharts(
        a,
        { font: o.font, date: today, ...titles, ...methodCharts(outcome.method) },
        async (name, png) => {
          names.add(name);
          await stage.add(join(dir, name), "--charts", png);
        },
      );
      charts.warnings.forEach((w) => warnings.add(w));
      // PNGs named as this command names them, left from an earlier run (a leader no longer assessed, a chart
      // with fewer pages): removed with the commit, so that the folder shows this run only. Other files stay.
      const stale = await staleCharts(dir, names);
      stage.removeAtCommit(stale);
      const removed = stale.length > 0 ? `，并删除了上次生成、本次没有的 ${stale.length} 张旧图表` : "";
      written.push(`已写入 ${names.size} 张图表到 ${dir}${removed}\n`);
    }

    if (o.pptx !== undefined) {
      // Loaded only when asked for: pptxgenjs, Chart.js and the canvas binding cost start-up time.
      const { nodeDeck } = await import("../deck");
      const deck: Deck & { warnings: string[] } = await nodeDeck(a, {
        font: o.font,
        date: today,
        ...titles,
        portraits: o.pptxPortraits,
        fontFace: o.deckFont,
        ...methodCharts(outcome.method),
      });
      deck.warnings.forEach((w) => warnings.add(w));
      await stage.add(o.pptx, "--pptx", deck.bytes);
      written.push(`已写入 ${o.pptx}（会议幻灯片 ${deck.slides.length} 页）\n`);
    }

    if (!o.quiet && !jsonToStdout) io.stdout(resultsTable(a));
    if (!o.quiet && !jsonToStdout && robust) io.stdout(robustnessTable(robust));
    await stage.commit();
  } catch (e) {
    if (e instanceof OutputError) {
      io.stderr(`${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  } finally {
    await stage.abort();
  }
  if (jsonToStdout && jsonText !== undefined) io.stdout(jsonForTerminal(jsonText));
  if (!o.quiet) note(written.join(""));
  for (const w of warnings) io.stderr(`${w}\n`);
  return EXIT.ok;
}
