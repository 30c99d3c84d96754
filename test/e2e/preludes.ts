/**
 * The scripts legacy.e2e.test.ts and charts.e2e.test.ts put into the page right after office.js (the fake)
 * and before the pane's bundles, to make headless Chromium look like an older browser of Excel. Each lists
 * what it removed on window.__kpRemoved.
 */

/**
 * Runs before the legacy bundle: takes away what Internet Explorer 11 does not have. ES5 itself, so that
 * nothing here needs what it removes. Saves the KeyboardEvent constructor for the test's own key presses and
 * lists what it removed on window.__kpRemoved.
 */
export const IE11_PRELUDE = `(function () {
  var removed = [];
  function drop(owner, label, names) {
    for (var i = 0; i < names.length; i++) {
      var n = names[i];
      if (!(n in owner)) continue;
      try { delete owner[n]; } catch (e) {}
      if (n in owner && owner[n] !== undefined) { try { owner[n] = undefined; } catch (e) {} }
      if (owner[n] === undefined) removed.push(label + (typeof n === "symbol" ? "[Symbol.iterator]" : n));
    }
  }
  window.__kpKeyboardEvent = window.KeyboardEvent;
  drop(window, "", ["Promise", "Map", "Set", "structuredClone", "queueMicrotask", "fetch", "URLSearchParams",
    "TextEncoder", "TextDecoder", "requestIdleCallback", "IntersectionObserver", "ResizeObserver", "customElements"]);
  // (Object.is stays: Playwright's own page scripts use it.)
  drop(Object, "Object.", ["assign", "entries", "values", "fromEntries", "getOwnPropertyDescriptors", "hasOwn"]);
  drop(Array, "Array.", ["from", "of"]);
  drop(Array.prototype, "Array.prototype.", ["find", "findIndex", "fill", "includes", "flat", "flatMap",
    "copyWithin", "entries", "keys", "values", Symbol.iterator, "at", "findLast", "findLastIndex", "toSorted",
    "toReversed", "toSpliced", "with"]);
  drop(String, "String.", ["fromCodePoint", "raw"]);
  drop(String.prototype, "String.prototype.", ["startsWith", "endsWith", "includes", "repeat", "padStart",
    "padEnd", "codePointAt", "normalize", "matchAll", "trimStart", "trimEnd", "replaceAll", "at", Symbol.iterator]);
  drop(Number, "Number.", ["isInteger", "isFinite", "isNaN", "isSafeInteger", "parseFloat", "parseInt"]);
  drop(Math, "Math.", ["trunc", "sign", "log10", "log2", "hypot", "cbrt", "expm1", "log1p", "fround", "imul",
    "clz32", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]);
  drop(Element.prototype, "Element.prototype.", ["closest", "matches", "remove", "append", "prepend", "before",
    "after", "replaceWith", "replaceChildren", "toggleAttribute", "getAttributeNames", "scroll", "scrollTo",
    "scrollBy", "animate"]);
  drop(CharacterData.prototype, "CharacterData.prototype.", ["remove", "before", "after", "replaceWith"]);
  drop(Document.prototype, "Document.prototype.", ["append", "prepend", "replaceChildren"]);
  drop(DocumentFragment.prototype, "DocumentFragment.prototype.", ["append", "prepend", "replaceChildren"]);
  drop(Node.prototype, "Node.prototype.", ["isConnected", "getRootNode"]);
  drop(NodeList.prototype, "NodeList.prototype.", ["forEach", "entries", "keys", "values", Symbol.iterator]);
  drop(DOMTokenList.prototype, "DOMTokenList.prototype.", ["replace", "entries", "forEach", "keys", "values"]);
  // Internet Explorer has these interfaces but cannot construct them (document.createEvent only).
  var names = ["Event", "CustomEvent", "KeyboardEvent", "MouseEvent", "FocusEvent", "InputEvent", "UIEvent"];
  for (var i = 0; i < names.length; i++) {
    var Native = window[names[i]];
    var NoConstructor = function () { throw new TypeError("Object doesn't support this action"); };
    NoConstructor.prototype = Native.prototype;
    window[names[i]] = NoConstructor;
    removed.push("new " + names[i] + "()");
  }
  window.__kpRemoved = removed;
})();`;

/**
 * Runs before the modern bundle: takes away the built-ins of ES2018 and later that EdgeHTML 18 (Edge Legacy)
 * lacks, so that the modern bundle and its chunks must run on what the entry's polyfills bring back.
 */
export const EDGE18_PRELUDE = `(function () {
  var removed = [];
  function drop(owner, label, names) {
    for (var i = 0; i < names.length; i++) {
      if (!(names[i] in owner)) continue;
      delete owner[names[i]];
      if (!(names[i] in owner)) removed.push(label + names[i]);
    }
  }
  drop(window, "", ["structuredClone", "queueMicrotask"]);
  drop(Object, "Object.", ["fromEntries", "hasOwn", "groupBy"]);
  drop(Array.prototype, "Array.prototype.", ["flat", "flatMap", "at", "findLast", "findLastIndex", "toSorted",
    "toReversed", "toSpliced", "with"]);
  drop(String.prototype, "String.prototype.", ["matchAll", "replaceAll", "at", "trimStart", "trimEnd",
    "isWellFormed", "toWellFormed"]);
  drop(Promise, "Promise.", ["allSettled", "any", "withResolvers"]);
  drop(Symbol.prototype, "Symbol.prototype.", ["description"]);
  window.__kpRemoved = removed;
})();`;
