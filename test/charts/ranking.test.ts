import { beforeAll, describe, expect, it } from "vitest";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { rankingAxisMax, rankingCharts, RANKING_ROWS_PER_PAGE } from "../../src/charts";
import type { BarLabelsSpec, HatchSpec, LegendSpec, ReferenceLinesSpec, TextBoxSpec } from "../../src/charts/plugins";
import type { Assessment } from "../../src/engine/types";
import { datasets, largeAssessment, OPTS, options, pluginSpec, sampleAssessment } from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("综合得分排名", () => {
  it("draws the graded leaders in rank order, one bar of F each, from zero", () => {
    const [chart] = rankingCharts(sample, OPTS);
    const byRank = [...sample.leaders].sort((a, b) => a.rank! - b.rank!);
    expect(chart.config.data.labels).toEqual(byRank.map((l) => `${l.rank}  ${l.name}`));
    expect(datasets(chart)[0].data).toEqual(byRank.map((l) => l.final));
    expect(options(chart).indexAxis).toBe("y");
    expect(options(chart).scales.x.min).toBe(0);
    expect(chart.table.rows.map((r) => r[0])).toEqual(byRank.map((l) => l.rank));
    expect(chart.table.rows[0]).toEqual([1, "冯雅琴", "恒川科技有限公司", "党委书记、董事长", 102.2, "优秀"]);
  });

  it("colours every bar with its grade's colour, labels it with score and grade, and hatches 不称职", () => {
    const a = largeAssessment();
    for (const chart of rankingCharts(a, OPTS)) {
      const grades = chart.table.rows.map((r) => r[5] as keyof typeof GRADE_COLORS);
      expect(datasets(chart)[0].backgroundColor).toEqual(grades.map((g) => GRADE_COLORS[g]));
      expect(chart.table.rowColors).toEqual(grades.map((g) => GRADE_COLORS[g]));
      const labels = pluginSpec<BarLabelsSpec>(chart, "kp-bar-labels").labels.find((l) => l.position === "end")!;
      labels.texts.forEach((text, i) =>
        expect(text).toBe(`${(chart.table.rows[i][4] as number).toFixed(2)}  ${grades[i]}`),
      );
      const hatched = pluginSpec<HatchSpec>(chart, "kp-hatch").targets[0].indexes;
      expect(hatched).toEqual(grades.flatMap((g, i) => (g === "不称职" ? [i] : [])));
    }
    expect(a.leaders.some((l) => l.grade === "不称职")).toBe(true);
  });

  it("marks the mean F of the graded leaders as a line on the score axis, and names it in the legend", () => {
    const [chart] = rankingCharts(sample, OPTS);
    const fs = sample.leaders.map((l) => l.final!);
    const avg = Math.round((fs.reduce((s, x) => s + x, 0) / fs.length) * 100) / 100;
    const lines = pluginSpec<ReferenceLinesSpec>(chart, "kp-average").lines;
    expect(lines).toHaveLength(1);
    expect(lines[0].scaleId).toBe("x");
    expect(lines[0].value).toBeCloseTo(avg, 2);
    expect(pluginSpec<LegendSpec>(chart, "kp-legend").entries.map((e) => e.label)).toContain(
      `已评定人员平均分 ${avg.toFixed(2)}`,
    );
  });

  it("has a title with year and scope, the source line with the date, and the Chinese font stack", () => {
    const [chart] = rankingCharts(sample, OPTS);
    expect(chart.title).toBe("2025年度综合得分排名");
    expect(chart.subtitle).toContain("恒川集团所属企业党组织负责人");
    expect(options(chart).plugins.title.text).toBe(chart.title);
    expect(pluginSpec<TextBoxSpec>(chart, "kp-source").lines[0].text).toBe("数据来源：考核结果 · 2026-01-15");
    expect(options(chart).font.family).toMatch(
      /^"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif$/,
    );
    expect(options(chart).plugins.title.font.family).toBe(options(chart).font.family);
    expect(chart.config.plugins![0].id).toBe("kp-background");
  });

  describe("with 230 leaders, 34 of them pending", () => {
    let a: Assessment;
    beforeAll(() => {
      a = largeAssessment();
    });

    it("splits into even pages of at most 30 bars that together hold every graded leader once, in rank order", () => {
      const pages = rankingCharts(a, OPTS);
      const graded = a.leaders.filter((l) => l.status === "graded");
      expect(graded.length).toBeGreaterThan(180);
      expect(pages).toHaveLength(Math.ceil(graded.length / RANKING_ROWS_PER_PAGE));
      const sizes = pages.map((p) => p.table.rows.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(RANKING_ROWS_PER_PAGE);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      const ranks = pages.flatMap((p) => p.table.rows.map((r) => r[0] as number));
      expect(ranks).toHaveLength(graded.length);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      pages.forEach((p, i) => {
        expect(p.page).toEqual({ index: i + 1, count: pages.length });
        expect(p.title).toBe(`2025年度综合得分排名（${i + 1}/${pages.length}）`);
        expect(p.fileName).toBe(`01-综合得分排名-${i + 1}`);
      });
    });

    it("shares one score axis across pages, and grows each page with its bars", () => {
      const pages = rankingCharts(a, OPTS);
      const maxes = new Set(pages.map((p) => options(p).scales.x.max));
      expect([...maxes]).toEqual([rankingAxisMax(a)]);
      expect(rankingAxisMax(a)).toBeGreaterThan(Math.max(...a.leaders.map((l) => l.final ?? 0)));
      for (const p of pages) expect(p.height).toBeGreaterThanOrEqual(250 + p.table.rows.length * 26);
    });

    it("lists pending leaders apart under the last page, never as bars", () => {
      const pages = rankingCharts(a, OPTS);
      const pending = a.leaders.filter((l) => l.status === "pending");
      expect(pending.length).toBeGreaterThan(0);
      const drawn = new Set(pages.flatMap((p) => p.table.rows.map((r) => `${r[1]}|${r[2]}`)));
      for (const l of pending) expect(drawn.has(`${l.name}|${l.unit}`)).toBe(false);
      for (const p of pages) expect(datasets(p)[0].data.every((v: number) => v > 0)).toBe(true);
      const last = pages[pages.length - 1];
      const note = last.notes.find((n) => n.startsWith("暂缓评定"))!;
      expect(note).toContain(`暂缓评定 ${pending.length} 人，不参与排名`);
      for (const l of pending) expect(note).toContain(`${l.name}（${l.unit}）`);
      expect(pluginSpec<TextBoxSpec>(last, "kp-notes").lines.map((x) => x.text)).toContain(note);
      expect(pages[0].notes[0]).toContain("名单见最后一页");
    });
  });
});
