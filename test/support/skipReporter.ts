/**
 * A vitest reporter that follows the default one and lists, after its summary, the tests that could not run
 * because a tool is missing (the "SKIPPED: …" stand-ins of test/support/tools.ts), so a local run says so
 * where it is read, not only in a warning scrolled away above.
 */
import type { Reporter, TestModule } from "vitest/node";
import { SKIPPED_PREFIX } from "./tools";

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        if (t.name.startsWith(SKIPPED_PREFIX))
          lines.push(`  ${m.relativeModuleId}: ${t.name.slice(SKIPPED_PREFIX.length)}`);
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(
      `\n\x1b[33mNOT RUN — tools missing on this machine (under CI=true these fail the run):\x1b[0m\n${lines.join("\n")}\n\n`,
    );
  }
}
