/**
 * 民主测评分项 (04): every leader's vote means as a table — per dimension (德能勤廉, the evaluator groups
 * weighted as D weights them) and per evaluator group (上级, 同级, 下级: D_g), and D — each value printed and its
 * cell coloured by how far it lies from the mean of all leaders in that column (blue above, orange below,
 * darker farther). It replaces the radar small multiples, whose near-identical diamonds carried no values.
 * Leaders in rank order, those without a grade last; a row of means at the bottom of every page.
 */
import type { Assessment, LeaderResult } from "../engine/types";
import { dimensionNames, dimensionScores, leadersInRankOrder, mean, pages, rankText, round2 } from "./data";
import { fileNameOf, frameOf, idOf, sourceOf, titleOf } from "./frame";
import { headerBlocks, sourceBlock } from "./radar";
import { NOT_GRADES, type Theme } from "./theme";
import type { BlockCell, ChartOptions, PageBlock, PageSpec, TableBlock } from "./types";

export const HEATMAP_NUMBER = 4;
export const HEATMAP_NAME = "民主测评分项";
export const HEATMAP_ROWS_PER_PAGE = 20;
const ROW_HEIGHT = 24;
const VALUE_WIDTH = 78;

/** The evaluator groups that occur, in the order of the explanations (上级, 同级, 下级 by default). */
export function groupNames(a: Assessment): string[] {
  const names: string[] = [];
  for (const l of a.leaders)
    for (const g of l.explain.democratic.groups) if (!names.includes(g.group)) names.push(g.group);
  return names;
}

/** A leader's D_g per evaluator group (null where the group did not vote). */
export function groupScores(l: LeaderResult, groups: readonly string[]): (number | null)[] {
  return groups.map((name) => {
    const v = l.explain.democratic.groups.find((g) => g.group === name)?.value ?? null;
    return v === null ? null : round2(v);
  });
}

export interface HeatColumn {
  header: string;
  /** The column's header group: 德能勤廉, 测评人类别, or none (D). */
  group: "dimension" | "evaluator" | "total";
  values: (number | null)[];
  mean: number | null;
}

/** The value columns of the table over `leaders`: dimensions, evaluator groups, D; means over everyone. */
export function heatColumns(a: Assessment, leaders: readonly LeaderResult[]): HeatColumn[] {
  const dims = dimensionNames(a);
  const groups = groupNames(a);
  const columnMean = (vs: (number | null)[]) => {
    const m = mean(vs.filter((v): v is number => v !== null));
    return m === null ? null : round2(m);
  };
  const everyone = a.leaders;
  const dimAll = everyone.map((l) => dimensionScores(l, dims));
  const grpAll = everyone.map((l) => groupScores(l, groups));
  const of = (l: LeaderResult) => everyone.indexOf(l);
  return [
    ...dims.map((d, k) => ({
      header: d,
      group: "dimension" as const,
      values: leaders.map((l) => dimAll[of(l)][k]),
      mean: columnMean(dimAll.map((r) => r[k])),
    })),
    ...groups.map((g, k) => ({
      header: g,
      group: "evaluator" as const,
      values: leaders.map((l) => grpAll[of(l)][k]),
      mean: columnMean(grpAll.map((r) => r[k])),
    })),
    {
      header: "民主测评",
      group: "total" as const,
      values: leaders.map((l) => l.democratic),
      mean: columnMean(everyone.map((l) => l.democratic)),
    },
  ];
}

/**
 * The step of the colour bins, in points: a round number near the typical deviation (0.8 × the median
 * distance from the column means), so that most tables show a spread of colours and one outlier does not
 * wash the rest out.
 */
export function heatStep(columns: readonly HeatColumn[]): number {
  const devs: number[] = [];
  for (const c of columns) for (const v of c.values) if (v !== null && c.mean !== null) devs.push(Math.abs(v - c.mean));
  devs.sort((x, y) => x - y);
  const median = devs.length === 0 ? 0 : devs[Math.floor(devs.length / 2)];
  const target = 0.8 * median;
  return [10, 5, 2.5, 2, 1, 0.5].find((s) => s <= target) ?? 0.5;
}

/** The bin of a deviation: −2 (well below) … 2 (well above); 0 within one step of the mean. */
export function heatBin(value: number | null, columnMean: number | null, step: number): -2 | -1 | 0 | 1 | 2 {
  if (value === null || columnMean === null) return 0;
  const d = round2(value - columnMean);
  const k = Math.abs(d) >= 2 * step ? 2 : Math.abs(d) >= step ? 1 : 0;
  return (d < 0 ? -k : k) as -2 | -1 | 0 | 1 | 2;
}

export function heatFill(t: Theme, bin: number): string | null {
  return bin === 2
    ? t.heat.high2
    : bin === 1
      ? t.heat.high1
      : bin === -1
        ? t.heat.low1
        : bin === -2
          ? t.heat.low2
          : null;
}

const fmt = (step: number) => (Number.isInteger(step) ? String(step) : step.toFixed(1));

/** The legend's five bins, as text with their fills. */
export function heatLegend(t: Theme, step: number): { text: string; fill: string | null }[] {
  const a = fmt(step);
  const b = fmt(2 * step);
  return [
    { text: `高于平均 ${b} 分以上`, fill: t.heat.high2 },
    { text: `高于 ${a}–${b} 分`, fill: t.heat.high1 },
    { text: `相差不到 ${a} 分`, fill: null },
    { text: `低于 ${a}–${b} 分`, fill: t.heat.low1 },
    { text: `低于平均 ${b} 分以上`, fill: t.heat.low2 },
  ];
}

/**
 * The table's header rows and body for `leaders` (a page of them), the means of everyone last: shared by the
 * pages and by 会议图表's cells (src/excel/meetingLayout/heatmap.ts).
 */
export function heatmapCells(
  a: Assessment,
  leaders: readonly LeaderResult[],
  t: Theme,
  step: number,
): { header: BlockCell[][]; rows: BlockCell[][] } {
  const cols = heatColumns(a, leaders);
  const dimCount = cols.filter((c) => c.group === "dimension").length;
  const grpCount = cols.filter((c) => c.group === "evaluator").length;
  const header: BlockCell[][] = [
    [
      { text: "", span: 4 },
      ...(dimCount > 0 ? [{ text: "德能勤廉（各类测评人加权）", span: dimCount }] : []),
      ...(grpCount > 0 ? [{ text: "按测评人类别", span: grpCount }] : []),
      { text: "综合" },
    ],
    [{ text: "排名" }, { text: "姓名" }, { text: "单位" }, { text: "等次" }, ...cols.map((c) => ({ text: c.header }))],
  ];
  const rows: BlockCell[][] = leaders.map((l, i) => [
    { text: rankText(l) },
    { text: l.name, bold: true },
    { text: l.unit },
    NOT_GRADES.has(l.grade)
      ? { text: l.grade, color: t.muted, fill: null }
      : { text: l.grade, fill: t.grades[l.grade] },
    ...cols.map((c) => {
      const v = c.values[i];
      return { text: v === null ? "—" : v.toFixed(2), fill: heatFill(t, heatBin(v, c.mean, step)) };
    }),
  ]);
  rows.push([
    { text: "全体平均", span: 4, bold: true, align: "center", fill: "#F2F4F7" },
    ...cols.map((c) => ({ text: c.mean === null ? "—" : c.mean.toFixed(2), bold: true, fill: "#F2F4F7" })),
  ]);
  return { header, rows };
}

export function heatmapPages(a: Assessment, opts: ChartOptions): PageSpec[] {
  const f = frameOf(a, opts);
  const t = f.theme;
  const leaders = leadersInRankOrder(a);
  const all = heatColumns(a, leaders);
  const step = heatStep(all);
  const groups = pages(leaders, HEATMAP_ROWS_PER_PAGE);
  const width = 1280;
  const fixed = [52, 84, 0, 84];
  const valueCols = all.length;
  fixed[2] = Math.max(150, width - 56 - 52 - 84 - 84 - valueCols * VALUE_WIDTH);
  const widths = [...fixed, ...all.map((c) => (c.group === "total" ? VALUE_WIDTH : VALUE_WIDTH))];
  const tableWidth = widths.reduce((s, w) => s + w, 0);

  return groups.map((ls, p) => {
    const page = { index: p + 1, count: groups.length };
    const title = titleOf(f, HEATMAP_NAME, page);
    const subtitle = `${f.scope} · 各项为测评平均分（优秀 100、称职 80、基本称职 60、不称职 40）；颜色表示与全体平均的差距，数值为本人得分`;
    const { header, rows } = heatmapCells(a, ls, t, step);
    const table: TableBlock = {
      kind: "table",
      role: "table",
      x: 28,
      y: 124,
      width: tableWidth,
      height: ROW_HEIGHT * (rows.length + header.length),
      columns: widths.map((w, i) => ({ width: w, align: i === 1 || i === 2 ? "left" : "center" })),
      header,
      rows,
      rowHeight: ROW_HEIGHT,
      size: 13,
      headerFill: "#F2F4F7",
      border: "#D0D5DD",
    };
    const height = Math.max(720, table.y + table.height + 60);
    const legend: PageBlock[] = [];
    let x = 28;
    legend.push({
      kind: "text",
      role: "legend",
      x,
      y: 90,
      width: 60,
      height: 24,
      align: "left",
      lines: [{ text: "颜色：", size: 13, color: t.muted }],
    });
    x += 48;
    for (const bin of heatLegend(t, step)) {
      legend.push({
        kind: "chip",
        role: "legend",
        x,
        y: 92,
        width: 22,
        height: 16,
        text: "",
        size: 11,
        fill: bin.fill ?? t.background,
        color: t.text,
        border: "#98A2B3",
      });
      legend.push({
        kind: "text",
        role: "legend",
        x: x + 28,
        y: 90,
        width: 150,
        height: 24,
        align: "left",
        lines: [{ text: bin.text, size: 13, color: t.text }],
      });
      x += 28 + 150 + 8;
    }
    return {
      type: "page",
      id: idOf(HEATMAP_NUMBER, "heatmap", page),
      fileName: fileNameOf(HEATMAP_NUMBER, HEATMAP_NAME, page),
      kind: "heatmap",
      title,
      subtitle,
      source: sourceOf(f),
      ...(groups.length > 1 ? { page } : {}),
      width,
      height,
      background: t.background,
      blocks: [...headerBlocks(f, title, subtitle, width), ...legend, table, sourceBlock(f, height - 34, width)],
      theme: t,
    };
  });
}
