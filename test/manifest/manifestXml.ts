/**
 * The manifest as a tree of elements in document order (xml2js underneath), and the facts the manifest and
 * build tests read from it.
 */
import { parseStringPromise } from "xml2js";

export interface XmlElement {
  /** The qualified name as written, e.g. "OfficeApp", "bt:Image". */
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlElement[];
}

interface RawNode {
  "#name"?: string;
  $?: Record<string, string>;
  _?: string;
  $$?: RawNode[];
}

function toElement(raw: RawNode, fallbackName: string): XmlElement {
  return {
    name: raw["#name"] ?? fallbackName,
    attrs: { ...(raw.$ ?? {}) },
    text: (raw._ ?? "").trim(),
    children: (raw.$$ ?? []).map((c) => toElement(c, "?")),
  };
}

/** Parses XML text into the root element; rejects on XML that is not well-formed. */
export async function parseXml(xml: string): Promise<XmlElement> {
  const doc = (await parseStringPromise(xml, {
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitArray: true,
  })) as Record<string, RawNode>;
  const [rootName, root] = Object.entries(doc)[0] ?? [];
  if (!rootName || !root) throw new Error("empty document");
  return toElement(root, rootName);
}

/** Every element of the tree, depth first, with the path of names that leads to it. */
export function* walk(el: XmlElement, path: string[] = []): Generator<{ el: XmlElement; path: string[] }> {
  const here = [...path, el.name];
  yield { el, path: here };
  for (const c of el.children) yield* walk(c, here);
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Every URL the manifest names: URL-valued attributes (DefaultValue, Value) and <AppDomain> texts. */
export function manifestUrls(root: XmlElement): { where: string; url: string }[] {
  const urls: { where: string; url: string }[] = [];
  for (const { el, path } of walk(root)) {
    for (const key of ["DefaultValue", "Value"]) {
      const v = el.attrs[key];
      if (v !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) urls.push({ where: path.join("/"), url: v });
    }
    if (el.name === "AppDomain") urls.push({ where: path.join("/"), url: el.text });
  }
  return urls;
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) throw new Error("not a PNG");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== "IHDR") throw new Error("PNG without IHDR first");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
