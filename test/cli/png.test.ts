/**
 * The charts rendered in Node: sizes at 2×, images that are not blank, Chinese text drawn as glyphs, the
 * font search, and writeCharts on the demo workbook.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas, GlobalFonts, loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaderPortraits, meetingFigures, rankingCharts, type ChartSpec, type PageSpec } from "../../src/charts";
import { cssFont } from "../../src/charts/theme";
import {
  findChineseFont,
  fontCandidates,
  NO_FONT_WARNING,
  NODE_FONT_FAMILY,
  nodeTheme,
  renderChartPng,
  renderPagePng,
  setupChineseFont,
  writeCharts,
} from "../../src/cli/png";
import type { Assessment } from "../../src/engine/types";
import { OPTS, sampleAssessment } from "../charts/fixtures";

interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

async function decode(png: Buffer): Promise<Pixels> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Pixels that are not (near) white, in a rectangle (default: all). */
function inked(p: Pixels, x0 = 0, y0 = 0, w = p.width, h = p.height): number {
  let n = 0;
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i + 3] > 0 && (p.data[i] < 235 || p.data[i + 1] < 235 || p.data[i + 2] < 235)) n++;
    }
  }
  return n;
}

const isPng = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
/** Width and height from the PNG header. */
const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

let sample: Assessment;
let theme: ReturnType<typeof nodeTheme>;

beforeAll(async () => {
  sample = await sampleAssessment();
  const setup = setupChineseFont();
  // The test machine must have a Simplified-Chinese font (Debian: fonts-wqy-microhei).
  expect(setup.family, setup.warnings.join(" ")).toBe(NODE_FONT_FAMILY);
  theme = nodeTheme(setup);
});

describe("rendering a chart to PNG", () => {
  it("renders every meeting chart at 2×, white, with something drawn on it", async () => {
    for (const f of meetingFigures(sample, { ...OPTS, theme })) {
      const png = f.type === "chart" ? await renderChartPng(f, { scale: 2 }) : await renderPagePng(f, { scale: 2 });
      expect(isPng(png)).toBe(true);
      expect(pngSize(png)).toEqual([f.width * 2, f.height * 2]);
      const p = await decode(png);
      const ink = inked(p);
      // Not blank, and not a dark or transparent background either.
      expect(ink / (p.width * p.height), f.id).toBeGreaterThan(0.02);
      expect(ink / (p.width * p.height), f.id).toBeLessThan(0.6);
      expect([...p.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    }
  });

  it("renders at the scale asked for", async () => {
    const [chart] = rankingCharts(sample, { ...OPTS, theme });
    expect(pngSize(await renderChartPng(chart, { scale: 1 }))).toEqual([chart.width, chart.height]);
    expect(pngSize(await renderChartPng(chart, { scale: 3 }))).toEqual([chart.width * 3, chart.height * 3]);
  });

  it("composes a portrait: text, the grade chip and each chart drawn inside its block", async () => {
    const page: PageSpec = leaderPortraits(sample, { ...OPTS, theme })[0];
    const p = await decode(await renderPagePng(page, { scale: 2 }));
    expect([p.width, p.height]).toEqual([2560, 1440]);
    for (const b of page.blocks) {
      if (b.kind === "rule" || b.height < 10) continue;
      expect(inked(p, b.x * 2, b.y * 2, b.width * 2, b.height * 2), `${b.kind} ${b.role}`).toBeGreaterThan(200);
    }
    // The chip is filled with the grade's colour.
    const chip = page.blocks.find((b) => b.kind === "chip")!;
    const i = ((chip.y * 2 + 6) * p.width + (chip.x * 2 + 12)) * 4;
    expect([p.data[i], p.data[i + 1], p.data[i + 2]]).toEqual([0x8d, 0xb4, 0xe2]);
  });
});

describe("Chinese text renders as glyphs, not boxes", () => {
  const SIZE = 48;
  const CELL = 64;

  /** Each character drawn alone in its own cell; the cells' grey levels. */
  function cells(chars: string[], font: string): Uint8Array[] {
    const c = createCanvas(CELL * chars.length, CELL);
    const ctx = c.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = "#000";
    ctx.font = font;
    ctx.textBaseline = "middle";
    chars.forEach((ch, i) => ctx.fillText(ch, i * CELL + 8, CELL / 2));
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    return chars.map((_, k) => {
      const out = new Uint8Array(CELL * CELL);
      for (let y = 0; y < CELL; y++)
        for (let x = 0; x < CELL; x++) out[y * CELL + x] = data[(y * c.width + k * CELL + x) * 4];
      return out;
    });
  }

  /** Share of pixels whose ink differs (one dark, the other light). */
  const difference = (a: Uint8Array, b: Uint8Array) =>
    a.reduce((n, v, i) => n + (v < 128 !== b[i] < 128 ? 1 : 0), 0) / a.length;
  const ink = (a: Uint8Array) => a.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);

  it("draws the title's characters with the registered face, each a different glyph, none the missing-glyph box", () => {
    const title = rankingCharts(sample, { ...OPTS, theme })[0].title;
    const han = [...title].filter((ch) => /\p{Script=Han}/u.test(ch));
    expect(han.join("")).toBe("年度综合得分排名");
    const cjk = cells(han, cssFont(theme, SIZE));

    // The reference: the same number of characters in a face without CJK coverage. @napi-rs/canvas falls
    // back to any installed face that has a glyph (so a Latin face still shows Chinese here); code points
    // that no face has show what a machine without a Chinese font shows for Chinese — the face's
    // missing-glyph box.
    const latin = [
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
      "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ].find(existsSync);
    if (latin) GlobalFonts.registerFromPath(latin, "Latin Only");
    const unassigned = ["\u0378", "\u0379", "\u0380", "\u0381", "\u0382", "\u0383", "\u038B", "\u038D"];
    const tofu = cells(unassigned, `${SIZE}px ${latin ? '"Latin Only"' : theme.fontFamily}`);

    // Boxes are drawn, and all alike …
    expect(ink(tofu[0])).toBeGreaterThan(50);
    for (const t of tofu) expect(difference(t, tofu[0])).toBe(0);
    // … while every Chinese glyph has ink and differs from every other one and from the box.
    for (const [i, g] of cjk.entries()) {
      expect(ink(g), han[i]).toBeGreaterThan(150);
      expect(difference(g, tofu[0]), han[i]).toBeGreaterThan(0.08);
      for (const h of cjk.slice(i + 1)) expect(difference(g, h)).toBeGreaterThan(0.05);
    }
  });
});

describe("finding a Chinese font", () => {
  it("looks in the well-known places of each system, Debian's Japanese-first Noto CJK excluded", () => {
    const linux = fontCandidates({ HOME: "/home/u" }, "linux");
    expect(linux[0]).toBe("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    expect(linux).toContain("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf");
    expect(linux).toContain("/home/u/.local/share/fonts/truetype/wqy/wqy-microhei.ttc");
    expect(linux.some((p) => /NotoSansCJK-Regular\.ttc$/.test(p))).toBe(false);
    const win = fontCandidates({ WINDIR: "D:\\Windows" }, "win32");
    expect(win[0]).toMatch(/^D:\\Windows[\\/]Fonts[\\/]msyh\.ttc$/);
    expect(fontCandidates({}, "darwin")[0]).toBe("/System/Library/Fonts/PingFang.ttc");
  });

  it("takes the first candidate that exists", () => {
    expect(findChineseFont(["/a", "/b", "/c"], (p) => p !== "/a")).toBe("/b");
    expect(findChineseFont(["/a"], () => false)).toBeNull();
  });

  it("warns in Chinese when the --font file is unusable, and falls back to a font of the machine", () => {
    const setup = setupChineseFont("/no/such/font.ttf");
    expect(setup.warnings[0]).toBe(
      "无法使用字体文件 /no/such/font.ttf（文件不存在或不是有效的字体文件），改为在本机查找中文字体。",
    );
    expect(setup.family).toBe(NODE_FONT_FAMILY);
  });

  it("warns clearly when no font is found, and still renders", async () => {
    const setup = setupChineseFont(undefined, ["/no/such/font.ttc"]);
    expect(setup).toEqual({ family: null, path: null, warnings: [NO_FONT_WARNING] });
    expect(NO_FONT_WARNING).toContain("--font");
    const chart: ChartSpec = rankingCharts(sample, { ...OPTS, theme: nodeTheme(setup) })[0];
    const p = await decode(await renderChartPng(chart, { scale: 1 }));
    expect(inked(p)).toBeGreaterThan(1000);
  });
});

describe("writeCharts", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kaoping-png-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes every chart and every portrait as PNG at 2×, named for what they show", async () => {
    const out = join(dir, "charts", "nested");
    const { files, warnings } = await writeCharts(sample, out, { date: "2026-01-15" });
    expect(warnings).toEqual([]);
    const names = files.map((f) => f.slice(out.length + 1));
    expect(names.slice(0, 8)).toEqual([
      "00-优秀等次的确定.png",
      "00-需集体研究事项.png",
      "01-综合得分排名.png",
      "02-等次分布.png",
      "03-工作业绩与民主测评.png",
      "04-民主测评分项.png",
      "05-测评票构成.png",
      "06-经营指标完成情况.png",
    ]);
    expect(names.slice(8)).toEqual(
      sample.leaders.map((l, i) => `画像-${String(i + 1).padStart(2, "0")}-${l.name}.png`),
    );
    expect((await readdir(out)).sort()).toEqual([...names].sort());
    for (const f of files) {
      const b = await readFile(f);
      expect(isPng(b)).toBe(true);
      expect(pngSize(b)[0]).toBe(2560);
    }
  });

  it("returns the font warning when --font cannot be used", async () => {
    const { warnings } = await writeCharts(sample, join(dir, "w"), {
      date: "2026-01-15",
      font: join(dir, "missing.ttf"),
      scale: 1,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("无法使用字体文件");
  });
});
