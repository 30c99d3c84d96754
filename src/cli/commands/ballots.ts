/**
 * `ballots`: a blank ballot per unit of 考核对象 (docs/method.md §11), ready to print — the sheet 测评票（空白） grafted
 * into a copy of the workbook (A4 portrait, one unit per page, manual page breaks between units).
 */
import { resolveMethod } from "../../app/score";
import { blankBallotsLayout } from "../../workbook/ballotLayout";
import type { BallotsOptions } from "../args";
import { checkOutputs, type NamedPath, readMethodDocument, writeOutputs } from "../files";
import { GraftError, graftSheet } from "../graft";
import { type CliIO, diagnosticLine, EXIT, UsageError } from "../io";
import { readInputWorkbook } from "./tally";
import { readLeadersOnly } from "../../workbook/read/ballotBook";

export async function ballotsCommand(o: BallotsOptions, io: CliIO): Promise<number> {
  const inputs: NamedPath[] = [[o.workbook, "输入工作簿"]];
  if (o.method !== undefined) inputs.push([o.method, "考核方法文件"]);
  checkOutputs(inputs, [[o.out, "--out"]]);
  const doc = o.method === undefined ? undefined : await readMethodDocument(o.method);
  const file = await readInputWorkbook(o.workbook, o.out);

  const source = resolveMethod(file.book, doc);
  if (!source.ok && source.kind === "method") {
    const where = o.method === undefined ? "考核方法" : `考核方法文件 ${o.method}`;
    for (const e of source.errors) io.stderr(`${where} 有误：${e.path}：${e.message}\n`);
    return EXIT.usage;
  }
  if (!source.ok) {
    for (const d of source.errors) io.stderr(`${diagnosticLine(d)}\n`);
    return EXIT.workbook;
  }
  const read = readLeadersOnly(file.book, source.method);
  if (read.errors.length > 0) {
    for (const d of read.errors) io.stderr(`${diagnosticLine(d)}\n`);
    for (const d of read.warnings) io.stderr(`${diagnosticLine(d)}\n`);
    return EXIT.workbook;
  }
  for (const d of read.warnings) io.stderr(`${diagnosticLine(d)}\n`);
  const ballots = blankBallotsLayout(read.leaders, source.method, { overall: o.overall });

  let book: Uint8Array;
  try {
    book = await graftSheet(file.data, ballots.layout);
  } catch (e) {
    if (e instanceof GraftError) throw new UsageError(`无法写出 ${o.out}：${e.message}`);
    throw e;
  }
  if (!o.quiet) {
    io.stdout(
      `空白测评票：${ballots.units.length} 个单位，每单位一页（${ballots.units.map((u) => `${u.unit} ${u.leaders} 人`).join("，")}）\n`,
    );
  }
  await writeOutputs(inputs, [[o.out, "--out", book]]);
  if (!o.quiet) io.stdout(`已写入 ${o.out}（工作表“${ballots.layout.sheet}”）\n`);
  return EXIT.ok;
}
