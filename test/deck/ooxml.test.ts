/**
 * The XML edits of the deck, on the parts pptxgenjs 4.0.1 really writes (so that a change in its output
 * shows up here) and on small hand-written cases.
 */
import PptxGenJS from "pptxgenjs";
import { parseStringPromise } from "xml2js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  blend,
  dropEmptyPoints,
  hideEmptyLabels,
  mapSeries,
  patchChartFonts,
  patchThemeFonts,
  setLabelPositions,
  setMarker,
  setPointLabelFormats,
  setPointShapes,
  setSeriesShape,
  solidColor,
  spPr,
} from "../../src/deck/ooxml";
import { zipEntries } from "../cli/zip";

const FACE = "Microsoft YaHei";

/** The parts of a one-slide deck with a bar chart and a scatter chart, as pptxgenjs writes them. */
async function written(): Promise<{ bar: string; scatter: string; theme: string }> {
  const pptx = new PptxGenJS();
  const slide = pptx.addSlide();
  slide.addChart(pptx.ChartType.bar, [{ name: "综合得分", labels: ["甲", "乙", "丙"], values: [101.5, 95, 88.25] }], {
    x: 0.5,
    y: 0.5,
    w: 6,
    h: 4,
    barDir: "bar",
    chartColors: ["63BE7B", "8DB4E2", "F4A09C"],
    showValue: true,
    dataLabelPosition: "outEnd",
    dataLabelFontFace: FACE,
  });
  slide.addChart(
    pptx.ChartType.scatter,
    [
      { name: "X", values: [90, 95, 100] },
      { name: "优秀", values: [95, null, 97], labels: [["甲", "", "丙"]] },
      { name: "称职", values: [null, 92, null], labels: [["", "乙", ""]] },
    ] as never[],
    {
      x: 0.5,
      y: 0.5,
      w: 6,
      h: 4,
      lineSize: 0,
      showLabel: true,
      dataLabelFormatScatter: "custom",
      dataLabelPosition: "r",
    },
  );
  const parts = zipEntries((await pptx.write({ outputType: "uint8array" })) as Uint8Array);
  const charts = [...parts.keys()].filter((k) => /^ppt\/charts\/chart\d+\.xml$/.test(k)).sort();
  const byType = (type: string) =>
    parts.get(charts.find((k) => parts.get(k)?.includes(`<c:${type}Chart>`)) ?? "") ?? "";
  return { bar: byType("bar"), scatter: byType("scatter"), theme: parts.get("ppt/theme/theme1.xml") ?? "" };
}

const wellFormed = (xml: string) => parseStringPromise(xml);
const series = (xml: string) => [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => m[0]);

let parts: Awaited<ReturnType<typeof written>>;
beforeAll(async () => {
  parts = await written();
});

describe("fonts", () => {
  it("pptxgenjs writes only a Latin typeface in charts and an empty East-Asian one in the theme", () => {
    expect(parts.bar).toContain(`<a:latin typeface="${FACE}"/>`);
    expect(parts.bar).not.toContain("<a:ea ");
    expect(parts.theme).toContain('<a:ea typeface=""/>');
    expect(parts.theme).toContain('<a:font script="Hans" typeface="等线"/>');
  });

  it("patchChartFonts pairs every Latin typeface with the East-Asian one, sets the language and a default", async () => {
    const out = patchChartFonts(parts.bar, FACE, "zh-CN");
    const latins = [...out.matchAll(/<a:latin typeface="([^"]*)"\/>(<a:ea typeface="([^"]*)"\/>)?/g)];
    expect(latins.length).toBeGreaterThan(3);
    for (const m of latins) expect([m[1], m[3]]).toEqual([FACE, FACE]); // Arial defaults replaced too
    expect(out).not.toContain('lang="en-US"');
    expect(out).toMatch(
      /<\/c:spPr><c:txPr>[\s\S]*?<a:ea typeface="Microsoft YaHei"\/>[\s\S]*?<\/c:txPr><c:externalData/,
    );
    expect(patchChartFonts(out, FACE, "zh-CN")).toBe(out); // idempotent
    await wellFormed(out);
  });

  it("patchThemeFonts fills the East-Asian slots and the Simplified-Chinese script font", async () => {
    const out = patchThemeFonts(parts.theme, FACE);
    expect(out.match(/<a:ea typeface="Microsoft YaHei"\/>/g)).toHaveLength(2); // major and minor
    expect(out.match(/<a:font script="Hans" typeface="Microsoft YaHei"\/>/g)).toHaveLength(2);
    await wellFormed(out);
  });
});

describe("series edits", () => {
  it("setPointShapes restyles each data point by index, hatched ones with a pattern", async () => {
    const ser = series(parts.bar)[0];
    expect(ser.match(/<c:dPt>/g)).toHaveLength(3);
    const out = setPointShapes(ser, [
      { fill: "#63BE7B", line: "#456F50" },
      null,
      { fill: "#F4A09C", hatch: "#8B6D6C" },
    ]);
    const dpts = [...out.matchAll(/<c:dPt>[\s\S]*?<\/c:dPt>/g)].map((m) => m[0]);
    expect(dpts[0]).toContain('<a:srgbClr val="63BE7B"/>');
    expect(dpts[0]).toContain('<a:ln w="9525" cap="flat"><a:solidFill><a:srgbClr val="456F50"/>');
    expect(dpts[1]).toContain('<a:srgbClr val="8DB4E2"/>'); // untouched
    expect(dpts[2]).toContain(
      '<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="8B6D6C"/></a:fgClr><a:bgClr><a:srgbClr val="F4A09C"/></a:bgClr></a:pattFill>',
    );
    await wellFormed(out);
  });

  it("setPointLabelFormats gives each point a linked label with its own format, first in <c:dLbls>", async () => {
    const ser = series(parts.bar)[0];
    // pptxgenjs drops "outEnd" for clustered bars: the position is given.
    expect(ser).not.toContain("<c:dLblPos");
    const out = setPointLabelFormats(ser, ['0.00"  优秀"', null, '0.00"  不称职"'], "outEnd");
    const labels = [...out.matchAll(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g)].map((m) => m[0]);
    expect(labels).toHaveLength(2);
    expect(labels[0]).toMatch(
      /^<c:dLbl><c:idx val="0"\/><c:numFmt formatCode="0\.00&quot; {2}优秀&quot;" sourceLinked="0"\/>/,
    );
    expect(labels[1]).toContain('<c:idx val="2"/>');
    for (const l of labels) {
      expect(l).toContain('<c:showVal val="1"/>');
      expect(l).toContain('<c:dLblPos val="outEnd"/>');
      expect(l).toContain(`<a:latin typeface="${FACE}"/>`); // the series' text style
    }
    expect(out.indexOf("<c:dLbls><c:dLbl>")).toBeGreaterThan(0);
    await wellFormed(out);
  });

  it("setSeriesShape replaces the series' own fill and line, not its points' or labels'", () => {
    const ser = series(parts.bar)[0];
    const out = setSeriesShape(ser, { fill: "#112233", opacity: 0.45, line: "#445566", lineWidth: 2, dash: "dash" });
    expect(out).toContain(
      '<c:spPr><a:solidFill><a:srgbClr val="112233"><a:alpha val="45000"/></a:srgbClr></a:solidFill><a:ln w="25400" cap="flat"><a:solidFill><a:srgbClr val="445566"/></a:solidFill><a:prstDash val="dash"/>',
    );
    expect(out.match(/<c:dPt>/g)).toHaveLength(3);
  });

  it("scatter: markers per series, blank points dropped, empty labels deleted and the rest positioned", async () => {
    const [first, second] = series(parts.scatter);
    expect(parts.scatter).toContain("<c:v></c:v>"); // what pptxgenjs writes for null
    const out = dropEmptyPoints(
      mapSeries(parts.scatter, (ser, i) =>
        setMarker(hideEmptyLabels(setLabelPositions(ser, new Map([[2, "l"]]))), {
          symbol: i === 0 ? "triangle" : "circle",
          size: 9.6,
          fill: "#63BE7B",
          line: "#36684A",
        }),
      ),
    );
    expect(first).toContain("<c:dLbl>");
    expect(second).toContain("<c:dLbl>");
    const [a, b] = series(out);
    expect(a).toContain(
      '<c:marker><c:symbol val="triangle"/><c:size val="10"/><c:spPr><a:solidFill><a:srgbClr val="63BE7B"/>',
    );
    expect(b).toContain('<c:symbol val="circle"/>');
    expect(out).not.toContain("<c:v></c:v>");
    expect(a.match(/<c:yVal>[\s\S]*?<\/c:yVal>/)?.[0].match(/<c:pt /g)).toHaveLength(2);
    // 甲 and 丙 keep their labels (丙 on the left); the blank point's label is deleted.
    const labels = [...a.matchAll(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g)].map((m) => m[0]);
    expect(labels.map((l) => /<a:t>([^<]*)<\/a:t>/.exec(l)?.[1] ?? "deleted")).toEqual(["甲", "deleted", "丙"]);
    expect(labels[1]).toBe('<c:dLbl><c:idx val="1"/><c:delete val="1"/></c:dLbl>');
    expect(labels[2]).toContain('<c:dLblPos val="l"/>');
    expect(labels[0]).toContain('<c:dLblPos val="r"/>');
    expect(out).not.toMatch(/<c:dLbl>(?:(?!<\/c:dLbl>)[\s\S])*<c:showLeaderLines/);
    // Other points show nothing by default.
    expect(a).toMatch(/<\/c:dLbl><c:showLegendKey val="0"\/><c:showVal val="0"\/>[\s\S]*?<\/c:dLbls>/);
    await wellFormed(out);
  });
});

describe("colours", () => {
  it("spPr writes no fill and no line when asked", () => {
    expect(spPr({ fill: null })).toBe("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
  });

  it("solidColor flattens rgba over white, blend mixes two colours", () => {
    expect(solidColor("rgba(31, 41, 55, 0.55)")).toBe(blend("#1F2937", 0.55, "#FFFFFF"));
    expect(solidColor("rgba(0, 0, 0, 0.5)")).toBe("#808080");
    expect(solidColor("#abcdef")).toBe("#ABCDEF");
    expect(blend("#FF0000", 0, "#00FF00")).toBe("#00FF00");
  });
});
