/**
 * The outside programs some tests need (headless Chromium, xmllint), and what happens when one is absent.
 *
 * A test file asks `skipWithout("chromium", "the task pane in headless Chromium")` and passes the answer to
 * describe.skipIf / it.skipIf. With the tool installed nothing changes. Without it:
 * - under CI (`CI=true`, as .ci/run sets) a test named "REQUIRED: chromium missing — …" fails the run, so a
 *   CI machine without the tool can never stay green on fewer tests;
 * - locally a skipped test named "SKIPPED: chromium missing — …" stands in for them, and
 *   test/support/skipReporter.ts lists every such test after the summary.
 *
 * KAOPING_HIDE_TOOLS=chromium,xmllint makes the named tools count as missing, to see both behaviours on a
 * machine that has them.
 *
 * Tools that tests simply call (soffice; pdftoppm is not used by any test) need nothing here: when absent, the
 * call throws with an install hint and the test fails, in CI and locally alike.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { it } from "vitest";

/** True under CI: `CI` set to anything but "", "0" or "false". */
export const IN_CI = ((v) => v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false")(process.env.CI);

/** The prefix of the stand-in test a local run shows for tests that could not run. */
export const SKIPPED_PREFIX = "SKIPPED: ";

export type Tool = "chromium" | "xmllint";

export const CHROMIUM_PATH = "/usr/bin/chromium";

const TOOLS: Record<Tool, { present: () => boolean; missing: string }> = {
  chromium: {
    present: () => existsSync(CHROMIUM_PATH),
    missing: `${CHROMIUM_PATH} not found (Debian: apt-get install chromium fonts-wqy-microhei)`,
  },
  xmllint: {
    present: () => spawnSync("xmllint", ["--version"], { encoding: "utf8" }).error === undefined,
    missing: "xmllint not on PATH (Debian: apt-get install libxml2-utils)",
  },
};

const known = new Map<Tool, boolean>();
const hidden = new Set((process.env.KAOPING_HIDE_TOOLS ?? "").split(",").map((t) => t.trim()));

/** Whether the tool is installed (checked once per test file). */
export function have(tool: Tool): boolean {
  let p = known.get(tool);
  if (p === undefined) known.set(tool, (p = !hidden.has(tool) && TOOLS[tool].present()));
  return p;
}

/**
 * True when the tests of `what` must be skipped because `tool` is missing; registers, in the suite being
 * collected, the test that says so (failing under CI, skipped locally). False when the tool is there.
 */
export function skipWithout(tool: Tool, what: string): boolean {
  if (have(tool)) return false;
  const why = `${tool} missing — ${TOOLS[tool].missing}; not run: ${what}`;
  if (IN_CI) {
    it(`REQUIRED: ${why}`, () => {
      throw new Error(`CI=true: ${why}. Install it (see .ci/run); CI does not skip these tests.`);
    });
  } else {
    it.skip(`${SKIPPED_PREFIX}${why}`, () => {});
  }
  return true;
}
