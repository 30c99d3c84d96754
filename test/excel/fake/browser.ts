/**
 * Browser entry for the end-to-end test: installs the fake as `globalThis.Excel`, with a minimal
 * `globalThis.Office` (onReady resolving { host: "Excel" }, context.requirements.isSetSupported, an optional
 * officeTheme) and `globalThis.OfficeExtension` (Error, ErrorCodes), over a GridBook or an empty workbook.
 * Bundle it with esbuild and load it before the pane's script:
 *
 *   installFakeOffice({ book, requirements: "Excel 2019", theme: { … } }) → FakeExcel
 *
 * The returned FakeExcel (also at `globalThis.__kaopingFakeExcel`) lets the test look at the workbook:
 * `gridBookOf(fake.state)`, `dumpWorkbook(fake.state)`, `fake.stats`.
 */
import { PROBED_MEMBERS } from "../../../src/excel/session";
import type { GridBook } from "../../../src/workbook/grid";
import { FakeExcel } from "./excel";
import { FAKE_ERROR_CODES, FakeOfficeError } from "./errors";
import { dumpWorkbook, gridBookOf, workbookFromGridBook } from "./fixtures";
import { WorkbookState } from "./state";

export interface FakeOfficeOptions {
  /** The workbook's sheets; an empty workbook (one blank sheet "Sheet1") when absent. */
  book?: GridBook;
  /** "Excel 2021", "Microsoft 365", "ExcelApi 1.18", … (default "Microsoft 365"). */
  requirements?: string;
  /** The Office.js library loaded: "cdn" (default) or "office.js 1.1.110" (the npm package's copy). */
  library?: string;
  /** Office.context.officeTheme, e.g. for dark mode. */
  theme?: {
    bodyBackgroundColor: string;
    bodyForegroundColor: string;
    controlBackgroundColor: string;
    controlForegroundColor: string;
  };
  /** Milliseconds per sync, so that progress indicators show. */
  latencyMs?: number;
}

export function installFakeOffice(opts: FakeOfficeOptions = {}): FakeExcel {
  let state: WorkbookState;
  if (opts.book && opts.book.length > 0) state = workbookFromGridBook(opts.book);
  else {
    state = new WorkbookState();
    state.addSheet("Sheet1");
  }
  const fake = new FakeExcel(state, {
    requirements: opts.requirements,
    library: opts.library,
    latencyMs: opts.latencyMs,
  });
  const g = globalThis as unknown as Record<string, unknown>;
  // The classes of the library, as far as the add-in probes them (`member in Excel.Worksheet.prototype`):
  // a member the library lacks is absent from its prototype.
  const classes: Record<string, { prototype: Record<string, true> }> = {};
  for (const [cls, member] of PROBED_MEMBERS) {
    classes[cls] ??= { prototype: {} };
    if (fake.implements(cls, member)) classes[cls].prototype[member] = true;
  }
  g.Excel = {
    ...classes,
    run: fake.run,
    ErrorCodes: FAKE_ERROR_CODES,
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
  };
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: FAKE_ERROR_CODES };
  const info = { host: "Excel", platform: "OfficeOnline" };
  g.Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    onReady: (cb?: (i: typeof info) => void) => {
      if (cb) cb(info);
      return Promise.resolve(info);
    },
    context: {
      host: "Excel",
      platform: "OfficeOnline",
      displayLanguage: "zh-CN",
      requirements: { isSetSupported: (name: string, version?: string) => fake.isSetSupported(name, version) },
      ...(opts.theme ? { officeTheme: opts.theme } : {}),
    },
  };
  g.__kaopingFakeExcel = fake;
  g.__kaopingFakeTools = { gridBookOf, dumpWorkbook };
  return fake;
}
