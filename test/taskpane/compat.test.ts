/**
 * The pane's code and style stay within what Internet Explorer 11 runs once polyfilled (a later step builds
 * an ES5 bundle of this same pane for volume-licensed Excel 2019), and text is never parsed as HTML.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "../../src/taskpane");

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

/** The code without comments (a comment may name what the code avoids). */
function code(path: string): string {
  return readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

const BANNED: [RegExp, string][] = [
  [/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write/, "HTML parsing of text"],
  [/\.(append|prepend|replaceChildren|replaceWith|before|after)\(/, "ChildNode/ParentNode methods IE lacks"],
  [/\.closest\(|\.matches\(/, "Element.closest/matches"],
  [/[^.\w]remove\(\)|\)\.remove\(\)|\w\.remove\(\)/, "Element.remove()"],
  [/classList\.toggle\([^,)]*,/, "classList.toggle with a second argument"],
  [
    /querySelectorAll\([^)]*\)\.forEach|getElementsBy\w+\([^)]*\)\.forEach|\.children\.forEach/,
    "NodeList/HTMLCollection forEach",
  ],
  [/<dialog|HTMLDialogElement|showModal/, "<dialog>"],
  [/\.toggleAttribute\(|\.hidden\s*=|structuredClone\(|\.at\(|\.replaceAll\(|Object\.hasOwn\(/, "newer DOM/ES APIs"],
];

describe("pane code (src/taskpane)", () => {
  const sources = files(SRC, ".ts");

  it("exists", () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  for (const [re, what] of BANNED) {
    it(`uses no ${what}`, () => {
      for (const p of sources) {
        const lines = code(p).split("\n");
        lines.forEach((line, i) => {
          if (re.test(line)) expect.fail(`${relative(SRC, p)}:${i + 1}: ${line.trim()}`);
        });
      }
    });
  }
});

describe("pane style (taskpane.css)", () => {
  const css = readFileSync(join(SRC, "taskpane.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

  it("uses no grid, no sticky positioning, no flex gap", () => {
    expect(css).not.toMatch(/display\s*:\s*(inline-)?grid/);
    expect(css).not.toMatch(/position\s*:\s*sticky/);
    expect(css).not.toMatch(/(^|[\s;{])(row-|column-)?gap\s*:/m);
  });

  it("every var() comes after a plain declaration of the same property in the same rule", () => {
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
    expect(rules.length).toBeGreaterThan(50);
    let checked = 0;
    for (const [, selector, body] of rules) {
      const decls = body
        .split(";")
        .map((d) => d.trim())
        .filter((d) => d !== "" && !d.startsWith("--"));
      decls.forEach((d, i) => {
        if (!d.includes("var(")) return;
        checked++;
        const prop = d.slice(0, d.indexOf(":")).trim();
        const before = decls
          .slice(0, i)
          .filter((x) => x.slice(0, x.indexOf(":")).trim() === prop && !x.includes("var("));
        if (before.length === 0) expect.fail(`${selector.trim()} { ${d} } has no plain ${prop} before it`);
      });
    }
    expect(checked).toBeGreaterThan(50);
  });
});
