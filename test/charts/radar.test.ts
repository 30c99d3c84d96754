import { beforeAll, describe, expect, it } from "vitest";
import {
  dimensionScores,
  leaderRadar,
  radarContext,
  radarGrid,
  RADAR_COLUMNS,
  RADAR_ROWS_PER_PAGE,
} from "../../src/charts";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { datasets, largeAssessment, OPTS, options, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("德能勤廉雷达", () => {
  it("gives per dimension the groups' means weighted as D weights them: with every group present, D is their mean", () => {
    for (const l of sample.leaders) {
      const s = dimensionScores(l, ["德", "能", "勤", "廉"]) as number[];
      expect(s.every((v) => v !== null)).toBe(true);
      expect(s.reduce((a, b) => a + b, 0) / 4).toBeCloseTo(l.democratic!, 1);
    }
  });

  it("draws one leader against the group mean, filled in the leader's grade colour", () => {
    const l = sample.leaders.find((x) => x.name === "冯雅琴")!;
    const chart = leaderRadar(sample, l, OPTS, { standalone: true });
    expect(chart.config.data.labels).toEqual(["德", "能", "勤", "廉"]);
    const [me, avg] = datasets(chart);
    expect(me.data).toEqual(dimensionScores(l, ["德", "能", "勤", "廉"]));
    expect(me.backgroundColor).toMatch(/^rgba\(99, 190, 123, /);
    expect(chart.table.seriesColors![0]).toBe(GRADE_COLORS["优秀"]);
    const all = sample.leaders.map((x) => dimensionScores(x, ["德", "能", "勤", "廉"]) as number[]);
    avg.data.forEach((v: number, k: number) =>
      expect(v).toBeCloseTo(all.reduce((s, r) => s + r[k], 0) / all.length, 2),
    );
    expect(chart.leader).toBe(l.index);
  });

  it("puts every leader of the small multiples on one radial scale that holds every score", () => {
    const a = largeAssessment();
    const pages = radarGrid(a, OPTS);
    const minis = pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart] : [])));
    expect(minis).toHaveLength(a.leaders.length);
    const scales = new Set(
      minis.map((c) =>
        JSON.stringify([options(c).scales.r.min, options(c).scales.r.max, options(c).scales.r.ticks.stepSize]),
      ),
    );
    expect(scales.size).toBe(1);
    const { min, max } = options(minis[0]).scales.r;
    const values = minis.flatMap((c) => datasets(c).flatMap((d) => d.data)).filter((v): v is number => v !== null);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(min);
    expect(Math.max(...values)).toBeLessThanOrEqual(max);
    // The portrait's radar uses the same scale.
    const one = leaderRadar(a, a.leaders[0], OPTS, {}, radarContext(a));
    expect([options(one).scales.r.min, options(one).scales.r.max]).toEqual([min, max]);
  });

  it("lays the small multiples out in rank order, graded first, at most 24 to a page, without overlap", () => {
    const a = largeAssessment();
    const pages = radarGrid(a, OPTS);
    expect(pages).toHaveLength(Math.ceil(a.leaders.length / (RADAR_COLUMNS * RADAR_ROWS_PER_PAGE)));
    const order = pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart.leader!] : [])));
    const ranks = order.map((i) => a.leaders[i].rank);
    const graded = ranks.filter((r) => r !== null) as number[];
    expect(graded).toEqual([...graded].sort((x, y) => x - y));
    expect(ranks.slice(graded.length).every((r) => r === null)).toBe(true);
    for (const p of pages) {
      const cells = p.blocks.filter((b) => b.kind === "chart");
      expect(cells.length).toBeLessThanOrEqual(RADAR_COLUMNS * RADAR_ROWS_PER_PAGE);
      for (const c of cells) {
        expect(c.x + c.width).toBeLessThanOrEqual(p.width);
        expect(c.y + c.height).toBeLessThanOrEqual(p.height - 34);
        for (const d of cells)
          if (c !== d)
            expect(c.x + c.width <= d.x || d.x + d.width <= c.x || c.y + c.height <= d.y || d.y + d.height <= c.y).toBe(
              true,
            );
      }
    }
    expect(pages[0].title).toBe(`2025年度德能勤廉雷达（1/${pages.length}）`);
  });
});
