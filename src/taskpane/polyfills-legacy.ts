/**
 * The built-ins the pane's code (src/taskpane, src/excel and the pure core) and TypeScript's ES5 output use
 * that Internet Explorer 11 lacks or gets wrong, from core-js 3 (global, feature-detected: each one is
 * installed only where the engine's own is missing or broken). Imported first by taskpane-legacy.ts.
 *
 * Listed one by one rather than all of core-js/stable, which is several times the size (the numbers are in
 * test/build/legacy.test.ts's output). test/taskpane/polyfills.test.ts fails when the code starts using a
 * built-in that is missing here; add the module here then.
 */

// The language: async functions become generators over Promise; for…of and spread (downlevelIteration)
// use Symbol.iterator, which these define for arrays, strings (by code point), Map and Set.
import "core-js/stable/promise";
import "core-js/stable/symbol";
import "core-js/stable/array/iterator";
import "core-js/stable/string/iterator";
// Internet Explorer's Map and Set ignore the constructor's argument and cannot be iterated.
import "core-js/stable/map";
import "core-js/stable/set";
// Internet Explorer's WeakMap cannot be chained (set returns undefined) nor filled by its constructor.
import "core-js/stable/weak-map";

import "core-js/stable/array/fill";
import "core-js/stable/array/find";
import "core-js/stable/array/find-index";
import "core-js/stable/array/flat";
import "core-js/stable/array/flat-map";
import "core-js/stable/array/from";
import "core-js/stable/array/includes";
// Internet Explorer's sort is not stable; core-js replaces it there.
import "core-js/stable/array/sort";

import "core-js/stable/math/hypot";
import "core-js/stable/math/sign";
import "core-js/stable/math/trunc";

import "core-js/stable/number/is-finite";
import "core-js/stable/number/is-integer";
import "core-js/stable/number/is-nan";

import "core-js/stable/object/assign";
import "core-js/stable/object/entries";
import "core-js/stable/object/from-entries";
// ES5's Object.keys throws on a string or a number; ES2015's converts them.
import "core-js/stable/object/keys";
import "core-js/stable/object/values";

import "core-js/stable/string/code-point-at";
import "core-js/stable/string/ends-with";
import "core-js/stable/string/from-code-point";
import "core-js/stable/string/includes";
import "core-js/stable/string/match-all";
import "core-js/stable/string/pad-end";
import "core-js/stable/string/pad-start";
import "core-js/stable/string/repeat";
import "core-js/stable/string/starts-with";
import "core-js/stable/string/trim-end";

export {};
