/**
 * Starting the pane, shared by the two entry modules (taskpane.ts for webviews that run ES modules,
 * taskpane-legacy.ts for Internet Explorer 11): once Office.js is ready it applies the theme and the saved
 * language, and starts the pane (app.ts) on the add-in's operations (src/excel/addin.ts) with the entry's
 * options. Opened outside Excel (host null, or no Excel API), it says so and does nothing else.
 */
import { createAddin, officeHost } from "../excel/addin";
import { type PaneOptions, PaneApp } from "./app";
import { loadLang, loadLanguage, setLang, t } from "./i18n";
import { followTheme } from "./theme";

function storage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

/** Starts the pane in `doc` for the host office.js reports; returns the app, or null outside Excel. */
export function showReady(doc: Document, host: Office.HostType | null, options: PaneOptions = {}): PaneApp | null {
  const win = doc.defaultView || window;
  const store = storage(win);
  setLang(loadLang(store));
  followTheme(doc, win);
  doc.documentElement.setAttribute("data-office-host", host === null ? "none" : String(host));
  const status = doc.getElementById("kp-status");
  const main = doc.getElementById("kp-app");
  const inExcel = host !== null && String(host) === "Excel" && typeof Excel !== "undefined";
  if (!main || !inExcel) {
    if (status) {
      status.textContent = t("app.noExcel");
      status.classList.add("kp-status-alone");
    }
    return null;
  }
  if (status && status.parentNode) status.parentNode.removeChild(status);
  const app = new PaneApp(doc, createAddin(officeHost()), main, store, options);
  app.start();
  return app;
}

/** Before Office.js is ready: the waiting line, in the language chosen last time. */
function showConnecting(doc: Document): void {
  setLang(loadLang(storage(doc.defaultView || window)));
  const status = doc.getElementById("kp-status");
  if (status) status.textContent = t("app.connecting");
}

/** The entry modules' one call: the pane in this page, with what this build carries. */
export function bootPane(options: PaneOptions): void {
  // English, when chosen last time, is fetched while Office.js starts; the pane waits for both.
  const lang = loadLanguage(loadLang(storage(window))).catch(() => undefined);
  showConnecting(document);
  if (typeof Office !== "undefined") {
    Office.onReady((info) => {
      void lang.then(() => showReady(document, info.host, options));
    });
  } else {
    // office.js did not load (no network to the CDN, say): the pane cannot reach Excel.
    showReady(document, null, options);
  }
}
