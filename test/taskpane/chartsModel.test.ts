/**
 * The pure parts of the 图表 view (src/taskpane/features/chartsModel.ts): which run the charts show, how the
 * gallery groups the figures of a 230-leader group, the scales of renders, and the deck's picture count held
 * to what buildDeck really asks for (the progress bar's total).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { leaderPortraits, meetingFigures, type Figure } from "../../src/charts";
import { buildDeck } from "../../src/deck/deck";
import type { Assessment } from "../../src/engine/types";
import { defaultMethod } from "../../src/method/defaults";
import {
  chartOptionsFor,
  chartSource,
  deckFraction,
  deckPictureCount,
  deckPortraits,
  displayScale,
  fileSize,
  galleryGroups,
  pngFileName,
  renderSize,
  replacedLines,
  shortList,
} from "../../src/taskpane/features/chartsModel";
import { OPTS, largeAssessment, sampleAssessment } from "../charts/fixtures";

const PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

let sample: Assessment;
let large: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
  large = largeAssessment(230);
});

describe("chartSource", () => {
  const at = (iso: string, a: Assessment) => ({ assessment: a, at: iso, titles: { year: "2025" } });

  it("is the newer of the last 计算 and the last preview; a 计算 wins a tie", () => {
    const calc = at("2026-01-15T08:00:00.000Z", sample);
    const prev = at("2026-01-15T09:00:00.000Z", large);
    expect(chartSource(calc, prev)?.kind).toBe("preview");
    expect(chartSource(calc, prev)?.assessment).toBe(large);
    expect(chartSource(at("2026-01-15T10:00:00.000Z", sample), prev)?.kind).toBe("calculate");
    expect(chartSource(calc, at(calc.at, large))?.kind).toBe("calculate");
  });

  it("is whichever exists, or none", () => {
    expect(chartSource(null, null)).toBeNull();
    expect(chartSource(at("2026-01-15T08:00:00.000Z", sample), null)?.kind).toBe("calculate");
    expect(chartSource(null, at("2026-01-15T08:00:00.000Z", sample))?.kind).toBe("preview");
  });

  it("gives the builders the year and group of the title rows, when they name them", () => {
    expect(chartOptionsFor({ titles: { year: "2025", scope: "恒川能源集团" } }, "2026-01-15")).toEqual({
      date: "2026-01-15",
      year: "2025",
      scope: "恒川能源集团",
    });
    expect(chartOptionsFor({ titles: {} }, "2026-01-15")).toEqual({ date: "2026-01-15" });
  });

  it("gives them the method's grade bands and quota group column, for the lines and the group's name", () => {
    const method = defaultMethod();
    method.grades.bands[0].min = 92;
    method.grades.quotaGroupColumn = "考核类别";
    const opts = chartOptionsFor({ titles: {}, method }, "2026-01-15");
    expect(opts.bands?.[0]).toEqual({ grade: "优秀", min: 92 });
    expect(opts.quotaGroupColumn).toBe("考核类别");
  });
});

describe("galleryGroups", () => {
  it("keeps gallery order and puts each figure's pages together, named without number or page", () => {
    const figures = meetingFigures(large, OPTS);
    const groups = galleryGroups(figures);
    expect(groups.map((g) => g.number)).toEqual(["00", "00", "01", "02", "03", "04", "05", "06"]);
    expect(groups.map((g) => g.key)).toEqual([
      "00-decisions",
      "00-matters",
      "01-ranking",
      "02-distribution",
      "03-quadrant",
      "04-heatmap",
      "05-votes",
      "06-indicators",
    ]);
    expect(groups.map((g) => g.name)).toEqual([
      "优秀等次的确定",
      "需集体研究事项",
      "综合得分排名",
      "等次分布",
      "工作业绩与民主测评",
      "民主测评分项",
      "测评票构成",
      "经营指标完成情况",
    ]);
    expect(groups.flatMap((g) => g.figures)).toEqual(figures);
    // 230 leaders: the paged charts have several pages each, every page in its group.
    const ranking = groups[2].figures;
    expect(ranking.length).toBeGreaterThan(1);
    expect(ranking.map((f) => f.page?.index)).toEqual(ranking.map((_, i) => i + 1));
    expect(groups[5].figures.every((f) => f.type === "page")).toBe(true);
  });

  it("a 20-leader group has one figure a group", () => {
    const groups = galleryGroups(meetingFigures(sample, OPTS));
    expect(groups.map((g) => g.figures.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe("scales and file names", () => {
  const fig = { width: 1280, height: 770, fileName: "01-综合得分排名" };

  it("a render is the figure's size times the scale, floored as Chart.js does", () => {
    expect(renderSize(fig, 2)).toEqual({ width: 2560, height: 1540 });
    expect(renderSize(fig, 3)).toEqual({ width: 3840, height: 2310 });
    expect(renderSize({ width: 420, height: 420 }, 0.77)).toEqual({ width: 323, height: 323 });
  });

  it("the display scale gives the card as many pixels as the screen has, within bounds", () => {
    expect(displayScale(320, 1280, 2)).toBe(0.5);
    expect(displayScale(320, 1280, 1)).toBe(0.25);
    expect(displayScale(320, 420, 2)).toBeCloseTo(1.52, 2);
    // Tiny or unknown boxes and odd ratios stay sensible.
    expect(displayScale(10, 1280, 1)).toBe(0.25);
    expect(displayScale(0, 1280, 2)).toBe(2);
    expect(displayScale(5000, 420, 3)).toBe(4);
    expect(displayScale(320, 1280, Number.NaN)).toBe(0.25);
  });

  it("PNG names say the scale", () => {
    expect(pngFileName(fig, 2)).toBe("01-综合得分排名@2x.png");
    expect(pngFileName({ fileName: "画像-07-张三" }, 3)).toBe("画像-07-张三@3x.png");
  });

  it("file sizes for people", () => {
    expect(fileSize(1_048_576 * 1.25)).toBe("1.3 MB");
    expect(fileSize(850 * 1024)).toBe("850 KB");
    expect(fileSize(12)).toBe("1 KB");
  });
});

describe("the deck", () => {
  it("portraits: none, the picked leader, or everyone", () => {
    expect(deckPortraits("none", 3)).toBe(false);
    expect(deckPortraits("picked", 3)).toEqual([3]);
    expect(deckPortraits("picked", null)).toBe(false);
    expect(deckPortraits("all", null)).toBe("all");
  });

  it.each([
    ["no portraits", "none" as const],
    ["one portrait", "picked" as const],
    ["every portrait", "all" as const],
  ])("the picture count is what buildDeck asks for (%s)", async (_, choice) => {
    const portraits = deckPortraits(choice, 2);
    const figures = meetingFigures(sample, OPTS);
    const all = leaderPortraits(sample, OPTS);
    const pages = portraits === false ? [] : portraits === "all" ? all : all.filter((p) => p.leader === 2);
    const asked: Figure[] = [];
    const deck = await buildDeck(sample, {
      ...OPTS,
      portraits,
      images: async (f) => {
        asked.push(f);
        return PIXEL;
      },
    });
    expect(deckPictureCount(figures, pages)).toBe(asked.length);
    expect(asked.length).toBe(deck.slides.reduce((n, s) => n + s.pictures, 0));
    expect(asked.length).toBeGreaterThan(0);
  });

  it("progress runs from 0 to 1, the package last", () => {
    expect(deckFraction(0, 10, false)).toBe(0);
    expect(deckFraction(5, 10, false)).toBeCloseTo(5 / 11);
    expect(deckFraction(10, 10, false)).toBeCloseTo(10 / 11);
    expect(deckFraction(10, 10, true)).toBe(1);
    expect(deckFraction(12, 10, true)).toBe(1);
    expect(deckFraction(0, 0, true)).toBe(1);
  });
});

describe("what a replacement of 会议图表 deletes", () => {
  it("lists charts, pictures and cells, leaving out what the sheet does not hold", () => {
    expect(replacedLines({ charts: ["01-综合得分排名", "02-等次分布"], pictures: [], usedRange: "A1:Z40" })).toEqual([
      { kind: "charts", items: ["01-综合得分排名", "02-等次分布"] },
      { kind: "cells", items: ["A1:Z40"] },
    ]);
    expect(replacedLines({ charts: [], pictures: ["图片 1"], usedRange: null })).toEqual([
      { kind: "pictures", items: ["图片 1"] },
    ]);
    expect(replacedLines({ charts: [], pictures: [], usedRange: null })).toEqual([]);
  });

  it("long lists are cut, with the rest counted", () => {
    const names = Array.from({ length: 11 }, (_, i) => `图表${i + 1}`);
    expect(shortList(names)).toEqual({ shown: names.slice(0, 8), more: 3 });
    expect(shortList(names.slice(0, 2))).toEqual({ shown: names.slice(0, 2), more: 0 });
  });
});
