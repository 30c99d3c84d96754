/**
 * The 方法 view's form as pure data: a Method → field values (strings as typed, booleans for check boxes) →
 * a method document → loadMethod's issues, each placed next to the field (or section) whose path it names.
 * The form never validates on its own: every message is loadMethod's, so the pane, the sheet and the CLI
 * agree on what a valid method is. Parts of the method the form does not show are carried over unchanged.
 */
import {
  EDUCATION_LEVELS,
  GRADES,
  PERSONAL_EFFECTS,
  TITLE_LEVELS,
  loadMethod,
  type MethodIssue,
  type MethodResult,
} from "../method/schema";
import type { Method } from "../method/types";
import { foldWidth, removeSpaces } from "../workbook/normalize";
import { normalizeDateInput } from "./format";

/** `optionalText`: blank is null (e.g. no quota group column); `optionalNumber`: blank leaves the key out. */
export type FieldKind =
  "text" | "optionalText" | "number" | "optionalNumber" | "percent" | "bool" | "date" | "select" | "list";

export type SectionId =
  "basic" | "indicators" | "economic" | "work" | "democratic" | "final" | "grades" | "personal" | "qualification";

/** The parts of a row of the 个人情况 rules (docs/method.md §10.1), as on the 考核方法 sheet. */
export type RulePart = "name" | "aliases" | "effect" | "minDays";

/** How a field is labelled: a scalar parameter of the 考核方法 sheet, or a row of a list section. */
export type FieldLabel =
  | { kind: "parameter" }
  | { kind: "indicator"; part: "name" | "aliases" | "weight" | "direction"; index: number }
  | { kind: "rule"; part: RulePart; index: number }
  | { kind: "dimension"; name: string }
  | { kind: "group"; name: string }
  | { kind: "band"; grade: string };

export interface FieldSpec {
  path: string;
  kind: FieldKind;
  label: FieldLabel;
  /** For selects: the values offered (labels are the view's business). */
  options?: readonly string[];
}

export interface FormSection {
  id: SectionId;
  fields: FieldSpec[];
}

export type FieldValue = string | boolean;

export interface MethodForm {
  /** The method the form was filled from; what the form does not show is taken from here. */
  base: Method;
  /** Rows of 经营业绩指标. */
  indicators: number;
  /** Rows of 个人情况规则. */
  rules: number;
  /** Dimension names (the keys of democratic.dimensions), in order. */
  dimensions: string[];
  /** By field path. */
  values: Record<string, FieldValue>;
}

const p = (path: string, kind: FieldKind, options?: readonly string[]): FieldSpec => ({
  path,
  kind,
  label: { kind: "parameter" },
  ...(options ? { options } : {}),
});

export const DIRECTIONS = ["higher", "lower"] as const;
export const TIE_MODES = ["competition", "dense"] as const;
export const QUOTA_ROUNDINGS = ["floor", "round"] as const;
export const VOTE_CAP_MODES = ["cap", "flag"] as const;

/** The rows of a form: what formSections needs. */
export type FormShape = Pick<MethodForm, "indicators" | "rules" | "dimensions" | "base">;

function ruleFields(index: number): FieldSpec[] {
  const at = `personal.rules[${index}]`;
  const f = (part: RulePart, kind: FieldKind, options?: readonly string[]): FieldSpec => ({
    path: `${at}.${part}`,
    kind,
    label: { kind: "rule", part, index },
    ...(options ? { options } : {}),
  });
  return [
    f("name", "text"),
    f("minDays", "optionalNumber"),
    f("effect", "select", PERSONAL_EFFECTS),
    f("aliases", "list"),
  ];
}

/** The sections of the form, in the order shown, for this form's rows. */
export function formSections(form: FormShape): FormSection[] {
  const indicatorFields: FieldSpec[] = [];
  for (let i = 0; i < form.indicators; i++) {
    const at = `economic.indicators[${i}]`;
    indicatorFields.push(
      { path: `${at}.name`, kind: "text", label: { kind: "indicator", part: "name", index: i } },
      { path: `${at}.weight`, kind: "number", label: { kind: "indicator", part: "weight", index: i } },
      {
        path: `${at}.direction`,
        kind: "select",
        options: DIRECTIONS,
        label: { kind: "indicator", part: "direction", index: i },
      },
      { path: `${at}.aliases`, kind: "list", label: { kind: "indicator", part: "aliases", index: i } },
    );
  }
  return [
    { id: "basic", fields: [p("name", "text"), p("referenceDate", "date")] },
    { id: "indicators", fields: indicatorFields },
    {
      id: "work",
      fields: [
        p("work.weights.economic", "number"),
        p("work.weights.keyTasks", "number"),
        p("work.weights.partyBuilding", "number"),
        p("work.weights.safety", "number"),
      ],
    },
    {
      id: "final",
      fields: [p("final.workWeight", "number"), p("final.democraticWeight", "number"), p("final.maxBonus", "number")],
    },
    {
      id: "grades",
      fields: [
        ...GRADES.slice(0, 3).map((grade, i): FieldSpec => ({
          path: `grades.bands[${i}].min`,
          kind: "number",
          label: { kind: "band", grade },
        })),
        p("grades.excellentQuotaPercent", "percent"),
        p("grades.quotaRounding", "select", QUOTA_ROUNDINGS),
        p("grades.quotaGroupColumn", "optionalText"),
        p("grades.vetoCap", "select", GRADES),
        p("grades.lossCap", "select", GRADES),
        p("grades.voteCaps", "select", VOTE_CAP_MODES),
        p("ranking.ties", "select", TIE_MODES),
      ],
    },
    {
      id: "personal",
      fields: Array.from({ length: form.rules }, (_, i) => ruleFields(i)).reduce((a, b) => a.concat(b), []),
    },
    {
      id: "democratic",
      fields: [
        ...form.base.democratic.groups.map((g, i): FieldSpec => ({
          path: `democratic.groups[${i}].weight`,
          kind: "number",
          label: { kind: "group", name: g.name },
        })),
        ...form.dimensions.map((name): FieldSpec => ({
          path: `democratic.dimensions.${name}`,
          kind: "number",
          label: { kind: "dimension", name },
        })),
        p("democratic.minBallots", "number"),
        p("democratic.overall.name", "text"),
        p("democratic.overall.weight", "number"),
        p("democratic.overall.aliases", "list"),
      ],
    },
    {
      id: "economic",
      fields: [
        p("economic.stepPercent", "percent"),
        p("economic.pointsPerStep", "number"),
        p("economic.basePoints", "number"),
        p("economic.stepwise", "bool"),
        p("economic.maxBonusPoints", "number"),
        p("economic.maxPenaltyPoints", "number"),
        p("economic.belowBaseCapsOthers", "bool"),
        p("economic.lossReductionFactor", "number"),
        p("economic.lossMaxBonusPoints", "number"),
        p("economic.minAvailableShare", "number"),
      ],
    },
    {
      id: "qualification",
      fields: [
        p("qualification.minAge", "number"),
        p("qualification.minEducation", "select", EDUCATION_LEVELS),
        p("qualification.minPartyYears", "number"),
        p("qualification.minWorkYears", "number"),
        p("qualification.minTitle", "select", TITLE_LEVELS),
        p("qualification.minDepartments", "number"),
        p("qualification.minPostYears", "number"),
        p("qualification.health", "list"),
        p("qualification.preferredMajors", "list"),
      ],
    },
  ];
}

export function formFields(form: FormShape): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const s of formSections(form)) for (const f of s.fields) out.push(f);
  return out;
}

// ───────────────────────────── paths ─────────────────────────────

type Segment = string | number;

/** `economic.indicators[2].weight` → ["economic", "indicators", 2, "weight"]. */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of pathSegments(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = pathSegments(path);
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const key = String(segs[i]);
    let next = cur[key];
    if (next === null || typeof next !== "object") {
      next = typeof segs[i + 1] === "number" ? [] : {};
      cur[key] = next;
    }
    cur = next as Record<string, unknown>;
  }
  cur[String(segs[segs.length - 1])] = value;
}

// ───────────────────────────── method → form ─────────────────────────────

/** List fields are shown joined with “、” (as on the 考核方法 sheet). */
export const LIST_SEPARATOR = "、";

function toFieldValue(kind: FieldKind, v: unknown): FieldValue {
  if (kind === "bool") return v === true;
  if (kind === "list") return Array.isArray(v) ? v.map(String).join(LIST_SEPARATOR) : "";
  if (v === null || v === undefined) return "";
  return String(v);
}

function plainCopy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export function methodToForm(method: Method): MethodForm {
  const base = plainCopy(method);
  const form: MethodForm = {
    base,
    indicators: base.economic.indicators.length,
    rules: base.personal.rules.length,
    dimensions: Object.keys(base.democratic.dimensions),
    values: {},
  };
  for (const f of formFields(form)) form.values[f.path] = toFieldValue(f.kind, getPath(base, f.path));
  return form;
}

/** A form with one more (empty) indicator row at the end. */
export function addIndicator(form: MethodForm): MethodForm {
  const i = form.indicators;
  const values = { ...form.values };
  values[`economic.indicators[${i}].name`] = "";
  values[`economic.indicators[${i}].weight`] = "";
  values[`economic.indicators[${i}].direction`] = "higher";
  values[`economic.indicators[${i}].aliases`] = "";
  return { ...form, indicators: i + 1, values };
}

/** The values without row `index` of the list at `list` (a path); the rows below move up. */
function withoutRow(values: Record<string, FieldValue>, list: string, index: number): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const prefix = `${list}[`;
  for (const key of Object.keys(values)) {
    const m = key.indexOf(prefix) === 0 ? /^(\d+)\]\.(.*)$/.exec(key.slice(prefix.length)) : null;
    if (!m) {
      out[key] = values[key];
      continue;
    }
    const i = Number(m[1]);
    if (i === index) continue;
    out[i > index ? `${list}[${i - 1}].${m[2]}` : key] = values[key];
  }
  return out;
}

/** A form without indicator row `index`; the rows below move up. */
export function removeIndicator(form: MethodForm, index: number): MethodForm {
  if (index < 0 || index >= form.indicators) return form;
  return { ...form, indicators: form.indicators - 1, values: withoutRow(form.values, "economic.indicators", index) };
}

/** A form with one more (empty) rule of 个人情况 at the end: no days, 不得确定为优秀 until chosen. */
export function addRule(form: MethodForm): MethodForm {
  const i = form.rules;
  const values = { ...form.values };
  values[`personal.rules[${i}].name`] = "";
  values[`personal.rules[${i}].aliases`] = "";
  values[`personal.rules[${i}].effect`] = "noExcellent";
  values[`personal.rules[${i}].minDays`] = "";
  return { ...form, rules: i + 1, values };
}

/** A form without rule row `index`; the rows below move up. */
export function removeRule(form: MethodForm, index: number): MethodForm {
  if (index < 0 || index >= form.rules) return form;
  return { ...form, rules: form.rules - 1, values: withoutRow(form.values, "personal.rules", index) };
}

// ───────────────────────────── form → document ─────────────────────────────

/**
 * A number as typed: full-width digits, spaces and thousands separators are fine; a trailing % is allowed in
 * percent fields ("20%" → 20). Anything else stays the text it is, so that loadMethod names the field.
 */
export function parseNumberInput(raw: string, percent = false): number | string {
  let s = removeSpaces(foldWidth(raw))
    .replace(/,/g, "")
    .replace(/^[−－]/, "-");
  if (percent && s.length > 1 && s.charAt(s.length - 1) === "%") s = s.slice(0, -1);
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return raw;
  return Number(s);
}

export function parseListInput(raw: string): string[] {
  return foldWidth(raw)
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

function fromFieldValue(f: FieldSpec, v: FieldValue | undefined): unknown {
  switch (f.kind) {
    case "bool":
      return v === true;
    case "number":
    case "percent":
      return parseNumberInput(typeof v === "string" ? v : "", f.kind === "percent");
    case "optionalNumber": {
      const s = typeof v === "string" ? v : "";
      return s.trim() === "" ? undefined : parseNumberInput(s);
    }
    case "optionalText": {
      const s = typeof v === "string" ? v.trim() : "";
      return s === "" ? null : s;
    }
    case "list":
      return parseListInput(typeof v === "string" ? v : "");
    case "date": {
      const s = typeof v === "string" ? v : "";
      const iso = normalizeDateInput(s);
      return iso === "" ? null : iso === null ? s : iso;
    }
    default:
      return typeof v === "string" ? v.trim() : "";
  }
}

/** The method document the form describes: the base method with every field of the form put in. */
export function formToDocument(form: MethodForm): Method {
  const doc = plainCopy(form.base) as unknown as Record<string, unknown>;
  // The indicator and rule lists are rebuilt from the rows (aliases and all come from the form).
  setPath(doc, "economic.indicators", []);
  for (let i = 0; i < form.indicators; i++) setPath(doc, `economic.indicators[${i}]`, {});
  setPath(doc, "personal.rules", []);
  for (let i = 0; i < form.rules; i++) setPath(doc, `personal.rules[${i}]`, {});
  // Dimension weights are keyed by name; the form does not rename or add dimensions.
  for (const f of formFields(form)) {
    const v = fromFieldValue(f, form.values[f.path]);
    if (v !== undefined) setPath(doc, f.path, v);
  }
  return doc as unknown as Method;
}

// ───────────────────────────── issues → fields ─────────────────────────────

export interface PlacedIssues {
  /** Messages by field path. */
  fields: Record<string, string[]>;
  /** Messages about a whole section (a sum of weights, a list), with the path when it helps. */
  sections: Partial<Record<SectionId, string[]>>;
  /** Issues that belong to no field or section the form shows, as "path：message". */
  general: string[];
}

/** Which section a path of the method document belongs to, if any. */
export function sectionOfPath(path: string): SectionId | null {
  const first = pathSegments(path);
  const head = String(first[0] ?? "");
  const second = String(first[1] ?? "");
  if (head === "name" || head === "referenceDate") return "basic";
  if (head === "economic") return second === "indicators" ? "indicators" : "economic";
  if (head === "work") return "work";
  if (head === "final") return "final";
  if (head === "grades" || head === "ranking") return "grades";
  if (head === "personal") return "personal";
  if (head === "democratic") return "democratic";
  if (head === "qualification") return "qualification";
  return null;
}

/**
 * Puts each issue next to the field it names; a path below a field (`…aliases[1]`) goes to that field;
 * a path above the fields (`work.weights`) goes to its section.
 */
export function placeIssues(issues: readonly MethodIssue[], fieldPaths: readonly string[]): PlacedIssues {
  const known = new Set(fieldPaths);
  const out: PlacedIssues = { fields: {}, sections: {}, general: [] };
  for (const issue of issues) {
    let path = issue.path;
    let field: string | null = null;
    for (;;) {
      if (known.has(path)) {
        field = path;
        break;
      }
      const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      if (cut <= 0) break;
      path = path.slice(0, cut);
    }
    if (field !== null) {
      (out.fields[field] = out.fields[field] || []).push(issue.message);
      continue;
    }
    const section = sectionOfPath(issue.path);
    if (section !== null) (out.sections[section] = out.sections[section] || []).push(`${issue.path}：${issue.message}`);
    else out.general.push(`${issue.path}：${issue.message}`);
  }
  return out;
}

export interface FormCheck {
  doc: Method;
  result: MethodResult;
  placed: PlacedIssues;
  /** Issues in all. */
  count: number;
}

/** Builds the document and validates it with loadMethod, placing every issue. */
export function checkForm(form: MethodForm): FormCheck {
  const doc = formToDocument(form);
  const result = loadMethod(doc);
  const issues = result.ok ? [] : result.errors;
  return {
    doc,
    result,
    placed: placeIssues(
      issues,
      formFields(form).map((f) => f.path),
    ),
    count: issues.length,
  };
}

/** Whether two forms describe the same document (for "unsaved changes"). */
export function sameDocument(a: MethodForm, b: MethodForm): boolean {
  return JSON.stringify(formToDocument(a)) === JSON.stringify(formToDocument(b));
}
