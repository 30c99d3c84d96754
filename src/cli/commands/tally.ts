/**
 * `tally`: the ballots of 测评票 tallied into 民主测评 (docs/method.md §11.3), written into a copy of the workbook
 * as `score --out` writes 考核结果 (grafted: every other part of the package stays byte for byte). Exit codes as
 * `score`: the invalid ballots and the void units are warnings on stderr, each at its cell.
 */
import { tallyBook } from "../../app/tally";
import type { TallyOptions } from "../args";
import { checkOutputs, type NamedPath, readMethodDocument, writeOutputs } from "../files";
import { GraftError, graftSheet } from "../graft";
import { type CliIO, diagnosticLine, EXIT, UsageError } from "../io";
import { copyNameProblem, readXlsx, type XlsxFile, XlsxReadError } from "../xlsx";

/** Reads the workbook given on the command line; an unreadable file is a usage error (exit 2). */
export async function readInputWorkbook(path: string, out?: string): Promise<XlsxFile> {
  let file: XlsxFile;
  try {
    file = await readXlsx(path);
  } catch (e) {
    if (e instanceof XlsxReadError) throw new UsageError(e.message);
    throw e;
  }
  const badCopy = out === undefined ? null : copyNameProblem(out, file.data);
  if (badCopy !== null) throw new UsageError(badCopy);
  return file;
}

export async function tallyCommand(o: TallyOptions, io: CliIO): Promise<number> {
  const inputs: NamedPath[] = [[o.workbook, "输入工作簿"]];
  if (o.method !== undefined) inputs.push([o.method, "考核方法文件"]);
  checkOutputs(inputs, [[o.out, "--out"]]);
  const method = o.method === undefined ? undefined : await readMethodDocument(o.method);
  const file = await readInputWorkbook(o.workbook, o.out);

  const outcome = tallyBook({ book: file.book, method });
  if (!outcome.ok && outcome.kind === "method") {
    const source = o.method === undefined ? "考核方法" : `考核方法文件 ${o.method}`;
    for (const e of outcome.errors) io.stderr(`${source} 有误：${e.path}：${e.message}\n`);
    return EXIT.usage;
  }
  if (!outcome.ok) {
    for (const d of outcome.errors) io.stderr(`${diagnosticLine(d)}\n`);
    for (const d of outcome.warnings) io.stderr(`${diagnosticLine(d)}\n`);
    return EXIT.workbook;
  }
  for (const d of outcome.warnings) io.stderr(`${diagnosticLine(d)}\n`);

  let book: Uint8Array;
  try {
    book = await graftSheet(file.data, outcome.layout);
  } catch (e) {
    if (e instanceof GraftError) throw new UsageError(`无法写出 ${o.out}：${e.message}`);
    throw e;
  }
  const t = outcome.tally;
  if (!o.quiet) {
    io.stdout(
      `汇总测评票：共 ${t.ballots} 张，有效 ${t.valid} 张，无效 ${t.invalid.length} 张；民主测评 ${t.votes.length} 行\n`,
    );
    for (const v of t.voidUnits) io.stdout(`${v.unit}：${v.reason}，民主测评无效\n`);
  }
  await writeOutputs(inputs, [[o.out, "--out", book]]);
  if (!o.quiet) io.stdout(`已写入 ${o.out}\n`);
  return EXIT.ok;
}
