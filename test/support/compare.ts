/**
 * Compares a result document (the product's --json, or the oracle's) with an expected one by the rules of
 * test/fixtures/examples/README.md: leaders in the same order; scores within 0.01; rates within 0.0001; rank,
 * grade and status exactly; flags by code as a set (a flag may be a code or `{ code, message }`).
 * Qualification (when expected): same order and names, `result` exactly, `unmet` codes as a set.
 * Names and units compare after docs/method.md §1 normalization. Returns the differences, empty when equal.
 */
import type { Expected } from "./case";
import { normName } from "./text";

const SCORES = [
  "economic",
  "keyTasks",
  "partyBuilding",
  "safety",
  "work",
  "democratic",
  "adjustment",
  "final",
] as const;
const RATES = ["excellentRate", "competentRate", "unfitRate"] as const;

function codes(flags: unknown): string[] {
  if (!Array.isArray(flags)) return ["<not an array>"];
  return flags.map((f) => (typeof f === "string" ? f : String((f as { code?: unknown }).code))).sort();
}

function near(a: unknown, b: unknown, tol: number): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= tol + 1e-9;
}

export function compareResults(actual: unknown, expected: Expected): string[] {
  const diffs: string[] = [];
  const act = actual as { leaders?: Record<string, unknown>[]; qualification?: Record<string, unknown>[] | null };
  const al = act.leaders ?? [];
  if (al.length !== expected.leaders.length) diffs.push(`leaders: ${al.length} ≠ ${expected.leaders.length}`);
  expected.leaders.forEach((e, i) => {
    const a = al[i];
    if (!a) return;
    const who = `#${i} ${e.name}/${e.unit}`;
    if (normName(String(a.name)) !== normName(e.name) || normName(String(a.unit)) !== normName(e.unit))
      diffs.push(`${who}: is ${String(a.name)}/${String(a.unit)}`);
    for (const f of SCORES) if (!near(a[f], e[f], 0.01)) diffs.push(`${who}: ${f} ${String(a[f])} ≠ ${String(e[f])}`);
    for (const f of RATES) if (!near(a[f], e[f], 0.0001)) diffs.push(`${who}: ${f} ${String(a[f])} ≠ ${String(e[f])}`);
    for (const f of ["rank", "grade", "status"] as const)
      if ((a[f] ?? null) !== e[f]) diffs.push(`${who}: ${f} ${String(a[f])} ≠ ${String(e[f])}`);
    const af = codes(a.flags).join(",");
    const ef = [...e.flags].sort().join(",");
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
      if (a.result !== e.result) diffs.push(`${who}: result ${String(a.result)} ≠ ${e.result}`);
      const au = (Array.isArray(a.unmet) ? a.unmet : [])
        .map((u: unknown) => (typeof u === "string" ? u : String((u as { criterion?: unknown }).criterion)))
        .sort()
        .join(",");
      const eu = [...e.unmet].sort().join(",");
      if (au !== eu) diffs.push(`${who}: unmet [${au}] ≠ [${eu}]`);
    });
  }
  return diffs;
}
