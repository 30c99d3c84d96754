import { beforeAll, describe, expect, it } from "vitest";
import { dimensionScores, heatBin, heatColumns, heatmapPages, HEATMAP_ROWS_PER_PAGE, heatStep } from "../../src/charts";
import { defaultTheme } from "../../src/charts/theme";
import type { TableBlock } from "../../src/charts/types";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { decisionsAssessment, largeAssessment, OPTS, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

const table = (p: { blocks: unknown[] }) => p.blocks.find((b) => (b as TableBlock).kind === "table") as TableBlock;

describe("民主测评分项 (replaces the radar small multiples)", () => {
  it("prints every leader's score per dimension, per evaluator group and D, in rank order, with the means", () => {
    const [page] = heatmapPages(sample, OPTS);
    expect(page.title).toBe("2025年度民主测评分项");
    expect(page.fileName).toBe("04-民主测评分项");
    const t = table(page);
    expect(t.header[1].map((c) => c.text)).toEqual([
      "排名",
      "姓名",
      "单位",
      "等次",
      "德",
      "能",
      "勤",
      "廉",
      "上级",
      "同级",
      "下级",
      "民主测评",
    ]);
    const byRank = [...sample.leaders].sort((a, b) => a.rank! - b.rank!);
    expect(t.rows).toHaveLength(byRank.length + 1);
    byRank.forEach((l, i) => {
      const row = t.rows[i].map((c) => c.text);
      expect(row.slice(0, 4)).toEqual([String(l.rank), l.name, l.unit, l.grade]);
      expect(row.slice(4, 8)).toEqual(dimensionScores(l, ["德", "能", "勤", "廉"]).map((v) => v!.toFixed(2)));
      const groups = l.explain.democratic.groups.map((g) => g.value!.toFixed(2));
      expect(row.slice(8, 11)).toEqual(groups);
      expect(row[11]).toBe(l.democratic!.toFixed(2));
      expect(t.rows[i][3].fill).toBe(GRADE_COLORS[l.grade]);
    });
    expect(t.rows.at(-1)![0].text).toBe("全体平均");
    // Columns fill the page's width.
    expect(t.columns.reduce((s, c) => s + c.width, 0)).toBe(t.width);
    expect(t.x + t.width).toBeLessThanOrEqual(page.width - 28);
  });

  it("colours each value by its distance from the column's mean: blue above, orange below, white near it", () => {
    const theme = defaultTheme();
    const [page] = heatmapPages(sample, OPTS);
    const t = table(page);
    const cols = heatColumns(
      sample,
      [...sample.leaders].sort((a, b) => a.rank! - b.rank!),
    );
    const step = heatStep(cols);
    expect(step).toBeGreaterThan(0);
    let coloured = 0;
    cols.forEach((c, k) =>
      c.values.forEach((v, i) => {
        const fill = t.rows[i][4 + k].fill ?? null;
        const d = v! - c.mean!;
        if (Math.abs(d) < step) expect(fill).toBeNull();
        else {
          coloured++;
          expect([theme.heat.high1, theme.heat.high2].includes(fill!)).toBe(d > 0);
          expect([theme.heat.low1, theme.heat.low2].includes(fill!)).toBe(d < 0);
        }
      }),
    );
    expect(coloured).toBeGreaterThan(20);
    // 秦少华: the lowest everywhere.
    const qin = t.rows.find((r) => r[1].text === "秦少华")!;
    expect(qin.slice(4).every((c) => c.fill === theme.heat.low2)).toBe(true);
    expect(heatBin(95, 90, 2)).toBe(2);
    expect(heatBin(91, 90, 2)).toBe(0);
    expect(heatBin(87.5, 90, 2)).toBe(-1);
  });

  it("lists leaders without a grade last, their 等次 not shown as a grade", async () => {
    const d = await decisionsAssessment();
    const rows = table(heatmapPages(d, OPTS)[0]).rows;
    const tail = rows.slice(-3, -1);
    expect(tail.map((r) => [r[0].text, r[1].text, r[3].text])).toEqual([
      ["不定", "林雪梅", "不定等次"],
      ["暂缓", "王晓峰", "暂缓评定"],
    ]);
    for (const r of tail) expect(r[3].fill).toBeNull();
  });

  it("pages a large group, the same colour scale on every page", () => {
    const a = largeAssessment();
    const pages = heatmapPages(a, OPTS);
    expect(pages).toHaveLength(Math.ceil(a.leaders.length / HEATMAP_ROWS_PER_PAGE));
    const legends = new Set(
      pages.map((p) =>
        p.blocks
          .filter((b) => b.role === "legend" && b.kind === "text")
          .map((b) => (b.kind === "text" ? b.lines[0].text : ""))
          .join("|"),
      ),
    );
    expect(legends.size).toBe(1);
    for (const p of pages) {
      const t = table(p);
      expect(t.rows.length).toBeLessThanOrEqual(HEATMAP_ROWS_PER_PAGE + 1);
      expect(t.y + t.height).toBeLessThanOrEqual(p.height - 34);
    }
  });
});
