/**
 * The .xlsx adapter of the command line, reading side: the file's bytes, and its sheets as Grids. The zip is
 * read through its central directory (ooxml/zip.ts), the small parts (relationships, workbook, styles) are
 * parsed whole, and the large ones (shared strings, sheets) are streamed through ooxml/scan.ts straight into
 * Grids — so reading takes time and memory in proportion to the cells, not to a model of the whole workbook.
 * Writing never re-saves a workbook (graft.ts writes the results sheet into the original package).
 */
import { readFile } from "node:fs/promises";
import { isDateFormat, serialToDate } from "../excel/grid";
import type { CellValue, GridBook } from "../workbook/grid";
import { partKey, resolveTarget } from "./ooxml/opc";
import { localName, scanXmlBytes, type TagAttributes, type XmlHandler } from "./ooxml/scan";
import { decodeXml, parseXml, type XmlElement, XmlError } from "./ooxml/xml";
import { inflateChunks, inflateEntry, readZip, ZipError, type ZipEntry } from "./ooxml/zip";

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
    data = await readFile(path);
  } catch (e) {
    throw new XlsxReadError(fileFailure(path, e), path, { cause: e });
  }
  try {
    return { data, ...(await readWorkbookPackage(data)) };
  } catch (e) {
    if (e instanceof ZipError || e instanceof XmlError || e instanceof PackageError) {
      throw new XlsxReadError(
        `${path} 不是有效的 .xlsx 工作簿（.xls、.et、.csv 等格式请先在 Excel 或 WPS 中另存为 .xlsx）`,
        path,
        { cause: e },
      );
    }
    throw e;
  }
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

  constructor(entries: readonly ZipEntry[]) {
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

  /** A large part, streamed. */
  async scan(part: string, handler: XmlHandler): Promise<void> {
    const e = this.entry(part);
    if (!e) throw new PackageError(`缺少部件 ${part}`);
    await scanXmlBytes(inflateChunks(e), handler);
  }
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
async function readWorkbookPackage(data: Uint8Array): Promise<Omit<XlsxFile, "data">> {
  const parts = new Parts(readZip(data));
  const officeDocument = parts.relationships("").find((r) => r.type.endsWith(REL_SUFFIX.officeDocument));
  if (!officeDocument?.part) throw new PackageError("没有工作簿部件");
  const wbPart = officeDocument.part;
  const wb = parts.xml(wbPart);
  if (!wb || wb.local !== "workbook") throw new PackageError("没有工作簿部件");
  const rels = parts.relationships(wbPart);
  const date1904 = isTrue(attr(child(wb, "workbookPr") ?? wb, "date1904"));

  const stylesPart = rels.find((r) => r.type.endsWith(REL_SUFFIX.styles))?.part ?? null;
  const dateStyles = readDateStyles(stylesPart === null ? null : parts.xml(stylesPart));

  const stringsPart = rels.find((r) => r.type.endsWith(REL_SUFFIX.sharedStrings))?.part ?? null;
  let strings: string[] = [];
  if (stringsPart !== null && parts.entry(stringsPart)) {
    const reader = new SharedStringsReader();
    await parts.scan(stringsPart, reader);
    strings = reader.strings;
  }

  const book: GridBook = [];
  const uncachedFormulas: UncachedFormula[] = [];
  const sheetsEl = child(wb, "sheets");
  for (const el of sheetsEl ? children(sheetsEl, "sheet") : []) {
    const name = attr(el, "name") ?? "";
    const rid = el.attributes.find((a) => a.local === "id" && a.ns !== null)?.value;
    const rel = rels.find((r) => r.id === rid);
    if (!rel || !rel.type.endsWith(REL_SUFFIX.worksheet)) continue;
    if (!rel.part || !parts.entry(rel.part)) throw new PackageError(`工作表“${name}”没有对应的部件`);
    const reader = new SheetReader(name, strings, dateStyles, date1904, uncachedFormulas);
    await parts.scan(rel.part, reader);
    book.push({ name, rows: reader.grid() });
  }
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
  private depth = 0;
  private inRun = false;
  private current = "";

  open(name: string): void {
    const d = ++this.depth;
    if (d === 2) this.current = "";
    else if (d === 3) {
      const local = localName(name);
      if (local === "t") this.wantText = true;
      else if (local === "r") this.inRun = true;
    } else if (d === 4 && this.inRun && localName(name) === "t") this.wantText = true;
  }

  close(): void {
    const d = this.depth--;
    if (d === 2) this.strings.push(unescapeXstring(this.current));
    else if (d === 3) this.inRun = false;
    this.wantText = false;
  }

  text(t: string): void {
    this.current += t;
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
  // The cell being read.
  private type: string | null = null;
  private style = 0;
  private hasValue = false;
  private valueText = "";
  private isFormula = false;
  private inlineText = "";
  private hasInline = false;

  constructor(
    private readonly name: string,
    private readonly strings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    private readonly uncached: UncachedFormula[],
  ) {}

  open(name: string, attrs: TagAttributes): void {
    const d = ++this.depth;
    switch (d) {
      case 2: {
        const local = localName(name);
        this.inSheetData = local === "sheetData";
        this.inMergeCells = local === "mergeCells";
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

  text(t: string): void {
    switch (this.at) {
      case At.Value:
        this.valueText += t;
        this.hasValue = this.valueText !== "";
        return;
      case At.Formula:
        if (t !== "") this.isFormula = true;
        return;
      case At.InlineString:
        this.inlineText += t;
        this.hasInline = this.inlineText !== "";
        return;
    }
  }

  private startCell(attrs: TagAttributes): void {
    const r = attrs.get("r");
    if (r === null) {
      this.col++;
    } else {
      const p = parseRef(r);
      if (!p) throw new PackageError(`${this.name} 的单元格地址无效：${r}`);
      this.row = p.row;
      this.col = p.col;
    }
    if (this.row < 0 || this.row >= MAX_ROWS || this.col >= MAX_COLUMNS) {
      throw new PackageError(`${this.name} 的单元格超出工作表范围：${r}`);
    }
    if (this.row > this.maxRow) this.maxRow = this.row;
    if (this.col > this.maxCol) this.maxCol = this.col;
    this.type = attrs.get("t");
    const s = attrs.get("s");
    this.style = s === null ? 0 : parseInt(s, 10) || 0;
    this.hasValue = false;
    this.valueText = "";
    this.isFormula = false;
    this.inlineText = "";
    this.hasInline = false;
  }

  private endCell(): void {
    let value: CellValue | undefined;
    if (this.isFormula) {
      if (this.hasValue) value = this.typed(this.valueText);
      else {
        value = null;
        this.uncached.push({ sheet: this.name, row: this.row, col: this.col });
      }
    } else if (this.type === "inlineStr") {
      if (this.hasInline) value = unescapeXstring(this.inlineText);
    } else if (this.hasValue) value = this.typed(this.valueText);
    // A cell with neither value nor formula is empty; one with a format only is not even that.
    if (value === undefined) {
      if (this.style !== 0) return;
      value = null;
    }
    (this.rows[this.row] ??= [])[this.col] = value;
  }

  private typed(v: string): CellValue {
    switch (this.type) {
      case "s": {
        const s = this.strings[parseInt(v, 10)];
        if (s === undefined) throw new PackageError(`${this.name} 引用了不存在的共享字符串：${v}`);
        return s;
      }
      case "str":
      case "inlineStr":
        return unescapeXstring(v);
      case "b":
        return parseInt(v, 10) !== 0;
      case "e":
        return { error: v };
      case "d":
        return isoDay(v) ?? v;
      default: {
        const n = parseFloat(v);
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
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === undefined) rows[r] = [];
      else for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    }
    return rows;
  }
}
