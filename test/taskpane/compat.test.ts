/**
 * The pane's code and style stay within what Internet Explorer 11 runs once polyfilled (taskpane-legacy.ts is
 * an ES5 bundle of this same pane for volume-licensed Excel 2016/2019), and text is never parsed as HTML.
 * The built-ins it uses are checked against the polyfill lists by polyfills.test.ts.
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
  [
    /new (Event|CustomEvent|KeyboardEvent|MouseEvent|FocusEvent|InputEvent|UIEvent)\(/,
    "event constructors (Internet Explorer has document.createEvent only)",
  ],
  [/classList\.(add|remove)\([^)]*,/, "classList.add/remove with several classes (Internet Explorer takes one)"],
  [/classList\.replace\(|\.isConnected\b|\.getRootNode\(/, "DOM methods Internet Explorer lacks"],
  [/\.(scrollTo|scrollBy|scroll)\(/, "Element.scrollTo/scrollBy/scroll (set scrollTop instead)"],
  [/\b(doc|document)\.contains\(/, "Document.contains (Internet Explorer has contains on elements only)"],
  [/createElementNS\(/, "SVG elements (no classList on them in Internet Explorer)"],
];

/** Key names as browsers give them, and as Internet Explorer gives the same keys (KeyboardEvent.key). */
const IE_KEY_NAMES: [string, string][] = [
  ["ArrowRight", "Right"],
  ["ArrowLeft", "Left"],
  ["ArrowUp", "Up"],
  ["ArrowDown", "Down"],
  ["Escape", "Esc"],
];

describe("pane code (src/taskpane)", () => {
  const sources = files(SRC, ".ts");

  it("exists", () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it("handles every key it names also by the name Internet Explorer gives it", () => {
    for (const p of sources) {
      const text = code(p);
      const count = (name: string) => text.split(`"${name}"`).length - 1;
      for (const [modern, ie] of IE_KEY_NAMES)
        expect(count(ie), `${relative(SRC, p)}: "${modern}" ×${count(modern)}, "${ie}" ×${count(ie)}`).toBe(
          count(modern),
        );
      // The space bar: " " elsewhere, "Spacebar" in Internet Explorer.
      const space = (text.match(/key\s*===?\s*" "|case " ":/g) ?? []).length;
      expect(count("Spacebar"), `${relative(SRC, p)}: the space bar`).toBe(space);
    }
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

  it("a selector Internet Explorer does not know never shares a rule with selectors it does", () => {
    // Internet Explorer drops a whole rule when one selector of its list is unknown to it (and Chromium
    // drops a rule with Internet Explorer's own :-ms- selectors).
    const unknown = /:focus-visible|:focus-within|:is\(|:where\(|:has\(|::placeholder|:-ms-/;
    const rules = [...css.matchAll(/([^{}]+)\{[^{}]*\}/g)].map((m) => m[1].trim());
    let seen = 0;
    for (const selector of rules) {
      const list = selector.split(",").map((x) => x.trim());
      const odd = list.filter((x) => unknown.test(x));
      if (odd.length === 0) continue;
      seen++;
      const kinds = new Set(odd.map((x) => /:-ms-/.test(x)));
      expect(odd.length === list.length && kinds.size === 1, selector).toBe(true);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("focus shows with a plain :focus rule, which Internet Explorer reads", () => {
    const plain = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter(
      ([, selector, body]) =>
        /\.kp-btn:focus\s*(,|$)/.test(selector.trim()) &&
        !selector.includes("focus-visible") &&
        /outline\s*:/.test(body),
    );
    expect(plain.length).toBe(1);
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
