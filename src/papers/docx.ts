/**
 * A PaperDocument as a .docx, with the `docx` library: the one renderer of the papers, for the command line
 * and the pane alike (it runs in Node and in the browser; no Node API, no DOM). Pictures come from the shell
 * as PNG bytes (Node: src/cli/png.ts; browser: a <canvas>), as the deck's do.
 *
 * The look: A4, 宋体 for the text and 黑体 for titles and headings — the faces every Chinese Windows has and
 * that documents of a 组织部 are set in; tables with thin lines, their header row repeated on every page;
 * 第 n 页 共 m 页 in the footer where the section asks for it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from "docx";
import type { Figure } from "../charts";
import type {
  Align,
  Block,
  PaperDocument,
  PaperSection,
  ParagraphBlock,
  PictureBlock,
  Span,
  TableBlock,
  TableCell as PaperCell,
} from "./model";

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The text face and the face of titles and headings. */
export const BODY_FONT = "宋体";
export const HEADING_FONT = "黑体";

/**
 * Renders a figure to PNG at the shell's scale: the file's bytes, or a `data:image/png;base64,…` URL (what a
 * browser's canvas gives). The picture is placed at the figure's own proportions.
 */
export type PaperImages = (figure: Figure) => Promise<Uint8Array | string>;

const TWIPS_PER_CM = 566.93;
const A4 = { width: 21.0, height: 29.7 };
const MARGIN = {
  portrait: { top: 2.5, bottom: 2.2, left: 2.6, right: 2.4 },
  landscape: { top: 2, bottom: 1.8, left: 2, right: 2 },
};
const PX_PER_CM = 96 / 2.54;
/** The tallest a picture may be on a landscape page, with its caption and the footer. */
const PICTURE_MAX_HEIGHT_CM = 14;

/** Sizes in half-points: 二号 22 pt, 三号 16, 小四 12, 五号 10.5, 小五 9. */
const SIZE = { title: 36, heading: 28, body: 21, small: 18, compact: 18, table: 20 } as const;

function textWidthCm(o: PaperSection["orientation"]): number {
  const m = MARGIN[o];
  return (o === "portrait" ? A4.width : A4.height) - m.left - m.right;
}

const ALIGN: Readonly<Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]>> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

function runs(spans: readonly Span[], size: number, font: string, bold = false): TextRun[] {
  return spans.map((s) =>
    typeof s === "string"
      ? new TextRun({ text: s, size, font, bold })
      : new TextRun({
          text: s.text,
          size,
          font,
          bold: bold || s.bold === true,
          ...(s.underline ? { underline: {} } : {}),
        }),
  );
}

function paragraphOf(b: ParagraphBlock): Paragraph {
  const heading = b.style === "title" || b.style === "heading";
  const size = SIZE[b.style === "signature" ? "body" : b.style];
  return new Paragraph({
    children: runs(b.spans, size, heading ? HEADING_FONT : BODY_FONT, heading),
    alignment: ALIGN[b.align ?? (b.style === "title" ? "center" : "justify")],
    pageBreakBefore: b.pageBreakBefore,
    keepNext: b.keepNext,
    keepLines: heading,
    indent: b.indent ? { firstLine: Math.round(size * 10 * 2) } : undefined,
    spacing: {
      before: Math.round((b.spaceBefore ?? (b.style === "heading" ? 6 : 0)) * 20),
      after: b.style === "title" ? 240 : b.style === "heading" ? 80 : 40,
      line: b.style === "title" ? 240 : 300,
    },
  });
}

function cellParagraph(c: PaperCell, align: Align, size: number, header: boolean): Paragraph {
  const text = typeof c === "string" ? c : c.text;
  const bold = header || (typeof c !== "string" && c.bold === true);
  return new Paragraph({
    children: [new TextRun({ text, size, font: header ? HEADING_FONT : BODY_FONT, bold })],
    alignment: ALIGN[(typeof c !== "string" && c.align) || (header ? "center" : align)],
    spacing: { before: 0, after: 0, line: 260 },
  });
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };
const HEADER_FILL = "E7ECF4";

function tableOf(b: TableBlock, widthCm: number): Table {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => Math.round((c.width / total) * widthCm * TWIPS_PER_CM));
  const size = b.compact ? SIZE.compact : SIZE.table;
  const cell = (c: PaperCell, i: number, header: boolean) =>
    new TableCell({
      children: [cellParagraph(c, b.columns[i].align ?? "left", size, header)],
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: 70, right: 70 },
      ...(header ? { shading: { fill: HEADER_FILL } } : {}),
    });
  const rows: TableRow[] = [];
  if (!b.noHeader) {
    rows.push(
      new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.header, i, true)) }),
    );
  }
  for (const r of b.rows) rows.push(new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) }));
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

async function pictureOf(b: PictureBlock, widthCm: number, images: PaperImages): Promise<Paragraph[]> {
  const png = await images(b.figure);
  // The figure's own proportions, as wide as the text or as tall as the page allows.
  const aspect = b.figure.height / b.figure.width;
  let w = widthCm;
  if (w * aspect > PICTURE_MAX_HEIGHT_CM) w = PICTURE_MAX_HEIGHT_CM / aspect;
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: "png",
          data: png,
          transformation: { width: Math.round(w * PX_PER_CM), height: Math.round(w * aspect * PX_PER_CM) },
          altText: { name: b.figure.fileName, description: b.caption, title: b.caption },
        }),
      ],
      alignment: AlignmentType.CENTER,
      pageBreakBefore: b.pageBreakBefore,
      keepNext: true,
      spacing: { before: 120, after: 60 },
    }),
    new Paragraph({
      children: [new TextRun({ text: b.caption, size: SIZE.small, font: BODY_FONT })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
    }),
  ];
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"],
            size: SIZE.small,
            font: BODY_FONT,
          }),
        ],
      }),
    ],
  });
}

async function blocksOf(
  blocks: readonly Block[],
  widthCm: number,
  images: PaperImages,
): Promise<(Paragraph | Table)[]> {
  const out: (Paragraph | Table)[] = [];
  for (const b of blocks) {
    if (b.kind === "paragraph") out.push(paragraphOf(b));
    else if (b.kind === "table") {
      out.push(tableOf(b, widthCm));
      // Word needs a paragraph between two tables, or it joins them into one.
      out.push(new Paragraph({ children: [], spacing: { before: 0, after: 60 } }));
    } else out.push(...(await pictureOf(b, widthCm, images)));
  }
  return out;
}

async function sectionOf(s: PaperSection, images: PaperImages): Promise<ISectionOptions> {
  const m = MARGIN[s.orientation];
  const cm = (x: number) => Math.round(x * TWIPS_PER_CM);
  return {
    properties: {
      page: {
        // Given as portrait sizes: with the landscape orientation the library swaps them.
        size: {
          width: cm(A4.width),
          height: cm(A4.height),
          orientation: s.orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: cm(m.top), bottom: cm(m.bottom), left: cm(m.left), right: cm(m.right), footer: cm(1) },
      },
    },
    ...(s.pageNumbers ? { footers: { default: pageFooter() } } : {}),
    children: await blocksOf(s.blocks, textWidthCm(s.orientation), images),
  };
}

/** The document as the bytes of a .docx file. `images` is asked for each picture, in order. */
export async function renderDocx(doc: PaperDocument, images: PaperImages): Promise<Uint8Array> {
  const sections: ISectionOptions[] = [];
  for (const s of doc.sections) sections.push(await sectionOf(s, images));
  const file = new Document({
    title: doc.title,
    creator: "考评 Kaoping",
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: SIZE.body },
        },
      },
    },
    sections,
  });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}
