/**
 * The fake Excel: `run`, `isSetSupported` and the workbook state, with counters and failure injection.
 *
 *   const excel = new FakeExcel(workbookFromGridBook(book), { requirements: "Excel 2019" });
 *   await excel.run(async (context) => { … await context.sync(); });
 *   excel.stats.syncs, excel.stats.requests[i].bytes
 *   excel.failAt({ sync: 3, afterActions: 10 })   // the 3rd sync from now applies 10 actions, then fails
 *   excel.payloadLimit = 5 * 1024 * 1024          // a request above it fails whole, as on Excel on the web
 *   excel.cellEditMode = true                     // every sync fails with InvalidOperationInCellEditMode
 *
 * Requirement sets, as Microsoft's table gives them for volume-licensed perpetual Office on Windows
 * (learn.microsoft.com, "Excel JavaScript API requirement sets"): "Excel 2016" is ExcelApi 1.1, "Excel 2019"
 * 1.7, "Excel 2021" 1.14, "Excel 2024" 1.17; "Microsoft 365" (and Excel on the web) 1.20; "ExcelApi 1.x" or
 * "1.x" any level. Members newer than the level throw ApiNotFound.
 *
 * The loaded library (`library`): "cdn" (default) implements every member the fake has; "office.js 1.1.110"
 * is the copy of the npm package that KAOPING_OFFICE_JS=local serves, which lacks the Note API whatever
 * Excel reports — `worksheet.notes` is undefined there, as in that library.
 *
 * Each Excel.run ends: an object of a finished run (or its context) used again throws InvalidObjectPath,
 * as Office.js does for the objects it tracked in the run.
 */
import "./charts";
import { FAKE_ERROR_CODES, FakeOfficeError } from "./errors";
import { type Engine, FakeContext, requestBytes } from "./proxies";
import { WorkbookState } from "./state";

export const PROFILES: Readonly<Record<string, string>> = {
  "Excel 2016": "1.1",
  "Excel 2019": "1.7",
  "Excel 2021": "1.14",
  "Excel 2024": "1.17",
  "Microsoft 365": "1.20",
};

/** Members an Office.js library lacks, by library: "Class.member". */
export const LIBRARIES: Readonly<Record<string, readonly string[]>> = {
  cdn: [],
  "office.js 1.1.110": ["Worksheet.notes", "NoteCollection.add", "Workbook.use1904DateSystem"],
};

export function requirementLevel(label: string): string {
  if (PROFILES[label]) return PROFILES[label];
  const m = /(\d+\.\d+)\s*$/.exec(label);
  if (!m) throw new Error(`unknown requirement profile: ${label}`);
  return m[1];
}

function atLeast(have: string, want: string): boolean {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = want.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

export interface RequestRecord {
  /** 1-based number of the sync since the fake was made (or stats reset). */
  sync: number;
  actions: number;
  writes: number;
  bytes: number;
  responseBytes: number;
  /** Calculation was suspended in this request. */
  calculationSuspended: boolean;
  /** The error code this request failed with. */
  failed?: string;
}

export interface FakeStats {
  runs: number;
  syncs: number;
  requests: RequestRecord[];
}

export interface FailurePlan {
  /** The nth sync from now (1 = the next one). */
  sync: number;
  /** Actions applied before the failure: a number, "half" of the batch, or 0 (default). */
  afterActions?: number | "half";
  code?: string;
  message?: string;
}

export interface FakeExcelOptions {
  requirements?: string;
  /** The Office.js library the page loaded: a key of LIBRARIES (default "cdn"). */
  library?: string;
  /** Milliseconds each sync takes (for UIs that show progress). */
  latencyMs?: number;
}

export class FakeExcel implements Engine {
  readonly version: string;
  readonly label: string;
  readonly library: string;
  stats: FakeStats = { runs: 0, syncs: 0, requests: [] };
  payloadLimit: number | null = null;
  responseLimit: number | null = null;
  cellEditMode = false;
  latencyMs: number;
  private plans: { at: number; plan: FailurePlan }[] = [];
  private suspendedNow = false;

  constructor(
    public state: WorkbookState = new WorkbookState(),
    opts: FakeExcelOptions = {},
  ) {
    this.label = opts.requirements ?? "Microsoft 365";
    this.version = requirementLevel(this.label);
    this.library = opts.library ?? "cdn";
    if (!LIBRARIES[this.library]) throw new Error(`unknown Office.js library: ${this.library}`);
    this.latencyMs = opts.latencyMs ?? 0;
  }

  supports(version: string): boolean {
    return atLeast(this.version, version);
  }

  /** Whether the loaded library has `Class.member` (what the add-in's host.implements asks). */
  implements = (className: string, member: string): boolean =>
    !LIBRARIES[this.library].includes(`${className}.${member}`);

  /** Office.context.requirements.isSetSupported. */
  isSetSupported = (name: string, version?: string): boolean => {
    if (name !== "ExcelApi") return false;
    return version === undefined ? true : this.supports(version);
  };

  /** Excel.run: a fresh context; the pending actions are synced when the batch function ends. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.stats.runs++;
    const ctx = new FakeContext(this);
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      await ctx.sync();
      return result;
    } finally {
      ctx.ended = true;
    }
  };

  failAt(plan: FailurePlan): void {
    this.plans.push({ at: this.stats.syncs + plan.sync, plan });
  }

  resetStats(): void {
    this.stats = { runs: 0, syncs: 0, requests: [] };
    this.plans = [];
  }

  noteSuspended(): void {
    this.suspendedNow = true;
  }

  async sync(ctx: FakeContext): Promise<void> {
    const actions = ctx.queue;
    ctx.queue = [];
    if (actions.length === 0) return;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    else await Promise.resolve();
    this.stats.syncs++;
    const record: RequestRecord = {
      sync: this.stats.syncs,
      actions: actions.length,
      writes: actions.filter((a) => a.kind === "write" || a.kind === "method").length,
      bytes: requestBytes(actions),
      responseBytes: 0,
      calculationSuspended: false,
    };
    this.stats.requests.push(record);
    const reject = (code: string, message: string): never => {
      record.failed = code;
      throw new FakeOfficeError(code, message);
    };
    if (this.cellEditMode) reject(FAKE_ERROR_CODES.invalidOperationInCellEditMode, "Excel is in cell-editing mode.");
    if (this.payloadLimit !== null && record.bytes > this.payloadLimit)
      reject(
        FAKE_ERROR_CODES.requestPayloadSizeLimitExceeded,
        `The request payload size has exceeded the limit (${record.bytes} bytes).`,
      );

    const planIndex = this.plans.findIndex((p) => p.at === this.stats.syncs);
    const plan = planIndex >= 0 ? this.plans.splice(planIndex, 1)[0].plan : null;
    const stopAfter = plan
      ? plan.afterActions === "half"
        ? Math.floor(actions.length / 2)
        : (plan.afterActions ?? 0)
      : Infinity;

    ctx.commits = [];
    this.suspendedNow = false;
    try {
      actions.forEach((a, i) => {
        if (i >= stopAfter)
          reject(
            plan!.code ?? FAKE_ERROR_CODES.generalException,
            plan!.message ?? "An internal error has occurred. (injected)",
          );
        try {
          a.run();
        } catch (e) {
          if (e instanceof FakeOfficeError) {
            record.failed = e.code;
            throw e;
          }
          throw e;
        }
      });
    } finally {
      record.calculationSuspended = this.suspendedNow;
    }
    const commits = ctx.commits;
    ctx.commits = [];
    record.responseBytes = commits.reduce((n, c) => n + c.bytes, 0);
    if (this.responseLimit !== null && record.responseBytes > this.responseLimit)
      reject(
        FAKE_ERROR_CODES.responsePayloadSizeLimitExceeded,
        `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
      );
    for (const c of commits) c.apply();
    for (const p of ctx.proxies) if (p._bound !== undefined) p._isNull = p._bound === null;
  }
}
