/**
 * A tiny DOM helper. Everything the pane shows goes through here: text only ever as textContent (text from
 * a workbook is data), no innerHTML. Kept to what Internet Explorer 11 runs once polyfilled (appendChild,
 * insertBefore, removeChild, setAttribute, addEventListener, classList.add/remove/contains).
 */

export type Child = Node | string | null | undefined | false;

export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | EventListener;
}

/**
 * An element: `h("button", { class: "kp-btn", type: "button", onclick: fn }, "文字")`. Attributes with a
 * function value and a name starting with "on" become event listeners; `false`/null/undefined leave an
 * attribute out; `true` sets it empty. Strings among the children become text nodes.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const name of Object.keys(attrs)) {
      const v = attrs[name];
      if (v === null || v === undefined || v === false) continue;
      if (typeof v === "function") {
        if (name.slice(0, 2) === "on") el.addEventListener(name.slice(2), v);
        continue;
      }
      el.setAttribute(name, v === true ? "" : String(v));
    }
  }
  appendAll(el, children);
  return el;
}

export function appendAll(el: Node, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (Array.isArray(c)) appendAll(el, c);
    else if (c === null || c === undefined || c === false) continue;
    else el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/** Removes every child. */
export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** classList.toggle with a second argument, which Internet Explorer lacks. */
export function setClass(el: Element, cls: string, on: boolean): void {
  if (on) el.classList.add(cls);
  else el.classList.remove(cls);
}

export function setHidden(el: Element, hidden: boolean): void {
  if (hidden) el.setAttribute("hidden", "");
  else el.removeAttribute("hidden");
}

let idCounter = 0;
/** A unique id for aria references. */
export function uid(prefix: string): string {
  idCounter++;
  return `${prefix}-${idCounter}`;
}
