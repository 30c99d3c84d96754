/** The fake Excel for tests (Node and browser). The xlsx fixtures are in ../fakeXlsx.ts (Node only). */
export { FakeExcel, PROFILES, requirementLevel, type FailurePlan, type FakeStats, type RequestRecord } from "./excel";
export { FakeOfficeError, FAKE_ERROR_CODES } from "./errors";
export { WorkbookState, SheetState, type Cell, toSerial, fromSerial } from "./state";
export {
  workbookFromGridBook,
  gridBookOf,
  sheetToGrid,
  setCellValue,
  dumpSheet,
  dumpWorkbook,
  cloneWorkbook,
  type SheetDump,
  type CellDump,
} from "./fixtures";
export {
  dumpChart,
  dumpShape,
  imageInfo,
  rangeAddress,
  type ChartDump,
  type ChartSeriesDump,
  type ChartState,
  type ShapeDump,
  type ShapeState,
} from "./charts";
