/**
 * Chart images tested as Chart.js tests its own: a configuration (here, the builder's output for a fixed
 * assessment) rendered and compared with the expected PNG in test/fixtures/charts, with a tolerance for
 * anti-aliasing. Text is drawn as boxes of its estimated width (charts/text.ts), so that fonts do not
 * matter and a moved label, badge or line shows as changed pixels — a changed chart is seen, not only a
 * blank one.
 *
 * After an intended change: `KAOPING_UPDATE_IMAGES=1 npx vitest run test/charts/images.test.ts`, then look at
 * the new PNGs before committing them. A render that does not match is left in out/images/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCanvas, loadImage, type SKRSContext2D } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration } from "chart.js";
import { beforeAll, describe, expect, it } from "vitest";
import { chartComponents, rankingCharts, votesCharts, waterfallChart, type ChartSpec } from "../../src/charts";
import { textWidth } from "../../src/charts/text";
import type { Assessment } from "../../src/engine/types";
import { decisionsAssessment, OPTS } from "./fixtures";

Chart.register(...chartComponents);

const DIR = join(__dirname, "../fixtures/charts");
/** Where a differing render is left to look at. */
const OUT = join(__dirname, "../../out/images");
const UPDATE = process.env.KAOPING_UPDATE_IMAGES === "1";
/** A pixel differs when a channel differs by more than this … */
const CHANNEL = 48;
/** … and an image matches when at most this share of its pixels differ. */
const SHARE = 0.002;

/** The context draws every text as a box of its estimated width: the same picture on every machine. */
function boxText(ctx: SKRSContext2D): void {
  const size = () => Number(/(\d+(?:\.\d+)?)px/.exec(ctx.font)?.[1] ?? 12);
  const weight = () => (/bold/.test(ctx.font) ? "bold" : "normal");
  const c = ctx as unknown as Record<string, unknown>;
  c.measureText = (s: string) => ({
    width: textWidth(s, size(), weight()),
    actualBoundingBoxAscent: size() * 0.8,
    actualBoundingBoxDescent: size() * 0.2,
    actualBoundingBoxLeft: 0,
    actualBoundingBoxRight: textWidth(s, size(), weight()),
  });
  c.strokeText = () => undefined;
  c.fillText = (s: string, x: number, y: number) => {
    const w = textWidth(s, size(), weight());
    const h = size() * 0.7;
    const align = ctx.textAlign;
    const left = align === "center" ? x - w / 2 : align === "right" || align === "end" ? x - w : x;
    const base = ctx.textBaseline;
    const top = base === "middle" ? y - h / 2 : base === "top" ? y : base === "bottom" ? y - h : y - h;
    ctx.fillRect(left, top, w, h);
  };
}

function render(spec: ChartSpec): Buffer {
  const canvas = createCanvas(spec.width, spec.height);
  boxText(canvas.getContext("2d"));
  const chart = new Chart(
    canvas as unknown as HTMLCanvasElement,
    {
      ...spec.config,
      options: { ...spec.config.options, devicePixelRatio: 1 },
    } as ChartConfiguration,
  );
  const png = canvas.encodeSync("png");
  chart.destroy();
  return png;
}

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

async function expectImage(spec: ChartSpec, name: string, update = UPDATE): Promise<void> {
  const file = join(DIR, `${name}.png`);
  const actual = render(spec);
  if (update || !existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    if (!update) throw new Error(`${file} did not exist: written; look at it and commit it`);
    return;
  }
  const [a, b] = await Promise.all([pixels(actual), pixels(readFileSync(file))]);
  expect([a.width, a.height], name).toEqual([b.width, b.height]);
  let differ = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (
      Math.abs(a.data[i] - b.data[i]) > CHANNEL ||
      Math.abs(a.data[i + 1] - b.data[i + 1]) > CHANNEL ||
      Math.abs(a.data[i + 2] - b.data[i + 2]) > CHANNEL
    )
      differ++;
  }
  if (differ / (a.width * a.height) > SHARE) {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `${name}.png`), actual);
  }
  expect(differ / (a.width * a.height), `${name}: see out/images/${name}.png`).toBeLessThanOrEqual(SHARE);
}

let a: Assessment;
beforeAll(async () => {
  a = await decisionsAssessment();
});

describe("chart images against their expected PNG", () => {
  it("综合得分排名: bars, band lines, quota cut, badges", async () => {
    await expectImage(rankingCharts(a, OPTS)[0], "ranking");
  });

  it("测评票构成: the 2/3 line and the share labels", async () => {
    await expectImage(votesCharts(a, OPTS)[0], "votes");
  });

  it("优秀等次的确定: the waterfall", async () => {
    await expectImage(waterfallChart(a, OPTS), "decisions");
  });

  it("notices a change: a badge moved by one row is a failure", async () => {
    const spec = rankingCharts(a, OPTS)[0];
    const m = (spec.config.plugins ?? []).find((p) => p.id === "kp-annotations") as unknown as {
      spec: { chips: { box: { top: number; bottom: number } }[] };
    };
    for (const c of m.spec.chips) {
      c.box.top += 27;
      c.box.bottom += 27;
    }
    await expect(expectImage(spec, "ranking", false)).rejects.toThrow();
  });
});
