/**
 * 名次稳健性: the builder draws the numbers of the core's robustness — each leader's bar from p5 to p95, the
 * median and the nominal rank — in the nominal order, unstable leaders marked, and renders with Chart.js.
 */
import { createCanvas } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration } from "chart.js";
import { beforeAll, describe, expect, it } from "vitest";
import { scoreBook } from "../../src/app/score";
import { chartComponents } from "../../src/charts";
import {
  ROBUSTNESS_ROWS_PER_PAGE,
  robustnessCharts,
  robustnessLabel,
  robustnessNotes,
} from "../../src/charts/robustness";
import { readXlsx } from "../../src/cli/xlsx";
import { type RobustnessResult, robustness } from "../../src/engine/robustness";
import type { Assessment } from "../../src/engine/types";
import { largeAssessment, OPTS, SAMPLE } from "./fixtures";
import { defaultMethod } from "../../src/method/defaults";

Chart.register(...chartComponents);

let a: Assessment;
let r: RobustnessResult;

beforeAll(async () => {
  const out = scoreBook({ book: (await readXlsx(SAMPLE)).book, today: "2025-12-31", referenceDate: "2025-12-31" });
  if (!out.ok) throw new Error("the sample does not score");
  a = out.assessment;
  r = robustness(a, out.method, { draws: 300, seed: 7 });
});

type Datasets = { label: string; data: unknown[]; backgroundColor?: unknown }[];
const datasets = (c: ChartConfiguration) => c.data.datasets as unknown as Datasets;

describe("robustnessCharts", () => {
  it("draws each graded leader's p5–p95 range, median and nominal rank, in the nominal order", () => {
    const [spec, more] = robustnessCharts(a, r, OPTS);
    expect(more).toBeUndefined();
    expect(spec.kind).toBe("robustness");
    const ordered = [...r.leaders].sort((x, y) => x.nominalRank - y.nominalRank || x.index - y.index);
    expect(spec.config.data.labels).toEqual(ordered.map(robustnessLabel));
    const [range, median, nominal] = datasets(spec.config);
    expect(range.data).toEqual(ordered.map((l) => [l.p5Rank - 0.4, l.p95Rank + 0.4]));
    const labels = ordered.map(robustnessLabel);
    expect(median.data).toEqual(ordered.map((l, i) => ({ x: l.medianRank, y: labels[i] })));
    expect(nominal.data).toEqual(ordered.map((l, i) => ({ x: l.nominalRank, y: labels[i] })));
    // The table carries the same numbers, for whoever reads the chart as data.
    expect(spec.table.rows.map((row) => row.slice(2, 6))).toEqual(
      ordered.map((l) => [l.nominalRank, l.medianRank, l.p5Rank, l.p95Rank]),
    );
    // Every range holds its median (the core orders the percentiles).
    for (const l of ordered) expect(l.p5Rank <= l.medianRank && l.medianRank <= l.p95Rank).toBe(true);
  });

  it("marks unstable leaders in the label, the colour and the notes, and says the draws and the seed", () => {
    const [spec] = robustnessCharts(a, r, OPTS);
    const ordered = [...r.leaders].sort((x, y) => x.nominalRank - y.nominalRank || x.index - y.index);
    const unstable = ordered.filter((l) => l.unstable);
    expect(unstable.length).toBeGreaterThan(0);
    const colours = datasets(spec.config)[0].backgroundColor as string[];
    ordered.forEach((l, i) => {
      expect((spec.config.data.labels as string[])[i].endsWith("不稳定")).toBe(l.unstable);
      expect(colours[i] === colours[ordered.findIndex((x) => x.unstable)]).toBe(l.unstable);
    });
    const notes = robustnessNotes(r).join("\n");
    expect(notes).toContain("抽样 300 次，随机种子 7");
    for (const l of unstable) expect(notes).toContain(`${l.name}（第 ${l.p5Rank}–${l.p95Rank} 名`);
    expect(spec.notes).toEqual(robustnessNotes(r));
  });

  it("pages a large group, every page on the same rank axis, and renders with Chart.js", () => {
    const big = largeAssessment();
    const rb = robustness(big, defaultMethod(), { draws: 50, seed: 1 });
    const specs = robustnessCharts(big, rb, OPTS);
    expect(specs.length).toBe(Math.ceil(rb.leaders.length / ROBUSTNESS_ROWS_PER_PAGE));
    expect(specs.reduce((n, s) => n + s.table.rows.length, 0)).toBe(rb.leaders.length);
    const max = new Set(specs.map((s) => (s.config.options?.scales?.x as { max: number }).max));
    expect(max.size).toBe(1);
    for (const spec of [specs[0], specs.at(-1)!]) {
      const canvas = createCanvas(spec.width, spec.height);
      const chart = new Chart(
        canvas as unknown as HTMLCanvasElement,
        {
          ...spec.config,
          options: { ...spec.config.options, devicePixelRatio: 1 },
        } as ChartConfiguration,
      );
      expect(chart.chartArea.right - chart.chartArea.left).toBeGreaterThan(600);
      chart.destroy();
    }
  });
});
