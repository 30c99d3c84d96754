/** The plain data of 会议图表: what src/excel/charts.ts applies through Office.js. */
import type { CellRange, SheetLayout } from "../../workbook/layout";

export type ExcelMarker = "Triangle" | "Circle" | "Square" | "X" | "Diamond";
export type NativeChartType =
  "BarClustered" | "BarStacked100" | "ColumnClustered" | "ColumnStacked" | "XYScatter" | "RadarMarkers";

/** A range on a sheet, 0-based, both ends included. */
export interface SheetRange {
  sheet: string;
  range: CellRange;
}

export interface SeriesPlan {
  name: string;
  values: SheetRange;
  /** Category names (bar, column, radar) or X values (scatter). */
  xValues: SheetRange | null;
  /** A fill colour, or null for none (the invisible base of a waterfall). */
  fill?: string | null;
  line?: string;
  marker?: { style: ExcelMarker; fill: string; border: string; size: number };
  /** Fill per point, by index (only where the categories never change meaning). */
  pointFills?: string[];
  /** Value labels; `position` only where the chart type has it (not radar). */
  dataLabels?: { numberFormat: string; position?: "OutsideEnd" | "InsideEnd" | "Center" };
}

export interface AxisPlan {
  title: string | null;
  min?: number;
  max?: number;
  majorUnit?: number;
  reverse?: boolean;
  numberFormat?: string;
}

export interface ChartPlan {
  kind: "decisions" | "ranking" | "votes" | "distribution" | "quadrant";
  /** Unique on the sheet; the PNG's base name: "01-综合得分排名-2". */
  name: string;
  /** With year, page and scope. */
  title: string;
  type: NativeChartType;
  /** The first series' values are the source the chart is added with; the others are added to it. */
  series: SeriesPlan[];
  categoryAxis: AxisPlan | null;
  valueAxis: AxisPlan | null;
  legend: "Top" | "Bottom" | "Right" | null;
  /** Bar charts: overlap of the series (100: one bar per category) and the gap between categories. */
  overlap?: number;
  gapWidth?: number;
  /** Bound to 考核结果 (directly or through formulas on this sheet), or to values written at insertion. */
  live: boolean;
  /** The cells it covers on 会议图表. */
  at: CellRange;
}

export interface TablePlan {
  key: "matters" | "decisions" | "badges" | "ranking" | "rows" | "distribution" | "heatmap" | "votes";
  title: string;
  /** Header row to last data row. */
  range: CellRange;
  live: boolean;
}

export interface MeetingLayout {
  layout: SheetLayout;
  charts: ChartPlan[];
  tables: TablePlan[];
  /** Rows whose height is set to ROW_POINTS (from row 1). */
  rows: number;
}

export interface MeetingOptions {
  /** YYYY-MM-DD: the source line. */
  date: string;
  year?: string;
  scope?: string;
  /** The method's grade bands and quota group column, as the charts take them. */
  bands?: readonly import("../../method/types").GradeBand[];
  quotaGroupColumn?: string | null;
}

/** A chart before it has its place on the grid: how many rows it wants. */
export type Unplaced = Omit<ChartPlan, "at"> & { rows: number };
