/**
 * The built-ins newer than ES2017 that the pane's code uses, which Microsoft Edge Legacy (EdgeHTML 18: the
 * webview of Office 2016/2019 and Microsoft 365 builds on Windows 10 without WebView2) lacks. Every other
 * webview that runs the modern bundle has them; there, polyfills-modern.ts is never even downloaded
 * (taskpane.ts loads it only when one of these is missing). test/taskpane/polyfills.test.ts keeps this list,
 * polyfills-modern.ts and the code in step.
 */
export const MODERN_BUILTINS: readonly (readonly [name: string, get: () => unknown])[] = [
  ["Object.fromEntries", () => Object.fromEntries],
  ["Array.prototype.flat", () => Array.prototype.flat],
  ["Array.prototype.flatMap", () => Array.prototype.flatMap],
  ["String.prototype.matchAll", () => String.prototype.matchAll],
  ["String.prototype.trimEnd", () => String.prototype.trimEnd],
];

/** The names of MODERN_BUILTINS this engine lacks. */
export function missingModernBuiltins(): string[] {
  return MODERN_BUILTINS.filter(([, get]) => typeof get() !== "function").map(([name]) => name);
}
