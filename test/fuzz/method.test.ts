/**
 * Fuzzing the method document: the defaults with values replaced anywhere (hostile numbers, wrong types, keys that
 * reach a prototype, deep nesting). loadMethod never throws; it accepts or names each bad field by its path; and a
 * method it accepts scores the worked examples with finite scores only (the bounds of METHOD_LIMITS suffice).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import { loadMethod } from "../../src/method/schema";
import { type BaseBook, loadBaseBooks } from "./books";
import { checkOutcome, run } from "./check";

const RUNS = Number(process.env.KAOPING_FUZZ_METHOD_RUNS ?? 1000);

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 3, 100, 101, 1000, 1001, 1e308, -1e308, 1e-320, 5e-324, 1e-7, 2 ** 53),
  fc.double(),
  fc.integer({ min: -200, max: 2000 }),
  fc.constantFrom("", "优秀", "higher", "lower", "cap", "flag", "floor", "dense", "1e308", null, true, false),
  fc.constantFrom([], {}, [1, 2], { __proto__: null }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}}')),
  fc.constant(JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}')),
  fc.constant(deep(200)),
);

function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Every path of a JSON value (object keys and array indexes). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const DEFAULT_PATHS = paths(defaultMethod()).filter((p) => p.length > 0);

function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  let o = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    o = o[k] as Record<string | number, unknown>;
    // an earlier edit replaced a parent: nothing to set
    if (typeof o !== "object" || o === null) return;
  }
  Object.defineProperty(o, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

let books: BaseBook[] = [];
beforeAll(async () => {
  books = (await loadBaseBooks()).filter((b) => b.name === "example-1" || b.name === "s10-12-2");
});

describe("mutated method documents", () => {
  it("are accepted, or rejected with paths; an accepted one scores with finite scores", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(DEFAULT_PATHS.length - 1), hostile, fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.nat(1),
        (edits, which) => {
          const doc = JSON.parse(JSON.stringify(defaultMethod())) as Record<string, unknown>;
          for (const [i, value, sibling] of edits) {
            const p = DEFAULT_PATHS[i];
            // either replace the value, or add a key beside it (an unknown or forbidden key)
            setAt(doc, sibling && typeof p[p.length - 1] === "string" ? [...p.slice(0, -1), "__proto__"] : p, value);
          }
          const r = loadMethod(doc);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(e.path.length > 0 && e.message.length > 0, JSON.stringify(e)).toBe(true);
            return;
          }
          const base = books[which];
          const out = run({ ...base, method: doc }, base.book);
          if (!out.ok && out.kind === "method") throw new Error(JSON.stringify(out.errors));
          checkOutcome(base.book, out);
        },
      ),
      { seed: 12_200, numRuns: RUNS },
    );
  });
});
