/**
 * The names 插入会议图表 shares with the rest of the add-in, kept apart from src/excel/charts.ts so that the
 * pane's entry does not carry the chart layouts: charts.ts (and the builders it draws on) loads on first use.
 */

/** The sheet 插入会议图表 writes. */
export const MEETING_SHEET = "会议图表";

/** The ExcelApi set of worksheet.shapes.addImage. */
export const PICTURES_API = "1.9";

/**
 * Whether pictures mode can place images (`supports()` of the add-in is an ApiSupport): ExcelApi 1.9 and a
 * library that has worksheet.shapes.
 */
export function picturesSupported(api: { pictures: boolean }): boolean {
  return api.pictures;
}
