import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The second reporter lists, after the summary, the tests a missing tool kept from running
    // (test/support/tools.ts).
    reporters: ["default", "./test/support/skipReporter.ts"],
  },
});
