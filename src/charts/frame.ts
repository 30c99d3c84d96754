/**
 * What every meeting chart shares: the title with year and page, the scope line, the legend, notes and the
 * source line, the white background, fonts, and the file names.
 */
import type { ChartConfiguration, ChartOptions as ChartJsOptions, Plugin } from "chart.js";
import type { Assessment, LeaderResult } from "../engine/types";
import {
  FRAME_PADDING,
  legendLayout,
  lineHeightOf,
  NOTE_PAD,
  noteLayout,
  plotArea,
  type AxisSizes,
  type Box,
  type LegendLayout,
} from "./geometry";
import type { AnnotationsSpec } from "./annotations";
import { background, legendBox, textBox, type LegendEntry } from "./plugins";
import { defaultTheme, font, type Theme } from "./theme";
import type { ChartKind, ChartOptions, ChartSpec, DataTable } from "./types";
import type { GradeBand } from "../method/types";

export interface Frame {
  year: string;
  scope: string;
  date: string;
  theme: Theme;
  locale: string;
  bands: readonly GradeBand[] | undefined;
  quotaGroupColumn: string | null;
  bare: boolean;
}

export const DEFAULT_SCOPE = "企业党组织负责人考核评价";

export function frameOf(a: Assessment, opts: ChartOptions): Frame {
  const year = opts.year ?? /^\d{4}/.exec(a.summary.referenceDate)?.[0] ?? opts.date.slice(0, 4);
  return {
    year,
    scope: opts.scope ?? DEFAULT_SCOPE,
    date: opts.date,
    theme: opts.theme ?? defaultTheme(),
    locale: opts.locale ?? "zh-CN",
    bands: opts.bands,
    quotaGroupColumn: opts.quotaGroupColumn ?? null,
    bare: opts.bare ?? false,
  };
}

export interface Page {
  index: number;
  count: number;
}

/** "2025年度综合得分排名（1/3）". */
export function titleOf(f: Frame, name: string, page?: Page): string {
  return `${f.year}年度${name}${page && page.count > 1 ? `（${page.index}/${page.count}）` : ""}`;
}

export function sourceOf(f: Frame): string {
  return `数据来源：考核结果 · ${f.date}`;
}

/** Windows, macOS and Linux all accept the result: no reserved characters or names, no trailing dot or space. */
export function safeFileName(name: string, maxLength = 80): string {
  let s = [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch === "\u007f" ? "_" : ch))
    .join("")
    .replace(/[\\/:*?"<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim();
  s = [...s].slice(0, maxLength).join("");
  s = s.replace(/[. ]+$/, "");
  if (s === "" || /^\.+$/.test(s)) s = "_";
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(s)) s = `_${s}`;
  return s;
}

/** "-2", or "-02" of 10 or more pages, so that file names sort in page order; "" for a single page. */
function pageSuffix(page?: Page): string {
  return page && page.count > 1 ? `-${String(page.index).padStart(String(page.count).length, "0")}` : "";
}

/** "01-综合得分排名", "01-综合得分排名-2" for the second of several pages. */
export function fileNameOf(number: number, name: string, page?: Page): string {
  return safeFileName(`${String(number).padStart(2, "0")}-${name}${pageSuffix(page)}`);
}

export function idOf(number: number, key: string, page?: Page): string {
  return `${String(number).padStart(2, "0")}-${key}${pageSuffix(page)}`;
}

interface FrameParts {
  title: string;
  subtitle: string;
  /** The legend in rows, as laid out (geometry.ts legendLayout). */
  legend?: LegendLayout;
  /** The notes as wrapped lines. */
  notes?: string[];
  /** Without the source line (a chart inside a page, whose page has one). */
  source?: string | null;
  /** Plugins between the frame's and the end: lines, hatching, labels — in drawing order. */
  plugins?: Plugin[];
  /** Smaller title for a chart inside a page. */
  compact?: boolean;
}

/** The options and plugins of a chart's frame, for its configuration to spread. */
export interface FrameConfig {
  options: ChartJsOptions;
  plugins: Plugin[];
}

/**
 * The options and plugins of a chart's frame. The renderer sets devicePixelRatio; the size comes from the
 * canvas (responsive: false).
 */
function frameConfig(f: Frame, parts: FrameParts): FrameConfig {
  const t = f.theme;
  const compact = parts.compact ?? false;
  const plugins: Plugin[] = [background(t.background)];
  if (parts.legend && parts.legend.rows.length > 0)
    plugins.push(
      legendBox(t, {
        position: "top",
        weight: 1000,
        entries: parts.legend.rows.flat(),
        rows: parts.legend.rows,
      }),
    );
  if (parts.notes && parts.notes.length > 0) {
    plugins.push(
      textBox("kp-notes", t, {
        position: "bottom",
        weight: 1,
        align: "left",
        lines: parts.notes.map((text) => ({ text, size: t.size.note, color: t.muted })),
        padding: { top: NOTE_PAD, bottom: 0, x: 0 },
      }),
    );
  }
  if (parts.source) {
    plugins.push(
      textBox("kp-source", t, {
        position: "bottom",
        weight: 2,
        align: "left",
        lines: [{ text: parts.source, size: t.size.source, color: t.muted }],
        padding: { top: NOTE_PAD, bottom: 0, x: 0 },
      }),
    );
  }
  plugins.push(...(parts.plugins ?? []));
  const options: ChartJsOptions = {
    responsive: false,
    maintainAspectRatio: false,
    animation: false,
    locale: f.locale,
    font: font(t, t.size.tick),
    color: t.text,
    layout: {
      padding: compact ? { left: 6, right: 10, top: 6, bottom: 4 } : { ...FRAME_PADDING },
    },
    plugins: {
      title: {
        display: parts.title !== "",
        text: parts.title,
        align: compact ? "center" : "start",
        color: t.text,
        font: font(t, compact ? t.size.legend : t.size.title, "bold"),
        padding: { top: 0, bottom: compact ? 2 : 6 },
      },
      subtitle: {
        display: parts.subtitle !== "",
        text: parts.subtitle,
        align: compact ? "center" : "start",
        color: t.muted,
        font: font(t, compact ? t.size.source : t.size.subtitle),
        padding: { top: 0, bottom: compact ? 4 : 12 },
      },
      legend: { display: false },
      tooltip: { titleFont: font(t, t.size.tick, "bold"), bodyFont: font(t, t.size.tick) },
    },
  };
  return { options, plugins };
}

/** An axis of this many px across, whatever its labels measure (Chart.js calls afterFit after fitting). */
export function fixedWidth(width: number) {
  return {
    afterFit: (scale: { width: number }) => {
      scale.width = width;
    },
  };
}

export function fixedHeight(height: number) {
  return {
    afterFit: (scale: { height: number }) => {
      scale.height = height;
    },
  };
}

/** Ticks and grid of a value axis. */
export function valueAxisStyle(t: Theme) {
  return {
    grid: { color: t.grid },
    border: { color: t.axis },
    ticks: { color: t.muted, font: font(t, t.size.tick) },
  };
}

/** A category axis without grid lines (leaders, units, grades). */
export function categoryAxis<T extends object>(t: Theme, ticks: T) {
  return { type: "category" as const, grid: { display: false }, border: { color: t.axis }, ticks };
}

export function axisTitle(t: Theme, text: string) {
  return { display: text !== "", text, color: t.muted, font: font(t, t.size.axisTitle) };
}

/** Chart.js's configuration type is generic over the chart type; a spec carries the erased form. */
function erase<T>(config: T): ChartConfiguration {
  return config as unknown as ChartConfiguration;
}

/** The width notes and the legend are laid out in: the chart's, less the frame's padding. */
export const CONTENT_WIDTH = 1280 - FRAME_PADDING.left - FRAME_PADDING.right;

/** Lines the notes take under the plot of a 1280-wide chart. */
export function noteLines(notes: readonly string[], t: Theme = defaultTheme()): number {
  return noteLayout(t, notes, CONTENT_WIDTH).length;
}

/** The frame of a meeting chart, laid out: legend rows, wrapped notes, and the plot where the axes are fixed. */
export interface ChartLayout {
  width: number;
  height: number;
  legend: LegendLayout;
  notes: string[];
  plot: Box | null;
}

/** What a bare chart (ChartOptions.bare) leaves out, px: the title, the scope line, the source line. */
export function bareSaving(t: Theme, subtitle: boolean): number {
  return Math.round(
    t.size.title * 1.25 + 6 + (subtitle ? t.size.subtitle * 1.25 + 12 : 0) + NOTE_PAD + lineHeightOf(t.size.source),
  );
}

/**
 * The frame of a meeting chart of `height` (as built with its title): legend rows, wrapped notes, and the
 * plot where the axes are fixed. A bare chart is shorter by bareSaving, with the same plot size.
 */
export function chartLayout(
  f: Frame,
  parts: { legend?: LegendEntry[]; notes: readonly string[]; height: number; axes?: AxisSizes; subtitle: string },
): ChartLayout {
  const t = f.theme;
  const legend = legendLayout(t, parts.legend ?? [], CONTENT_WIDTH);
  const notes = noteLayout(t, parts.notes, CONTENT_WIDTH);
  const height = f.bare ? parts.height - bareSaving(t, parts.subtitle !== "") : parts.height;
  const plot = parts.axes
    ? plotArea(
        t,
        {
          width: 1280,
          height,
          title: !f.bare,
          subtitle: !f.bare && parts.subtitle !== "",
          legendHeight: legend.height,
          noteLines: notes.length,
          source: !f.bare,
        },
        parts.axes,
      )
    : null;
  return { width: 1280, height, legend, notes, plot };
}

/** A chart of the numbered meeting set (01 综合得分排名 …), or one page of it. */
export interface MeetingChartParts {
  /** Its place in the set: "01-…" in its id and file name. */
  number: number;
  /** The id's ASCII word: "ranking". */
  key: string;
  /** The file name's word, and the title's unless `titleName` is given. */
  name: string;
  titleName?: string;
  kind: ChartKind;
  /** This page and how many there are (one page: none, or a count of 1). */
  page?: Page;
  subtitle: string;
  legend?: LegendEntry[];
  notes: string[];
  /** As FrameParts.plugins. */
  plugins: Plugin[];
  height: number;
  table: DataTable;
  /** The layout the builder placed its marks in (chartLayout); computed here when absent. */
  layout?: ChartLayout;
  /** ChartSpec.marksFor. */
  marksFor?: (plot: Box, size: number, slack?: number) => AnnotationsSpec;
}

/**
 * The spec of a meeting chart, 1280 wide, its frame with legend, notes and the source line; `config` builds
 * the Chart.js configuration, spreading the frame's options and taking its plugins.
 */
export function meetingChart(f: Frame, c: MeetingChartParts, config: (frame: FrameConfig) => unknown): ChartSpec {
  const title = titleOf(f, c.titleName ?? c.name, c.page);
  const layout =
    c.layout ?? chartLayout(f, { legend: c.legend, notes: c.notes, height: c.height, subtitle: c.subtitle });
  const frame = frameConfig(f, {
    title: f.bare ? "" : title,
    subtitle: f.bare ? "" : c.subtitle,
    legend: layout.legend,
    notes: layout.notes,
    source: f.bare ? null : sourceOf(f),
    plugins: c.plugins,
  });
  return {
    type: "chart",
    id: idOf(c.number, c.key, c.page),
    fileName: fileNameOf(c.number, c.name, c.page),
    kind: c.kind,
    title,
    subtitle: c.subtitle,
    source: sourceOf(f),
    notes: c.notes,
    ...(c.page && c.page.count > 1 ? { page: c.page } : {}),
    width: 1280,
    height: layout.height,
    ...(layout.plot ? { plot: layout.plot } : {}),
    ...(c.marksFor ? { marksFor: c.marksFor } : {}),
    config: erase(config(frame)),
    table: c.table,
  };
}

/** A chart about one leader: a block of the 个人考核画像, or (standalone) a figure of its own. */
export interface LeaderChartParts {
  /** The number and name of the meeting chart it belongs to: its file name is "04-德能勤廉雷达-张三". */
  number: number;
  name: string;
  /** The id's ASCII word: "radar" gives "radar-3" for the third leader. */
  key: string;
  kind: ChartKind;
  title: string;
  subtitle: string;
  notes: string[];
  plugins?: Plugin[];
  /** With the source line and the full-size title; otherwise compact, for a page that has both. */
  standalone?: boolean;
  width: number;
  height: number;
  table: DataTable;
}

export function leaderChart(
  f: Frame,
  leader: LeaderResult,
  c: LeaderChartParts,
  config: (frame: FrameConfig) => unknown,
): ChartSpec {
  // A bare chart inside a page: the medium sets its title and subtitle natively (the deck's portraits).
  const frame = frameConfig(f, {
    title: f.bare && !c.standalone ? "" : c.title,
    subtitle: f.bare && !c.standalone ? "" : c.subtitle,
    source: c.standalone ? sourceOf(f) : null,
    compact: !c.standalone,
    plugins: c.plugins,
  });
  return {
    type: "chart",
    id: `${c.key}-${leader.index + 1}`,
    fileName: fileNameOf(c.number, `${c.name}-${leader.name}`),
    kind: c.kind,
    title: c.title,
    subtitle: c.subtitle,
    source: sourceOf(f),
    notes: c.notes,
    leader: leader.index,
    width: c.width,
    height: c.height,
    config: erase(config(frame)),
    table: c.table,
  };
}
