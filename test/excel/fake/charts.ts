/**
 * Charts and shapes of the fake Excel: the subset 插入会议图表 uses, with the same request model as the rest
 * (proxies.ts): methods queue actions applied at sync, loads fill properties at sync, members beyond the
 * requirement set throw ApiNotFound when touched.
 *
 * - worksheet.charts (ExcelApi 1.1): add(type, sourceData, seriesBy), getItem, getItemAt, count, load of
 *   items; chart name, title (text, visible, font size and bold), legend (visible, position, overlay),
 *   axes.categoryAxis / valueAxis (title, minimum, maximum, majorUnit; reversePlotOrder 1.7; numberFormat
 *   1.8), setPosition, top/left/width/height, delete; series: getItemAt, name, format.fill.setSolidColor,
 *   format.line.color, points.getItemAt(i).format.fill.setSolidColor (1.1); series.add, setValues,
 *   setXAxisValues, delete, markers, gapWidth, hasDataLabels (1.7); overlap, dataLabels (1.8).
 * - worksheet.shapes (ExcelApi 1.9): addImage(base64 PNG or JPEG), load of items, name, left, top, width,
 *   height, alt text, delete.
 * Refused at sync: an unknown chart type, a source range on no sheet, a point index past the series, an
 * image that is not PNG or JPEG, a data-label position the chart type has no place for (OutsideEnd on
 * stacked bars, any on radar) — as Excel does. Refused too, more strictly than Excel may be (its behaviour is
 * not documented, so the add-in must not rely on it): overlap and gap width on charts without bars, markers
 * on bars, minimum/maximum/majorUnit on a category axis (a scatter's X axis has them).
 *
 * Installed on WorksheetProxy as `charts` and `shapes` when this module is loaded (excel.ts loads it), so
 * that proxies.ts need not import it.
 */
import { type Rect, area, cols, parseRef, quoteSheet, rectA1, rows } from "./address";
import { FAKE_ERROR_CODES, fail } from "./errors";
import {
  type AnyProxy,
  type FakeClientResult,
  type LoadArg,
  type PropDef,
  ProxyBase,
  RangeProxy,
  WorksheetProxy,
  defineAccessors,
  jsonSize,
  loadPaths,
  normColor,
  notLoaded,
  requireWritable,
} from "./proxies";
import type { SheetState } from "./state";

// ───────────────────────────── state ─────────────────────────────

export interface ChartRange {
  sheet: SheetState;
  rect: Rect;
}

export interface ChartAxisState {
  title: string | null;
  titleVisible: boolean;
  minimum: number | null;
  maximum: number | null;
  majorUnit: number | null;
  reversePlotOrder: boolean;
  numberFormat: string;
}

export interface ChartSeriesState {
  name: string;
  values: ChartRange | null;
  xValues: ChartRange | null;
  fill: string | null;
  line: string | null;
  markerStyle: string;
  markerBackgroundColor: string | null;
  markerForegroundColor: string | null;
  markerSize: number;
  overlap: number;
  gapWidth: number;
  hasDataLabels: boolean;
  dataLabels: { showValue: boolean; numberFormat: string; position: string | null };
  /** Fills set point by point, by index. */
  pointFills: Map<number, string>;
}

export interface ChartState {
  id: string;
  name: string;
  type: string;
  sheet: SheetState;
  /** The range the chart was added with, and how. */
  source: ChartRange;
  seriesBy: string;
  title: { text: string; visible: boolean; fontSize: number | null; bold: boolean };
  legend: { visible: boolean; position: string; overlay: boolean };
  axes: { category: ChartAxisState; value: ChartAxisState };
  series: ChartSeriesState[];
  /** As setPosition gave it: A1 of the start and end cells. */
  position: { start: string; end: string | null } | null;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface ShapeState {
  id: string;
  name: string;
  type: "Image";
  imageFormat: "PNG" | "JPEG";
  /** Length of the base64 it was added with. */
  base64Length: number;
  left: number;
  top: number;
  width: number;
  height: number;
  altTextTitle: string;
  altTextDescription: string;
  lockAspectRatio: boolean;
}

let nextChartId = 1;
let nextShapeId = 1;

/** The Excel chart types the fake accepts (a subset of Excel.ChartType). */
export const CHART_TYPES: ReadonlySet<string> = new Set([
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineMarkers",
  "Pie",
  "XYScatter",
  "XYScatterLines",
  "Radar",
  "RadarMarkers",
  "RadarFilled",
  "Area",
]);

const MARKER_STYLES = new Set([
  "Automatic",
  "None",
  "Square",
  "Diamond",
  "Triangle",
  "X",
  "Star",
  "Dot",
  "Dash",
  "Circle",
  "Plus",
  "Picture",
]);
const LEGEND_POSITIONS = new Set(["Top", "Bottom", "Left", "Right", "Corner", "Custom"]);

const isBars = (type: string) => /^(Bar|Column)/.test(type);
const hasMarkers = (type: string) => /^(Line|XYScatter|Radar)/.test(type) && type !== "RadarFilled";

/** Where a chart type can put data labels (Excel's ChartDataLabelPosition). */
function labelPositions(type: string): ReadonlySet<string> {
  if (/^(Bar|Column)(Clustered)$/.test(type)) return new Set(["Center", "InsideEnd", "InsideBase", "OutsideEnd"]);
  if (/^(Bar|Column)Stacked/.test(type)) return new Set(["Center", "InsideEnd", "InsideBase"]);
  if (/^(Line|XYScatter)/.test(type)) return new Set(["Left", "Right", "Top", "Bottom", "Center"]);
  if (type === "Pie") return new Set(["Center", "InsideEnd", "OutsideEnd", "BestFit"]);
  return new Set();
}

function newAxis(): ChartAxisState {
  return {
    title: null,
    titleVisible: false,
    minimum: null,
    maximum: null,
    majorUnit: null,
    reversePlotOrder: false,
    numberFormat: "General",
  };
}

export function newSeries(name: string, values: ChartRange | null, xValues: ChartRange | null): ChartSeriesState {
  return {
    name,
    values,
    xValues,
    fill: null,
    line: null,
    markerStyle: "Automatic",
    markerBackgroundColor: null,
    markerForegroundColor: null,
    markerSize: 7,
    overlap: 0,
    gapWidth: 150,
    hasDataLabels: false,
    dataLabels: { showValue: false, numberFormat: "General", position: null },
    pointFills: new Map(),
  };
}

const isText = (sheet: SheetState, row: number, col: number) => sheet.get(row, col)?.type === "String";

/**
 * The series Excel makes of a source range, by columns: a first row of text is the series names, a first
 * column of text the categories (for a scatter, a first column of numbers is the X values).
 */
function inferSeries(type: string, src: ChartRange): ChartSeriesState[] {
  const { sheet, rect } = src;
  const width = cols(rect);
  const firstColText = width > 1 && rows(rect) > 1 && isText(sheet, rect.bottom, rect.left);
  const header = rows(rect) > 1 && isText(sheet, rect.top, rect.right);
  const xFirst = firstColText || (type.startsWith("XYScatter") && width > 1);
  const top = header ? rect.top + 1 : rect.top;
  const x: ChartRange | null = xFirst ? { sheet, rect: { ...rect, top, right: rect.left } } : null;
  const out: ChartSeriesState[] = [];
  for (let c = xFirst ? rect.left + 1 : rect.left; c <= rect.right; c++) {
    const name = header ? String(sheet.get(rect.top, c)?.value ?? "") : `系列${out.length + 1}`;
    out.push(newSeries(name, { sheet, rect: { top, bottom: rect.bottom, left: c, right: c } }, x));
  }
  return out;
}

/** Points from the sheet's top-left to a cell's top-left, by the sheet's widths and heights. */
function cellPoints(sheet: SheetState, row: number, col: number): { x: number; y: number } {
  let x = 0;
  for (let c = 0; c < col; c++) x += sheet.width(c);
  let y = 0;
  for (let r = 0; r < row; r++) y += sheet.height(r);
  return { x, y };
}

// ───────────────────────────── collections ─────────────────────────────

/** `load("items/…")` of a collection: item proxies made at sync, their own loads run in the same action. */
function queueItemsLoad<T, I>(
  coll: ProxyBase<T>,
  arg: LoadArg,
  list: (t: T) => I[],
  make: (item: I) => ProxyBase<I>,
): void {
  const paths = loadPaths(arg);
  const itemPaths =
    paths === null
      ? null
      : paths.map((p) => (p.startsWith("items/") ? p.slice(6) : p)).filter((p) => p !== "items" && p !== "");
  const ctx = coll.context;
  ctx.push({
    proxy: coll,
    kind: "load",
    bytes: jsonSize(paths),
    where: `${coll._where}.load`,
    run: () => {
      const t = coll._target();
      const items = (t === null ? [] : list(t)).map((i) => {
        const p = make(i);
        p._bound = i;
        return p;
      });
      ctx.commits.push({ bytes: 2, apply: () => coll._loaded.set("items", items) });
      const before = ctx.queue;
      ctx.queue = [];
      for (const it of items) it.load(itemPaths === null || itemPaths.length === 0 ? undefined : itemPaths);
      const inner = ctx.queue;
      ctx.queue = before;
      for (const a of inner) a.run();
    },
  });
}

function itemsOf<P, T>(coll: ProxyBase<T>): P[] {
  if (coll._loaded.has("items")) return coll._loaded.get("items") as P[];
  if (coll._isNull === true) return [];
  throw notLoaded("items", coll._where);
}

function rangeArg(r: unknown, what: string): ChartRange {
  if (!(r instanceof RangeProxy)) return fail(FAKE_ERROR_CODES.invalidArgument, `${what}: 需要 Range 对象`);
  const t = r._target();
  if (t === null) return fail(FAKE_ERROR_CODES.invalidArgument, `${what}: 区域不存在`);
  return { sheet: t.sheet, rect: t.rect };
}

export class ChartCollectionProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return { count: { get: (s) => s.charts.length } };
  }
  get items(): ChartProxy[] {
    return itemsOf<ChartProxy, SheetState>(this);
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    if (paths !== null && paths.every((p) => p === "count")) return super.load(arg);
    queueItemsLoad(
      this,
      arg,
      (s) => [...s.charts],
      (c) => new ChartProxy(this.context, () => c, `Chart(${c.name})`),
    );
    return this;
  }

  add(type: string, sourceData: RangeProxy, seriesBy: string = "Auto"): ChartProxy {
    this.context.requireApi("ChartCollection.add", "1.1");
    const p = new ChartProxy(this.context, () => null, `${this._where}.add(${type})`);
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize([type, seriesBy]),
      where: `${this._where}.add(${type})`,
      run: () => {
        const s = this._target();
        if (s === null) return;
        requireWritable(s, "ChartCollection.add");
        if (!CHART_TYPES.has(type)) fail(FAKE_ERROR_CODES.invalidArgument, `不支持的图表类型：${type}`);
        if (seriesBy !== "Auto" && seriesBy !== "Columns")
          fail(FAKE_ERROR_CODES.invalidArgument, `the fake Excel adds charts by columns only (${seriesBy})`);
        const source = rangeArg(sourceData, "ChartCollection.add");
        const chart: ChartState = {
          id: `{FAKE-CHART-${nextChartId++}}`,
          name: `图表 ${s.charts.length + 1}`,
          type,
          sheet: s,
          source,
          seriesBy,
          title: { text: "", visible: false, fontSize: null, bold: false },
          legend: { visible: true, position: "Right", overlay: false },
          axes: { category: newAxis(), value: newAxis() },
          series: inferSeries(type, source),
          position: null,
          left: 0,
          top: 0,
          width: 360,
          height: 216,
        };
        s.charts.push(chart);
        p._bound = chart;
      },
    });
    return p;
  }

  private _item(where: string, find: (s: SheetState) => ChartState | undefined, orNull: boolean): ChartProxy {
    return this._instantiate(
      new ChartProxy(
        this.context,
        () => {
          const s = this._target();
          if (s === null) return null;
          const c = find(s);
          if (c) return c;
          return orNull ? null : fail(FAKE_ERROR_CODES.itemNotFound, `找不到图表（${where}）`);
        },
        `${this._where}.${where}`,
      ),
      where,
    );
  }
  getItem(name: string): ChartProxy {
    return this._item(`getItem(${name})`, (s) => s.charts.find((c) => c.name === name), false);
  }
  getItemOrNullObject(name: string): ChartProxy {
    this.context.requireApi("ChartCollection.getItemOrNullObject", "1.4");
    return this._item(`getItemOrNullObject(${name})`, (s) => s.charts.find((c) => c.name === name), true);
  }
  getItemAt(index: number): ChartProxy {
    return this._item(`getItemAt(${index})`, (s) => s.charts[index], false);
  }
}
defineAccessors(ChartCollectionProxy, ["count"]);

// ───────────────────────────── chart ─────────────────────────────

export class ChartProxy extends ProxyBase<ChartState> {
  private _title?: ChartTitleProxy;
  private _legend?: ChartLegendProxy;
  private _axes?: ChartAxesProxy;
  private _series?: ChartSeriesCollectionProxy;

  protected override _check(c: ChartState): void {
    if (!c.sheet.charts.includes(c) || !this.context.engine.state.has(c.sheet))
      fail(FAKE_ERROR_CODES.itemNotFound, `图表“${c.name}”已被删除`, this._where);
  }
  protected _props(): Record<string, PropDef<ChartState>> {
    const num = (key: "left" | "top" | "width" | "height"): PropDef<ChartState> => ({
      get: (c) => c[key],
      set: (c, v) => {
        requireWritable(c.sheet, `Chart.${key}`);
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) fail(FAKE_ERROR_CODES.invalidArgument, `Chart.${key}`);
        c[key] = n;
      },
    });
    return {
      name: {
        get: (c) => c.name,
        set: (c, v) => {
          requireWritable(c.sheet, "Chart.name");
          c.name = String(v);
        },
      },
      id: { api: "1.7", get: (c) => c.id },
      chartType: { api: "1.7", get: (c) => c.type },
      left: num("left"),
      top: num("top"),
      width: num("width"),
      height: num("height"),
    };
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { title: () => this.title, legend: () => this.legend, axes: () => this.axes, series: () => this.series };
  }
  get title(): ChartTitleProxy {
    return (this._title ??= new ChartTitleProxy(this.context, () => this._target(), `${this._where}.title`));
  }
  get legend(): ChartLegendProxy {
    return (this._legend ??= new ChartLegendProxy(this.context, () => this._target(), `${this._where}.legend`));
  }
  get axes(): ChartAxesProxy {
    return (this._axes ??= new ChartAxesProxy(this.context, () => this._target(), `${this._where}.axes`));
  }
  get series(): ChartSeriesCollectionProxy {
    return (this._series ??= new ChartSeriesCollectionProxy(
      this.context,
      () => this._target(),
      `${this._where}.series`,
    ));
  }

  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    const arg = (x: RangeProxy | string | undefined) => (typeof x === "string" ? x : null);
    this._call("setPosition", [arg(startCell), arg(endCell)], (c) => {
      requireWritable(c.sheet, "Chart.setPosition");
      const cell = (x: RangeProxy | string): Rect => {
        if (typeof x === "string") {
          const p = parseRef(x);
          if (!p || (p.sheet !== null && p.sheet !== c.sheet.name))
            return fail(FAKE_ERROR_CODES.invalidArgument, `setPosition: 无效的单元格 ${x}`);
          return p.rect;
        }
        const t = x._target();
        if (!t || t.sheet !== c.sheet)
          return fail(FAKE_ERROR_CODES.invalidArgument, "setPosition: 单元格须在图表所在工作表");
        return t.rect;
      };
      const start = cell(startCell);
      const end = endCell === undefined ? null : cell(endCell);
      const from = cellPoints(c.sheet, start.top, start.left);
      c.left = from.x;
      c.top = from.y;
      if (end) {
        const to = cellPoints(c.sheet, end.bottom + 1, end.right + 1);
        c.width = to.x - from.x;
        c.height = to.y - from.y;
      }
      c.position = { start: rectA1(start), end: end ? rectA1(end) : null };
    });
  }

  delete(): void {
    this._call("delete", null, (c) => {
      requireWritable(c.sheet, "Chart.delete");
      c.sheet.charts.splice(c.sheet.charts.indexOf(c), 1);
    });
  }
}
defineAccessors(ChartProxy, ["name", "id", "chartType", "left", "top", "width", "height"]);

export class ChartTitleProxy extends ProxyBase<ChartState> {
  private _format?: ChartTitleFormatProxy;
  protected _props(): Record<string, PropDef<ChartState>> {
    return {
      text: {
        get: (c) => c.title.text,
        set: (c, v) => {
          c.title.text = String(v);
          c.title.visible = true;
        },
      },
      visible: { get: (c) => c.title.visible, set: (c, v) => (c.title.visible = Boolean(v)) },
    };
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { format: () => this.format };
  }
  get format(): ChartTitleFormatProxy {
    return (this._format ??= new ChartTitleFormatProxy(this.context, () => this._target(), `${this._where}.format`));
  }
}
defineAccessors(ChartTitleProxy, ["text", "visible"]);

export class ChartTitleFormatProxy extends ProxyBase<ChartState> {
  private _font?: ChartTitleFontProxy;
  protected _props(): Record<string, PropDef<ChartState>> {
    return {};
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { font: () => this.font };
  }
  get font(): ChartTitleFontProxy {
    return (this._font ??= new ChartTitleFontProxy(this.context, () => this._target(), `${this._where}.font`));
  }
}

export class ChartTitleFontProxy extends ProxyBase<ChartState> {
  protected _props(): Record<string, PropDef<ChartState>> {
    return {
      size: {
        get: (c) => c.title.fontSize,
        set: (c, v) => {
          const n = Number(v);
          if (!Number.isFinite(n) || n < 1 || n > 409) fail(FAKE_ERROR_CODES.invalidArgument, "ChartFont.size");
          c.title.fontSize = n;
        },
      },
      bold: { get: (c) => c.title.bold, set: (c, v) => (c.title.bold = Boolean(v)) },
    };
  }
}
defineAccessors(ChartTitleFontProxy, ["size", "bold"]);

export class ChartLegendProxy extends ProxyBase<ChartState> {
  protected _props(): Record<string, PropDef<ChartState>> {
    return {
      visible: { get: (c) => c.legend.visible, set: (c, v) => (c.legend.visible = Boolean(v)) },
      position: {
        get: (c) => c.legend.position,
        set: (c, v) => {
          if (!LEGEND_POSITIONS.has(String(v))) fail(FAKE_ERROR_CODES.invalidArgument, `图例位置：${String(v)}`);
          c.legend.position = String(v);
        },
      },
      overlay: { get: (c) => c.legend.overlay, set: (c, v) => (c.legend.overlay = Boolean(v)) },
    };
  }
}
defineAccessors(ChartLegendProxy, ["visible", "position", "overlay"]);

// ───────────────────────────── axes ─────────────────────────────

interface AxisTarget {
  chart: ChartState;
  axis: ChartAxisState;
  kind: "category" | "value";
}

export class ChartAxesProxy extends ProxyBase<ChartState> {
  private _cat?: ChartAxisProxy;
  private _val?: ChartAxisProxy;
  protected _props(): Record<string, PropDef<ChartState>> {
    return {};
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { categoryAxis: () => this.categoryAxis, valueAxis: () => this.valueAxis };
  }
  private _axis(kind: "category" | "value"): ChartAxisProxy {
    return new ChartAxisProxy(
      this.context,
      () => {
        const c = this._target();
        return c === null ? null : { chart: c, axis: c.axes[kind], kind };
      },
      `${this._where}.${kind}Axis`,
    );
  }
  get categoryAxis(): ChartAxisProxy {
    return (this._cat ??= this._axis("category"));
  }
  get valueAxis(): ChartAxisProxy {
    return (this._val ??= this._axis("value"));
  }
}

export class ChartAxisProxy extends ProxyBase<AxisTarget> {
  private _title?: ChartAxisTitleProxy;
  protected _props(): Record<string, PropDef<AxisTarget>> {
    // A category axis has no scale, except the X axis of a scatter (a value axis Office.js calls category).
    const scale = (key: "minimum" | "maximum" | "majorUnit"): PropDef<AxisTarget> => ({
      get: (t) => t.axis[key],
      set: (t, v) => {
        if (t.kind === "category" && !t.chart.type.startsWith("XYScatter"))
          fail(FAKE_ERROR_CODES.invalidArgument, `分类轴没有 ${key}`);
        const n = Number(v);
        if (!Number.isFinite(n) || (key === "majorUnit" && n <= 0))
          fail(FAKE_ERROR_CODES.invalidArgument, `ChartAxis.${key}`);
        t.axis[key] = n;
      },
    });
    return {
      minimum: scale("minimum"),
      maximum: scale("maximum"),
      majorUnit: scale("majorUnit"),
      reversePlotOrder: {
        api: "1.7",
        get: (t) => t.axis.reversePlotOrder,
        set: (t, v) => (t.axis.reversePlotOrder = Boolean(v)),
      },
      numberFormat: {
        api: "1.8",
        get: (t) => t.axis.numberFormat,
        set: (t, v) => (t.axis.numberFormat = String(v)),
      },
    };
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { title: () => this.title };
  }
  get title(): ChartAxisTitleProxy {
    return (this._title ??= new ChartAxisTitleProxy(this.context, () => this._target(), `${this._where}.title`));
  }
}
defineAccessors(ChartAxisProxy, ["minimum", "maximum", "majorUnit", "reversePlotOrder", "numberFormat"]);

export class ChartAxisTitleProxy extends ProxyBase<AxisTarget> {
  protected _props(): Record<string, PropDef<AxisTarget>> {
    return {
      text: {
        get: (t) => t.axis.title ?? "",
        set: (t, v) => {
          t.axis.title = String(v);
          t.axis.titleVisible = true;
        },
      },
      visible: { get: (t) => t.axis.titleVisible, set: (t, v) => (t.axis.titleVisible = Boolean(v)) },
    };
  }
}
defineAccessors(ChartAxisTitleProxy, ["text", "visible"]);

// ───────────────────────────── series and points ─────────────────────────────

interface SeriesTarget {
  chart: ChartState;
  series: ChartSeriesState;
}

export class ChartSeriesCollectionProxy extends ProxyBase<ChartState> {
  protected _props(): Record<string, PropDef<ChartState>> {
    return { count: { get: (c) => c.series.length } };
  }
  get items(): ChartSeriesProxy[] {
    return itemsOf<ChartSeriesProxy, ChartState>(this);
  }
  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg);
    if (paths !== null && paths.every((p) => p === "count")) return super.load(arg);
    queueItemsLoad(
      this,
      arg,
      (c) => c.series.map((series) => ({ chart: c, series })),
      (t) => new ChartSeriesProxy(this.context, () => t, `Series(${t.series.name})`),
    );
    return this;
  }
  getItemAt(index: number): ChartSeriesProxy {
    return this._instantiate(
      new ChartSeriesProxy(
        this.context,
        () => {
          const c = this._target();
          if (c === null) return null;
          const series = c.series[index];
          return series
            ? { chart: c, series }
            : fail(FAKE_ERROR_CODES.itemNotFound, `图表“${c.name}”没有第 ${index + 1} 个系列`);
        },
        `${this._where}.getItemAt(${index})`,
      ),
      index,
    );
  }
  add(name?: string, index?: number): ChartSeriesProxy {
    this.context.requireApi("ChartSeriesCollection.add", "1.7");
    const p = new ChartSeriesProxy(this.context, () => null, `${this._where}.add(${name ?? ""})`);
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize([name ?? null, index ?? null]),
      where: `${this._where}.add`,
      run: () => {
        const c = this._target();
        if (c === null) return;
        requireWritable(c.sheet, "ChartSeriesCollection.add");
        const series = newSeries(name ?? `系列${c.series.length + 1}`, null, null);
        if (index === undefined) c.series.push(series);
        else c.series.splice(Math.max(0, Math.min(c.series.length, index)), 0, series);
        p._bound = { chart: c, series };
      },
    });
    return p;
  }
}
defineAccessors(ChartSeriesCollectionProxy, ["count"]);

export class ChartSeriesProxy extends ProxyBase<SeriesTarget> {
  private _format?: ChartSeriesFormatProxy;
  private _points?: ChartPointsCollectionProxy;
  private _labels?: ChartDataLabelsProxy;

  protected override _check(t: SeriesTarget): void {
    if (!t.chart.series.includes(t.series)) fail(FAKE_ERROR_CODES.itemNotFound, "系列已被删除", this._where);
  }
  protected _props(): Record<string, PropDef<SeriesTarget>> {
    const bars = (key: "overlap" | "gapWidth", api: string, min: number, max: number): PropDef<SeriesTarget> => ({
      api,
      get: (t) => t.series[key],
      set: (t, v) => {
        if (!isBars(t.chart.type)) fail(FAKE_ERROR_CODES.invalidArgument, `${t.chart.type} 没有 ${key}`);
        const n = Number(v);
        if (!Number.isInteger(n) || n < min || n > max) fail(FAKE_ERROR_CODES.invalidArgument, `ChartSeries.${key}`);
        t.series[key] = n;
      },
    });
    const marker = <K extends "markerBackgroundColor" | "markerForegroundColor">(key: K): PropDef<SeriesTarget> => ({
      api: "1.7",
      get: (t) => t.series[key] ?? "",
      set: (t, v) => {
        if (!hasMarkers(t.chart.type)) fail(FAKE_ERROR_CODES.invalidArgument, `${t.chart.type} 没有数据标记`);
        t.series[key] = normColor(v);
      },
    });
    return {
      name: { get: (t) => t.series.name, set: (t, v) => (t.series.name = String(v)) },
      chartType: { api: "1.7", get: (t) => t.chart.type },
      overlap: bars("overlap", "1.8", -100, 100),
      gapWidth: bars("gapWidth", "1.7", 0, 500),
      markerStyle: {
        api: "1.7",
        get: (t) => t.series.markerStyle,
        set: (t, v) => {
          if (!hasMarkers(t.chart.type)) fail(FAKE_ERROR_CODES.invalidArgument, `${t.chart.type} 没有数据标记`);
          if (!MARKER_STYLES.has(String(v))) fail(FAKE_ERROR_CODES.invalidArgument, `标记样式：${String(v)}`);
          t.series.markerStyle = String(v);
        },
      },
      markerBackgroundColor: marker("markerBackgroundColor"),
      markerForegroundColor: marker("markerForegroundColor"),
      markerSize: {
        api: "1.7",
        get: (t) => t.series.markerSize,
        set: (t, v) => {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 2 || n > 72) fail(FAKE_ERROR_CODES.invalidArgument, "ChartSeries.markerSize");
          t.series.markerSize = n;
        },
      },
      hasDataLabels: {
        api: "1.7",
        get: (t) => t.series.hasDataLabels,
        set: (t, v) => (t.series.hasDataLabels = Boolean(v)),
      },
    };
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { format: () => this.format, points: () => this.points, dataLabels: () => this.dataLabels };
  }
  get format(): ChartSeriesFormatProxy {
    return (this._format ??= new ChartSeriesFormatProxy(this.context, () => this._target(), `${this._where}.format`));
  }
  get points(): ChartPointsCollectionProxy {
    return (this._points ??= new ChartPointsCollectionProxy(
      this.context,
      () => this._target(),
      `${this._where}.points`,
    ));
  }
  get dataLabels(): ChartDataLabelsProxy {
    this.context.requireApi("ChartSeries.dataLabels", "1.8");
    return (this._labels ??= new ChartDataLabelsProxy(this.context, () => this._target(), `${this._where}.dataLabels`));
  }

  private _setRange(method: "setValues" | "setXAxisValues", key: "values" | "xValues", r: RangeProxy): void {
    this.context.requireApi(`ChartSeries.${method}`, "1.7");
    this._call(method, null, (t) => {
      requireWritable(t.chart.sheet, `ChartSeries.${method}`);
      const range = rangeArg(r, `ChartSeries.${method}`);
      if (rows(range.rect) > 1 && cols(range.rect) > 1)
        fail(FAKE_ERROR_CODES.invalidArgument, `ChartSeries.${method}: 区域须为一行或一列`);
      t.series[key] = range;
    });
  }
  setValues(sourceData: RangeProxy): void {
    this._setRange("setValues", "values", sourceData);
  }
  setXAxisValues(sourceData: RangeProxy): void {
    this._setRange("setXAxisValues", "xValues", sourceData);
  }
  delete(): void {
    this.context.requireApi("ChartSeries.delete", "1.7");
    this._call("delete", null, (t) => {
      requireWritable(t.chart.sheet, "ChartSeries.delete");
      t.chart.series.splice(t.chart.series.indexOf(t.series), 1);
    });
  }
}
defineAccessors(ChartSeriesProxy, [
  "name",
  "chartType",
  "overlap",
  "gapWidth",
  "markerStyle",
  "markerBackgroundColor",
  "markerForegroundColor",
  "markerSize",
  "hasDataLabels",
]);

/** What a ChartFill paints: a series or one point of it. */
interface FillTarget {
  sheet: SheetState;
  set(color: string | null): void;
}

export class ChartFillProxy extends ProxyBase<FillTarget> {
  protected _props(): Record<string, PropDef<FillTarget>> {
    return {};
  }
  setSolidColor(color: string): void {
    this._call("setSolidColor", color, (t) => {
      requireWritable(t.sheet, "ChartFill.setSolidColor");
      t.set(normColor(color));
    });
  }
  clear(): void {
    this._call("clear", null, (t) => t.set(null));
  }
}

export class ChartLineFormatProxy extends ProxyBase<SeriesTarget> {
  protected _props(): Record<string, PropDef<SeriesTarget>> {
    return { color: { get: (t) => t.series.line ?? "", set: (t, v) => (t.series.line = normColor(v)) } };
  }
}
defineAccessors(ChartLineFormatProxy, ["color"]);

export class ChartSeriesFormatProxy extends ProxyBase<SeriesTarget> {
  private _fill?: ChartFillProxy;
  private _line?: ChartLineFormatProxy;
  protected _props(): Record<string, PropDef<SeriesTarget>> {
    return {};
  }
  protected override _navs(): Record<string, () => AnyProxy> {
    return { line: () => this.line };
  }
  get fill(): ChartFillProxy {
    return (this._fill ??= new ChartFillProxy(
      this.context,
      () => {
        const t = this._target();
        return t === null ? null : { sheet: t.chart.sheet, set: (c) => (t.series.fill = c) };
      },
      `${this._where}.fill`,
    ));
  }
  get line(): ChartLineFormatProxy {
    return (this._line ??= new ChartLineFormatProxy(this.context, () => this._target(), `${this._where}.line`));
  }
}

interface PointTarget {
  chart: ChartState;
  series: ChartSeriesState;
  index: number;
}

const pointCount = (s: ChartSeriesState) => (s.values ? area(s.values.rect) : 0);

export class ChartPointsCollectionProxy extends ProxyBase<SeriesTarget> {
  protected _props(): Record<string, PropDef<SeriesTarget>> {
    return { count: { get: (t) => pointCount(t.series) } };
  }
  getItemAt(index: number): ChartPointProxy {
    return this._instantiate(
      new ChartPointProxy(
        this.context,
        () => {
          const t = this._target();
          if (t === null) return null;
          if (!Number.isInteger(index) || index < 0 || index >= pointCount(t.series))
            return fail(FAKE_ERROR_CODES.itemNotFound, `系列“${t.series.name}”没有第 ${index + 1} 个数据点`);
          return { ...t, index };
        },
        `${this._where}.getItemAt(${index})`,
      ),
      index,
    );
  }
}
defineAccessors(ChartPointsCollectionProxy, ["count"]);

export class ChartPointProxy extends ProxyBase<PointTarget> {
  private _format?: ChartPointFormatProxy;
  protected _props(): Record<string, PropDef<PointTarget>> {
    return {};
  }
  get format(): ChartPointFormatProxy {
    return (this._format ??= new ChartPointFormatProxy(this.context, () => this._target(), `${this._where}.format`));
  }
}

export class ChartPointFormatProxy extends ProxyBase<PointTarget> {
  private _fill?: ChartFillProxy;
  protected _props(): Record<string, PropDef<PointTarget>> {
    return {};
  }
  get fill(): ChartFillProxy {
    return (this._fill ??= new ChartFillProxy(
      this.context,
      () => {
        const t = this._target();
        if (t === null) return null;
        return {
          sheet: t.chart.sheet,
          set: (c) => (c === null ? t.series.pointFills.delete(t.index) : t.series.pointFills.set(t.index, c)),
        };
      },
      `${this._where}.fill`,
    ));
  }
}

export class ChartDataLabelsProxy extends ProxyBase<SeriesTarget> {
  protected _props(): Record<string, PropDef<SeriesTarget>> {
    return {
      showValue: {
        get: (t) => t.series.dataLabels.showValue,
        set: (t, v) => (t.series.dataLabels.showValue = Boolean(v)),
      },
      numberFormat: {
        api: "1.8",
        get: (t) => t.series.dataLabels.numberFormat,
        set: (t, v) => (t.series.dataLabels.numberFormat = String(v)),
      },
      position: {
        get: (t) => t.series.dataLabels.position ?? "",
        set: (t, v) => {
          if (!labelPositions(t.chart.type).has(String(v)))
            fail(FAKE_ERROR_CODES.invalidArgument, `${t.chart.type} 的数据标签不能放在 ${String(v)}`);
          t.series.dataLabels.position = String(v);
        },
      },
    };
  }
}
defineAccessors(ChartDataLabelsProxy, ["showValue", "numberFormat", "position"]);

// ───────────────────────────── shapes (ExcelApi 1.9) ─────────────────────────────

/** PNG or JPEG and, for a PNG, its pixel size (IHDR); null for anything else. */
export function imageInfo(
  base64: string,
): { format: "PNG" | "JPEG"; width: number | null; height: number | null } | null {
  let bytes: string;
  try {
    bytes = atob(base64.slice(0, 64));
  } catch {
    return null;
  }
  const b = (i: number) => bytes.charCodeAt(i);
  if (b(0) === 0x89 && bytes.slice(1, 4) === "PNG") {
    const u32 = (i: number) => ((b(i) << 24) | (b(i + 1) << 16) | (b(i + 2) << 8) | b(i + 3)) >>> 0;
    return { format: "PNG", width: u32(16), height: u32(20) };
  }
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return { format: "JPEG", width: null, height: null };
  return null;
}

export class ShapeCollectionProxy extends ProxyBase<SheetState> {
  protected _props(): Record<string, PropDef<SheetState>> {
    return {};
  }
  get items(): ShapeProxy[] {
    return itemsOf<ShapeProxy, SheetState>(this);
  }
  override load(arg?: LoadArg): this {
    queueItemsLoad(
      this,
      arg,
      (s) => [...s.shapes],
      (sh) => new ShapeProxy(this.context, () => sh, `Shape(${sh.name})`),
    );
    return this;
  }
  addImage(base64ImageString: string): ShapeProxy {
    const p = new ShapeProxy(this.context, () => null, `${this._where}.addImage`);
    this.context.push({
      proxy: this,
      kind: "method",
      bytes: jsonSize(base64ImageString),
      where: `${this._where}.addImage`,
      run: () => {
        const s = this._target();
        if (s === null) return;
        requireWritable(s, "ShapeCollection.addImage");
        const info = imageInfo(base64ImageString);
        if (!info) return fail(FAKE_ERROR_CODES.invalidArgument, "图片须为 base64 编码的 PNG 或 JPEG");
        const shape: ShapeState = {
          id: `{FAKE-SHAPE-${nextShapeId++}}`,
          name: `图片 ${s.shapes.length + 1}`,
          type: "Image",
          imageFormat: info.format,
          base64Length: base64ImageString.length,
          left: 0,
          top: 0,
          width: (info.width ?? 133) * 0.75,
          height: (info.height ?? 133) * 0.75,
          altTextTitle: "",
          altTextDescription: "",
          lockAspectRatio: true,
        };
        s.shapes.push(shape);
        p._bound = shape;
      },
    });
    return p;
  }
  getCount(): FakeClientResult<number> {
    return this._result("getCount", null, (s) => s.shapes.length);
  }
}

export class ShapeProxy extends ProxyBase<ShapeState> {
  protected _props(): Record<string, PropDef<ShapeState>> {
    const num = (key: "left" | "top" | "width" | "height"): PropDef<ShapeState> => ({
      get: (sh) => sh[key],
      set: (sh, v) => {
        const n = Number(v);
        const least = key === "left" || key === "top" ? 0 : Number.MIN_VALUE;
        if (!Number.isFinite(n) || n < least) fail(FAKE_ERROR_CODES.invalidArgument, `Shape.${key}`);
        sh[key] = n;
      },
    });
    return {
      id: { get: (sh) => sh.id },
      name: { get: (sh) => sh.name, set: (sh, v) => (sh.name = String(v)) },
      type: { get: (sh) => sh.type },
      left: num("left"),
      top: num("top"),
      width: num("width"),
      height: num("height"),
      altTextTitle: { get: (sh) => sh.altTextTitle, set: (sh, v) => (sh.altTextTitle = String(v)) },
      altTextDescription: {
        get: (sh) => sh.altTextDescription,
        set: (sh, v) => (sh.altTextDescription = String(v)),
      },
      lockAspectRatio: { get: (sh) => sh.lockAspectRatio, set: (sh, v) => (sh.lockAspectRatio = Boolean(v)) },
    };
  }
  delete(): void {
    this._call("delete", null, (sh) => {
      const owner = this.context.engine.state.sheets.find((s) => s.shapes.includes(sh));
      if (!owner) return fail(FAKE_ERROR_CODES.itemNotFound, `图片“${sh.name}”已被删除`);
      requireWritable(owner, "Shape.delete");
      owner.shapes.splice(owner.shapes.indexOf(sh), 1);
    });
  }
}
defineAccessors(ShapeProxy, [
  "id",
  "name",
  "type",
  "left",
  "top",
  "width",
  "height",
  "altTextTitle",
  "altTextDescription",
  "lockAspectRatio",
]);

// ───────────────────────────── on the worksheet ─────────────────────────────

declare module "./proxies" {
  interface WorksheetProxy {
    /** ExcelApi 1.1. */
    readonly charts: ChartCollectionProxy;
    /** ExcelApi 1.9. */
    readonly shapes: ShapeCollectionProxy;
  }
}

const cache = new WeakMap<WorksheetProxy, { charts?: ChartCollectionProxy; shapes?: ShapeCollectionProxy }>();
function cached(ws: WorksheetProxy): { charts?: ChartCollectionProxy; shapes?: ShapeCollectionProxy } {
  let c = cache.get(ws);
  if (!c) cache.set(ws, (c = {}));
  return c;
}

Object.defineProperty(WorksheetProxy.prototype, "charts", {
  configurable: true,
  get(this: WorksheetProxy) {
    this.context.requireApi("Worksheet.charts", "1.1");
    const c = cached(this);
    return (c.charts ??= new ChartCollectionProxy(this.context, () => this._target(), `${this._where}.charts`));
  },
});

Object.defineProperty(WorksheetProxy.prototype, "shapes", {
  configurable: true,
  get(this: WorksheetProxy) {
    this.context.requireApi("Worksheet.shapes", "1.9");
    const c = cached(this);
    return (c.shapes ??= new ShapeCollectionProxy(this.context, () => this._target(), `${this._where}.shapes`));
  },
});

// ───────────────────────────── dumps ─────────────────────────────

export interface ChartAxisDump {
  title: string | null;
  minimum: number | null;
  maximum: number | null;
  majorUnit: number | null;
  reversePlotOrder: boolean;
  numberFormat: string;
}

export interface ChartSeriesDump {
  name: string;
  values: string | null;
  xValues: string | null;
  fill: string | null;
  line: string | null;
  marker: { style: string; fill: string | null; border: string | null; size: number } | null;
  overlap: number;
  gapWidth: number;
  dataLabels: { numberFormat: string; position: string | null } | null;
  /** Point index → fill. */
  pointFills: Record<string, string>;
}

export interface ChartDump {
  name: string;
  type: string;
  source: string;
  title: string | null;
  titleFont: { size: number | null; bold: boolean };
  legend: string | null;
  position: { start: string; end: string | null } | null;
  box: { left: number; top: number; width: number; height: number };
  axes: { category: ChartAxisDump; value: ChartAxisDump };
  series: ChartSeriesDump[];
}

export interface ShapeDump {
  name: string;
  type: string;
  imageFormat: string;
  altTextTitle: string;
  box: { left: number; top: number; width: number; height: number };
}

export function rangeAddress(r: ChartRange | null): string | null {
  return r === null ? null : `${quoteSheet(r.sheet.name)}!${rectA1(r.rect)}`;
}

function axisDump(a: ChartAxisState): ChartAxisDump {
  return {
    title: a.titleVisible ? a.title : null,
    minimum: a.minimum,
    maximum: a.maximum,
    majorUnit: a.majorUnit,
    reversePlotOrder: a.reversePlotOrder,
    numberFormat: a.numberFormat,
  };
}

export function dumpChart(c: ChartState): ChartDump {
  return {
    name: c.name,
    type: c.type,
    source: rangeAddress(c.source)!,
    title: c.title.visible ? c.title.text : null,
    titleFont: { size: c.title.fontSize, bold: c.title.bold },
    legend: c.legend.visible ? c.legend.position : null,
    position: c.position,
    box: { left: c.left, top: c.top, width: c.width, height: c.height },
    axes: { category: axisDump(c.axes.category), value: axisDump(c.axes.value) },
    series: c.series.map((s) => ({
      name: s.name,
      values: rangeAddress(s.values),
      xValues: rangeAddress(s.xValues),
      fill: s.fill,
      line: s.line,
      marker:
        s.markerStyle === "Automatic" && s.markerBackgroundColor === null
          ? null
          : {
              style: s.markerStyle,
              fill: s.markerBackgroundColor,
              border: s.markerForegroundColor,
              size: s.markerSize,
            },
      overlap: s.overlap,
      gapWidth: s.gapWidth,
      dataLabels: s.hasDataLabels ? { numberFormat: s.dataLabels.numberFormat, position: s.dataLabels.position } : null,
      pointFills: Object.fromEntries([...s.pointFills].sort((a, b) => a[0] - b[0]).map(([i, f]) => [String(i), f])),
    })),
  };
}

export function dumpShape(s: ShapeState): ShapeDump {
  return {
    name: s.name,
    type: s.type,
    imageFormat: s.imageFormat,
    altTextTitle: s.altTextTitle,
    box: { left: s.left, top: s.top, width: s.width, height: s.height },
  };
}

/** A chart copied into a cloned workbook, its ranges moved to the clone's sheets. */
export function cloneChart(c: ChartState, sheetOf: (s: SheetState) => SheetState): ChartState {
  const range = (r: ChartRange | null) => (r === null ? null : { sheet: sheetOf(r.sheet), rect: { ...r.rect } });
  return {
    ...c,
    sheet: sheetOf(c.sheet),
    source: range(c.source)!,
    title: { ...c.title },
    legend: { ...c.legend },
    axes: { category: { ...c.axes.category }, value: { ...c.axes.value } },
    series: c.series.map((s) => ({
      ...s,
      values: range(s.values),
      xValues: range(s.xValues),
      dataLabels: { ...s.dataLabels },
      pointFills: new Map(s.pointFills),
    })),
    position: c.position ? { ...c.position } : null,
  };
}
