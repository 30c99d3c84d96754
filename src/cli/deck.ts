/**
 * The meeting deck from the command line: src/deck/deck.ts with pictures rendered by png.ts (Chart.js on
 * @napi-rs/canvas, 2×) in the Chinese font found on the machine or given by --font.
 */
import type { Figure } from "../charts";
import { buildDeck, type Deck, type DeckOptions, type ImageProvider } from "../deck/deck";
import type { Assessment } from "../engine/types";
import type { GradeBand } from "../method/types";
import { nodeTheme, renderFigurePng, setupChineseFont } from "./png";
import { writeFileAtomic } from "./files";

export interface WriteDeckOptions {
  /** A font file for the pictures (--font); the slides' own text is set in `fontFace`. */
  font?: string;
  /** YYYY-MM-DD for the source lines and the title slide. */
  date: string;
  year?: string;
  scope?: string;
  portraits: DeckOptions["portraits"];
  /** Pixels per CSS px of the pictures; default 2. */
  scale?: number;
  /** The face of the slides' text (--deck-font); default 微软雅黑. */
  fontFace?: string;
  /** The method's grade bands and quota group column, for the charts. */
  bands?: readonly GradeBand[];
  quotaGroupColumn?: string | null;
}

/** PNG data URLs rendered in Node. */
export function nodeImages(scale = 2): ImageProvider {
  return async (figure: Figure) =>
    `data:image/png;base64,${(await renderFigurePng(figure, { scale })).toString("base64")}`;
}

/** Builds the deck in memory (Node's font and pictures); writes nothing. */
export async function nodeDeck(a: Assessment, opts: WriteDeckOptions): Promise<Deck & { warnings: string[] }> {
  const setup = setupChineseFont(opts.font);
  const deck = await buildDeck(a, {
    date: opts.date,
    year: opts.year,
    scope: opts.scope,
    portraits: opts.portraits,
    fontFace: opts.fontFace,
    bands: opts.bands,
    quotaGroupColumn: opts.quotaGroupColumn,
    theme: nodeTheme(setup),
    images: nodeImages(opts.scale ?? 2),
  });
  return { ...deck, warnings: setup.warnings };
}

/** Builds the deck and writes it to `file` all or nothing (a temporary file renamed into place). */
export async function writeDeck(
  a: Assessment,
  file: string,
  opts: WriteDeckOptions,
): Promise<{ slides: Deck["slides"]; warnings: string[] }> {
  const deck = await nodeDeck(a, opts);
  await writeFileAtomic(file, deck.bytes);
  return { slides: deck.slides, warnings: deck.warnings };
}
