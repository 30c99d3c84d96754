import { join } from "node:path";

/**
 * The worked examples of ../shared/examples (METHOD.md's independently computed cases), copied into the
 * repository so that the tests do not depend on where a clone sits.
 */
export const EXAMPLES_DIR = join(__dirname, "../fixtures/examples");
