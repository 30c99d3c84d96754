/**
 * Independent, regex-level readers of an .xlsx package for the tests of the graft writer (they share no code
 * with it, so that a mistake in its XML reader cannot hide itself).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { zipParts } from "./zip";

export type Parts = Map<string, Buffer>;

export const text = (parts: Parts, name: string): string => {
  const b = parts.get(name);
  if (!b) throw new Error(`no part ${name}`);
  return b.toString("utf8");
};

const unescape = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

/** The attributes of one start tag, by qualified name. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = unescape(m[2] ?? m[3]);
  return out;
}

export function resolve(source: string, target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : source.slice(0, source.lastIndexOf("/") + 1) + target;
  const out: string[] = [];
  for (const seg of decodeURIComponent(joined).split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

export const relsOf = (part: string) =>
  `${part.slice(0, part.lastIndexOf("/") + 1)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

export interface Rel {
  id: string;
  type: string;
  target: string;
  part: string | null;
}

export function rels(parts: Parts, source: string): Rel[] {
  const relsPart = source === "" ? "_rels/.rels" : relsOf(source);
  const xml = parts.get(relsPart)?.toString("utf8");
  if (!xml) return [];
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    return {
      id: a.Id,
      type: a.Type,
      target: a.Target,
      part: a.TargetMode === "External" ? null : resolve(source, a.Target),
    };
  });
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  rid: string;
  state: string | undefined;
  index: number;
  part: string;
}

/** The sheets of xl/workbook.xml, in tab order, with their parts. */
export function sheets(parts: Parts): SheetEntry[] {
  const wb = text(parts, "xl/workbook.xml");
  const wbRels = rels(parts, "xl/workbook.xml");
  return [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m, index) => {
    const a = attrs(m[0]);
    const rid = a["r:id"];
    const rel = wbRels.find((r) => r.id === rid);
    return { name: a.name, sheetId: a.sheetId, rid, state: a.state, index, part: rel?.part ?? "" };
  });
}

/** A part and every part its relationships reach, with their relationship parts. */
export function reachable(parts: Parts, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (parts.has(relsOf(p))) seen.add(relsOf(p));
    for (const r of rels(parts, p)) if (r.part !== null) queue.push(r.part);
  }
  return seen;
}

export interface DefinedName {
  name: string;
  localSheetId: string | undefined;
  hidden: string | undefined;
  text: string;
}

export function definedNamesXml(parts: Parts): DefinedName[] {
  const wb = text(parts, "xl/workbook.xml");
  return [...wb.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => {
    const a = attrs(m[1]);
    return { name: a.name, localSheetId: a.localSheetId, hidden: a.hidden, text: unescape(m[2]) };
  });
}

// ---------------------------------------------------------------------------------------------------------
// LibreOffice

function soffice(args: string[]): void {
  const profile = mkdtempSync(join(tmpdir(), "kaoping-lo-profile-"));
  try {
    const r = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", ...args], {
      encoding: "utf8",
      timeout: 180_000,
    });
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** RFC 4180 records. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && csv[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Every sheet of every file as LibreOffice Calc shows it (cell contents as shown, with their number
 * formats), opened headless with a fresh profile: file → sheet name → rows.
 */
export function libreOfficeSheets(files: readonly string[]): Map<string, Map<string, string[][]>> {
  const out = mkdtempSync(join(tmpdir(), "kaoping-lo-csv-"));
  try {
    soffice([
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,true,false,false,-1",
      "--outdir",
      out,
      ...files,
    ]);
    const result = new Map<string, Map<string, string[][]>>();
    for (const f of files) {
      const base = basename(f).replace(/\.xlsx$/i, "");
      const bySheet = new Map<string, string[][]>();
      for (const csv of readdirSync(out)) {
        if (csv.startsWith(`${base}-`) && csv.endsWith(".csv")) {
          bySheet.set(csv.slice(base.length + 1, -4), parseCsv(readFileSync(join(out, csv), "utf8")));
        }
      }
      result.set(f, bySheet);
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The file as LibreOffice Calc saves it again as .xlsx: what it understood of it. */
export function libreOfficeResave(file: string): Parts {
  const out = mkdtempSync(join(tmpdir(), "kaoping-lo-xlsx-"));
  try {
    soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, file]);
    const saved = join(out, basename(file));
    return zipParts(saved);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Well-formedness of XML by another parser than the writer's: libxml2's xmllint. */
export function xmllintProblems(name: string, bytes: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), "kaoping-xmllint-"));
  try {
    const file = join(dir, "part.xml");
    writeFileSync(file, bytes);
    const r = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
    return r.status === 0 ? null : `${name}: ${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
