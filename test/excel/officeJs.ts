/**
 * Office.js itself, in Node: the Excel host library the package ships
 * (node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js — what Excel on the web loads) evaluated in
 * a VM context with a minimal `window`. Nothing reaches Excel: a context's sync() serializes the batch exactly
 * as Office.js would send it (the JSON text of `buildRequestMessageBodyAndRequestFlags().body`, which
 * RichApiMessageUtility.buildMessageArrayForIRequestExecutor puts into the message) and records its size, then
 * drops it. Loads get no answers, so only code that writes without reading what it loaded can run on it.
 *
 *   const lib = officeJs();                       // loaded once per test file
 *   const { context, requests } = lib.recordingContext();
 *   … queue writes on context.workbook …; await context.sync();
 *   requests[0].bytes                              // UTF-8 bytes of the request body
 *   lib.Excel.Worksheet.prototype                  // what this library implements
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { ROOT } from "../support/webpack";

export const OFFICE_JS_DIST = join(ROOT, "node_modules/@microsoft/office-js/dist");
export const EXCEL_WEB_DEBUG = join(OFFICE_JS_DIST, "excel-web-16.00.debug.js");

export interface RecordedRequest {
  bytes: number;
  actions: number;
  objectPaths: number;
  /** The JSON text, when `keepText` was asked for. */
  text?: string;
}

export interface OfficeJsLibrary {
  /** The library's `Excel` namespace (classes, enums, RequestContext). */
  Excel: typeof Excel;
  /** The library's OfficeExtension namespace. */
  OfficeExtension: typeof OfficeExtension;
  /** A request context whose sync() records and drops the batch. */
  recordingContext(opts?: { keepText?: boolean }): { context: Excel.RequestContext; requests: RecordedRequest[] };
  /** The size of what is queued on a context now, as sync() would send it (nothing is sent or dropped). */
  pendingBytes(context: Excel.RequestContext): number;
}

function utf8(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

let loaded: OfficeJsLibrary | null = null;

interface PendingRequest {
  buildRequestMessageBodyAndRequestFlags(): { body: { Actions: unknown[]; ObjectPaths: Record<string, unknown> } };
  m_actions: QueuedAction[];
  m_referencedObjectPaths: Record<string, ObjectPath>;
  m_previewExecutionActions: unknown[];
  m_contextBase: { _autoCleanup?: boolean };
}

interface ObjectPath {
  objectPathInfo: { Id: number };
  parentObjectPath?: ObjectPath | null;
  argumentObjectPaths?: (ObjectPath | null)[] | null;
}

interface QueuedAction {
  actionInfo: { Id: number; ActionType: number; Name?: string; L?: number[] };
  referencedObjectPath?: ObjectPath | null;
  referencedArgumentObjectPaths?: (ObjectPath | null)[] | null;
}

/** The size of a request body as sync() sends it: the JSON text of buildRequestMessageBodyAndRequestFlags(). */
function fullBytes(request: PendingRequest): number {
  return utf8(JSON.stringify(request.buildRequestMessageBodyAndRequestFlags().body));
}

/** Decimal digits of a non-negative integer id, as JSON writes it. */
const digits = (n: number): number => String(n).length;

/**
 * The size of one pending request, kept up to date as actions are queued, so that measuring it after each of
 * thousands of writes costs what those writes added (a full serialization each time was quadratic: a minute
 * for 会议图表's 7,000 actions). It follows Office.js's body: the actions, each with its `L` (the ids of
 * the object paths whose last use is that action, which move to a later action that uses them again:
 * ClientRequestBase._calculateLastUsedObjectPathIds), the object paths referenced, and AutoKeepReference.
 * `bytes()` checks itself against the full serialization from time to time and throws if they differ.
 */
class RequestMeter {
  private actions = 0;
  /** UTF-8 bytes of the actions' JSON without their `L`, commas between them not included. */
  private actionBytes = 0;
  private readonly paths = new Set<string>();
  /** UTF-8 bytes of `"id":{…}` of each object path, commas not included. */
  private pathBytes = 0;
  /** Object path id → the action id of its last use. */
  private readonly lastUse = new Map<number, number>();
  /** Action id → how many path ids its `L` lists, and their digits together. */
  private readonly lists = new Map<number, { count: number; digits: number }>();
  /** Bytes of every action's `,"L":[…]`. */
  private lBytes = 0;
  private keepReference = false;
  private calls = 0;

  constructor(readonly request: PendingRequest) {}

  bytes(): number {
    const r = this.request;
    if (r.m_previewExecutionActions.length > 0) return fullBytes(r);
    for (; this.actions < r.m_actions.length; this.actions++) this.addAction(r.m_actions[this.actions]);
    for (const id in r.m_referencedObjectPaths) {
      if (this.paths.has(id)) continue;
      this.paths.add(id);
      this.pathBytes +=
        utf8(JSON.stringify(id)) + 1 + utf8(JSON.stringify(r.m_referencedObjectPaths[id].objectPathInfo));
    }
    // As Office.js writes it: `_autoCleanup && hasKeepReference`, a key JSON leaves out while it is undefined.
    const auto = r.m_contextBase._autoCleanup && this.keepReference;
    const size =
      utf8(`{${auto === undefined ? "" : `"AutoKeepReference":${auto},`}"Actions":[],"ObjectPaths":{}}`) +
      this.actionBytes +
      Math.max(0, this.actions - 1) +
      this.lBytes +
      this.pathBytes +
      Math.max(0, this.paths.size - 1);
    // Checked in full while the request is small, then every 256th call.
    if (this.actions <= 300 || ++this.calls % 256 === 0) {
      const full = fullBytes(r);
      if (full !== size) throw new Error(`RequestMeter: ${size} bytes counted, Office.js serializes ${full}`);
    }
    return size;
  }

  private addAction(a: QueuedAction): void {
    // Its `L` as an earlier serialization left it is not its own: counted below, as it is now.
    const info = { ...a.actionInfo };
    delete info.L;
    this.actionBytes += utf8(JSON.stringify(info));
    if (info.ActionType === 3 && info.Name === "_KeepReference") this.keepReference = true;
    const seen = new Set<number>();
    const use = (p: ObjectPath | null | undefined): void => {
      for (; p; p = p.parentObjectPath) {
        const id = p.objectPathInfo.Id;
        if (seen.has(id)) return;
        seen.add(id);
        this.moveL(id, info.Id);
        for (const arg of p.argumentObjectPaths ?? []) use(arg);
      }
    };
    use(a.referencedObjectPath);
    for (const p of a.referencedArgumentObjectPaths ?? []) use(p);
  }

  /** Path `id` is now last used by action `to`. */
  private moveL(id: number, to: number): void {
    const from = this.lastUse.get(id);
    if (from === to) return;
    if (from !== undefined) this.changeL(from, -1, -digits(id));
    this.lastUse.set(id, to);
    this.changeL(to, 1, digits(id));
  }

  private changeL(action: number, count: number, idDigits: number): void {
    let list = this.lists.get(action);
    if (list === undefined) this.lists.set(action, (list = { count: 0, digits: 0 }));
    // ,"L":[ ids joined by commas ]  — 6 + digits + count bytes when the list is not empty.
    const bytes = (l: { count: number; digits: number }) => (l.count > 0 ? 6 + l.digits + l.count : 0);
    this.lBytes -= bytes(list);
    list.count += count;
    list.digits += idDigits;
    this.lBytes += bytes(list);
  }
}

const meters = new WeakMap<object, RequestMeter>();

export function officeJs(): OfficeJsLibrary {
  if (loaded) return loaded;
  const source = readFileSync(EXCEL_WEB_DEBUG, "utf8");
  const element = () => ({ style: {}, setAttribute() {}, appendChild() {}, addEventListener() {} });
  const sandbox: Record<string, unknown> = {
    console: { log() {}, warn() {}, error() {}, info() {} },
    setTimeout,
    clearTimeout,
    navigator: { userAgent: "node" },
    document: {
      createElement: element,
      getElementsByTagName: () => [],
      addEventListener() {},
      readyState: "complete",
    },
    location: { href: "https://localhost/", protocol: "https:", search: "", hash: "" },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  createContext(sandbox);
  runInContext(source, sandbox, { filename: "excel-web-16.00.debug.js" });
  const ExcelNs = sandbox.Excel as typeof Excel;
  const lib: OfficeJsLibrary = {
    Excel: ExcelNs,
    OfficeExtension: sandbox.OfficeExtension as typeof OfficeExtension,
    recordingContext(opts = {}) {
      const context = new ExcelNs.RequestContext();
      const requests: RecordedRequest[] = [];
      const internal = context as unknown as { _pendingRequest: PendingRequest; m_pendingRequest: unknown };
      context.sync = (<T>(passThrough?: T) => {
        const { body } = internal._pendingRequest.buildRequestMessageBodyAndRequestFlags();
        internal.m_pendingRequest = null;
        if (body.Actions.length > 0) {
          const text = JSON.stringify(body);
          requests.push({
            bytes: utf8(text),
            actions: body.Actions.length,
            objectPaths: Object.keys(body.ObjectPaths).length,
            ...(opts.keepText ? { text } : {}),
          });
        }
        return Promise.resolve(passThrough);
      }) as Excel.RequestContext["sync"];
      return { context, requests };
    },
    pendingBytes(context) {
      const request = (context as unknown as { _pendingRequest: PendingRequest })._pendingRequest;
      let meter = meters.get(context);
      if (meter?.request !== request) {
        meter = new RequestMeter(request);
        meters.set(context, meter);
      }
      return meter.bytes();
    },
  };
  loaded = lib;
  return lib;
}
