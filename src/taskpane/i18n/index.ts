/**
 * The pane's words, Chinese by default with an English switch. Every string the pane itself shows comes
 * from here; text from the workbook and the core's Chinese messages (diagnostics, explanations, Excel
 * errors) are shown as they are in both languages. Placeholders are `{name}`.
 */
import { METHOD_SHEET_PARAMETERS } from "../../workbook/methodSheet";
import { type MessageKey, zh } from "./zh";

export type { MessageKey } from "./zh";
export type Lang = "zh" | "en";
export type Params = Readonly<Record<string, string | number>>;

export type Dictionary = Readonly<Record<MessageKey, string>>;

/**
 * The dictionaries at hand. English is a chunk of its own, fetched when chosen (loadLanguage): nearly every
 * user reads Chinese, and the entry a pane loads on an old PC should not carry 34 KB it never shows.
 */
const dictionaries: Partial<Record<Lang, Dictionary>> = { zh };

/** Fetches a language's dictionary if it is not at hand yet. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  if (lang === "en") dictionaries.en = (await import(/* webpackChunkName: "i18n-en" */ "./en")).en;
}

/** A dictionary already loaded by its module (tests, and callers that import it themselves). */
export function registerLanguage(lang: Lang, dictionary: Dictionary): void {
  dictionaries[lang] = dictionary;
}

/** Where the choice is kept (localStorage). */
export const LANG_STORAGE_KEY = "kaoping.lang";

let current: Lang = "zh";

export function getLang(): Lang {
  return current;
}

/** The language of t(); one not loaded yet (loadLanguage) shows Chinese until it is. */
export function setLang(lang: Lang): void {
  current = lang;
}

/** `{name}` → params.name; a placeholder without a value stays visible, so a missing one shows in tests. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return format((dictionaries[lang] ?? zh)[key], params);
}

/** The message in the current language. */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

/** The placeholders a template uses, sorted (the same set in both languages). */
export function placeholders(template: string): string[] {
  const out: string[] = [];
  const re = /\{(\w+)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template)) !== null) if (out.indexOf(m[1]) < 0) out.push(m[1]);
  return out.sort();
}

const SHEET_LABELS: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const p of METHOD_SHEET_PARAMETERS) out[p.key] = p.label;
  return out;
})();

/** The English labels of the method's scalar parameters, by JSON path. */
export const EN_PARAMETER_LABELS: Readonly<Record<string, string>> = {
  name: "Method name",
  referenceDate: "Reference date for qualification screening",
  "economic.stepPercent": "Deviation per step (%)",
  "economic.pointsPerStep": "Points per step",
  "economic.basePoints": "Base points",
  "economic.stepwise": "Score whole steps only",
  "economic.maxBonusPoints": "Bonus cap per indicator",
  "economic.maxPenaltyPoints": "Penalty cap per indicator",
  "economic.belowBaseCapsOthers": "One indicator below base caps the others",
  "economic.lossReductionFactor": "Loss-reduction factor",
  "economic.lossMaxBonusPoints": "Bonus cap for a loss target",
  "economic.minAvailableShare": "Minimum share of indicator weight with data",
  "work.weights.economic": "Work weight: economic results",
  "work.weights.keyTasks": "Work weight: key tasks",
  "work.weights.partyBuilding": "Work weight: party building",
  "work.weights.safety": "Work weight: safety and stability",
  "final.workWeight": "Final weight: work results",
  "final.democraticWeight": "Final weight: democratic evaluation",
  "final.maxBonus": "Cap on total bonus",
  "democratic.minBallots": "Minimum ballots",
  "grades.excellentQuotaPercent": "Quota for 优秀 (%)",
  "grades.vetoCap": "Highest grade with a veto",
  "grades.lossCap": "Highest grade while still in loss",
  "grades.quotaRounding": "Rounding of the 优秀 quota",
  "grades.quotaGroupColumn": "Column of 考核对象 the quota is split by",
  "grades.voteCaps": "Vote rules",
  "ranking.ties": "Ranking of ties",
  "democratic.overall.name": "Overall item",
  "democratic.overall.aliases": "Overall item: other names",
  "democratic.overall.weight": "Overall item: weight in D",
  "ballots.invalidIfAllSame": "A ballot rating everything the same is invalid",
  "ballots.maxExcellentShare": "Most 优秀 on a ballot's overall item (share of its leaders)",
  "ballots.minTurnout": "Minimum turnout",
  "qualification.minAge": "Minimum age (years)",
  "qualification.minEducation": "Minimum education",
  "qualification.minPartyYears": "Minimum party standing (years)",
  "qualification.minWorkYears": "Minimum years of work",
  "qualification.minTitle": "Minimum professional title",
  "qualification.minDepartments": "Minimum number of departments",
  "qualification.minPostYears": "Minimum years in qualifying posts",
  "qualification.health": "Health",
  "qualification.preferredMajors": "Preferred majors",
  "papers.reviewNotice": "How to ask for a review (personal letters)",
};

/**
 * The label of a scalar method parameter: in Chinese the very words of the 考核方法 sheet (so the pane and
 * the sheet name a parameter alike), in English a translation. Unknown paths fall back to the path.
 */
export function parameterLabel(path: string, lang: Lang = current): string {
  if (lang === "zh") return SHEET_LABELS[path] ?? path;
  return EN_PARAMETER_LABELS[path] ?? SHEET_LABELS[path] ?? path;
}

/** The parameter paths the 考核方法 sheet names (for tests: the form must not invent labels). */
export function sheetParameterPaths(): string[] {
  return Object.keys(SHEET_LABELS);
}

/** Reads the saved choice; Chinese unless English was chosen. Storage may be unavailable (private modes). */
export function loadLang(storage: Pick<Storage, "getItem"> | null): Lang {
  try {
    return storage && storage.getItem(LANG_STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function saveLang(storage: Pick<Storage, "setItem"> | null, lang: Lang): void {
  try {
    if (storage) storage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // A pane whose storage is blocked keeps the choice for this session only.
  }
}
