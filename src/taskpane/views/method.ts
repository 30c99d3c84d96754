/**
 * 方法: the method's weights and thresholds as a form. Messages come from loadMethod and are shown next to
 * the field they name (checked when a field is left and on Save); Save writes the 考核方法 sheet. The form is
 * not drawn again while the user types: fields update their messages in place.
 */
import type { ViewContext } from "../app";
import { button, messageBar } from "../components";
import { type Child, clear, h, setClass, setHidden, uid } from "../dom";
import { type MessageKey, parameterLabel } from "../i18n";
import {
  type FieldSpec,
  type FormCheck,
  type FormSection,
  type MethodForm,
  type RulePart,
  type SectionId,
  addIndicator,
  addRule,
  checkForm,
  formSections,
  removeIndicator,
  removeRule,
} from "../methodForm";
import { diagnosticList } from "./diagnostics";
import { flashBar, gradeLabel } from "./shared";

const SECTION_TITLES: Record<SectionId, MessageKey> = {
  basic: "method.section.basic",
  indicators: "method.section.indicators",
  economic: "method.section.economic",
  work: "method.section.work",
  democratic: "method.section.democratic",
  final: "method.section.final",
  grades: "method.section.grades",
  personal: "method.section.personal",
  qualification: "method.section.qualification",
};

const SECTION_HINTS: Partial<Record<SectionId, MessageKey>> = {
  indicators: "method.hint.indicators",
  work: "method.hint.work",
  final: "method.hint.final",
  grades: "method.hint.grades",
  democratic: "method.hint.democratic",
  economic: "method.hint.economic",
  personal: "method.hint.personal",
  qualification: "method.hint.qualification",
};

const INDICATOR_PARTS: Record<"name" | "aliases" | "weight" | "direction", MessageKey> = {
  name: "method.ind.name",
  aliases: "method.ind.aliases",
  weight: "method.ind.weight",
  direction: "method.ind.direction",
};

const RULE_PARTS: Record<RulePart, MessageKey> = {
  name: "method.rule.name",
  aliases: "method.rule.aliases",
  effect: "method.rule.effect",
  minDays: "method.rule.minDays",
};

const OPTION_LABELS: Record<string, Record<string, MessageKey>> = {
  "ranking.ties": { competition: "method.ties.competition", dense: "method.ties.dense" },
  "grades.quotaRounding": { floor: "method.rounding.floor", round: "method.rounding.round" },
  "grades.voteCaps": { cap: "method.voteCaps.cap", flag: "method.voteCaps.flag" },
};

const EFFECT_LABELS: Record<string, MessageKey> = {
  pending: "method.effect.pending",
  unfit: "method.effect.unfit",
  noGrade: "method.effect.noGrade",
  noExcellent: "method.effect.noExcellent",
};

export function fieldLabel(ctx: Pick<ViewContext, "t" | "lang">, f: FieldSpec): string {
  const l = f.label;
  switch (l.kind) {
    case "parameter":
      return parameterLabel(f.path, ctx.lang);
    case "indicator":
      return ctx.t(INDICATOR_PARTS[l.part]);
    case "rule":
      return ctx.t(RULE_PARTS[l.part]);
    case "dimension":
      return ctx.t("method.dimensionWeight", { name: l.name });
    case "group":
      return ctx.t("method.groupWeight", { name: l.name });
    case "band":
      return ctx.t("method.bandMin", { grade: gradeLabel(ctx, l.grade) });
  }
}

export function optionLabel(ctx: Pick<ViewContext, "t">, f: FieldSpec, value: string): string {
  if (f.path.slice(-10) === ".direction")
    return ctx.t(value === "lower" ? "method.direction.lower" : "method.direction.higher");
  const words = OPTION_LABELS[f.path];
  if (words && words[value]) return ctx.t(words[value]);
  if (f.label.kind === "rule" && f.label.part === "effect" && EFFECT_LABELS[value]) return ctx.t(EFFECT_LABELS[value]);
  if (f.path === "grades.vetoCap" || f.path === "grades.lossCap") return gradeLabel(ctx, value);
  return value;
}

interface FieldView {
  control: HTMLInputElement | HTMLSelectElement;
  message: HTMLElement;
  describedBy: string;
}

/** The fields drawn, so that a check can put its messages in place without drawing the form again. */
let drawn: {
  fields: Record<string, FieldView>;
  sections: Partial<Record<SectionId, HTMLElement>>;
  general: HTMLElement | null;
} = {
  fields: {},
  sections: {},
  general: null,
};

function showCheck(ctx: ViewContext, check: FormCheck | null): void {
  for (const path of Object.keys(drawn.fields)) {
    const v = drawn.fields[path];
    const msgs = check ? check.placed.fields[path] : undefined;
    v.message.textContent = msgs ? msgs.join("；") : "";
    setHidden(v.message, !msgs);
    setClass(v.control, "kp-invalid", !!msgs);
    if (msgs) {
      v.control.setAttribute("aria-invalid", "true");
      v.control.setAttribute("aria-describedby", `${v.message.id} ${v.describedBy}`.trim());
    } else {
      v.control.removeAttribute("aria-invalid");
      if (v.describedBy) v.control.setAttribute("aria-describedby", v.describedBy);
      else v.control.removeAttribute("aria-describedby");
    }
  }
  for (const id of Object.keys(drawn.sections) as SectionId[]) {
    const el = drawn.sections[id];
    if (!el) continue;
    const msgs = check ? check.placed.sections[id] : undefined;
    clear(el);
    if (msgs) for (const m of msgs) el.appendChild(h("li", null, m));
    setHidden(el, !msgs);
  }
  if (drawn.general) {
    const msgs = check ? check.placed.general : [];
    clear(drawn.general);
    for (const m of msgs) drawn.general.appendChild(h("li", null, m));
    setHidden(drawn.general, msgs.length === 0);
  }
  // The count in the flash follows the fields as they are fixed.
  const flash = ctx.state.flash.method;
  if (flash && flash.kind === "error" && check) {
    const bar = document.getElementById("kp-method-count");
    if (check.count === 0) {
      delete ctx.state.flash.method;
      if (bar) setHidden(bar, true);
    } else {
      flash.text = ctx.t("method.invalid", { n: check.count });
      if (bar) bar.textContent = flash.text;
    }
  }
}

function recheck(ctx: ViewContext): void {
  const m = ctx.state.method;
  if (!m.form) return;
  m.check = checkForm(m.form);
  showCheck(ctx, m.check);
}

function field(ctx: ViewContext, form: MethodForm, f: FieldSpec, extraClass = ""): HTMLElement {
  const id = uid("kp-f");
  const msgId = `${id}-msg`;
  const label = fieldLabel(ctx, f);
  const value = form.values[f.path];
  const focus = `field:${f.path}`;
  const onValue = (v: string | boolean, validate: boolean) => {
    const m = ctx.state.method;
    if (!m.form) return;
    m.form.values[f.path] = v;
    ctx.ops.methodChanged();
    // Once messages are showing, they follow each keystroke; otherwise a field is checked when left.
    if (validate || m.check) recheck(ctx);
  };
  let control: HTMLInputElement | HTMLSelectElement;
  if (f.kind === "bool") {
    const box = h("input", { id, type: "checkbox", class: "kp-check", "data-focus": focus, "data-path": f.path });
    box.checked = value === true;
    box.addEventListener("change", () => onValue(box.checked, true));
    control = box;
    const wrap = h(
      "div",
      { class: `kp-field kp-field-check ${extraClass}` },
      h("span", { class: "kp-check-row" }, box, h("label", { for: id, class: "kp-check-label" }, label)),
      h("p", { class: "kp-field-error", id: msgId, hidden: true }),
    );
    drawn.fields[f.path] = { control, message: wrap.lastChild as HTMLElement, describedBy: "" };
    return wrap;
  }
  if (f.kind === "select") {
    const sel = h(
      "select",
      { id, class: "kp-select", "data-focus": focus, "data-path": f.path },
      (f.options ?? []).map((o) => h("option", { value: o }, optionLabel(ctx, f, o))),
    );
    sel.value = typeof value === "string" ? value : "";
    sel.addEventListener("change", () => onValue(sel.value, true));
    control = sel;
  } else {
    const numeric = f.kind === "number" || f.kind === "percent" || f.kind === "optionalNumber";
    const input = h("input", {
      id,
      type: "text",
      class: `kp-input${numeric ? " kp-input-number" : ""}`,
      inputmode: numeric ? "decimal" : null,
      placeholder: f.kind === "date" ? "YYYY-MM-DD" : null,
      autocomplete: "off",
      spellcheck: "false",
      "data-focus": focus,
      "data-path": f.path,
    });
    input.value = typeof value === "string" ? value : "";
    input.addEventListener("input", () => onValue(input.value, false));
    input.addEventListener("change", () => onValue(input.value, true));
    control = input;
  }
  const hintKey: MessageKey | null =
    f.kind === "list"
      ? "method.hint.list"
      : f.kind === "date"
        ? "method.hint.date"
        : f.kind === "percent"
          ? "method.hint.percent"
          : f.kind === "optionalText"
            ? "method.hint.quotaGroupColumn"
            : null;
  const hintId = hintKey ? `${id}-hint` : "";
  if (hintId) control.setAttribute("aria-describedby", hintId);
  const msg = h("p", { class: "kp-field-error", id: msgId, hidden: true });
  drawn.fields[f.path] = { control, message: msg, describedBy: hintId };
  return h(
    "div",
    { class: `kp-field ${extraClass}` },
    h("label", { class: "kp-label", for: id }, label),
    control,
    msg,
    hintKey ? h("p", { class: "kp-hint", id: hintId }, ctx.t(hintKey)) : null,
  );
}

function indicatorCards(ctx: ViewContext, form: MethodForm, section: FormSection): HTMLElement[] {
  const cards: HTMLElement[] = [];
  for (let i = 0; i < form.indicators; i++) {
    const at = `economic.indicators[${i}]`;
    const get = (part: string) => section.fields.filter((f) => f.path === `${at}.${part}`)[0];
    const name = form.values[`${at}.name`];
    const title = typeof name === "string" && name.trim() !== "" ? name : ctx.t("method.ind.untitled", { n: i + 1 });
    const index = i;
    const remove = button(ctx, {
      label: ctx.t("method.ind.remove"),
      kind: "subtle",
      icon: "✕",
      ariaLabel: ctx.t("method.ind.removeLabel", { name: title }),
      focusKey: `ind:remove:${i}`,
      onClick: () => {
        const m = ctx.state.method;
        if (!m.form) return;
        m.form = removeIndicator(m.form, index);
        if (m.check) m.check = checkForm(m.form);
        ctx.focusAfterRender(index < m.form.indicators ? `ind:remove:${index}` : "ind:add");
        ctx.render();
        ctx.ops.methodChanged();
      },
    });
    cards.push(
      h(
        "fieldset",
        { class: "kp-card kp-indicator", "data-indicator": String(i) },
        h("legend", { class: "kp-card-title" }, ctx.t("method.ind.title", { n: i + 1 })),
        h(
          "div",
          { class: "kp-field-row" },
          field(ctx, form, get("name"), "kp-grow"),
          field(ctx, form, get("weight"), "kp-narrow"),
        ),
        h(
          "div",
          { class: "kp-field-row" },
          field(ctx, form, get("direction"), "kp-grow"),
          h("div", { class: "kp-field kp-field-action" }, remove),
        ),
        field(ctx, form, get("aliases")),
      ),
    );
  }
  cards.push(
    h(
      "div",
      { class: "kp-row" },
      button(ctx, {
        label: ctx.t("method.ind.add"),
        kind: "secondary",
        icon: "＋",
        focusKey: "ind:add",
        onClick: () => {
          const m = ctx.state.method;
          if (!m.form) return;
          m.form = addIndicator(m.form);
          if (m.check) m.check = checkForm(m.form);
          ctx.focusAfterRender(`field:economic.indicators[${m.form.indicators - 1}].name`);
          ctx.render();
          ctx.ops.methodChanged();
        },
      }),
    ),
  );
  return cards;
}

function ruleCards(ctx: ViewContext, form: MethodForm, section: FormSection): HTMLElement[] {
  const cards: HTMLElement[] = [];
  for (let i = 0; i < form.rules; i++) {
    const at = `personal.rules[${i}]`;
    const get = (part: RulePart) => section.fields.filter((f) => f.path === `${at}.${part}`)[0];
    const name = form.values[`${at}.name`];
    const title = typeof name === "string" && name.trim() !== "" ? name : ctx.t("method.rule.title", { n: i + 1 });
    const index = i;
    const remove = button(ctx, {
      label: ctx.t("method.ind.remove"),
      kind: "subtle",
      icon: "✕",
      ariaLabel: ctx.t("method.rule.removeLabel", { name: title }),
      focusKey: `rule:remove:${i}`,
      onClick: () => {
        const m = ctx.state.method;
        if (!m.form) return;
        m.form = removeRule(m.form, index);
        if (m.check) m.check = checkForm(m.form);
        ctx.focusAfterRender(index < m.form.rules ? `rule:remove:${index}` : "rule:add");
        ctx.render();
        ctx.ops.methodChanged();
      },
    });
    cards.push(
      h(
        "fieldset",
        { class: "kp-card kp-rule", "data-rule": String(i) },
        h("legend", { class: "kp-card-title" }, ctx.t("method.rule.title", { n: i + 1 })),
        h(
          "div",
          { class: "kp-field-row" },
          field(ctx, form, get("name"), "kp-grow"),
          field(ctx, form, get("minDays"), "kp-narrow"),
        ),
        h(
          "div",
          { class: "kp-field-row" },
          field(ctx, form, get("effect"), "kp-grow"),
          h("div", { class: "kp-field kp-field-action" }, remove),
        ),
        field(ctx, form, get("aliases")),
      ),
    );
  }
  cards.push(
    h(
      "div",
      { class: "kp-row" },
      button(ctx, {
        label: ctx.t("method.rule.add"),
        kind: "secondary",
        icon: "＋",
        focusKey: "rule:add",
        onClick: () => {
          const m = ctx.state.method;
          if (!m.form) return;
          m.form = addRule(m.form);
          if (m.check) m.check = checkForm(m.form);
          ctx.focusAfterRender(`field:personal.rules[${m.form.rules - 1}].name`);
          ctx.render();
          ctx.ops.methodChanged();
        },
      }),
    ),
  );
  return cards;
}

function sectionView(ctx: ViewContext, form: MethodForm, section: FormSection): HTMLElement {
  const titleId = `kp-ms-${section.id}`;
  const issues = h("ul", { class: "kp-section-errors", hidden: true, role: "list" });
  drawn.sections[section.id] = issues;
  const hint = SECTION_HINTS[section.id];
  let body: Child[];
  if (section.id === "indicators") body = indicatorCards(ctx, form, section);
  else if (section.id === "personal") body = ruleCards(ctx, form, section);
  else {
    // Numbers two to a row where the pane is wide enough (flex-wrap; no grid for Internet Explorer).
    body = [
      h(
        "div",
        { class: "kp-field-grid" },
        section.fields.map((f) =>
          field(
            ctx,
            form,
            f,
            f.kind === "bool" ||
              f.kind === "list" ||
              f.kind === "text" ||
              f.kind === "optionalText" ||
              f.kind === "date" ||
              f.kind === "select"
              ? "kp-wide"
              : "kp-half",
          ),
        ),
      ),
    ];
  }
  return h(
    "section",
    { class: "kp-section kp-method-section", "aria-labelledby": titleId, "data-section": section.id },
    h("h3", { class: "kp-h2", id: titleId }, ctx.t(SECTION_TITLES[section.id])),
    hint ? h("p", { class: "kp-muted kp-small" }, ctx.t(hint)) : null,
    issues,
    body,
  );
}

export function renderMethod(ctx: ViewContext): HTMLElement {
  const m = ctx.state.method;
  drawn = { fields: {}, sections: {}, general: null };
  const head = h("div", { class: "kp-view-head" }, h("h2", { class: "kp-h1" }, ctx.t("method.title")));
  const reload = button(ctx, {
    label: ctx.t("method.reload"),
    kind: "secondary",
    icon: "↻",
    onClick: ctx.ops.reloadMethod,
    focusKey: "method:reload",
  });
  if (!m.form) {
    return h(
      "div",
      { class: "kp-view" },
      head,
      flashBar(ctx, "method"),
      h("p", { class: "kp-muted" }, ctx.busy ? ctx.t("method.loading") : ctx.t("method.notLoaded")),
      h("div", { class: "kp-row" }, reload),
    );
  }
  const form = m.form;
  const save = (key: string) =>
    button(ctx, {
      label: ctx.t("method.save"),
      kind: "primary",
      icon: "✓",
      onClick: ctx.ops.saveMethod,
      focusKey: key,
    });
  const flash = ctx.state.flash.method;
  const flashEl = flash
    ? messageBar(flash.kind, h("span", { id: flash.kind === "error" ? "kp-method-count" : null }, flash.text), {
        live: true,
      })
    : null;
  const general = h("ul", { class: "kp-section-errors", hidden: true });
  drawn.general = general;
  const source =
    m.sheetErrors.length > 0
      ? messageBar("error", [
          h("p", null, ctx.t("method.sheetErrors")),
          diagnosticList(ctx, m.sheetErrors, { label: ctx.t("method.sheetErrorsLabel"), key: "mdiag" }),
        ])
      : h(
          "p",
          { class: "kp-muted kp-small", "data-line": "source" },
          ctx.t(m.source === "defaults" ? "method.sourceDefaults" : "method.sourceSheet"),
        );
  const dirty = h("span", { class: "kp-dirty", id: "kp-method-dirty", hidden: !isDirty(ctx) }, ctx.t("method.dirty"));
  const view = h(
    "div",
    { class: "kp-view kp-method" },
    head,
    flashEl,
    h("p", { class: "kp-muted" }, ctx.t("method.intro")),
    source,
    h("div", { class: "kp-row" }, save("method:save"), reload, dirty),
    general,
    formSections(form).map((sec) => sectionView(ctx, form, sec)),
    h("div", { class: "kp-row kp-row-bottom" }, save("method:save2")),
  );
  showCheck(ctx, m.check);
  return view;
}

function isDirty(ctx: ViewContext): boolean {
  return ctx.methodDirty();
}
