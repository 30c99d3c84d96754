/** Reading a written .pptx back for the deck tests: slides, their charts, pictures, texts and shapes. */
import { zipEntries } from "../cli/zip";

export type Parts = Map<string, string>;

export function pptxParts(bytes: Uint8Array): Parts {
  return zipEntries(bytes);
}

export function slideCount(parts: Parts): number {
  return [...parts.keys()].filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).length;
}

export function slideXml(parts: Parts, n: number): string {
  const xml = parts.get(`ppt/slides/slide${n}.xml`);
  if (xml === undefined) throw new Error(`no slide ${n}`);
  return xml;
}

/** Relationship id → target part (resolved to a path in the package). */
export function rels(parts: Parts, part: string): Map<string, string> {
  const dir = part.slice(0, part.lastIndexOf("/"));
  const relsPath = `${dir}/_rels/${part.slice(dir.length + 1)}.rels`;
  const xml = parts.get(relsPath) ?? "";
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[1])?.[1];
    if (!id || !target) continue;
    out.set(id, target.startsWith("/") ? target.slice(1) : resolve(dir, target));
  }
  return out;
}

function resolve(dir: string, target: string): string {
  const parts = dir.split("/");
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** The chart parts of slide n, in the order of their frames. */
export function slideCharts(parts: Parts, n: number): string[] {
  const r = rels(parts, `ppt/slides/slide${n}.xml`);
  return [...slideXml(parts, n).matchAll(/<c:chart\b[^>]*\br:id="([^"]+)"/g)].map(
    (m) => parts.get(r.get(m[1]) ?? "") ?? "",
  );
}

export function slideLayoutOf(parts: Parts, n: number): string {
  const r = rels(parts, `ppt/slides/slide${n}.xml`);
  const layout = [...r.values()].find((t) => t.startsWith("ppt/slideLayouts/"));
  return parts.get(layout ?? "") ?? "";
}

export function notesOf(parts: Parts, n: number): string {
  const r = rels(parts, `ppt/slides/slide${n}.xml`);
  const notes = [...r.values()].find((t) => t.startsWith("ppt/notesSlides/"));
  return texts(parts.get(notes ?? "") ?? "").join("\n");
}

export function pictureCount(xml: string): number {
  return (xml.match(/<p:pic>/g) ?? []).length;
}

export function unescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text runs of a part. */
export function texts(xml: string): string[] {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1]));
}

/** The values of a chart part's series: per series, its name and the cached points of `which`. */
export function seriesOf(chart: string, which: "val" | "xVal" | "yVal" | "cat" = "val") {
  return [...chart.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => {
    const ser = m[0];
    const name = unescape(/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1] ?? "");
    const block = new RegExp(`<c:${which}>([\\s\\S]*?)</c:${which}>`).exec(ser)?.[1] ?? "";
    const count = Number(/<c:ptCount val="(\d+)"\/>/.exec(block)?.[1] ?? 0);
    const points: (string | null)[] = Array.from({ length: count }, () => null);
    for (const p of block.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>\s*<\/c:pt>/g))
      points[Number(p[1])] = unescape(p[2]);
    return { name, points, xml: ser };
  });
}

export const EMU_PER_PX = 914400 / 96;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  /** The element: "sp", "pic" or "graphicFrame". */
  kind: string;
  xml: string;
}

/** The placed objects of a slide (shapes, pictures, chart frames) with their boxes in px. */
export function boxes(xml: string): Box[] {
  return [...xml.matchAll(/<p:(sp|pic|graphicFrame)>([\s\S]*?)<\/p:\1>/g)].flatMap((m) => {
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(m[2]);
    const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(m[2]);
    if (!off || !ext) return [];
    const px = (v: string) => Number(v) / EMU_PER_PX;
    return [{ x: px(off[1]), y: px(off[2]), w: px(ext[1]), h: px(ext[2]), kind: m[1], xml: m[2] }];
  });
}
