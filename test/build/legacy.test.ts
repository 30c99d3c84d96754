/**
 * The two bundles of each page, from one production build into a temporary folder (never the shared dist/):
 * - the legacy bundles (taskpane-legacy, commands-legacy) are what Internet Explorer 11 runs, so they must
 *   parse as ECMAScript 5 — acorn at ecmaVersion 5 rejects any later syntax (let, arrows, classes, template
 *   literals, for…of, regular-expression flags u/y/s, …) anywhere in the file, core-js and webpack's runtime
 *   included; and they hold no node_modules code but core-js (Chart.js and pptxgenjs stay out);
 * - the modern bundles and their chunks are what Edge Legacy (EdgeHTML 18) runs, so they must parse as
 *   ES2017 (no object spread, optional catch binding, named capture groups, lookbehind, …);
 * - each page loads the modern bundle as type="module" and the legacy one as nomodule, never the other way.
 * Sizes are printed. Also: TypeScript's ES5 output of the add-in's error class still passes instanceof.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, webpack } from "../support/webpack";

// webpack's own parser (a dependency of webpack, not of the project by name).
const acorn = createRequire(join(ROOT, "package.json"))("acorn") as typeof import("acorn");

const temp = mkdtempSync(join(tmpdir(), "kaoping-legacy-"));
const dist = join(temp, "dist");
let output = "";
let status: number | null = null;

beforeAll(() => {
  ({ status, output } = webpack(dist, { mode: "production" }));
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

const read = (file: string) => readFileSync(join(dist, file), "utf8");

interface Script {
  src: string;
  module: boolean;
  nomodule: boolean;
  defer: boolean;
}

/** The <script src> tags of a page, in order. */
function scripts(html: string): Script[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1] ?? "")
    .filter((attrs) => /\bsrc=/.test(attrs))
    .map((attrs) => ({
      src: /\bsrc="([^"]*)"/.exec(attrs)?.[1] ?? "",
      module: /\btype="module"/.test(attrs),
      nomodule: /\bnomodule\b/.test(attrs),
      defer: /\bdefer\b/.test(attrs),
    }));
}

/** Parses `code` at an ECMAScript version; the error message (with line and column) or null. */
function parseError(code: string, ecmaVersion: 5 | 2017, sourceType: "script" | "module" = "script"): string | null {
  try {
    acorn.parse(code, { ecmaVersion, sourceType });
    return null;
  } catch (e) {
    const err = e as Error & { pos?: number };
    const at = err.pos ?? 0;
    return `${err.message} near: ${code.slice(Math.max(0, at - 60), at + 60)}`;
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function sizeLine(file: string): string {
  const bytes = readFileSync(join(dist, file));
  return `${file}: ${kib(bytes.length)} minified, ${kib(gzipSync(bytes).length)} gzip`;
}

/** The source files a bundle was built from (its source map), e.g. "./node_modules/core-js/modules/es.map.js". */
function sourcesOf(file: string): string[] {
  const map = JSON.parse(read(`${file}.map`)) as { sources: string[] };
  // webpack://kaoping/./src/x.ts, with "?hash" when both layers hold the same file.
  return map.sources.map((s) =>
    s
      .replace(/^webpack:\/\/[^/]*\//, "./")
      .replace(/^\.\/\.\//, "./")
      .replace(/\?[0-9a-f]+$/, ""),
  );
}

describe("the build", () => {
  it("succeeds", () => {
    expect(output).toContain("compiled");
    expect(output).not.toMatch(/\bERROR\b/);
    expect(status).toBe(0);
  });
});

describe.each(["taskpane", "commands"])("%s.html", (page) => {
  it("loads office.js, then the modern bundle as a module and the legacy bundle as nomodule", () => {
    const list = scripts(read(`${page}.html`));
    expect(list).toHaveLength(3);
    const [office, modern, legacy] = list;
    expect(office.module || office.nomodule).toBe(false);
    expect(modern.src).toMatch(new RegExp(`^${page}\\.[0-9a-f]{8}\\.js$`));
    expect(modern).toMatchObject({ module: true, nomodule: false });
    expect(legacy.src).toMatch(new RegExp(`^${page}-legacy\\.[0-9a-f]{8}\\.js$`));
    // Internet Explorer runs a classic script only; defer keeps it after the page is parsed, as a module is.
    expect(legacy).toMatchObject({ module: false, nomodule: true, defer: true });
  });

  it("the nomodule slot holds ES5 and the module slot does not (so neither holds the other's bundle)", () => {
    const [, modern, legacy] = scripts(read(`${page}.html`));
    expect(parseError(read(legacy.src), 5)).toBeNull();
    if (page === "taskpane") expect(parseError(read(modern.src), 5)).not.toBeNull();
    expect(parseError(read(modern.src), 2017, "module")).toBeNull();
  });
});

describe("the legacy bundles (Internet Explorer 11)", () => {
  const legacyFiles = () => readdirSync(dist).filter((f) => /-legacy\.[0-9a-f]{8}\.js$/.test(f));

  it("parse as ECMAScript 5, every byte of them", () => {
    const files = legacyFiles();
    expect(files.map((f) => f.replace(/\.[0-9a-f]{8}\.js$/, "")).sort()).toEqual([
      "commands-legacy",
      "taskpane-legacy",
    ]);
    for (const f of files) expect(parseError(read(f), 5), f).toBeNull();
  });

  it("take nothing from node_modules but core-js (no Chart.js, no pptxgenjs), and not the deck", () => {
    const sources = sourcesOf(legacyFiles().find((f) => f.startsWith("taskpane-legacy"))!);
    expect(sources.some((s) => s.includes("/src/taskpane/app.ts"))).toBe(true);
    expect(sources.some((s) => s.includes("/src/excel/gateway.ts"))).toBe(true);
    expect(sources.some((s) => s.includes("/src/engine/index.ts"))).toBe(true);
    expect(sources.some((s) => s.includes("/node_modules/core-js/"))).toBe(true);
    const foreign = sources.filter((s) => s.includes("/node_modules/") && !s.includes("/node_modules/core-js/"));
    expect(foreign).toEqual([]);
    // src/charts (the pure chart builders) may come in, they are TypeScript of our own; Chart.js may not.
    expect(sources.filter((s) => /chart\.js|pptxgenjs|\/src\/deck\//.test(s))).toEqual([]);
  });

  it("carry the polyfills of polyfills-legacy.ts and not the modern entry's", () => {
    const sources = sourcesOf(legacyFiles().find((f) => f.startsWith("taskpane-legacy"))!);
    for (const m of ["es.promise.constructor", "es.symbol.constructor", "es.map.constructor", "es.object.from-entries"])
      expect(
        sources.some((s) => s.endsWith(`/core-js/modules/${m}.js`)),
        m,
      ).toBe(true);
    expect(sources.some((s) => /\/src\/taskpane\/(taskpane|polyfills-modern)\.ts$/.test(s))).toBe(false);
  });
});

describe("the modern bundles (Edge Legacy and later)", () => {
  const modernFiles = () => readdirSync(dist).filter((f) => f.endsWith(".js") && !/-legacy\./.test(f));

  it("parse as ES2017, chunks included", () => {
    const files = modernFiles();
    expect(files.some((f) => f.startsWith("polyfills-modern."))).toBe(true);
    for (const f of files) {
      const module = /^(taskpane|commands)\./.test(f);
      expect(parseError(read(f), 2017, module ? "module" : "script"), f).toBeNull();
    }
  });

  it("keep the Edge Legacy polyfills in their own chunk, out of the first download", () => {
    const main = modernFiles().find((f) => f.startsWith("taskpane."))!;
    const sources = sourcesOf(main);
    expect(sources.filter((s) => s.includes("/node_modules/core-js/"))).toEqual([]);
    expect(sources.some((s) => s.endsWith("/src/taskpane/builtins.ts"))).toBe(true);
  });

  it("sizes (printed)", () => {
    const all = readdirSync(dist)
      .filter((f) => f.endsWith(".js"))
      .sort();
    const lines = all.map(sizeLine);
    console.log(`[legacy.test] bundle sizes:\n  ${lines.join("\n  ")}`);
    expect(lines.length).toBeGreaterThanOrEqual(5);
  });
});

describe("TypeScript's ES5 output of the add-in's code", () => {
  it("KaopingExcelError stays a KaopingExcelError (Error subclasses lose their prototype in ES5)", () => {
    const source = readFileSync(resolve(ROOT, "src/excel/errors.ts"), "utf8");
    const out = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, downlevelIteration: true },
    }).outputText;
    expect(parseError(out, 5)).toBeNull();
    const mod: { exports: Record<string, unknown> } = { exports: {} };
    runInNewContext(out, { module: mod, exports: mod.exports, Object, Error });
    const { KaopingExcelError, toUserError } = mod.exports as {
      KaopingExcelError: new (message: string, code: string) => Error & { code: string };
      toUserError: (e: unknown, ctx?: { action?: string }) => Error;
    };
    const e = new KaopingExcelError("工作表受保护", "AccessDenied");
    expect(e instanceof KaopingExcelError).toBe(true);
    expect(e instanceof Error).toBe(true);
    expect(e.name).toBe("KaopingExcelError");
    expect(e.code).toBe("AccessDenied");
    // One already made passes through as it is, not wrapped in a second message.
    expect(toUserError(e, { action: "计算" })).toBe(e);
  });
});
