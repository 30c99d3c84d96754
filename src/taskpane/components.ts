/**
 * Building blocks in the look of Fluent UI: buttons, message bars, grade chips, cell links, the inline
 * confirmation, and a long list that renders in chunks (2,000 leaders stay responsive) with one tab stop
 * and arrow keys inside.
 */
import { GRADE_COLORS, type GradeLabel } from "../workbook/gradeColors";
import { type Child, h, setHidden, uid } from "./dom";
import { splitAddress } from "./format";

export type ButtonKind = "primary" | "secondary" | "subtle" | "link";

export interface ButtonOptions {
  label: string;
  onClick: () => void;
  kind?: ButtonKind;
  /** Kept across re-renders: the element with the same key gets the focus back. */
  focusKey?: string;
  ariaLabel?: string;
  title?: string;
  /** Enabled when this says so and no operation is running. */
  enabled?: () => boolean;
  /** A leading glyph (decorative). */
  icon?: string;
  id?: string;
}

/** Registers buttons so that they are disabled while an operation runs. */
export interface ActionRegistry {
  register(el: HTMLButtonElement, enabled: () => boolean): void;
}

export function button(reg: ActionRegistry | null, o: ButtonOptions): HTMLButtonElement {
  const kind = o.kind ?? "secondary";
  const el = h(
    "button",
    {
      type: "button",
      class: `kp-btn kp-btn-${kind}`,
      "data-focus": o.focusKey,
      "aria-label": o.ariaLabel,
      title: o.title,
      id: o.id,
    },
    o.icon ? h("span", { class: "kp-btn-icon", "aria-hidden": "true" }, o.icon) : null,
    h("span", { class: "kp-btn-label" }, o.label),
  );
  el.addEventListener("click", () => {
    if (!el.disabled) o.onClick();
  });
  if (reg) reg.register(el, o.enabled ?? (() => true));
  else if (o.enabled && !o.enabled()) el.disabled = true;
  return el;
}

export type MessageKind = "info" | "success" | "warning" | "error";

const MESSAGE_ICONS: Record<MessageKind, string> = { info: "i", success: "✓", warning: "!", error: "✕" };

/**
 * A Fluent message bar. `live` makes an error or a warning an alert, which screen readers read when it
 * appears; success and information are announced by the pane's own live region instead, once.
 */
export function messageBar(
  kind: MessageKind,
  body: Child | Child[],
  opts: { live?: boolean; title?: string } = {},
): HTMLElement {
  const role = opts.live && (kind === "error" || kind === "warning") ? "alert" : null;
  return h(
    "div",
    { class: `kp-msg kp-msg-${kind}`, role },
    h("span", { class: "kp-msg-icon", "aria-hidden": "true" }, MESSAGE_ICONS[kind]),
    h("div", { class: "kp-msg-body" }, opts.title ? h("strong", { class: "kp-msg-title" }, opts.title) : null, body),
  );
}

/** A grade as a coloured chip; the colours are those of the 等次 cells of 考核结果. */
export function gradeChip(grade: GradeLabel, label: string): HTMLElement {
  const el = h("span", { class: "kp-chip", "data-grade": grade }, label);
  el.style.backgroundColor = GRADE_COLORS[grade] ?? "#D0D0D0";
  if (label !== grade) el.setAttribute("title", grade);
  return el;
}

/** A cell address as a link-style button that selects the cell in Excel. */
export function cellLink(
  reg: ActionRegistry | null,
  address: string,
  ariaLabel: string,
  onSelect: (address: string) => void,
  focusKey?: string,
): HTMLButtonElement {
  const { sheet, cell } = splitAddress(address);
  const el = h(
    "button",
    {
      type: "button",
      class: "kp-cell",
      "data-cell": address,
      "aria-label": ariaLabel,
      "data-focus": focusKey,
      title: ariaLabel,
    },
    cell ? `${sheet}!${cell}` : sheet,
  );
  el.addEventListener("click", () => {
    if (!el.disabled) onSelect(address);
  });
  if (reg) reg.register(el, () => true);
  return el;
}

/**
 * A tile with a count and a short label (counts on the Status view). Labels are kept to one line (a third
 * of a 320-pixel pane); `tip` says in full what is counted.
 */
export function stat(label: string, value: string | number, key?: string, tip?: string): HTMLElement {
  return h(
    "div",
    { class: "kp-stat", "data-stat": key, title: tip },
    h("span", { class: "kp-stat-value" }, String(value)),
    h("span", { class: "kp-stat-label" }, label),
    tip ? h("span", { class: "kp-sr-only" }, tip) : null,
  );
}

export interface DisclosureOptions {
  /** The toggle's text when closed and when open. */
  show: string;
  hide: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  focusKey: string;
  content: Child | Child[];
}

/**
 * A toggle that shows or hides details (no <details>: Internet Explorer has none). The content is drawn only
 * while open; the button says whether it is.
 */
export function disclosure(reg: ActionRegistry | null, o: DisclosureOptions): HTMLElement {
  const id = uid("kp-details");
  const toggle = h(
    "button",
    {
      type: "button",
      class: "kp-btn kp-btn-link kp-disclosure-toggle",
      "aria-expanded": o.open ? "true" : "false",
      "aria-controls": id,
      "data-focus": o.focusKey,
    },
    h("span", { class: "kp-disclosure-mark", "aria-hidden": "true" }, o.open ? "▾" : "▸"),
    h("span", { class: "kp-btn-label" }, o.open ? o.hide : o.show),
  );
  toggle.addEventListener("click", () => {
    if (!toggle.disabled) o.onToggle(!o.open);
  });
  if (reg) reg.register(toggle, () => true);
  return h(
    "div",
    { class: "kp-disclosure" },
    toggle,
    h("div", { class: "kp-disclosure-body", id, hidden: !o.open }, o.open ? o.content : null),
  );
}

export interface ConfirmOptions {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  focusKey: string;
}

/**
 * An inline confirmation in the look of a Fluent dialog (no <dialog>: Internet Explorer has none). It takes
 * the focus when shown; Escape cancels.
 */
export function confirmBox(reg: ActionRegistry | null, o: ConfirmOptions): HTMLElement {
  const titleId = uid("kp-confirm-title");
  const textId = uid("kp-confirm-text");
  const box = h(
    "div",
    { class: "kp-confirm", role: "alertdialog", "aria-labelledby": titleId, "aria-describedby": textId },
    h("h3", { class: "kp-confirm-title", id: titleId }, o.title),
    h("p", { class: "kp-confirm-text", id: textId }, o.text),
    h(
      "div",
      { class: "kp-row kp-row-end" },
      button(reg, { label: o.confirmLabel, kind: "primary", onClick: o.onConfirm, focusKey: `${o.focusKey}:yes` }),
      button(reg, { label: o.cancelLabel, kind: "secondary", onClick: o.onCancel, focusKey: `${o.focusKey}:no` }),
    ),
  );
  box.addEventListener("keydown", (e) => {
    if (e.key === "Escape" || e.key === "Esc") {
      e.preventDefault();
      o.onCancel();
    }
  });
  return box;
}

// ───────────────────────────── long lists ─────────────────────────────

export interface ChunkedListOptions<T> {
  items: readonly T[];
  /** aria-label of the list. */
  label: string;
  /** One row: its first element child (or itself) that can take focus is the row's tab stop. */
  renderRow: (item: T, index: number) => HTMLElement;
  /** Rows drawn at once; the rest follow in chunks between frames. */
  firstChunk?: number;
  chunk?: number;
  /** "正在显示 {shown}/{total}" while the rest is drawn. */
  progressText?: (shown: number, total: number) => string;
  className?: string;
}

function rowFocusable(li: Element): HTMLElement | null {
  const first = li.firstElementChild as HTMLElement | null;
  return first && first.tabIndex !== undefined ? first : null;
}

/**
 * A list drawn in chunks: the first rows at once, the rest in later tasks, so that a 2,000-row list never
 * blocks the pane. The list is one tab stop (roving tabindex); ↑ ↓ Home End PageUp PageDown move inside it.
 */
export function chunkedList<T>(o: ChunkedListOptions<T>): HTMLElement {
  const list = h("ul", { class: `kp-list ${o.className ?? ""}`, "aria-label": o.label });
  const status = h("div", { class: "kp-list-more", "aria-hidden": "true" });
  const wrap = h("div", { class: "kp-list-wrap" }, list, status);
  const firstChunk = o.firstChunk ?? 60;
  const chunk = o.chunk ?? 250;
  let drawn = 0;
  let timer: number | null = null;

  const drawUpTo = (n: number) => {
    const end = Math.min(n, o.items.length);
    for (; drawn < end; drawn++) {
      const row = o.renderRow(o.items[drawn], drawn);
      const li = row.tagName === "LI" ? row : h("li", { class: "kp-list-item" }, row);
      const f = rowFocusable(li);
      if (f) f.setAttribute("tabindex", drawn === 0 ? "0" : "-1");
      list.appendChild(li);
    }
    if (drawn < o.items.length && o.progressText) {
      status.textContent = o.progressText(drawn, o.items.length);
      setHidden(status, false);
    } else setHidden(status, true);
  };

  const schedule = () => {
    if (drawn >= o.items.length) return;
    timer = window.setTimeout(() => {
      timer = null;
      // Stop drawing into a list that a re-render has taken off the page.
      if (!document.body.contains(list)) return;
      drawUpTo(drawn + chunk);
      schedule();
    }, 0);
  };

  drawUpTo(firstChunk);
  schedule();

  const rows = (): HTMLElement[] => {
    const out: HTMLElement[] = [];
    for (let i = 0; i < list.children.length; i++) {
      const f = rowFocusable(list.children[i]);
      if (f) out.push(f);
    }
    return out;
  };

  const move = (to: number) => {
    if (to >= drawn) {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      drawUpTo(to + 1);
      schedule();
    }
    const all = rows();
    if (all.length === 0) return;
    const target = all[Math.max(0, Math.min(all.length - 1, to))];
    for (const r of all) r.setAttribute("tabindex", r === target ? "0" : "-1");
    target.focus();
  };

  list.addEventListener("keydown", (e) => {
    const all = rows();
    let at = -1;
    for (let i = 0; i < all.length; i++) if (all[i] === document.activeElement) at = i;
    if (at < 0) return;
    const page = 10;
    let to: number | null = null;
    switch (e.key) {
      case "ArrowDown":
      case "Down":
        to = at + 1;
        break;
      case "ArrowUp":
      case "Up":
        to = at - 1;
        break;
      case "Home":
        to = 0;
        break;
      case "End":
        to = o.items.length - 1;
        break;
      case "PageDown":
        to = at + page;
        break;
      case "PageUp":
        to = at - page;
        break;
    }
    if (to === null) return;
    e.preventDefault();
    move(Math.max(0, Math.min(o.items.length - 1, to)));
  });
  list.addEventListener("focusin", (e) => {
    // A click on a row makes it the list's tab stop.
    const all = rows();
    for (const r of all) if (r === e.target) for (const x of all) x.setAttribute("tabindex", x === r ? "0" : "-1");
  });
  return wrap;
}
