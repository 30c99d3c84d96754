/**
 * The deck builder is for the pane too: bundled for the browser (esbuild, platform browser) it has no Node
 * API, and run in a bare JavaScript context — no require, no process, no Buffer — it builds the same deck
 * from an assessment and a picture provider, and its bytes make the Blob the pane downloads.
 */
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { meetingFigures } from "../../src/charts";
import type { Assessment } from "../../src/engine/types";
import { OPTS, sampleAssessment } from "../charts/fixtures";
import { pptxParts, slideCharts, slideCount } from "./helpers";

const ENTRY = `
import { buildDeck, PPTX_MIME } from "../../src/deck/deck";
const PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";
export async function deck(assessment, opts) {
  const d = await buildDeck(assessment, { ...opts, portraits: [0], images: async () => PIXEL });
  return { bytes: d.bytes, mime: PPTX_MIME, slides: d.slides.length };
}
`;

let sample: Assessment;
beforeAll(async () => {
  sample = await sampleAssessment();
});

describe("the deck in the browser", () => {
  it("bundles without Node APIs and builds the deck in a bare context", async () => {
    const out = await build({
      stdin: { contents: ENTRY, resolveDir: __dirname, sourcefile: "entry.ts", loader: "ts" },
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "kaopingDeck",
      write: false,
      logLevel: "silent",
      absWorkingDir: join(__dirname, "../.."),
    });
    const code = out.outputFiles[0].text;
    expect(code).not.toMatch(/require\(["']node:|require\(["'](fs|path|os|crypto|https)["']\)/);
    const sandbox: Record<string, unknown> = {
      console,
      setTimeout,
      clearTimeout,
      TextEncoder,
      TextDecoder,
      atob,
      btoa,
    };
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    runInNewContext(code, sandbox);
    const build_ = (sandbox.kaopingDeck as { deck: (a: unknown, o: unknown) => Promise<Record<string, unknown>> }).deck;
    // The assessment as the pane holds it: plain data.
    const r = await build_(JSON.parse(JSON.stringify(sample)), { date: OPTS.date, scope: OPTS.scope });
    const bytes = r.bytes as Uint8Array;
    expect(r.mime).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    const parts = pptxParts(Uint8Array.from(bytes));
    expect(slideCount(parts)).toBe(1 + meetingFigures(sample, OPTS).length + 1);
    expect(r.slides).toBe(slideCount(parts));
    // The waterfall after the title, the ranking after the table of matters.
    expect(slideCharts(parts, 2)[0]).toContain('<c:barDir val="col"/>');
    expect(slideCharts(parts, 4)[0]).toContain('<c:barDir val="bar"/>');
    expect(new Blob([Uint8Array.from(bytes)], { type: String(r.mime) }).size).toBe(bytes.length);
  });
});
