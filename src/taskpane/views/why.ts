/**
 * 为什么: pick a leader (a search box with a list of matches, or the row selected in 考核结果) and read the
 * explanation of explainLeader — every input, intermediate value, weight, cap and the quota decision, in
 * plain Chinese, section by section; a line that comes from a cell links to it.
 */
import type { LeaderResult } from "../../engine/types";
import { explainLeader } from "../../engine/explainText";
import type { Method } from "../../method/types";
import type { ViewContext } from "../app";
import { button, cellLink, gradeChip, messageBar } from "../components";
import { clear, h, setHidden, uid } from "../dom";
import { filterLeaders, formatPercent, formatScore } from "../format";
import type { MessageKey } from "../i18n";
import { flashBar, gradeLabel } from "./shared";

/** Matches listed at most; more narrow down by typing. */
export const MAX_MATCHES = 50;

function picker(ctx: ViewContext, leaders: readonly LeaderResult[]): HTMLElement {
  const s = ctx.state;
  const id = uid("kp-why-search");
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
    placeholder: ctx.t("why.searchPlaceholder"),
    "data-focus": "why:search",
  });
  input.value = s.whyQuery;
  const listbox = h("ul", {
    class: "kp-options",
    role: "listbox",
    id: listId,
    "aria-label": ctx.t("why.matches"),
    hidden: true,
  });
  const more = h("p", { class: "kp-muted kp-small kp-options-more", hidden: true, "aria-live": "polite" });
  let matches: number[] = [];
  let active = -1;

  const setActive = (i: number) => {
    active = i;
    for (let k = 0; k < listbox.children.length; k++) {
      const opt = listbox.children[k];
      const on = k === i;
      opt.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        opt.classList.add("kp-option-active");
        input.setAttribute("aria-activedescendant", opt.id);
        const o = opt as HTMLElement;
        const box = listbox;
        if (o.offsetTop < box.scrollTop) box.scrollTop = o.offsetTop;
        else if (o.offsetTop + o.offsetHeight > box.scrollTop + box.clientHeight)
          box.scrollTop = o.offsetTop + o.offsetHeight - box.clientHeight;
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
    ctx.ops.showWhy(i);
  };

  const fill = () => {
    matches = filterLeaders(leaders, input.value);
    clear(listbox);
    const shown = matches.slice(0, MAX_MATCHES);
    shown.forEach((li, k) => {
      const l = leaders[li];
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

  // A mouse press on the list must not close it before the click lands. The default of mousedown (moving
  // the focus off the box) is prevented, and where that does not keep the focus (Internet Explorer), the
  // blur that follows a press on the list leaves the list open.
  let pressing = false;
  input.addEventListener("input", () => {
    // Internet Explorer also fires "input" when a box with a placeholder gets or loses the focus.
    if (input.value === s.whyQuery) return;
    s.whyQuery = input.value;
    fill();
    open(true);
  });
  input.addEventListener("focus", () => {
    pressing = false;
    if (s.whyIndex === null) {
      fill();
      open(true);
    }
  });
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

  const selection = button(ctx, {
    label: ctx.t("why.useSelection"),
    kind: "secondary",
    onClick: ctx.ops.whyFromSelection,
    focusKey: "why:selection",
  });
  return h(
    "div",
    { class: "kp-picker" },
    h("label", { class: "kp-label", for: id }, ctx.t("why.search")),
    h("div", { class: "kp-combo" }, input, listbox, more),
    h("div", { class: "kp-row" }, selection),
  );
}

const FACTS: readonly [MessageKey, (l: LeaderResult) => string][] = [
  ["why.economic", (l) => formatScore(l.economic)],
  ["why.work", (l) => formatScore(l.work)],
  ["why.democratic", (l) => formatScore(l.democratic)],
  ["why.adjustment", (l) => formatScore(l.adjustment)],
  ["why.excellentRate", (l) => formatPercent(l.excellentRate)],
];

function explanation(ctx: ViewContext, l: LeaderResult, method: Method): HTMLElement {
  const sections = explainLeader(l, method);
  const grade = gradeLabel(ctx, l.grade);
  const facts = h(
    "dl",
    { class: "kp-facts" },
    h(
      "div",
      { class: "kp-fact" },
      h("dt", null, ctx.t("why.final")),
      h("dd", { class: "kp-fact-big", "data-fact": "final" }, formatScore(l.final)),
    ),
    h(
      "div",
      { class: "kp-fact" },
      h("dt", null, ctx.t("why.rank")),
      h("dd", { "data-fact": "rank" }, l.rank === null ? "—" : String(l.rank)),
    ),
    h(
      "div",
      { class: "kp-fact" },
      h("dt", null, ctx.t("why.grade")),
      h("dd", { "data-fact": "grade" }, gradeChip(l.grade, grade)),
    ),
  );
  const parts = h(
    "dl",
    { class: "kp-facts kp-facts-small" },
    FACTS.map(([key, value]) => h("div", { class: "kp-fact" }, h("dt", null, ctx.t(key)), h("dd", null, value(l)))),
  );
  const flags =
    l.flags.length > 0
      ? messageBar(
          l.status === "pending" ? "warning" : "info",
          h(
            "ul",
            { class: "kp-lines" },
            l.flags.map((f) => h("li", null, f.message)),
          ),
          { title: ctx.t("why.flags") },
        )
      : null;
  const body = sections.map((sec, si) =>
    h(
      "section",
      { class: "kp-explain-section", "aria-labelledby": `kp-why-s${si}` },
      h("h3", { class: "kp-h3", id: `kp-why-s${si}` }, sec.title),
      h(
        "ol",
        { class: "kp-explain-lines" },
        sec.lines.map((line, li) =>
          h(
            "li",
            { class: "kp-explain-line" },
            h("span", { class: "kp-explain-text" }, line.text),
            line.cell
              ? cellLink(
                  ctx,
                  line.cell,
                  ctx.t("diag.selectCell", { cell: line.cell }),
                  ctx.ops.selectCell,
                  `why:cell:${si}:${li}`,
                )
              : null,
          ),
        ),
      ),
    ),
  );
  return h(
    "article",
    { class: "kp-explain", "aria-labelledby": "kp-why-name", "data-leader": String(l.index) },
    h(
      "header",
      { class: "kp-explain-head" },
      h("h2", { class: "kp-h1", id: "kp-why-name", tabindex: "-1", "data-focus": "why:heading" }, l.name),
      h("p", { class: "kp-muted" }, [l.unit, l.position].filter((x) => x !== "").join(" · ")),
      facts,
      parts,
    ),
    flags,
    body,
    h("p", { class: "kp-faint" }, ctx.t("why.basis")),
  );
}

export function renderWhy(ctx: ViewContext): HTMLElement {
  const s = ctx.state;
  const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("why.title")));
  if (!s.scored) {
    return h(
      "div",
      { class: "kp-view" },
      head,
      flashBar(ctx, "why"),
      messageBar("info", [
        h("p", null, ctx.t("why.needRun")),
        button(ctx, {
          label: ctx.t("why.goCalculate"),
          kind: "link",
          onClick: () => ctx.go("calculate", "calc:run"),
          focusKey: "why:go",
        }),
      ]),
    );
  }
  const leaders = s.scored.assessment.leaders;
  const chosen = s.whyIndex !== null && s.whyIndex < leaders.length ? leaders[s.whyIndex] : null;
  return h(
    "div",
    { class: "kp-view" },
    head,
    flashBar(ctx, "why"),
    picker(ctx, leaders),
    chosen ? explanation(ctx, chosen, s.scored.method) : h("p", { class: "kp-muted" }, ctx.t("why.pick")),
  );
}
