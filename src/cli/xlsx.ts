/**
 * The .xlsx adapter of the command line, reading side: the file's bytes, and its sheets as Grids. The zip is
 * read through its central directory (ooxml/zip.ts), the small parts (relationships, workbook, styles) are
 * parsed whole, and the large ones (shared strings, sheets) are streamed through ooxml/scan.ts straight into
 * Grids — so reading takes time and memory in proportion to the cells, not to a model of the whole workbook.
 * The rows and shared strings of the usual shape, nearly all of them, are read by loops of their own (in
 * SheetReader from the sheet's bytes, never decoded), the rest by the scanner, with the same result.
 * Writing never re-saves a workbook (graft.ts writes the results sheet into the original package).
 */
import { isUtf8 } from "node:buffer";
import { readFile, stat } from "node:fs/promises";
import { isDateFormat, serialToDate } from "../excel/grid";
import type { CellValue, GridBook } from "../workbook/grid";
import { partKey, resolveTarget } from "./ooxml/opc";
import { isSpace, localName, scanXmlBytes, type TagAttributes, type XmlHandler, XmlScanner } from "./ooxml/scan";
import { decodeXml, parseXml, type XmlElement, XmlError } from "./ooxml/xml";
import { inflateChunks, inflateEntry, inflateEntryAsync, readZip, ZipError, type ZipEntry } from "./ooxml/zip";

/** A file that cannot be read as an .xlsx workbook; the message is in Chinese, for the user. */
export class XlsxReadError extends Error {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "XlsxReadError";
  }
}

/** A cell holding a formula saved without its result (files written by scripts): its Grid cell is null. */
export interface UncachedFormula {
  sheet: string;
  /** 0-based, as in Grid. */
  row: number;
  col: number;
}

export interface XlsxFile {
  /** The file as read: what `--out` grafts the results into. */
  data: Buffer;
  book: GridBook;
  /** Every formula cell without a cached result, sheet by sheet in reading order. */
  uncachedFormulas: UncachedFormula[];
}

export async function readXlsx(path: string): Promise<XlsxFile> {
  let data: Buffer;
  try {
    // A device or a pipe (/dev/zero, /dev/stdin) is refused before it is read: it may never end.
    const st = await stat(path);
    if (!st.isFile() && !st.isDirectory()) {
      throw new XlsxReadError(`${path} 不是普通文件（设备、管道等），不是 .xlsx 工作簿`, path);
    }
    data = await readFile(path);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw new XlsxReadError(fileFailure(path, e), path, { cause: e });
  }
  try {
    return { data, ...(await readXlsxData(data)) };
  } catch (e) {
    if (e instanceof ZipError || e instanceof XmlError || e instanceof PackageError) {
      const what = /\.(ods|ots|fods)$/i.test(path)
        ? "（这是 OpenDocument 表格，请先在 WPS 或 LibreOffice 中另存为 .xlsx）"
        : "（.xls、.et、.ods、.csv 等格式请先在 Excel 或 WPS 中另存为 .xlsx）";
      throw new XlsxReadError(`${path} 不是有效的 .xlsx 工作簿${what}`, path, { cause: e });
    }
    throw e;
  }
}

/** The kinds of SpreadsheetML package by the content type of their workbook part, and their extensions. */
const WORKBOOK_KINDS: Readonly<Record<string, string>> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
  "application/vnd.ms-excel.addin.macroEnabled.main+xml": ".xlam",
};

/**
 * The extension a copy of this package must have to open in Excel (".xlsx", ".xlsm" for one with macros, …):
 * a copy keeps every part, macros and the workbook's content type included, and Excel refuses a file whose
 * content type does not match its extension. ".xlsx" when the package does not say.
 */
export function workbookExtension(data: Uint8Array): string {
  try {
    const parts = new Parts(readZip(data), WHOLE_PART);
    const wbPart = parts.relationships("").find((r) => r.type.endsWith(REL_SUFFIX.officeDocument))?.part;
    const types = parts.xml("[Content_Types].xml");
    if (!wbPart || !types) return ".xlsx";
    const override = children(types, "Override").find((o) => partKey(attr(o, "PartName") ?? "") === partKey(wbPart));
    return WORKBOOK_KINDS[attr(override ?? types, "ContentType") ?? ""] ?? ".xlsx";
  } catch {
    return ".xlsx";
  }
}

/** Why `out` cannot be the copy of this workbook (its extension against the package's kind), or null. */
export function copyNameProblem(out: string, data: Uint8Array, option = "--out"): string | null {
  const kind = workbookExtension(data);
  const given = out.slice(out.lastIndexOf(".")).toLowerCase();
  if (given === kind) return null;
  if (kind === ".xlsm") {
    return `输入工作簿含宏（.xlsm），写出的副本保留宏，${option} 的文件名应以 .xlsm 结尾：${out}`;
  }
  if (kind === ".xlsx") return `输入工作簿不含宏（.xlsx），${option} 的文件名应以 .xlsx 结尾：${out}`;
  return `输入的是 ${kind} 文件，不是工作簿：请先在 Excel 中另存为 .xlsx（或含宏的 .xlsm）再处理`;
}

function fileFailure(path: string, e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  if (code === "ENOENT") return `文件不存在：${path}`;
  if (code === "EISDIR") return `${path} 是目录，不是 .xlsx 文件`;
  if (code === "EACCES" || code === "EPERM") return `没有权限读取文件：${path}`;
  return `无法读取文件 ${path}（${code || (e instanceof Error ? e.message : String(e))}）`;
}

/** What makes a package unusable as a workbook (the caller words it for the user). */
class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }
}

/** The small parts are read whole; none of them is anywhere near this in a real workbook. */
const MAX_SMALL_PART = 64 * 1024 * 1024;
/**
 * A sheet up to this size is inflated and scanned whole (the votes of 10,000 leaders are 35 MB): that is
 * faster than a stream of chunks, and memory is still bounded. A larger one is streamed.
 */
const WHOLE_PART = 64 * 1024 * 1024;
/** Excel's limits: a cell beyond them is not in a sheet Excel could open. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

const REL_SUFFIX = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  styles: "/styles",
  sharedStrings: "/sharedStrings",
} as const;

interface Rel {
  id: string;
  type: string;
  part: string | null;
}

class Parts {
  private readonly byKey = new Map<string, ZipEntry>();

  constructor(
    entries: readonly ZipEntry[],
    private readonly wholePart: number,
  ) {
    for (const e of entries) if (!e.name.endsWith("/")) this.byKey.set(partKey(e.name), e);
  }

  entry(part: string): ZipEntry | null {
    return this.byKey.get(partKey(part)) ?? null;
  }

  /** A small part parsed whole; null when absent. */
  xml(part: string): XmlElement | null {
    const e = this.entry(part);
    if (!e) return null;
    return parseXml(decodeXml(inflateEntry(e, MAX_SMALL_PART)).text).root;
  }

  relationships(source: string): Rel[] {
    const slash = source.lastIndexOf("/");
    const rels = source === "" ? "_rels/.rels" : `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
    const root = this.xml(rels);
    if (!root) return [];
    return children(root, "Relationship").map((el) => {
      const target = attr(el, "Target") ?? "";
      const external = attr(el, "TargetMode") === "External";
      return {
        id: attr(el, "Id") ?? "",
        type: attr(el, "Type") ?? "",
        part: external ? null : resolveTarget(source, target),
      };
    });
  }

  private readonly inflating = new Map<string, Promise<Uint8Array>>();

  /** Starts inflating the parts that will be read whole, in zlib's threads, while others are read. */
  prefetch(parts: readonly string[]): void {
    for (const part of parts) {
      const e = this.entry(part);
      if (!e || e.size > this.wholePart || this.inflating.has(partKey(part))) continue;
      const p = inflateEntryAsync(e, this.wholePart);
      p.catch(() => undefined); // reported when the part is read
      this.inflating.set(partKey(part), p);
    }
  }

  /** A large part, scanned whole (inflated ahead when prefetched) or streamed. */
  async scan(part: string, handler: XmlHandler): Promise<void> {
    const e = this.entry(part);
    if (!e) throw new PackageError(`缺少部件 ${part}`);
    if (e.size <= this.wholePart) {
      const ahead = this.inflating.get(partKey(part));
      this.inflating.delete(partKey(part));
      const bytes = ahead ? await ahead : inflateEntry(e, this.wholePart);
      if (handler instanceof SheetReader && handler.ownRows && isUtf8Text(bytes)) {
        readSheet(bytes, handler);
        return;
      }
      const scanner = new XmlScanner(handler);
      scanner.write(decodeXml(bytes).text);
      scanner.end();
    } else if (handler instanceof SheetReader && handler.ownRows) await readSheetStream(inflateChunks(e), handler);
    else await scanXmlBytes(inflateChunks(e), handler);
  }
}

/** UTF-8 without a UTF-16 byte order mark, and valid — what decodeXml would decode as UTF-8 without a word. */
function isUtf8Text(bytes: Uint8Array): boolean {
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return !utf16 && isUtf8(bytes);
}

/** Text is given to the scanner this many bytes at a time (the rows it can, SheetReader reads from the bytes). */
const SHEET_WINDOW = 1 << 14;

/**
 * A sheet in UTF-8: the scanner reads it a window at a time, and SheetReader's loop reads the rows it can
 * straight from the bytes, past the window's end — so that the text of those rows is never decoded at all.
 * The windows end between characters; the text is the same as decodeXml gives, byte order mark dropped.
 */
function readSheet(bytes: Uint8Array, reader: SheetReader): void {
  const bom = (at: number) => bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
  // decodeXml drops a byte order mark, and its TextDecoder one more right after.
  const from = bom(0) ? (bom(3) ? 6 : 3) : 0;
  const scanner = new XmlScanner(reader);
  feedWindows(bytes, from, bytes.length, reader, scanner, newDecoder(), "不是有效的 UTF-8 文本");
  scanner.end();
}

const newDecoder = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Gives bytes[from, to) (whole characters) to the scanner a window at a time, the reader's loop reading on in them. */
function feedWindows(
  bytes: Uint8Array,
  from: number,
  to: number,
  reader: SheetReader,
  scanner: XmlScanner,
  decoder: TextDecoder,
  invalid: string,
): void {
  let pos = from;
  reader.bytes = bytes;
  try {
    while (pos < to) {
      let end = Math.min(to, pos + SHEET_WINDOW);
      while (end < to && (bytes[end] & 0xc0) === 0x80) end--; // not inside a character
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(pos, end));
      } catch {
        throw new XmlError(invalid);
      }
      reader.windowEnd = end;
      reader.window++;
      reader.farthest = 0;
      scanner.write(text);
      pos = Math.max(end, reader.farthest);
    }
  } finally {
    reader.bytes = null;
  }
}

/**
 * A sheet too large to inflate whole, as scanXmlBytes reads it (the same text, the same errors at the same
 * chunks), but SheetReader's loop reads the rows it can from each chunk's bytes. A character cut by a chunk's
 * end waits for the next; a row cut by it is read by the scanner.
 */
async function readSheetStream(chunks: AsyncGenerator<Uint8Array>, reader: SheetReader): Promise<void> {
  // The first bytes say the encoding; UTF-16 and tiny documents go to scanXmlBytes as they are.
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.length < 3 && !done) {
    const next = await chunks.next();
    if (next.done) done = true;
    else head = joined(head, next.value);
  }
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (head.length < 3 || utf16) {
    await scanXmlBytes(
      (async function* () {
        yield head;
        yield* chunks;
      })(),
      reader,
    );
    return;
  }
  const scanner = new XmlScanner(reader);
  const decoder = newDecoder();
  const feed = (bytes: Uint8Array, from: number): Uint8Array => {
    const to = wholeCharacters(bytes);
    // What scanXmlBytes's decoder refuses in this chunk, refused before any of it is read, as there.
    if (!isUtf8(bytes.subarray(from, to)) || !validStart(bytes, to)) throw new XmlError("文本编码无效");
    feedWindows(bytes, from, to, reader, scanner, decoder, "文本编码无效");
    return bytes.slice(to);
  };
  // Its decoder drops a byte order mark.
  let pending = feed(head, head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  for await (const chunk of chunks) pending = feed(joined(pending, chunk), 0);
  if (pending.length > 0) throw new XmlError("文本编码无效");
  scanner.end();
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Where the last character of `bytes` starts when it is cut short by their end, else their length. */
function wholeCharacters(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = n;
  while (k > 0 && n - k < 3 && (bytes[k - 1] & 0xc0) === 0x80) k--;
  if (k === 0) return n;
  const lead = bytes[k - 1];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - (k - 1) >= length ? n : k - 1;
}

/** Whether bytes[at, end) can begin a character (the UTF-8 decoder's bounds), as a decoder waiting for the rest checks. */
function validStart(bytes: Uint8Array, at: number): boolean {
  if (at >= bytes.length) return true;
  const lead = bytes[at];
  let lower = 0x80;
  let upper = 0xbf;
  if (lead === 0xe0) lower = 0xa0;
  else if (lead === 0xed) upper = 0x9f;
  else if (lead === 0xf0) lower = 0x90;
  else if (lead === 0xf4) upper = 0x8f;
  else if (lead < 0xc2 || lead > 0xf4) return false;
  for (let k = at + 1; k < bytes.length; k++) {
    if (bytes[k] < lower || bytes[k] > upper) return false;
    lower = 0x80;
    upper = 0xbf;
  }
  return true;
}

function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

function child(el: XmlElement, local: string): XmlElement | null {
  return el.children.find((c) => c.local === local) ?? null;
}

function attr(el: XmlElement, local: string): string | null {
  return el.attributes.find((a) => a.ns === null && a.local === local)?.value ?? null;
}

const isTrue = (v: string | null): boolean => v === "1" || v === "true";

/** Every worksheet (hidden ones too) in tab order; chart sheets and dialog sheets have no cells and are left out. */
export interface ReadOptions {
  /** Sheets larger than this many bytes (uncompressed) are streamed rather than read whole. */
  streamAbove?: number;
  /** Every row and shared string through the general scanner, none by the readers' own loops (tests compare). */
  scannerOnly?: boolean;
}

/**
 * The Grids of an .xlsx given as bytes. Throws ZipError, XmlError or an error of its own for a package it
 * cannot read (readXlsx words them for the user).
 */
export async function readXlsxData(data: Uint8Array, options: ReadOptions = {}): Promise<Omit<XlsxFile, "data">> {
  const parts = new Parts(readZip(data), options.streamAbove ?? WHOLE_PART);
  const officeDocument = parts.relationships("").find((r) => r.type.endsWith(REL_SUFFIX.officeDocument));
  if (!officeDocument?.part) throw new PackageError("没有工作簿部件");
  const wbPart = officeDocument.part;
  const wb = parts.xml(wbPart);
  if (!wb || wb.local !== "workbook") throw new PackageError("没有工作簿部件");
  const rels = parts.relationships(wbPart);
  const date1904 = isTrue(attr(child(wb, "workbookPr") ?? wb, "date1904"));
  const sheetsEl = child(wb, "sheets");
  const sheets = (sheetsEl ? children(sheetsEl, "sheet") : []).map((el) => {
    const rid = el.attributes.find((a) => a.local === "id" && a.ns !== null)?.value;
    return { name: attr(el, "name") ?? "", rel: rels.find((r) => r.id === rid) };
  });
  const stringsPart = rels.find((r) => r.type.endsWith(REL_SUFFIX.sharedStrings))?.part ?? null;
  // The sheets are inflated in zlib's threads while the shared strings are read; those are needed first, and
  // inflated here: waiting for a thread that shares a core with the sheets' inflating took longer.
  parts.prefetch(sheets.flatMap((s) => (s.rel?.part && s.rel.type.endsWith(REL_SUFFIX.worksheet) ? [s.rel.part] : [])));

  const stylesPart = rels.find((r) => r.type.endsWith(REL_SUFFIX.styles))?.part ?? null;
  const dateStyles = readDateStyles(stylesPart === null ? null : parts.xml(stylesPart));

  let strings: string[] = [];
  if (stringsPart !== null && parts.entry(stringsPart)) {
    const reader = new SharedStringsReader(!options.scannerOnly);
    await parts.scan(stringsPart, reader);
    strings = reader.strings;
  }

  const book: GridBook = [];
  const uncachedFormulas: UncachedFormula[] = [];
  for (const { name, rel } of sheets) {
    if (!rel) throw new PackageError(`工作表“${name}”没有对应的部件`);
    if (!rel.type.endsWith(REL_SUFFIX.worksheet)) continue;
    if (!rel.part || !parts.entry(rel.part)) throw new PackageError(`工作表“${name}”没有对应的部件`);
    const before = uncachedFormulas.length;
    const reader = new SheetReader(name, strings, dateStyles, date1904, uncachedFormulas, !options.scannerOnly);
    await parts.scan(rel.part, reader);
    const uncached = uncachedFormulas.slice(before).map(({ row, col }) => ({ row, col }));
    book.push(uncached.length > 0 ? { name, rows: reader.grid(), uncached } : { name, rows: reader.grid() });
  }
  // A package of another kind, or one whose sheets cannot be found: said once, not as every sheet missing.
  if (book.length === 0) throw new PackageError("没有工作表");
  return { book, uncachedFormulas };
}

// ---------------------------------------------------------------------------------------------------------
// Styles: which cell formats show a date

/** Built-in number formats that show a date (zh-CN ids included); the time-only ones are not dates. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

/** For each cell format (index of `s`), whether its number format shows a date. */
function readDateStyles(styles: XmlElement | null): boolean[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  const numFmts = child(styles, "numFmts");
  for (const nf of numFmts ? children(numFmts, "numFmt") : []) {
    custom.set(Number(attr(nf, "numFmtId")), attr(nf, "formatCode") ?? "");
  }
  const xfs = child(styles, "cellXfs");
  return (xfs ? children(xfs, "xf") : []).map((xf) => {
    const id = Number(attr(xf, "numFmtId") ?? "0");
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shared strings

/** `_xHHHH_` in a string is an escaped character (ECMA-376 ST_Xstring). */
function unescapeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `<sst><si>` → its text: a `<t>`, or the `<t>` of each rich-text run; phonetic runs (`<rPh>`) left out. */
class SharedStringsReader implements XmlHandler {
  readonly strings: string[] = [];
  wantText = false;
  wantContent = false;
  private depth = 0;
  private inRun = false;
  private current = "";

  /** Whether `content` reads the strings it can (else all by the scanner). */
  constructor(private readonly ownStrings: boolean) {}

  /**
   * `<si><t>text</t></si>` (or `<t xml:space="preserve">`), with nothing to decode in the text, read here as
   * far as they go — most strings are written so; any other `<si>` is left to the scanner (and its open, close
   * and text below), from its start.
   */
  content(s: string, start: number): number {
    const n = s.length;
    let p = start;
    for (;;) {
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (!s.startsWith("<si><t", p)) return p;
      let q = p + 6;
      if (s.charCodeAt(q) === 62 /* > */) q++;
      else if (s.startsWith(' xml:space="preserve">', q)) q += 22;
      else return p;
      const from = q;
      for (; q < n; q++) {
        const c = s.charCodeAt(q);
        if (c === 60 /* < */) break;
        if (c === 38 /* & */ || c === 13 /* \r */) return p; // decoded, or a line end normalized, by the scanner
      }
      if (!s.startsWith("</t></si>", q)) return p;
      this.strings.push(unescapeXstring(s.slice(from, q)));
      p = q + 9;
    }
  }

  open(name: string): void {
    const d = ++this.depth;
    this.wantContent = d === 1 && this.ownStrings;
    if (d === 2) this.current = "";
    else if (d === 3) {
      const local = localName(name);
      if (local === "t") this.wantText = true;
      else if (local === "r") this.inRun = true;
    } else if (d === 4 && this.inRun && localName(name) === "t") this.wantText = true;
  }

  close(): void {
    const d = this.depth--;
    this.wantContent = d === 2 && this.ownStrings;
    if (d === 2) this.strings.push(unescapeXstring(this.current));
    else if (d === 3) this.inRun = false;
    this.wantText = false;
  }

  text(source: string, start: number, end: number): void {
    this.current += source.slice(start, end);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sheets

/** `AB12` → 0-based row and column, or null. */
function parseRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === 0 || i === n || i > 3) return null;
  let row = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
  }
  return row >= 1 ? { row: row - 1, col: col - 1 } : null;
}

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = ref.trim().split(":");
  const p = parseRef(a);
  const q = parseRef(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** An ISO 8601 date (a `t="d"` cell) → its calendar day at UTC midnight. */
function isoDay(s: string): Date | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

const enum CellType {
  Number,
  Shared,
  Text,
  Inline,
  Boolean,
  Error,
  Date,
  /** A `t` this reader does not know: read as a number, as the default. */
  Other,
}

/** The cell type written as the one letter `c` (s, n, b, e, d). */
function letterType(c: number): CellType {
  if (c === 115 /* s */) return CellType.Shared;
  if (c === 110 /* n */) return CellType.Number;
  if (c === 98 /* b */) return CellType.Boolean;
  if (c === 101 /* e */) return CellType.Error;
  if (c === 100 /* d */) return CellType.Date;
  return CellType.Other;
}

/** The cell type `t` written at s[start, end). */
function cellType(s: string, start: number, end: number): CellType {
  const length = end - start;
  const c = s.charCodeAt(start);
  if (length === 1) return letterType(c);
  else if (length === 3 && s.startsWith("str", start)) return CellType.Text;
  else if (length === 9 && s.startsWith("inlineStr", start)) return CellType.Inline;
  return CellType.Other;
}

/** The whole number written at s[start, end) with digits only (at most 15 of them), or -1. */
function digitsAt(s: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Whether ` x="` (x the character `name`) stands at b[at]. */
function attributeAt(b: Uint8Array, at: number, name: number): boolean {
  return b[at] === 32 && b[at + 1] === name && b[at + 2] === 61 /* = */ && b[at + 3] === 34; /* " */
}

/** digitsAt for bytes. */
function wholeAt(b: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** cellType for bytes. */
function cellTypeAt(b: Uint8Array, start: number, end: number): CellType {
  const length = end - start;
  const c = b[start];
  if (length === 1) return letterType(c);
  else if (length === 3 && c === 115 && b[start + 1] === 116 && b[start + 2] === 114) return CellType.Text;
  else if (length === 9 && INLINE_STR.every((x, k) => b[start + k] === x)) return CellType.Inline;
  return CellType.Other;
}

const INLINE_STR = [..."inlineStr"].map((ch) => ch.charCodeAt(0));

/** How many bytes s[start, end) takes in UTF-8 (s well-formed: a surrogate pair is 2 + 2). */
function utf8Length(s: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** Exact doubles: 10^k for k ≤ 22. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A merged area larger than this is applied only over the cells the sheet has (a hostile file may merge all). */
const MERGE_AREA_LIMIT = 100_000;

const enum At {
  Outside,
  Value,
  Formula,
  InlineString,
}

/**
 * One worksheet's XML → Grid rows. A cell's value is what Excel shows: shared and inline strings (rich
 * text joined), numbers (dates by the cell's number format, in the workbook's date system), booleans,
 * errors, and a formula's cached result. A cell that merely carries a format is empty. A merged area keeps
 * its value in the top-left cell; the others are null (as Office.js gives them).
 */
class SheetReader implements XmlHandler {
  wantText = false;
  wantContent = false;
  private readonly rows: CellValue[][] = [];
  private depth = 0;
  private inSheetData = false;
  private inMergeCells = false;
  private inInline = false;
  private inRun = false;
  private at = At.Outside;
  private readonly merges: string[] = [];
  /** The extent of the `<c>` elements seen, for merged areas too large to apply whole. */
  private maxRow = -1;
  private maxCol = -1;

  private row = -1;
  private col = -1;
  // The cell being read. Its value's text is kept as a range of the scanner's chunk while it comes in one
  // piece (nearly always), so that a number or a shared-string index is parsed without a copy.
  private type = CellType.Number;
  private style = 0;
  private valueSource = "";
  private valueStart = 0;
  private valueEnd = 0;
  private isFormula = false;
  private inlineText = "";
  private hasInline = false;

  constructor(
    private readonly name: string,
    private readonly strings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    private readonly uncached: UncachedFormula[],
    /** Whether rows are read by `content` where it can (else all by the scanner). */
    readonly ownRows: boolean,
  ) {}

  open(name: string, attrs: TagAttributes): void {
    const d = ++this.depth;
    this.wantContent = false;
    switch (d) {
      case 2: {
        const local = localName(name);
        this.inSheetData = local === "sheetData";
        this.inMergeCells = local === "mergeCells";
        this.wantContent = this.inSheetData && this.ownRows;
        return;
      }
      case 3:
        if (this.inSheetData && localName(name) === "row") {
          const r = attrs.get("r");
          const n = r === null ? this.row + 2 : Number(r);
          if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) throw new PackageError(`${this.name} 的行号无效：${r}`);
          this.row = n - 1;
          this.col = -1;
        } else if (this.inMergeCells && localName(name) === "mergeCell") {
          const ref = attrs.get("ref");
          if (ref !== null) this.merges.push(ref);
        }
        return;
      case 4:
        if (this.inSheetData && localName(name) === "c") this.startCell(attrs);
        return;
      case 5: {
        if (!this.inSheetData) return;
        const local = localName(name);
        if (local === "v") {
          this.at = At.Value;
          this.wantText = true;
        } else if (local === "f") {
          this.at = At.Formula;
          // A shared formula's other cells carry only `t="shared"`; an empty <f/> alone is no formula.
          if (attrs.get("t") !== null) this.isFormula = true;
          this.wantText = true;
        } else if (local === "is") this.inInline = true;
        return;
      }
      case 6:
        if (this.inInline) {
          const local = localName(name);
          if (local === "t") {
            this.at = At.InlineString;
            this.wantText = true;
          } else if (local === "r") this.inRun = true;
        }
        return;
      case 7:
        if (this.inRun && localName(name) === "t") {
          this.at = At.InlineString;
          this.wantText = true;
        }
        return;
    }
  }

  close(): void {
    const d = this.depth--;
    this.wantText = false;
    this.wantContent = d === 3 && this.inSheetData && this.ownRows;
    this.at = At.Outside;
    switch (d) {
      case 2:
        this.inSheetData = false;
        this.inMergeCells = false;
        return;
      case 4:
        if (this.inSheetData) this.endCell();
        return;
      case 5:
        this.inInline = false;
        return;
      case 6:
        this.inRun = false;
        return;
    }
  }

  text(source: string, start: number, end: number): void {
    if (end <= start) return;
    switch (this.at) {
      case At.Value:
        if (this.valueEnd === this.valueStart) {
          this.valueSource = source;
          this.valueStart = start;
          this.valueEnd = end;
        } else {
          // A value cut in two by the chunks: joined into one string.
          this.valueSource = this.valueSource.slice(this.valueStart, this.valueEnd) + source.slice(start, end);
          this.valueStart = 0;
          this.valueEnd = this.valueSource.length;
        }
        return;
      case At.Formula:
        this.isFormula = true;
        return;
      case At.InlineString:
        this.inlineText += source.slice(start, end);
        this.hasInline = true;
        return;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // The rows as Excel, WPS, LibreOffice and ExcelJS write them (`<row r="2" …><c r="A2" s="1" t="s"><v>5</v>
  // </c>…</row>`), read here from the part's bytes, without the scanner's calls, attribute table or text:
  // the hot loop of reading a workbook. A row is read here only when every part of it is understood —
  // elements row, c, v and f unprefixed, attributes well-formed and not repeated, the values of r, s and t and
  // the text of v free of references and control characters, r, s and t as plain numbers and references
  // within Excel's limits, every shared string there, every byte ASCII (so that a byte is a character and the
  // scanner's positions stay right). Anything else (an inline string, a comment, CDATA, a prefix, an unknown
  // element, text, an error) hands the row back to the scanner from its start, with what was read of it
  // undone, so the scanner reads it as it reads every other row: the same Grid, the same checks, the same
  // messages.

  /** The part's bytes while readSheet gives the scanner windows of them; null: every row by the scanner. */
  bytes: Uint8Array | null = null;
  /** Where the window the scanner reads ends in `bytes`, and which window it is. */
  windowEnd = 0;
  window = 0;
  /** Where in `bytes` this loop stopped last. */
  farthest = 0;
  /** A position of the current window known in bytes, so that the next is found from it (see `content`). */
  private knownWindow = -1;
  private knownAt = 0;
  private knownByte = 0;

  /** The attributes of the tag read last by `tagEnd`: where each name and value stands, `tagCount` of them. */
  private readonly nameStarts: number[] = new Array<number>(8).fill(0);
  private readonly nameEnds: number[] = new Array<number>(8).fill(0);
  private readonly valueStarts: number[] = new Array<number>(8).fill(0);
  private readonly valueEnds: number[] = new Array<number>(8).fill(0);
  private tagCount = 0;
  private tagSelfClosing = false;
  /** While the loop reads a row: its index, and where its values go (see `store`). */
  private collecting = false;
  private rowIndex = -1;
  private direct: CellValue[] | null = null;
  private readonly cells: CellValue[] = [null]; // never an array of small integers only: no change of kind
  private cellCount = 0;
  /** Whether a value was put into a row other than by the loop's gathering, so that the row may have gaps. */
  private holey = false;

  /** Whole `<row>` elements from s[start] on, read from the bytes as far as they can be. */
  content(s: string, start: number): number {
    const b = this.bytes;
    if (b === null) return start;
    // Where s[start] is in the bytes: counted from a position of this window known before, or back from its end.
    const at =
      this.knownWindow === this.window && start >= this.knownAt
        ? this.knownByte + utf8Length(s, this.knownAt, start)
        : this.windowEnd - utf8Length(s, start, s.length);
    if (at < 0) return start; // in text of the chunk before, whose bytes are gone
    const n = b.length;
    let p = at;
    for (;;) {
      while (p < n && isSpace(b[p])) p++;
      if (b[p] !== 60 /* < */ || b[p + 1] !== 114 /* r */ || b[p + 2] !== 111 /* o */ || b[p + 3] !== 119 /* w */) {
        break;
      }
      const end = this.ownRow(b, p);
      if (end < 0) break;
      p = end;
    }
    // Every byte passed over is ASCII: as many characters.
    this.farthest = p;
    this.knownWindow = this.window;
    this.knownAt = start + (p - at);
    this.knownByte = p;
    return start + (p - at);
  }

  /**
   * The attributes of a start tag from `p` (just after its name) to its end, as the scanner would accept
   * them; returns where the tag ends, or -1 when it cannot vouch for it.
   */
  private tagEnd(b: Uint8Array, p: number): number {
    const n = b.length;
    let count = 0;
    for (;;) {
      const before = p;
      while (p < n && isSpace(b[p])) p++;
      if (p >= n) return -1;
      const c = b[p];
      if (c === 62 /* > */ || c === 47 /* / */) {
        if (c === 47 && b[p + 1] !== 62) return -1;
        this.tagCount = count;
        this.tagSelfClosing = c === 47;
        return c === 47 ? p + 2 : p + 1;
      }
      if (p === before) return -1;
      const a = p;
      for (; p < n; p++) {
        const d = b[p];
        if (d === 61 /* = */ || d === 62 || d === 47 || isSpace(d)) break;
        if (d >= 128) return -1;
      }
      if (p >= n || p === a) return -1;
      const nameEnd = p;
      while (p < n && isSpace(b[p])) p++;
      if (b[p] !== 61) return -1;
      p++;
      while (p < n && isSpace(b[p])) p++;
      const q = b[p];
      if (q !== 34 && q !== 39) return -1;
      let close = p + 1;
      for (; close < n; close++) {
        const d = b[close];
        if (d === q) break;
        if (d >= 128) return -1;
      }
      if (close >= n) return -1;
      for (let k = 0; k < count; k++) {
        const from = this.nameStarts[k];
        if (this.nameEnds[k] - from !== nameEnd - a) continue;
        let same = 0;
        while (same < nameEnd - a && b[from + same] === b[a + same]) same++;
        if (same === nameEnd - a) return -1; // repeated: the scanner refuses it
      }
      this.nameStarts[count] = a;
      this.nameEnds[count] = nameEnd;
      this.valueStarts[count] = p + 1;
      this.valueEnds[count] = close;
      count++;
      p = close + 1;
    }
  }

  /** The attribute of the last tag named by this one character, or -1. */
  private tagAttribute(b: Uint8Array, name: number): number {
    for (let k = 0; k < this.tagCount; k++) {
      const a = this.nameStarts[k];
      if (this.nameEnds[k] === a + 1 && b[a] === name) return k;
    }
    return -1;
  }

  /** A `<row>` element at `start`: where it ends, or -1 with nothing of it kept. */
  private ownRow(b: Uint8Array, start: number): number {
    const row = this.row;
    const col = this.col;
    const uncached = this.uncached.length;
    const end = this.readRow(b, start);
    this.collecting = false;
    if (end < 0) {
      this.row = row;
      this.col = col;
      this.uncached.length = uncached;
    }
    return end;
  }

  private readRow(b: Uint8Array, start: number): number {
    const n = b.length;
    let p = this.tagEnd(b, start + 4);
    if (p < 0) return -1;
    const rk = this.tagAttribute(b, 114 /* r */);
    const r = rk < 0 ? this.row + 2 : wholeAt(b, this.valueStarts[rk], this.valueEnds[rk]);
    if (r < 1 || r > MAX_ROWS) return -1;
    this.row = r - 1;
    this.col = -1;
    if (this.tagSelfClosing) return p;
    this.rowIndex = r - 1;
    this.direct = this.rows[r - 1] ?? null;
    this.cellCount = 0;
    this.collecting = true;
    let right = -1; // the last column of a <c> in the row
    try {
      for (;;) {
        while (p < n && isSpace(b[p])) p++;
        if (b[p] !== 60 /* < */) return -1;
        const c1 = b[p + 1];
        if (c1 === 99 /* c */) {
          p = this.readCell(b, p);
          if (p < 0) return -1;
          if (this.col > right) right = this.col;
        } else if (c1 === 47 /* / */ && b[p + 2] === 114 && b[p + 3] === 111 && b[p + 4] === 119) {
          p += 5;
          while (p < n && isSpace(b[p])) p++;
          if (b[p] !== 62 /* > */) return -1;
          if (this.cellCount > 0 && this.direct === null) this.rows[r - 1] = this.cells.slice(0, this.cellCount);
          if (right >= 0) {
            if (r - 1 > this.maxRow) this.maxRow = r - 1;
            if (right > this.maxCol) this.maxCol = right;
          }
          return p + 1;
        } else return -1;
      }
    } catch (e) {
      // A shared string that is not there: the scanner reads the row again and says so.
      if (e instanceof PackageError) return -1;
      throw e;
    }
  }

  /** A `<c>` element at `start`: where it ends, or -1. */
  private readCell(b: Uint8Array, start: number): number {
    const n = b.length;
    let row = this.row;
    let col = this.col + 1;
    let type = CellType.Number;
    let style = 0;
    // The shape nearly every producer writes, read in one pass: ` r="AB12"`, then ` s="3"` and ` t="s"` when
    // there, in this order, in double quotes. Any other tag is read by tagEnd.
    let p = start + 2;
    let common = false;
    if (attributeAt(b, p, 114 /* r */)) {
      let q = p + 4;
      let letters = 0;
      let c = b[q] | 32;
      for (; c >= 97 && c <= 122 && q - p - 4 < 3; c = b[++q] | 32) letters = letters * 26 + c - 96;
      const digits = q;
      let r = 0;
      for (c = b[q]; c >= 48 && c <= 57; c = b[++q]) r = r * 10 + c - 48;
      if (digits > p + 4 && q > digits && c === 34 && r >= 1) {
        row = r - 1;
        col = letters - 1;
        p = q + 1;
        common = true;
        if (attributeAt(b, p, 115 /* s */)) {
          for (q = p + 4; q < n && b[q] !== 34; q++);
          style = wholeAt(b, p + 4, q);
          if (q < n && style >= 0) p = q + 1;
          else common = false;
        }
        if (common && attributeAt(b, p, 116 /* t */)) {
          for (q = p + 4; q < n && b[q] !== 34; q++);
          type = cellTypeAt(b, p + 4, q);
          if (q < n && type !== CellType.Other) p = q + 1;
          else common = false;
        }
        if (common) {
          c = b[p];
          if (c === 62 /* > */) {
            this.tagSelfClosing = false;
            p++;
          } else if (c === 47 && b[p + 1] === 62) {
            this.tagSelfClosing = true;
            p += 2;
          } else common = false;
        }
      }
    }
    if (!common) {
      row = this.row;
      col = this.col + 1;
      type = CellType.Number;
      style = 0;
      p = this.tagEnd(b, start + 2);
      if (p < 0) return -1;
      const rk = this.tagAttribute(b, 114 /* r */);
      if (rk >= 0) {
        // As placeAt reads it: up to three letters, then digits.
        const from = this.valueStarts[rk];
        const to = this.valueEnds[rk];
        let i = from;
        let letters = 0;
        for (; i < to && i - from < 3; i++) {
          const c = b[i] | 32;
          if (c < 97 || c > 122) break;
          letters = letters * 26 + c - 96;
        }
        const r = i > from ? wholeAt(b, i, to) : -1;
        if (r < 1) return -1;
        row = r - 1;
        col = letters - 1;
      }
      const tk = this.tagAttribute(b, 116 /* t */);
      if (tk >= 0) {
        type = cellTypeAt(b, this.valueStarts[tk], this.valueEnds[tk]);
        if (type === CellType.Other) return -1;
      }
      const sk = this.tagAttribute(b, 115 /* s */);
      if (sk >= 0) {
        style = wholeAt(b, this.valueStarts[sk], this.valueEnds[sk]);
        if (style < 0) return -1;
      }
    }
    if (row < 0 || row >= MAX_ROWS || col >= MAX_COLUMNS) return -1;
    if (row !== this.rowIndex) return -1; // a cell placed in another row: left to the scanner
    this.row = row;
    this.col = col; // the extent (maxRow, maxCol) is kept by readRow
    if (this.tagSelfClosing) return p; // no value, no formula: nothing to keep

    let isFormula = false;
    let from = 0;
    let to = 0;
    // The value as a number when it is written [-]digits[.digits] with at most 15 digits: then its double is
    // the quotient of two exact ones, rounded once — what parseFloat gives.
    let mantissa = 0;
    let scale = -1;
    let figures = 0;
    let negative = false;
    for (;;) {
      let c = b[p];
      while (c === 32 || c === 10 || c === 9 || c === 13) c = b[++p];
      if (c !== 60 /* < */) return -1;
      const c1 = b[p + 1];
      if (c1 === 118 /* v */) {
        const c2 = b[p + 2];
        if (c2 === 47 /* / */ && b[p + 3] === 62) {
          p += 4; // <v/>
          continue;
        }
        if (c2 !== 62 /* > */) return -1;
        if (to > from) return -1; // a second value, joined by the scanner
        let e = p + 3;
        from = e;
        c = b[e];
        if (c === 45 /* - */) {
          negative = true;
          c = b[++e];
        }
        for (; ; c = b[++e]) {
          if (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + c - 48;
            figures++;
            if (scale >= 0) scale++;
          } else if (c === 46 /* . */ && scale < 0) scale = 0;
          else break;
        }
        if (c !== 60) {
          figures = 16; // not a plain number: read as written
          for (; c !== 60; c = b[++e]) if (e >= n || c === 38 /* & */ || c < 32 || c >= 128) return -1;
        }
        to = e;
        if (b[e + 1] !== 47 || b[e + 2] !== 118) return -1;
        p = e + 3;
      } else if (c1 === 102 /* f */) {
        p = this.tagEnd(b, p + 2);
        if (p < 0) return -1;
        // As the scanner's reader: a `t` (a shared formula's other cells) or any text makes it a formula.
        if (this.tagAttribute(b, 116 /* t */) >= 0) isFormula = true;
        if (this.tagSelfClosing) continue;
        const text = p;
        for (; p < n; p++) {
          const d = b[p];
          if (d === 60) break;
          if (d >= 128) return -1;
        }
        if (p >= n) return -1;
        if (p > text) isFormula = true;
        if (b[p + 1] !== 47 || b[p + 2] !== 102) return -1;
        p += 3;
      } else if (c1 === 47 /* / */ && b[p + 2] === 99 /* c */) {
        p += 3;
        while (p < n && isSpace(b[p])) p++;
        if (b[p] !== 62) return -1;
        p++;
        break;
      } else return -1;
      // The rest of an end tag </v> or </f>.
      while (p < n && isSpace(b[p])) p++;
      if (b[p] !== 62) return -1;
      p++;
    }

    if (to > from && figures >= 1 && figures <= 15) {
      let value: CellValue;
      if (type === CellType.Shared) {
        if (negative || scale >= 0) return this.otherCell(b, from, to, type, style, isFormula, p);
        const text = this.strings[mantissa];
        if (text === undefined) return -1; // the scanner says which
        value = text;
      } else if (type === CellType.Number) value = this.numberValue(mantissa, scale, negative, style);
      else return this.otherCell(b, from, to, type, style, isFormula, p);
      this.store(col, value);
      return p;
    }
    return this.otherCell(b, from, to, type, style, isFormula, p);
  }

  /**
   * A number cell's value. (A function of its own: the loop is compiled before a sheet of numbers comes, and
   * code it has not yet run would make the compiled loop give way when it first runs.)
   */
  private numberValue(mantissa: number, scale: number, negative: boolean, style: number): CellValue {
    const x = scale > 0 ? mantissa / POWERS_OF_TEN[scale] : mantissa;
    const n = negative ? -x : x;
    return this.dateStyles[style] ? (serialToDate(this.date1904 ? n + 1462 : n) ?? n) : n;
  }

  /** A cell of another type, or without a plain number: as the scanner's reader has it (endCell). */
  private otherCell(
    b: Uint8Array,
    from: number,
    to: number,
    type: CellType,
    style: number,
    isFormula: boolean,
    end: number,
  ): number {
    let text = "";
    for (let i = from; i < to; i++) text += String.fromCharCode(b[i]); // ASCII, and short
    this.valueSource = text;
    this.valueStart = 0;
    this.valueEnd = text.length;
    this.type = type;
    this.style = style;
    this.isFormula = isFormula;
    this.inlineText = "";
    this.hasInline = false;
    this.endCell();
    return end;
  }

  private startCell(attrs: TagAttributes): void {
    const src = attrs.source;
    const r = attrs.index("r");
    if (r < 0) {
      this.col++;
    } else if (!(attrs.isPlain(r) && this.placeAt(src, attrs.starts[r], attrs.ends[r]))) {
      const text = attrs.get("r") ?? "";
      const p = parseRef(text);
      if (!p) throw new PackageError(`${this.name} 的单元格地址无效：${text}`);
      this.row = p.row;
      this.col = p.col;
    }
    if (this.row < 0 || this.row >= MAX_ROWS || this.col >= MAX_COLUMNS) {
      throw new PackageError(`${this.name} 的单元格超出工作表范围：${attrs.get("r") ?? ""}`);
    }
    if (this.row > this.maxRow) this.maxRow = this.row;
    if (this.col > this.maxCol) this.maxCol = this.col;
    const t = attrs.index("t");
    this.type = t < 0 ? CellType.Number : cellType(src, attrs.starts[t], attrs.ends[t]);
    const s = attrs.index("s");
    this.style = s < 0 ? 0 : digitsAt(src, attrs.starts[s], attrs.ends[s]);
    if (this.style < 0) this.style = parseInt(attrs.get("s") ?? "", 10) || 0;
    this.valueStart = this.valueEnd = 0;
    this.isFormula = false;
    this.inlineText = "";
    this.hasInline = false;
  }

  /** `AB12` at s[start, end) → this.row and this.col; false when it is not a plain reference. */
  private placeAt(s: string, start: number, end: number): boolean {
    let col = 0;
    let i = start;
    for (; i < end && i - start < 3; i++) {
      const c = s.charCodeAt(i) | 0x20;
      if (c < 97 || c > 122) break;
      col = col * 26 + (c - 96);
    }
    if (i === start) return false;
    const row = digitsAt(s, i, end);
    if (row < 1) return false;
    this.row = row - 1;
    this.col = col - 1;
    return true;
  }

  private endCell(): void {
    let value: CellValue | undefined;
    const hasValue = this.valueEnd > this.valueStart;
    if (this.isFormula) {
      if (hasValue) value = this.typed();
      else {
        value = null;
        this.uncached.push({ sheet: this.name, row: this.row, col: this.col });
      }
    } else if (this.type === CellType.Inline) {
      if (this.hasInline) value = unescapeXstring(this.inlineText);
    } else if (hasValue) value = this.typed();
    // A cell with neither value nor formula adds nothing, not even a null: a sheet of a million formatted
    // empty rows costs no memory.
    if (value === undefined) return;
    if (this.collecting) this.store(this.col, value);
    else {
      (this.rows[this.row] ??= [])[this.col] = value;
      this.holey = true;
    }
  }

  /**
   * A value of the row being read by the loop: kept in `cells`, a row of nulls and values reused from row to
   * row, and copied out at the row's end (exactly as long as it needs to be), or put straight into the row
   * when it is there already (a row given twice).
   */
  private store(col: number, value: CellValue): void {
    const direct = this.direct;
    if (direct !== null) {
      direct[col] = value;
      this.holey = true;
      return;
    }
    const cells = this.cells;
    let k = this.cellCount;
    if (col >= k) {
      while (k < col) cells[k++] = null;
      this.cellCount = col + 1;
    }
    cells[col] = value;
  }

  /** The value's text, as a string. */
  private valueText(): string {
    return this.valueSource.slice(this.valueStart, this.valueEnd);
  }

  private typed(): CellValue {
    switch (this.type) {
      case CellType.Shared: {
        let k = digitsAt(this.valueSource, this.valueStart, this.valueEnd);
        if (k < 0) k = parseInt(this.valueText(), 10);
        const s = this.strings[k];
        if (s === undefined) throw new PackageError(`${this.name} 引用了不存在的共享字符串：${this.valueText()}`);
        return s;
      }
      case CellType.Text:
      case CellType.Inline:
        return unescapeXstring(this.valueText());
      case CellType.Boolean:
        return parseInt(this.valueText(), 10) !== 0;
      case CellType.Error:
        return { error: this.valueText() };
      case CellType.Date: {
        const v = this.valueText();
        return isoDay(v) ?? v;
      }
      default: {
        // Whole numbers (counts, most amounts) without a string; the rest as parseFloat reads them.
        const whole = digitsAt(this.valueSource, this.valueStart, this.valueEnd);
        const n = whole >= 0 ? whole : parseFloat(this.valueText());
        if (this.dateStyles[this.style]) return serialToDate(this.date1904 ? n + 1462 : n) ?? n;
        return n;
      }
    }
  }

  /** The rows, dense, with merged areas applied. */
  grid(): CellValue[][] {
    const rows = this.rows;
    let budget = MERGE_AREA_LIMIT * 10;
    for (const ref of this.merges) {
      const m = parseRange(ref);
      if (!m || m.bottom >= MAX_ROWS || m.right >= MAX_COLUMNS) continue;
      let { bottom, right } = m;
      if ((bottom - m.top + 1) * (right - m.left + 1) > MERGE_AREA_LIMIT) {
        bottom = Math.min(bottom, Math.max(m.top, this.maxRow));
        right = Math.min(right, Math.max(m.left, this.maxCol));
      }
      for (let r = m.top; r <= bottom && budget > 0; r++) {
        const row = (rows[r] ??= []);
        for (let c = r === m.top ? m.left + 1 : m.left; c <= right; c++) row[c] = null;
        budget -= right - m.left + 1;
      }
    }
    // The rows the loop gathered have no gaps (see `store`): the others are looked through.
    const holey = this.holey || this.merges.length > 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === undefined) rows[r] = [];
      else if (holey) for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    }
    return rows;
  }
}
