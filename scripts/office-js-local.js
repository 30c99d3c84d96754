// The build option KAOPING_OFFICE_JS=local: serve office.js from dist/office-js/ (a copy of the needed part
// of node_modules/@microsoft/office-js/dist/) instead of Microsoft's CDN, for intranets without internet.
// Microsoft supports only the CDN in production; this copy is pinned to the npm package's version.
//
// What office.js loads, relative to its own URL (read from office.js 1.1.110):
// - the host file "<host>-<platform>-<version>.js", built from the _host_Info that Office passes, with the
//   version capped by OSF.HostSpecificFileVersionMap: for Excel win32 16.01 (older builds ask 16.00), mac,
//   web and ios 16.00. (android and winrt exist too; Excel add-ins do not run there.)
// - "o15apptofilemappingtable.js" when there is no _host_Info (Office 2013, or the page opened outside Office,
//   as in the browser test); it loads excel-15*.js only inside Office 2013, which ExcelApi 1.8 excludes.
// - "<locale>/office_strings.js" for the display language, falling back to "en-us/office_strings.js".
//   Only zh-cn and en-us are copied: any other language falls back to en-us.
// - telemetry/ and ariatelemetry/ scripts (usage logging) and webauth/ (single sign-on): not copied. The
//   add-in sends no telemetry and uses no SSO; office.js catches the failed loads and carries on.
// The old Windows host file excel-win32-16.00.js fetches MicrosoftAjax.js from ajax.aspnetcdn.com itself.
/* global module process */
"use strict";

const OFFICE_JS_DIST = "node_modules/@microsoft/office-js/dist";

/** Where the copy goes inside dist/, and so the path taskpane.html and commands.html load it from. */
const OFFICE_JS_DIR = "office-js";

/** The files copied, relative to OFFICE_JS_DIST (and to dist/office-js/). */
const OFFICE_JS_FILES = [
  "office.js",
  "o15apptofilemappingtable.js",
  "excel-win32-16.01.js",
  "excel-win32-16.00.js",
  "excel-mac-16.00.js",
  "excel-web-16.00.js",
  "excel-ios-16.00.js",
  "zh-cn/office_strings.js",
  "en-us/office_strings.js",
];

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** "cdn" (the default) or "local"; anything else is an error that says what to set. */
function officeJsMode(env) {
  const raw = ((env ?? process.env).KAOPING_OFFICE_JS ?? "").trim().toLowerCase();
  if (raw === "" || raw === "cdn") return "cdn";
  if (raw === "local") return "local";
  throw new Error(`KAOPING_OFFICE_JS must be "cdn" (default) or "local", not "${raw}"`);
}

/** The src of the office.js <script> tag in the built pages (relative to dist/ for the local copy). */
function officeJsSrc(mode) {
  return mode === "local" ? `${OFFICE_JS_DIR}/office.js` : OFFICE_JS_CDN;
}

module.exports = { OFFICE_JS_DIST, OFFICE_JS_DIR, OFFICE_JS_FILES, OFFICE_JS_CDN, officeJsMode, officeJsSrc };
