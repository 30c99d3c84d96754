/**
 * `--out`: the user's .xlsx with the results sheet grafted into its package. Only what must change is
 * touched — the results sheet's own parts, and entries in xl/workbook.xml, its relationships,
 * [Content_Types].xml, xl/styles.xml (formats appended) and docProps/app.xml (the list of sheet names, when
 * a sheet is added) — edited in place, so every other part (other sheets, charts, pivot tables, slicers,
 * macros, comments, names, …) stays byte for byte as the user's program wrote it. Re-saving the workbook
 * through a library would rewrite, and lose, whatever that library does not model.
 */
import type { SheetLayout } from "../workbook/layout";
import { packageProblems, type PackageView, WellFormedCheck } from "./ooxml/check";
import {
  CONTENT_TYPE,
  CONTENT_TYPES_PART,
  type ContentTypes,
  contentTypeOf,
  freeRelationshipId,
  NS,
  partKey,
  readContentTypes,
  readRelationships,
  REL_TYPE,
  type Relationship,
  relativeTarget,
  relsPartOf,
} from "./ooxml/opc";
import {
  absoluteRef,
  commentsXml,
  laidOutRows,
  madeWhenWritten,
  notesInOrder,
  printTitlesRef,
  vmlXml,
  writeWorksheetXml,
} from "./ooxml/sheetXml";
import { cellFormatAdder, MINIMAL_STYLES } from "./ooxml/styles";
import {
  DeflatingWriter,
  deflateOutputs,
  dosDateTime,
  inflateEntry,
  readZip,
  writeZipPieces,
  ZipError,
  type ZipEntry,
  type ZipOutput,
} from "./ooxml/zip";
import {
  appendInside,
  applyEdits,
  attr,
  attribute,
  childNamed,
  childrenNamed,
  decodeXml,
  type Edit,
  encodeXml,
  escapeAttr,
  escapeText,
  freePrefix,
  insertAfter,
  parseXml,
  prefixFor,
  qualified,
  removeAttr,
  removeElement,
  replaceContent,
  setAttr,
  textContent,
  type XmlDocument,
  type XmlElement,
  XmlError,
  type XmlText,
} from "./ooxml/xml";

/** A workbook the results cannot be grafted into; the message is in Chinese, for the user. */
export class GraftError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GraftError";
  }
}

const MAIN = NS.main;

interface ParsedPart {
  encoding: Pick<XmlText, "encoding" | "bom">;
  doc: XmlDocument;
}

/** A part read whole by the graft (relationships, the workbook, styles, drawings) is never near this. */
const MAX_PART = 512 * 1024 * 1024;

/**
 * One entry of the package as it stands: a folder, or a part (its key and the name it is stored under), with
 * the original entry it copies unless written.
 */
interface Slot {
  key: string;
  name: string;
  folder: boolean;
  entry: ZipEntry | null;
}

/**
 * The zip entries, with the writes and removals of this graft kept aside until the end. Each sheet of
 * graftSheets ends with `commit`: the entries then stand in the order the package written at that point
 * would have them, so that the next sheet places its writes as it would in that package.
 */
class Package {
  /** The original entries, to be read or copied. */
  private readonly entries = new Map<string, ZipEntry>();
  /** The entries after the last commit, in order. */
  private slots: Slot[];
  private readonly present = new Map<string, string>();
  private readonly written = new Map<string, { name: string; data: Uint8Array | DeflatingWriter }>();
  private readonly removed = new Set<string>();
  private readonly parsed = new Map<string, ParsedPart | null>();

  constructor(zip: readonly ZipEntry[]) {
    this.slots = zip.map((e) => ({ key: partKey(e.name), name: e.name, folder: e.name.endsWith("/"), entry: e }));
    for (const e of zip) {
      if (e.name.endsWith("/")) continue;
      this.entries.set(partKey(e.name), e);
      this.present.set(partKey(e.name), e.name);
    }
  }

  has(part: string): boolean {
    const k = partKey(part);
    return this.written.has(k) || (this.present.has(k) && !this.removed.has(k));
  }

  names(): string[] {
    const out = [...this.present].filter(([k]) => !this.removed.has(k) && !this.written.has(k)).map(([, n]) => n);
    return [...out, ...[...this.written.values()].map((w) => w.name)];
  }

  async bytes(part: string): Promise<Uint8Array | null> {
    const k = partKey(part);
    const w = this.written.get(k);
    if (w) return w.data instanceof DeflatingWriter ? await w.data.bytes() : w.data;
    if (this.removed.has(k) || !this.present.has(k)) return null;
    const entry = this.entries.get(k);
    if (!entry) return null;
    try {
      return inflateEntry(entry, MAX_PART);
    } catch (e) {
      if (e instanceof ZipError) throw new GraftError(`工作簿中的 ${part} 无法读取：${e.message}`, { cause: e });
      throw e;
    }
  }

  /** A part of the original package, parsed; null when absent. */
  async xml(part: string): Promise<ParsedPart | null> {
    const k = partKey(part);
    if (this.parsed.has(k)) return this.parsed.get(k) ?? null;
    const bytes = await this.bytes(part);
    let result: ParsedPart | null = null;
    if (bytes) {
      try {
        const x = decodeXml(bytes);
        result = { encoding: x, doc: parseXml(x.text) };
      } catch (e) {
        if (e instanceof XmlError) throw new GraftError(`工作簿中的 ${part} 无法解析：${e.message}`, { cause: e });
        throw e;
      }
    }
    this.parsed.set(k, result);
    return result;
  }

  async relationships(source: string): Promise<{ part: ParsedPart | null; list: Relationship[] }> {
    const part = await this.xml(relsPartOf(source));
    return { part, list: part ? readRelationships(part.doc, source) : [] };
  }

  write(part: string, data: Uint8Array | DeflatingWriter): void {
    const k = partKey(part);
    // Parsed again when asked for: the next sheet of graftSheets edits the part as this one left it.
    this.parsed.delete(k);
    this.written.set(k, { name: this.present.get(k) ?? part, data });
  }

  remove(part: string): void {
    const k = partKey(part);
    this.parsed.delete(k);
    this.written.delete(k);
    if (this.present.has(k)) this.removed.add(k);
  }

  /**
   * The package as it would be written now becomes the one the next writes edit: a part written takes the
   * place of the entry of its name, a new one goes at the end (in the order written), a part removed and not
   * written again is gone — a later write of its name is a new entry.
   */
  commit(): void {
    const slots: Slot[] = [];
    const placed = new Set<string>();
    for (const slot of this.slots) {
      if (slot.folder || this.written.has(slot.key) || !this.removed.has(slot.key)) slots.push(slot);
      if (!slot.folder && this.written.has(slot.key)) placed.add(slot.key);
    }
    for (const [key, w] of this.written)
      if (!placed.has(key)) slots.push({ key, name: w.name, folder: false, entry: null });
    this.slots = slots;
    for (const k of this.removed) this.present.delete(k);
    for (const [k, w] of this.written) this.present.set(k, w.name);
    this.removed.clear();
  }

  /** The smallest free `prefix<n>suffix`, n ≥ 1 (a name this graft removes is free again). */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  view(): PackageView {
    return { names: this.names(), read: (name) => this.bytes(name) };
  }

  /**
   * The new package: the entries in their order, a rewritten one in its place, new ones at the end; what is
   * written gets the time stamp `stamp`. Entries not written are copied as they were compressed; those
   * written are deflated in zlib's thread pool, together.
   */
  async generate(stamp: { time: number; date: number }): Promise<Uint8Array[]> {
    this.commit();
    const out: (ZipOutput | Promise<ZipOutput>)[] = [];
    for (const slot of this.slots) {
      const w = slot.folder ? undefined : this.written.get(slot.key);
      if (w) out.push(dataOutput(slot.name, w.data, stamp));
      else out.push({ kind: "copy", entry: slot.entry! });
    }
    return writeZipPieces(await deflateOutputs(await Promise.all(out)));
  }
}

function dataOutput(
  name: string,
  data: Uint8Array | DeflatingWriter,
  stamp: { time: number; date: number },
): ZipOutput | Promise<ZipOutput> {
  return data instanceof DeflatingWriter
    ? data.output(name, stamp.time, stamp.date)
    : { kind: "data", name, data, time: stamp.time, date: stamp.date };
}

function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

/** Excel compares sheet names without regard to case. */
function sameSheetName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function checkSheetName(name: string): void {
  if (
    name.length === 0 ||
    name.length > 31 ||
    /[\\/?*:[\]]/.test(name) ||
    /^'|'$/.test(name) ||
    name.toLowerCase() === "history"
  ) {
    throw new GraftError(`工作表名称无效：${name}`);
  }
}

/** Parts reachable through relationships from `from`, not going through `skip`. */
async function reachable(pkg: Package, from: string, skip: string | null): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const part = queue.shift()!;
    const k = partKey(part);
    if (seen.has(k) || (skip !== null && k === partKey(skip))) continue;
    seen.add(k);
    for (const r of (await pkg.relationships(part)).list) if (r.part !== null) queue.push(r.part);
  }
  return seen;
}

/**
 * The parts only this sheet uses — itself, its comments, drawings, tables, pivot tables, … and what only they
 * use — with their relationship parts. A part something else also reaches (a chart, an image, a pivot cache)
 * stays.
 */
async function partsOnlyUsedBy(pkg: Package, sheetPart: string): Promise<string[]> {
  const elsewhere = await reachable(pkg, "", sheetPart);
  const mine = await reachable(pkg, sheetPart, null);
  const out: string[] = [];
  for (const k of mine) {
    if (elsewhere.has(k)) continue;
    if (pkg.has(k)) out.push(k);
    const rels = relsPartOf(k);
    if (pkg.has(rels)) out.push(partKey(rels));
  }
  return out;
}

/** Shape id blocks (o:idmap) the VML drawings that remain use. */
async function usedVmlBlocks(pkg: Package): Promise<Set<number>> {
  const used = new Set<number>();
  for (const name of pkg.names()) {
    if (!/\.vml$/i.test(name)) continue;
    const bytes = await pkg.bytes(name);
    if (!bytes) continue;
    const text = new TextDecoder().decode(bytes);
    for (const m of text.matchAll(/idmap\b[^>]*?\bdata\s*=\s*["']([^"']*)["']/g)) {
      for (const n of m[1].split(/[\s,]+/)) if (/^\d+$/.test(n)) used.add(Number(n));
    }
    for (const m of text.matchAll(/_x0000_s(\d+)/g)) used.add(Math.floor(Number(m[1]) / 1024));
  }
  return used;
}

/** The list of sheet names in docProps/app.xml, with the new sheet added to the worksheets' group. */
function addSheetTitle(doc: XmlDocument, worksheetNames: readonly string[], name: string): Edit[] {
  const ep = NS.extendedProperties;
  const vt = NS.docPropsVTypes;
  const pairs = childNamed(doc.root, ep, "HeadingPairs");
  const parts = childNamed(doc.root, ep, "TitlesOfParts");
  const pairVector = pairs && childNamed(pairs, vt, "vector");
  const titleVector = parts && childNamed(parts, vt, "vector");
  if (!pairVector || !titleVector) return [];
  const variants = childrenNamed(pairVector, vt, "variant");
  const titles = childrenNamed(titleVector, vt, "lpstr");
  let offset = 0;
  for (let k = 0; k + 1 < variants.length; k += 2) {
    const countEl = variants[k + 1].children[0];
    const count = countEl ? Number(textContent(doc, countEl)) : NaN;
    if (!Number.isInteger(count) || count < 0) return [];
    const group = titles.slice(offset, offset + count).map((t) => textContent(doc, t));
    if (count > 0 && count === worksheetNames.length && group.every((t, i) => t === worksheetNames[i])) {
      const last = titles[offset + count - 1];
      return [
        insertAfter(last, `<${last.name}>${escapeText(name)}</${last.name}>`),
        replaceContent(countEl, String(count + 1)),
        setAttr(titleVector, "size", String(titles.length + 1)),
      ];
    }
    offset += count;
  }
  return [];
}

function contentTypeEdits(ct: ContentTypes, removed: Iterable<string>, required: readonly [string, string][]): Edit[] {
  const edits: Edit[] = [];
  for (const k of removed) {
    const o = ct.overrides.get(partKey(k));
    if (o) edits.push(removeElement(o.element));
  }
  const added: string[] = [];
  for (const [part, type] of required) {
    const o = ct.overrides.get(partKey(part));
    if (o) {
      if (o.type !== type) edits.push(setAttr(o.element, "ContentType", type));
      continue;
    }
    if (contentTypeOf(ct, part) === type) continue;
    added.push(
      `<${qualified(ct.doc.root, "Override")} PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`,
    );
  }
  if (added.length > 0) edits.push(appendInside(ct.doc.root, added.join("")));
  return edits;
}

function relationshipsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="${NS.relationships}">` +
    rels
      .map(
        (r) => `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`,
      )
      .join("") +
    "</Relationships>"
  );
}

function newRelationship(relsDoc: XmlDocument, id: string, type: string, target: string): Edit {
  const name = qualified(relsDoc.root, "Relationship");
  return appendInside(
    relsDoc.root,
    `<${name} Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`,
  );
}

/** Does the calculation chain list a cell of this sheet? (`i` is inherited from the entry before.) */
function calcChainMentions(doc: XmlDocument, sheetId: number): boolean {
  let current: string | null = null;
  for (const c of childrenNamed(doc.root, MAIN, "c")) {
    current = attr(c, "i") ?? current;
    if (current !== null && Number(current) === sheetId) return true;
  }
  return false;
}

/**
 * Defined names: the sheet's filter range under its hidden local name, and the rows its pages repeat
 * (`_xlnm.Print_Titles`); the old sheet's other built-in names (print area, …) described the old sheet and go
 * with it. The user's own names stay, those that point into the sheet too (formulas elsewhere use them).
 * `last` is the <definedNames> that remains.
 */
function definedNameEdits(
  wbRoot: XmlElement,
  sheetIndex: number,
  layout: SheetLayout,
  anchor: XmlElement,
): { edits: Edit[]; last: XmlElement | null } {
  const edits: Edit[] = [];
  let container = childNamed(wbRoot, MAIN, "definedNames");
  const all = container ? childrenNamed(container, MAIN, "definedName") : [];
  const f = layout.autoFilter;
  const titles = printTitlesRef(layout.sheet, layout.print);
  const wanted = [
    {
      name: "_xlnm._FilterDatabase",
      hidden: true,
      ref: f ? absoluteRef(layout.sheet, f.top, f.left, f.bottom, f.right) : null,
    },
    { name: "_xlnm.Print_Titles", hidden: false, ref: titles },
  ].filter((w): w is { name: string; hidden: boolean; ref: string } => w.ref !== null);
  const found = new Map<string, XmlElement>();
  const dropped: XmlElement[] = [];
  for (const d of all) {
    const local = attr(d, "localSheetId");
    if (local === null || Number(local) !== sheetIndex) continue;
    const name = (attr(d, "name") ?? "").toLowerCase();
    if (!name.startsWith("_xlnm.")) continue;
    const want = wanted.find((w) => w.name.toLowerCase() === name);
    if (want && !found.has(want.name)) found.set(want.name, d);
    else dropped.push(d);
  }
  if (container && all.length > 0 && dropped.length === all.length && wanted.length === 0) {
    // Nothing left: no empty <definedNames> either.
    edits.push(removeElement(container));
    container = null;
  } else {
    for (const d of dropped) edits.push(removeElement(d));
  }
  const added: string[] = [];
  const tag = qualified(wbRoot, "definedName");
  for (const w of wanted) {
    const old = found.get(w.name);
    if (old) {
      edits.push(replaceContent(old, escapeText(w.ref)));
      if (w.hidden && !["1", "true"].includes(attr(old, "hidden") ?? "")) edits.push(setAttr(old, "hidden", "1"));
    } else {
      added.push(
        `<${tag} name="${w.name}" localSheetId="${sheetIndex}"${w.hidden ? ' hidden="1"' : ""}>${escapeText(w.ref)}</${tag}>`,
      );
    }
  }
  if (added.length > 0) {
    if (container) edits.push(appendInside(container, added.join("")));
    else {
      const list = qualified(wbRoot, "definedNames");
      edits.push(insertAfter(anchor, `<${list}>${added.join("")}</${list}>`));
    }
  }
  return { edits, last: container };
}

/**
 * Writes `layout` into the workbook `original` (the bytes of an .xlsx): replaces the sheet of that name
 * (same part, sheetId and tab position) or adds it as the last sheet. Returns the new package.
 */
export function graftSheet(original: Uint8Array, layout: SheetLayout): Promise<Buffer> {
  return graftSheets(original, [layout]);
}

/**
 * graftSheet for several sheets, in order, in one pass: the same bytes as grafting each into the package the
 * one before made, without reading, checking and zipping a whole package again for each (the second of
 * `score --out --formulas`'s sheets would otherwise re-read the first's million cells). Each sheet edits
 * the workbook's small parts as the one before left them (they are parsed again), so the package is as if
 * grafted one sheet at a time; it is checked once, against the workbook as it came.
 */
export async function graftSheets(original: Uint8Array, layouts: readonly SheetLayout[]): Promise<Buffer> {
  return Buffer.concat(await graftSheetsPieces(original, layouts));
}

/**
 * graftSheets' bytes in the pieces they are made of, for a caller that writes them to a file one after another:
 * the new package is then never whole in memory (a large 计算明细 sheet stays in the pieces it was deflated in).
 */
export async function graftSheetsPieces(original: Uint8Array, layouts: readonly SheetLayout[]): Promise<Uint8Array[]> {
  for (const layout of layouts) checkSheetName(layout.sheet);
  let zip: ZipEntry[];
  try {
    zip = readZip(original);
  } catch (e) {
    throw new GraftError("无法作为 .xlsx（zip）文件读取", { cause: e });
  }

  const pkg = new Package(zip);
  const rootRels = (await pkg.relationships("")).list;
  const officeDocument = rootRels.find((r) => r.type === REL_TYPE.officeDocument);
  if (!officeDocument?.part) {
    if (rootRels.some((r) => r.type === REL_TYPE.strictOfficeDocument)) {
      throw new GraftError("这是 Strict Open XML 格式的工作簿，请在 Excel 中另存为普通的“Excel 工作簿 (.xlsx)”后再试");
    }
    throw new GraftError("文件中没有工作簿部件，不是有效的 .xlsx 工作簿");
  }
  const wbPart = officeDocument.part;
  const before = await packageProblems(pkg.view());

  const wellFormed = new Set([wbPart, CONTENT_TYPES_PART]);
  for (const layout of layouts) {
    wellFormed.add(await graftInto(pkg, layout, wbPart, rootRels));
    pkg.commit();
  }

  // Whatever was wrong with the file before may stay wrong; nothing may become wrong.
  const after = await packageProblems(pkg.view(), { wellFormed: [...wellFormed] });
  const introduced = after.filter((p) => !before.includes(p));
  if (introduced.length > 0) throw new Error(`写出的工作簿结构有误：\n${introduced.join("\n")}`);

  // New entries get the time stamp of the workbook's entry: the same input gives the same bytes.
  const wbEntry = zip.find((e) => partKey(e.name) === partKey(wbPart));
  return pkg.generate(
    wbEntry ? { time: wbEntry.time, date: wbEntry.date } : dosDateTime(new Date(Date.UTC(2000, 0, 1))),
  );
}

/** One sheet written into the package (its parts and the workbook's edits); gives the styles part it used. */
async function graftInto(
  pkg: Package,
  layout: SheetLayout,
  wbPart: string,
  rootRels: readonly Relationship[],
): Promise<string> {
  const wb = await pkg.xml(wbPart);
  if (!wb || wb.doc.root.local !== "workbook") throw new GraftError(`缺少工作簿部件 ${wbPart}`);
  if (wb.doc.root.ns !== MAIN) {
    if (wb.doc.root.ns === NS.strictMain) {
      throw new GraftError("这是 Strict Open XML 格式的工作簿，请在 Excel 中另存为普通的“Excel 工作簿 (.xlsx)”后再试");
    }
    throw new GraftError(`${wbPart} 不是 SpreadsheetML 工作簿`);
  }
  const wbRoot = wb.doc.root;
  const wbRels = await pkg.relationships(wbPart);
  if (!wbRels.part) throw new GraftError(`缺少工作簿的关系部件 ${relsPartOf(wbPart)}`);
  const ctPart = await pkg.xml(CONTENT_TYPES_PART);
  if (!ctPart) throw new GraftError(`缺少 ${CONTENT_TYPES_PART}`);
  const ct = readContentTypes(ctPart.doc.text);

  const sheetsEl = childNamed(wbRoot, MAIN, "sheets");
  if (!sheetsEl) throw new GraftError(`${wbPart} 中没有 <sheets>`);
  const sheetEls = childrenNamed(sheetsEl, MAIN, "sheet");
  const relOf = (el: XmlElement) => {
    const id = attribute(el, NS.officeRel, "id")?.value;
    return wbRels.list.find((r) => r.id === id) ?? null;
  };

  const wbEdits: Edit[] = [];
  const relsEdits: Edit[] = [];
  const removed = new Set<string>();
  const relIds = wbRels.list.map((r) => r.id);
  let sheetPart: string;
  let sheetIndex = sheetEls.findIndex((el) => sameSheetName(attr(el, "name") ?? "", layout.sheet));
  let sheetId: number;
  const adding = sheetIndex < 0;

  if (!adding) {
    const el = sheetEls[sheetIndex];
    const rel = relOf(el);
    if (!rel?.part) throw new GraftError(`工作表“${attr(el, "name")}”在工作簿中没有对应的部件`);
    sheetId = Number(attr(el, "sheetId"));
    for (const p of await partsOnlyUsedBy(pkg, rel.part)) removed.add(p);
    if (rel.type === REL_TYPE.worksheet) {
      sheetPart = rel.part;
    } else {
      // A chart sheet (or another kind) of that name becomes a worksheet: a new part, the same relationship.
      sheetPart = pkg.freeName(`${dirOf(wbPart)}worksheets/sheet`, ".xml");
      relsEdits.push(
        setAttr(rel.element, "Type", REL_TYPE.worksheet),
        setAttr(rel.element, "Target", relativeTarget(wbPart, sheetPart)),
      );
    }
    if (attr(el, "name") !== layout.sheet) wbEdits.push(setAttr(el, "name", layout.sheet));
    // The results are there to be seen: a hidden old sheet comes back visible.
    const state = attribute(el, null, "state");
    if (state && state.value !== "visible") wbEdits.push(removeAttr(state));
  } else {
    sheetIndex = sheetEls.length;
    sheetId = sheetEls.reduce((m, el) => Math.max(m, Number(attr(el, "sheetId")) || 0), 0) + 1;
    sheetPart = pkg.freeName(`${dirOf(wbPart)}worksheets/sheet`, ".xml");
    const rid = freeRelationshipId(relIds);
    relIds.push(rid);
    relsEdits.push(newRelationship(wbRels.part.doc, rid, REL_TYPE.worksheet, relativeTarget(wbPart, sheetPart)));
    let ridAttr: string;
    const p = prefixFor(sheetsEl, NS.officeRel);
    if (p) ridAttr = `${p}:id="${rid}"`;
    else {
      const fresh = freePrefix(sheetsEl, "r");
      ridAttr = `xmlns:${fresh}="${NS.officeRel}" ${fresh}:id="${rid}"`;
    }
    const sheetName = qualified(sheetsEl, "sheet");
    wbEdits.push(
      appendInside(sheetsEl, `<${sheetName} name="${escapeAttr(layout.sheet)}" sheetId="${sheetId}" ${ridAttr}/>`),
    );
  }
  for (const p of removed) pkg.remove(p);

  // Styles: the formats of the sheet appended to the workbook's, as the sheet's cells first use them (below).
  const rows = laidOutRows(layout);
  const stylesRel = wbRels.list.find((r) => r.type === REL_TYPE.styles && r.part !== null && pkg.has(r.part));
  let stylesPart: string;
  let stylesText: string;
  let stylesEncoding: Pick<XmlText, "encoding" | "bom"> = { encoding: "utf8", bom: false };
  const required: [string, string][] = [[sheetPart, CONTENT_TYPE.worksheet]];
  if (stylesRel?.part) {
    stylesPart = stylesRel.part;
    const s = (await pkg.xml(stylesPart))!;
    stylesText = s.doc.text;
    stylesEncoding = s.encoding;
  } else {
    stylesPart = pkg.has(`${dirOf(wbPart)}styles.xml`)
      ? pkg.freeName(`${dirOf(wbPart)}styles`, ".xml")
      : `${dirOf(wbPart)}styles.xml`;
    stylesText = MINIMAL_STYLES;
    const rid = freeRelationshipId(relIds);
    relIds.push(rid);
    relsEdits.push(newRelationship(wbRels.part.doc, rid, REL_TYPE.styles, relativeTarget(wbPart, stylesPart)));
    required.push([stylesPart, CONTENT_TYPE.styles]);
    // Written once the sheet is: here it takes its place among the new parts.
    pkg.write(stylesPart, new Uint8Array(0));
  }
  const styles = cellFormatAdder(stylesText);

  // Notes: a comments part and its VML drawing, related from the sheet. They take their places among the new
  // parts here and are written once the sheet is: rows made as they are written (a StreamedLayout) add notes
  // as they are made, and the drawing places each note by the columns' widths, known then.
  const sheetRels = relsPartOf(sheetPart);
  let noteParts: { commentsPart: string; vmlPart: string; block: number } | null = null;
  if (layout.notes.length > 0 || madeWhenWritten(layout) !== undefined) {
    const commentsPart = pkg.freeName(`${dirOf(wbPart)}comments`, ".xml");
    const vmlPart = pkg.freeName(`${dirOf(wbPart)}drawings/vmlDrawing`, ".vml");
    const used = await usedVmlBlocks(pkg);
    let block = 1;
    while (used.has(block)) block++;
    for (const part of [commentsPart, vmlPart, sheetRels]) pkg.write(part, new Uint8Array(0));
    noteParts = { commentsPart, vmlPart, block };
  }
  let notesWritten = false;
  /** The notes' parts, written; the relationship id of their drawing, or null when there are none. */
  const writeNotes = (): string | null => {
    notesWritten = true;
    if (!noteParts) return null;
    const { commentsPart, vmlPart, block } = noteParts;
    const notes = notesInOrder(layout.notes);
    if (notes.length === 0) {
      for (const part of [commentsPart, vmlPart, sheetRels]) pkg.remove(part);
      return null;
    }
    pkg.write(commentsPart, encodeXml(commentsXml(notes)));
    pkg.write(
      vmlPart,
      encodeXml(
        vmlXml(
          notes,
          block,
          layout.columns.map((c) => c.width),
        ),
      ),
    );
    pkg.write(
      sheetRels,
      encodeXml(
        relationshipsXml([
          { id: "rId1", type: REL_TYPE.comments, target: relativeTarget(sheetPart, commentsPart) },
          { id: "rId2", type: REL_TYPE.vmlDrawing, target: relativeTarget(sheetPart, vmlPart) },
        ]),
      ),
    );
    required.push(
      [commentsPart, CONTENT_TYPE.comments],
      [vmlPart, CONTENT_TYPE.vmlDrawing],
      [sheetRels, CONTENT_TYPE.relationships],
    );
    return "rId2";
  };

  // Where <definedNames> and <calcPr> go when absent: after <sheets>, <functionGroups>, <externalReferences>.
  const anchor = [...wbRoot.children]
    .reverse()
    .find((c) => c.ns === MAIN && ["sheets", "functionGroups", "externalReferences"].includes(c.local))!;
  const names = definedNameEdits(wbRoot, sheetIndex, layout, anchor);
  wbEdits.push(...names.edits);

  // The sheet itself, in one pass over its cells: a sheet of millions of cells is never a million objects at
  // once, and the cells are made once. Cells of one format share the format object (see layoutCells), and
  // writeWorksheetXml asks for each format's index once.
  const bookView = childNamed(wbRoot, MAIN, "bookViews");
  const firstView = bookView ? childNamed(bookView, MAIN, "workbookView") : null;
  const activeTab = Number((firstView && attr(firstView, "activeTab")) ?? "0");
  // Encoded as it is written, a row at a time: a large sheet is never held as one string. Its frame is
  // checked (see writeWorksheetXml: the rows are well-formed by construction), so that the package check
  // below need not decode and scan the part again.
  const sheetBytes = new DeflatingWriter();
  const frame = writeWorksheetXml(
    layout,
    rows,
    {
      styleIndex: (fmt) => {
        try {
          return styles.index(fmt);
        } catch (e) {
          if (e instanceof XmlError)
            throw new GraftError(`工作簿的样式部件 ${stylesPart} 无法使用：${e.message}`, { cause: e });
          throw e;
        }
      },
      tabSelected: activeTab === sheetIndex,
      legacyDrawing: writeNotes,
    },
    (text) => sheetBytes.append(text),
  );
  if (!notesWritten) throw new Error("graft: the notes were not written with the sheet");
  const check = new WellFormedCheck();
  try {
    check.write(frame.head);
    check.write(frame.tail);
    check.end();
  } catch (e) {
    throw new Error(
      `写出的工作簿结构有误：\n${sheetPart}：XML 格式错误（${e instanceof Error ? e.message : String(e)}）`,
    );
  }
  // Formulas: Excel recalculates everything on opening, and the calculation chain (a cache) goes when it
  // would name cells the sheet no longer has or miss the new formulas. Known once the sheet is written (rows
  // made as they are written say only then whether they hold formulas); the edits apply at the end.
  const calcRel = wbRels.list.find((r) => r.type === REL_TYPE.calcChain && r.part !== null && pkg.has(r.part));
  if (calcRel?.part) {
    const chain = await pkg.xml(calcRel.part);
    if (frame.formulas > 0 || (!adding && chain && calcChainMentions(chain.doc, sheetId))) {
      pkg.remove(calcRel.part);
      removed.add(partKey(calcRel.part));
      relsEdits.push(removeElement(calcRel.element));
    }
  }
  if (frame.formulas > 0) {
    const calcPr = childNamed(wbRoot, MAIN, "calcPr");
    if (calcPr) wbEdits.push(setAttr(calcPr, "fullCalcOnLoad", "1"));
    else wbEdits.push(insertAfter(names.last ?? anchor, `<${qualified(wbRoot, "calcPr")} fullCalcOnLoad="1"/>`));
  }

  sheetBytes.append(frame.tail);
  sheetBytes.prepend(frame.head);
  sheetBytes.end();
  pkg.write(sheetPart, sheetBytes);
  const styled = styles.result();
  if (styled !== stylesText || !stylesRel) pkg.write(stylesPart, encodeXml(styled, stylesEncoding));

  // docProps/app.xml lists the sheet names: a new sheet joins the list.
  if (adding) {
    const appRel = rootRels.find((r) => r.type === REL_TYPE.extendedProperties && r.part !== null);
    const app = appRel?.part ? await pkg.xml(appRel.part) : null;
    if (app && appRel?.part) {
      const worksheetNames = sheetEls
        .filter((el) => relOf(el)?.type === REL_TYPE.worksheet)
        .map((el) => attr(el, "name") ?? "");
      const edits = addSheetTitle(app.doc, worksheetNames, layout.sheet);
      if (edits.length > 0) pkg.write(appRel.part, encodeXml(applyEdits(app.doc.text, edits), app.encoding));
    }
  }

  const stillRemoved = [...removed].filter((k) => !pkg.has(k));
  const ctEdits = contentTypeEdits(ct, stillRemoved, required);
  if (ctEdits.length > 0) pkg.write(CONTENT_TYPES_PART, encodeXml(applyEdits(ct.doc.text, ctEdits), ctPart.encoding));
  if (wbEdits.length > 0) pkg.write(wbPart, encodeXml(applyEdits(wb.doc.text, wbEdits), wb.encoding));
  if (relsEdits.length > 0)
    pkg.write(relsPartOf(wbPart), encodeXml(applyEdits(wbRels.part.doc.text, relsEdits), wbRels.part.encoding));

  return stylesPart;
}
