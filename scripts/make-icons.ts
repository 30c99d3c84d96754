/**
 * Draws the add-in's icons into assets/ — the ribbon and catalogue icons the manifest names and the logo at
 * the top of the task pane.
 *
 *   npx tsx scripts/make-icons.ts [outDir]
 *
 * The mark: a rounded square in deep red with three white bars rising left to right (a ranking), and from
 * 32 px up a white check mark over the two short bars (an assessment passed). At 16 px the check would blur
 * into the bars, so that size shows the bars alone. Every edge of the square and the bars falls on whole
 * pixels at every size, so the small icons stay crisp.
 *
 * No fonts, no time, no randomness: the same @napi-rs/canvas version writes the same bytes on every run.
 */
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

/** Fluent's dark red (the "darkRed" of Office's shared colour palette). */
const MARK_RED = "#A4262C";
const WHITE = "#FFFFFF";

/** File name → pixel size. The manifest references icon-16/32/64/80 (and 128 is the store size). */
const ICONS: ReadonlyArray<{ file: string; size: number; check: boolean }> = [
  { file: "icon-16.png", size: 16, check: false },
  { file: "icon-32.png", size: 32, check: true },
  { file: "icon-64.png", size: 64, check: true },
  { file: "icon-80.png", size: 80, check: true },
  { file: "icon-128.png", size: 128, check: true },
  { file: "logo-filled.png", size: 96, check: true },
];

function roundedSquare(ctx: SKRSContext2D, size: number, radius: number): void {
  ctx.beginPath();
  ctx.moveTo(radius, 0);
  ctx.lineTo(size - radius, 0);
  ctx.arcTo(size, 0, size, radius, radius);
  ctx.lineTo(size, size - radius);
  ctx.arcTo(size, size, size - radius, size, radius);
  ctx.lineTo(radius, size);
  ctx.arcTo(0, size, 0, size - radius, radius);
  ctx.lineTo(0, radius);
  ctx.arcTo(0, 0, radius, 0, radius);
  ctx.closePath();
}

/** Draws the mark filling a size × size canvas. */
function drawMark(ctx: SKRSContext2D, size: number, check: boolean): void {
  const u = size / 16; // the design grid is 16 × 16
  const px = (v: number): number => Math.round(v * u);

  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = MARK_RED;
  roundedSquare(ctx, size, Math.max(2, px(3)));
  ctx.fill();

  // Three bars, 2 units wide with 2-unit gaps, standing on y = 13.
  ctx.fillStyle = WHITE;
  const base = px(13);
  const heights = check ? [3, 5.5, 9] : [4, 7, 10];
  [3, 7, 11].forEach((x, i) => {
    const left = px(x);
    const right = px(x + 2);
    const top = px(13 - (heights[i] ?? 0));
    ctx.fillRect(left, top, right - left, base - top);
  });

  if (check) {
    ctx.strokeStyle = WHITE;
    ctx.lineWidth = 1.5 * u;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(3 * u, 5.2 * u);
    ctx.lineTo(5 * u, 7 * u);
    ctx.lineTo(9 * u, 2.9 * u);
    ctx.stroke();
  }
}

function renderIcon(size: number, check: boolean): Buffer {
  const canvas = createCanvas(size, size);
  drawMark(canvas.getContext("2d"), size, check);
  return canvas.toBuffer("image/png");
}

function main(): void {
  const outDir = resolve(process.argv[2] ?? "assets");
  mkdirSync(outDir, { recursive: true });
  for (const icon of ICONS) {
    writeFileSync(resolve(outDir, icon.file), renderIcon(icon.size, icon.check));
    console.log(`${icon.file} ${icon.size}×${icon.size}`);
  }
}

main();
