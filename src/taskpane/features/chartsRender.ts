/**
 * The browser's renderer of the meeting figures (the pane's counterpart of src/cli/png.ts): a ChartSpec by
 * Chart.js on a canvas, a PageSpec (radar pages, 个人考核画像) by paintPage with each chart block rendered
 * first. Every render is a fresh canvas at the scale asked for; the Chart.js instance is destroyed before
 * returning (destroy() clears and resets its canvas, so the pixels are copied out first).
 */
import { Chart, type ChartConfiguration } from "chart.js";
import {
  chartComponents,
  paintPage,
  type ChartBlock,
  type ChartSpec,
  type Figure,
  type PageSpec,
  type Painter,
} from "../../charts";
import { renderSize } from "./chartsModel";

let registered = false;

function canvasOf(width: number, height: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas 2d context unavailable");
  return { canvas, ctx };
}

export function renderChart(spec: ChartSpec, scale: number): HTMLCanvasElement {
  if (!registered) {
    Chart.register(...chartComponents);
    registered = true;
  }
  // Chart.js sizes the canvas from its width and height attributes (responsive: false) times the ratio.
  const scratch = canvasOf(spec.width, spec.height).canvas;
  const config = {
    ...spec.config,
    options: {
      ...spec.config.options,
      devicePixelRatio: scale,
      responsive: false,
      animation: false,
      // A copy of the pixels is shown: no listeners on a canvas nobody sees.
      events: [],
    },
  } as ChartConfiguration;
  const chart = new Chart(scratch, config);
  try {
    const size = renderSize(spec, scale);
    const out = canvasOf(size.width, size.height);
    out.ctx.drawImage(scratch, 0, 0);
    return out.canvas;
  } finally {
    chart.destroy();
  }
}

export function renderPage(page: PageSpec, scale: number): HTMLCanvasElement {
  const size = renderSize(page, scale);
  const out = canvasOf(size.width, size.height);
  const images = new Map<ChartBlock, HTMLCanvasElement>();
  for (const block of page.blocks) if (block.kind === "chart") images.set(block, renderChart(block.chart, scale));
  out.ctx.scale(scale, scale);
  paintPage(out.ctx as unknown as Painter<HTMLCanvasElement>, page, (block) => images.get(block) as HTMLCanvasElement);
  return out.canvas;
}

export function renderFigure(figure: Figure, scale: number): HTMLCanvasElement {
  return figure.type === "chart" ? renderChart(figure, scale) : renderPage(figure, scale);
}

/** A figure as a PNG data URL (what the deck and pictures on 会议图表 take). */
export function figureDataUrl(figure: Figure, scale: number): string {
  return renderFigure(figure, scale).toDataURL("image/png");
}

function dataUrlBlob(url: string): Blob {
  const comma = url.indexOf(",");
  const bin = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: "image/png" });
}

/** The canvas as a PNG Blob (Edge Legacy has no canvas.toBlob: through a data URL there). */
export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    if (typeof canvas.toBlob !== "function") {
      resolve(dataUrlBlob(canvas.toDataURL("image/png")));
      return;
    }
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png");
  });
}

/** Saves a Blob as a download named `name` (an <a download>; Edge Legacy's own save call where it has it). */
export function downloadBlob(blob: Blob, name: string): void {
  const nav = navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, n: string) => boolean };
  if (typeof nav.msSaveOrOpenBlob === "function") {
    nav.msSaveOrOpenBlob(blob, name);
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  // The download has started from the URL by now; revoking later frees the bytes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A macrotask's pause, so that the pane repaints (progress) between long renders. */
export function pause(): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}
