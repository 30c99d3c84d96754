/**
 * Polyfills for the modern bundle, from core-js 3, for Microsoft Edge Legacy (EdgeHTML 18): the built-ins of
 * builtins.ts, and a stable Array.prototype.sort (EdgeHTML's is not; core-js replaces it on Internet
 * Explorer and Edge Legacy only). A chunk of its own that taskpane.ts loads only where builtins.ts finds
 * something missing: about 34 KB minified, which no other webview needs to download.
 */
import "core-js/stable/array/flat";
import "core-js/stable/array/flat-map";
import "core-js/stable/array/sort";
import "core-js/stable/object/from-entries";
import "core-js/stable/string/match-all";
import "core-js/stable/string/trim-end";

export {};
