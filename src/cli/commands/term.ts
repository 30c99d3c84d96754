/** `term`: several years' 考核结果 brought together per leader (任期考核). */
import { basename } from "node:path";
import { termResults, yearOf, type TermYearInput } from "../../app/term";
import { SHEETS } from "../../workbook/input";
import { termLayout } from "../../workbook/termLayout";
import type { TermOptions } from "../args";
import { checkOutputs, type NamedPath, writeOutputs } from "../files";
import { GraftError, graftSheet } from "../graft";
import { type CliIO, diagnosticLine, EXIT, jsonForTerminal, STDOUT, UsageError } from "../io";
import { renderTable, type TableColumn } from "../table";
import { copyNameProblem, readXlsx, type XlsxFile, XlsxReadError } from "../xlsx";

export async function termCommand(o: TermOptions, io: CliIO): Promise<number> {
  const outputs: NamedPath[] = [];
  if (o.json !== undefined && o.json !== STDOUT) outputs.push([o.json, "--json"]);
  if (o.out !== undefined) outputs.push([o.out, "--out"]);
  const workbooks = o.workbooks.map((w, i): NamedPath => [w, `第 ${i + 1} 个工作簿`]);
  checkOutputs(workbooks, outputs);
  /** With `--json -` stdout carries the JSON alone: the table is left out and the notes go to stderr. */
  const jsonToStdout = o.json === STDOUT;
  const files: XlsxFile[] = [];
  const inputs: TermYearInput[] = [];
  for (const [i, path] of o.workbooks.entries()) {
    let file: XlsxFile;
    try {
      file = await readXlsx(path);
    } catch (e) {
      if (e instanceof XlsxReadError) throw new UsageError(e.message);
      throw e;
    }
    files.push(file);
    const find = (name: string) => file.book.find((g) => g.name.trim() === name);
    const results = find(SHEETS.results);
    if (!results) throw new UsageError(`${path} 没有“考核结果”表（请先用 score --out 或加载项的“计算”生成）`);
    // Cells are named with their file, as Excel names another workbook's cells: [2024年考核.xlsx]考核结果!A3.
    const tag = (name: string) => `[${basename(path)}]${name}`;
    const leaders = find(SHEETS.leaders);
    inputs.push({
      year: yearOf(basename(path)) ?? i + 1,
      results: { ...results, name: tag(results.name) },
      leaders: leaders ? { ...leaders, name: tag(leaders.name) } : undefined,
      weight: o.weights[i],
    });
  }
  for (let i = 1; i < inputs.length; i++) {
    if (inputs[i].year <= inputs[i - 1].year) {
      throw new UsageError(
        `工作簿应按年度先后给出：${o.workbooks[i - 1]}（${inputs[i - 1].year}）在 ${o.workbooks[i]}（${inputs[i].year}）之前`,
      );
    }
  }

  const badCopy = o.out === undefined ? null : copyNameProblem(o.out, files[files.length - 1].data);
  if (badCopy !== null) throw new UsageError(badCopy);

  const outcome = termResults(inputs);
  if (!outcome.ok) {
    for (const d of outcome.errors) io.stderr(`${diagnosticLine(d)}\n`);
    return EXIT.workbook;
  }

  const writes: [string, string, string | Uint8Array][] = [];
  let jsonText: string | undefined;
  if (o.json !== undefined) {
    const doc = {
      years: outcome.years,
      leaders: outcome.leaders.map((l) => ({
        name: l.name,
        unit: l.unit,
        years: l.years.map((y) => ({ year: y.year, final: y.final, grade: y.grade })),
        termScore: l.termScore,
        missingYears: l.missingYears,
        flags: l.flags,
      })),
    };
    jsonText = `${JSON.stringify(doc, null, 2)}\n`;
    if (!jsonToStdout) writes.push([o.json, "--json", jsonText]);
  }
  if (o.out !== undefined) {
    try {
      writes.push([
        o.out,
        "--out",
        await graftSheet(files[files.length - 1].data, termLayout(outcome.years, outcome.leaders)),
      ]);
    } catch (e) {
      if (e instanceof GraftError) throw new UsageError(`无法写出 ${o.out}：${e.message}`);
      throw e;
    }
  }

  if (!o.quiet && !jsonToStdout) {
    const columns: TableColumn[] = [
      { header: "姓名", align: "left" },
      { header: "单位", align: "left" },
      ...outcome.years.map((y): TableColumn => ({ header: String(y.year), align: "left" })),
      { header: "任期得分", align: "right" },
      { header: "说明", align: "left" },
    ];
    const rows = outcome.leaders.map((l) => {
      const byYear = new Map(l.years.map((y) => [y.year, y]));
      return [
        l.name,
        l.unit,
        ...outcome.years.map((y) => {
          const x = byYear.get(y.year);
          return x ? `${x.final === null ? "-" : x.final.toFixed(2)} ${x.grade}` : "（无）";
        }),
        l.termScore === null ? "-" : l.termScore.toFixed(2),
        [
          ...l.flags.map((f) => f.message),
          ...(l.missingYears.length ? [`缺少 ${l.missingYears.join("、")} 年度`] : []),
        ].join("；"),
      ];
    });
    io.stdout(`${renderTable(columns, rows).join("\n")}\n`);
  }
  await writeOutputs(workbooks, writes);
  if (jsonText !== undefined && jsonToStdout) io.stdout(jsonForTerminal(jsonText));
  if (!o.quiet) {
    for (const [path] of writes) (jsonToStdout ? io.stderr : io.stdout)(`已写入 ${path}\n`);
  }
  return EXIT.ok;
}
