/**
 * The task pane's modern entry (webpack entry "taskpane", loaded by taskpane.html as type="module"): every
 * webview Office shows add-ins in except Internet Explorer runs it — WebView2, Edge Legacy (EdgeHTML 18),
 * Safari on Mac, the browsers of Excel on the web. It carries the pane's optional features (the seam is
 * described in app.ts); taskpane-legacy.ts is the same pane for Internet Explorer 11, without them.
 */
import "./taskpane.css";
import type { PaneFeature } from "./app";
import { bootPane } from "./boot";
import { missingModernBuiltins } from "./builtins";
import { chartsFeature } from "./features/charts";
import { termFeature } from "./features/term";
import { papersExports } from "./features/papers";

/**
 * The views only this build has: 图表 (charts). Its code — Chart.js, pptxgenjs — is a chunk of its own,
 * fetched when the tab is first opened (features/charts.ts).
 */
const FEATURES: PaneFeature[] = [chartsFeature, termFeature];

// The core uses these built-ins inside functions only, never while its modules load, so the polyfills can
// arrive after them — before the pane starts. Should the chunk fail to load, the pane starts all the same.
const polyfilled: Promise<unknown> =
  missingModernBuiltins().length > 0
    ? import(/* webpackChunkName: "polyfills-modern" */ "./polyfills-modern").catch(() => undefined)
    : Promise.resolve();

// 导出考核报告 and 导出个人通知书 (the `docx` library, a chunk of its own) come with this build only.
void polyfilled.then(() => bootPane({ features: FEATURES, exports: papersExports }));
