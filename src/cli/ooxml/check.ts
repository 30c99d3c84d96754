/**
 * Basic structural checks of an .xlsx package: what makes Excel refuse or "repair" a file, as far as it can
 * be seen without the schemas. Every relationship target exists, every part has a content type, relationship
 * ids are unique, sheet names and ids are unique, every sheet has its relationship, sheet-local names point
 * at a sheet, and the XML parts asked for are well-formed.
 */
import {
  CONTENT_TYPES_PART,
  contentTypeOf,
  NS,
  partKey,
  readContentTypes,
  readRelationships,
  REL_TYPE,
  relsPartOf,
  sourceOfRels,
} from "./opc";
import { type TagAttributes, type XmlHandler, XmlScanner } from "./scan";
import {
  attr,
  attribute,
  childNamed,
  childrenNamed,
  decodeXml,
  parseXml,
  textContent,
  type XmlDocument,
  XmlError,
} from "./xml";

export interface PackageView {
  /** Entry names, folders excluded. */
  names: readonly string[];
  read(name: string): Promise<Uint8Array | null>;
}

export interface CheckOptions {
  /** Parts to check for well-formed XML besides the relationships, content types and workbook; "all" for every XML part. */
  wellFormed?: readonly string[] | "all";
}

function isXmlType(type: string | null): boolean {
  return type !== null && (type.endsWith("+xml") || type === "application/xml" || type === "text/xml");
}

export async function packageProblems(view: PackageView, options: CheckOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  const byKey = new Map(view.names.map((n) => [partKey(n), n]));
  const exists = (part: string) => byKey.has(partKey(part));
  const parsed = new Map<string, XmlDocument | null>();
  const parse = async (part: string): Promise<XmlDocument | null> => {
    const key = partKey(part);
    if (parsed.has(key)) return parsed.get(key) ?? null;
    const name = byKey.get(key);
    let doc: XmlDocument | null = null;
    if (name !== undefined) {
      const bytes = await view.read(name);
      try {
        doc = bytes ? parseXml(decodeXml(bytes).text) : null;
      } catch (e) {
        problems.push(`${name}：XML 格式错误（${e instanceof Error ? e.message : String(e)}）`);
      }
    }
    parsed.set(key, doc);
    return doc;
  };

  const ctDoc = await parse(CONTENT_TYPES_PART);
  if (!ctDoc) {
    problems.push(`缺少或无法读取 ${CONTENT_TYPES_PART}`);
    return problems;
  }
  const ct = readContentTypes(ctDoc.text);
  for (const name of view.names) {
    if (name === CONTENT_TYPES_PART) continue;
    if (contentTypeOf(ct, name) === null) problems.push(`${name}：没有内容类型`);
  }
  for (const key of ct.overrides.keys()) {
    if (!byKey.has(key)) problems.push(`${CONTENT_TYPES_PART}：Override 指向不存在的部件 /${key}`);
  }

  let workbookPart: string | null = null;
  for (const relsName of view.names.filter((n) => sourceOfRels(n) !== null)) {
    const source = sourceOfRels(relsName)!;
    if (source !== "" && !exists(source)) continue; // the relationships of a part that is not there: unused
    const doc = await parse(relsName);
    if (!doc) continue;
    const rels = readRelationships(doc, source);
    const ids = new Set<string>();
    for (const r of rels) {
      if (r.id === "" || ids.has(r.id)) problems.push(`${relsName}：关系 Id 为空或重复：${r.id}`);
      ids.add(r.id);
      if (r.part !== null && !exists(r.part)) problems.push(`${relsName}：${r.id} 指向不存在的部件 ${r.part}`);
      if (source === "" && (r.type === REL_TYPE.officeDocument || r.type === REL_TYPE.strictOfficeDocument))
        workbookPart = r.part;
    }
  }
  if (workbookPart === null) {
    problems.push("包中没有工作簿部件（_rels/.rels 缺少 officeDocument 关系）");
  } else {
    const wb = await parse(workbookPart);
    const relsDoc = await parse(relsPartOf(workbookPart));
    if (wb) {
      const rels = relsDoc ? readRelationships(relsDoc, workbookPart) : [];
      const main = wb.root.ns;
      const sheets = main ? childNamed(wb.root, main, "sheets") : null;
      const sheetEls = sheets && main ? childrenNamed(sheets, main, "sheet") : [];
      if (sheetEls.length === 0) problems.push(`${workbookPart}：没有工作表`);
      const names = new Set<string>();
      const ids = new Set<string>();
      for (const s of sheetEls) {
        const name = attr(s, "name") ?? "";
        const id = attr(s, "sheetId") ?? "";
        if (name === "" || names.has(name.toLowerCase()))
          problems.push(`${workbookPart}：工作表名称为空或重复：${name}`);
        if (!/^[1-9]\d*$/.test(id) || ids.has(id))
          problems.push(`${workbookPart}：sheetId 无效或重复：${id}（${name}）`);
        names.add(name.toLowerCase());
        ids.add(id);
        const rid =
          attribute(s, NS.officeRel, "id")?.value ??
          attribute(s, "http://purl.oclc.org/ooxml/officeDocument/relationships", "id")?.value;
        if (!rid || !rels.some((r) => r.id === rid))
          problems.push(`${workbookPart}：工作表 ${name} 的关系 ${rid ?? "（无）"} 不存在`);
      }
      const definedNames = main ? childNamed(wb.root, main, "definedNames") : null;
      const seen = new Set<string>();
      for (const d of definedNames && main ? childrenNamed(definedNames, main, "definedName") : []) {
        const name = attr(d, "name") ?? "";
        const local = attr(d, "localSheetId");
        if (local !== null && !(Number(local) >= 0 && Number(local) < sheetEls.length)) {
          problems.push(`${workbookPart}：名称 ${name} 的 localSheetId ${local} 不是工作表序号`);
        }
        const key = `${name.toLowerCase()}|${local ?? ""}`;
        if (seen.has(key))
          problems.push(`${workbookPart}：名称重复：${name}（${local ?? "全局"}）：${textContent(wb, d)}`);
        seen.add(key);
      }
    }
  }

  // The other parts asked for are only checked: scanned, not built into a tree (a sheet may be large).
  const wellFormed = options.wellFormed ?? [];
  const toCheck = wellFormed === "all" ? view.names.filter((n) => isXmlType(contentTypeOf(ct, n))) : wellFormed;
  for (const part of toCheck) {
    const key = partKey(part);
    const name = byKey.get(key);
    if (parsed.has(key) || name === undefined) continue;
    parsed.set(key, null);
    const bytes = await view.read(name);
    if (!bytes) continue;
    try {
      checkWellFormed(decodeXml(bytes).text);
    } catch (e) {
      problems.push(`${name}：XML 格式错误（${e instanceof Error ? e.message : String(e)}）`);
    }
  }
  return problems;
}

/** Checks without keeping anything: tags, attributes and, beyond what the scanner sees, prefixes declared. */
class PrefixCheck implements XmlHandler {
  readonly wantText = false;
  /** Prefixes declared by each open element (null: none), innermost last. */
  private readonly declared: (string[] | null)[] = [];

  private bound(prefix: string): boolean {
    if (prefix === "xml" || prefix === "xmlns") return true;
    for (let k = this.declared.length - 1; k >= 0; k--) if (this.declared[k]?.includes(prefix)) return true;
    return false;
  }

  open(name: string, attrs: TagAttributes): void {
    let mine: string[] | null = null;
    for (let k = 0; k < attrs.count; k++) {
      const a = attrs.names[k];
      if (a.startsWith("xmlns:")) (mine ??= []).push(a.slice(6));
    }
    this.declared.push(mine);
    const colon = name.indexOf(":");
    if (colon >= 0 && !this.bound(name.slice(0, colon))) throw new XmlError(`前缀 ${name.slice(0, colon)} 未声明`);
    for (let k = 0; k < attrs.count; k++) {
      const a = attrs.names[k];
      const c = a.indexOf(":");
      if (c >= 0 && !this.bound(a.slice(0, c))) throw new XmlError(`前缀 ${a.slice(0, c)} 未声明`);
    }
  }

  close(): void {
    this.declared.pop();
  }

  text(): void {}
}

/** A document checked piece by piece: `write` the pieces in order, then `end`; both throw XmlError. */
export class WellFormedCheck {
  private readonly scanner = new XmlScanner(new PrefixCheck());

  write(text: string): void {
    this.scanner.write(text);
  }

  end(): void {
    this.scanner.end();
  }
}

/** Throws XmlError when `text` is not a well-formed document with its prefixes declared. */
export function checkWellFormed(text: string): void {
  const check = new WellFormedCheck();
  check.write(text);
  check.end();
}
