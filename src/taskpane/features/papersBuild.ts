/**
 * The papers in the browser: the same builders and renderer as the command line (src/papers/), with the
 * charts drawn on a <canvas> (chartsRender.ts), and the file handed to the browser as a download. A chunk of
 * its own (features/papers.ts imports it when a paper is first asked for).
 */
import type { Figure } from "../../charts";
import { DOCX_MIME, renderDocx } from "../../papers/docx";
import { lettersDocument, lettersFileName } from "../../papers/letters";
import { reportDocument, reportFileName } from "../../papers/report";
import type { PaneState, PaperKind } from "../app";
import { downloadBlob, figureDataUrl, pause } from "./chartsRender";
import { fileSize } from "./chartsModel";

/** The charts at 2×, as PNG data URLs (what docx takes as it is); a pause between them keeps the pane painting. */
async function canvasImage(figure: Figure): Promise<string> {
  await pause();
  return figureDataUrl(figure, 2);
}

/** Builds the paper of the last run and starts its download; gives its name and size for the pane to say. */
export async function buildPaper(
  kind: PaperKind,
  scored: NonNullable<PaneState["scored"]>,
  date: string,
): Promise<{ name: string; size: string }> {
  const { assessment: a, method, titles } = scored;
  const doc =
    kind === "report"
      ? reportDocument(a, method, { date, titles, charts: { date, year: titles.year, scope: titles.scope } })
      : lettersDocument(a, method, { date, titles });
  const bytes = await renderDocx(doc, canvasImage);
  const name = kind === "report" ? reportFileName(a, titles) : lettersFileName(a, titles);
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: DOCX_MIME });
  downloadBlob(blob, name);
  return { name, size: fileSize(blob.size) };
}
