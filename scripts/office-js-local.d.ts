/** node_modules/@microsoft/office-js/dist, relative to the project root. */
export const OFFICE_JS_DIST: string;
/** "office-js": the folder inside dist/ that holds the local copy. */
export const OFFICE_JS_DIR: string;
/** The files of the local copy, relative to OFFICE_JS_DIST and to dist/office-js/. */
export const OFFICE_JS_FILES: readonly string[];
/** Microsoft's CDN URL of office.js (the default). */
export const OFFICE_JS_CDN: string;
/** KAOPING_OFFICE_JS from env (default process.env): "cdn" when unset; throws on an unknown value. */
export function officeJsMode(env?: Record<string, string | undefined>): "cdn" | "local";
/** The src of the office.js <script> tag for a mode. */
export function officeJsSrc(mode: "cdn" | "local"): string;
