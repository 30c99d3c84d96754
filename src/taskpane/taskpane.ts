/**
 * The task pane's entry module (webpack entry "taskpane", page taskpane.html). A placeholder: it shows the
 * product name once Office.js is ready, so the build and sideloading can be checked end to end. The pane's
 * real views replace the body of showReady(); the file names, the entry name and the element ids of
 * taskpane.html (#kp-app, #kp-status) are what the build and the manifest rely on.
 */
import "./taskpane.css";

/** Fills the pane once Office.js has initialized; `host` is null when the page is opened outside Office. */
export function showReady(doc: Document, host: Office.HostType | null): void {
  const status = doc.getElementById("kp-status");
  if (status) {
    status.textContent = "考评 Kaoping";
  }
  doc.documentElement.dataset["officeHost"] = host === null ? "none" : String(host);
}

Office.onReady((info) => showReady(document, info.host));
