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
}

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
      const internal = context as unknown as { _pendingRequest: PendingRequest };
      return utf8(JSON.stringify(internal._pendingRequest.buildRequestMessageBodyAndRequestFlags().body));
    },
  };
  loaded = lib;
  return lib;
}
