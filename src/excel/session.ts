/**
 * One add-in operation inside Excel.run: the request context, the requirement sets found, and a count of
 * round trips. Every `context.sync()` of the add-in goes through `sync()` here, so each operation can say
 * how many it took. Writes go through WriteBatch, which splits a batch that would pass the request-size
 * budget into several requests.
 */

export type IsSetSupported = (name: string, version: string) => boolean;

/**
 * Whether the Office.js library the page loaded implements a member of one of its classes, e.g.
 * ("Worksheet", "notes"). `isSetSupported` describes the Excel at hand, not the library: the office.js of the
 * npm package (served from the add-in's own folder with KAOPING_OFFICE_JS=local) is a fixed version, and an
 * Excel newer than it reports requirement sets whose members the library does not have (the package's
 * 1.1.110 has no Note API while Microsoft 365 reports ExcelApi 1.18: `ws.notes` is undefined there).
 */
export type Implements = (className: string, member: string) => boolean;

/** Excel's `Excel.run`, or a stand-in (the fake Excel of the tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the add-in uses of the ExcelApi requirement sets, detected once per operation. */
export interface ApiSupport {
  /** The highest ExcelApi 1.x found, e.g. "1.14" for volume-licensed Excel 2021; "" if none. */
  version: string;
  /**
   * ExcelApi 1.7: everything scoring needs (read, write, snapshot, freeze panes) — volume-licensed Excel 2019
   * has 1.7, and it is what many intranets run.
   */
  scoring: boolean;
  /** 1.8: data validation — drop-downs and checks in 新建模板, and header explanations where notes are absent. */
  validation: boolean;
  /** 1.8: what 插入会议图表's native charts set (series overlap and data labels, axis number formats). */
  nativeCharts: boolean;
  /** 1.6: suspendApiCalculationUntilNextSync during writes. */
  suspendCalculation: boolean;
  /** 1.9: AutoFilter on 考核结果. */
  autoFilter: boolean;
  /** 1.9: worksheet.pageLayout — how 考核结果 prints (A4 landscape, one page wide, titles, page numbers). */
  pageLayout: boolean;
  /** 1.9: per-cell fills and fonts of the sheet a run replaces (getCellProperties). */
  cellProperties: boolean;
  /** 1.9: pictures on a sheet (worksheet.shapes.addImage), for 插入会议图表's pictures mode. */
  pictures: boolean;
  /** 1.18: notes (the classic yellow cell notes) for header explanations. */
  notes: boolean;
  /** 1.10: threaded comments — detected and reported, not used (see addin.ts). */
  comments: boolean;
}

type Feature = Exclude<keyof ApiSupport, "version">;

/**
 * Each feature: the requirement set Excel must report, and the members the loaded library must implement
 * (as `member in Excel[className].prototype`). Both must hold: the set says Excel can, the members say the
 * library can ask.
 */
export const FEATURES: Readonly<Record<Feature, { set: string; members: readonly (readonly [string, string])[] }>> = {
  scoring: {
    set: "1.7",
    members: [
      ["Worksheet", "freezePanes"],
      ["Worksheet", "getRangeByIndexes"],
    ],
  },
  validation: { set: "1.8", members: [["Range", "dataValidation"]] },
  nativeCharts: {
    set: "1.8",
    members: [
      ["ChartSeries", "overlap"],
      ["ChartSeries", "dataLabels"],
    ],
  },
  suspendCalculation: { set: "1.6", members: [["Application", "suspendApiCalculationUntilNextSync"]] },
  autoFilter: { set: "1.9", members: [["Worksheet", "autoFilter"]] },
  pageLayout: { set: "1.9", members: [["Worksheet", "pageLayout"]] },
  cellProperties: { set: "1.9", members: [["Range", "getCellProperties"]] },
  pictures: {
    set: "1.9",
    members: [
      ["Worksheet", "shapes"],
      ["ShapeCollection", "addImage"],
    ],
  },
  notes: {
    set: "1.18",
    members: [
      ["Worksheet", "notes"],
      ["NoteCollection", "add"],
    ],
  },
  comments: { set: "1.10", members: [["Workbook", "comments"]] },
};

/**
 * Every (class, member) the add-in probes, for stand-ins of the library (the browser test's fake). A plain
 * loop: this runs as the module loads, before the pane's polyfills (EdgeHTML 18 has no Array.prototype.flatMap).
 */
export const PROBED_MEMBERS: readonly (readonly [string, string])[] = (() => {
  const out: (readonly [string, string])[] = [];
  for (const key of Object.keys(FEATURES) as Feature[]) for (const m of FEATURES[key].members) out.push(m);
  return out;
})();

/**
 * `Implements` over a loaded library's Excel namespace: the class's prototype has the member. Only a class
 * that is there without the member proves the member absent; a namespace without the class at all (a
 * stand-in such as office-addin-mock's) cannot tell, and is taken at its word. No namespace: nothing.
 */
export function libraryImplements(excel: unknown): Implements {
  return (className, member) => {
    if ((typeof excel !== "object" && typeof excel !== "function") || excel === null) return false;
    const cls = (excel as Record<string, unknown>)[className];
    if (typeof cls !== "function" && (typeof cls !== "object" || cls === null)) return true;
    const proto = (cls as { prototype?: unknown }).prototype;
    if (typeof proto !== "object" || proto === null) return true;
    return member in proto;
  };
}

const MAX_MINOR = 40;

export function versionAtLeast(version: string, wanted: string): boolean {
  const [a1, a2] = version.split(".").map(Number);
  const [b1, b2] = wanted.split(".").map(Number);
  if (!Number.isFinite(a1) || !Number.isFinite(a2)) return false;
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

export function detectApi(isSetSupported: IsSetSupported, implemented: Implements = () => true): ApiSupport {
  let version = "";
  for (let minor = 1; minor <= MAX_MINOR; minor++) {
    let ok = false;
    try {
      ok = isSetSupported("ExcelApi", `1.${minor}`);
    } catch {
      ok = false;
    }
    if (!ok) break;
    version = `1.${minor}`;
  }
  const has = (f: Feature) => {
    const { set, members } = FEATURES[f];
    if (version === "" || !versionAtLeast(version, set)) return false;
    return members.every(([cls, member]) => {
      try {
        return implemented(cls, member);
      } catch {
        return false;
      }
    });
  };
  return {
    version,
    scoring: has("scoring"),
    validation: has("validation"),
    nativeCharts: has("nativeCharts"),
    suspendCalculation: has("suspendCalculation"),
    autoFilter: has("autoFilter"),
    pageLayout: has("pageLayout"),
    cellProperties: has("cellProperties"),
    pictures: has("pictures"),
    notes: has("notes"),
    comments: has("comments"),
  };
}

/**
 * Excel on the web refuses a request of 5 MB; the add-in keeps each request's estimate below this, a fifth
 * under the limit: the estimate is an upper bound of Office.js's JSON text, and the transport around it
 * (the message that carries the text) adds to it.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * Upper bounds, in UTF-8 bytes, of what Office.js sends for a batch. Office.js serializes a request as the
 * JSON text of `{Actions, ObjectPaths}` (RichApiMessageUtility.buildMessageArrayForIRequestExecutor):
 * - every object the batch creates or reaches — `ws.getRangeByIndexes(…)`, and each step of
 *   `range.format.fill` — is an object path (`"812":{"Id":812,"ObjectPathType":4,"Name":"Fill",
 *   "ParentObjectPathId":810}`, with the arguments of a method) plus an Instantiate action, and its id in
 *   the last-use list of the action that uses it last;
 * - every property set and method call is an action (`{"Id":813,"ActionType":4,"Name":"Color",
 *   "ObjectPathId":812,"ArgumentInfo":{"Arguments":["#DDEBF7"]}}`).
 * Ids count up within an Excel.run. `path` and `action` hold for 6-digit ids (a run of up to 999,999
 * objects) and a member name of up to 30 characters, without the arguments: a caller adds the JSON of
 * string, array and object arguments; a few small numbers are covered. Measured with the request builder of
 * @microsoft/office-js itself (test/excel/requestSize.test.ts), with a margin of about 15%.
 */
export const REQUEST_BYTES = { request: 600, path: 200, action: 140 } as const;

/** The estimated size of what one queued write adds to a request. */
export function requestCost(c: { paths?: number; actions?: number; args?: number }): number {
  return (c.paths ?? 0) * REQUEST_BYTES.path + (c.actions ?? 0) * REQUEST_BYTES.action + (c.args ?? 0);
}

export class Session {
  syncs = 0;
  constructor(
    readonly context: Excel.RequestContext,
    readonly api: ApiSupport,
    readonly maxRequestBytes: number = DEFAULT_MAX_REQUEST_BYTES,
  ) {}

  async sync(): Promise<void> {
    this.syncs++;
    await this.context.sync();
  }
}

/**
 * Queues writes and sends them as few requests as the size budget allows: `add(estimate, queue)` runs
 * `queue` now, unless the request being built would pass the budget, in which case that request is sent
 * first. `estimate` is an upper bound of what `queue` adds to the request as Office.js serializes it
 * (requestCost). `onRequestStart` runs at the start of each request (to suspend calculation again: the
 * suspension lasts until the next sync only); its cost is in the request's base.
 */
export class WriteBatch {
  private pending = 0;
  private actions = 0;
  requests = 0;
  /** The estimate of each request sent, in order. */
  readonly estimates: number[] = [];

  constructor(
    private readonly session: Session,
    private readonly onRequestStart: () => void = () => undefined,
  ) {}

  get budget(): number {
    return this.session.maxRequestBytes;
  }

  /** Room in a request for writes: the budget less the request's base. */
  get room(): number {
    return Math.max(1024, this.budget - REQUEST_BYTES.request);
  }

  async add(estimate: number, queue: () => void): Promise<void> {
    if (this.actions > 0 && this.pending + estimate > this.budget) await this.flush();
    if (this.actions === 0) {
      this.onRequestStart();
      this.pending = REQUEST_BYTES.request;
    }
    queue();
    this.pending += estimate;
    this.actions++;
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.actions === 0) return;
    this.estimates.push(this.pending);
    this.actions = 0;
    this.pending = 0;
    this.requests++;
    await this.session.sync();
  }
}

/**
 * Splits rows into consecutive blocks of at most `maxBytes` of JSON each (a single larger row is a block
 * of its own). `sizeOf` measures one row.
 */
export function rowBlocks<T>(
  rows: readonly T[],
  maxBytes: number,
  sizeOf: (row: T) => number,
): { start: number; rows: T[] }[] {
  const blocks: { start: number; rows: T[] }[] = [];
  let start = 0;
  let bytes = 0;
  let cur: T[] = [];
  rows.forEach((row, i) => {
    const b = sizeOf(row) + 1;
    if (cur.length > 0 && bytes + b > maxBytes) {
      blocks.push({ start, rows: cur });
      start = i;
      cur = [];
      bytes = 0;
    }
    cur.push(row);
    bytes += b;
  });
  if (cur.length > 0) blocks.push({ start, rows: cur });
  return blocks;
}
