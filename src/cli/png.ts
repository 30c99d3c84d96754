/**
 * The meeting charts as PNG files, rendered by Chart.js in Node on @napi-rs/canvas: the Node shell around
 * src/charts/. Finds a Simplified-Chinese font on the machine (or takes the one given by --font), registers it
 * under NODE_FONT_FAMILY and puts that family first in the charts' font stack.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { Canvas, createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration } from "chart.js";
import type { Assessment } from "../engine/types";
import type { GradeBand } from "../method/types";
import {
  chartComponents,
  defaultTheme,
  leaderPortraits,
  meetingFigures,
  paintPage,
  type ChartBlock,
  type ChartSpec,
  type Figure,
  type PageSpec,
  type Painter,
  type Theme,
  safeFileName,
} from "../charts";
import { OutputStage } from "./files";

Chart.register(...chartComponents);

/** The family name a found or given font file is registered under. */
export const NODE_FONT_FAMILY = "Kaoping CJK";

// ───────────────────────────── fonts ─────────────────────────────

/**
 * Well-known Simplified-Chinese font files, most preferred first: Windows, macOS, then Linux (also in the
 * user's font folders, and Windows' fonts seen from WSL). Debian's NotoSansCJK-Regular.ttc is left out on
 * purpose: its first face is the Japanese one, whose glyph shapes differ from the mainland standard; only
 * the SC files of Noto / Source Han are listed.
 */
export function fontCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const windowsNames = [
    "msyh.ttc",
    "msyh.ttf",
    "msyhbd.ttc",
    "Deng.ttf",
    "simhei.ttf",
    "NotoSansSC-VF.ttf",
    "simsun.ttc",
  ];
  const windowsDirs = [
    ...[env.WINDIR, env.SystemRoot].filter((d): d is string => !!d).map((d) => join(d, "Fonts")),
    "C:\\Windows\\Fonts",
    ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, "Microsoft", "Windows", "Fonts")] : []),
  ];
  const windows = windowsDirs.flatMap((d) => windowsNames.map((n) => join(d, n)));
  const mac = [
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Microsoft/Microsoft Yahei.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
  ];
  const linuxNames = [
    "truetype/wqy/wqy-microhei.ttc",
    "wqy-microhei/wqy-microhei.ttc",
    "truetype/wqy/wqy-zenhei.ttc",
    "wqy-zenhei/wqy-zenhei.ttc",
    "opentype/noto/NotoSansCJKsc-Regular.otf",
    "noto-cjk/NotoSansCJKsc-Regular.otf",
    "google-noto-cjk/NotoSansCJKsc-Regular.otf",
    "opentype/noto/NotoSansSC-Regular.otf",
    "noto/NotoSansSC-Regular.otf",
    "truetype/noto/NotoSansSC-Regular.ttf",
    "adobe-source-han-sans/SourceHanSansSC-Regular.otf",
    "opentype/adobe-source-han-sans/SourceHanSansSC-Regular.otf",
    "truetype/droid/DroidSansFallbackFull.ttf",
    "google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "truetype/arphic/uming.ttc",
  ];
  const home = env.HOME ?? (platform === "win32" ? undefined : homedir());
  const linuxDirs = [
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    ...(home ? [join(home, ".local/share/fonts"), join(home, ".fonts")] : []),
  ];
  const linux = [
    ...linuxDirs.flatMap((d) => linuxNames.map((n) => `${d}/${n}`)),
    // A file copied flat into a user font folder.
    ...linuxDirs.flatMap((d) =>
      [
        "wqy-microhei.ttc",
        "NotoSansCJKsc-Regular.otf",
        "NotoSansSC-Regular.otf",
        "SourceHanSansSC-Regular.otf",
        "msyh.ttc",
      ].map((n) => `${d}/${n}`),
    ),
    "/mnt/c/Windows/Fonts/msyh.ttc",
  ];
  if (platform === "win32") return [...windows, ...mac, ...linux];
  if (platform === "darwin") return [...mac, ...linux, ...windows];
  return [...linux, ...windows, ...mac];
}

export function findChineseFont(
  candidates: readonly string[] = fontCandidates(),
  exists: (path: string) => boolean = existsSync,
): string | null {
  return candidates.find((p) => exists(p)) ?? null;
}

export interface FontSetup {
  /** The family to put first in the font stack, or null when no font could be registered. */
  family: string | null;
  /** The file registered. */
  path: string | null;
  /** In Chinese, for the user. */
  warnings: string[];
}

const registered = new Map<string, boolean>();

function register(path: string): boolean {
  const key = resolve(path);
  let ok = registered.get(key);
  if (ok === undefined) {
    ok = existsSync(key) && GlobalFonts.registerFromPath(key, NODE_FONT_FAMILY) !== null;
    registered.set(key, ok);
  }
  return ok;
}

export const NO_FONT_WARNING =
  "未在本机找到简体中文字体，图表中的中文可能显示为方框。请安装中文字体（如 Linux 上的文泉驿微米黑 fonts-wqy-microhei），" +
  "或用 --font 指定字体文件（如 C:\\Windows\\Fonts\\msyh.ttc）。";

/**
 * Registers the font given (--font) or the first well-known one found. Without either, the warning says so
 * and the charts still render with the generic stack.
 */
export function setupChineseFont(given?: string, candidates: readonly string[] = fontCandidates()): FontSetup {
  const warnings: string[] = [];
  if (given !== undefined) {
    if (register(given)) return { family: NODE_FONT_FAMILY, path: resolve(given), warnings };
    warnings.push(`无法使用字体文件 ${given}（文件不存在或不是有效的字体文件），改为在本机查找中文字体。`);
  }
  for (const path of candidates) {
    if (existsSync(path) && register(path)) return { family: NODE_FONT_FAMILY, path, warnings };
  }
  warnings.push(NO_FONT_WARNING);
  return { family: null, path: null, warnings };
}

/** The theme for charts rendered in Node: the registered family first in the stack. */
export function nodeTheme(setup: FontSetup): Theme {
  return defaultTheme(setup.family ? { leadingFont: setup.family } : {});
}

// ───────────────────────────── rendering ─────────────────────────────

export interface RenderOptions {
  /** Pixels per CSS px; 2 for slides. */
  scale?: number;
  /**
   * A font file to register first (as --font). The spec's theme decides the font stack: build specs with
   * `nodeTheme(setupChineseFont(...))` so that the registered family comes first.
   */
  font?: string;
}

/** Renders a chart and hands its canvas to `use` before the chart is destroyed (which clears the canvas). */
function withChart<T>(spec: ChartSpec, scale: number, use: (canvas: Canvas) => T): T {
  const canvas = createCanvas(spec.width, spec.height);
  const config = {
    ...spec.config,
    options: { ...spec.config.options, devicePixelRatio: scale, responsive: false, animation: false },
  } as ChartConfiguration;
  // Chart.js takes a DOM canvas; without a DOM it uses its basic platform, which only calls getContext("2d").
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, config);
  try {
    return use(canvas);
  } finally {
    chart.destroy();
    release(canvas);
  }
}

/**
 * Gives a canvas's pixels back now. They live outside the JavaScript heap, where the garbage collector does
 * not see them: hundreds of pictures (a deck of 2,000 leaders) otherwise hold gigabytes until a collection
 * that the small heap never asks for. A canvas of 1 × 1 keeps one pixel.
 */
function release(canvas: Canvas): void {
  canvas.width = 1;
  canvas.height = 1;
}

function prepareFont(opts: RenderOptions): void {
  if (opts.font !== undefined) register(opts.font);
}

export async function renderChartPng(spec: ChartSpec, opts: RenderOptions = {}): Promise<Buffer> {
  prepareFont(opts);
  const scale = opts.scale ?? 2;
  return withChart(spec, scale, (canvas) => canvas.encodeSync("png"));
}

export async function renderPagePng(page: PageSpec, opts: RenderOptions = {}): Promise<Buffer> {
  prepareFont(opts);
  const scale = opts.scale ?? 2;
  const canvas = createCanvas(Math.round(page.width * scale), Math.round(page.height * scale));
  const ctx = canvas.getContext("2d");
  ctx.scale(scale, scale);
  // Each chart block is rendered into its own canvas first, at the page's scale.
  const images = new Map<ChartBlock, Canvas>();
  for (const block of page.blocks) {
    if (block.kind !== "chart") continue;
    const copy = createCanvas(Math.round(block.width * scale), Math.round(block.height * scale));
    withChart(block.chart, scale, (c) => copy.getContext("2d").drawImage(c, 0, 0));
    images.set(block, copy);
  }
  paintPage(ctx as unknown as Painter<Canvas>, page, (block) => images.get(block) as Canvas);
  try {
    return canvas.encodeSync("png");
  } finally {
    images.forEach(release);
    release(canvas);
  }
}

export function renderFigurePng(figure: Figure, opts: RenderOptions = {}): Promise<Buffer> {
  return figure.type === "chart" ? renderChartPng(figure, opts) : renderPagePng(figure, opts);
}

export interface WriteChartsOptions {
  /** A font file (--font). */
  font?: string;
  scale?: number;
  /** YYYY-MM-DD for the source line. */
  date: string;
  year?: string;
  scope?: string;
  /** The method's grade bands and quota group column, for the charts. */
  bands?: readonly GradeBand[];
  quotaGroupColumn?: string | null;
}

/**
 * Characters a file name must not hold though the charts' names allow them: C1 controls, the bidirectional
 * overrides and isolates (which make `画像-01-张三\u202egnp.exe` look like another name), and the invisible
 * zero-width characters and soft hyphen (two names that look the same).
 */
const NAME_UNSAFE = /[\u0080-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** A PNG's file name from a figure's: without invisible or reordering characters, safe on every system. */
export function chartFileName(figureName: string): string {
  return `${safeFileName(figureName.replace(NAME_UNSAFE, ""))}.png`;
}

/**
 * Renders every meeting chart and every 个人考核画像 as PNG, one at a time, handing each to `put` with its
 * file name (01-综合得分排名.png …, 画像-01-张三.png): only one picture is in memory at a time.
 */
export async function renderCharts(
  a: Assessment,
  opts: WriteChartsOptions,
  put: (fileName: string, png: Buffer) => Promise<void>,
): Promise<{ warnings: string[] }> {
  const setup = setupChineseFont(opts.font);
  const theme = nodeTheme(setup);
  const chartOpts = {
    date: opts.date,
    year: opts.year,
    scope: opts.scope,
    theme,
    bands: opts.bands,
    quotaGroupColumn: opts.quotaGroupColumn,
  };
  const figures: Figure[] = [...meetingFigures(a, chartOpts), ...leaderPortraits(a, chartOpts)];
  for (const figure of figures)
    await put(chartFileName(figure.fileName), await renderFigurePng(figure, { scale: opts.scale ?? 2 }));
  return { warnings: setup.warnings };
}

/**
 * Writes every meeting chart and every 个人考核画像 as PNG into dir (created if needed), all or none: files of
 * the same names are replaced, nothing else in dir is touched. Throws OutputError.
 */
export async function writeCharts(
  a: Assessment,
  dir: string,
  opts: WriteChartsOptions,
): Promise<{ files: string[]; warnings: string[] }> {
  const stage = new OutputStage();
  const files: string[] = [];
  try {
    await stage.directory(dir, "--charts");
    const { warnings } = await renderCharts(a, opts, async (name, png) => {
      const file = join(dir, name);
      await stage.add(file, "--charts", png);
      files.push(file);
    });
    await stage.commit();
    return { files, warnings };
  } finally {
    await stage.abort();
  }
}
