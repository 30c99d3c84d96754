/**
 * The task pane's legacy entry (webpack entry "taskpane-legacy", loaded by taskpane.html as
 * `<script nomodule defer>`, so only Internet Explorer 11 runs it): the webview of Office on Windows 7, 8.1
 * and Windows 10 before 1903, and of volume-licensed Office 2019 (ExcelApi 1.7). The same pane as taskpane.ts — 状态, 新建模板, 计算, 为什么, 撤销, 方法 — compiled to
 * ES5 by TypeScript, with the polyfills it needs loaded first, and without the optional features (Chart.js
 * cannot run in Internet Explorer): the 状态 view says that charts need a newer Excel.
 *
 * Import nothing here that pulls in chart.js, pptxgenjs or other code newer than ES5 (test/build/legacy.test.ts
 * parses this bundle as ES5). The style sheet comes from the modern entry's <link> in taskpane.html.
 */
import "./polyfills-legacy";
import { bootPane } from "./boot";

bootPane({ features: [], limitations: ["limit.charts"] });
