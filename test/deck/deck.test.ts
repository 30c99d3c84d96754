/**
 * The meeting deck as written: its slides, the native charts and the numbers in them, the pictures, the
 * slide master's mark and slide numbers, the fonts, the notes — read back from the .pptx package.
 */
import { parseStringPromise } from "xml2js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  leaderPortraits,
  leaderRadar,
  meetingFigures,
  rankingCharts,
  type ChartSpec,
  type Figure,
} from "../../src/charts";
import { mean, round2 } from "../../src/charts/data";
import {
  buildDeck,
  chineseDate,
  DECK_FONT,
  deckFileName,
  MEETING_MARK,
  type Deck,
  type DeckOptions,
} from "../../src/deck/deck";
import { MARGIN } from "../../src/deck/native";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS, type GradeLabel } from "../../src/workbook/gradeColors";
import { largeAssessment, OPTS, sampleAssessment } from "../charts/fixtures";
import {
  boxes,
  notesOf,
  pictureCount,
  pptxParts,
  seriesOf,
  slideCharts,
  slideCount,
  slideLayoutOf,
  slideXml,
  texts,
  type Parts,
} from "./helpers";

/** A 1×1 white PNG. */
const PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

function recorder() {
  const asked: Figure[] = [];
  return { asked, images: async (f: Figure) => (asked.push(f), PIXEL) };
}

const DATE = OPTS.date;
const SOURCE = `数据来源：考核结果 · ${DATE}`;

async function deckOf(a: Assessment, over: Partial<DeckOptions> = {}) {
  const r = recorder();
  const deck = await buildDeck(a, { date: DATE, scope: OPTS.scope, portraits: true, images: r.images, ...over });
  return { deck, parts: pptxParts(deck.bytes), asked: r.asked };
}

const num = (v: string | null) => (v === null ? null : Number(v));

let sample: Assessment;
let deck: Deck;
let parts: Parts;
let asked: Figure[];
let figures: Figure[];

beforeAll(async () => {
  sample = await sampleAssessment();
  ({ deck, parts, asked } = await deckOf(sample));
  figures = meetingFigures(sample, OPTS);
});

/** Slide number (1-based) of a figure id. */
const slideOf = (id: string) => deck.slides.findIndex((s) => s.id === id) + 1;
const chartSpec = (id: string) => figures.find((f) => f.id === id) as ChartSpec;

describe("slides", () => {
  it("a title slide, one slide per meeting figure in gallery order, one per leader's portrait", () => {
    expect(slideCount(parts)).toBe(1 + figures.length + sample.leaders.length);
    expect(deck.slides.map((s) => s.id)).toEqual([
      "title",
      ...figures.map((f) => f.id),
      ...leaderPortraits(sample, OPTS).map((p) => p.id),
    ]);
    // Each slide shows its figure's title: as text, or in the picture (whose alt text is the title).
    for (const [i, s] of deck.slides.entries()) {
      if (s.kind === "title") continue;
      const xml = slideXml(parts, i + 1);
      if (s.kind === "picture") expect(xml, s.id).toContain(`descr="${s.title}"`);
      else expect(texts(xml).join(""), s.id).toContain(s.title);
    }
  });

  it("portraits only on request, or for the leaders asked for", async () => {
    const none = await deckOf(sample, { portraits: false });
    expect(slideCount(none.parts)).toBe(1 + figures.length);
    expect(none.deck.slides.some((s) => s.kind === "portrait")).toBe(false);
    const two = await deckOf(sample, { portraits: [3, 0] });
    const portraits = two.deck.slides.filter((s) => s.kind === "portrait");
    expect(portraits.map((s) => s.id)).toEqual(["portrait-1", "portrait-4"]); // order of 考核对象
    const last = slideCount(two.parts);
    expect(texts(slideXml(two.parts, last))).toContain(sample.leaders[3].name);
  });

  it("the title slide: scope, year, the title, the counts and the date", () => {
    const t = texts(slideXml(parts, 1));
    expect(t).toContain(OPTS.scope);
    expect(t).toContain("2025年度企业党组织负责人考核评价结果");
    expect(t).toContain(`考核对象 20 人 · 已评定 ${sample.summary.graded} 人 · 优秀 ${sample.summary.excellent} 人`);
    expect(t).toContain("2026年1月15日");
  });

  it("a paged chart gives a slide per page: 230 leaders, 综合得分排名 at 30 a page", async () => {
    const a = largeAssessment();
    const { deck: big, parts: p } = await deckOf(a, { portraits: false });
    const pages = rankingCharts(a, OPTS);
    expect(pages.length).toBeGreaterThan(6);
    const ranking = big.slides.flatMap((s, i) => (s.id.startsWith("01-ranking") ? [i + 1] : []));
    expect(ranking).toHaveLength(pages.length);
    pages.forEach((page, k) => {
      const [chart] = slideCharts(p, ranking[k]);
      const [ser] = seriesOf(chart);
      expect(ser.points.map(num)).toEqual(page.table.rows.map((r) => r[4]));
    });
    // Each pending leader is named on the last page, as on the PNG.
    const lastPage = texts(slideXml(p, ranking[ranking.length - 1])).join("");
    for (const l of a.leaders.filter((x) => x.status === "pending")) expect(lastPage).toContain(l.name);
  });
});

describe("native charts: the PowerPoint type of the chart, the numbers of its table", () => {
  it("综合得分排名: horizontal bars in rank order, one series coloured per point by grade, labelled with the grade", () => {
    const spec = chartSpec("01-ranking");
    const [chart] = slideCharts(parts, slideOf("01-ranking"));
    expect(chart).toContain("<c:barChart>");
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toContain('<c:grouping val="clustered"/>');
    expect(chart).toContain('<c:orientation val="maxMin"/>'); // rank 1 at the top
    const series = seriesOf(chart);
    expect(series).toHaveLength(1);
    const values = series[0].points.map(num);
    expect(values).toEqual(spec.table.rows.map((r) => r[4]));
    expect(values[0]).toBe(sample.leaders.find((l) => l.rank === 1)?.final);
    expect(seriesOf(chart, "cat")[0].points).toEqual(spec.table.rows.map((r) => `${r[0]}  ${r[1]}`));
    const fills = [...series[0].xml.matchAll(/<c:dPt>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"\/>/g)].map((m) => m[1]);
    expect(fills).toEqual(spec.table.rows.map((r) => GRADE_COLORS[r[5] as GradeLabel].slice(1)));
    const formats = [...series[0].xml.matchAll(/<c:dLbl>[\s\S]*?formatCode="([^"]*)"/g)].map((m) => m[1]);
    expect(formats).toEqual(spec.table.rows.map((r) => `0.00&quot;  ${r[5]}&quot;`));
  });

  it("综合得分排名: the average line lies at the average on the chart's own axis", () => {
    const n = slideOf("01-ranking");
    const xml = slideXml(parts, n);
    const frame = boxes(xml).find((b) => b.kind === "graphicFrame");
    const [chart] = slideCharts(parts, n);
    const layout = (k: string) => Number(new RegExp(`<c:${k} val="([\\d.]+)"\\s*/>`).exec(chart)?.[1]);
    const valAx = /<c:valAx>[\s\S]*?<\/c:valAx>/.exec(chart)?.[0] ?? "";
    const max = Number(/<c:max val="([\d.]+)"\/>/.exec(valAx)?.[1]);
    const min = Number(/<c:min val="([\d.]+)"\/>/.exec(valAx)?.[1]);
    const avg = round2(mean(sample.leaders.filter((l) => l.final !== null).map((l) => l.final as number)) ?? 0);
    expect(texts(xml).join("")).toContain(`已评定人员平均分 ${avg.toFixed(2)}`);
    const plotLeft = frame!.x + frame!.w * layout("x");
    const plotWidth = frame!.w * layout("w");
    const expected = plotLeft + (plotWidth * (avg - min)) / (max - min);
    const lines = boxes(xml).filter((b) => b.kind === "sp" && b.xml.includes('prst="line"') && b.w < 0.01 && b.h > 100);
    expect(lines).toHaveLength(1);
    expect(lines[0].x).toBeCloseTo(expected, 0);
    expect(lines[0].xml).toContain('<a:prstDash val="dash"/>');
  });

  it("等次分布: columns per grade with the counts", () => {
    const spec = chartSpec("02-distribution");
    const [chart] = slideCharts(parts, slideOf("02-distribution"));
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(seriesOf(chart)[0].points.map(num)).toEqual(spec.table.rows.map((r) => r[1]));
    expect(seriesOf(chart, "cat")[0].points).toEqual(spec.table.rows.map((r) => r[0]));
    expect(texts(slideXml(parts, slideOf("02-distribution")))).toContain(`优秀名额 ${sample.summary.quota} 人`);
  });

  it("工作业绩 × 民主测评: a scatter, one series per grade with its leaders' two scores and a marker per grade", () => {
    const spec = chartSpec("03-quadrant");
    const [chart] = slideCharts(parts, slideOf("03-quadrant"));
    expect(chart).toContain("<c:scatterChart>");
    const xs = seriesOf(chart, "xVal");
    const ys = seriesOf(chart, "yVal");
    const grades = [...new Set(spec.table.rows.map((r) => r[5] as string))];
    expect(ys.map((s) => s.name).sort()).toEqual(grades.sort());
    const points = ys.flatMap((s, i) =>
      s.points.flatMap((y, k) => (y === null ? [] : [[s.name, num(xs[i].points[k]), num(y)]])),
    );
    expect(points.sort()).toEqual(spec.table.rows.map((r) => [r[5], r[2], r[3]]).sort());
    const symbol = (name: string) => /<c:symbol val="([^"]+)"\/>/.exec(ys.find((s) => s.name === name)?.xml ?? "")?.[1];
    expect(symbol("优秀")).toBe("triangle");
    expect(symbol("称职")).toBe("circle");
    // Every leader is named (20 ≤ 40), each label a name from the table.
    const names = [...chart.matchAll(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g)].flatMap((m) => texts(m[0]));
    expect(names.sort()).toEqual(spec.table.rows.map((r) => r[0]).sort());
  });

  it("测评票构成: 100% stacked bars of the four vote categories, each share as the PNG plots it", () => {
    const spec = chartSpec("05-votes");
    const [chart] = slideCharts(parts, slideOf("05-votes"));
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toContain('<c:grouping val="percentStacked"/>');
    const series = seriesOf(chart);
    expect(series.map((s) => s.name)).toEqual(["优秀", "称职", "基本称职", "不称职"]);
    spec.table.rows.forEach((r, i) => {
      const counts = r.slice(2, 6) as number[];
      const total = r[6] as number;
      series.forEach((s, k) =>
        expect(Math.abs(num(s.points[i])! - (100 * counts[k]) / total)).toBeLessThanOrEqual(0.05 + 1e-9),
      );
    });
    // … which are the numbers the PNG plots.
    const plotted = (spec.config.data.datasets as { data: number[] }[]).map((d) => d.data);
    expect(series.map((s) => s.points.map(num))).toEqual(plotted);
    expect(series[3].xml).toContain("<a:pattFill"); // 不称职 hatched, as on the PNG
  });

  it("个人考核画像: the radar and the votes are native charts, the indicators a picture", () => {
    const first = slideOf("portrait-1");
    const leader = sample.leaders[0];
    const [radar, votes] = slideCharts(parts, first);
    expect(radar).toContain("<c:radarChart>");
    const table = leaderRadar(sample, leader, OPTS).table;
    const [own, avg] = seriesOf(radar);
    expect(own.points.map(num)).toEqual(table.rows.map((r) => r[1]));
    expect(avg.points.map(num)).toEqual(table.rows.map((r) => r[2]));
    expect(votes).toContain('<c:grouping val="percentStacked"/>');
    const xml = slideXml(parts, first);
    expect(pictureCount(xml)).toBe(1);
    const t = texts(xml);
    expect(t).toContain(leader.name);
    expect(t).toContain(leader.position);
    expect(t).toContain((leader.final as number).toFixed(2));
    expect(t).toContain(leader.grade);
  });
});

describe("pictures", () => {
  it("德能勤廉 small multiples and 经营指标完成情况 are pictures of their figures; so is each portrait's indicators", () => {
    for (const f of figures.filter((x) => x.id.startsWith("04-") || x.id.startsWith("06-"))) {
      const xml = slideXml(parts, slideOf(f.id));
      expect(pictureCount(xml), f.id).toBe(1);
      expect(slideCharts(parts, slideOf(f.id)), f.id).toHaveLength(0);
    }
    const pictured = asked.map((f) => (f.type === "chart" ? f.kind : f.kind));
    expect(pictured.filter((k) => k === "radarGrid")).toHaveLength(
      figures.filter((f) => f.id.startsWith("04-")).length,
    );
    expect(pictured.filter((k) => k === "indicators")).toHaveLength(
      figures.filter((f) => f.id.startsWith("06-")).length,
    );
    expect(pictured.filter((k) => k === "leaderIndicators")).toHaveLength(sample.leaders.length);
    expect(asked).toHaveLength(deck.slides.reduce((s, x) => s + x.pictures, 0));
  });

  it("a chart without data rows is a picture (its PNG says so), not an empty native chart", async () => {
    const noneGraded: Assessment = {
      ...sample,
      leaders: sample.leaders.map((l) => ({
        ...l,
        status: "pending" as const,
        rank: null,
        final: null,
        grade: "暂缓评定" as const,
      })),
      summary: { ...sample.summary, graded: 0, excellent: 0, pending: sample.leaders.length },
    };
    const { deck: d } = await deckOf(noneGraded, { portraits: false });
    expect(d.slides.find((s) => s.id === "01-ranking")?.kind).toBe("picture");
  });
});

describe("every slide", () => {
  it("shows its slide number and the 仅供会议使用 mark of the slide master, uncovered", () => {
    for (let n = 1; n <= slideCount(parts); n++) {
      const xml = slideXml(parts, n);
      expect(xml, `slide ${n}`).toMatch(/<a:fld [^>]*type="slidenum"/);
      const layout = slideLayoutOf(parts, n);
      expect(texts(layout), `slide ${n}`).toContain(MEETING_MARK);
      const mark = boxes(layout).find((b) => b.xml.includes(MEETING_MARK))!;
      expect(mark.x + mark.w).toBeGreaterThan(1280 - MARGIN - 1); // top right
      expect(mark.y).toBeLessThan(30);
      for (const b of boxes(xml)) {
        const overlaps = b.x < mark.x + mark.w && mark.x < b.x + b.w && b.y < mark.y + mark.h && mark.y < b.y + b.h;
        expect(overlaps, `slide ${n}: ${b.kind} at ${Math.round(b.x)},${Math.round(b.y)} covers the mark`).toBe(false);
      }
    }
  });

  it("every chart slide names its source, on the slide and in the speaker notes with the chart's notes", () => {
    deck.slides.forEach((s, i) => {
      if (s.kind === "title") return;
      // A picture carries its own source line, drawn into it.
      if (s.kind !== "picture") expect(texts(slideXml(parts, i + 1)), s.id).toContain(SOURCE);
      expect(notesOf(parts, i + 1), s.id).toContain(SOURCE);
    });
    const ranking = chartSpec("01-ranking");
    for (const note of ranking.notes) expect(notesOf(parts, slideOf("01-ranking"))).toContain(note);
  });

  it("sets every text in 微软雅黑, East-Asian slot included: slides, master, theme and charts", () => {
    const named = (xml: string, tag: string) =>
      [...xml.matchAll(new RegExp(`<a:${tag} typeface="([^"]*)"`, "g"))]
        .map((m) => m[1])
        .filter((f) => !f.startsWith("+"));
    let runs = 0;
    for (const [path, xml] of parts) {
      if (!/^ppt\/(slides|slideLayouts|charts|theme)\/[^/]+\.xml$/.test(path)) continue;
      for (const face of [...named(xml, "latin"), ...named(xml, "ea")]) expect(face, path).toBe(DECK_FONT);
      if (/slides\/|charts\//.test(path)) {
        runs += named(xml, "ea").length;
        expect(named(xml, "ea").length, path).toBe(named(xml, "latin").length);
      }
    }
    expect(runs).toBeGreaterThan(500);
    const theme = parts.get("ppt/theme/theme1.xml") ?? "";
    expect(theme.match(/<a:ea typeface="Microsoft YaHei"\/>/g)).toHaveLength(2);
    // And Chinese runs say they are Chinese.
    expect(slideXml(parts, 2)).toMatch(/<a:rPr lang="zh-CN"/);
  });

  it("keeps names with XML's special characters as text", async () => {
    const odd: Assessment = {
      ...sample,
      leaders: sample.leaders.map((l, i) => ({ ...l, name: `<甲&"${i}'>` })),
    };
    const { parts: p } = await deckOf(odd, { portraits: [0] });
    for (const [path, xml] of p) if (/\.xml$/.test(path)) await parseStringPromise(xml);
    const ranking = slideCharts(p, 2)[0];
    expect(seriesOf(ranking, "cat")[0].points[0]).toMatch(/^\d+ {2}<甲&"\d+'>$/);
    expect(texts(slideXml(p, slideCount(p)))).toContain(`<甲&"0'>`);
  });

  it("is a well-formed package: every XML part parses", async () => {
    for (const [path, xml] of parts) {
      if (!/\.(xml|rels)$/.test(path)) continue;
      await expect(parseStringPromise(xml), path).resolves.toBeTruthy();
    }
    expect(parts.get("[Content_Types].xml")).toContain("presentationml.presentation.main+xml");
  });
});

describe("helpers", () => {
  it("chineseDate and deckFileName", () => {
    expect(chineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(deckFileName(sample, { date: DATE })).toBe("2025年度考核评价会议材料.pptx");
    expect(deckFileName(sample, { date: DATE, year: "2024" })).toBe("2024年度考核评价会议材料.pptx");
  });
});
