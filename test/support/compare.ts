/**
 * Compares a result document (the product's --json or engine result, or the oracle's) with an expected one.
 * Exact: docs/method.md §5 fixes the rounding (scores to 2 decimals, rates to 4, half away from zero), so the two
 * sides must agree to the last reported digit — no tolerance. The expected value is rounded as §5 rounds
 * (a no-op for the oracle and for the worked examples' files, which carry no more digits); the actual value is
 * compared as it is, unrounded, so a product that forgets to round fails. `null` (missing) is distinct from 0,
 * and a field absent from the actual document is a difference.
 *
 * Compared per leader (same order): name and unit (after docs/method.md §1 normalization), position when expected, every score and rate, adjustment, final, rank, grade, status, and the flags by code as a set (a
 * flag may be a code or `{ code, message }`; a rule listed once per rule or once per effect compares equal).
 * Qualification (when expected): same order, name, unit (when expected; blank and the missing markers
 * of §1 are one "none"), result, and `unmet`, `unknown` and
 * `notices` (when expected) — criteria as sets of codes; a notice is the code `major`, which the product may
 * give as a code or as a message naming the 专业. Summary (when expected): graded, excellent, and the quota q
 * (when expected, i.e. without quota groups). Returns the differences, empty when equal.
 */
import type { Expected } from "./case";
import { excelRound } from "./oracle";
import { isMissingText, normName } from "./text";

export const SCORE_FIELDS = [
  "economic",
  "keyTasks",
  "partyBuilding",
  "safety",
  "work",
  "democratic",
  "adjustment",
  "final",
] as const;
export const RATE_FIELDS = ["excellentRate", "competentRate", "unfitRate"] as const;

function codes(flags: unknown): string[] {
  if (!Array.isArray(flags)) return ["<not an array>"];
  return [...new Set(flags.map((f) => (typeof f === "string" ? f : String((f as { code?: unknown }).code))))].sort();
}

function show(v: unknown): string {
  return v === undefined ? "<absent>" : JSON.stringify(v);
}

/** Exactly the §5-rounded expected value; null only for null; a number only for a number. */
function sameRounded(actual: unknown, expected: number | null | undefined, digits: number): boolean {
  if (expected === null || expected === undefined) return actual === null;
  return typeof actual === "number" && actual === excelRound(expected, digits);
}

function criteria(list: unknown): string {
  if (!Array.isArray(list)) return "<not an array>";
  return list
    .map((u: unknown) => (typeof u === "string" ? u : String((u as { criterion?: unknown }).criterion)))
    .sort()
    .join(",");
}

/** A notice as a code: `major` when the product names the 专业 in its message. */
function noticeCodes(list: unknown): string {
  if (!Array.isArray(list)) return "<not an array>";
  return list
    .map((n: unknown) => {
      const s = typeof n === "string" ? n : String((n as { code?: unknown; message?: unknown }).code ?? n);
      return s === "major" || s.includes("专业") ? "major" : s;
    })
    .sort()
    .join(",");
}

/** A candidate's 单位 echoed from 资质审查: blank and the missing markers of §1 (`-`, `无` …) are all "none". */
function unitKey(u: unknown): string | null {
  if (u === null || u === undefined) return null;
  const s = String(u);
  return isMissingText(s) ? null : normName(s);
}

export function compareResults(actual: unknown, expected: Expected): string[] {
  const diffs: string[] = [];
  const act = actual as {
    leaders?: Record<string, unknown>[];
    qualification?: Record<string, unknown>[] | null;
    summary?: Record<string, unknown>;
  };
  const al = act.leaders ?? [];
  if (al.length !== expected.leaders.length) diffs.push(`leaders: ${al.length} ≠ ${expected.leaders.length}`);
  expected.leaders.forEach((e, i) => {
    const a = al[i];
    if (!a) return;
    const who = `#${i} ${e.name}/${e.unit}`;
    if (normName(String(a.name)) !== normName(e.name) || normName(String(a.unit)) !== normName(e.unit))
      diffs.push(`${who}: is ${String(a.name)}/${String(a.unit)}`);
    if (e.position !== undefined && a.position !== e.position)
      diffs.push(`${who}: position ${show(a.position)} ≠ ${show(e.position)}`);
    for (const f of SCORE_FIELDS)
      if (!sameRounded(a[f], e[f], 2)) diffs.push(`${who}: ${f} ${show(a[f])} ≠ ${show(e[f])}`);
    for (const f of RATE_FIELDS)
      if (!sameRounded(a[f], e[f], 4)) diffs.push(`${who}: ${f} ${show(a[f])} ≠ ${show(e[f])}`);
    for (const f of ["rank", "grade", "status"] as const)
      if (a[f] !== e[f]) diffs.push(`${who}: ${f} ${show(a[f])} ≠ ${show(e[f])}`);
    const af = codes(a.flags).join(",");
    const ef = codes(e.flags).join(",");
    if (af !== ef) diffs.push(`${who}: flags [${af}] ≠ [${ef}]`);
  });
  if (expected.qualification) {
    const aq = act.qualification ?? [];
    if (aq.length !== expected.qualification.length)
      diffs.push(`qualification: ${aq.length} ≠ ${expected.qualification.length}`);
    expected.qualification.forEach((e, i) => {
      const a = aq[i];
      if (!a) return;
      const who = `qualification #${i} ${e.name}`;
      if (normName(String(a.name)) !== normName(e.name)) diffs.push(`${who}: is ${String(a.name)}`);
      if (e.unit !== undefined && unitKey(a.unit) !== unitKey(e.unit))
        diffs.push(`${who}: unit ${show(a.unit)} ≠ ${show(e.unit)}`);
      if (a.result !== e.result) diffs.push(`${who}: result ${show(a.result)} ≠ ${e.result}`);
      const au = criteria(a.unmet);
      const eu = [...e.unmet].sort().join(",");
      if (au !== eu) diffs.push(`${who}: unmet [${au}] ≠ [${eu}]`);
      if (e.unknown !== undefined) {
        const ak = criteria(a.unknown);
        const ek = [...e.unknown].sort().join(",");
        if (ak !== ek) diffs.push(`${who}: unknown [${ak}] ≠ [${ek}]`);
      }
      if (e.notices !== undefined) {
        const an = noticeCodes(a.notices);
        const en = [...e.notices].sort().join(",");
        if (an !== en) diffs.push(`${who}: notices [${an}] ≠ [${en}]`);
      }
    });
  }
  if (expected.summary) {
    const s = act.summary ?? {};
    for (const [k, v] of Object.entries(expected.summary))
      if (v !== undefined && s[k] !== v) diffs.push(`summary.${k} ${show(s[k])} ≠ ${show(v)}`);
  }
  return diffs;
}
