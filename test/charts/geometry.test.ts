/**
 * The builders place labels, badges and line gaps in px before any canvas exists (src/charts/geometry.ts).
 * That holds only if Chart.js lays the plot out where the builder says: rendered here, each chart's own
 * chartArea must equal `ChartSpec.plot`, in full and bare (deck) form, for the sample and a large group.
 */
import { createCanvas } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration } from "chart.js";
import { beforeAll, describe, expect, it } from "vitest";
import { chartComponents, meetingCharts, type ChartSpec } from "../../src/charts";
import { crosses, horizontalAround, verticalAround } from "../../src/charts/geometry";
import { textWidth } from "../../src/charts/text";
import { nodeTheme, setupChineseFont } from "../../src/cli/png";
import type { Assessment } from "../../src/engine/types";
import { decisionsAssessment, groupedAssessment, largeAssessment, OPTS, sampleAssessment } from "./fixtures";

Chart.register(...chartComponents);

function chartArea(spec: ChartSpec) {
  const canvas = createCanvas(spec.width, spec.height);
  const chart = new Chart(
    canvas as unknown as HTMLCanvasElement,
    {
      ...spec.config,
      options: { ...spec.config.options, devicePixelRatio: 1 },
    } as ChartConfiguration,
  );
  const area = { ...chart.chartArea };
  chart.destroy();
  return area;
}

let assessments: [string, Assessment][];
const theme = nodeTheme(setupChineseFont());

beforeAll(async () => {
  assessments = [
    ["sample", await sampleAssessment()],
    ["decisions", await decisionsAssessment()],
    ["grouped", await groupedAssessment()],
    ["large", largeAssessment()],
  ];
});

describe("the plot where the builder placed its marks", () => {
  it("is where Chart.js lays it out, for every chart with a fixed plot, full and bare", () => {
    let checked = 0;
    for (const [name, a] of assessments)
      for (const bare of [false, true])
        for (const spec of meetingCharts(a, { ...OPTS, theme, bare })) {
          if (!spec.plot) continue;
          const area = chartArea(spec);
          for (const k of ["left", "top", "right", "bottom"] as const)
            expect(area[k], `${name} ${spec.id} ${bare ? "bare" : ""} ${k}`).toBeCloseTo(spec.plot[k], 1);
          checked++;
        }
    expect(checked).toBeGreaterThan(30);
  });

  it("keeps its size in a bare chart, which is shorter by the title, scope and source lines", () => {
    for (const [, a] of assessments.slice(0, 2)) {
      const full = meetingCharts(a, { ...OPTS, theme });
      const bare = meetingCharts(a, { ...OPTS, theme, bare: true });
      full.forEach((f, i) => {
        if (!f.plot) return;
        const b = bare[i];
        expect(b.height).toBeLessThan(f.height - 80);
        expect(b.plot!.bottom - b.plot!.top).toBeCloseTo(f.plot.bottom - f.plot.top, 0);
        expect((b.config.options as any).plugins.title.display).toBe(false);
      });
    }
  });
});

describe("the text estimate", () => {
  it("is never narrower than the text drawn in the Chinese font", () => {
    const ctx = createCanvas(10, 10).getContext("2d");
    const samples = [
      "102.20  优秀",
      "89.47  基本称职",
      "亏损限档",
      "并列·待研究",
      "票数·待研究",
      "优秀名额 4 人",
      "12  秦少华",
      "+130.0%* »",
      "基本称职线 60",
      "← 优秀＋称职票须达到此线",
      "WMm%@ 0123456789",
    ];
    for (const weight of ["normal", "bold"] as const)
      for (const size of [12, 13, 14])
        for (const s of samples) {
          ctx.font = `${weight === "bold" ? "bold " : ""}${size}px ${theme.fontFamily}`;
          expect(textWidth(s, size, weight), s).toBeGreaterThanOrEqual(ctx.measureText(s).width);
        }
  });
});

describe("lines around boxes", () => {
  it("leaves out exactly the stretches of a vertical line inside a box (with the clearance)", () => {
    const boxes = [
      { left: 0, right: 20, top: 10, bottom: 20 },
      { left: 5, right: 8, top: 15, bottom: 30 },
      { left: 50, right: 60, top: 40, bottom: 50 },
    ];
    const s = verticalAround(6, 0, 100, boxes, 2);
    expect(s.map((x) => [x.y1, x.y2])).toEqual([
      [0, 8],
      [32, 100],
    ]);
    for (const seg of s) for (const b of boxes) expect(crosses(seg, b)).toBe(false);
    const h = horizontalAround(45, 0, 100, boxes, 2);
    expect(h.map((x) => [x.x1, x.x2])).toEqual([
      [0, 48],
      [62, 100],
    ]);
  });

  it("tells a segment through a box from one beside it", () => {
    const b = { left: 10, right: 20, top: 10, bottom: 20 };
    expect(crosses({ x1: 0, y1: 0, x2: 30, y2: 30 }, b)).toBe(true);
    expect(crosses({ x1: 0, y1: 15, x2: 9, y2: 15 }, b)).toBe(false);
    expect(crosses({ x1: 0, y1: 30, x2: 30, y2: 22 }, b)).toBe(false);
  });
});
