import { beforeAll, describe, expect, it } from "vitest";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import { rankingAxisMax, rankingCharts, RANKING_ROWS_PER_PAGE, type ChartSpec } from "../../src/charts";
import type { AnnotationsSpec } from "../../src/charts/annotations";
import { rowBand, xScale } from "../../src/charts/geometry";
import type { HatchSpec, LegendSpec, TextBoxSpec } from "../../src/charts/plugins";
import type { Assessment } from "../../src/engine/types";
import { expectClear } from "./clear";
import {
  datasets,
  decisionsAssessment,
  groupedAssessment,
  hasPlugin,
  largeAssessment,
  OPTS,
  options,
  pluginSpec,
  sampleAssessment,
} from "./fixtures";

let sample: Assessment;
let decided: Assessment;
let grouped: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
  decided = await decisionsAssessment();
  grouped = await groupedAssessment();
});

const marks = (c: ChartSpec) => pluginSpec<AnnotationsSpec>(c, "kp-annotations");
/** The badges on the bar of the leader named, in order. */
const badgesOf = (c: ChartSpec, name: string) => {
  const row = c.table.rows.findIndex((r) => r[1] === name);
  return marks(c)
    .chips.filter((x) => x.role.startsWith(`badge:${row}:`))
    .map((x) => x.text);
};

describe("综合得分排名", () => {
  it("draws the graded leaders in rank order, one bar of F each, from zero", () => {
    const [chart] = rankingCharts(sample, OPTS);
    const byRank = [...sample.leaders].sort((a, b) => a.rank! - b.rank!);
    expect(chart.config.data.labels).toEqual(byRank.map((l) => `${l.rank}  ${l.name}`));
    expect(datasets(chart)[0].data).toEqual(byRank.map((l) => l.final));
    expect(options(chart).indexAxis).toBe("y");
    expect(options(chart).scales.x.min).toBe(0);
    expect(chart.table.rows.map((r) => r[0])).toEqual(byRank.map((l) => l.rank));
    expect(chart.table.rows[0]).toEqual([1, "冯雅琴", "恒川科技有限公司", "党委书记、董事长", 102.2, "优秀", null]);
  });

  it("colours every bar with its grade's colour, labels it with score and grade, and hatches 不称职", () => {
    const a = largeAssessment();
    for (const chart of rankingCharts(a, OPTS)) {
      const grades = chart.table.rows.map((r) => r[5] as keyof typeof GRADE_COLORS);
      expect(datasets(chart)[0].backgroundColor).toEqual(grades.map((g) => GRADE_COLORS[g]));
      expect(chart.table.rowColors).toEqual(grades.map((g) => GRADE_COLORS[g]));
      const scores = marks(chart).labels.filter((l) => l.role.startsWith("score:"));
      scores.forEach((l, i) => expect(l.text).toBe(`${(chart.table.rows[i][4] as number).toFixed(2)}  ${grades[i]}`));
      const hatched = pluginSpec<HatchSpec>(chart, "kp-hatch").targets[0].indexes;
      expect(hatched).toEqual(grades.flatMap((g, i) => (g === "不称职" ? [i] : [])));
    }
    expect(a.leaders.some((l) => l.grade === "不称职")).toBe(true);
  });

  it("draws the grade band lines at the method's thresholds, beneath the bars, each labelled — and no average", () => {
    const [chart] = rankingCharts(sample, OPTS);
    const plot = chart.plot!;
    const x = xScale(plot, 0, options(chart).scales.x.max);
    const m = marks(chart);
    for (const v of [90, 70, 60]) {
      const segments = m.under.filter((l) => l.role === `band:${v}`);
      expect(segments.length, `${v}`).toBeGreaterThan(0);
      for (const s of segments) {
        expect(s.x1).toBeCloseTo(x(v), 6);
        expect(s.x2).toBeCloseTo(x(v), 6);
      }
      expect(m.labels.find((l) => l.role === `band:${v}`)?.text).toMatch(new RegExp(`${v}$`));
    }
    expect(m.over.some((l) => l.role.startsWith("band:"))).toBe(false);
    // A method with other bands draws them.
    const [other] = rankingCharts(sample, {
      ...OPTS,
      bands: [
        { grade: "优秀", min: 95 },
        { grade: "称职", min: 75 },
        { grade: "基本称职", min: 65 },
        { grade: "不称职", min: null },
      ],
    });
    expect([...new Set(marks(other).under.map((l) => l.role))].sort()).toEqual(["band:65", "band:75", "band:95"]);
    // The mean is not a decision quantity: gone, from the lines and the legend.
    expect(hasPlugin(chart, "kp-average")).toBe(false);
    expect(pluginSpec<LegendSpec>(chart, "kp-legend").entries.some((e) => e.label.includes("平均"))).toBe(false);
  });

  it("cuts the list at the quota: a line between the last leader who kept 优秀 and the next, labelled with q", () => {
    const [chart] = rankingCharts(sample, OPTS);
    const m = marks(chart);
    const cut = m.over.find((l) => l.role === "quota")!;
    const plot = chart.plot!;
    // 4 of 20 (20%): between ranks 4 and 5.
    expect(cut.y1).toBeCloseTo(rowBand(plot, 20, 3).bottom, 6);
    expect(cut.y2).toBe(cut.y1);
    expect(m.labels.find((l) => l.role === "quota")?.text).toBe("优秀名额 4 人");
    // With circumstances: 18 graded, q = 3; 许文静 (rank 3) cannot be 优秀, so the cut comes after 何建国 (rank 4).
    const [d] = rankingCharts(decided, OPTS);
    const row = d.table.rows.findIndex((r) => r[1] === "何建国");
    expect(marks(d).over.find((l) => l.role === "quota")!.y1).toBeCloseTo(rowBand(d.plot!, 18, row).bottom, 6);
    expect(marks(d).labels.find((l) => l.role === "quota")?.text).toBe("优秀名额 3 人");
  });

  it("badges every bar whose grade a rule lowered or decided, and no other", () => {
    const [chart] = rankingCharts(sample, OPTS);
    expect(badgesOf(chart, "赵国栋")).toEqual(["亏损限档"]);
    expect(badgesOf(chart, "孙立成")).toEqual(["亏损限档"]);
    expect(badgesOf(chart, "周启明")).toEqual(["超出名额"]);
    expect(badgesOf(chart, "陈立航")).toEqual(["超出名额"]);
    expect(badgesOf(chart, "钱卫东")).toEqual(["否决事项"]);
    expect(badgesOf(chart, "吴振华")).toEqual(["否决事项"]);
    expect(badgesOf(chart, "秦少华")).toEqual(["票数规则"]);
    for (const name of ["冯雅琴", "郑海涛", "林雪梅", "张德宏"]) expect(badgesOf(chart, name), name).toEqual([]);
    expect(marks(chart).chips).toHaveLength(7);
    expect(chart.table.rows.find((r) => r[1] === "周启明")![6]).toBe("超出名额");

    const [d] = rankingCharts(decided, OPTS);
    expect(badgesOf(d, "许文静")).toEqual(["个人情况"]);
    // The vote rule only flagged; the committee decided: both show.
    expect(badgesOf(d, "秦少华")).toEqual(["票数规则", "组织决定"]);
    const committee = marks(d).chips.find((c) => c.text === "组织决定")!;
    expect(committee.fill).not.toBe(marks(d).chips.find((c) => c.text === "个人情况")!.fill);
    // Leaders without a grade have no bar; the note names them and why.
    expect(d.table.rows.some((r) => r[1] === "林雪梅" || r[1] === "王晓峰")).toBe(false);
    const note = d.notes.find((n) => n.includes("不定等次 1 人"))!;
    expect(note).toContain("林雪梅（恒川发电有限公司）");
    expect(note).toContain("暂缓评定 1 人");
    expect(note).toContain("王晓峰（恒川物流有限公司）");
  });

  it("puts no line through a label or badge, no label on another, and every label inside the chart", () => {
    const cases = [sample, decided, grouped, largeAssessment()];
    let pages = 0;
    for (const a of cases)
      for (const chart of rankingCharts(a, OPTS)) {
        expectClear(chart, marks(chart));
        const m = marks(chart);
        for (const c of m.chips) expect(c.box.right, c.role).toBeLessThanOrEqual(chart.plot!.right);
        pages++;
      }
    expect(pages).toBeGreaterThan(8);
  });

  it("with quota groups, draws each group on its own pages with its own quota cut", () => {
    const charts = rankingCharts(grouped, { ...OPTS, quotaGroupColumn: "考核类别" });
    const groups = grouped.summary.quotaGroups!;
    expect(groups.length).toBe(2);
    expect(charts.map((c) => c.title)).toEqual(groups.map((g, i) => `2025年度综合得分排名 · ${g.group}（${i + 1}/2）`));
    charts.forEach((c, i) => {
      const g = groups[i];
      expect(c.subtitle).toContain(`考核类别：${g.group}`);
      expect(c.subtitle).toContain(`优秀名额 ${g.quota} 人`);
      expect(c.table.rows).toHaveLength(g.graded);
      const ranks = c.table.rows.map((r) => r[0] as number);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      expect(marks(c).labels.find((l) => l.role === "quota")?.text).toBe(`${g.group} 优秀名额 ${g.quota} 人`);
      // The cut follows the group's last 优秀.
      const lastExcellent = c.table.rows.map((r) => r[5]).lastIndexOf("优秀");
      expect(marks(c).over.find((l) => l.role === "quota")!.y1).toBeCloseTo(
        rowBand(c.plot!, c.table.rows.length, lastExcellent).bottom,
        6,
      );
    });
  });

  it("has a title with year and scope, the source line with the date, and the Chinese font stack", () => {
    const [chart] = rankingCharts(sample, OPTS);
    expect(chart.title).toBe("2025年度综合得分排名");
    expect(chart.subtitle).toContain("恒川集团所属企业党组织负责人");
    expect(chart.subtitle).toContain("优秀名额 4 人");
    expect(options(chart).plugins.title.text).toBe(chart.title);
    expect(pluginSpec<TextBoxSpec>(chart, "kp-source").lines[0].text).toBe("数据来源：考核结果 · 2026-01-15");
    expect(options(chart).font.family).toMatch(
      /^"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif$/,
    );
    expect(options(chart).plugins.title.font.family).toBe(options(chart).font.family);
    expect(chart.config.plugins![0].id).toBe("kp-background");
    expect(chart.notes[0]).toContain("标注说明：亏损限档——");
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
      // The quota cut is on exactly one page.
      expect(pages.filter((p) => marks(p).over.some((l) => l.role === "quota"))).toHaveLength(1);
    });

    it("shares one score axis and one plot width across pages, and grows each page with its bars", () => {
      const pages = rankingCharts(a, OPTS);
      const maxes = new Set(pages.map((p) => options(p).scales.x.max));
      expect([...maxes]).toEqual([rankingAxisMax(a)]);
      expect(new Set(pages.map((p) => p.plot!.left)).size).toBe(1);
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
      const drawnNotes = pluginSpec<TextBoxSpec>(last, "kp-notes")
        .lines.map((x) => x.text)
        .join("");
      expect(drawnNotes).toContain(note.slice(0, 30));
      expect(pages[0].notes.at(-1)).toContain("名单见最后一页");
    });
  });
});
