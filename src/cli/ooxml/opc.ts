/**
 * The Open Packaging Conventions of an .xlsx, as far as grafting a sheet needs them: part names,
 * relationships and content types (ECMA-376 Part 2).
 */
import { attr, childrenNamed, parseXml, type XmlDocument, type XmlElement } from "./xml";

export const NS = {
  relationships: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  /** The `r:` prefix of r:id attributes. */
  officeRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  docPropsVTypes: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
} as const;

const REL = `${NS.officeRel}/`;

export const REL_TYPE = {
  officeDocument: `${REL}officeDocument`,
  strictOfficeDocument: "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
  worksheet: `${REL}worksheet`,
  styles: `${REL}styles`,
  calcChain: `${REL}calcChain`,
  comments: `${REL}comments`,
  vmlDrawing: `${REL}vmlDrawing`,
  extendedProperties: `${REL}extended-properties`,
} as const;

export const CONTENT_TYPE = {
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vmlDrawing: "application/vnd.openxmlformats-officedocument.vmlDrawing",
} as const;

export const CONTENT_TYPES_PART = "[Content_Types].xml";

/** Part names are compared without regard to ASCII case (Part 2, §9.1.1.1.2). */
export function partKey(name: string): string {
  return name.replace(/^\//, "").toLowerCase();
}

function dirOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return slash < 0 ? "" : part.slice(0, slash + 1);
}

function baseOf(part: string): string {
  return part.slice(part.lastIndexOf("/") + 1);
}

/** The relationships part of a part; "" is the package itself. */
export function relsPartOf(part: string): string {
  return part === "" ? "_rels/.rels" : `${dirOf(part)}_rels/${baseOf(part)}.rels`;
}

/** The part a relationships part describes, or null when the name is not one of a relationships part. */
export function sourceOfRels(relsPart: string): string | null {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  if (!m) return null;
  return m[2] === "" ? "" : `${m[1]}${m[2]}`;
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A relationship target → the zip entry name of the part it names (no leading slash, dot segments resolved). */
export function resolveTarget(source: string, target: string): string {
  const path = percentDecode(target.replace(/[?#].*$/, "").replace(/\\/g, "/"));
  const joined = path.startsWith("/") ? path.slice(1) : dirOf(source) + path;
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/** The relative reference from one part to another, as Excel writes targets. */
export function relativeTarget(source: string, target: string): string {
  const from = dirOf(source)
    .split("/")
    .filter((s) => s !== "");
  const to = target.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const ups = from.slice(common).map(() => "..");
  return [...ups, ...to.slice(common)]
    .map((s) => (s === ".." ? s : encodeURI(s).replace(/[?#]/g, encodeURIComponent)))
    .join("/");
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The part it names; null for an external target. */
  part: string | null;
  element: XmlElement;
}

export function readRelationships(doc: XmlDocument, source: string): Relationship[] {
  return childrenNamed(doc.root, NS.relationships, "Relationship").map((element) => {
    const target = attr(element, "Target") ?? "";
    const external = (attr(element, "TargetMode") ?? "Internal") === "External";
    return {
      id: attr(element, "Id") ?? "",
      type: attr(element, "Type") ?? "",
      target,
      external,
      part: external ? null : resolveTarget(source, target),
      element,
    };
  });
}

/** `rId<n>` with n above every numbered id in use (and never an id in use). */
export function freeRelationshipId(ids: Iterable<string>): string {
  const used = new Set(ids);
  let max = 0;
  for (const id of used) {
    const m = /^rId(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

export interface ContentTypes {
  doc: XmlDocument;
  defaults: Map<string, { type: string; element: XmlElement }>;
  overrides: Map<string, { type: string; element: XmlElement }>;
}

export function readContentTypes(text: string): ContentTypes {
  const doc = parseXml(text);
  const defaults = new Map<string, { type: string; element: XmlElement }>();
  const overrides = new Map<string, { type: string; element: XmlElement }>();
  for (const element of childrenNamed(doc.root, NS.contentTypes, "Default")) {
    defaults.set((attr(element, "Extension") ?? "").toLowerCase(), {
      type: attr(element, "ContentType") ?? "",
      element,
    });
  }
  for (const element of childrenNamed(doc.root, NS.contentTypes, "Override")) {
    overrides.set(partKey(attr(element, "PartName") ?? ""), { type: attr(element, "ContentType") ?? "", element });
  }
  return { doc, defaults, overrides };
}

/** The content type a part gets: its override, else the default for its extension. */
export function contentTypeOf(ct: ContentTypes, part: string): string | null {
  const o = ct.overrides.get(partKey(part));
  if (o) return o.type;
  const dot = part.lastIndexOf(".");
  if (dot < 0 || dot < part.lastIndexOf("/")) return null;
  return ct.defaults.get(part.slice(dot + 1).toLowerCase())?.type ?? null;
}
