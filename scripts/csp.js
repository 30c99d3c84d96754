// The Content-Security-Policy of the pane's pages (taskpane.html, commands.html), as a <meta http-equiv>:
// the pages are static files any server may host, so the policy travels in them rather than in headers.
//
// - Scripts only from the add-in's own origin and from where office.js is: Microsoft's CDN folder
//   (office.js loads its host files, e.g. excel-web-16.00.js, from the same folder) or, with
//   KAOPING_OFFICE_JS=local, the copy under the add-in's origin ('self'). No inline script, no eval: a name
//   in the workbook that held markup could not run even if the pane rendered it as HTML (it renders text).
//   The Windows host file of old Office 2016 builds (excel-win32-16.00.js) fetches MicrosoftAjax.js from
//   ajax.aspnetcdn.com; it is not allowed: those builds lack ExcelApi 1.8 and show add-ins in Internet
//   Explorer, which ignores this policy anyway.
// - Styles from the origin, and inline: Office.js's Excel host file sets inline styles (office-js #1687).
// - Images from the origin, data: and blob: (chart previews and PNG downloads); fonts from the origin.
// - Connections only to the origin (office.js talks to Office through the host, not the network; its own
//   telemetry, were it to try, is refused); the development server adds its WebSocket.
// - No plug-ins, frames, forms or <base>.
// frame-ancestors cannot be set by <meta>: a server that wants it sends the header itself.
/* global module require */
"use strict";

const { OFFICE_JS_CDN } = require("./office-js-local.js");

/** The folder of office.js on Microsoft's CDN, as a CSP path source (everything under it). */
const OFFICE_JS_CDN_FOLDER = OFFICE_JS_CDN.slice(0, OFFICE_JS_CDN.lastIndexOf("/") + 1);

/**
 * The policy for a build: `officeJs` "cdn" or "local"; `devServer` the host:port of the development server
 * when serving (its WebSocket, ws or wss, is allowed), else null.
 */
function contentSecurityPolicy(officeJs, devServer) {
  const scripts = officeJs === "local" ? ["'self'"] : ["'self'", OFFICE_JS_CDN_FOLDER];
  const connect = ["'self'"];
  if (devServer) connect.push(`ws://${devServer}`, `wss://${devServer}`);
  return [
    "default-src 'none'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

module.exports = { OFFICE_JS_CDN_FOLDER, contentSecurityPolicy };
