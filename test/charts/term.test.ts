/**
 * 任期考核得分走势: the builder draws a leader's yearly scores as the line, each point in its grade's colour,
 * the term score as the dashed level, a missing year as a gap and in the notes; it renders with Chart.js.
 */
import { createCanvas } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration } from "chart.js";
import { describe, expect, it } from "vitest";
import { type TermLeader, termResults } from "../../src/app/term";
import { chartComponents } from "../../src/charts";
import { termNotes, termScoreAxis, termTrendChart } from "../../src/charts/term";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import type { Grid } from "../../src/workbook/grid";
import { OPTS } from "./fixtures";

Chart.register(...chartComponents);

const HEAD = ["姓名", "单位", "综合得分", "等次"];
const sheet = (name: string, rows: (string | number)[][]): Grid => ({ name, rows: [HEAD, ...rows] });

function term() {
  const out = termResults([
    {
      year: 2023,
      weight: 1,
      results: sheet("考核结果2023", [
        ["张三", "甲公司", 92.5, "优秀"],
        ["李四", "乙公司", 60, "基本称职"],
      ]),
    },
    { year: 2024, weight: 1, results: sheet("考核结果2024", [["李四", "乙公司", 55, "不称职"]]) },
    {
      year: 2025,
      weight: 2,
      results: sheet("考核结果2025", [
        ["张三", "甲公司", 90.01, "称职"],
        ["李四", "乙公司", 71, "称职"],
      ]),
    },
  ]);
  if (!out.ok) throw new Error("the core failed");
  return out;
}

type Points = { data: { x: number; y: number }[]; pointBackgroundColor?: string[]; borderDash?: number[] }[];

describe("termTrendChart", () => {
  it("draws the years with a score, the grade colours and the term score; a missing year is a gap", () => {
    const { years, leaders } = term();
    const zhang = leaders.find((l) => l.name === "张三") as TermLeader;
    const spec = termTrendChart(zhang, years, OPTS);
    const [line, level] = spec.config.data.datasets as unknown as Points;
    expect(line.data).toEqual([
      { x: 2023, y: 92.5 },
      { x: 2025, y: 90.01 },
    ]);
    expect(line.pointBackgroundColor).toEqual([GRADE_COLORS["优秀"], GRADE_COLORS["称职"]]);
    // (92.5 + 2 × 90.01) ÷ 3 = 90.84
    expect(zhang.termScore).toBe(90.84);
    expect(level.data).toEqual([
      { x: 2023, y: 90.84 },
      { x: 2025, y: 90.84 },
    ]);
    expect(level.borderDash).toEqual([6, 4]);
    expect(spec.notes[0]).toContain("2024年：缺少");
    expect(spec.table.rows).toEqual([
      ["2023", 92.5, "优秀"],
      ["2024", null, "缺少"],
      ["2025", 90.01, "称职"],
    ]);
    const axis = termScoreAxis(zhang);
    expect(axis.min).toBeLessThanOrEqual(90.01);
    expect(axis.max).toBeGreaterThanOrEqual(92.5);
  });

  it("says the consecutiveLow flag, and renders with Chart.js", () => {
    const { years, leaders } = term();
    const li = leaders.find((l) => l.name === "李四") as TermLeader;
    expect(li.flags.map((f) => f.code)).toEqual(["consecutiveLow"]);
    expect(termNotes(li, years)).toContain(li.flags[0].message);
    const spec = termTrendChart(li, years, OPTS);
    expect(spec.title).toContain("李四");
    const canvas = createCanvas(spec.width, spec.height);
    const chart = new Chart(
      canvas as unknown as HTMLCanvasElement,
      {
        ...spec.config,
        options: { ...spec.config.options, devicePixelRatio: 1 },
      } as ChartConfiguration,
    );
    expect(chart.scales.x.ticks.map((t) => t.value)).toEqual([2023, 2024, 2025]);
    chart.destroy();
  });
});
