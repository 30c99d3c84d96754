/**
 * The deck from Node: pictures rendered by Chart.js on @napi-rs/canvas, the file written atomically, and
 * the result opened by LibreOffice Impress (headless, a throw-away profile): every slide exported to PDF,
 * and the native charts still charts when LibreOffice saves the deck again.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingFigures } from "../../src/charts";
import { nodeImages, writeDeck } from "../../src/cli/deck";
import type { Assessment } from "../../src/engine/types";
import { OPTS, sampleAssessment } from "../charts/fixtures";
import { pptxParts, slideCount } from "../deck/helpers";
import { zipParts } from "./zip";

let dir: string;
let sample: Assessment;
let file: string;
let slides: Awaited<ReturnType<typeof writeDeck>>["slides"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kaoping-deck-"));
  sample = await sampleAssessment();
  file = join(dir, "会议材料.pptx");
  ({ slides } = await writeDeck(sample, file, { date: OPTS.date, scope: OPTS.scope, portraits: true }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs LibreOffice headless with a fresh profile; returns the files it wrote into a new directory. */
function soffice(args: string[]): { out: string; files: string[] } {
  const profile = mkdtempSync(join(tmpdir(), "kaoping-lo-profile-"));
  const out = mkdtempSync(join(tmpdir(), "kaoping-lo-out-"));
  try {
    const r = spawnSync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", ...args, "--outdir", out],
      { encoding: "utf8", timeout: 180_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
    const files = readdirSync(out);
    // Without Impress, soffice exits 0 having written nothing ("source file could not be loaded").
    if (files.length === 0)
      throw new Error(
        `soffice wrote nothing — is LibreOffice Impress installed (Debian: libreoffice-impress-nogui)? ${r.stderr}${r.stdout}`,
      );
    return { out, files };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

describe("writeDeck", () => {
  it("writes the .pptx and nothing else", async () => {
    expect(await readdir(dir)).toEqual([basename(file)]); // the temporary file was renamed into place
    expect(slides).toHaveLength(1 + meetingFigures(sample, OPTS).length + sample.leaders.length);
    expect(slideCount(pptxParts(readFileSync(file)))).toBe(slides.length);
  });

  it("embeds the pictures as PNG rendered at 2×", async () => {
    const media = [...zipParts(file)].filter(([k]) => k.startsWith("ppt/media/") && !k.endsWith("/"));
    expect(media.length).toBe(slides.reduce((s, x) => s + x.pictures, 0));
    const widths = media.map(([, png]) => {
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      return png.readUInt32BE(16);
    });
    expect(Math.max(...widths)).toBe(2560); // the 1280-px figures (indicators)
    const url = await nodeImages(2)(meetingFigures(sample, OPTS)[0]);
    expect(url).toMatch(/^data:image\/png;base64,iVBOR/);
  });
});

describe("LibreOffice opens the deck", () => {
  it("exports every slide to PDF", () => {
    const { out, files } = soffice(["--convert-to", "pdf", file]);
    try {
      expect(files).toEqual(["会议材料.pdf"]);
      const pdf = readFileSync(join(out, files[0])).toString("latin1");
      expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(slides.length);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("reads the native charts as charts and the tables as tables: saved again, they are what they were", () => {
    const { out, files } = soffice(["--convert-to", "pptx:Impress MS PowerPoint 2007 XML", file]);
    try {
      const parts = pptxParts(readFileSync(join(out, files[0])));
      const charts = [...parts].filter(([k]) => /^ppt\/charts\/chart\d+\.xml$/.test(k)).map(([, xml]) => xml);
      expect(charts).toHaveLength(slides.reduce((s, x) => s + x.charts, 0));
      const count = (re: RegExp) => charts.filter((c) => re.test(c)).length;
      expect(count(/<c:barDir val="bar"\/>[\s\S]*<c:grouping val="clustered"\/>/)).toBe(1); // 排名
      expect(count(/<c:barDir val="col"\/>/)).toBe(2); // 优秀等次的确定, 等次分布
      expect(count(/<c:barDir val="col"\/>[\s\S]*<c:grouping val="stacked"\/>/)).toBe(1); // the waterfall
      expect(count(/<c:scatterChart>/)).toBe(1);
      expect(count(/<c:grouping val="percentStacked"\/>/)).toBe(1 + sample.leaders.length); // 票构成 + portraits
      expect(count(/<c:radarChart>/)).toBe(sample.leaders.length);
      // 需集体研究事项 and 民主测评分项 stay native tables.
      const tables = [...parts].filter(([k, xml]) => /^ppt\/slides\/slide\d+\.xml$/.test(k) && xml.includes("<a:tbl>"));
      expect(tables).toHaveLength(2);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
