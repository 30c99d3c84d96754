/**
 * One add-in operation inside Excel.run: the request context, the requirement sets found, and a count of
 * round trips. Every `context.sync()` of the add-in goes through `sync()` here, so each operation can say
 * how many it took. Writes go through WriteBatch, which splits a batch that would pass the request-size
 * budget into several requests.
 */

export type IsSetSupported = (name: string, version: string) => boolean;

/** Excel's `Excel.run`, or a stand-in (the fake Excel of the tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the add-in uses of the ExcelApi requirement sets, detected once per operation. */
export interface ApiSupport {
  /** The highest ExcelApi 1.x found, e.g. "1.8" for volume-licensed Excel 2019; "" if none. */
  version: string;
  /** ExcelApi 1.8: everything scoring needs (read, write, snapshot, freeze panes, data validation). */
  scoring: boolean;
  /** 1.6: suspendApiCalculationUntilNextSync during writes. */
  suspendCalculation: boolean;
  /** 1.9: AutoFilter on 考核结果. */
  autoFilter: boolean;
  /** 1.9: worksheet.pageLayout — how 考核结果 prints (A4 landscape, one page wide, titles, page numbers). */
  pageLayout: boolean;
  /** 1.9: per-cell fills and fonts of the sheet a run replaces (getCellProperties). */
  cellProperties: boolean;
  /** 1.18: notes (the classic yellow cell notes) for header explanations. */
  notes: boolean;
  /** 1.10: threaded comments — detected and reported, not used (see addin.ts). */
  comments: boolean;
}

const MAX_MINOR = 40;

export function versionAtLeast(version: string, wanted: string): boolean {
  const [a1, a2] = version.split(".").map(Number);
  const [b1, b2] = wanted.split(".").map(Number);
  if (!Number.isFinite(a1) || !Number.isFinite(a2)) return false;
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

export function detectApi(isSetSupported: IsSetSupported): ApiSupport {
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
  const has = (v: string) => version !== "" && versionAtLeast(version, v);
  return {
    version,
    scoring: has("1.8"),
    suspendCalculation: has("1.6"),
    autoFilter: has("1.9"),
    pageLayout: has("1.9"),
    cellProperties: has("1.9"),
    notes: has("1.18"),
    comments: has("1.10"),
  };
}

/** Excel on the web refuses a request of 5 MB; the add-in keeps each request below this. */
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** A guess at the JSON wrapper around each queued action (object path, action type, ids). */
export const ACTION_OVERHEAD_BYTES = 96;

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
 * Queues writes and sends them as few requests as the size budget allows: `add(bytes, queue)` runs `queue`
 * now, unless the request being built would pass the budget, in which case that request is sent first.
 * `onRequestStart` runs at the start of each request (to suspend calculation again: the suspension lasts
 * until the next sync only).
 */
export class WriteBatch {
  private pending = 0;
  private actions = 0;
  requests = 0;

  constructor(
    private readonly session: Session,
    private readonly onRequestStart: () => void = () => undefined,
  ) {}

  get budget(): number {
    return this.session.maxRequestBytes;
  }

  /** A write of about `bytes` bytes of arguments. */
  async add(bytes: number, queue: () => void): Promise<void> {
    const size = bytes + ACTION_OVERHEAD_BYTES;
    if (this.actions > 0 && this.pending + size > this.budget) await this.flush();
    if (this.actions === 0) {
      this.onRequestStart();
      this.pending = ACTION_OVERHEAD_BYTES;
    }
    queue();
    this.pending += size;
    this.actions++;
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.actions === 0) return;
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
