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
import {
  buildDeck,
  chineseDate,
  DECK_FONT,
  deckFileName,
  MEETING_MARK,
  type Deck,
  type DeckOptions,
} from "../../src/deck/deck";
import { MARGIN, TITLE_BOX } from "../../src/deck/native";
import type { Assessment } from "../../src/engine/types";
import { GRADE_COLORS, type GradeLabel } from "../../src/workbook/gradeColors";
import { decisionsAssessment, groupedAssessment, largeAssessment, OPTS, sampleAssessment } from "../charts/fixtures";
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
    // The decisions come right after the title.
    expect(deck.slides.slice(1, 3).map((s) => [s.kind, s.id])).toEqual([
      ["chart", "00-decisions"],
      ["table", "00-matters"],
    ]);
  });

  it("every slide after the first has its title as native text, in one place, one size, and none in a picture", async () => {
    const { parts: d, deck: dd } = await deckOf(await decisionsAssessment(), { portraits: [0, 2] });
    for (const [p, slides] of [
      [parts, deck.slides],
      [d, dd.slides],
    ] as const) {
      const places = new Set<string>();
      slides.forEach((s, i) => {
        if (s.kind === "title") return;
        const xml = slideXml(p, i + 1);
        const title = boxes(xml).find((b) => b.kind === "sp" && texts(b.xml).join("") === s.title);
        expect(title, s.id).toBeDefined();
        const size = /<a:rPr [^>]*sz="(\d+)"/.exec(title!.xml)?.[1];
        places.add(`${Math.round(title!.x)},${Math.round(title!.y)},${Math.round(title!.w)},${size}`);
      });
      expect([...places]).toEqual([`${TITLE_BOX.x},${TITLE_BOX.y},${TITLE_BOX.w},1800`]);
    }
    // Pictures are rendered bare: no figure asked for has its title drawn in.
    for (const f of asked) {
      if (f.type !== "chart") continue;
      expect((f.config.options as any).plugins.title.display, f.id).toBe(false);
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

describe("the decisions, right after the title", () => {
  it("优秀等次的确定: a waterfall whose steps add up to those rated 优秀, the quota q", async () => {
    const a = await decisionsAssessment();
    const { deck: d, parts: p } = await deckOf(a, { portraits: false });
    const n = d.slides.findIndex((s) => s.id === "00-decisions") + 1;
    expect(n).toBe(2);
    const [chart] = slideCharts(p, n);
    expect(chart).toContain('<c:grouping val="stacked"/>');
    const [base, size] = seriesOf(chart);
    expect(seriesOf(chart, "cat")[0].points).toEqual([
      "达到优秀分数线",
      "个人情况",
      "亏损限档",
      "超出名额",
      "评为优秀",
    ]);
    expect(base.points.map(num)).toEqual([0, 7, 5, 3, 0]);
    expect(size.points.map(num)).toEqual([8, 1, 2, 2, 3]);
    // The base is invisible; the steps add up: 8 − 1 − 2 − 2 = 3 = q.
    expect(base.xml).toMatch(/<c:spPr><a:noFill\/>/);
    const [first, ...steps] = size.points.map((v) => num(v)!);
    expect(first - steps.slice(0, -1).reduce((s, v) => s + v, 0)).toBe(steps.at(-1));
    expect(steps.at(-1)).toBe(a.summary.quota);
    const t = texts(slideXml(p, n));
    for (const label of ["8 人", "−1", "−2", "3 人"]) expect(t).toContain(label);
    expect(t.join("")).toContain("超出名额（−2）：周启明（恒川发电有限公司）、陈立航（恒川发电有限公司）");
  });

  it("需集体研究事项: a native table naming every leader whose grade a rule decided, with rule and effect", async () => {
    const a = await decisionsAssessment();
    const { deck: d, parts: p } = await deckOf(a, { portraits: false });
    const n = d.slides.findIndex((s) => s.id === "00-matters") + 1;
    expect(n).toBe(3);
    const xml = slideXml(p, n);
    expect(xml).toContain("<a:tbl>");
    const rows = [...xml.matchAll(/<a:tr\b[\s\S]*?<\/a:tr>/g)].map((r) =>
      [...r[0].matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)].map((c) => texts(c[0]).join("")),
    );
    expect(rows[0]).toEqual(["序号", "姓名", "单位", "综合得分", "事项", "情况", "影响", "状态"]);
    const named = new Set(rows.slice(1).map((r) => r[1]));
    for (const l of a.leaders)
      if (l.flags.length > 0) expect(named.has(l.name), `${l.name}: ${l.flags.map((f) => f.code)}`).toBe(true);
    expect(rows.find((r) => r[1] === "秦少华" && r[4] === "组织决定")?.[6]).toBe(
      "经组织研究确定为基本称职（原为称职）",
    );
    expect(rows.find((r) => r[1] === "林雪梅")?.[6]).toBe("不定等次");
    // Decided leaders are all named in the sample's deck too.
    const own = texts(slideXml(parts, slideOf("00-matters")));
    for (const l of sample.leaders) if (l.flags.length > 0) expect(own).toContain(l.name);
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

  it("综合得分排名: band lines at 90/70/60 on the chart's own axis, the quota cut, badges on the right bars", () => {
    const n = slideOf("01-ranking");
    const xml = slideXml(parts, n);
    const frame = boxes(xml).find((b) => b.kind === "graphicFrame")!;
    const [chart] = slideCharts(parts, n);
    const layout = (k: string) => Number(new RegExp(`<c:${k} val="([\\d.]+)"\\s*/>`).exec(chart)?.[1]);
    const valAx = /<c:valAx>[\s\S]*?<\/c:valAx>/.exec(chart)?.[0] ?? "";
    const max = Number(/<c:max val="([\d.]+)"\/>/.exec(valAx)?.[1]);
    const min = Number(/<c:min val="([\d.]+)"\/>/.exec(valAx)?.[1]);
    const plotLeft = frame.x + frame.w * layout("x");
    const plotWidth = frame.w * layout("w");
    const plotTop = frame.y + frame.h * layout("y");
    const plotHeight = frame.h * layout("h");
    const at = (v: number) => plotLeft + (plotWidth * (v - min)) / (max - min);
    const shapes = boxes(xml).filter((b) => b.kind === "sp");
    const lines = shapes.filter((b) => b.xml.includes('prst="line"'));
    const vertical = lines.filter((b) => b.w < 0.01 && b.h > 5);
    for (const v of [90, 70, 60]) {
      const mine = vertical.filter((b) => Math.abs(b.x - at(v)) < 0.5);
      expect(mine.length, `${v}`).toBeGreaterThan(0);
      for (const b of mine) expect(b.xml).toContain('<a:prstDash val="dash"/>');
    }
    // Band lines over the chart (PowerPoint's grid lines would cover them beneath), but never over a bar.
    const order = (b: { xml: string }) => xml.indexOf(b.xml);
    for (const b of vertical) expect(order(b)).toBeGreaterThan(xml.indexOf("<p:graphicFrame"));
    const finals = chartSpec("01-ranking").table.rows.map((r) => r[4] as number);
    const band = plotHeight / finals.length;
    const bar = band / 1.33;
    for (const v of [90, 70, 60])
      for (const b of vertical.filter((x) => Math.abs(x.x - at(v)) < 0.5))
        finals.forEach((f, i) => {
          if (f < v) return;
          const mid = plotTop + (i + 0.5) * band;
          expect(b.y >= mid + bar / 2 - 0.5 || b.y + b.h <= mid - bar / 2 + 0.5, `${v} over the bar of row ${i}`).toBe(
            true,
          );
        });
    const cut = lines.find((b) => b.h < 0.01 && b.w > 300)!;
    expect(cut.y).toBeCloseTo(plotTop + (plotHeight * 4) / 20, 0);
    expect(texts(xml)).toContain("优秀名额 4 人");
    expect(texts(xml).join("")).not.toContain("平均");
    // A badge beside its bar: the row of 赵国栋 (rank 5) carries 亏损限档.
    const spec = chartSpec("01-ranking");
    const row = spec.table.rows.findIndex((r) => r[1] === "赵国栋");
    const badge = shapes.filter((b) => texts(b.xml).join("") === "亏损限档")[0];
    expect(badge.y + badge.h / 2).toBeCloseTo(plotTop + (plotHeight * (row + 0.5)) / 20, 0);
    expect(badge.x).toBeGreaterThan(at(97.24));
    // No line runs through a label or a badge.
    const labels = shapes.filter((b) => !b.xml.includes('prst="line"') && texts(b.xml).length > 0);
    for (const l of lines)
      for (const b of labels) {
        const through =
          l.x > b.x + 0.5 && l.x < b.x + b.w - 0.5 && Math.max(l.y, b.y) < Math.min(l.y + l.h, b.y + b.h) - 0.5;
        expect(through, `line at ${Math.round(l.x)},${Math.round(l.y)} through ${texts(b.xml).join("")}`).toBe(false);
      }
  });

  it("等次分布: columns per grade with the counts, the quota under 优秀", () => {
    const spec = chartSpec("02-distribution");
    const [chart] = slideCharts(parts, slideOf("02-distribution"));
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(seriesOf(chart)[0].points.map(num)).toEqual(spec.table.rows.map((r) => r[1]));
    expect(seriesOf(chart, "cat")[0].points).toEqual([
      `优秀\n名额 ${sample.summary.quota} 人`,
      "称职",
      "基本称职",
      "不称职",
    ]);
    expect(texts(slideXml(parts, slideOf("02-distribution")))).toContain("4 人（20.0%）");
  });

  it("等次分布 with quota groups: a series per grade over the groups, a quota line per group", async () => {
    const g = await groupedAssessment();
    const { deck: d, parts: p } = await deckOf(g, { portraits: false, quotaGroupColumn: "考核类别" });
    const n = d.slides.findIndex((s) => s.id === "02-distribution") + 1;
    const [chart] = slideCharts(p, n);
    const series = seriesOf(chart);
    expect(series.map((s) => s.name)).toEqual(["优秀", "称职", "基本称职", "不称职"]);
    const groups = g.summary.quotaGroups!;
    expect(seriesOf(chart, "cat")[0].points).toEqual(
      groups.map((x) => `${x.group}\n已评定 ${x.graded} 人 · 名额 ${x.quota} 人`),
    );
    expect(series[0].points.map(num)).toEqual(groups.map((x) => x.excellent));
    const quota = boxes(slideXml(p, n)).filter(
      (b) => b.xml.includes('prst="line"') && b.h < 0.01 && b.xml.includes("B42318"),
    );
    expect(quota.length).toBeGreaterThanOrEqual(groups.length);
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
    // Every leader is named (20 ≤ 40) beside the chart's points, as shapes; the iso-line of 90 lies beneath.
    const xml = slideXml(parts, slideOf("03-quadrant"));
    const t = texts(xml);
    for (const r of spec.table.rows) expect(t, String(r[0])).toContain(String(r[0]));
    expect(t).toContain("优秀线 90");
    expect(xml.indexOf('prst="line"')).toBeLessThan(xml.indexOf("<p:graphicFrame"));
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
    // One threshold, 2/3, with its two meanings; the shares as labels placed by the builder.
    const t = texts(slideXml(parts, slideOf("05-votes")));
    expect(t).toContain("← 优秀＋称职票须达到此线");
    expect(t).toContain("不称职票越过此线即超过三分之一 →");
    expect(t.filter((x) => /^\d+%$/.test(x)).length).toBeGreaterThan(40);
  });

  it("民主测评分项: a native table with the heat fills", () => {
    const xml = slideXml(parts, slideOf("04-heatmap"));
    expect(xml).toContain("<a:tbl>");
    expect(texts(xml)).toContain("全体平均");
    expect(xml).toMatch(/<a:solidFill><a:srgbClr val="7FB3D5"\/>/);
    expect(slideCharts(parts, slideOf("04-heatmap"))).toHaveLength(0);
    expect(pictureCount(xml)).toBe(0);
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
  it("经营指标完成情况 is a picture of its figure, drawn bare; so is each portrait's indicators", () => {
    for (const f of figures.filter((x) => x.id.startsWith("06-"))) {
      const xml = slideXml(parts, slideOf(f.id));
      expect(pictureCount(xml), f.id).toBe(1);
      expect(slideCharts(parts, slideOf(f.id)), f.id).toHaveLength(0);
    }
    const pictured = asked.map((f) => f.kind);
    expect(pictured.filter((k) => k === "indicators")).toHaveLength(
      figures.filter((f) => f.id.startsWith("06-")).length,
    );
    expect(pictured.filter((k) => k === "leaderIndicators")).toHaveLength(sample.leaders.length);
    expect(pictured.every((k) => k === "indicators" || k === "leaderIndicators")).toBe(true);
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
      expect(texts(slideXml(parts, i + 1)), s.id).toContain(SOURCE);
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

  it("sets every text in the face asked for (--deck-font)", async () => {
    const { parts: p } = await deckOf(sample, { portraits: [0], fontFace: "SimHei" });
    const faces = new Set<string>();
    for (const [path, xml] of p) {
      if (!/^ppt\/(slides|slideLayouts|charts|theme)\/[^/]+\.xml$/.test(path)) continue;
      for (const m of xml.matchAll(/<a:(latin|ea) typeface="([^"+][^"]*)"/g)) faces.add(m[2]);
    }
    expect([...faces]).toEqual(["SimHei"]);
  });

  it("keeps names with XML's special characters as text", async () => {
    const odd: Assessment = {
      ...sample,
      leaders: sample.leaders.map((l, i) => ({ ...l, name: `<甲&"${i}'>` })),
    };
    const { parts: p } = await deckOf(odd, { portraits: [0] });
    for (const [path, xml] of p) if (/\.xml$/.test(path)) await parseStringPromise(xml);
    const ranking = slideCharts(p, 4)[0];
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
