/**
 * The papers from the command line (`--report`, `--letters`): src/papers/ with the pictures rendered by png.ts
 * (Chart.js on @napi-rs/canvas) in the Chinese font found on the machine or given by --font.
 */
import type { Figure } from "../charts";
import type { Assessment } from "../engine/types";
import type { Method } from "../method/types";
import { renderDocx, type PaperImages } from "../papers/docx";
import { lettersDocument } from "../papers/letters";
import { reportDocument } from "../papers/report";
import type { TitleInfo } from "../workbook/titles";
import { nodeTheme, renderFigurePng, setupChineseFont } from "./png";

export interface NodePapersOptions {
  /** YYYY-MM-DD: the date on the papers and the charts' source lines. */
  date: string;
  titles: TitleInfo;
  /** A font file for the charts (--font). */
  font?: string;
}

/** PNGs at 2×. */
function nodeImages(scale = 2): PaperImages {
  return async (figure: Figure) => new Uint8Array(await renderFigurePng(figure, { scale }));
}

/** The report (.docx) in memory, with the meeting charts as pictures; writes nothing. */
export async function nodeReport(
  a: Assessment,
  method: Method,
  o: NodePapersOptions,
): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const setup = setupChineseFont(o.font);
  const charts = { date: o.date, year: o.titles.year, scope: o.titles.scope, theme: nodeTheme(setup) };
  const doc = reportDocument(a, method, { date: o.date, titles: o.titles, charts });
  return { bytes: await renderDocx(doc, nodeImages()), warnings: setup.warnings };
}

/** The letters (.docx) in memory; they have no pictures. */
export async function nodeLetters(a: Assessment, method: Method, o: NodePapersOptions): Promise<Uint8Array> {
  return renderDocx(lettersDocument(a, method, { date: o.date, titles: o.titles }), nodeImages());
}
