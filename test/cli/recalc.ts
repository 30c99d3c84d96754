/**
 * LibreOffice as the recalculating reader of formulas mode: converts .xlsx files headless with a fresh
 * profile that forces a full recalculation on load (OOXMLRecalcMode = 0; without it LibreOffice keeps the
 * cached results), and reads cells back from the sheet XML itself — ExcelJS reads a cached 0 as no result.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { columnIndex } from "../../src/workbook/address";
import { attrs, sheets, text } from "./inspect";
import { zipParts } from "./zip";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Every file recalculated by LibreOffice and saved again as .xlsx, in one soffice run; returns the path of
 * each result by input path. Base names must be distinct.
 */
export function recalculate(files: readonly string[], outDir: string): Map<string, string> {
  const profile = mkdtempSync(join(tmpdir(), "kaoping-lo-recalc-"));
  try {
    mkdirSync(join(profile, "user"), { recursive: true });
    writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    mkdirSync(outDir, { recursive: true });
    const r = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        outDir,
        ...files,
      ],
      { encoding: "utf8", timeout: 300_000 },
    );
    if (r.error) throw new Error(`soffice could not run (Debian: libreoffice-calc-nogui): ${r.error.message}`);
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    const out = new Map<string, string>();
    for (const f of files) {
      const saved = join(outDir, basename(f));
      if (!existsSync(saved)) throw new Error(`LibreOffice wrote nothing for ${f}: ${r.stderr}${r.stdout}`);
      out.set(f, saved);
    }
    return out;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export type CellRead = number | string | boolean | { error: string } | null;

export interface XmlCell {
  formula: string | null;
  value: CellRead;
}

const unescape = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

function sharedStrings(parts: Map<string, Buffer>): string[] {
  const xml = parts.get("xl/sharedStrings.xml")?.toString("utf8");
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => unescape(t[1])).join(""),
  );
}

/** The cells of one sheet, by A1 address: the formula (without `=`) and the value, cached or constant. */
export function readCells(file: string | Uint8Array, sheet: string): Map<string, XmlCell> {
  const parts = zipParts(file);
  const entry = sheets(parts).find((s) => s.name === sheet);
  if (!entry) throw new Error(`no sheet ${sheet}`);
  const xml = text(parts, entry.part);
  const strings = sharedStrings(parts);
  const cells = new Map<string, XmlCell>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = attrs(`<c ${m[1]}>`);
    const body = m[2] ?? "";
    const f = /<f\b[^>]*>([^<]*)<\/f>/.exec(body);
    const v = /<v>([^<]*)<\/v>/.exec(body);
    const inline = /<is>([\s\S]*?)<\/is>/.exec(body);
    let value: CellRead = null;
    const t = a.t ?? "n";
    if (t === "inlineStr" && inline) {
      value = [...inline[1].matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((x) => unescape(x[1])).join("");
    } else if (v) {
      const raw = unescape(v[1]);
      if (t === "s") value = strings[Number(raw)];
      else if (t === "str") value = raw;
      else if (t === "b") value = raw === "1";
      else if (t === "e") value = { error: raw };
      else value = Number(raw);
    } else if (t === "str" && f) value = "";
    cells.set(a.r, { formula: f ? unescape(f[1]) : null, value });
  }
  return cells;
}

/** The 1-based row and the column letters of an A1 address. */
export function splitAddress(address: string): { col: string; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`not an address: ${address}`);
  return { col: m[1], row: Number(m[2]) };
}

/** Applies `edit` to the XML of the named sheets of an .xlsx. */
export async function editSheets(file: Uint8Array, edit: (sheet: string, xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const entries = sheets(zipParts(file));
  for (const s of entries) {
    const f = zip.file(s.part);
    if (!f) continue;
    const before = await f.async("string");
    const after = edit(s.name, before);
    if (after !== before) zip.file(s.part, after);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A wrong cached value in every formula cell of `names`: a reader that does not recalculate shows these. */
export const POISON = 987654321;

export function poisonXml(xml: string): { xml: string; count: number } {
  let count = 0;
  const out = xml.replace(/<c\b([^>]*?)>(<f\b[^>]*>[^<]*<\/f>)(?:<v>[^<]*<\/v>)?<\/c>/g, (_, a: string, f: string) => {
    count++;
    return `<c${a.replace(/\s+t="[^"]*"/, "")}>${f}<v>${POISON}</v></c>`;
  });
  return { xml: out, count };
}

/** Replaces one cell's content: a number, or text (inline). Keeps its style. */
export function setCellXml(xml: string, address: string, value: number | string): string {
  const re = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const m = re.exec(xml);
  const style = m ? (/\ss="\d+"/.exec(m[1])?.[0] ?? "") : "";
  const cell =
    typeof value === "number"
      ? `<c r="${address}"${style}><v>${value}</v></c>`
      : `<c r="${address}"${style} t="inlineStr"><is><t>${value}</t></is></c>`;
  if (m) return xml.replace(re, cell);
  // The cell does not exist yet: insert it into its row in column order (or add the row).
  const { row, col } = splitAddress(address);
  const rowRe = new RegExp(`<row r="${row}"([^>]*?)(?:/>|>([\\s\\S]*?)</row>)`);
  const rm = rowRe.exec(xml);
  const key = (a: string) => columnIndex(splitAddress(a).col);
  if (rm) {
    const cells = [...(rm[2] ?? "").matchAll(/<c r="([A-Z]+\d+)"[\s\S]*?(?:\/>|<\/c>)/g)];
    const before = cells.filter((c) => key(c[1]) < key(`${col}${row}`)).map((c) => c[0]);
    const after = cells.filter((c) => key(c[1]) > key(`${col}${row}`)).map((c) => c[0]);
    return xml.replace(rowRe, `<row r="${row}"${rm[1]}>${[...before, cell, ...after].join("")}</row>`);
  }
  const rows = [...xml.matchAll(/<row r="(\d+)"/g)];
  const next = rows.find((r) => Number(r[1]) > row);
  if (next) return xml.replace(next[0], `<row r="${row}">${cell}</row>${next[0]}`);
  return xml.replace("</sheetData>", `<row r="${row}">${cell}</row></sheetData>`);
}
