/**
 * The product's method defaults against docs/method.md §7 and §10.5 and docs/method.md §11.2 (the `ballots` keys), as
 * the oracle copies them (its own copy, not the product's): a wrong default (minWorkYears 10 → 8) no longer
 * passes unnoticed.
 */
import { describe, expect, it } from "vitest";
import { defaultMethod } from "../../src/method/defaults";
import { ORACLE_DEFAULTS } from "../support/oracle";

/** A rule without minDays may carry it as absent or null (docs/method.md writes it absent). */
function normalized(method: unknown): unknown {
  const m = structuredClone(method) as { personal?: { rules?: Record<string, unknown>[] } };
  for (const r of m.personal?.rules ?? []) if (r.minDays === null || r.minDays === undefined) delete r.minDays;
  return m;
}

describe("the method's defaults", () => {
  it("are docs/method.md's: the product's defaultMethod() equals §7, §10.5 and §11.2, key by key", () => {
    expect(normalized(defaultMethod())).toStrictEqual(normalized(ORACLE_DEFAULTS));
  });
});
