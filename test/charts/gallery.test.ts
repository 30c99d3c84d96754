import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultTheme, leaderPortraits, meetingCharts, meetingFigures, pages, safeFileName } from "../../src/charts";
import type { TextBoxSpec } from "../../src/charts/plugins";
import { wrapText } from "../../src/charts/text";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS } from "../../src/workbook/gradeColors";
import {
  charts,
  decisionsAssessment,
  hasPlugin,
  largeAssessment,
  OPTS,
  options,
  pluginSpec,
  sampleAssessment,
} from "./fixtures";

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("the gallery", () => {
  it("puts the decisions first (00), then numbers the figures 01–06, with unique ids and file names", () => {
    const figures = meetingFigures(sample, OPTS);
    expect(figures.map((f) => f.fileName)).toEqual([
      "00-优秀等次的确定",
      "00-需集体研究事项",
      "01-综合得分排名",
      "02-等次分布",
      "03-工作业绩与民主测评",
      "04-民主测评分项",
      "05-测评票构成",
      "06-经营指标完成情况",
    ]);
    expect(figures.map((f) => f.id)).toEqual([
      "00-decisions",
      "00-matters",
      "01-ranking",
      "02-distribution",
      "03-quadrant",
      "04-heatmap",
      "05-votes",
      "06-indicators",
    ]);
    expect(meetingCharts(sample, OPTS).map((c) => c.kind)).toEqual([
      "decisions",
      "ranking",
      "distribution",
      "quadrant",
      "votes",
      "indicators",
    ]);
    const large = meetingFigures(largeAssessment(), OPTS);
    expect(new Set(large.map((f) => f.id)).size).toBe(large.length);
    expect(new Set(large.map((f) => f.fileName)).size).toBe(large.length);
    // Page numbers are padded so that file names sort in page order.
    const heat = large.filter((f) => f.kind === "heatmap").map((f) => f.fileName);
    expect(heat).toEqual([...heat].sort());
    expect(heat.length).toBeGreaterThanOrEqual(10);
    expect(heat[0]).toBe("04-民主测评分项-01");
  });

  it("gives every standalone chart a title with year and scope, the source line, a white background and the font stack", () => {
    const theme = defaultTheme({ leadingFont: "Kaoping CJK" });
    for (const f of meetingFigures(sample, { ...OPTS, theme })) {
      expect(f.title.startsWith("2025年度")).toBe(true);
      expect(f.subtitle).toContain(OPTS.scope);
      expect(f.source).toBe("数据来源：考核结果 · 2026-01-15");
      if (f.type === "page") {
        expect(f.background).toBe("#FFFFFF");
        expect(f.blocks.some((b) => b.kind === "text" && b.role === "source" && b.lines[0].text === f.source)).toBe(
          true,
        );
        continue;
      }
      expect(f.config.plugins![0].id).toBe("kp-background");
      expect(pluginSpec<{ color: string }>(f, "kp-background").color).toBe("#FFFFFF");
      expect(pluginSpec<TextBoxSpec>(f, "kp-source").lines[0].text).toBe(f.source);
      expect(
        options(f).font.family.startsWith(
          '"Kaoping CJK", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei"',
        ),
      ).toBe(true);
      expect(options(f).plugins.title.text).toBe(f.title);
      expect(options(f).responsive).toBe(false);
      expect(options(f).animation).toBe(false);
    }
  });

  it("uses the grade colours of gradeColors.ts wherever a chart colours by grade", () => {
    const all = charts([...meetingFigures(sample, OPTS), ...leaderPortraits(sample, OPTS)]);
    const allowed = new Set(Object.values(GRADE_COLORS));
    for (const c of all)
      for (const col of c.table.rowColors ?? [])
        if (!["indicators", "leaderIndicators", "decisions"].includes(c.kind) && col)
          expect(allowed.has(col)).toBe(true);
  });

  it("keeps every chart self-contained: nothing but its own plugins", () => {
    for (const c of charts(meetingFigures(sample, OPTS))) {
      expect(hasPlugin(c, "kp-background")).toBe(true);
      for (const p of c.config.plugins ?? []) expect(p.id.startsWith("kp-")).toBe(true);
    }
  });
});

describe("个人考核画像", () => {
  it("has one page per leader, in the order of 考核对象, named 画像-序号-姓名", () => {
    const portraits = leaderPortraits(sample, OPTS);
    expect(portraits.map((p) => p.fileName)).toEqual(
      sample.leaders.map((l, i) => `画像-${String(i + 1).padStart(2, "0")}-${l.name}`),
    );
    expect(portraits.every((p) => p.width === 1280 && p.height === 720)).toBe(true);
  });

  it("shows name, unit, position, F, rank, grade chip, flags, the radar, the votes and the indicators — inside the page", () => {
    const portraits = leaderPortraits(sample, OPTS);
    const l = sample.leaders.find((x) => x.name === "周启明")!;
    const p = portraits[l.index];
    const text = (role: string) =>
      p.blocks
        .filter((b) => b.role === role)
        .flatMap((b) => (b.kind === "text" ? b.lines.map((x) => x.text) : b.kind === "chip" ? [b.text] : []));
    expect(text("name")).toEqual(["周启明"]);
    expect(text("unit")).toEqual([l.unit]);
    expect(text("position")).toEqual([l.position]);
    expect(text("final")).toEqual([l.final!.toFixed(2)]);
    expect(text("rank")).toEqual([`第 ${l.rank} 名 / 已评定 20 人`]);
    expect(text("grade")).toEqual(["称职"]);
    expect(text("flags").join("")).toContain("超出优秀名额");
    const chip = p.blocks.find((b) => b.kind === "chip")!;
    expect(chip.kind === "chip" && chip.fill).toBe(GRADE_COLORS["称职"]);
    expect(p.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart.kind] : []))).toEqual([
      "radar",
      "leaderVotes",
      "leaderIndicators",
    ]);
    expect(p.portrait).toMatchObject({ name: "周启明", rank: l.rank, grade: "称职", graded: 20 });
    for (const b of p.blocks) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(p.width);
      expect(b.y + b.height).toBeLessThanOrEqual(p.height);
      if (b.kind === "chart") expect([b.chart.width, b.chart.height]).toEqual([b.width, b.height]);
    }
  });

  it("shows a pending leader as 暂缓评定 with the reason, without F or rank", () => {
    const a = largeAssessment();
    const l = a.leaders.find((x) => x.status === "pending")!;
    const p = leaderPortraits(a, OPTS)[l.index];
    expect(p.portrait).toMatchObject({ final: null, rank: null, grade: "暂缓评定" });
    const texts = p.blocks.flatMap((b) =>
      b.kind === "text" ? b.lines.map((x) => x.text) : b.kind === "chip" ? [b.text] : [],
    );
    expect(texts).toContain("暂缓评定，不参与排名");
    expect(texts).toContain("—");
    expect(texts.some((t) => t.includes("暂缓评定："))).toBe(true);
    // Not a grade: the chip is an outline, not a grade's fill.
    const chip = p.blocks.find((b) => b.kind === "chip")!;
    expect(chip.kind === "chip" && chip.fill).toBe("#FFFFFF");
  });

  it("shows a leader without a grade by a circumstance as 不定等次, F still shown, not ranked", async () => {
    const d = await decisionsAssessment();
    const l = d.leaders.find((x) => x.name === "林雪梅")!;
    const p = leaderPortraits(d, OPTS)[l.index];
    const texts = p.blocks.flatMap((b) =>
      b.kind === "text" ? b.lines.map((x) => x.text) : b.kind === "chip" ? [b.text] : [],
    );
    expect(texts).toContain("不定等次，不参与排名");
    expect(texts).toContain(l.final!.toFixed(2));
    expect(texts.some((t) => t.includes("党内严重警告"))).toBe(true);
  });
});

describe("helpers", () => {
  it("makes file names every file system accepts", () => {
    expect(safeFileName('画像-01-a/b:c*d?"e<f>g|h')).toBe("画像-01-a_b_c_d__e_f_g_h");
    expect(safeFileName("CON")).toBe("_CON");
    expect(safeFileName("名字. ")).toBe("名字");
    expect(safeFileName("...")).toBe("_");
    expect([...safeFileName("长".repeat(200))]).toHaveLength(80);
  });

  it("splits pages evenly", () => {
    expect(pages([...Array(23).keys()], 20).map((p) => p.length)).toEqual([12, 11]);
    expect(pages([...Array(61).keys()], 30).map((p) => p.length)).toEqual([21, 20, 20]);
    expect(pages([], 30)).toEqual([[]]);
  });

  it("wraps text within the width, at spaces where it can, never starting a line with closing punctuation", () => {
    const measure = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    expect(wrapText("经营业绩 114.91 · 安全稳定 100.00", 16, measure)).toEqual([
      "经营业绩 114.91 ·",
      "安全稳定 100.00",
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(..."考核结果，。）优秀 称职ab12"), { maxLength: 80 }),
        fc.integer({ min: 4, max: 30 }),
        (chars, width) => {
          const text = chars.join("");
          const lines = wrapText(text, width, measure);
          expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
          for (const [i, line] of lines.entries()) {
            if (i > 0 && line !== "") expect("，。）".includes(line[0])).toBe(false);
            // A line may pass the width only by the punctuation it may not leave.
            expect(measure(line.replace(/[，。）]+$/, ""))).toBeLessThanOrEqual(width);
          }
        },
      ),
    );
  });
});

describe("wrapText, a case the property found", () => {
  it("keeps closing punctuation after a space on the line before the break", () => {
    const measure = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    expect(wrapText("考考 ，", 4, measure)).toEqual(["考考，"]);
  });
});
