/**
 * 插入会议图表: creates or replaces the sheet 会议图表 — native Excel charts bound to 考核结果 (meetingLayout.ts
 * says what is bound to what), or, with ExcelApi 1.9, the pane's Chart.js renders as pictures. Nothing else
 * in the workbook is written: not 考核结果, not the undo snapshot of 计算.
 *
 * Round trips: one read (the sheet list, 考核结果's cells, what 会议图表 holds — and the input sheets when no
 * assessment is passed in, to score them), one write (more only when pictures pass 4 MB a request). When
 * 会议图表 exists and `replace` is not set, nothing is written and the result asks to confirm (one round trip).
 *
 * No undo: Office.js at 1.8 cannot capture a chart to put it back (its formatting, or what a user added), so a
 * snapshot would restore the cells only. Instead a replacement needs `replace: true`, and the result lists
 * what was replaced (charts and pictures by name, the used range).
 *
 * Requirement sets: the charts API is ExcelApi 1.1 (add, name, title, legend, axes' title/min/max, series
 * name and fill, points' fill, setPosition, delete); 1.7 adds series.add/setValues/setXAxisValues, markers,
 * gapWidth, hasDataLabels and reversePlotOrder; 1.8 series.overlap, series.dataLabels and axis numberFormat.
 * insertCharts in addin.ts refuses an Excel below 1.8 (ApiSupport.nativeCharts) before this module loads, so
 * all of these are there; shapes (pictures) need 1.9 and are detected: without them pictures mode inserts native charts and
 * says so in `fallback`.
 */
/* eslint-disable office-addins/call-sync-before-read --
   Loads are queued in one function and read after Session.sync() (which wraps context.sync() to count round
   trips), in a closure the caller runs after its sync; these rules follow only a direct context.sync(). */
import type { Assessment } from "../engine/types";
import type { MethodIssue } from "../method/schema";
import type { GradeBand } from "../method/types";
import { a1 } from "../workbook/address";
import type { Diagnostic } from "../workbook/diagnostic";
import type { CellRange } from "../workbook/layout";
import { KaopingExcelError, MESSAGES } from "./errors";
import {
  RESULTS_SHEET,
  SCORING_SHEETS,
  type ExistingSheet,
  newWriteBatch,
  queueExisting,
  queueSheetLayout,
  readBook,
} from "./gateway";
import { jsonBytes } from "./grid";
import { scoreInPane } from "./scoring";
import {
  type AxisPlan,
  type ChartPlan,
  MEETING_SHEET,
  type PicturePlan,
  ROW_POINTS,
  type SeriesPlan,
  type SheetRange,
  type TablePlan,
  meetingLayout,
  picturesLayout,
  resultsMismatch,
} from "./meetingLayout";
import { type Session, type WriteBatch, requestCost } from "./session";

export { MEETING_SHEET } from "./meetingLayout";

/** A Chart.js render from the pane, for pictures mode. */
export interface MeetingImage {
  /** Shape name, unique: the PNG's base name ("01-综合得分排名"). */
  name: string;
  /** Alt text; the chart's title. */
  title?: string;
  /** PNG or JPEG, base64 (a `data:image/png;base64,` prefix is accepted). */
  base64: string;
  /** Pixel size, for the aspect ratio. */
  width: number;
  height: number;
}

export interface MeetingChartsOptions {
  /** YYYY-MM-DD: the day of the run (the source line; and the scoring date when no assessment is given). */
  today: string;
  mode: "native" | "pictures";
  /** Pictures mode: the charts as the pane renders them, in the order to place them (two a row). */
  images?: readonly MeetingImage[];
  /** calculate()'s assessment: the charts are built from it without scoring again. */
  assessment?: Assessment;
  /** Replace an existing 会议图表 (its charts, pictures and cells are lost; there is no undo). */
  replace?: boolean;
  /** Without an assessment: as calculate() takes them. */
  referenceDate?: string;
  method?: unknown;
  /** Title parts: "2025" (default: the year of the reference date) and the scope line. */
  year?: string;
  scope?: string;
  /** The method's grade bands and quota group column, as the charts take them (ChartOptions). */
  bands?: readonly GradeBand[];
  quotaGroupColumn?: string | null;
}

export interface InsertedChart {
  name: string;
  title: string;
  type: string;
  /** Bound to 考核结果 (directly or by formulas), or to values written at insertion. */
  live: boolean;
  /** A1 block on 会议图表. */
  at: string;
}

export interface MeetingSheetContents {
  charts: string[];
  pictures: string[];
  /** A1 without the sheet; null when no cell is used. */
  usedRange: string | null;
}

export type MeetingChartsResult =
  | {
      ok: true;
      sheet: string;
      mode: "native" | "pictures";
      charts: InsertedChart[];
      pictures: string[];
      tables: { title: string; address: string; live: boolean }[];
      /** What the replaced 会议图表 held; null when it was created. */
      replaced: MeetingSheetContents | null;
      /** Why pictures mode inserted native charts; null otherwise. */
      fallback: string | null;
      syncs: number;
    }
  | { ok: false; kind: "confirmReplace"; existing: MeetingSheetContents; message: string; syncs: number }
  | { ok: false; kind: "noResults" | "staleResults"; message: string; syncs: number }
  | { ok: false; kind: "workbook"; errors: Diagnostic[]; warnings: Diagnostic[]; syncs: number }
  | { ok: false; kind: "method"; errors: MethodIssue[]; syncs: number };

export const CHART_MESSAGES = {
  noPictureApi: () =>
    "当前 Excel 不支持在工作表中插入图片（需要 Office 2021 或更新版本、Microsoft 365 或 Excel 网页版），已改为插入可编辑的原生图表。",
  noImages: () => "没有收到要插入的图表图片，已改为插入可编辑的原生图表。",
  badImage: (name: string) => `图表图片“${name}”不是有效的 PNG 或 JPEG 图片，未做任何修改。`,
  noResults: () => "工作簿中还没有“考核结果”。请先运行“计算”，再插入会议图表。",
  stale: (why: string) => `“考核结果”与本次计算结果不一致：${why}。请先重新运行“计算”，再插入会议图表。`,
  confirm: (c: MeetingSheetContents) =>
    `工作表“${MEETING_SHEET}”已存在（${c.charts.length} 个图表、${c.pictures.length} 张图片）。` +
    "替换会删除其中的全部图表、图片和单元格内容，对它所做的修改将丢失，且无法撤销。确定要替换吗？",
};

// ───────────────────────────── images ─────────────────────────────

import { PICTURES_API, picturesSupported } from "./meetingSheet";

export { PICTURES_API, picturesSupported };

/** The base64 of a PNG or JPEG without a data-URL prefix, or null when it is neither. */
export function imageBase64(text: string): string | null {
  const b64 = text.replace(/^data:image\/(png|jpeg|jpg);base64,/i, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  // The signatures 89 50 4E 47 0D 0A 1A 0A (PNG) and FF D8 FF (JPEG), base64-encoded.
  return b64.startsWith("iVBORw0KGgo") || b64.startsWith("/9j/") ? b64 : null;
}

// ───────────────────────────── reading ─────────────────────────────

interface MeetingSheetRead {
  existing: ExistingSheet & { protected: boolean };
  contents: MeetingSheetContents;
  charts: Excel.Chart[];
  shapes: Excel.Shape[];
}

/** Queues what a rewrite of 会议图表 must know: cells, protection, charts and (1.9) shapes. */
function queueMeetingSheet(session: Session, withShapes: boolean): () => MeetingSheetRead {
  const existing = queueExisting(session, MEETING_SHEET, []);
  const ws = session.context.workbook.worksheets.getItemOrNullObject(MEETING_SHEET);
  const charts = ws.charts;
  charts.load("items/name");
  const shapes = withShapes ? ws.shapes : null;
  shapes?.load("items/name");
  return () => {
    const e = existing();
    if (!e.exists)
      return { existing: e, contents: { charts: [], pictures: [], usedRange: null }, charts: [], shapes: [] };
    const chartItems = charts.items;
    const names = new Set(chartItems.map((c) => c.name));
    // Charts may also be listed as shapes; each is deleted once, through the charts.
    const shapeItems = (shapes?.items ?? []).filter((sh) => !names.has(sh.name));
    return {
      existing: e,
      contents: { charts: [...names], pictures: shapeItems.map((sh) => sh.name), usedRange: e.usedAddress },
      charts: chartItems,
      shapes: shapeItems,
    };
  };
}

// ───────────────────────────── writing ─────────────────────────────

type Sheets = (name: string) => Excel.Worksheet;

function rangeOf(sheets: Sheets, r: SheetRange): Excel.Range {
  const { top, left, bottom, right } = r.range;
  return sheets(r.sheet).getRangeByIndexes(top, left, bottom - top + 1, right - left + 1);
}

function blockAddress(r: CellRange): string {
  return `${a1(r.top, r.left)}:${a1(r.bottom, r.right)}`;
}

function applyAxis(axis: Excel.ChartAxis, p: AxisPlan | null): void {
  if (!p) return;
  if (p.title) {
    axis.title.text = p.title;
    axis.title.visible = true;
  }
  if (p.min !== undefined) axis.minimum = p.min;
  if (p.max !== undefined) axis.maximum = p.max;
  if (p.majorUnit !== undefined) axis.majorUnit = p.majorUnit;
  if (p.reverse) axis.reversePlotOrder = true;
  if (p.numberFormat !== undefined) axis.numberFormat = p.numberFormat;
}

function applySeries(series: Excel.ChartSeries, sheets: Sheets, plan: ChartPlan, sp: SeriesPlan): void {
  series.name = sp.name;
  // Also for the first series: Excel may have taken a text first cell of the source for a series name.
  series.setValues(rangeOf(sheets, sp.values));
  if (sp.xValues) series.setXAxisValues(rangeOf(sheets, sp.xValues));
  if (sp.fill) series.format.fill.setSolidColor(sp.fill);
  else if (sp.fill === null) series.format.fill.clear(); // the invisible base of a waterfall
  if (sp.line) series.format.line.color = sp.line;
  if (sp.marker) {
    series.markerStyle = sp.marker.style;
    series.markerBackgroundColor = sp.marker.fill;
    series.markerForegroundColor = sp.marker.border;
    series.markerSize = sp.marker.size;
  }
  if (plan.overlap !== undefined) series.overlap = plan.overlap;
  if (plan.gapWidth !== undefined) series.gapWidth = plan.gapWidth;
  sp.pointFills?.forEach((color, k) => series.points.getItemAt(k).format.fill.setSolidColor(color));
  if (sp.dataLabels) {
    series.hasDataLabels = true;
    series.dataLabels.showValue = true;
    series.dataLabels.numberFormat = sp.dataLabels.numberFormat;
    if (sp.dataLabels.position) series.dataLabels.position = sp.dataLabels.position;
  }
}

/**
 * An upper bound of what queueChart adds to a request (requestCost): the chart's own objects (title, its
 * font, legend, axes and their titles), per series its item, ranges, fill, line and labels, per point fill
 * four objects, and every value of the plan as JSON.
 */
export function chartCost(plan: ChartPlan): number {
  let paths = 14;
  let actions = 22;
  for (const sp of plan.series) {
    paths += 10;
    actions += 18;
    const points = sp.pointFills?.length ?? 0;
    paths += 4 * points;
    actions += points;
  }
  return requestCost({ paths, actions, args: jsonBytes(plan) });
}

/** Queues one native chart (no sync). */
function queueChart(ws: Excel.Worksheet, sheets: Sheets, plan: ChartPlan): void {
  const [first, ...rest] = plan.series;
  // Added from one column, so Excel makes exactly one series whatever it guesses; the others are added to it.
  const chart = ws.charts.add(plan.type, rangeOf(sheets, first.values), "Columns");
  chart.name = plan.name;
  chart.title.text = plan.title;
  chart.title.visible = true;
  chart.title.format.font.size = 14;
  chart.title.format.font.bold = true;
  chart.setPosition(a1(plan.at.top, plan.at.left), a1(plan.at.bottom, plan.at.right));
  chart.legend.visible = plan.legend !== null;
  if (plan.legend !== null) {
    chart.legend.position = plan.legend;
    chart.legend.overlay = false;
  }
  applySeries(chart.series.getItemAt(0), sheets, plan, first);
  for (const sp of rest) applySeries(chart.series.add(sp.name), sheets, plan, sp);
  applyAxis(chart.axes.categoryAxis, plan.categoryAxis);
  applyAxis(chart.axes.valueAxis, plan.valueAxis);
}

function queuePicture(ws: Excel.Worksheet, p: PicturePlan, base64: string): void {
  const shape = ws.shapes.addImage(base64);
  shape.name = p.name;
  shape.altTextTitle = p.title;
  shape.left = p.left;
  shape.top = p.top;
  shape.width = p.width;
  shape.height = p.height;
}

/** Names made unique on the sheet: "名称", "名称-2", … */
function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = n.trim() || "图表";
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  });
}

/**
 * Writes 会议图表 from a plan, in the write request(s) of the operation: what was there deleted (charts,
 * pictures, cells), the cells, the row heights, then the charts or the pictures (`images`: base64, in the
 * order of plan.pictures). Returns the batch, flushed.
 */
export async function writeMeetingSheet(
  s: Session,
  plan: ReturnType<typeof meetingLayout> | ReturnType<typeof picturesLayout>,
  meeting: { existing: ExistingSheet; charts: readonly Excel.Chart[]; shapes: readonly Excel.Shape[] },
  images: readonly string[],
  activate: boolean,
): Promise<WriteBatch> {
  const batch = newWriteBatch(s);
  // Items of a collection loaded in the read: their paths (sheet, collection, item) come again.
  const deleteCost = requestCost({ paths: 4, actions: 1, args: jsonBytes(MEETING_SHEET) });
  for (const c of meeting.charts) await batch.add(deleteCost, () => c.delete());
  for (const sh of meeting.shapes) await batch.add(deleteCost, () => sh.delete());
  await queueSheetLayout(batch, s, { layout: plan.layout }, meeting.existing, { activate });

  const proxies = new Map<string, Excel.Worksheet>();
  const sheets: Sheets = (name) => {
    let ws = proxies.get(name);
    if (!ws) {
      ws = s.context.workbook.worksheets.getItem(name);
      proxies.set(name, ws);
    }
    return ws;
  };
  await batch.add(requestCost({ paths: 4, actions: 1, args: jsonBytes(MEETING_SHEET) }), () => {
    sheets(MEETING_SHEET).getRange(`1:${plan.rows}`).format.rowHeight = ROW_POINTS;
  });
  if ("charts" in plan) {
    for (const c of plan.charts) await batch.add(chartCost(c), () => queueChart(sheets(MEETING_SHEET), sheets, c));
  } else {
    for (let i = 0; i < plan.pictures.length; i++) {
      const p = plan.pictures[i];
      const b64 = images[i];
      await batch.add(requestCost({ paths: 3, actions: 6, args: b64.length + jsonBytes(p) }), () =>
        queuePicture(sheets(MEETING_SHEET), p, b64),
      );
    }
  }
  await batch.flush();
  return batch;
}

// ───────────────────────────── the operation ─────────────────────────────

export async function insertMeetingCharts(s: Session, opts: MeetingChartsOptions): Promise<MeetingChartsResult> {
  let fallback: string | null = null;
  let images: (MeetingImage & { base64: string })[] = [];
  if (opts.mode === "pictures") {
    if (!picturesSupported(s.api)) fallback = CHART_MESSAGES.noPictureApi();
    else if (!opts.images || opts.images.length === 0) fallback = CHART_MESSAGES.noImages();
    else
      images = opts.images.map((img) => {
        const b64 = imageBase64(img.base64);
        if (b64 === null || !(img.width > 0) || !(img.height > 0))
          throw new KaopingExcelError(CHART_MESSAGES.badImage(img.name), "KaopingInvalidImage");
        return { ...img, base64: b64 };
      });
  }
  const pictures = images.length > 0;

  let sheetRead!: () => MeetingSheetRead;
  const read = await readBook(s, opts.assessment ? [RESULTS_SHEET] : [...SCORING_SHEETS, RESULTS_SHEET], () => {
    sheetRead = queueMeetingSheet(s, picturesSupported(s.api));
  });

  let assessment = opts.assessment;
  if (!assessment) {
    const outcome = await scoreInPane({
      book: read.book,
      method: opts.method,
      referenceDate: opts.referenceDate,
      today: opts.today,
    });
    if (!outcome.ok) return { ...outcome, syncs: s.syncs };
    assessment = outcome.assessment;
  }

  const results = read.grids.get(RESULTS_SHEET);
  if (!results || results.rows.length === 0)
    return { ok: false, kind: "noResults", message: CHART_MESSAGES.noResults(), syncs: s.syncs };
  const why = resultsMismatch(results, assessment);
  if (why !== null) return { ok: false, kind: "staleResults", message: CHART_MESSAGES.stale(why), syncs: s.syncs };

  const meeting = sheetRead();
  if (meeting.existing.protected) throw new KaopingExcelError(MESSAGES.sheetProtected(MEETING_SHEET), "AccessDenied");
  if (meeting.existing.exists && opts.replace !== true)
    return {
      ok: false,
      kind: "confirmReplace",
      existing: meeting.contents,
      message: CHART_MESSAGES.confirm(meeting.contents),
      syncs: s.syncs,
    };
  if (!meeting.existing.exists && read.workbookProtected)
    throw new KaopingExcelError(MESSAGES.workbookProtected(), "AccessDenied");

  const names = uniqueNames(images.map((img) => img.name));
  const layoutOpts = {
    date: opts.today,
    year: opts.year,
    scope: opts.scope,
    bands: opts.bands,
    quotaGroupColumn: opts.quotaGroupColumn,
  };
  const plan = pictures
    ? picturesLayout(
        assessment,
        images.map((img, i) => ({ ...img, name: names[i] })),
        layoutOpts,
      )
    : meetingLayout(assessment, layoutOpts);

  const shown = read.sheets.find((x) => x.name === MEETING_SHEET)?.visibility ?? "Visible";
  await writeMeetingSheet(
    s,
    plan,
    meeting,
    images.map((img) => img.base64),
    shown === "Visible",
  );
  const charts: InsertedChart[] =
    "charts" in plan
      ? plan.charts.map((c) => ({ name: c.name, title: c.title, type: c.type, live: c.live, at: blockAddress(c.at) }))
      : [];
  const tables: TablePlan[] = "charts" in plan ? plan.tables : [];

  return {
    ok: true,
    sheet: MEETING_SHEET,
    mode: pictures ? "pictures" : "native",
    charts,
    pictures: pictures ? names : [],
    tables: tables.map((t) => ({ title: t.title, address: `${MEETING_SHEET}!${blockAddress(t.range)}`, live: t.live })),
    replaced: meeting.existing.exists ? meeting.contents : null,
    fallback,
    syncs: s.syncs,
  };
}
