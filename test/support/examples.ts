import { join } from "node:path";

/**
 * The worked examples (independently computed from the method; walked through by hand in docs/method.md,
 * appendix A), kept in the repository so that the tests do not depend on where a clone sits.
 */
export const EXAMPLES_DIR = join(__dirname, "../fixtures/examples");
