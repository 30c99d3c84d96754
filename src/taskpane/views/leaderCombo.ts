/**
 * A search box with a list of matching leaders (the ARIA combobox pattern), on 为什么 and on the 图表 view's
 * portraits: type a name, unit or position; ↓ ↑ move, Enter picks, Escape closes; a click picks. Matches come
 * in rank order, at most MAX_MATCHES of them (200 leaders stay quick). Internet Explorer 11 runs it too (the
 * legacy bundle reaches it through 为什么), with its own key names.
 */
import type { LeaderResult } from "../../engine/types";
import type { ViewContext } from "../app";
import { clear, h, setHidden, uid } from "../dom";
import { filterLeaders } from "../format";
import { gradeLabel } from "./shared";

/** Matches listed at most; more narrow down by typing. */
const MAX_MATCHES = 50;

export interface LeaderComboOptions {
  leaders: readonly LeaderResult[];
  /** The text typed so far (kept across drawings by the caller). */
  query: string;
  onQuery(query: string): void;
  onPick(index: number): void;
  label: string;
  placeholder: string;
  focusKey: string;
  /** Whether the box, on getting the focus, lists the matches at once (为什么 before a leader is picked). */
  openOnFocus?: () => boolean;
  /** Drawn under the box, inside the picker. */
  footer?: HTMLElement;
}

export function leaderCombo(ctx: ViewContext, o: LeaderComboOptions): HTMLElement {
  const id = uid("kp-leader-search");
  const listId = `${id}-list`;
  const input = h("input", {
    id,
    type: "text",
    class: "kp-input kp-search",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    placeholder: o.placeholder,
    "data-focus": o.focusKey,
  });
  input.value = o.query;
  const listbox = h("ul", {
    class: "kp-options",
    role: "listbox",
    id: listId,
    "aria-label": ctx.t("why.matches"),
    hidden: true,
  });
  const more = h("p", { class: "kp-muted kp-small kp-options-more", hidden: true, "aria-live": "polite" });
  let query = o.query;
  let matches: number[] = [];
  let active = -1;
  let pressing = false;

  const setActive = (i: number) => {
    active = i;
    for (let k = 0; k < listbox.children.length; k++) {
      const opt = listbox.children[k] as HTMLElement;
      const on = k === i;
      opt.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        opt.classList.add("kp-option-active");
        input.setAttribute("aria-activedescendant", opt.id);
        if (opt.offsetTop < listbox.scrollTop) listbox.scrollTop = opt.offsetTop;
        else if (opt.offsetTop + opt.offsetHeight > listbox.scrollTop + listbox.clientHeight)
          listbox.scrollTop = opt.offsetTop + opt.offsetHeight - listbox.clientHeight;
      } else opt.classList.remove("kp-option-active");
    }
    if (i < 0) input.removeAttribute("aria-activedescendant");
  };

  const open = (yes: boolean) => {
    setHidden(listbox, !yes);
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) {
      setHidden(more, true);
      setActive(-1);
    }
  };

  const choose = (i: number) => {
    open(false);
    o.onPick(i);
  };

  const fill = () => {
    matches = filterLeaders(o.leaders, input.value);
    clear(listbox);
    const shown = matches.slice(0, MAX_MATCHES);
    shown.forEach((li, k) => {
      const l = o.leaders[li];
      const opt = h(
        "li",
        {
          class: "kp-option",
          role: "option",
          id: `${listId}-${k}`,
          "aria-selected": "false",
          "data-leader": String(li),
        },
        h("span", { class: "kp-option-name" }, l.name),
        h("span", { class: "kp-option-unit" }, l.unit),
        h(
          "span",
          { class: "kp-option-rank" },
          l.rank === null ? gradeLabel(ctx, l.grade) : ctx.t("why.rankShort", { rank: l.rank }),
        ),
      );
      opt.addEventListener("click", () => choose(li));
      listbox.appendChild(opt);
    });
    if (matches.length === 0) {
      more.textContent = ctx.t("why.noMatch");
      setHidden(more, false);
    } else if (matches.length > MAX_MATCHES) {
      more.textContent = ctx.t("why.more", { n: matches.length - MAX_MATCHES });
      setHidden(more, false);
    } else setHidden(more, true);
    setActive(shown.length > 0 ? 0 : -1);
  };

  input.addEventListener("input", () => {
    // Internet Explorer also fires "input" when a box with a placeholder gets or loses the focus.
    if (input.value === query) return;
    query = input.value;
    o.onQuery(query);
    fill();
    open(true);
  });
  input.addEventListener("focus", () => {
    pressing = false;
    if (o.openOnFocus?.()) {
      fill();
      open(true);
    }
  });
  // A mouse press on the list must not close it before the click lands. The default of mousedown (moving
  // the focus off the box) is prevented, and where that does not keep the focus (Internet Explorer), the
  // blur that follows a press on the list leaves the list open.
  listbox.addEventListener("mousedown", (e) => {
    pressing = true;
    e.preventDefault();
  });
  listbox.addEventListener("click", () => {
    pressing = false;
  });
  input.addEventListener("blur", () => {
    if (!pressing) open(false);
  });
  input.addEventListener("keydown", (e) => {
    const isOpen = !listbox.hasAttribute("hidden");
    const n = listbox.children.length;
    switch (e.key) {
      case "ArrowDown":
      case "Down":
        e.preventDefault();
        if (!isOpen) {
          fill();
          open(true);
        } else if (n > 0) setActive(Math.min(n - 1, active + 1));
        break;
      case "ArrowUp":
      case "Up":
        e.preventDefault();
        if (isOpen && n > 0) setActive(Math.max(0, active - 1));
        break;
      case "Enter":
        if (isOpen && active >= 0 && active < n) {
          e.preventDefault();
          choose(matches[active]);
        }
        break;
      case "Escape":
      case "Esc":
        if (isOpen) {
          e.preventDefault();
          open(false);
        }
        break;
    }
  });

  return h(
    "div",
    { class: "kp-picker" },
    h("label", { class: "kp-label", for: id }, o.label),
    h("div", { class: "kp-combo" }, input, listbox, more),
    o.footer ?? null,
  );
}
