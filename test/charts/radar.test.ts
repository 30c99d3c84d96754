import { beforeAll, describe, expect, it } from "vitest";
import { dimensionScores, leaderRadar, radarContext } from "../../src/charts";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { datasets, largeAssessment, OPTS, options, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("德能勤廉雷达 (of a 个人考核画像)", () => {
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

  it("puts every portrait's radar on one radial scale that holds every score", () => {
    const a = largeAssessment();
    const rc = radarContext(a);
    const radars = a.leaders.slice(0, 40).map((l) => leaderRadar(a, l, OPTS, {}, rc));
    const scales = new Set(radars.map((c) => JSON.stringify([options(c).scales.r.min, options(c).scales.r.max])));
    expect(scales.size).toBe(1);
    const { min, max } = options(radars[0]).scales.r;
    const values = a.leaders.flatMap((l) => dimensionScores(l, rc.dims)).filter((v): v is number => v !== null);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(min);
    expect(Math.max(...values)).toBeLessThanOrEqual(max);
  });
});
