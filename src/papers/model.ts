/**
 * The printed papers as plain data (issue 8, items 4 and 5): the report and the letters are built from an
 * Assessment into a PaperDocument by pure functions (report.ts, letters.ts), and one renderer
 * (docx.ts, with the `docx` library) writes any PaperDocument as a .docx, in Node and in the browser alike —
 * so the pane and the command line give the same file. No Node, DOM or Office.js here.
 *
 * Every text is text: a name that starts with = + - @ is a run of characters in Word, never a formula.
 */
import type { Figure } from "../charts";

export type Align = "left" | "center" | "right" | "justify";

/** A piece of a paragraph; a string is plain. */
export type Span = string | { text: string; bold?: boolean; underline?: boolean };

export interface ParagraphBlock {
  kind: "paragraph";
  /**
   * title: the document's title (黑体, large); heading: a section's heading (黑体); body: running text; small:
   * notes under a table; signature: the sign-off lines.
   */
  style: "title" | "heading" | "body" | "small" | "signature";
  spans: Span[];
  align?: Align;
  /** Indent the first line by two characters, as Chinese running text is set. */
  indent?: boolean;
  pageBreakBefore?: boolean;
  /** Keep on the page of the next block (a heading with its table). */
  keepNext?: boolean;
  /** Extra space above, in points. */
  spaceBefore?: number;
}

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  width: number;
  align?: Align;
}

export type TableCell = string | { text: string; bold?: boolean; align?: Align };

export interface TableBlock {
  kind: "table";
  columns: TableColumn[];
  rows: TableCell[][];
  /** Smaller type (a wide table). */
  compact?: boolean;
  /** A table without a header row (label | value pairs): `columns` give the widths only. */
  noHeader?: boolean;
}

export interface PictureBlock {
  kind: "picture";
  figure: Figure;
  /** Under the picture. */
  caption: string;
  pageBreakBefore?: boolean;
}

export type Block = ParagraphBlock | TableBlock | PictureBlock;

export interface PaperSection {
  orientation: "portrait" | "landscape";
  blocks: Block[];
  /** 第 n 页 共 m 页 at the foot of every page of the section. */
  pageNumbers: boolean;
}

export interface PaperDocument {
  /** The file's title property (Word's 文件 › 信息). */
  title: string;
  sections: PaperSection[];
}

export function paragraph(
  style: ParagraphBlock["style"],
  spans: Span | Span[],
  more: Omit<ParagraphBlock, "kind" | "style" | "spans"> = {},
): ParagraphBlock {
  return { kind: "paragraph", style, spans: Array.isArray(spans) ? spans : [spans], ...more };
}

/** The text of a span or a cell. */
export function spanText(s: Span | TableCell): string {
  return typeof s === "string" ? s : s.text;
}

/** Every text of a document in reading order, one string a paragraph or a table row (cells joined by tabs). */
export function documentText(doc: PaperDocument): string[] {
  const out: string[] = [];
  for (const s of doc.sections) {
    for (const b of s.blocks) {
      if (b.kind === "paragraph") out.push(b.spans.map(spanText).join(""));
      else if (b.kind === "picture") out.push(b.caption);
      else {
        if (!b.noHeader) out.push(b.columns.map((c) => c.header).join("\t"));
        for (const r of b.rows) out.push(r.map(spanText).join("\t"));
      }
    }
  }
  return out;
}
