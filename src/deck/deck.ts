/**
 * The meeting deck (issue 4, item 5): a 16:9 .pptx built with pptxgenjs, the same in the browser and in
 * Node — no Node API, no DOM here. Images come from the shell through an ImageProvider (Node: png.ts on
 * @napi-rs/canvas; browser: a <canvas>).
 *
 * Slides, in order:
 * 1. A title slide: year, scope, 企业党组织负责人考核评价结果, the number of leaders, the date.
 * 2. The decisions (issue 8): 优秀等次的确定, the waterfall from those who reached the 优秀 line to those rated
 *    优秀 (a native stacked column chart), and 需集体研究事项, every leader whose grade a rule decided or who
 *    needs the committee (a native table, a slide per 12 rows).
 * 3. One slide per meeting figure 01–06 (a paged chart gives a slide per page): native, editable charts
 *    built from each chart's `table` — 综合得分排名 (bar, coloured per point by grade, with the band lines,
 *    the quota cut and the badges as shapes), 等次分布 (column), 工作业绩 × 民主测评 (scatter, a series per
 *    grade, the iso-lines and names as shapes), 测评票构成 (100% stacked bar, the 2/3 line) — 民主测评分项 as
 *    a native table, and 经营指标完成情况 as a picture (variance panels side by side: as a native chart the
 *    panels would be series whose data sheet no longer says what the chart shows). A chart with no data rows
 *    is a picture, which says so.
 * 4. On request, a 个人考核画像 per leader, laid out natively from the page's blocks: the text is text (a
 *    name or position can be corrected in PowerPoint), the 德能勤廉 radar and the votes are native charts, the
 *    leader's indicators a picture under a native caption.
 * Every slide after the first has its title natively in one place, at one size (no title is baked into a
 * picture: pictures are rendered bare, ChartOptions.bare); every text is in one face (fontFace, 微软雅黑 by
 * default, named so that PowerPoint on Windows finds it without extra fonts, Latin and East-Asian slots
 * both; `--deck-font` names another); the 仅供会议使用 mark and the slide number (slide master), a source line
 * and speaker notes with the chart's notes.
 */
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import {
  defaultTheme,
  DEFAULT_SCOPE,
  leaderIndicatorsChart,
  leaderPortraits,
  meetingFigures,
  type ChartKind,
  type ChartOptions,
  type ChartSpec,
  type Figure,
  type PageSpec,
  type Theme,
} from "../charts";
import type { GradeBand } from "../method/types";
import { frameOf } from "../charts/frame";
import type { Assessment } from "../engine/types";
import { inch, SLIDE_H, SLIDE_W, SlideCanvas, type Rect } from "./draw";
import {
  compactHeader,
  distributionChart,
  drawHeader,
  drawSource,
  heatmapSlide,
  isNative,
  leaderRadarChart,
  leaderVotesChart,
  MARGIN,
  MARK_ROOM,
  mattersSlide,
  quadrantChart,
  rankingChart,
  SOURCE_Y,
  votesChart,
  waterfallChart,
  type ChartPatch,
} from "./native";
import { patchChartFonts, patchThemeFonts } from "./ooxml";

/**
 * The face every text is set in. Windows has had 微软雅黑 since Vista; its English family name is what
 * PowerPoint writes in files saved on an English system and resolves on a Chinese one alike (and LibreOffice
 * and macOS Office map it to their own Chinese sans-serif when it is missing).
 */
export const DECK_FONT = "Microsoft YaHei";
export const DECK_LANG = "zh-CN";
export const MEETING_MARK = "仅供会议使用";
export const PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const MASTER = "KAOPING";

/** Renders a chart or a page to a PNG as a data URL (`data:image/png;base64,…`), at the shell's scale. */
export type ImageProvider = (figure: Figure) => Promise<string>;

export interface DeckOptions {
  /** YYYY-MM-DD: the source lines and the title slide. */
  date: string;
  /** "2025": 2025年度. Default: the year of the assessment's reference date. */
  year?: string;
  /** The group assessed (恒川能源集团), under every chart title and on the title slide. */
  scope?: string;
  /** 个人考核画像 slides: none, every leader (true or "all"), or the leaders of these indexes (LeaderResult.index). */
  portraits: boolean | "all" | readonly number[];
  images: ImageProvider;
  /** The title slide's main line; default `${year}年度企业党组织负责人考核评价结果`. */
  title?: string;
  /** The theme the charts and pictures are built with (Node: nodeTheme, so that the registered font is used). */
  theme?: Theme;
  /** The face of every text; default DECK_FONT. */
  fontFace?: string;
  /** The method's grade bands and quota group column, for the charts (ChartOptions). */
  bands?: readonly GradeBand[];
  quotaGroupColumn?: string | null;
}

export type DeckSlideKind = "title" | "chart" | "table" | "picture" | "portrait";

export interface DeckSlide {
  kind: DeckSlideKind;
  /** The figure's id ("01-ranking-2", "portrait-3"), "title" for the title slide. */
  id: string;
  title: string;
  /** Native charts on the slide. */
  charts: number;
  /** Pictures on the slide. */
  pictures: number;
}

export interface Deck {
  /** The .pptx file. In the browser: `new Blob([deck.bytes], { type: PPTX_MIME })`. */
  bytes: Uint8Array;
  slides: DeckSlide[];
}

/** "2026-01-15" → "2026年1月15日". */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** A file name for the deck: 2025年度考核评价会议材料.pptx. */
export function deckFileName(a: Assessment, opts: Pick<DeckOptions, "date" | "year">): string {
  return `${frameOf(a, { date: opts.date, year: opts.year }).year}年度考核评价会议材料.pptx`;
}

function portraitPages(a: Assessment, chartOpts: ChartOptions, which: DeckOptions["portraits"]): PageSpec[] {
  if (which === false) return [];
  const pages = leaderPortraits(a, chartOpts);
  if (which === true || which === "all") return pages;
  const wanted = new Set(which);
  return pages.filter((p) => p.leader !== undefined && wanted.has(p.leader));
}

/** Builds the deck; see the module comment for what it holds. */
export async function buildDeck(a: Assessment, opts: DeckOptions): Promise<Deck> {
  const theme = opts.theme ?? defaultTheme();
  const face = opts.fontFace ?? DECK_FONT;
  const chartOpts: ChartOptions = {
    date: opts.date,
    year: opts.year,
    scope: opts.scope,
    theme,
    bands: opts.bands,
    quotaGroupColumn: opts.quotaGroupColumn,
  };
  const frame = frameOf(a, chartOpts);
  const mainTitle = opts.title ?? `${frame.year}年度企业党组织负责人考核评价结果`;

  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = mainTitle;
  pptx.subject = "考核评价结果（会议材料）";
  pptx.author = "考评 Kaoping";
  if (opts.scope) pptx.company = opts.scope;
  pptx.theme = { headFontFace: face, bodyFontFace: face };
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: "FFFFFF" },
    objects: [
      {
        text: {
          text: MEETING_MARK,
          options: {
            x: inch(SLIDE_W - MARGIN - 132),
            y: inch(14),
            w: inch(132),
            h: inch(30),
            shape: pptx.ShapeType.roundRect,
            rectRadius: 0.05,
            line: { color: "B42318", width: 1.25 },
            fontFace: face,
            fontSize: 11,
            bold: true,
            color: "B42318",
            align: "center",
            valign: "middle",
            margin: 0,
            lang: DECK_LANG,
          },
        },
      },
    ],
    slideNumber: {
      x: inch(SLIDE_W - MARGIN - 80),
      y: inch(SLIDE_H - 36),
      w: inch(80),
      h: inch(24),
      fontFace: face,
      fontSize: 10,
      color: "5B6472",
      align: "right",
      valign: "middle",
      margin: 0,
    },
  });

  const slides: DeckSlide[] = [];
  /** Per slide, the patches of its native charts in the order they were added. */
  const patches: ChartPatch[][] = [];
  const newSlide = (notes: readonly string[]) => {
    const slide = pptx.addSlide({ masterName: MASTER });
    const text = notes.filter((n) => n.trim() !== "").join("\n");
    if (text) slide.addNotes(text);
    return new SlideCanvas(pptx, slide, face, DECK_LANG);
  };

  // 1. Title.
  titleSlide(newSlide([]), theme, a, opts, mainTitle);
  slides.push({ kind: "title", id: "title", title: mainTitle, charts: 0, pictures: 0 });
  patches.push([]);

  // 2–3. The decisions, then the meeting figures; pictures drawn bare, under the slide's own title.
  const bare = new Map(meetingFigures(a, { ...chartOpts, bare: true }).map((f) => [f.id, f]));
  for (const figure of meetingFigures(a, chartOpts)) {
    const notes = figure.type === "chart" ? [...figure.notes, figure.source] : [figure.source];
    const c = newSlide(notes);
    const native = figure.type === "chart" && isNative(figure) ? SLIDE_CHARTS[figure.kind] : undefined;
    const table = figure.type === "page" ? SLIDE_TABLES[figure.kind] : undefined;
    if (figure.type === "chart" && native) {
      patches.push(native(c, theme, figure));
      slides.push({ kind: "chart", id: figure.id, title: figure.title, charts: 1, pictures: 0 });
    } else if (figure.type === "page" && table) {
      table(c, theme, figure);
      patches.push([]);
      slides.push({ kind: "table", id: figure.id, title: figure.title, charts: 0, pictures: 0 });
    } else {
      await pictureSlide(c, theme, figure, bare.get(figure.id) ?? figure, opts.images);
      patches.push([]);
      slides.push({ kind: "picture", id: figure.id, title: figure.title, charts: 0, pictures: 1 });
    }
  }

  // 3. Portraits.
  for (const page of portraitPages(a, chartOpts, opts.portraits)) {
    const facts = page.portrait;
    const notes = [...(facts?.flags ?? []), page.source];
    const c = newSlide(notes);
    const r = await portraitSlide(c, theme, page, opts.images, (block) => {
      const leader = a.leaders.find((l) => l.index === page.leader);
      return leader && block.chart.kind === "leaderIndicators"
        ? leaderIndicatorsChart(
            a,
            leader,
            { ...chartOpts, bare: true },
            { width: block.width, height: block.height - 46 },
          )
        : null;
    });
    patches.push(r.patches);
    slides.push({ kind: "portrait", id: page.id, title: page.title, charts: r.patches.length, pictures: r.pictures });
  }

  const raw = (await pptx.write({ outputType: "uint8array", compression: true })) as Uint8Array;
  return { bytes: await finishPackage(raw, patches, face), slides };
}

/** The meeting charts drawn natively on a slide of their own, by kind. */
const SLIDE_CHARTS: Partial<Record<ChartKind, (c: SlideCanvas, t: Theme, spec: ChartSpec) => ChartPatch[]>> = {
  decisions: waterfallChart,
  ranking: rankingChart,
  distribution: distributionChart,
  quadrant: quadrantChart,
  votes: votesChart,
};

/** The table pages drawn natively, by kind. */
const SLIDE_TABLES: Partial<Record<PageSpec["kind"], (c: SlideCanvas, t: Theme, page: PageSpec) => number>> = {
  matters: mattersSlide,
  heatmap: heatmapSlide,
};

function titleSlide(c: SlideCanvas, t: Theme, a: Assessment, opts: DeckOptions, mainTitle: string): void {
  const scope = opts.scope && opts.scope !== DEFAULT_SCOPE ? opts.scope : null;
  const red = "#B42318";
  const s = a.summary;
  c.rect({ x: 0, y: 0, w: SLIDE_W, h: 10 }, red);
  let y = 196;
  if (scope) {
    c.text({ x: 80, y, w: SLIDE_W - 160, h: 44 }, [{ text: scope, size: 30, color: t.muted }], { align: "center" });
    y += 56;
  }
  c.text({ x: 60, y, w: SLIDE_W - 120, h: 70 }, [{ text: mainTitle, size: 46, color: t.text, bold: true }], {
    align: "center",
    valign: "middle",
    shrink: true,
  });
  y += 86;
  c.line(SLIDE_W / 2 - 160, y, SLIDE_W / 2 + 160, y, red, 2.5);
  y += 26;
  const counts = [
    `考核对象 ${a.leaders.length} 人`,
    `已评定 ${s.graded} 人`,
    `优秀 ${s.excellent} 人`,
    ...(s.pending > 0 ? [`暂缓评定 ${s.pending} 人`] : []),
  ].join(" · ");
  c.text({ x: 80, y, w: SLIDE_W - 160, h: 32 }, [{ text: counts, size: 20, color: t.muted }], { align: "center" });
  y += 84;
  c.text({ x: 80, y, w: SLIDE_W - 160, h: 34 }, [{ text: chineseDate(opts.date), size: 22, color: t.text }], {
    align: "center",
  });
}

/**
 * A figure the deck cannot draw natively: its title, scope line and source natively, as on every slide, and
 * the figure rendered bare (without them) as large as fits between, centred.
 */
async function pictureSlide(
  c: SlideCanvas,
  t: Theme,
  figure: Figure,
  bare: Figure,
  images: ImageProvider,
): Promise<void> {
  drawHeader(c, t, figure.title, figure.subtitle);
  drawSource(c, t, figure.source);
  const data = await images(bare);
  const box: Rect = { x: MARGIN, y: 86, w: SLIDE_W - 2 * MARGIN, h: SOURCE_Y - 4 - 86 };
  const scale = Math.min(box.w / bare.width, box.h / bare.height, 1);
  const w = bare.width * scale;
  const h = bare.height * scale;
  c.image({ x: (SLIDE_W - w) / 2, y: box.y, w, h }, data, figure.title);
}

/** A 个人考核画像 laid out from its page's blocks, which are in slide px already (1280 × 720). */
async function portraitSlide(
  c: SlideCanvas,
  t: Theme,
  page: PageSpec,
  images: ImageProvider,
  bareOf: (block: Extract<PageSpec["blocks"][number], { kind: "chart" }>) => ChartSpec | null,
): Promise<{ patches: ChartPatch[]; pictures: number }> {
  const patches: ChartPatch[] = [];
  let pictures = 0;
  for (const b of page.blocks) {
    const r: Rect = { x: b.x, y: b.y, w: b.width, h: b.height };
    switch (b.kind) {
      case "text":
        if (b.role === "title") {
          drawHeader(c, t, b.lines.map((l) => l.text).join(""), "");
        } else if (b.role === "source") {
          drawSource(c, t, b.lines.map((l) => l.text).join(""));
        } else {
          const width = b.role === "subtitle" ? Math.min(r.w, SLIDE_W - 2 * MARGIN - MARK_ROOM) : r.w;
          c.text(
            { ...r, w: width, h: r.h + 4 },
            b.lines.map((l) => ({
              text: l.text,
              size: l.size,
              color: l.color,
              bold: l.weight === "bold",
              gap: l.gap,
            })),
            { align: b.align },
          );
        }
        break;
      case "chip":
        c.rect(r, b.fill, { color: b.border, width: 1 }, "roundRect");
        c.text(r, [{ text: b.text, size: b.size, color: b.color, bold: true }], { align: "center", valign: "middle" });
        break;
      case "rule":
        c.line(r.x, r.y, r.x + r.w, r.y + r.h, b.color, b.lineWidth);
        break;
      case "chart":
        if (b.chart.kind === "radar" && isNative(b.chart)) patches.push(...leaderRadarChart(c, t, b.chart, r));
        else if (b.chart.kind === "leaderVotes" && isNative(b.chart))
          patches.push(...leaderVotesChart(c, t, b.chart, r));
        else {
          // Its caption natively, the chart bare under it (no title baked into a picture).
          const bare = bareOf(b);
          if (bare) {
            const rest = compactHeader(c, t, b.chart, r);
            c.image(rest, await images(bare), b.chart.title);
          } else c.image(r, await images(b.chart), b.chart.title);
          pictures++;
        }
        break;
    }
  }
  return { patches, pictures };
}

// ───────────────────────────── the package ─────────────────────────────

/** Chart parts of a slide, in the order their frames appear on it (the order they were added). */
async function slideCharts(zip: JSZip, slide: number): Promise<string[]> {
  const xml = await zip.file(`ppt/slides/slide${slide}.xml`)?.async("string");
  const rels = await zip.file(`ppt/slides/_rels/slide${slide}.xml.rels`)?.async("string");
  if (!xml || !rels) return [];
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, target);
  }
  return [...xml.matchAll(/<c:chart\b[^>]*\br:id="([^"]+)"/g)].flatMap((m) => {
    const t = targets.get(m[1]);
    return t ? [`ppt/${t.replace(/^(\.\.\/|\/ppt\/)/, "")}`] : [];
  });
}

/**
 * The XML edits pptxgenjs's options cannot express: fonts in the theme and in every chart, and each native
 * chart's own patches (found through its slide, since pptxgenjs numbers chart parts across all decks made
 * in one process).
 */
async function finishPackage(raw: Uint8Array, patches: readonly ChartPatch[][], face: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(raw);
  const edit = async (path: string, fn: (xml: string) => string) => {
    const file = zip.file(path);
    if (!file) return;
    zip.file(path, fn(await file.async("string")));
  };
  await edit("ppt/theme/theme1.xml", (xml) => patchThemeFonts(xml, face));
  for (let s = 0; s < patches.length; s++) {
    if (patches[s].length === 0) continue;
    const charts = await slideCharts(zip, s + 1);
    if (charts.length !== patches[s].length)
      throw new Error(`slide ${s + 1}: ${charts.length} chart parts for ${patches[s].length} charts`);
    for (let k = 0; k < charts.length; k++) await edit(charts[k], patches[s][k]);
  }
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/charts\/chart\d+\.xml$/.test(p)))
    await edit(path, (xml) => patchChartFonts(xml, face, DECK_LANG));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
