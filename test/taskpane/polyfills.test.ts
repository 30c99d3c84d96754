/**
 * The polyfill lists against the code. Every module the Internet Explorer bundle compiles (taskpane-legacy.ts
 * and all it imports: the pane, src/excel, the pure core) is scanned for built-ins of ES2015 and later:
 * each one used must be imported by polyfills-legacy.ts from core-js, and each one that Edge Legacy lacks
 * too must be imported by polyfills-modern.ts and detected by builtins.ts (which decides whether that chunk
 * is fetched). Built-ins that cannot be polyfilled for Internet Explorer must not be used at all.
 *
 * A scan of the text, so it errs on the side of asking for a polyfill (`.includes(` asks for both the array
 * and the string one). The browser test (test/e2e/legacy.e2e.test.ts) runs the bundle with these built-ins
 * taken away.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { MODERN_BUILTINS, missingModernBuiltins } from "../../src/taskpane/builtins";

const ROOT = resolve(__dirname, "../..");
const TASKPANE = join(ROOT, "src/taskpane");
const resolveFromRoot = createRequire(join(ROOT, "package.json"));

interface Need {
  /** What the code calls it. */
  name: string;
  pattern: RegExp;
  /** The core-js module (under core-js/stable/) that brings it; null: no polyfill will do, do not use it. */
  module: string | null;
  /** Edge Legacy (EdgeHTML 18) lacks it too: its name in builtins.ts. */
  edge?: string;
}

const NEEDS: Need[] = [
  // The language as TypeScript lowers it to ES5.
  { name: "Promise (async functions)", pattern: /\bPromise\b|\basync\b|\bawait\b/, module: "promise" },
  {
    name: "Symbol.iterator (for…of, spread, destructuring of iterables)",
    pattern: /\bfor\s*\([^;)]*\bof\b|\.\.\.|\bSymbol\b/,
    module: "symbol",
  },
  { name: "Map", pattern: /\bMap\b/, module: "map" },
  { name: "Set", pattern: /\bSet\b/, module: "set" },
  { name: "WeakMap", pattern: /\bWeakMap\b/, module: "weak-map" },
  { name: "WeakSet", pattern: /\bWeakSet\b/, module: "weak-set" },
  { name: "array iterators", pattern: /\.(entries|keys|values)\(\)/, module: "array/iterator" },
  { name: "string iterator", pattern: /\bfor\s*\([^;)]*\bof\b/, module: "string/iterator" },
  // Array
  { name: "Array.from", pattern: /\bArray\.from\(/, module: "array/from" },
  { name: "Array.of", pattern: /\bArray\.of\(/, module: "array/of" },
  { name: "Array.prototype.find", pattern: /\.find\(/, module: "array/find" },
  { name: "Array.prototype.findIndex", pattern: /\.findIndex\(/, module: "array/find-index" },
  {
    name: "Array.prototype.findLast",
    pattern: /\.findLast(Index)?\(/,
    module: "array/find-last",
    edge: "Array.prototype.findLast",
  },
  { name: "Array.prototype.fill", pattern: /\.fill\(/, module: "array/fill" },
  { name: "Array.prototype.includes", pattern: /\.includes\(/, module: "array/includes" },
  { name: "Array.prototype.flat", pattern: /\.flat\(/, module: "array/flat", edge: "Array.prototype.flat" },
  {
    name: "Array.prototype.flatMap",
    pattern: /\.flatMap\(/,
    module: "array/flat-map",
    edge: "Array.prototype.flatMap",
  },
  { name: "Array.prototype.copyWithin", pattern: /\.copyWithin\(/, module: "array/copy-within" },
  { name: ".at()", pattern: /\.at\(/, module: null },
  { name: "Array.prototype.toSorted/toReversed/toSpliced", pattern: /\.to(Sorted|Reversed|Spliced)\(/, module: null },
  // Object
  { name: "Object.assign", pattern: /\bObject\.assign\(/, module: "object/assign" },
  { name: "Object.entries", pattern: /\bObject\.entries\(/, module: "object/entries" },
  { name: "Object.values", pattern: /\bObject\.values\(/, module: "object/values" },
  {
    name: "Object.fromEntries",
    pattern: /\bObject\.fromEntries\(/,
    module: "object/from-entries",
    edge: "Object.fromEntries",
  },
  { name: "Object.is", pattern: /\bObject\.is\(/, module: "object/is" },
  {
    name: "Object.getOwnPropertyDescriptors",
    pattern: /\bObject\.getOwnPropertyDescriptors\(/,
    module: "object/get-own-property-descriptors",
  },
  { name: "Object.hasOwn", pattern: /\bObject\.hasOwn\(/, module: "object/has-own", edge: "Object.hasOwn" },
  { name: "Object.groupBy / Map.groupBy", pattern: /\b(Object|Map)\.groupBy\(/, module: null },
  // String
  { name: "String.fromCodePoint", pattern: /\bString\.fromCodePoint\(/, module: "string/from-code-point" },
  { name: "String.raw", pattern: /\bString\.raw\b/, module: "string/raw" },
  { name: "String.prototype.includes", pattern: /\.includes\(/, module: "string/includes" },
  { name: "String.prototype.startsWith", pattern: /\.startsWith\(/, module: "string/starts-with" },
  { name: "String.prototype.endsWith", pattern: /\.endsWith\(/, module: "string/ends-with" },
  { name: "String.prototype.repeat", pattern: /\.repeat\(/, module: "string/repeat" },
  { name: "String.prototype.padStart", pattern: /\.padStart\(/, module: "string/pad-start" },
  { name: "String.prototype.padEnd", pattern: /\.padEnd\(/, module: "string/pad-end" },
  { name: "String.prototype.codePointAt", pattern: /\.codePointAt\(/, module: "string/code-point-at" },
  {
    name: "String.prototype.matchAll",
    pattern: /\.matchAll\(/,
    module: "string/match-all",
    edge: "String.prototype.matchAll",
  },
  {
    name: "String.prototype.trimStart",
    pattern: /\.trimStart\(/,
    module: "string/trim-start",
    edge: "String.prototype.trimStart",
  },
  {
    name: "String.prototype.trimEnd",
    pattern: /\.trimEnd\(/,
    module: "string/trim-end",
    edge: "String.prototype.trimEnd",
  },
  {
    name: "String.prototype.replaceAll",
    pattern: /\.replaceAll\(/,
    module: "string/replace-all",
    edge: "String.prototype.replaceAll",
  },
  { name: "String.prototype.normalize (core-js has none)", pattern: /\.normalize\(/, module: null },
  // Number and Math
  { name: "Number.isInteger", pattern: /\bNumber\.isInteger\(/, module: "number/is-integer" },
  { name: "Number.isFinite", pattern: /\bNumber\.isFinite\(/, module: "number/is-finite" },
  { name: "Number.isNaN", pattern: /\bNumber\.isNaN\(/, module: "number/is-nan" },
  { name: "Number.isSafeInteger", pattern: /\bNumber\.isSafeInteger\(/, module: "number/is-safe-integer" },
  { name: "Number.EPSILON", pattern: /\bNumber\.EPSILON\b/, module: "number/epsilon" },
  {
    name: "Number.MAX/MIN_SAFE_INTEGER",
    pattern: /\bNumber\.M(AX|IN)_SAFE_INTEGER\b/,
    module: "number/max-safe-integer",
  },
  { name: "Number.parseFloat/parseInt", pattern: /\bNumber\.parse(Float|Int)\(/, module: "number/parse-float" },
  { name: "Math.trunc", pattern: /\bMath\.trunc\(/, module: "math/trunc" },
  { name: "Math.sign", pattern: /\bMath\.sign\(/, module: "math/sign" },
  { name: "Math.log10", pattern: /\bMath\.log10\(/, module: "math/log10" },
  { name: "Math.log2", pattern: /\bMath\.log2\(/, module: "math/log2" },
  { name: "Math.hypot", pattern: /\bMath\.hypot\(/, module: "math/hypot" },
  { name: "Math.cbrt", pattern: /\bMath\.cbrt\(/, module: "math/cbrt" },
  { name: "Math.fround/imul/clz32/expm1/log1p", pattern: /\bMath\.(fround|imul|clz32|expm1|log1p)\(/, module: null },
  { name: "Math.sinh/cosh/tanh/asinh/acosh/atanh", pattern: /\bMath\.a?(sin|cos|tan)h\(/, module: null },
  // The platform.
  { name: "structuredClone", pattern: /\bstructuredClone\(/, module: null, edge: "structuredClone" },
  { name: "globalThis", pattern: /\bglobalThis\b/, module: "global-this", edge: "globalThis" },
  { name: "queueMicrotask", pattern: /\bqueueMicrotask\(/, module: "queue-microtask", edge: "queueMicrotask" },
  {
    name: "Promise.allSettled/any",
    pattern: /\bPromise\.(allSettled|any)\(/,
    module: "promise/all-settled",
    edge: "Promise.allSettled",
  },
  { name: "Reflect", pattern: /\bReflect\./, module: null },
  { name: "Proxy", pattern: /\bnew Proxy\(/, module: null },
  { name: "BigInt", pattern: /\bBigInt\b|\b\d+n\b/, module: null },
  { name: "async iteration", pattern: /\bfor\s+await\b|Symbol\.asyncIterator/, module: null },
  { name: "TextEncoder/TextDecoder", pattern: /\bText(En|De)coder\b/, module: null },
  { name: "fetch", pattern: /\bfetch\(/, module: null },
  { name: "URL / URLSearchParams", pattern: /\bnew URL(SearchParams)?\(/, module: null },
];

/** The code of a file without comments (comments may name what the code avoids). */
function code(path: string): string {
  return readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** The core-js modules a polyfill file imports, e.g. "object/from-entries". */
function imported(file: string): string[] {
  return [...readFileSync(join(TASKPANE, file), "utf8").matchAll(/^import "core-js\/stable\/([^"]+)";/gm)].map(
    (m) => m[1],
  );
}

/** The source files (outside node_modules) an entry module reaches, as esbuild resolves them. */
async function graph(entry: string): Promise<string[]> {
  const r = await build({
    entryPoints: [join(TASKPANE, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    loader: { ".css": "empty" },
    logLevel: "silent",
  });
  return Object.keys(r.metafile.inputs)
    .filter((f) => !f.includes("node_modules") && /\.ts$/.test(f))
    .map((f) => resolve(ROOT, f));
}

interface Use {
  need: Need;
  where: string;
}

let files: string[] = [];
let uses: Use[] = [];

beforeAll(async () => {
  files = await graph("taskpane-legacy.ts");
  uses = [];
  for (const need of NEEDS) {
    for (const f of files) {
      const lines = code(f).split("\n");
      const i = lines.findIndex((line) => need.pattern.test(line));
      if (i >= 0) {
        uses.push({ need, where: `${relative(ROOT, f)}:${i + 1}: ${lines[i].trim()}` });
        break;
      }
    }
  }
});

describe("the Internet Explorer bundle's polyfills", () => {
  it("the scan sees the whole pane: src/taskpane, src/excel and the core", () => {
    const rel = files.map((f) => relative(ROOT, f));
    for (const f of ["src/taskpane/app.ts", "src/excel/addin.ts", "src/engine/index.ts", "src/method/schema.ts"])
      expect(rel).toContain(f);
    expect(rel).not.toContain("src/taskpane/taskpane.ts");
    expect(rel).not.toContain("src/taskpane/polyfills-modern.ts");
  });

  it("every built-in the code uses that Internet Explorer 11 lacks is imported by polyfills-legacy.ts", () => {
    const have = new Set(imported("polyfills-legacy.ts"));
    const missing = uses
      .filter((u) => u.need.module !== null && !have.has(u.need.module))
      .map((u) => `${u.need.name} → import "core-js/stable/${u.need.module}" (used at ${u.where})`);
    expect(missing).toEqual([]);
    // The language needs these whatever the scan finds: TypeScript's ES5 helpers call them.
    for (const m of ["promise", "symbol", "array/iterator", "map", "set", "array/sort"]) expect(have).toContain(m);
  });

  it("nothing is used that no polyfill brings to Internet Explorer", () => {
    const banned = uses.filter((u) => u.need.module === null).map((u) => `${u.need.name}: ${u.where}`);
    expect(banned).toEqual([]);
  });

  it("every import of polyfills-legacy.ts is a module of core-js/stable", () => {
    for (const m of imported("polyfills-legacy.ts"))
      expect(() => resolveFromRoot.resolve(`core-js/stable/${m}`), m).not.toThrow();
  });
});

describe("the Edge Legacy polyfills of the modern bundle", () => {
  it("every built-in the code uses that Edge Legacy lacks is in polyfills-modern.ts and detected by builtins.ts", () => {
    const have = new Set(imported("polyfills-modern.ts"));
    const detected = new Set(MODERN_BUILTINS.map(([name]) => name));
    const problems: string[] = [];
    for (const u of uses) {
      if (!u.need.edge || u.need.module === null) continue;
      if (!have.has(u.need.module))
        problems.push(`polyfills-modern.ts lacks core-js/stable/${u.need.module} (${u.where})`);
      if (!detected.has(u.need.edge)) problems.push(`builtins.ts does not detect ${u.need.edge} (${u.where})`);
    }
    expect(problems).toEqual([]);
  });

  it("builtins.ts and polyfills-modern.ts name the same built-ins (plus the stable sort)", () => {
    const modules = imported("polyfills-modern.ts")
      .filter((m) => m !== "array/sort")
      .sort();
    const fromNames = MODERN_BUILTINS.map(([name]) => {
      const member = name.split(".").pop()!;
      const kebab = member.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const owner = name.startsWith("String") ? "string" : name.startsWith("Array") ? "array" : "object";
      return `${owner}/${kebab}`;
    }).sort();
    expect(modules).toEqual(fromNames);
    expect(imported("polyfills-modern.ts")).toContain("array/sort");
  });

  it("this engine (Node) has them all, so a modern browser fetches nothing", () => {
    expect(missingModernBuiltins()).toEqual([]);
  });

  it("a missing one is found", () => {
    const saved = Object.fromEntries;
    try {
      (Object as unknown as { fromEntries?: unknown }).fromEntries = undefined;
      expect(missingModernBuiltins()).toEqual(["Object.fromEntries"]);
    } finally {
      Object.fromEntries = saved;
    }
  });
});
