// dist-cli/kaoping.cjs (copied there by scripts/cli.cjs when it builds): runs the bundle kaoping.main.cjs
// with V8's code cache. Compiling the 700 KB bundle, and then each function the first time it is called,
// costs about a tenth of a second of every run; the cache (kaoping.main.cache beside the bundle) holds the
// bytecode as a run left it and is made by the first successful run of each command. It is used only for
// the very file it was made from: its header names the bundle's inode, size and modification time and
// node's version, checked at every start (V8 itself checks only the source's length, its own version and
// flags). A build writes the bundle anew, so a rebuilt or edited bundle never meets an old cache. (Not a
// hash of the bytes: node's crypto module alone takes 3 ms to load, and the command line needs it nowhere
// else.) A cache that does not match is ignored and replaced; one that cannot be written (a read-only
// folder) is simply not there.
/* global require module process __dirname Buffer */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

// A run lasts a fraction of a second, and on two cores the optimizing compiler's background work competes with
// the run itself: inlining only small functions into hot ones (a cumulative 100 bytes of bytecode instead of
// V8's 920) made `score --out` 4–6 % faster at 2,000 and 10,000 leaders and `--formulas` 5 % (npm run bench,
// each variant with a code cache of its own). V8 keys a code cache to its flags: the flag is set before the
// bundle is compiled, so that the cache below is made and checked under the same ones. Node's own modules
// come with code caches made under V8's default flags, which V8 then refuses: those a run of `score` needs
// (the bundle's, and those behind stdout and stderr) are loaded first, with their caches, which saved a
// further 10–15 ms of a 2,000-leader run.
require("node:fs/promises");
require("node:zlib");
void process.stdout;
void process.stderr;
require("node:v8").setFlagsFromString("--max-inlined-bytecode-size-cumulative=100");

const MAIN = path.join(__dirname, "kaoping.main.cjs");
const CACHE = path.join(__dirname, "kaoping.main.cache");
/** The commands a cache has seen run: a run of another one compiles more, and writes the cache again. */
const COMMANDS = ["score", "tally", "ballots", "term"];

// The bytes and what the key names read from one open file: a build renames a new bundle into place.
const fd = fs.openSync(MAIN, "r");
const made = fs.fstatSync(fd);
const source = fs.readFileSync(fd);
fs.closeSync(fd);
const key = Buffer.from(`${made.ino}:${made.size}:${made.mtimeMs}:${process.version}\n`, "latin1");
const HEADER = key.length + 1;

let cached;
let seen = [];
try {
  const file = fs.readFileSync(CACHE);
  if (file.length > HEADER && file.subarray(0, key.length).equals(key)) {
    const mask = file[key.length];
    seen = COMMANDS.filter((_, k) => mask & (1 << k));
    cached = file.subarray(HEADER);
  }
} catch {
  // No cache yet.
}

const script = new vm.Script(Module.wrap(source.toString("utf8")), {
  filename: MAIN,
  cachedData: cached,
  importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});

if (script.cachedDataRejected) seen = [];
const command = COMMANDS.includes(process.argv[2]) ? process.argv[2] : null;
if (cached === undefined || script.cachedDataRejected || (command !== null && !seen.includes(command))) {
  process.once("exit", (code) => {
    if (code !== 0) return;
    const tmp = `${CACHE}.${process.pid}.tmp`;
    try {
      const mask = [...seen, ...(command === null ? [] : [command])].reduce(
        (m, c) => m | (1 << COMMANDS.indexOf(c)),
        0,
      );
      fs.writeFileSync(tmp, Buffer.concat([key, Buffer.of(mask), script.createCachedData()]));
      fs.renameSync(tmp, CACHE);
    } catch {
      // The cache is only a saving: without it the bundle is compiled as usual.
      fs.rmSync(tmp, { force: true });
    }
  });
}

const main = new Module(MAIN, module);
main.filename = MAIN;
main.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(main.exports, main.exports, Module.createRequire(MAIN), main, MAIN, __dirname);
main.loaded = true;
